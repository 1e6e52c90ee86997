"""`aigov export nist-profile SYSTEM`: one system against the NIST AI 600-1 Generative AI
Profile, as an export document (`aigov.genai.profile_report` decides; this lays it out).

The coverage list has one item per suggested action for the system's GAI risks (the 600-1
risks its harms are tagged with): supplied when a control names it in `nist_600_1`, missing
when none does (a gap). A system with no tagged risk has one item that says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aigov.catalog import genai_profile
from aigov.exports.document import (
    Bullets,
    Coverage,
    CoverageItem,
    ExportDocument,
    Gap,
    Paragraph,
    Row,
    Rows,
    Section,
    Table,
)
from aigov.exports.inputs import ExportInputs
from aigov.genai import ActionRow, GenAIProfileReport, profile_report
from aigov.i18n import N_, _
from aigov.model import Control

KIND = "nist-profile"
TITLE = N_("NIST AI 600-1 Generative AI Profile")

STATE_WORDS = {"in_place": N_("in place"), "planned": N_("planned"), "gap": N_("gap: no control")}


def build(
    inputs: ExportInputs, organisation_controls: Sequence[Control] | None = None
) -> ExportDocument:
    """The profile of the inputs' system; the organisation's controls are the inputs' unless
    given."""
    if organisation_controls is None:
        organisation_controls = inputs.organisation_controls
    report = profile_report(inputs.record, organisation_controls)
    return document(report, inputs.audience, inputs.provenance, inputs.withheld_fields)


def _controls(row: ActionRow) -> str:
    return ", ".join(
        c.control_id
        + " ("
        + (c.status or _("status not stated"))
        + (", " + _("organisation") if c.organisation else "")
        + ")"
        for c in row.controls
    )


def _coverage(report: GenAIProfileReport) -> tuple[CoverageItem, ...]:
    rows = {a.action.id: a for s in report.risks for a in s.actions}
    if not rows:
        if report.generative:
            return (
                CoverageItem(
                    "GAI risks",
                    "The system's NIST AI 600-1 risks",
                    Coverage.MISSING,
                    ("impact_assessment.harms.gai_risks",),
                    _("A generative system whose harms name no 600-1 risk: tag each harm."),
                ),
            )
        return (
            CoverageItem(
                "GAI risks",
                "The system's NIST AI 600-1 risks",
                Coverage.NOT_APPLICABLE,
                ("use_case.ai_help", "impact_assessment.harms.gai_risks"),
                reason=_(
                    "the record's AI help does not include 'generate' and no harm names a "
                    "600-1 risk"
                ),
            ),
        )
    order = [a.id for a in genai_profile().actions]
    items = []
    for ident in sorted(rows, key=order.index):
        row = rows[ident]
        status = Coverage.MISSING if row.state == "gap" else Coverage.SUPPLIED
        items.append(
            CoverageItem(
                ident,
                f"{row.action.subcategory}: {row.action.text}",
                status,
                tuple(f"controls:{c.control_id}" for c in row.controls),
                _(STATE_WORDS[row.state]),
            )
        )
    return tuple(items)


def _action_table(rows: Sequence[ActionRow]) -> Table:
    return Table(
        ("Action", "Subcategory", "Suggested action", "Controls", "State"),
        tuple(
            (
                a.action.id,
                a.action.subcategory,
                a.action.text,
                _controls(a) or "none",
                _(STATE_WORDS[a.state]),
            )
            for a in rows
        ),
    )


def document(
    report: GenAIProfileReport,
    audience: str,
    provenance: dict[str, Any],
    withheld: tuple[str, ...] = (),
) -> ExportDocument:
    profile = genai_profile()
    counts = report.counts()
    summary = Rows(
        (
            Row("Generative system", _("yes") if report.generative else _("no")),
            Row(
                "GAI risks",
                ", ".join(s.risk.title for s in report.risks),
                Coverage.SUPPLIED if report.risks else Coverage.MISSING,
            ),
            Row("Suggested actions for these risks", str(counts["actions"])),
            Row("Carried out by a control in place", str(counts["in_place"])),
            Row("Planned", str(counts["planned"])),
            Row("Gaps (no control)", str(counts["gap"])),
        )
    )
    sections = [
        Section(
            "profile-summary",
            "Summary",
            (
                Paragraph(
                    _(
                        "NIST AI 600-1 names 12 risks of generative AI and suggests actions for "
                        "each, under the AI RMF subcategory they carry out. This system's risks "
                        "are the ones its harms are tagged with (gai_risks); a control carries "
                        "an action out when its nist_600_1 list names it. The actions are "
                        "suggestions: a gap is a question for the owner, not a failed rule."
                    )
                ),
                summary,
            ),
        )
    ]
    for s in report.risks:
        blocks: list[Any] = [
            Paragraph(_("Harms tagged with it: {harms}.").format(harms=", ".join(s.harms))),
            _action_table(s.actions),
        ]
        sections.append(
            Section(f"risk-{s.risk.id}", f"{s.risk.number}. {s.risk.title}", tuple(blocks))
        )
    if not report.risks:
        sections.append(
            Section(
                "profile-risks",
                "GAI risks",
                (Gap(Coverage.MISSING, _("No harm of this record names a NIST AI 600-1 risk.")),),
            )
        )
    if report.untagged_harms:
        sections.append(
            Section(
                "untagged-harms",
                "Harms without a 600-1 risk",
                (Bullets(report.untagged_harms),),
            )
        )
    if report.outside:
        sections.append(
            Section(
                "outside-risks",
                "Actions cited for risks no harm names",
                (
                    Paragraph(
                        _(
                            "Controls carry these actions out, but no harm is tagged with the "
                            "risks they address: the harm may lack its tag."
                        )
                    ),
                    _action_table(report.outside),
                ),
            )
        )
    return ExportDocument(
        kind=KIND,
        title=_("{title}: {name}").format(title=_(TITLE), name=report.system_name),
        system_id=report.system_id,
        system_name=report.system_name,
        audience=audience,
        source=f"{profile.citation()} (U.S. Government work), "
        f"{profile.document['url']}; transcription: {profile.document['transcription']}",
        coverage=_coverage(report),
        sections=tuple(sections),
        provenance=provenance,
        withheld=withheld,
        data=report.to_dict(),
        coverage_title=N_(
            "Coverage of the profile (one item per suggested action for the system's risks)"
        ),
    )


def data_schema() -> dict[str, Any]:
    s = {"type": "string"}
    control = {
        "type": "object",
        "required": ["id", "title", "status", "organisation"],
        "properties": {
            "id": s,
            "title": s,
            "status": {"type": ["string", "null"]},
            "organisation": {"type": "boolean"},
        },
        "additionalProperties": False,
    }
    action = {
        "type": "object",
        "required": ["id", "subcategory", "risks", "text", "state", "controls"],
        "properties": {
            "id": {"enum": [a.id for a in genai_profile().actions]},
            "subcategory": s,
            "risks": {"type": "array", "items": {"enum": [r.id for r in genai_profile().risks]}},
            "text": s,
            "state": {"enum": list(STATE_WORDS)},
            "controls": {"type": "array", "items": control},
        },
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "required": [
            "profile",
            "system",
            "generative",
            "counts",
            "risks",
            "untagged_harms",
            "outside_risks",
        ],
        "properties": {
            "profile": s,
            "system": s,
            "generative": {"type": "boolean"},
            "counts": {
                "type": "object",
                "required": ["actions", "in_place", "planned", "gap"],
                "properties": {
                    k: {"type": "integer", "minimum": 0}
                    for k in ("actions", "in_place", "planned", "gap")
                },
                "additionalProperties": False,
            },
            "risks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "harms", "actions"],
                    "properties": {
                        "id": {"enum": [r.id for r in genai_profile().risks]},
                        "title": s,
                        "harms": {"type": "array", "items": s},
                        "actions": {"type": "array", "items": action},
                    },
                    "additionalProperties": False,
                },
            },
            "untagged_harms": {"type": "array", "items": s},
            "outside_risks": {"type": "array", "items": action},
        },
        "additionalProperties": False,
    }
