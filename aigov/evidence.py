"""Evidence links: files in the governance repository, or URLs.

Controls, evaluation results, incidents and sign-offs cite `Evidence` (a `path` relative to the
repository root, or an http(s) `url`). Paths must exist and stay inside the repository (no
`..`, no absolute paths, no symbolic links that lead outside, nothing under `.git`). URLs are
checked for form and never fetched. Record links (`links[].url`, a model's `references[].url`)
and data source links (`data.sources[].link`) may also be relative paths into the repository;
those are held to the same rules (http(s) and mailto links are left alone). `aigov check`
reports problems through the rules AIG-EVIDENCE-001/002 (aigov/checks/rules/review.py); the
site copies the files it links (aigov.site.build.linked_files), from the audience's redacted
records only. Finding what a record cites is `aigov.citations` (re-exported here).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aigov.citations import EvidenceRef, iter_evidence, relative_link
from aigov.diagnostics import Diagnostic, Severity
from aigov.i18n import N_, _

if TYPE_CHECKING:
    from aigov.project import LoadedRecord

__all__ = [
    "EMPTY",
    "FOLDER",
    "MISSING",
    "OUTSIDE",
    "URL",
    "EvidencePathError",
    "EvidenceRef",
    "check_evidence",
    "check_url",
    "in_git_folder",
    "inside_repository",
    "iter_evidence",
    "kept_file",
    "path_problem",
    "publishable",
    "relative_link",
    "resolve_evidence",
]

MISSING = "AIG-EVIDENCE-MISSING"
OUTSIDE = "AIG-EVIDENCE-OUTSIDE"
FOLDER = "AIG-EVIDENCE-FOLDER"
URL = "AIG-EVIDENCE-URL"
EMPTY = "AIG-EVIDENCE-EMPTY"

# The file types a site publishes: documents, images and data a browser shows or downloads
# without running anything. An allow-list: every other type (HTML and XHTML under any of
# their names, SVG, XML feeds and schemas, scripts, types nobody thought of yet) stays in the
# repository, and the site says so where it cites the file. Markdown becomes a page of its
# own that shows the text verbatim (aigov.site.pages.evidence).
PUBLISHED_TYPES = frozenset(
    {
        *("pdf", "txt", "csv", "tsv", "md", "json", "yaml", "yml"),
        *("png", "jpg", "jpeg", "gif", "webp"),
        *("docx", "xlsx", "pptx", "odt", "ods", "odp"),
    }
)


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
            _said(
                noun,
                N_("evidence path '{path}' uses backslashes"),
                N_("linked path '{path}' uses backslashes"),
            ).format(path=relpath),
            _(
                "Write paths with forward slashes (evidence/report.pdf); they must work on every system."
            ),
        )
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise EvidencePathError(
            OUTSIDE,
            _said(
                noun,
                N_("evidence path '{path}' is absolute"),
                N_("linked path '{path}' is absolute"),
            ).format(path=relpath),
            _(
                "Give the path relative to the governance repository root, e.g. evidence/report.pdf."
            ),
        )
    parts = PurePosixPath(text).parts
    if ".." in parts:
        raise EvidencePathError(
            OUTSIDE,
            _said(
                noun,
                N_("evidence path '{path}' leaves the governance repository ('..')"),
                N_("linked path '{path}' leaves the governance repository ('..')"),
            ).format(path=relpath),
            _("Copy the file into the repository (e.g. evidence/) and cite it from there."),
        )
    if any(p.casefold() == ".git" for p in parts):
        raise EvidencePathError(
            OUTSIDE,
            _said(
                noun,
                N_("evidence path '{path}' points into .git"),
                N_("linked path '{path}' points into .git"),
            ).format(path=relpath),
            _("Cite a file in the working tree, not git's internals."),
        )
    base = root.resolve()
    target = base.joinpath(*parts)
    try:
        real = target.resolve(strict=False)
    except (OSError, RuntimeError):  # a symbolic link loop
        raise EvidencePathError(
            OUTSIDE,
            _said(
                noun,
                N_("evidence path '{path}' is a symbolic link that cannot be resolved"),
                N_("linked path '{path}' is a symbolic link that cannot be resolved"),
            ).format(path=relpath),
            _("Replace the link with the file itself."),
        ) from None
    if real != base and base not in real.parents:
        raise EvidencePathError(
            OUTSIDE,
            _said(
                noun,
                N_(
                    "evidence path '{path}' is a symbolic link to {target}, outside the governance repository"
                ),
                N_(
                    "linked path '{path}' is a symbolic link to {target}, outside the governance repository"
                ),
            ).format(path=relpath, target=real),
            _(
                "Copy the file into the repository instead of linking to it; links out of the "
                "repository would publish files nobody reviewed."
            ),
        )
    if in_git_folder(base, real):
        raise EvidencePathError(
            OUTSIDE,
            _said(
                noun,
                N_("evidence path '{path}' is a symbolic link into .git"),
                N_("linked path '{path}' is a symbolic link into .git"),
            ).format(path=relpath),
            _(
                "Cite a file in the working tree; git's internals (its config can hold access "
                "tokens) are never published."
            ),
        )
    if not real.exists():
        raise EvidencePathError(
            MISSING,
            _said(
                noun,
                N_("evidence file '{path}' does not exist"),
                N_("linked file '{path}' does not exist"),
            ).format(path=relpath),
            _missing_hint(base, parts),
        )
    if real.is_dir():
        raise EvidencePathError(
            FOLDER,
            _said(
                noun,
                N_("evidence path '{path}' is a folder"),
                N_("linked path '{path}' is a folder"),
            ).format(path=relpath),
            _("Cite the file itself (a report, a memo), not the folder that holds it."),
        )
    if not real.is_file():
        raise EvidencePathError(
            FOLDER,
            _said(
                noun,
                N_("evidence path '{path}' is not a regular file"),
                N_("linked path '{path}' is not a regular file"),
            ).format(path=relpath),
            _("Cite a regular file."),
        )
    return real


def _said(noun: str, evidence: str, linked: str) -> str:
    """The message for an evidence path or a link's path, in the language aigov writes in
    (two whole messages: "evidence path" and "linked path" are compound words in Dutch and
    German, so the noun cannot be a placeholder)."""
    return _(linked if noun == "linked" else evidence)


def in_git_folder(base: Path, real: Path) -> bool:
    """Whether the resolved path `real` lies in a `.git` folder (or is one) below `base`, the
    resolved repository root. Compared case-insensitively: on macOS and Windows `.GIT` is
    the same folder."""
    try:
        rel = real.relative_to(base)
    except ValueError:
        return False
    return any(p.casefold() == ".git" for p in rel.parts)


def inside_repository(base: Path, path: Path) -> bool:
    """Whether `path`, once every link is followed, is inside the resolved repository root
    `base` and outside its .git folders: the only files aigov ever copies into a site."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return (real == base or base in real.parents) and not in_git_folder(base, real)


def publishable(path: str) -> bool:
    """Whether a site may publish the repository file `path`: its type is on the allow-list
    PUBLISHED_TYPES (judged by the last suffix of the file name, in any case)."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return "." in name.strip(".") and name.rsplit(".", 1)[-1].lower() in PUBLISHED_TYPES


def kept_file(url: Any) -> str:
    """The repository path a relative link names when the site does not publish that file
    (its type is not on the allow-list), else "" (a URL, or a publishable file)."""
    rel = relative_link(url)
    return rel if rel is not None and not publishable(rel) else ""


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
        return _(
            "Did you mean '{path}'? Paths are relative to the governance repository root."
        ).format(path=shown)
    return _(
        "Add the file (evidence usually lives in evidence/<system-id>/), or fix the path; "
        "paths are relative to the governance repository root."
    )


def check_url(url: str) -> str:
    """Why a URL is not a well-formed http(s) link, or ''. Never fetched."""
    text = url.strip()
    if any(c.isspace() for c in text) or any(ord(c) < 32 or ord(c) == 127 for c in text):
        return _("contains spaces or control characters")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _port = parts.port  # raises on a malformed port
    except ValueError as exc:
        return _("is malformed ({error})").format(error=exc)
    if parts.scheme.lower() == "mailto":
        return "" if "@" in parts.path else _("is a mailto: link without an address")
    if parts.scheme.lower() not in ("http", "https"):
        return _("is not an http(s) link")
    if not host or not re.match(r"^[A-Za-z0-9.\-\[\]:_~%]+$", host) or host.startswith("."):
        return _("has no valid host name")
    if parts.username or parts.password:
        return _("contains a user name or password")
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
                    _("evidence '{title}' cites neither a path nor a url").format(
                        title=ref.title or _("untitled")
                    ),
                    _("Add `path:` (a file in this repository) or `url:` (an http(s) link)."),
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
                        _("evidence url '{url}' {problem}").format(
                            url=_short(ref.url), problem=problem
                        ),
                        _(
                            "Write a full link such as https://wiki.example.com/ai/report "
                            "(aigov checks its form and never opens it)."
                        ),
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
            said = N_("data source '{title}': {problem}") if ref.kind == "source" else None
            said = said or N_("link '{title}': {problem}")
            message = _(said).format(title=_short(ref.title) or _("untitled"), problem=message)
        hint = err.hint
        if ref.kind != "evidence" and err.code == MISSING:
            hint += " " + _("Links to web pages need the full address (https://…).")
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
    line, col = loaded.find_position(where)
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
