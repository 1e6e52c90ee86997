"""Every export a system has, as files: what the audit pack writes into each system's folder
and the site links from each system page.

Two families, each with its own registry, both read here so a kind added to either is in the
pack and on the site without touching this module:

- document kinds (`aigov.exports.build.KINDS`: Annex IV, FRIA, EU database …), an
  `ExportDocument` rendered as Markdown, HTML and JSON (and PDF when Chromium is there);
- data kinds (`DATA_KINDS` below: CycloneDX, national registers …), a receiver's own format.
  A data kind is a module with `TITLE` (a noun phrase), `FILE_SUFFIX` (".cdx.json") and
  `render(ctx: SystemContext) -> str`, which raises an `AigovError` (exit code 1) when the
  record cannot supply what the receiver requires (the pack lists it as not exported, with
  why). Optional: `REQUIRES`, a module the kind needs (the kind is left out until it is
  installed); `SITE = True` when it is cheap enough to write for every system at each site
  build (`render_fast(ctx)`, when given, is what the site calls).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aigov.checks.policy import Policy
    from aigov.exports.inputs import ExportInputs
    from aigov.review.signoffs import SignOffState

# kind → module (see the module docstring); one line per kind
DATA_KINDS: dict[str, str] = {
    "cyclonedx": "aigov.exports.cyclonedx",
    "algoritmeregister": "aigov.exports.kind_algoritmeregister",
    "atrs": "aigov.exports.kind_atrs",
}

DOCUMENT_FORMATS = ("md", "html", "json")


@dataclass(frozen=True)
class SystemContext:
    """What any export of one system is made from: the export inputs (the record's edition,
    its check summary, the day, provenance), the repository, the policy and the sign-off
    states git history gives."""

    inputs: ExportInputs
    root: Path
    policy: Policy | None = None
    signoffs: tuple[SignOffState, ...] = ()


@dataclass(frozen=True)
class ExportFile:
    kind: str
    title: str
    name: str  # file name: "<system>-<kind>.<suffix>"
    make: Callable[[], str | bytes] = field(compare=False)


@dataclass(frozen=True)
class Skipped:
    kind: str
    title: str
    reason: str


def data_module(kind: str) -> Any:
    return importlib.import_module(DATA_KINDS[kind])


def data_kinds() -> list[str]:
    """The data kinds whose module (and the module it `REQUIRES`) is installed."""
    out = []
    for kind, name in DATA_KINDS.items():
        if importlib.util.find_spec(name) is None:
            continue
        needs = getattr(data_module(kind), "REQUIRES", None)
        if needs is None or importlib.util.find_spec(needs) is not None:
            out.append(kind)
    return out


def document_kinds() -> list[str]:
    """The document kinds of `aigov.exports.build.KINDS` whose builder is installed, but for
    the portfolio documents (`PORTFOLIO = True`, the SoA), which are not one system's."""
    from aigov.exports.build import KINDS, kind_module

    return [
        k
        for k, module in KINDS.items()
        if importlib.util.find_spec(module) is not None
        and not getattr(kind_module(k), "PORTFOLIO", False)
    ]


def all_kinds() -> list[str]:
    return [*document_kinds(), *data_kinds()]


def file_names(system: str, formats: Sequence[str] = DOCUMENT_FORMATS) -> list[tuple[str, str]]:
    """(kind, file name) of every export of `system`, without building any: the site's links."""
    from aigov.exports.render import SUFFIX

    out = [(k, f"{system}-{k}{SUFFIX[f]}") for k in document_kinds() for f in formats]
    out += [(k, f"{system}-{k}{data_module(k).FILE_SUFFIX}") for k in data_kinds()]
    return out


def kind_title(kind: str) -> str:
    if kind in DATA_KINDS:
        return str(data_module(kind).TITLE)
    from aigov.exports.build import kind_module

    return str(getattr(kind_module(kind), "TITLE", kind))


def export_files(
    ctx: SystemContext,
    formats: Sequence[str] = DOCUMENT_FORMATS,
    *,
    user_templates: Path | None = None,
    printer: Any = None,
) -> tuple[list[ExportFile], list[Skipped]]:
    """Every export of the system as files to write (made when `make` is called), and the
    kinds that cannot be made for it, with why."""
    from aigov.errors import AigovError
    from aigov.exports.build import build_export
    from aigov.exports.render import SUFFIX

    system = ctx.inputs.loaded.id
    files: list[ExportFile] = []
    skipped: list[Skipped] = []
    for kind in document_kinds():
        title = kind_title(kind)
        try:
            doc = build_export(kind, ctx.inputs)
        except AigovError as err:
            if err.exit_code != 1:  # not the record's gap: a broken set-up or a bug
                raise
            skipped.append(Skipped(kind, title, err.message or str(err)))
            continue
        wanted = [*formats, *(["pdf"] if printer is not None else [])]
        for fmt in wanted:
            files.append(
                ExportFile(
                    kind,
                    title,
                    f"{system}-{kind}{SUFFIX[fmt]}",
                    _renderer(doc, fmt, user_templates, printer),
                )
            )
    for kind in data_kinds():
        module = data_module(kind)
        try:
            text = module.render(ctx)
        except AigovError as err:
            if err.exit_code != 1:
                raise
            skipped.append(Skipped(kind, module.TITLE, err.message or str(err)))
            continue
        files.append(
            ExportFile(kind, module.TITLE, f"{system}-{kind}{module.FILE_SUFFIX}", _const(text))
        )
    return files, skipped


def _renderer(doc: Any, fmt: str, templates: Path | None, printer: Any) -> Callable[[], Any]:
    from aigov.exports.render import render_export

    if fmt == "pdf":
        return lambda: render_export(doc, fmt, user_dir=templates, printer=printer)
    return lambda: render_export(doc, fmt, user_dir=templates)


def _const(value: str) -> Callable[[], str]:
    return lambda: value


def site_unpublished(published: set[str]) -> list[tuple[str, str]]:
    """The document kinds of a system (`document_kinds`) its site page
    does not publish (`published` are those it does), each with why, empty when it is made on
    demand by `aigov export`: the page names them, so every export of the system is on it."""
    from aigov.exports.build import SITE_GENAI_KINDS

    return [
        (kind, "for generative systems only" if kind in SITE_GENAI_KINDS else "")
        for kind in document_kinds()
        if kind not in published
    ]
