"""The fundamental-rights impact assessment of Art. 27: whether it is required and why (the
obligations engine's test: deployer, Annex III high-risk, public body or point 5(b)/(c), not
point 2), items (a) to (f) from the record, reuse of earlier or provider assessments
(Art. 27(2)), the notification to the market surveillance authority (Art. 27(3)), and the same
content in the structure of the Dutch IAMA/FRAIA.

Item titles and wording are data (`aigov/data/eu-ai-act-documents.yaml`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from aigov.exports.applicability import applicability, classification_rows
from aigov.exports.common import (
    act_source,
    controls_of,
    coverage_item,
    documents,
    gap,
    item_states,
    not_applicable,
    row,
    rows,
    text,
    value_at,
)
from aigov.exports.document import (
    COVERAGE_LABELS,
    Block,
    Coverage,
    CoverageItem,
    ExportDocument,
    Gap,
    Paragraph,
    Quote,
    Row,
    Rows,
    Section,
    Table,
)
from aigov.exports.inputs import ExportInputs, FieldState, field_state
from aigov.i18n import N_, _
from aigov.model import AnnexIIIArea, EURole, Record

TITLE = N_("Fundamental rights impact assessment (Art. 27)")
APPLIES, REUSE, NOTIFICATION = "27(1)", "27(2)", "27(3)"
FRIA_POINTS = ("5(b)", "5(c)")


def spec() -> dict[str, Any]:
    data: dict[str, Any] = documents()["art_27"]
    return data


def item_ids() -> list[str]:
    return [APPLIES, *(str(i["id"]) for i in spec()["items"]), REUSE, NOTIFICATION]


def _eu(record: Record) -> Any:
    ia = record.impact_assessment
    return ia.eu_ai_act if ia else None


# --- applicability ---------------------------------------------------------------------------


def test_rows(inputs: ExportInputs) -> list[Row]:
    """The Art. 27(1) test, one condition a row, from the record's classification."""
    r = inputs.record
    eu = _eu(r)
    report = inputs.obligations
    roles = set(report.roles) if report is not None else set()
    out: list[Row] = []

    def yes_no(flag: bool | None, words: str, path: str) -> Row:
        if flag is None:
            state = field_state(inputs, path)
            status = Coverage.MISSING if state.status == Coverage.SUPPLIED else state.status
            return Row(words, state.reason or _("not recorded ({path})").format(path=path), status)
        return Row(words, _("yes") if flag else _("no"))

    out.append(
        Row(
            "Deployer of the system",
            _("yes") if EURole.DEPLOYER in roles else (_("not recorded") if not roles else _("no")),
            Coverage.SUPPLIED if roles else Coverage.MISSING,
        )
    )
    route = report.route if report is not None else None
    out.append(
        Row("High-risk under Art. 6(2) (Annex III)", _("yes") if route == "annex_iii" else _("no"))
    )
    area = eu.annex_iii_area if eu is not None else None
    out.append(
        Row(
            "Annex III area",
            text(area, "annex_iii_area") if area is not None else _("not recorded"),
            Coverage.SUPPLIED if area is not None else Coverage.MISSING,
        )
    )
    point = eu.annex_iii_point if eu is not None else None
    out.append(row(inputs, "Annex III point", "impact_assessment.eu_ai_act.annex_iii_point"))
    out.append(
        Row(
            "Point 2 (critical infrastructure), which Art. 27 excludes",
            _("yes") if area == AnnexIIIArea.CRITICAL_INFRASTRUCTURE else _("no"),
        )
    )
    out.append(
        yes_no(
            eu.public_body if eu is not None else None,
            "Body governed by public law, or private entity providing public services",
            "impact_assessment.eu_ai_act.public_body",
        )
    )
    out.append(
        Row(
            "Point 5(b) (creditworthiness) or 5(c) (life and health insurance)",
            _("yes") if (point or "") in FRIA_POINTS else _("no"),
        )
    )
    return out


def _applies_state(inputs: ExportInputs) -> tuple[FieldState, str]:
    a = applicability(inputs, "art-27")
    if a.applies == "not_assessed":
        return FieldState("impact_assessment.eu_ai_act", Coverage.MISSING), a.sentence
    if a.applies == "role_unknown":
        return FieldState("impact_assessment.eu_ai_act.role", Coverage.UNKNOWN), a.sentence
    if a.applies == "not_applicable":
        return not_applicable(_why_not(inputs)), a.sentence
    return FieldState("impact_assessment.eu_ai_act", Coverage.SUPPLIED), a.sentence


def _why_not(inputs: ExportInputs) -> str:
    """Why Art. 27 does not apply, from the first condition that fails."""
    report = inputs.obligations
    eu = _eu(inputs.record)
    if report is None or eu is None:
        return _("the record has no EU AI Act classification")
    if EURole.DEPLOYER not in report.roles:
        return _("the organisation is not a deployer of the system (Art. 27 binds deployers)")
    if report.route != "annex_iii":
        return _("the system is not high-risk under Art. 6(2) (Annex III)")
    if eu.annex_iii_area == AnnexIIIArea.CRITICAL_INFRASTRUCTURE:
        return _("Annex III point 2 (critical infrastructure) is excluded by Art. 27(1)")
    return _(
        "the deployer is neither a body governed by public law nor a private entity providing "
        "public services, and the system is not under Annex III point 5(b) or 5(c)"
    )


# --- items (a)-(f) -----------------------------------------------------------------------------


def _processes(inputs: ExportInputs) -> list[Block]:
    return [
        rows(
            inputs,
            [
                ("The problem", "use_case.problem"),
                ("Process before", "use_case.before"),
                ("Process with the system", "use_case.after"),
                ("Intended uses", "use_case.intended_uses"),
                ("Used by", "use_case.users"),
                ("Autonomy", "use_case.autonomy"),
            ],
        )
    ]


def _period(inputs: ExportInputs) -> list[Block]:
    return [
        rows(
            inputs,
            [
                ("Period and frequency", "use_case.period_and_frequency"),
                ("In use since", "operations.deployment.date"),
                ("Stage", "lifecycle.stage"),
            ],
        )
    ]


def _affected(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [rows(inputs, [("Affected people", "use_case.affected_people")])]
    holders = r.impact_assessment.stakeholders if r.impact_assessment else []
    if holders:
        blocks.append(
            Table(
                ("Group", "Directly or indirectly", "Benefits", "Concerns"),
                tuple((s.name, text(s.kind), text(s.benefits), text(s.concerns)) for s in holders),
            )
        )
    return blocks


def _risks(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    harms = r.impact_assessment.harms if r.impact_assessment else []
    if not harms:
        return []
    return [
        Table(
            ("Risk of harm", "Affected group", "Category", "Severity", "Likelihood", "Residual"),
            tuple(
                (
                    h.description,
                    text(h.affected_group),
                    text(h.category),
                    text(h.severity),
                    text(h.likelihood),
                    f"{text(h.residual_severity)} × {text(h.residual_likelihood)}"
                    if h.residual_severity or h.residual_likelihood
                    else _("not assessed"),
                )
                for h in harms
            ),
        ),
        Paragraph(
            _("Information from the provider under Art. 13 (limitations, caveats): {text}.").format(
                text=text(value_at(r, "documentation.limitations")) or _("none recorded")
            )
        ),
    ]


def _oversight(inputs: ExportInputs) -> list[Block]:
    return [
        rows(
            inputs,
            [
                ("Oversight mode", "impact_assessment.human_oversight.mode"),
                ("How people oversee it", "impact_assessment.human_oversight.description"),
                ("Can override", "impact_assessment.human_oversight.can_override"),
                ("Can stop", "impact_assessment.human_oversight.can_stop"),
                ("Training", "impact_assessment.human_oversight.automation_bias_training"),
                ("Human review", "launch.human_review.description"),
                ("Cases reviewed", "launch.human_review.cases"),
                ("Review time", "launch.human_review.sla"),
            ],
        )
    ]


def _measures(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    gates = r.launch.gates if r.launch else []
    deciders = "; ".join(sorted({g.decided_by for g in gates if g.decided_by}))
    blocks: list[Block] = [
        Rows(
            (
                row(
                    inputs,
                    "Complaints and contestation",
                    "impact_assessment.contestability.process",
                ),
                row(
                    inputs,
                    "Response time (days)",
                    "impact_assessment.contestability.response_time_days",
                ),
                row(inputs, "Stop-ship criteria", "launch.stop_ship_criteria"),
                row(inputs, "Rollback", "operations.rollback.description"),
                row(inputs, "Accountable", "owner.accountable"),
                row(inputs, "Internal governance: gates decided by", "launch.gates", value=deciders)
                if deciders
                else row(inputs, "Internal governance: gates", "launch.gates"),
            )
        )
    ]
    titles = {c.id: c for _, c in controls_of(r)}
    harms = r.impact_assessment.harms if r.impact_assessment else []
    linked = [(h, [titles[m] for m in h.mitigations if m in titles]) for h in harms]
    if any(cs for _, cs in linked):
        blocks.append(
            Table(
                ("Risk", "Measures", "Owner", "Status"),
                tuple(
                    (
                        h.id,
                        "; ".join(c.title for c in cs) or "none",
                        "; ".join(text(c.owner) for c in cs if c.owner),
                        "; ".join(text(c.status) for c in cs if c.status),
                    )
                    for h, cs in linked
                ),
                caption="Measures if the risks materialise",
            )
        )
    return blocks


BUILDERS: dict[str, Callable[[ExportInputs], list[Block]]] = {
    "(a)": _processes,
    "(b)": _period,
    "(c)": _affected,
    "(d)": _risks,
    "(e)": _oversight,
    "(f)": _measures,
}


# --- reuse, notification, IAMA --------------------------------------------------------------


def _summary(key: str, citation: str) -> Paragraph:
    """aigov's summary of a paragraph of Art. 27 (data), labelled as a summary."""
    return Paragraph(
        _("{citation}, in short: {summary}").format(
            citation=citation, summary=_(str(spec()["paragraphs"][key]).strip())
        )
    )


def _assessments(record: Record, kind: str) -> list[Any]:
    """Structured impact assessments of a kind, where the record model has them
    (impact_assessment.assessments, issue #20); none otherwise."""
    ia = record.impact_assessment
    items = getattr(ia, "assessments", None) if ia is not None else None

    def kind_of(a: Any) -> str:
        k = getattr(a, "kind", None)
        return str(getattr(k, "value", k) or "")

    return [a for a in items or [] if kind_of(a) == kind]


def _reuse(inputs: ExportInputs, applies: FieldState) -> tuple[FieldState, list[Block]]:
    r = inputs.record
    report = inputs.obligations
    roles = set(report.roles) if report is not None else set()
    blocks: list[Block] = [_summary("reuse", "Art. 27(2)")]
    ref = row(inputs, "FRIA reference", "impact_assessment.fundamental_rights_assessment")
    blocks.append(
        Rows((ref, row(inputs, "DPIA it complements (Art. 27(4))", "data.data_protection_note")))
    )
    blocks.append(_summary("dpia", "Art. 27(4)"))
    earlier = _assessments(r, "fria") + _assessments(r, "iama")
    if earlier:
        blocks.append(
            Table(
                ("Assessment", "Kind", "Status", "Date", "Summary"),
                tuple(
                    (
                        text(getattr(a, "reference", None)) or _("unnamed"),
                        text(getattr(a, "kind", None)),
                        text(getattr(a, "status", None)),
                        text(getattr(a, "date", None)),
                        text(getattr(a, "summary", None)),
                    )
                    for a in earlier
                ),
                caption="Impact assessments the record lists",
            )
        )
    covered = [a for a in earlier if getattr(a, "covered_by", None)]
    if covered:
        blocks.append(
            Paragraph(
                _("Relies on: {assessments}.").format(
                    assessments="; ".join(
                        _("{assessment} (covered by {by})").format(
                            assessment=text(getattr(a, "reference", "")), by=a.covered_by
                        )
                        for a in covered
                    )
                )
            )
        )
        return FieldState("impact_assessment.assessments", Coverage.SUPPLIED), blocks
    if EURole.PROVIDER in roles and EURole.DEPLOYER in roles:
        blocks.append(
            Paragraph(
                _(
                    "The organisation is both provider and deployer: there is no other "
                    "provider's assessment to rely on; this assessment uses the provider's own "
                    "Art. 13 information (the record's documentation)."
                )
            )
        )
        return FieldState("impact_assessment.eu_ai_act.role", Coverage.SUPPLIED), blocks
    if applies.status == Coverage.NOT_APPLICABLE:
        return not_applicable(_("no FRIA is required, so none is relied on")), blocks
    blocks.append(
        Gap(
            Coverage.UNKNOWN,
            _(
                "The record names no earlier FRIA or provider's impact assessment this one "
                "relies on."
            ),
        )
    )
    return FieldState("impact_assessment.fundamental_rights_assessment", Coverage.UNKNOWN), blocks


def _notification(inputs: ExportInputs, applies: FieldState) -> tuple[FieldState, list[Block]]:
    path = "impact_assessment.eu_ai_act.fria_notification"
    blocks: list[Block] = [
        _summary("notification", "Art. 27(3)"),
        Rows((row(inputs, "Notification", path),)),
    ]
    if applies.status == Coverage.NOT_APPLICABLE:
        return not_applicable(_("no FRIA is required, so none is notified"), path), blocks
    return field_state(inputs, path), blocks


def _summarise(value: Any) -> str:
    """A record value in one line for the IAMA table: lists of items by their name."""
    if isinstance(value, list) and value and not isinstance(value[0], str | int | float):
        names = [
            str(
                getattr(v, "name", None)
                or getattr(v, "title", None)
                or getattr(v, "description", None)
                or getattr(v, "id", "")
            )
            for v in value
        ]
        return "; ".join(n for n in names if n)
    if isinstance(value, BaseModel):
        parts = []
        for name in type(value).model_fields:
            v = getattr(value, name, None)
            shown = (
                text(v, name)
                if not isinstance(v, list) or not v or isinstance(v[0], str)
                else _summarise(v)
            )
            if shown:
                parts.append(f"{name.replace('_', ' ')}: {shown}")
        return "; ".join(parts)
    return text(value)


def _iama(inputs: ExportInputs) -> Section:
    data = documents()["iama"]
    body = []
    for s in data["sections"]:
        states = [field_state(inputs, f) for f in s["fields"]]
        shown = " / ".join(
            t
            for t in (
                _summarise(value_at(inputs.record, f))
                for f, st in zip(s["fields"], states, strict=True)
                if st.status == Coverage.SUPPLIED
            )
            if t
        )
        state = next((st for st in states if st.status == Coverage.SUPPLIED), states[0])
        label = _(COVERAGE_LABELS[state.status])
        body.append((s["id"], f"{_(str(s['title']))} ({s['nl']})", shown, label))
    return Section(
        "iama",
        N_("The same in the IAMA / FRAIA structure"),
        (
            Paragraph(
                _(
                    "The Dutch Impact Assessment Mensenrechten en Algoritmes (IAMA; FRAIA in "
                    "English) asks its questions in four parts. Where the record holds what a "
                    "section asks, it is shown here; the rest is for the IAMA's own discussion. "
                    "Source: {source}"
                ).format(source=data["source"].strip())
            ),
            Table(("IAMA", "Section", "From the record", "Status"), tuple(body)),
        ),
    )


# --- the document ------------------------------------------------------------------------------


def build(inputs: ExportInputs) -> ExportDocument:
    r = inputs.record
    data = spec()
    applies, sentence = _applies_state(inputs)
    coverage: list[CoverageItem] = [
        CoverageItem(
            APPLIES,
            "Whether Art. 27 requires a FRIA of this deployer",
            applies.status,
            ("impact_assessment.eu_ai_act",),
            note=sentence,
            reason=applies.reason,
        )
    ]
    sections: list[Section] = []
    test_blocks: list[Block] = [
        Quote(str(data["intro"]).strip(), "Art. 27(1)"),
        Rows(tuple(test_rows(inputs))),
        Paragraph(sentence),
    ]
    if applies.status == Coverage.NOT_APPLICABLE:
        test_blocks.append(
            Paragraph(
                _(
                    "Not required: {reason}. The items below are filled from the record all the "
                    "same, as a voluntary assessment; their gaps are not legal gaps."
                ).format(reason=applies.reason)
            )
        )
    facts = classification_rows(inputs)
    if facts:
        test_blocks.append(Rows(tuple(Row(k, v) for k, v in facts)))
    sections.append(
        Section("fria-applicability", N_("Is a FRIA required? (Art. 27(1))"), tuple(test_blocks))
    )
    for spec_item in data["items"]:
        ident = str(spec_item["id"])
        cov = coverage_item(inputs, spec_item)
        coverage.append(cov)
        blocks: list[Block] = [Quote(str(spec_item["text"]), f"Art. 27(1){ident}")]
        blocks.extend(BUILDERS[ident](inputs))
        open_gap = gap(item_states(inputs, spec_item))
        if open_gap is not None:
            blocks.append(open_gap)
        sections.append(
            Section(
                f"fria-{ident.strip('()')}",
                f"{ident} {_(str(spec_item['title']))}",
                tuple(blocks),
                item=ident,
            )
        )
    reuse_state, reuse_blocks = _reuse(inputs, applies)
    coverage.append(
        CoverageItem(REUSE, "Reuse of earlier or provider assessments", reuse_state.status,
                     ("impact_assessment.fundamental_rights_assessment",), reason=reuse_state.reason)
    )  # fmt: skip
    sections.append(
        Section("fria-reuse", N_("Earlier assessments relied on (Art. 27(2))"), tuple(reuse_blocks))
    )
    note_state, note_blocks = _notification(inputs, applies)
    coverage.append(
        CoverageItem(NOTIFICATION, "Notification to the market surveillance authority",
                     note_state.status, ("impact_assessment.eu_ai_act.fria_notification",),
                     reason=note_state.reason)
    )  # fmt: skip
    sections.append(
        Section("fria-notification", N_("Notification (Art. 27(3))"), tuple(note_blocks))
    )
    sections.append(_iama(inputs))
    return ExportDocument(
        kind="fria",
        title=_("{title}: {name}").format(title=_(TITLE), name=r.name),
        system_id=r.id,
        system_name=r.name,
        audience=inputs.audience,
        source=f"{act_source()}, Art. 27; IAMA (NL Ministry of the Interior, 2021)",
        coverage=tuple(coverage),
        sections=tuple(sections),
        provenance=inputs.provenance,
        intro=(
            _(
                "Fundamental rights impact assessment of {name} ({id}) under Art. 27 of the AI "
                "Act, generated from its governance record."
            ).format(name=r.name, id=r.id),
        ),
        withheld=tuple(w.label for w in inputs.loaded.edition.withheld),
        coverage_title=N_("Coverage of Art. 27"),
    )
