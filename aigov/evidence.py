"""Evidence links: files in the governance repository, or URLs.

Controls, evaluation results, incidents and sign-offs cite `Evidence` (a `path` relative to the
repository root, or an http(s) `url`). Paths must exist and stay inside the repository (no
`..`, no absolute paths, no symbolic links that lead outside, nothing under `.git`). URLs are
checked for form and never fetched. Record links (`links[].url`, a model's `references[].url`)
and data source links (`data.sources[].link`) may also be relative paths into the repository;
those are held to the same rules (http(s) and mailto links are left alone). `aigov check`
reports problems through the rules AIG-EVIDENCE-001/002 (aigov/checks/rules/review.py); the
site copies the files it links (aigov.site.build.linked_files), from the audience's redacted
records only.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aigov.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from aigov.project import LoadedRecord

MISSING = "AIG-EVIDENCE-MISSING"
OUTSIDE = "AIG-EVIDENCE-OUTSIDE"
FOLDER = "AIG-EVIDENCE-FOLDER"
URL = "AIG-EVIDENCE-URL"
EMPTY = "AIG-EVIDENCE-EMPTY"


@dataclass(frozen=True)
class EvidenceRef:
    """One cited piece of evidence and where in the record it is cited."""

    where: tuple[str | int, ...]  # path of the evidence entry in the record data
    title: str
    path: str | None  # for a link: the repository path it names (no #fragment or ?query)
    url: str | None
    date: str | None
    kind: str = "evidence"  # "evidence", "link" (links[].url, references[].url), "source"
    key: str = "path"  # the entry's field that holds `path`: "path", "url" or "link"

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.where)

    @property
    def noun(self) -> str:
        """How messages name the path: 'evidence' for evidence, 'linked' for links."""
        return "evidence" if self.kind == "evidence" else "linked"


def iter_evidence(data: Any, *, links: bool = True) -> list[EvidenceRef]:
    """Every evidence entry in a record's data, in file order; with `links`, also every
    record link, model reference and data source link that is a relative path into the
    repository (kind "link" or "source", `path` set, `url` None)."""
    out: list[EvidenceRef] = []
    _walk(data, (), out, links)
    return out


def relative_link(raw: Any) -> str | None:
    """The repository path a link names (`./evidence/x.md#p3` → `evidence/x.md`), or None for
    an http(s)/mailto (any scheme) link, a bare #fragment or ?query, or an empty value."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or text.startswith(("#", "?")) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text):
        return None
    text = text.split("#", 1)[0].split("?", 1)[0].strip()
    while text.startswith("./"):
        text = text[2:]
    return text or None


_LINK_LISTS = {
    "links": ("link", "url"),
    "references": ("link", "url"),
    "sources": ("source", "link"),
}


def _walk(
    node: Any, path: tuple[str | int, ...], out: list[EvidenceRef], links: bool = True
) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if links and key in _LINK_LISTS and isinstance(value, list):
                kind, field = _LINK_LISTS[key]
                for i, item in enumerate(value):
                    if not isinstance(item, dict):
                        continue
                    rel = relative_link(item.get(field))
                    if rel is not None:
                        title = item.get("title") or item.get("name") or item.get("id") or ""
                        out.append(
                            EvidenceRef((*path, key, i), str(title), rel, None, None, kind, field)
                        )
                    _walk(item, (*path, key, i), out, links)
            elif key == "evidence" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        out.append(
                            EvidenceRef(
                                (*path, key, i),
                                str(item.get("title") or ""),
                                _text(item.get("path")),
                                _text(item.get("url")),
                                _text(item.get("date")),
                            )
                        )
            else:
                _walk(value, (*path, key), out, links)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _walk(item, (*path, i), out, links)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class EvidencePathError(ValueError):
    """An evidence path that must not be used; `code` and `hint` say why and what to do."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def resolve_evidence(root: Path, relpath: str, *, noun: str = "evidence") -> Path:
    """The file an evidence path names, checked to be a regular file inside the repository.

    `noun` names the path in messages: "evidence" (evidence path, evidence file) or "linked"
    for a record link or data source link.

    Raises EvidencePathError (with a code, message and hint) otherwise.
    """
    text = relpath.strip()
    if "\\" in text:
        raise EvidencePathError(
            OUTSIDE,
            f"{noun} path '{relpath}' uses backslashes",
            "Write paths with forward slashes (evidence/report.pdf); they must work on every system.",
        )
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise EvidencePathError(
            OUTSIDE,
            f"{noun} path '{relpath}' is absolute",
            "Give the path relative to the governance repository root, e.g. evidence/report.pdf.",
        )
    parts = PurePosixPath(text).parts
    if ".." in parts:
        raise EvidencePathError(
            OUTSIDE,
            f"{noun} path '{relpath}' leaves the governance repository ('..')",
            "Copy the file into the repository (e.g. evidence/) and cite it from there.",
        )
    if any(p == ".git" or p.startswith(".git/") for p in parts):
        raise EvidencePathError(
            OUTSIDE,
            f"{noun} path '{relpath}' points into .git",
            "Cite a file in the working tree, not git's internals.",
        )
    base = root.resolve()
    target = base.joinpath(*parts)
    try:
        real = target.resolve(strict=False)
    except (OSError, RuntimeError):  # a symbolic link loop
        raise EvidencePathError(
            OUTSIDE,
            f"{noun} path '{relpath}' is a symbolic link that cannot be resolved",
            "Replace the link with the file itself.",
        ) from None
    if real != base and base not in real.parents:
        raise EvidencePathError(
            OUTSIDE,
            f"{noun} path '{relpath}' is a symbolic link to {real}, outside the governance "
            "repository",
            "Copy the file into the repository instead of linking to it; links out of the "
            "repository would publish files nobody reviewed.",
        )
    if not real.exists():
        raise EvidencePathError(
            MISSING,
            f"{noun} file '{relpath}' does not exist",
            _missing_hint(base, parts),
        )
    if real.is_dir():
        raise EvidencePathError(
            FOLDER,
            f"{noun} path '{relpath}' is a folder",
            "Cite the file itself (a report, a memo), not the folder that holds it.",
        )
    if not real.is_file():
        raise EvidencePathError(
            FOLDER,
            f"{noun} path '{relpath}' is not a regular file",
            "Cite a regular file.",
        )
    return real


def _missing_hint(base: Path, parts: tuple[str, ...]) -> str:
    folder = base.joinpath(*parts[:-1]) if len(parts) > 1 else base
    name = parts[-1] if parts else ""
    try:
        siblings = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        siblings = []
    guess = difflib.get_close_matches(name, siblings, n=1, cutoff=0.6)
    if guess:
        shown = "/".join((*parts[:-1], guess[0]))
        return f"Did you mean '{shown}'? Paths are relative to the governance repository root."
    return (
        "Add the file (evidence usually lives in evidence/<system-id>/), or fix the path; "
        "paths are relative to the governance repository root."
    )


def check_url(url: str) -> str:
    """Why a URL is not a well-formed http(s) link, or ''. Never fetched."""
    text = url.strip()
    if any(c.isspace() for c in text) or any(ord(c) < 32 or ord(c) == 127 for c in text):
        return "contains spaces or control characters"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port  # raises on a malformed port
    except ValueError as exc:
        return f"is malformed ({exc})"
    if parts.scheme.lower() == "mailto":
        return "" if "@" in parts.path else "is a mailto: link without an address"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) link"
    if not host or not re.match(r"^[A-Za-z0-9.\-\[\]:_~%]+$", host) or host.startswith("."):
        return "has no valid host name"
    if parts.username or parts.password:
        return "contains a user name or password"
    return ""


def check_evidence(loaded: LoadedRecord, root: Path) -> list[Diagnostic]:
    """Diagnostics for every evidence entry in the record: files exist inside the repository,
    URLs are well formed; relative record links and data source links name files inside the
    repository."""
    diags: list[Diagnostic] = []
    for ref in iter_evidence(loaded.data):
        if ref.path is None and ref.url is None:
            diags.append(
                _diag(
                    loaded,
                    ref.where,
                    EMPTY,
                    f"evidence '{ref.title or 'untitled'}' cites neither a path nor a url",
                    "Add `path:` (a file in this repository) or `url:` (an http(s) link).",
                    Severity.WARNING,
                )
            )
        if ref.path is not None:
            broken = path_problem(root, ref)
            if broken is not None:
                diags.append(_diag(loaded, (*ref.where, ref.key), *broken))
        if ref.url is not None:
            problem = check_url(ref.url)
            if problem:
                diags.append(
                    _diag(
                        loaded,
                        (*ref.where, "url"),
                        URL,
                        f"evidence url '{_short(ref.url)}' {problem}",
                        "Write a full link such as https://wiki.example.com/ai/report "
                        "(aigov checks its form and never opens it).",
                    )
                )
    return diags


def path_problem(root: Path, ref: EvidenceRef) -> tuple[str, str, str] | None:
    """(code, message, hint) when the file `ref` cites by path is unusable, else None."""
    assert ref.path is not None
    try:
        resolve_evidence(root, ref.path, noun=ref.noun)
    except EvidencePathError as err:
        message = err.message
        if ref.kind != "evidence":
            what = "data source" if ref.kind == "source" else "link"
            message = f"{what} '{_short(ref.title) or 'untitled'}': {message}"
        hint = err.hint
        if ref.kind != "evidence" and err.code == MISSING:
            hint += " Links to web pages need the full address (https://…)."
        return err.code, message, hint
    return None


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _diag(
    loaded: LoadedRecord,
    where: tuple[str | int, ...],
    code: str,
    message: str,
    hint: str,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    from aigov.audience import position

    line, col = position(loaded, where)
    return Diagnostic(
        loaded.path,
        line,
        col,
        code,
        message,
        severity=severity,
        hint=hint,
        field=".".join(str(p) for p in where),
        system=loaded.id,
    )
