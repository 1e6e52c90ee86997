"""`aigov build`: records → generated pages → MkDocs → a static site, safely and incrementally.

    result = build_site(BuildOptions(root=Path(".")))
    result.ok, result.site_dir, result.pages, result.diagnostics

Steps:

1. load and check every record (`aigov.project.load_project` with the checks' checker);
2. compute the portfolio view and render every page into memory (`aigov.site.pages`);
3. write the pages into `.aigov-build/docs/` touching only files whose bytes changed, copy the
   user's own pages next to them, and write `.aigov-build/mkdocs.yml`, which inherits the
   user's `mkdocs.yml`;
4. run the engine (MkDocs in this process by default) into a fresh folder beside the output
   folder, then swap it into place; a failed build leaves the previous site untouched.

Steps 1-3 run in a child process when the site is rendered (`aigov.site.isolate`): the records
and pages are gone before MkDocs starts, so peak memory is the larger step, not their sum.
`aigov serve` (render=False) generates in its own process, where the card cache stays warm.

Nothing here prints or exits: progress goes to a callback, problems come back as Diagnostics.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import types
import typing
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic, Severity
from aigov.model import RiskTier, unwrap
from aigov.paths import display_path
from aigov.project import LoadCache, LoadedRecord, Project, load_project
from aigov.site import mkdocs_config as mc
from aigov.site.isolate import call_in_child
from aigov.site.pages import (
    ASSET_DIR,
    NOT_IN_NAV,
    RESERVED,
    CardSet,
    Pages,
    SiteInputs,
    Stamp,
    navigation,
)
from aigov.site.portfolio import InvalidRecord, Portfolio, SystemView, build_portfolio
from aigov.site.writer import TreeWriter, UnsafePath, WriteStats

BUILD_DIR = ".aigov-build"
ENGINES = ("mkdocs", "properdocs", "zensical")
MAX_LINKED_FILE = 50 * 1024 * 1024  # evidence files larger than this are linked, not copied

Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


class BuildError(Exception):
    """The site could not be built; the previous site (if any) is untouched."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[Any, ...]:  # raised in the page generator's child process
        return (type(self), (self.diagnostic,))


@dataclass
class BuildOptions:
    root: Path
    site_dir: Path | None = None  # default: the user's site_dir, else <root>/site
    config_file: Path | None = None  # default: <root>/mkdocs.yml
    today: dt.date | None = None
    engine: str = "mkdocs"
    strict: bool = False  # MkDocs warnings fail the build
    jobs: int | None = None
    render: bool = True  # False: generate pages only (aigov serve renders itself)
    audience: str = "internal"  # "public" leaves internal and confidential parts out
    serve_url: str | None = None


@dataclass
class BuildResult:
    root: Path
    site_dir: Path
    build_dir: Path
    config_file: Path
    systems: int = 0
    invalid: int = 0
    pages: int = 0
    files: int = 0
    write: WriteStats = field(default_factory=WriteStats)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # record findings
    warnings: list[Diagnostic] = field(default_factory=list)  # about the build itself
    rendered: bool = False
    invalid_records: list[InvalidRecord] = field(default_factory=list)  # not in the site
    project_diagnostics: list[Diagnostic] = field(default_factory=list)  # tied to no record
    user_config: Path | None = None
    audience: str = "internal"

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.WARNING)


# --- where things go ---------------------------------------------------------------------


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
    if site.is_dir() and any(site.iterdir()) and not _looks_like_site(site):
        raise BuildError(
            Diagnostic(
                display_path(site),
                0,
                0,
                "AIG-SITE-DIR",
                f"{display_path(site)} holds files that are not a built site; aigov will not replace it",
                hint="Choose an empty or new folder, or remove this one if it is disposable.",
            )
        )


def _looks_like_site(folder: Path) -> bool:
    return any(
        (folder / name).exists() for name in ("sitemap.xml", "sitemap.xml.gz", "404.html")
    ) or ((folder / "index.html").exists() and (folder / "search").is_dir())


# --- the parts of a build -------------------------------------------------------------------


def _checks(options: BuildOptions) -> tuple[Any, Any]:
    from aigov.checks import CheckOptions, PolicyError, load_policy, make_checker

    today = options.today or dt.date.today()
    try:
        policy = load_policy(options.root)
    except PolicyError as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        raise BuildError(
            first or Diagnostic("aigov.yaml", 0, 0, "AIG-POLICY", str(exc), hint="Fix aigov.yaml.")
        ) from exc
    check_options = CheckOptions(today=today, policy=policy, root=options.root)
    return check_options, make_checker(check_options)


def load(options: BuildOptions, pool: Executor | None = None) -> tuple[Project, Any]:
    """Load and check every record; for a public build, redact them before anything renders
    (the checks ran on the full record, so tiers and completeness stay the same)."""
    from aigov.audience import redact_project

    check_options, checker = _checks(options)
    cache = None
    if not options.render:  # aigov serve loads the same records on every save
        cache = _LOAD_CACHE
        cache.use((check_options.today, check_options.policy), options.root.resolve())
    project = load_project(
        root=options.root,
        checker=checker,
        jobs=1 if pool is None else None,
        pool=pool,
        cache=cache,
    )
    if options.audience != "internal":
        project = redact_project(project, options.audience)
    return project, check_options


_LOAD_CACHE = LoadCache()


def make_portfolio(project: Project, check_options: Any, today: dt.date) -> Portfolio:
    from aigov.checks import summary_of
    from aigov.review.signoffs import signoff_states

    summaries: dict[int, Any] = {}

    def summary(loaded: LoadedRecord) -> Any:
        key = id(loaded)
        if key not in summaries:
            summaries[key] = summary_of(loaded, check_options)
        return summaries[key]

    return build_portfolio(
        project,
        today=today,
        tier_of=lambda loaded: summary(loaded).tier if summary(loaded) else None,
        score_of=lambda loaded: summary(loaded).completeness if summary(loaded) else None,
        signoffs_of=lambda loaded: signoff_states(loaded, project.root),
        policy=getattr(check_options, "policy", None),
    )


def card_maker(
    portfolio: Portfolio,
    root: Path,
    git: Any,
    today: dt.date,
    flavor: str = "mkdocs",
    audience: str = "internal",
    pool: Executor | None = None,
    cache: bool = True,
) -> Callable[[SystemView], CardSet]:
    """Each system's cards, for the page generator, which asks for them in portfolio order.
    They render in the worker pool while the pages of the systems before are written, and
    only the cards not yet asked for are held."""
    from aigov.checks.registry import SECTIONS
    from aigov.provenance import provenance_for
    from aigov.site.cards import CardJob, render_iter

    user_templates = root / "templates"
    work = [
        CardJob(
            loaded=view.loaded,
            provenance=provenance_for(
                view.loaded.path,
                view.loaded.source,
                view.loaded.content_hash,
                root=root,
                git=git,
            ),
            tier=view.tier,
            completeness=view.score,
            today=today,
            policy=view.policy,
            audience=audience,
            flavor=flavor,
            user_templates=user_templates if user_templates.is_dir() else None,
        )
        for view in portfolio.systems
    ]
    rendered = zip((v.id for v in portfolio.systems), render_iter(work, pool=pool, cache=cache))
    ready: dict[str, CardSet] = {}

    def make(view: SystemView) -> CardSet:
        while view.id not in ready:
            system_id, cards = next(rendered)
            ready[system_id] = cards
        cards = ready.pop(view.id)
        sections = []
        if view.score is not None:
            sections = [(SECTIONS.get(k, k), s.percent) for k, s in view.score.sections.items()]
        return replace(
            cards,
            sections=sections,
            completeness_note=view.score.explanation if view.score is not None else "",
        )

    return make


def linked_files(portfolio: Portfolio, root: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Files inside the repository that records link to by relative path (evidence, data
    source links, links, model references), to be copied into the site so the links work.
    Never a file outside the repository or inside .git; broken paths are left to the checks
    (AIG-EVIDENCE-001) to report."""
    from aigov.model import DataSource, Evidence, Link

    wanted: dict[str, tuple[str, Path]] = {}
    base = root.resolve()
    for view in portfolio.systems:
        for obj in _walk_models(view.record):
            raw = None
            if isinstance(obj, Evidence):
                raw = obj.path
            elif isinstance(obj, DataSource):
                raw = obj.link
            elif isinstance(obj, Link):
                raw = obj.url
            found = _repo_file(raw, base)
            if found is None:
                continue
            rel, target = found
            view.linked_paths.add(rel)
            wanted.setdefault(rel, (view.record_path, target))

    files: dict[str, bytes] = {}
    notes: list[Diagnostic] = []
    for rel, (who, target) in sorted(wanted.items()):
        if target.stat().st_size > MAX_LINKED_FILE:
            notes.append(
                Diagnostic(
                    who,
                    0,
                    0,
                    "AIG-SITE-FILE",
                    f"{rel} is larger than {MAX_LINKED_FILE // (1024 * 1024)} MB and was not "
                    "copied into the site",
                    Severity.WARNING,
                    hint="Link large evidence by URL instead of by path.",
                )
            )
            continue
        try:
            files[rel] = target.read_bytes()
        except OSError:
            continue
    return files, notes


def _repo_file(raw: str | None, base: Path) -> tuple[str, Path] | None:
    """`evidence/x.pdf` (or `./evidence/x.pdf#p3`) as a clean repository path and the regular
    file it names, checked by `aigov.evidence.resolve_evidence` exactly as AIG-EVIDENCE-001
    checks it; None for URLs and for paths that check reports."""
    from aigov.evidence import EvidencePathError, relative_link, resolve_evidence

    text = relative_link(raw)
    if text is None:
        return None
    try:
        target = resolve_evidence(base, text)  # inside the repo, a regular file, not .git
    except EvidencePathError:
        return None
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or parts[0] == BUILD_DIR:
        return None
    return "/".join(parts), target


def _walk_models(obj: Any) -> Any:
    """Every Evidence, DataSource and Link in a record, visiting only the fields whose type can
    hold one (a record has thousands of fields; a few dozen lead to links)."""
    from pydantic import BaseModel

    if isinstance(obj, BaseModel):
        yield obj
        for name in _link_fields(type(obj)):
            yield from _walk_models(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from _walk_models(item)


@lru_cache(maxsize=None)
def _link_fields(model: type) -> tuple[str, ...]:
    """The fields of `model` that can hold an Evidence, DataSource or Link, directly or deeper."""
    return tuple(
        name
        for name, info in model.model_fields.items()  # type: ignore[attr-defined]
        if _leads_to_link(unwrap(info.annotation)[0])
    )


@lru_cache(maxsize=None)
def _leads_to_link(tp: Any) -> bool:
    from pydantic import BaseModel

    from aigov.model import DataSource, Evidence, Link

    if typing.get_origin(tp) in (typing.Union, types.UnionType):  # several types: any of them
        return any(_leads_to_link(unwrap(arg)[0]) for arg in typing.get_args(tp))
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return False
    if tp in (DataSource, Evidence, Link):
        return True
    # the model tree has no cycles, so this recursion ends
    return any(_leads_to_link(unwrap(f.annotation)[0]) for f in tp.model_fields.values())


def user_pages(
    user: mc.UserConfig, root: Path
) -> tuple[dict[str, bytes], list[str], list[Diagnostic]]:
    """The user's own docs pages, to be copied next to the generated ones."""
    folder = user.docs_dir
    notes: list[Diagnostic] = []
    if folder is None or not folder.is_dir():
        return {}, [], notes
    build = (root / BUILD_DIR).resolve()
    if (
        folder == root.resolve()
        or root.resolve().is_relative_to(folder)
        or folder.is_relative_to(build)
    ):
        notes.append(
            Diagnostic(
                display_path(user.path) if user.path else "mkdocs.yml",
                0,
                0,
                "AIG-SITE-CONFIG",
                f"docs_dir {display_path(folder)} contains the repository; its pages were not copied",
                Severity.WARNING,
                hint="Keep your own pages in a docs/ folder of their own.",
            )
        )
        return {}, [], notes
    files: dict[str, bytes] = {}
    pages: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
                continue
            rel = path.relative_to(folder).as_posix()
            try:
                files[rel] = path.read_bytes()
            except OSError:
                continue
            if rel.endswith(".md"):
                pages.append(rel)
    return files, sorted(pages), notes


def _stamp(
    project: Project, git: Any, today: dt.date, portfolio: Portfolio, audience: str
) -> Stamp:
    dirty = {r.path for r in project.records if git.is_dirty(r.source)} if git.available else set()
    date = git.head_date[:10] if git.available and git.head_date else None
    return Stamp(
        today=today,
        revision=git.head if git.available else None,
        revision_date=date,
        dirty=bool(dirty),
        dirty_records=frozenset(dirty),
        records=len(project.records),
        audience=audience,
        systems=len(portfolio.systems),
        invalid=len(portfolio.invalid),
    )


def generate(
    options: BuildOptions, put: Callable[[str, bytes], None], progress: Progress = _quiet
) -> tuple[BuildResult, str]:
    """Load, check and render every page, handing each file to `put` (path in the docs
    folder, bytes) as soon as it is made. Returns the result and the generated mkdocs.yml."""
    from aigov.checks import all_rules
    from aigov.checks.tier import harm_tier
    from aigov.provenance import GitInfo

    root = options.root.resolve()
    try:
        user = mc.read_user_config(root, options.config_file)
    except mc.ConfigError as exc:
        raise BuildError(exc.diagnostic) from exc
    site_dir = (options.site_dir or default_site_dir(root, user)).absolute()
    build_dir = root / BUILD_DIR
    result = BuildResult(root, site_dir, build_dir, build_dir / "mkdocs.yml")
    result.audience = options.audience
    result.user_config = user.path
    check_site_dir(site_dir, root)
    today = options.today or dt.date.today()
    with worker_pool(options.jobs) as pool:
        progress("load", 0, 1)
        project, check_options = load(options, pool)
        progress("load", 1, 1)
        portfolio = make_portfolio(project, check_options, today)
        result.invalid_records = portfolio.invalid
        result.project_diagnostics = portfolio.project_diagnostics
        result.diagnostics = project.all_diagnostics
        result.systems = len(portfolio.systems)
        result.invalid = len(portfolio.invalid)
        git = GitInfo.discover(root)
        linked, notes = linked_files(portfolio, root)
        result.warnings.extend(notes)
        order = [t.value for t in RiskTier]
        inputs = SiteInputs(
            portfolio=portfolio,
            stamp=_stamp(project, git, today, portfolio, options.audience),
            rules=all_rules(),
            root=root,
            use_directory_urls=user.use_directory_urls,
            cards=card_maker(
                portfolio,
                root,
                git,
                today,
                flavor="mkdocs" if user.has_extension("admonition") else "plain",
                audience=options.audience,
                pool=pool,
                cache=not options.render,  # only `aigov serve` builds again in this process
            ),
            band=lambda s, lk: order.index(harm_tier(s, lk).value),
            band_name=lambda s, lk: harm_tier(s, lk).value,
            linked_files=linked,
        )
        generator = Pages(inputs, sink=put)
        generator.generate(progress)
    result.warnings.extend(generator.notes)
    theirs, their_pages, notes = user_pages(user, root)
    result.warnings.extend(notes)
    taken: set[str] = set()
    for rel, data in theirs.items():
        if rel in generator.names or rel.startswith(RESERVED):
            result.warnings.append(
                Diagnostic(
                    display_path(user.docs_dir / rel) if user.docs_dir else rel,
                    0,
                    0,
                    "AIG-SITE-PAGE",
                    f"your page {rel} has the same path as a page aigov generates; aigov's page is used",
                    Severity.WARNING,
                    hint="Rename or move your page; aigov owns index.md, tags.md and the systems/, "
                    "registers/, gaps/, reference/, files/ and assets/aigov/ folders.",
                )
            )
            continue
        put(rel, data)
        taken.add(rel)
    nav = navigation(user.nav, [p for p in their_pages if p in taken])
    # The config names the repository's usual output folder, never a custom --site-dir or
    # the preview's temporary folder: someone running `mkdocs build -f .aigov-build/mkdocs.yml`
    # by hand gets what plain MkDocs would do (MkDocs empties its site_dir first). aigov itself
    # always passes its own fresh staging folder.
    cfg = mc.generated_config(
        user,
        build_folder=build_dir,
        site_dir=default_site_dir(root, user),
        nav=nav,
        not_in_nav=[*NOT_IN_NAV, *(f"/{p}" for p in generator.evidence_pages)],
        extra_css=[f"{ASSET_DIR}/aigov.css"],
        extra_javascript=[f"{ASSET_DIR}/aigov.js"],
    )
    result.warnings.extend(cfg.warnings)
    names = generator.names | taken
    result.pages = sum(1 for p in names if p.endswith(".md"))
    result.files = len(names)
    return result, cfg.text


@contextmanager
def worker_pool(jobs: int | None) -> Iterator[Executor | None]:
    """One pool of worker processes for loading records and rendering cards. Workers start
    at the first task, the loading, while this process still holds nothing: a worker
    started later would begin as a copy of every loaded record."""
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield pool
    except BaseException:  # a failed build does not wait for the cards still queued
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


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


def generate_and_write(options: BuildOptions, progress: Progress = _quiet) -> BuildResult:
    """Generate every page into `.aigov-build/docs/` (only changed files are rewritten, the
    ones no longer generated removed) and write `.aigov-build/mkdocs.yml`.

    Pages are written as they are made, so a generation that fails part-way leaves the build
    folder partly updated (stale pages not yet removed, the previous mkdocs.yml); nothing is
    rendered from it then, and the next successful build makes it whole. The site itself is
    only ever replaced by a complete build."""
    build_dir = options.root.resolve() / BUILD_DIR
    writer = prepare_build_folder(build_dir)

    def put(rel: str, data: bytes) -> None:
        try:
            writer.put(rel, data)
        except UnsafePath as exc:  # pragma: no cover - page paths are built from slugs
            raise BuildError(
                Diagnostic(str(build_dir), 0, 0, "AIG-SITE-PATH", str(exc), hint="Report this bug.")
            ) from exc

    result, config = generate(options, put, progress)
    result.write = writer.finish()
    cfg_path = build_dir / "mkdocs.yml"
    data = config.encode("utf-8")
    if not cfg_path.is_file() or cfg_path.read_bytes() != data:
        tmp = cfg_path.with_suffix(".yml.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cfg_path)
        result.write.written.append("mkdocs.yml")
    return result


def build_site(options: BuildOptions, progress: Progress = _quiet) -> BuildResult:
    """The whole build. Raises BuildError when the site cannot be built (nothing replaced)."""
    if options.engine not in ENGINES:
        raise BuildError(
            Diagnostic(
                "aigov",
                0,
                0,
                "AIG-SITE-ENGINE",
                f"unknown engine {options.engine!r}",
                hint=f"Use one of: {', '.join(ENGINES)}.",
            )
        )
    if not options.render:  # aigov serve: in this process, whose caches stay warm
        return generate_and_write(options, progress)
    result = call_in_child(generate_and_write, options, progress=progress)
    staging = _staging_dir(result.site_dir)
    try:
        if options.engine == "mkdocs":
            result.warnings.extend(
                run_mkdocs(
                    result.config_file,
                    staging,
                    progress,
                    result.pages,
                    strict=options.strict,
                    user_config=result.user_config,
                )
            )
        else:
            run_external(options.engine, result.config_file, staging, strict=options.strict)
        swap_into_place(staging, result.site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    result.rendered = True
    return result


def _staging_dir(site_dir: Path) -> Path:
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


# --- engines ---------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    progress: Progress = _quiet,
    pages: int = 0,
    *,
    strict: bool = False,
    serve_url: str | None = None,
    user_config: Path | None = None,
) -> list[Diagnostic]:
    """Build with MkDocs in this process; returns its warnings as Diagnostics.

    Errors name the user's mkdocs.yml (`user_config`) when there is one: that is the file to
    fix, the generated config only inherits it."""
    from mkdocs import exceptions as mk_exc
    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    shown = display_path(user_config or config_file)
    try:
        cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)

        class _Progress(BasePlugin):
            done = 0

            def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
                self.done += 1
                progress("render", self.done, pages)
                return output

        cfg.plugins["aigov-progress"] = _Progress()
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mk_build(cfg, serve_url=serve_url)
        finally:
            cfg.plugins.on_shutdown()
    except mk_exc.MkDocsException as exc:
        detail = "; ".join(r.getMessage() for r in handler.records[-3:])
        raise BuildError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-MKDOCS",
                f"MkDocs could not build the site: {exc}" + (f" ({detail})" if detail else ""),
                hint="Fix the setting in your mkdocs.yml (the generated .aigov-build/mkdocs.yml "
                "inherits it); the previous site was left as it was.",
            )
        ) from exc
    except Exception as exc:
        raise BuildError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-MKDOCS",
                f"MkDocs failed: {type(exc).__name__}: {exc}",
                hint="A theme or plugin in your mkdocs.yml may be broken; the previous site was left as it was.",
            )
        ) from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved[0]
        logger.setLevel(saved[1])
    return [
        Diagnostic(
            shown,
            0,
            0,
            "AIG-SITE-MKDOCS",
            " ".join(r.getMessage().split()),
            Severity.WARNING,
            hint="A warning from MkDocs while rendering the site.",
        )
        for r in handler.records
    ]


def run_external(engine: str, config_file: Path, site_dir: Path, *, strict: bool = False) -> None:
    exe = shutil.which(engine)
    if exe is None:
        raise BuildError(
            Diagnostic(
                "aigov",
                0,
                0,
                "AIG-SITE-ENGINE",
                f"the {engine} command is not installed",
                hint=f"pip install {engine}, or build with the default engine (--engine mkdocs).",
            )
        )
    config = config_file
    args = [exe, "build", "-f", str(config)]
    if engine == "zensical":  # no --site-dir: write the output folder into a config copy
        text = config_file.read_text(encoding="utf-8")
        config = config_file.with_name("mkdocs.zensical.yml")
        rel = os.path.relpath(site_dir, config_file.parent)
        lines = [ln for ln in text.splitlines() if not ln.startswith("site_dir:")]
        config.write_text("\n".join([*lines, f"site_dir: {rel}"]) + "\n", encoding="utf-8")
        args = [exe, "build", "-f", str(config)]
    else:
        args += ["-d", str(site_dir)]
    if strict:
        args.append("--strict")
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise BuildError(
            Diagnostic("aigov", 0, 0, "AIG-SITE-ENGINE", f"{engine} could not run: {exc}")
        ) from exc
    if proc.returncode != 0 or not site_dir.is_dir():
        tail = " ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise BuildError(
            Diagnostic(
                display_path(config_file),
                0,
                0,
                "AIG-SITE-ENGINE",
                f"{engine} build failed (exit {proc.returncode}): {tail}",
                hint="The previous site was left as it was.",
            )
        )
