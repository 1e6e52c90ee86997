"""`aigov export soa`: the ISO/IEC 42001 Statement of Applicability as an export document.

A portfolio document: the organisation's declarations (`aigov.yaml`, `soa:`), the controls of
every record and of `organisation.yaml` that name an Annex A id, and their evidence, built by
`aigov.soa.build_soa`. The coverage list has one item per Annex A control — all 38 — and the
document one section per Annex A group with one sub-section per control. ISO text is never
shipped: each control is its id and short title.

`load_portfolio(ws)` opens the repository (records validated, not checked: the SoA needs the
controls, not the findings); `document(...)` is pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.catalog import iso42001
from aigov.checks.policy import SoaEntry
from aigov.crosswalk import crosswalk
from aigov.exports.document import (
    Coverage,
    CoverageItem,
    Evidence,
    EvidenceRef,
    ExportDocument,
    Paragraph,
    Row,
    Rows,
    Section,
    Table,
)
from aigov.i18n import N_, _
from aigov.model import Control, Record
from aigov.soa import RowState, SoaRow, StatementOfApplicability, build_soa

if TYPE_CHECKING:
    from aigov.checks.policy import Policy
    from aigov.organisation import LoadedOrganisation
    from aigov.project import LoadedRecord
    from aigov.workspace import Workspace

KIND = "soa"
TITLE = N_("ISO/IEC 42001 Statement of Applicability")
# a document over the whole portfolio, not of one system: no `build(inputs)`; the site
# publishes it once (registers/soa.html), not on each system's page
PORTFOLIO = True

STATE_WORDS = {
    RowState.IMPLEMENTED: "applicable, implemented",
    RowState.PARTLY: "applicable, partly implemented",
    RowState.NOT_IMPLEMENTED: "applicable, not implemented",
    RowState.EXCLUDED: "excluded",
    RowState.CONFLICT: "excluded, yet claimed by controls",
    RowState.UNDECLARED: "undeclared",
}


def item_ids() -> list[str]:
    return list(iso42001().ids())


@dataclass(frozen=True)
class Portfolio:
    records: tuple[Record, ...]
    organisation_controls: tuple[Control, ...]
    declarations: dict[str, SoaEntry]
    left_out: tuple[str, ...]  # record files that do not validate
    audience: str
    provenance: dict[str, Any]


def load_portfolio(ws: Workspace, generated_at: str | None = None) -> Portfolio:
    """Every record of the repository (validated; redacted for a public audience), the
    organisation's controls and the policy's declarations."""
    from aigov.audience import redact, refuse_unresolved

    project = ws.load(checked=False)
    loaded = [r for r in project.records if r.record is not None]
    if ws.audience == "public":
        refuse_unresolved(loaded, "public export")
        loaded = [redact(r, "public") for r in loaded]
    return portfolio_of(
        loaded,
        ws.organisation,
        ws.policy,
        root=ws.root,
        config=ws.config,
        audience=ws.audience,
        left_out=tuple(r.path for r in project.records if r.record is None),
        generated_at=generated_at,
    )


def portfolio_of(
    records: Sequence[LoadedRecord],
    organisation: LoadedOrganisation | None,
    policy: Policy | None,
    *,
    root: Path,
    config: Path | None = None,
    audience: str = "internal",
    left_out: tuple[str, ...] = (),
    generated_at: dt.datetime | str | None = None,
    git: Any = None,
) -> Portfolio:
    """The SoA's inputs from records already loaded (and redacted for `audience`), the
    organisation and the policy: what `aigov export soa` and the site both build from. The
    provenance is the policy file's (aigov.yaml declares the SoA)."""
    from aigov.paths import CONFIG_FILE
    from aigov.provenance import provenance_for

    policy_file = config or root / CONFIG_FILE
    source = policy_file if policy_file.exists() else root
    prov = provenance_for(CONFIG_FILE, source, "", root=root, generated_at=generated_at, git=git)
    return Portfolio(
        tuple(r.record for r in records if r.record is not None),
        tuple(organisation.controls) if organisation is not None else (),
        dict(policy.soa) if policy is not None else {},
        left_out,
        audience,
        prov.to_dict(),
    )


def build_from(portfolio: Portfolio) -> tuple[StatementOfApplicability, ExportDocument]:
    soa = build_soa(portfolio.records, portfolio.declarations, portfolio.organisation_controls)
    return soa, document(soa, portfolio)


def _coverage(row: SoaRow) -> CoverageItem:
    c = row.control
    fields = (f"aigov.yaml soa.{c.id}", *(f"{i.where}:{i.control_id}" for i in row.implementations))
    state = row.state
    if state in (RowState.IMPLEMENTED, RowState.PARTLY):
        return CoverageItem(c.id, c.title, Coverage.SUPPLIED, fields, STATE_WORDS[state])
    if state in (RowState.EXCLUDED, RowState.CONFLICT):
        return CoverageItem(
            c.id, c.title, Coverage.NOT_APPLICABLE, fields, row.finding, row.justification
        )
    return CoverageItem(c.id, c.title, Coverage.MISSING, fields, row.finding)


def _related(control_id: str) -> str:
    pairs = [
        p.subject for p in crosswalk().between("nist_ai_rmf", "iso_42001") if p.object == control_id
    ]
    return ", ".join(pairs)


def _control_section(row: SoaRow) -> Section:
    c = row.control
    rows = [
        Row("Applicability", row.declared.value, _declared_status(row)),
        Row("State", STATE_WORDS[row.state]),
        Row("Owner", row.owner, Coverage.SUPPLIED if row.owner else Coverage.MISSING),
        Row(
            "Justification",
            row.justification,
            Coverage.SUPPLIED if row.justification else _justification_status(row),
        ),
    ]
    if row.finding:
        rows.append(Row("Finding", row.finding))
    related = _related(c.id)
    if related:
        rows.append(Row("NIST AI RMF (crosswalk)", related))
    blocks: list[Any] = [Rows(tuple(rows))]
    if row.implementations:
        blocks.append(
            Table(
                ("System", "Control", "Title", "Status", "Owner"),
                tuple(
                    (i.where, i.control_id, i.title, i.status or "not stated", i.owner or "")
                    for i in row.implementations
                ),
                caption="Implemented by",
            )
        )
    refs = tuple(
        EvidenceRef(e.title, e.link, e.date, f"{i.where}:{i.control_id}") for i, e in row.evidence()
    )
    if refs:
        blocks.append(Evidence(refs))
    return Section(f"soa-{c.id}", f"{c.id} {c.title}", tuple(blocks), level=3, item=c.id)


def _declared_status(row: SoaRow) -> Coverage:
    return Coverage.MISSING if row.state == RowState.UNDECLARED else Coverage.SUPPLIED


def _justification_status(row: SoaRow) -> Coverage:
    # required when excluded (the policy loader refuses an exclusion without one);
    # optional for an applicable control
    return Coverage.MISSING if row.state == RowState.UNDECLARED else Coverage.NOT_APPLICABLE


def document(soa: StatementOfApplicability, portfolio: Portfolio) -> ExportDocument:
    counts = soa.counts()
    summary = Rows(
        tuple(
            [
                Row("Annex A controls", str(len(soa.rows))),
                Row("Records", str(len(soa.systems))),
                *(Row(STATE_WORDS[s], str(counts[s.value])) for s in RowState),
            ]
            + (
                [Row("Records left out", ", ".join(portfolio.left_out), Coverage.MISSING)]
                if portfolio.left_out
                else []
            )
        )
    )
    sections = [
        Section(
            "soa-summary",
            "Summary",
            (
                Paragraph(
                    "Clause 6.1.3 of ISO/IEC 42001 asks for a Statement of Applicability: "
                    "each Annex A control, whether it applies and why, and how it is "
                    "implemented. Applicability is declared in aigov.yaml (soa:); the "
                    "implementing controls are those whose iso_42001 list names the control."
                ),
                summary,
            ),
        )
    ]
    groups: dict[str, list[SoaRow]] = {}
    for row in soa.rows:
        groups.setdefault(row.control.group_id, []).append(row)
    for group_id, rows in groups.items():
        group_title = rows[0].control.group_title
        sections.append(
            Section(
                f"soa-{group_id}",
                f"{group_id} {group_title}",
                (
                    Table(
                        ("Control", "Title", "Applicability", "State"),
                        tuple(
                            (r.control.id, r.control.title, r.declared.value, STATE_WORDS[r.state])
                            for r in rows
                        ),
                    ),
                ),
            )
        )
        sections += [_control_section(r) for r in rows]
    return ExportDocument(
        kind=KIND,
        title=_(TITLE),
        system_id=None,
        system_name=_("Portfolio"),
        audience=portfolio.audience,
        source=f"{soa.standard}, Annex A: control ids and short titles only. "
        + soa.source.rstrip("."),
        coverage=tuple(_coverage(r) for r in soa.rows),
        sections=tuple(sections),
        provenance=portfolio.provenance,
        intro=(
            _(
                "ISO/IEC 42001 text is copyrighted and not reproduced: each control is named by "
                "its id and short title; read the standard for what it requires."
            ),
        ),
        data=soa.to_dict(),
        coverage_title=N_("Coverage of Annex A (one item per control)"),
    )


def data_schema() -> dict[str, Any]:
    s = {"type": "string"}
    ns = {"type": ["string", "null"]}
    evidence = {
        "type": "object",
        "required": ["title", "link", "date"],
        "properties": {"title": s, "link": ns, "date": ns},
        "additionalProperties": False,
    }
    implementation = {
        "type": "object",
        "required": ["system", "control", "title", "function", "status", "owner", "evidence"],
        "properties": {
            "system": ns,
            "control": s,
            "title": s,
            "function": {"enum": ["govern", "map", "measure", "manage"]},
            "status": ns,
            "owner": ns,
            "evidence": {"type": "array", "items": evidence},
        },
        "additionalProperties": False,
    }
    control = {
        "type": "object",
        "required": [
            "id",
            "title",
            "group",
            "declared",
            "owner",
            "justification",
            "state",
            "finding",
            "implemented_by",
        ],
        "properties": {
            "id": {"enum": item_ids()},
            "title": {"type": "string", "minLength": 1},
            "group": s,
            "declared": {"enum": ["applicable", "excluded", "undeclared"]},
            "owner": s,
            "justification": s,
            "state": {"enum": [r.value for r in RowState]},
            "finding": s,
            "implemented_by": {"type": "array", "items": implementation},
        },
        "additionalProperties": False,
        # an exclusion always says why
        "if": {"properties": {"declared": {"const": "excluded"}}},
        "then": {"properties": {"justification": {"type": "string", "minLength": 1}}},
    }
    return {
        "type": "object",
        "required": ["standard", "source", "systems", "counts", "controls"],
        "properties": {
            "standard": s,
            "source": s,
            "systems": {"type": "array", "items": s},
            "counts": {
                "type": "object",
                "required": [r.value for r in RowState],
                "properties": {r.value: {"type": "integer", "minimum": 0} for r in RowState},
                "additionalProperties": False,
            },
            "controls": {"type": "array", "minItems": 38, "maxItems": 38, "items": control},
        },
        "additionalProperties": False,
    }
