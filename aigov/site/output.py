"""The output folders of a build, kept safe: refusing an output folder whose replacement would
destroy something that is not a site, refusing a build folder that is a link, and swapping a
freshly rendered site into place with two renames (cleaning up after builds that were killed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import aigov.site.mkdocs_config as mc
from aigov.diagnostics import Diagnostic
from aigov.paths import display_path
from aigov.site.base import BUILD_DIR, BuildError
from aigov.site.writer import TreeWriter


def default_site_dir(root: Path, user: mc.UserConfig) -> Path:
    base = user.folder if user.path is not None else root
    # normalised, not resolved: a link named site/ must stay visible to check_site_dir
    return Path(os.path.abspath(base / user.site_dir))


def check_site_dir(site_dir: Path, root: Path) -> None:
    """Refuse output folders whose replacement would destroy something that is not a site."""
    site = site_dir.absolute()
    resolved = site.resolve()
    protected = {
        root.resolve(): "the governance repository itself",
        (root / "systems").resolve(): "the records folder systems/",
        (root / BUILD_DIR).resolve(): "aigov's build folder",
        (root / ".git").resolve(): "the git folder",
        (root / "templates").resolve(): "the templates folder",
    }
    for path, what in protected.items():
        if resolved == path or path.is_relative_to(resolved):
            raise BuildError(
                Diagnostic(
                    display_path(site),
                    0,
                    0,
                    "AIG-SITE-DIR",
                    f"refusing to build into {display_path(site)}: it is or contains {what}",
                    hint="Choose a folder of its own for the site, such as site/ (the default).",
                )
            )
    if resolved.is_relative_to((root / "systems").resolve()) or resolved.is_relative_to(
        (root / BUILD_DIR).resolve()
    ):
        raise BuildError(
            Diagnostic(
                display_path(site),
                0,
                0,
                "AIG-SITE-DIR",
                f"refusing to build into {display_path(site)}: it lies inside a folder aigov reads",
                hint="Choose a folder outside systems/ and .aigov-build/, such as site/.",
            )
        )
    if site.is_symlink():
        raise BuildError(
            Diagnostic(
                display_path(site),
                0,
                0,
                "AIG-SITE-DIR",
                f"{display_path(site)} is a symbolic link; aigov replaces the output folder as a whole",
                hint="Point --site-dir at a real folder (or remove the link).",
            )
        )
    if site.exists() and not site.is_dir():
        raise BuildError(
            Diagnostic(
                display_path(site),
                0,
                0,
                "AIG-SITE-DIR",
                f"{display_path(site)} exists and is not a folder",
                hint="Remove it or choose another --site-dir.",
            )
        )
    if site.is_dir() and any(site.iterdir()) and not built_by_aigov(site):
        shown = display_path(site)
        raise BuildError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-DIR",
                f"{shown} holds files that are not a built site (it has no {SITE_MARKER} file, "
                "which aigov writes into every site it builds); aigov will not replace it",
                hint="Point --site-dir (or site_dir in mkdocs.yml) at an empty or new folder, "
                f"or at a site aigov built; if {shown} is disposable, delete it first.",
            )
        )


SITE_MARKER = ".aigov-site"
MARKER_TEXT = (
    "This folder is a site built by aigov (`aigov build`).\n"
    "aigov replaces it as a whole on every build; it only ever replaces a folder holding\n"
    "this file (or an empty one). Do not keep your own files here.\n"
)


def built_by_aigov(folder: Path) -> bool:
    """Whether `folder` is a site aigov built, so replacing it loses nothing of the user's.

    Sites built since the marker exists hold `.aigov-site`. Sites built before it are known
    by aigov's own assets folder next to a home page (`assets/aigov/aigov.css` and
    `index.html`): no MkDocs theme folder or hand-made folder has both. A `404.html` or a
    `sitemap.xml` alone says nothing (a theme's `overrides/` folder holds a 404.html)."""
    if (folder / SITE_MARKER).is_file():
        return True
    return (folder / "index.html").is_file() and (folder / "assets/aigov/aigov.css").is_file()


def mark_site(folder: Path) -> None:
    """Write the marker that lets the next build replace `folder` (see `built_by_aigov`)."""
    (folder / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def prepare_build_folder(build_dir: Path) -> TreeWriter:
    """The writer for `.aigov-build/docs/`, after refusing a build folder that is a link."""
    for folder in (build_dir, build_dir / "docs"):
        # aigov writes here and removes what it no longer generates: through a link (one
        # committed to the repository, say) that would happen wherever the link points
        if folder.is_symlink():
            raise BuildError(
                Diagnostic(
                    display_path(folder),
                    0,
                    0,
                    "AIG-SITE-PATH",
                    f"{display_path(folder)} is a symbolic link (to {folder.resolve()}); aigov "
                    "writes and removes files in its build folder and will not follow a link",
                    hint=f"Delete the link; aigov recreates {BUILD_DIR}/ as a plain folder.",
                )
            )
    build_dir.mkdir(parents=True, exist_ok=True)
    gitignore = build_dir / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("# generated by aigov build\n*\n", encoding="utf-8")
    return TreeWriter(build_dir / "docs")


def staging_dir(site_dir: Path) -> Path:
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    staging = site_dir.parent / f".{site_dir.name}.aigov-new-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def _recover(site_dir: Path) -> None:
    """Clean up after builds that were killed. Killed between the two renames of
    swap_into_place, a build leaves no site folder, the previous site as `.site.aigov-old-PID`
    and the new one as `.site.aigov-new-PID`; killed while rendering, a partial
    `.site.aigov-new-PID`. Put the previous site back, and remove what builds that are no
    longer running left behind."""
    prefix = f".{site_dir.name}.aigov-"
    for leftover in sorted(site_dir.parent.iterdir()):
        name = leftover.name
        if not name.startswith(prefix) or leftover.is_symlink() or not leftover.is_dir():
            continue
        kind, _, pid = name[len(prefix) :].partition("-")
        if kind not in ("new", "old") or not pid.isdigit() or _running(int(pid)):
            continue
        if kind == "old" and not site_dir.exists():
            os.replace(leftover, site_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours, from an earlier build in this process
    if os.name == "nt":  # os.kill(pid, 0) would signal the process there; leave it be
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames; the old site is removed last."""
    old = site_dir.parent / f".{site_dir.name}.aigov-old-{os.getpid()}"
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if old.exists() and not site_dir.exists():
            os.replace(old, site_dir)  # put the previous site back
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
