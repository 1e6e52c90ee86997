"""Build an export: open the record (checked, redacted for the audience) and run the kind's
builder. The registry of kinds is `KINDS`: each names the module whose `build(inputs)` makes
the document; a new kind is one line here and its module (the CLI's table is
`aigov/cli/export.py`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.errors import AigovError
from aigov.exports.document import ExportDocument
from aigov.exports.inputs import ExportInputs

if TYPE_CHECKING:
    from aigov.organisation import LoadedOrganisation
    from aigov.project import LoadedRecord
    from aigov.workspace import Workspace

# kind → module with `build(inputs) -> ExportDocument` and `TITLE`; optional
# `data_schema() -> dict` (the JSON schema of the document's `data`) and `ITEMS_FILE`
KINDS: dict[str, str] = {
    "annex-iv": "aigov.exports.annex_iv",
    "fria": "aigov.exports.fria",
    "eu-database": "aigov.exports.eu_database",
    "soa": "aigov.exports.soa",
    "nist-profile": "aigov.exports.nist_profile",
}


# the documents the site publishes for each system, and in which formats: HTML (the readable,
# printable page) and JSON always; PDF and DOCX are left to `aigov export` (a Chromium print or
# a Word file per document would multiply a site build's time)
SITE_KINDS = ("annex-iv", "fria", "eu-database")
# published only for the systems it concerns: generative ones (`aigov.genai.is_generative`)
SITE_GENAI_KINDS = ("nist-profile",)
SITE_FORMATS = ("html", "json")
# from systems/<id>/exports/<kind>.html to the docs root, where the evidence files are copied
SITE_LINK_BASE = "../../.."


@dataclass(frozen=True)
class PublishedExport:
    kind: str
    fmt: str
    title: str
    text: str


class ExportError(AigovError):
    """The record cannot be exported (it does not validate)."""


def kind_module(kind: str) -> Any:
    if kind not in KINDS:
        raise ValueError(f"unknown export kind '{kind}' (one of {', '.join(KINDS)})")
    return importlib.import_module(KINDS[kind])


def load_system(ws: Workspace, system: str) -> LoadedRecord:
    """The record SYSTEM names (an id or a file), loaded, checked, and redacted for the
    workspace's audience. Raises NotFound, ExportError (invalid record, exit 1) and
    UnresolvedVisibility (a public edition whose visibility rules do not resolve, exit 2)."""
    from aigov.audience import redact, refuse_unresolved
    from aigov.checks import summary_of
    from aigov.locate import locate
    from aigov.paths import display_path

    options = ws.record_options
    path = locate(system, ws.root)
    project = ws.load([path], options=options)
    if not project.records or project.records[0].record is None:
        diags = project.diagnostics + (project.records[0].diagnostics if project.records else [])
        raise ExportError(
            f"{display_path(path)} does not validate, so nothing was exported",
            diagnostics=diags,
            hint="Fix the problems above (`aigov validate` lists them too).",
            exit_code=1,
        )
    loaded = project.records[0]
    summary = summary_of(loaded, options)  # the summary the checker left, as a card uses
    if summary is not None and loaded.check_summary is None:
        loaded = dataclasses.replace(loaded, check_summary=summary)
    if ws.audience == "public":
        refuse_unresolved([loaded], "public export")
        loaded = redact(loaded, "public")
        if loaded.check_summary is None and loaded.record is not None:
            loaded = dataclasses.replace(loaded, check_summary=summary_of(loaded, options))
    return loaded


def inputs_for(
    loaded: LoadedRecord,
    *,
    root: Path,
    today: dt.date,
    generated_at: dt.datetime | str | None = None,
    git: Any = None,
    organisation: LoadedOrganisation | None = None,
    provenance: dict[str, Any] | None = None,
) -> ExportInputs:
    """The inputs of one system's export: the record, what the portfolio adds to it (the
    organisation's controls) and the provenance (made here unless given). The CLI, the audit
    pack and the site all make them here, so each gets the same document."""
    from aigov.provenance import provenance_for

    if provenance is None:
        provenance = provenance_for(
            loaded.path,
            loaded.source,
            loaded.content_hash,
            root=root,
            generated_at=generated_at,
            git=git,
        ).to_dict()
    return ExportInputs(
        loaded=loaded,
        summary=loaded.check_summary,
        today=today,
        provenance=provenance,
        organisation_controls=tuple(organisation.controls) if organisation is not None else (),
    )


def site_kinds(loaded: LoadedRecord) -> tuple[str, ...]:
    """The document kinds the site publishes on this system's page."""
    from aigov.genai import is_generative

    generative = loaded.record is not None and is_generative(loaded.record)
    return SITE_KINDS + (SITE_GENAI_KINDS if generative else ())


def build_export(kind: str, inputs: ExportInputs) -> ExportDocument:
    doc: ExportDocument = kind_module(kind).build(inputs)
    return doc


def site_exports(
    loaded: LoadedRecord,
    provenance: dict[str, Any],
    today: dt.date,
    user_templates: Path | None = None,
    organisation: LoadedOrganisation | None = None,
) -> list[PublishedExport]:
    """The documents of `site_kinds` for one system's site page (the record as the site has
    it: its audience's edition, checked; the organisation the site shows)."""
    from aigov.exports.render import render_export

    if loaded.record is None:
        return []
    inputs = inputs_for(
        loaded, root=Path("."), today=today, provenance=provenance, organisation=organisation
    )
    out = []
    for kind in site_kinds(loaded):
        doc = build_export(kind, inputs)
        for fmt in SITE_FORMATS:
            text = render_export(doc, fmt, user_dir=user_templates, link_base=SITE_LINK_BASE)
            assert isinstance(text, str)
            out.append(PublishedExport(kind, fmt, kind_module(kind).TITLE, text))
    return out
