"""What the site copies from the repository: the user's own docs pages (`user_pages`), and
the files records link to by relative path, so the links work (`linked_files`). Never a file
outside the repository or in .git; of linked files, only the inert types on the allow-list
(`aigov.evidence.PUBLISHED_TYPES`); the cards say where a file of any other type is kept."""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import aigov.site.mkdocs_config as mc
from aigov.diagnostics import Diagnostic, Severity
from aigov.evidence import inside_repository, publishable
from aigov.model import unwrap
from aigov.paths import display_path
from aigov.site.base import BUILD_DIR
from aigov.site.portfolio import Portfolio

MAX_LINKED_FILE = 50 * 1024 * 1024  # evidence files larger than this are linked, not copied


def linked_files(
    portfolio: Portfolio, root: Path, organisation_evidence: Sequence[Any] = ()
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Files inside the repository that records link to by relative path (evidence, data
    source links, links, model references), and the evidence of the organisation record's
    controls, to be copied into the site so the links work.
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
    for evidence in organisation_evidence:
        found = _repo_file(evidence.path, base)
        if found is not None:
            wanted.setdefault(found[0], ("organisation.yaml", found[1]))

    files: dict[str, bytes] = {}
    notes: list[Diagnostic] = []
    for rel, (who, target) in sorted(wanted.items()):
        if not publishable(rel):
            notes.append(_kept_note(who, rel))
            continue
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


def user_pages(
    user: mc.UserConfig, root: Path
) -> tuple[dict[str, bytes], list[str], list[Diagnostic]]:
    """The user's own docs pages, to be copied next to the generated ones."""
    folder = user.docs_dir
    notes: list[Diagnostic] = []
    if folder is None or not folder.is_dir():
        return {}, [], notes
    base = root.resolve()
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
            if not inside_repository(base, path):  # a link out of the repository or into .git
                continue
            rel = path.relative_to(folder).as_posix()
            try:
                files[rel] = path.read_bytes()
            except OSError:
                continue
            if rel.endswith(".md"):
                pages.append(rel)
    return files, sorted(pages), notes


def _kept_note(who: str, rel: str) -> Diagnostic:
    suffix = rel.rsplit("/", 1)[-1].rpartition(".")[2].lower() if "." in rel else ""
    kind = f"a .{suffix} file" if suffix else "a file without a type suffix"
    return Diagnostic(
        who,
        0,
        0,
        "AIG-SITE-FILE",
        f"{rel} is linked from a record but kept out of the site: {kind} is not one of the "
        "inert types the site publishes (it could run scripts in a reader's browser); the "
        "page says the file is kept in the repository",
        Severity.WARNING,
        hint="Attach evidence as PDF, Markdown, text, CSV, JSON, YAML, an image (PNG, JPEG, "
        "GIF, WebP) or an office document, or link it by URL.",
    )


def _repo_file(raw: str | None, base: Path) -> tuple[str, Path] | None:
    """`evidence/x.pdf` (or `./evidence/x.pdf#p3`) as a clean repository path and the regular
    file it names, checked by `aigov.evidence.resolve_evidence` exactly as AIG-EVIDENCE-001
    checks it; None for URLs and for paths that check reports."""
    from aigov.evidence import (
        EvidencePathError,
        inside_repository,
        relative_link,
        resolve_evidence,
    )

    text = relative_link(raw)
    if text is None:
        return None
    try:
        target = resolve_evidence(base, text)  # inside the repo, a regular file, not .git
    except EvidencePathError:
        return None
    if not inside_repository(base, target):  # never copied, whatever resolve_evidence allows
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


@cache
def _link_fields(model: type) -> tuple[str, ...]:
    """The fields of `model` that can hold an Evidence, DataSource or Link, directly or deeper."""
    return tuple(
        name
        for name, info in model.model_fields.items()  # type: ignore[attr-defined]
        if _leads_to_link(unwrap(info.annotation)[0])
    )


@cache
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
