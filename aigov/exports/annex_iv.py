"""Annex IV: the technical documentation of a high-risk AI system (Art. 11(1)), every item
1(a) to 9 in the Act's order, filled from the record, with the coverage table first.

Item titles and wording are data (`aigov/data/eu-ai-act-documents.yaml`); what each item
shows of the record is one small function here (`BUILDERS`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aigov.exports.applicability import applicability, classification_rows
from aigov.exports.common import (
    act_source,
    controls_of,
    coverage_item,
    documents,
    evidence_refs,
    gap,
    item_states,
    metrics_of,
    not_applicable,
    number,
    row,
    rows,
    text,
)
from aigov.exports.document import (
    Block,
    Bullets,
    Coverage,
    CoverageItem,
    Evidence,
    EvidenceRef,
    ExportDocument,
    Gap,
    Paragraph,
    Quote,
    Row,
    Rows,
    Section,
    Table,
)
from aigov.exports.inputs import ExportInputs, FieldState
from aigov.i18n import N_, _, ngettext, shown_date
from aigov.model import AnnexIIIArea, Record

TITLE = N_("Annex IV technical documentation")
NO_HARMONISED_STANDARD = N_("No harmonised standard cited")


def spec() -> dict[str, Any]:
    data: dict[str, Any] = documents()["annex_iv"]
    return data


def item_ids() -> list[str]:
    return [str(i["id"]) for i in spec()["items"]]


def _eu(record: Record) -> Any:
    ia = record.impact_assessment
    return ia.eu_ai_act if ia else None


# --- one function per item: the blocks that answer it ----------------------------------------


def _purpose(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Provider", "owner.legal_entity"),
                ("System", "name"),
                ("Version", "version"),
                ("Intended purpose", "documentation.intended_use"),
                ("Intended uses", "use_case.intended_uses"),
                ("Out of scope", "use_case.out_of_scope_uses"),
                ("Reasonably foreseeable misuse", "use_case.foreseeable_misuse"),
                ("Users", "use_case.users"),
                ("Used in", "use_case.geographies"),
            ],
        )
    ]
    history = r.lifecycle.history if r.lifecycle else []
    if r.approach and any(c.version for c in r.approach.components):
        blocks.append(
            Paragraph(
                ngettext(
                    "Relation to previous versions: each component's version and what changed "
                    "in it are listed under item 1(c); the lifecycle under item 6 ({n} earlier "
                    "stage).",
                    "Relation to previous versions: each component's version and what changed "
                    "in it are listed under item 1(c); the lifecycle under item 6 ({n} earlier "
                    "stages).",
                    len(history),
                ).format(n=len(history))
                if history
                else _(
                    "Relation to previous versions: each component's version and what changed "
                    "in it are listed under item 1(c); the lifecycle under item 6."
                )
            )
        )
    return blocks


def _components_table(record: Record, columns: list[tuple[str, str]]) -> Table | None:
    comps = record.approach.components if record.approach else []
    if not comps:
        return None
    body = tuple(tuple(text(getattr(c, attr, None), attr) for _, attr in columns) for c in comps)
    return Table(tuple(title for title, _ in columns), body)


def _interaction(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = []
    table = _components_table(
        r,
        [
            ("Component", "name"),
            ("Kind", "kind"),
            ("Role in the system", "role"),
            ("Source", "source"),
            ("Provider", "provider"),
            ("Input", "input_format"),
            ("Output", "output_format"),
        ],
    )
    if table is not None:
        blocks.append(table)
    blocks.append(rows(inputs, [("Runs in", "operations.deployment.environment")]))
    return blocks


def _versions(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = []
    table = _components_table(
        r,
        [
            ("Component", "name"),
            ("Version", "version"),
            ("Version date", "version_date"),
            ("What changed", "version_notes"),
            ("Base model", "base_model"),
            ("Library", "library"),
            ("Licence", "license"),
        ],
    )
    if table is not None:
        blocks.append(table)
    blocks.append(
        rows(
            inputs,
            [
                ("Update trigger", "operations.retraining.trigger"),
                ("Update schedule", "operations.retraining.schedule"),
                ("Validation before an update", "operations.retraining.validation"),
            ],
        )
    )
    return blocks


def _forms(inputs: ExportInputs) -> list[Block]:
    return [rows(inputs, [("Forms", "impact_assessment.eu_ai_act.market_forms")])]


def _hardware(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Runs in", "operations.deployment.environment"),
                ("Live in", "operations.deployment.regions"),
            ],
        )
    ]
    comps = r.approach.components if r.approach else []
    trained = [
        (c.name, c.environmental_impact) for c in comps if c.environmental_impact is not None
    ]
    if trained:
        blocks.append(
            Table(
                ("Component", "Training hardware", "Hours", "Cloud, region"),
                tuple(
                    (
                        name,
                        text(e.hardware),
                        number(e.hours),
                        ", ".join(x for x in (e.cloud_provider, e.region) if x),
                    )
                    for name, e in trained
                ),
                caption="Hardware used to train",
            )
        )
    return blocks


def _product(inputs: ExportInputs) -> list[Block]:
    eu = _eu(inputs.record)
    if eu is not None and eu.annex_i_product:
        return [
            Gap(
                Coverage.MISSING,
                _(
                    "The system is part of an Annex I product: photographs or illustrations of "
                    "its external features, marking and internal layout belong here; the record "
                    "holds none."
                ),
            )
        ]
    return []


def _user_interface(inputs: ExportInputs) -> list[Block]:
    return [
        rows(
            inputs,
            [
                ("Confidence shown", "experience.confidence_cues"),
                ("Editing outputs", "experience.editable_outputs"),
                ("Grounding in sources", "experience.source_grounding"),
                ("Fallbacks", "experience.fallbacks"),
                ("Expectations set", "experience.expectation_setting"),
            ],
        )
    ]


def _instructions(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Intended use", "documentation.intended_use"),
                ("Limitations", "documentation.limitations"),
                ("Caveats", "documentation.caveats"),
                ("Recommendations", "documentation.recommendations"),
            ],
        )
    ]
    if r.links:
        blocks.append(
            Evidence(tuple(EvidenceRef(link.title, link.url, "", "links") for link in r.links))
        )
    return blocks


def _methods(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Strategy", "approach.strategy"),
                ("Patterns", "approach.patterns"),
                ("Feasibility sprint completed", "feasibility.completed"),
                ("Offline evaluation in the sprint", "feasibility.offline_evaluation"),
            ],
        )
    ]
    table = _components_table(
        r,
        [
            ("Component", "name"),
            ("Source", "source"),
            ("Pre-trained / base model", "base_model"),
            ("Provider", "provider"),
            ("How it was trained or adapted", "training_procedure"),
        ],
    )
    if table is not None:
        blocks.append(table)
    return blocks


def _design(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Rationale and key design choices", "approach.rationale"),
                ("Alternatives considered", "approach.alternatives_considered"),
                ("Good enough (what it optimises for)", "feasibility.good_enough"),
                ("Persons it is intended to be used on", "use_case.affected_people"),
            ],
        )
    ]
    table = _components_table(
        r,
        [
            ("Component", "name"),
            ("Architecture", "architecture"),
            ("Expected output", "output_format"),
            ("Factors", "factors"),
        ],
    )
    if table is not None:
        blocks.append(table)
    return blocks


def _architecture(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = []
    table = _components_table(
        r,
        [
            ("Component", "name"),
            ("Role in the processing", "role"),
            ("Input", "input_format"),
            ("Output", "output_format"),
            ("Architecture", "architecture"),
        ],
    )
    if table is not None:
        blocks.append(table)
    blocks.extend(_hardware(inputs)[1:])  # the compute used to train, when recorded
    return blocks


def _data(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = []
    sources = r.data.sources if r.data else []
    if sources:
        blocks.append(
            Table(
                ("Source", "Used for", "Description", "Owner", "Size",
                 "Personal data (sensitive)", "Representativeness", "Legal basis; retention"),
                tuple(
                    (
                        s.name,
                        text(s.roles),
                        text(s.description),
                        text(s.owner),
                        text(s.size),
                        text(s.personal_data)
                        + (f" ({text(s.sensitive_categories)})" if s.sensitive_categories else ""),
                        text(s.representativeness),
                        "; ".join(x for x in (text(s.legal_basis), text(s.retention)) if x),
                    )
                    for s in sources
                ),
                caption="Data sources (datasheets)",
            )
        )  # fmt: skip
    blocks.append(
        rows(
            inputs,
            [
                ("Representativeness overall", "data.representativeness"),
                ("Legal basis", "data.legal_basis"),
                ("Data protection", "data.data_protection_note"),
                ("Labelling (evaluation rubric)", "evaluations.plan.rubric"),
                ("Data readiness", "feasibility.data_readiness"),
            ],
        )
    )
    return blocks


def _oversight_rows(inputs: ExportInputs) -> Rows:
    return rows(
        inputs,
        [
            ("Oversight mode", "impact_assessment.human_oversight.mode"),
            ("How people oversee it", "impact_assessment.human_oversight.description"),
            ("Can override", "impact_assessment.human_oversight.can_override"),
            ("Can stop", "impact_assessment.human_oversight.can_stop"),
            (
                "Automation-bias training",
                "impact_assessment.human_oversight.automation_bias_training",
            ),
            ("Interpreting outputs: confidence", "experience.confidence_cues"),
            ("Interpreting outputs: grounding", "experience.source_grounding"),
            ("Human review cases", "launch.human_review.cases"),
        ],
    )


def _oversight(inputs: ExportInputs) -> list[Block]:
    return [_oversight_rows(inputs)]


def _changes_planned(inputs: ExportInputs) -> list[Block]:
    return [
        rows(
            inputs,
            [
                ("Retraining trigger", "operations.retraining.trigger"),
                ("Schedule", "operations.retraining.schedule"),
                ("Data collected for it", "operations.retraining.data_collection"),
                ("Validation before release", "operations.retraining.validation"),
                ("Owner", "operations.retraining.owner"),
                ("Rollback", "operations.rollback.description"),
            ],
        )
    ]


def _results_table(record: Record) -> Table | None:
    results = record.evaluations.results if record.evaluations else []
    if not results:
        return None
    return Table(
        ("Date", "Metric", "Value", "Threshold", "Dataset", "Slice", "Component", "Verified",
         "Notes"),
        tuple(
            (
                r.date_text,
                r.metric,
                number(r.value)
                + (
                    f" [{number(r.confidence_interval.lower)}, {number(r.confidence_interval.upper)}]"
                    if r.confidence_interval
                    else ""
                ),
                number(r.threshold),
                text(r.dataset),
                text(r.slice) or "overall",
                text(r.component),
                _("yes") if r.verified else "",
                text(r.notes),
            )
            for r in record.evaluations.results  # type: ignore[union-attr]
        ),
        caption="Test results, dated (test logs)",
    )  # fmt: skip


def _signoff_table(record: Record) -> Table | None:
    if not record.signoffs:
        return None
    return Table(
        ("Date", "Reviewer", "Role", "Decision", "Record hash", "Scope"),
        tuple(
            (
                s.date.isoformat() + (f" {s.time}" if s.time else ""),
                s.reviewer,
                text(s.role),
                text(s.decision),
                (s.record_hash or "")[:19],
                text(s.scope),
            )
            for s in record.signoffs
        ),
        caption="Sign-offs as recorded (aigov check verifies them against git history)",
    )


def _validation(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Procedure", "evaluations.plan.method"),
                ("Rubric", "evaluations.plan.rubric"),
            ],
        )
    ]
    sets = r.evaluations.plan.test_sets if r.evaluations and r.evaluations.plan else []
    if sets:
        blocks.append(
            Table(
                ("Test set", "Size", "Slices", "Description"),
                tuple((t.name, number(t.size), text(t.slices), text(t.description)) for t in sets),
                caption="Validation and test data",
            )
        )
    results = _results_table(r)
    if results is not None:
        blocks.append(results)
    verifying = [c for _, c in controls_of(r) if c.evidence and any("MEASURE" in n for n in c.nist)]
    if verifying:
        blocks.append(
            Table(
                ("Control", "Responsible", "Status", "Report", "Dated"),
                tuple(
                    (
                        c.title,
                        text(c.owner),
                        text(c.status),
                        "; ".join(e.title for e in c.evidence),
                        "; ".join(text(e.date) for e in c.evidence if e.date),
                    )
                    for c in verifying
                ),
                caption="Test and validation reports and who is responsible for them",
            )
        )
    signoffs = _signoff_table(r)
    if signoffs is not None:
        blocks.append(signoffs)
    else:
        blocks.append(
            Gap(Coverage.MISSING, _("No sign-off is recorded: test reports are not signed."))
        )
    return blocks


def _cybersecurity(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(inputs, [("Measures", "impact_assessment.eu_ai_act.cybersecurity")])
    ]
    red = r.launch.red_team if r.launch else None
    if red is not None:
        blocks.append(
            rows(inputs, [("Red team", "launch.red_team.team"), ("Date", "launch.red_team.date"),
                          ("Scope", "launch.red_team.scope")])
        )  # fmt: skip
        if red.findings:
            blocks.append(
                Table(
                    ("Finding", "Severity", "Status", "Control"),
                    tuple(
                        (f.description, text(f.severity), text(f.status), text(f.control))
                        for f in red.findings
                    ),
                )
            )
    return blocks


def _functioning(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    comps = r.approach.components if r.approach else []
    inputs_text = "; ".join(f"{c.name}: {c.input_format}" for c in comps if c.input_format)
    blocks: list[Block] = [
        Rows(
            (
                row(inputs, "Limitations", "documentation.limitations"),
                row(inputs, "Caveats", "documentation.caveats"),
                row(inputs, "Foreseeable misuse", "use_case.foreseeable_misuse"),
                row(inputs, "Input data", "approach.components", value=inputs_text)
                if inputs_text
                else Row("Input data", _("add input_format to each component"), Coverage.MISSING),
                row(inputs, "Logging", "impact_assessment.eu_ai_act.logging"),
            )
        )
    ]
    results = r.evaluations.results if r.evaluations else []
    sliced = [x for x in results if x.slice]
    if results:
        blocks.append(
            Paragraph(
                ngettext(
                    "Accuracy: {n} dated result is listed under item 2(g), {sliced} of them for "
                    "specific groups (slices).",
                    "Accuracy: {n} dated results are listed under item 2(g), {sliced} of them "
                    "for specific groups (slices).",
                    len(results),
                ).format(n=len(results), sliced=len(sliced))
            )
        )
    harms = r.impact_assessment.harms if r.impact_assessment else []
    if harms:
        blocks.append(
            Table(
                ("Foreseeable outcome or risk", "Affected", "Category", "Severity", "Likelihood"),
                tuple(
                    (h.description, text(h.affected_group), text(h.category),
                     text(h.severity), text(h.likelihood))
                    for h in harms
                ),
                caption="Foreseeable unintended outcomes and sources of risk",
            )
        )  # fmt: skip
    blocks.append(_oversight_rows(inputs))
    return blocks


def _metrics(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(inputs, [("Good enough (decided in feasibility)", "feasibility.good_enough")])
    ]
    ms = metrics_of(r)
    if ms:
        blocks.append(
            Table(
                ("Layer", "Metric", "Target", "Threshold", "Baseline", "Current", "Owner"),
                tuple(
                    (text(layer).replace("_", " "), m.name, text(m.target), number(m.threshold),
                     number(m.baseline), number(m.current), text(m.owner))
                    for layer, m in ms
                ),
                caption="Metrics and why each target fits the intended purpose",
            )
        )  # fmt: skip
    return blocks


def _risk(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Assessment date", "impact_assessment.date"),
                ("Assessor", "impact_assessment.assessor"),
                ("Risk tier rationale", "impact_assessment.risk_tier.rationale"),
                ("Stop-ship criteria", "launch.stop_ship_criteria"),
            ],
        )
    ]
    harms = r.impact_assessment.harms if r.impact_assessment else []
    titles = {c.id: c.title for _, c in controls_of(r)}
    if harms:
        blocks.append(
            Table(
                ("Risk", "Severity × likelihood", "Measures", "Residual"),
                tuple(
                    (
                        h.description,
                        f"{text(h.severity)} × {text(h.likelihood)}",
                        "; ".join(titles.get(m, m) for m in h.mitigations) or "none",
                        f"{text(h.residual_severity)} × {text(h.residual_likelihood)}"
                        if h.residual_severity or h.residual_likelihood
                        else _("not assessed"),
                    )
                    for h in harms
                ),
                caption="Risks identified, estimated, and the measures adopted (Art. 9(2))",
            )
        )
    ctl = list(controls_of(r))
    if ctl:
        blocks.append(
            Table(
                ("Function", "Control", "Owner", "Status"),
                tuple((f.upper(), c.title, text(c.owner), text(c.status)) for f, c in ctl),
                caption="Controls (NIST AI RMF functions)",
            )
        )
    return blocks


def _lifecycle(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = [
        rows(
            inputs,
            [
                ("Stage", "lifecycle.stage"),
                ("Since", "lifecycle.stage_since"),
                ("Last review", "lifecycle.last_review"),
                ("Review cadence (days)", "lifecycle.review_cadence_days"),
            ],
        )
    ]
    lc = r.lifecycle
    if lc is not None:
        history = [(h.date.isoformat(), text(h.stage), text(h.note)) for h in lc.history]
        if lc.stage_since and not any(h[1] == text(lc.stage) for h in history):
            history.append((lc.stage_since.isoformat(), text(lc.stage), _("current stage")))
        if history:
            blocks.append(Table(("Date", "Stage", "Note"), tuple(history), caption="Lifecycle"))
    comps = r.approach.components if r.approach else []
    changed = [c for c in comps if c.version_notes or c.version_date]
    if changed:
        blocks.append(
            Table(
                ("Component", "Version", "Date", "What changed"),
                tuple((c.name, text(c.version), text(c.version_date), text(c.version_notes))
                      for c in changed),
                caption="Component versions",
            )
        )  # fmt: skip
    gates = r.launch.gates if r.launch else []
    if gates:
        blocks.append(
            Table(
                ("Gate", "Decision", "Date", "Decided by"),
                tuple((g.name, text(g.decision), text(g.date), text(g.decided_by)) for g in gates),
                caption="Stage gates",
            )
        )
    prov = inputs.provenance
    rev = prov.get("record_revision")
    if rev:
        when = shown_date((prov.get("record_revision_date") or "")[:10])
        blocks.append(
            Paragraph(
                (
                    _(
                        "The record is kept in git: its last change is revision {revision} of "
                        "{date}. Every field-level change since any revision is shown by aigov "
                        "diff and on the site's history page."
                    )
                    if when
                    else _(
                        "The record is kept in git: its last change is revision {revision}. "
                        "Every field-level change since any revision is shown by aigov diff and "
                        "on the site's history page."
                    )
                ).format(revision=rev[:12], date=when)
            )
        )
    else:
        blocks.append(
            Paragraph(
                _(
                    "The record is not in a git repository here, so its change history cannot "
                    "be listed; aigov diff shows field-level changes between two files."
                )
            )
        )
    return blocks


def _standards(inputs: ExportInputs) -> list[Block]:
    eu = _eu(inputs.record)
    harmonised = list(eu.harmonised_standards) if eu is not None else []
    other = list(eu.other_standards) if eu is not None else []
    blocks: list[Block] = []
    if harmonised:
        blocks.append(Table(("Harmonised standard applied",), tuple((s,) for s in harmonised)))
    else:
        blocks.append(
            Paragraph(
                _(
                    "{none}: the record names no harmonised standard published in the Official "
                    "Journal. The solutions adopted to meet Chapter III, Section 2 are the "
                    "controls below."
                ).format(none=_(NO_HARMONISED_STANDARD))
            )
        )
    if other:
        blocks.append(Bullets(tuple(other)))
    elif not harmonised:
        blocks.append(
            Gap(
                field_gap(inputs, "impact_assessment.eu_ai_act.other_standards"),
                _(
                    "No other standard or technical specification is named "
                    "(impact_assessment.eu_ai_act.other_standards)."
                ),
            )
        )
    ctl = list(controls_of(inputs.record))
    if ctl and not harmonised:
        blocks.append(
            Table(
                ("Control", "NIST AI RMF", "Status"),
                tuple((c.title, ", ".join(c.nist), text(c.status)) for _, c in ctl),
                caption="Solutions adopted",
            )
        )
    return blocks


def field_gap(inputs: ExportInputs, path: str) -> Coverage:
    from aigov.exports.inputs import field_state

    status = field_state(inputs, path).status
    return status if status != Coverage.SUPPLIED else Coverage.MISSING


def _declaration(inputs: ExportInputs) -> list[Block]:
    return [
        rows(
            inputs,
            [
                ("Declaration of conformity", "impact_assessment.eu_ai_act.conformity_assessment"),
                ("EU database registration", "impact_assessment.eu_ai_act.registration"),
            ],
        )
    ]


def _post_market(inputs: ExportInputs) -> list[Block]:
    r = inputs.record
    blocks: list[Block] = []
    mons = r.operations.monitoring if r.operations else []
    if mons:
        blocks.append(
            Table(
                ("Monitor", "Kind", "Signal", "Threshold", "Cadence", "Owner"),
                tuple((m.id, text(m.kind), m.signal, text(m.threshold), text(m.cadence),
                       text(m.owner)) for m in mons),
                caption="Post-market monitoring plan (Art. 72(3))",
            )
        )  # fmt: skip
    blocks.append(
        rows(
            inputs,
            [
                ("Feedback logged", "launch.feedback_logging.mechanism"),
                ("Feedback used for", "launch.feedback_logging.used_for"),
                ("Serious incidents reported via", "impact_assessment.eu_ai_act.logging"),
            ],
        )
    )
    incidents = r.operations.incidents if r.operations else []
    if incidents:
        blocks.append(
            Table(
                ("Incident", "Date", "Severity", "Status", "Summary"),
                tuple((i.id, i.date.isoformat(), text(i.severity), text(i.status), i.summary)
                      for i in incidents),
                caption="Incidents",
            )
        )  # fmt: skip
    else:
        blocks.append(row_paragraph(inputs, "operations.incidents", "No incident is recorded."))
    return blocks


def row_paragraph(inputs: ExportInputs, path: str, empty: str) -> Block:
    state = row(inputs, "", path)
    if state.status in (Coverage.UNKNOWN, Coverage.WITHHELD, Coverage.NOT_APPLICABLE):
        return Gap(state.status, f"{_(empty)} ({state.value or _(state.status.value)})")
    return Paragraph(_(empty))


BUILDERS: dict[str, Callable[[ExportInputs], list[Block]]] = {
    "1(a)": _purpose,
    "1(b)": _interaction,
    "1(c)": _versions,
    "1(d)": _forms,
    "1(e)": _hardware,
    "1(f)": _product,
    "1(g)": _user_interface,
    "1(h)": _instructions,
    "2(a)": _methods,
    "2(b)": _design,
    "2(c)": _architecture,
    "2(d)": _data,
    "2(e)": _oversight,
    "2(f)": _changes_planned,
    "2(g)": _validation,
    "2(h)": _cybersecurity,
    "3": _functioning,
    "4": _metrics,
    "5": _risk,
    "6": _lifecycle,
    "7": _standards,
    "8": _declaration,
    "9": _post_market,
}


# --- the document ------------------------------------------------------------------------------


def _override(inputs: ExportInputs, item: str) -> FieldState | None:
    """Items the record's classification decides rather than a field: 1(f) applies to
    product components only; 2(f) only where changes are pre-determined."""
    eu = _eu(inputs.record)
    if item == "1(f)" and (eu is None or not eu.annex_i_product):
        if eu is not None and eu.annex_i_product is False:
            return not_applicable(_("not a component of a product under Annex I law"))
        return None  # annex_i_product unknown, missing or explicitly not applicable: as recorded
    if item == "7":
        harmonised = list(eu.harmonised_standards) if eu is not None else []
        if not harmonised and eu is not None and eu.other_standards:
            return None
    return None


def _coverage(inputs: ExportInputs) -> list[CoverageItem]:
    out = []
    for spec_item in spec()["items"]:
        ident = str(spec_item["id"])
        note = ""
        if ident == "7":
            eu = _eu(inputs.record)
            if eu is None or not eu.harmonised_standards:
                note = _(NO_HARMONISED_STANDARD)
        out.append(coverage_item(inputs, spec_item, override=_override(inputs, ident), note=note))
    return out


def _item_sections(inputs: ExportInputs, coverage: list[CoverageItem]) -> list[Section]:
    data = spec()
    points = {str(p["id"]): p for p in data["points"]}
    by_id = {c.item: c for c in coverage}
    point_source, item_source = _("Annex IV point {point}"), _("Annex IV {item}")
    sections: list[Section] = []
    opened: set[str] = set()
    for spec_item in data["items"]:
        ident = str(spec_item["id"])
        point = ident.split("(", 1)[0]
        if point in points and point not in opened:
            opened.add(point)
            p = points[point]
            sections.append(
                Section(
                    f"annex-iv-{point}",
                    f"{point}. {p['title']}",
                    (Quote(str(p["text"]), point_source.format(point=point)),),
                    level=2,
                    item=point,
                )
            )
        cov = by_id[ident]
        blocks: list[Block] = [Quote(str(spec_item["text"]), item_source.format(item=ident))]
        if cov.status == Coverage.NOT_APPLICABLE:
            blocks.append(Gap(Coverage.NOT_APPLICABLE, cov.reason))
        else:
            blocks.extend(BUILDERS[ident](inputs))
            open_gap = gap(item_states(inputs, spec_item))
            if open_gap is not None:
                blocks.append(open_gap)
        sub = point in points
        item_title = _(str(spec_item["title"]))
        title = f"{ident} {item_title}" if sub else f"{ident}. {item_title}"
        sections.append(
            Section(
                f"annex-iv-{ident.replace('(', '-').replace(')', '')}",
                title,
                tuple(blocks),
                level=3 if sub else 2,
                item=ident,
            )
        )
    return sections


def _status_section(inputs: ExportInputs) -> Section:
    art11 = applicability(inputs, "art-11")
    blocks: list[Block] = [
        Paragraph(
            _(
                "Art. 11(1) requires providers of high-risk AI systems to draw up this "
                "documentation before the system is placed on the market or put into service, "
                "and to keep it up to date."
            )
            + " "
            + art11.sentence
        )
    ]
    facts = classification_rows(inputs)
    if facts:
        blocks.append(Rows(tuple(Row(k, v) for k, v in facts)))
    if not art11.relevant:
        blocks.append(
            Paragraph(
                _(
                    "The Act does not require this document of this system; it is generated "
                    "from the record as voluntary documentation, and its gaps are not legal gaps."
                )
            )
        )
    refs = evidence_refs(inputs.record)
    if refs:
        blocks.append(Evidence(tuple(refs)))
    else:
        blocks.append(Gap(Coverage.MISSING, _("The record cites no evidence file.")))
    return Section("annex-iv-status", N_("Scope, classification and evidence"), tuple(blocks))


def build(inputs: ExportInputs) -> ExportDocument:
    r = inputs.record
    coverage = _coverage(inputs)
    sections = [_status_section(inputs), *_item_sections(inputs, coverage)]
    eu = _eu(r)
    area = eu.annex_iii_area if eu is not None else None
    intro = [
        _(
            "Technical documentation of {name} ({id}) under Art. 11(1) and Annex IV of the AI "
            "Act, generated from its governance record: each item says what the record "
            "supplies, and where it does not, which field would."
        ).format(name=r.name, id=r.id),
    ]
    if area is not None and area != AnnexIIIArea.NONE:
        intro.append(_("Annex III area: {area}.").format(area=text(area, "annex_iii_area")))
    return ExportDocument(
        kind="annex-iv",
        title=_("{title}: {name}").format(title=_(TITLE), name=r.name),
        system_id=r.id,
        system_name=r.name,
        audience=inputs.audience,
        source=f"{act_source()}, Annex IV",
        coverage=tuple(coverage),
        sections=tuple(sections),
        provenance=inputs.provenance,
        intro=tuple(intro),
        withheld=tuple(w.label for w in inputs.loaded.edition.withheld),
        coverage_title=N_("Coverage of Annex IV"),
    )
