"""The registration data of Annex VIII for the EU database (Art. 49, Art. 71): Section A for
providers of Annex III high-risk systems (Art. 49(1)), Section B for providers claiming the
Art. 6(3) derogation (Art. 49(2)), Section C for deployers that are public authorities
(Art. 49(3)). Whether each section applies comes from the obligations engine; every item is
filled from the record or says why not. The entry is the document's `data` (JSON with a
schema) and a readable page.

Item titles are data (`aigov/data/eu-ai-act-documents.yaml`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aigov.exports.applicability import Applicability, applicability, classification_rows
from aigov.exports.common import (
    act_source,
    coverage_item,
    documents,
    not_applicable,
    text,
    value_at,
)
from aigov.exports.document import (
    COVERAGE_LABELS,
    Block,
    Coverage,
    CoverageItem,
    ExportDocument,
    Paragraph,
    Row,
    Rows,
    Section,
    Table,
)
from aigov.exports.inputs import ExportInputs, FieldState
from aigov.i18n import N_, _
from aigov.model import AnnexIIIArea, Record, Stage

TITLE = N_("EU database registration (Annex VIII)")
SECTION_OBLIGATION = {"A": "art-49-1", "B": "art-49-2", "C": "art-49-3"}
LIVE = {Stage.PILOT, Stage.PRODUCTION}


def spec() -> dict[str, Any]:
    data: dict[str, Any] = documents()["annex_viii"]
    return data


def item_ids() -> list[str]:
    return [str(i["id"]) for s in spec()["sections"] for i in s["items"]]


def data_schema() -> dict[str, Any]:
    """The JSON Schema of the entry (`data`): per section whether it applies, and per item
    its status and value."""
    item = {
        "type": "object",
        "required": ["id", "title", "status", "value", "reason"],
        "properties": {
            "id": {"enum": item_ids()},
            "title": {"type": "string"},
            "status": {"enum": [c.value for c in Coverage]},
            "value": {"type": ["string", "null"]},
            "reason": {"type": "string"},
        },
        "additionalProperties": False,
    }
    section = {
        "type": "object",
        "required": ["title", "applies", "obligation", "applies_from", "reason", "items"],
        "properties": {
            "title": {"type": "string"},
            "applies": {
                "enum": [
                    "applicable",
                    "not_yet_applicable",
                    "not_applicable",
                    "role_unknown",
                    "not_assessed",
                ]
            },
            "obligation": {"type": "string"},
            "applies_from": {"type": ["string", "null"]},
            "reason": {"type": "string"},
            "items": {"type": "array", "items": item},
        },
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "required": ["system", "sections"],
        "properties": {
            "system": {"type": "string"},
            "sections": {
                "type": "object",
                "required": ["A", "B", "C"],
                "properties": {k: section for k in ("A", "B", "C")},
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


def _eu(record: Record) -> Any:
    ia = record.impact_assessment
    return ia.eu_ai_act if ia else None


# --- item values: what the entry would say ----------------------------------------------------


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _provider(r: Record) -> str:
    o = r.owner
    return _join(text(o.legal_entity), text(o.contact)) if o else ""


def _reference(r: Record) -> str:
    return _join(r.name, f"id {r.id}", f"version {r.version}" if r.version else "")


def _purpose(r: Record) -> str:
    uses = text(value_at(r, "use_case.intended_uses")) or text(
        value_at(r, "documentation.intended_use")
    )
    comps = r.approach.components if r.approach else []
    functions = "; ".join(f"{c.name}: {c.role}" if c.role else c.name for c in comps)
    return _join(uses, f"components: {functions}" if functions else "")


def _inputs(r: Record) -> str:
    sources = [
        s.name
        for s in (r.data.sources if r.data else [])
        if "runtime_input" in {x.value for x in s.roles}
    ]
    comps = r.approach.components if r.approach else []
    logic = "; ".join(
        f"{c.name}: {c.input_format} → {c.output_format}"
        for c in comps
        if c.input_format and c.output_format
    )
    return _join(f"inputs: {', '.join(sources)}" if sources else "", logic)


def _status(r: Record) -> str:
    stage = r.stage
    eu = _eu(r)
    placed = eu.placed_on_market if eu is not None else None
    if stage == Stage.RETIRED:
        return "no longer placed on the market / in service"
    if stage in LIVE:
        return "in service" + (f" since {placed.isoformat()}" if placed else "")
    return f"not yet placed on the market or put into service (stage: {text(stage)})"


def _states(r: Record) -> str:
    regions = (
        list(r.operations.deployment.regions) if r.operations and r.operations.deployment else []
    )
    return ", ".join(regions or (r.use_case.geographies if r.use_case else []))


def _links(r: Record) -> str:
    return "; ".join(f"{link.title}: {link.url}" for link in r.links)


def _field(path: str) -> Callable[[Record], str]:
    return lambda r: text(value_at(r, path), path.rsplit(".", 1)[-1])


VALUES: dict[str, Callable[[Record], str]] = {
    "1": _provider,
    "3": _field("impact_assessment.eu_ai_act.authorised_representative"),
    "4": _reference,
    "A.5": _purpose,
    "B.5": _field("use_case.intended_uses"),
    "A.6": _inputs,
    "A.7": _status,
    "B.8": _status,
    "A.8": _field("impact_assessment.eu_ai_act.conformity_assessment"),
    "A.9": _field("impact_assessment.eu_ai_act.conformity_assessment"),
    "A.10": _states,
    "B.9": _states,
    "A.11": _field("impact_assessment.eu_ai_act.conformity_assessment"),
    "A.12": _field("documentation.intended_use"),
    "A.13": _links,
    "B.6": _field("impact_assessment.eu_ai_act.derogation.reason"),
    "B.7": _field("impact_assessment.eu_ai_act.derogation.reasoning"),
    "C.1": _provider,
    "C.2": lambda r: _join(
        text(value_at(r, "owner.accountable")), text(value_at(r, "owner.contact"))
    ),
    "C.3": _field("impact_assessment.eu_ai_act.registration"),
    "C.4": _field("impact_assessment.fundamental_rights_assessment"),
    "C.5": _field("data.data_protection_note"),
}


def _value(ident: str, r: Record) -> str:
    section, number = ident.split(".")
    fn = VALUES.get(ident) or (VALUES.get(number) if section in "AB" else None)
    return fn(r) if fn is not None else ""


def _item_override(ident: str, inputs: ExportInputs) -> FieldState | None:
    """Items whose applicability the classification decides (a certificate only for the
    notified-body route, instructions not for points 1, 6, 7, optional fields)."""
    eu = _eu(inputs.record)
    area = eu.annex_iii_area if eu is not None else None
    if ident in ("A.8", "A.9") and area not in (None, AnnexIIIArea.BIOMETRICS):
        return not_applicable(
            _(
                "Annex III points 2 to 8 follow internal control (Art. 43(2), Annex VI): no "
                "notified body certificate"
            )
        )
    if ident == "A.12" and area in (
        AnnexIIIArea.BIOMETRICS,
        AnnexIIIArea.LAW_ENFORCEMENT,
        AnnexIIIArea.MIGRATION,
    ):
        return not_applicable(_("not provided for Annex III points 1, 6 and 7"))
    if ident == "A.13" and not inputs.record.links:
        return not_applicable(_("optional; the record gives no further link"))
    if ident in ("A.2", "B.2"):
        return not_applicable(
            _("only where another person submits on the provider's behalf; the record names none")
        )
    return None


# --- the document ------------------------------------------------------------------------------


#: why a section of Annex VIII does not apply, by section
SECTION_NOT_APPLICABLE = {
    "A": N_(
        "Art. 49(1) registers providers of Annex III high-risk systems; it does not apply to "
        "this system"
    ),
    "B": N_("no Art. 6(3) derogation is claimed for an Annex III use"),
    "C": N_(
        "Art. 49(3) registers deployers that are public authorities; it does not apply to this "
        "system"
    ),
}


def _section_reason(a: Applicability, key: str) -> str:
    if a.applies == "not_assessed":
        return _("the record has no EU AI Act classification")
    if a.applies == "role_unknown":
        return _("the role under the Act is not recorded")
    if a.applies == "not_applicable":
        return _(SECTION_NOT_APPLICABLE[key])
    return a.reason


def build(inputs: ExportInputs) -> ExportDocument:
    r = inputs.record
    coverage: list[CoverageItem] = []
    sections: list[Section] = []
    entry: dict[str, Any] = {}
    facts = classification_rows(inputs)
    overview: list[Block] = [
        Paragraph(
            _(
                "Before a high-risk AI system listed in Annex III is placed on the market or put "
                "into service, its provider registers it in the EU database (Art. 49(1)); so does "
                "a provider that considers an Annex III system not high-risk under Art. 6(3) "
                "(Art. 49(2)), and a deployer that is a public authority registers its use "
                "(Art. 49(3)). Annex VIII lists what each registration holds."
            )
        )
    ]
    if facts:
        overview.append(Rows(tuple(Row(k, v) for k, v in facts)))
    summary_rows = []
    for section in spec()["sections"]:
        key = str(section["id"])
        a = applicability(inputs, SECTION_OBLIGATION[key])
        reason = _section_reason(a, key)
        summary_rows.append((_(str(section["title"])), a.sentence))
        section_na = not a.relevant
        items_out = []
        table_rows = []
        for spec_item in section["items"]:
            ident = str(spec_item["id"])
            override = not_applicable(reason) if section_na else _item_override(ident, inputs)
            cov = coverage_item(inputs, spec_item, override=override)
            coverage.append(cov)
            value = _value(ident, r) if cov.status == Coverage.SUPPLIED else None
            items_out.append(
                {
                    "id": ident,
                    "title": cov.title,
                    "status": cov.status.value,
                    "value": value,
                    "reason": cov.reason,
                }
            )
            shown = value if value else (cov.reason or cov.note or _(COVERAGE_LABELS[cov.status]))
            table_rows.append(
                (
                    ident,
                    _(cov.title),
                    cov.label if cov.status != Coverage.SUPPLIED else _("supplied"),
                    shown,
                )
            )
        entry[key] = {
            "title": str(section["title"]),
            "applies": a.applies,
            "obligation": SECTION_OBLIGATION[key],
            "applies_from": a.applies_from or None,
            "reason": reason,
            "items": items_out,
        }
        sections.append(
            Section(
                f"annex-viii-{key.lower()}",
                _(str(section["title"])),
                (
                    Paragraph(
                        a.sentence
                        if not section_na
                        else _("Does not apply: {reason}.").format(reason=reason)
                    ),
                    Table(("Item", "What", "Status", "Entry"), tuple(table_rows)),
                ),
                item=key,
            )
        )
    overview.append(Table(("Section", "Applies?"), tuple(summary_rows)))
    eu = _eu(r)
    reg = eu.registration if eu is not None else None
    overview.append(
        Paragraph(
            _("Registration reference in the record: {reference}.").format(reference=reg)
            if reg
            else _(
                "The record holds no registration reference yet "
                "(impact_assessment.eu_ai_act.registration)."
            )
        )
    )
    return ExportDocument(
        kind="eu-database",
        title=_("{title}: {name}").format(title=_(TITLE), name=r.name),
        system_id=r.id,
        system_name=r.name,
        audience=inputs.audience,
        source=f"{act_source()}, Art. 49 and Annex VIII",
        coverage=tuple(coverage),
        sections=(
            Section("annex-viii-overview", N_("Which registrations apply"), tuple(overview)),
            *sections,
        ),
        provenance=inputs.provenance,
        intro=(
            _(
                "The EU database registration data of {name} ({id}) under Art. 49 and Annex "
                "VIII of the AI Act, generated from its governance record."
            ).format(name=r.name, id=r.id),
        ),
        withheld=tuple(w.label for w in inputs.loaded.edition.withheld),
        data={"system": r.id, "sections": entry},
        coverage_title="Coverage of Annex VIII",
    )
