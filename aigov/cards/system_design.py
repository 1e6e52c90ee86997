"""The system card's sections about the system itself: purpose, people, approach, data,
feasibility and the impact assessment (harms, oversight, the EU AI Act). Each is a builder
for one `SectionSpec` of `system_card.SYSTEM_SECTIONS`."""

from __future__ import annotations

import json
from typing import Any

from aigov.i18n import _
from aigov.model import ModelComponent

from .builder import CardBuilder, rating, risk_matrix
from .sections import (
    ENVIRONMENT_FACTS,
    ENVIRONMENT_TOTALS,
    SectionSpec,
    fact_part,
    open_section,
    stated,
)
from .system_delivery import framework_labels, gai_risk_names
from .values import Fact, Section, Value, display, humanize, plain

Spec = SectionSpec[CardBuilder]


def purpose(b: CardBuilder, spec: Spec) -> Section:
    uc = b.record.use_case
    sec = open_section(b, spec, b.state("use_case", uc))
    if not sec.state.given:
        return sec
    sec.facts = b.facts(
        "use_case",
        uc,
        [
            ("problem", "Problem or decision improved", "block"),
            ("before", "Before: how it works today", "block"),
            ("after", "After: how it works with the system", "block"),
            ("ai_help", "Kind of help"),
            ("autonomy", "Copilot or autopilot"),
            ("decisions_about_people", "Decides or materially influences outcomes for people"),
            ("knowledge_task", "Answers from a body of knowledge"),
            ("geographies", "Where it is used"),
            ("languages", "Languages"),
        ],
    )
    sec.parts["uses"] = b.facts(
        "use_case",
        uc,
        [
            ("intended_uses", "Intended uses", "list"),
            ("out_of_scope_uses", "Out-of-scope uses", "list"),
            ("foreseeable_misuse", "Foreseeable misuse planned against", "list"),
        ],
    )
    return sec


def people(b: CardBuilder, spec: Spec) -> Section:
    uc = b.record.use_case
    ia = b.record.impact_assessment
    facts = b.facts(
        "use_case",
        uc,
        [
            ("users", "Users (operate or see the output)", "list"),
            ("affected_people", "People affected who do not operate it", "list"),
            ("beneficiaries", "Who benefits, and how", "list"),
        ],
    )
    path = "impact_assessment.stakeholders"
    stakeholders = ia.stakeholders if ia else []
    st_state = b.state(path, stakeholders)
    answered = [f.value for f in facts if f.value.state != "missing"]
    if st_state.state != "missing":
        answered.append(st_state)
    if any(v.given for v in answered) or answered:
        state = Value("given")
    else:
        state = b.state("use_case", uc) if uc is None else Value("missing")
    sec = open_section(b, spec, state)
    sec.facts = facts
    sec.parts["stakeholders_state"] = st_state
    sec.parts["stakeholders"] = (
        [
            {
                "name": s.name,
                "kind": b.val(f"{path}.{i}.kind", s.kind and humanize(s.kind)),
                "benefits": b.val(f"{path}.{i}.benefits", s.benefits),
                "concerns": b.val(f"{path}.{i}.concerns", s.concerns),
            }
            for i, s in enumerate(stakeholders)
        ]
        if st_state.given
        else []
    )
    return sec


def approach(b: CardBuilder, spec: Spec) -> Section:
    ap = b.record.approach
    sec = open_section(b, spec, b.state("approach", ap))
    sec.parts["shared"] = [
        {"id": u.component, "role": u.role or "", "version": u.version or ""} for u in b.record.uses
    ]
    if not sec.state.given:
        sec.parts["components"] = []
        sec.parts["environment"] = []
        return sec
    assert ap is not None
    sec.facts = b.facts(
        "approach",
        ap,
        [
            ("strategy", "Buy, build or blend"),
            ("patterns", "Patterns"),
            ("rationale", "Why this approach", "block"),
            ("alternatives_considered", "Alternatives considered", "list"),
        ],
    )
    sec.parts["components_state"] = b.state("approach.components", ap.components)
    sec.parts["components"] = [component_row(b, i, c) for i, c in enumerate(ap.components)]
    sec.parts["environment"] = stated(
        b.facts(
            "approach.environmental_impact",
            ap.environmental_impact,
            [*ENVIRONMENT_FACTS, *ENVIRONMENT_TOTALS],
        )
    )
    return sec


def component_row(b: CardBuilder, i: int, c: ModelComponent) -> dict[str, Any]:
    p = f"approach.components.{i}"
    href = None
    if b.options.model_href:
        href = b.options.model_href.format(system=b.record.id, model=c.id)
    return {
        "id": c.id,
        "name": c.name,
        "href": href,
        "kind": b.val(f"{p}.kind", c.kind),
        "role": b.val(f"{p}.role", c.role),
        "source": b.val(f"{p}.source", c.source),
        "provider": b.val(f"{p}.provider", c.provider),
        "version": b.val(f"{p}.version", c.version),
        "license": b.val(f"{p}.license", c.license),
    }


def data(b: CardBuilder, spec: Spec) -> Section:
    d = b.record.data
    sec = open_section(b, spec, b.state("data", d))
    if not sec.state.given:
        sec.parts["sources"] = []
        return sec
    assert d is not None
    sec.facts = b.facts(
        "data",
        d,
        [
            ("personal_data", "Processes personal data"),
            ("sensitive_categories", "Sensitive categories"),
            ("legal_basis", "Legal basis", "block"),
            ("data_protection_note", "Data-protection assessment", "block"),
            ("retention", "Retention of inputs, outputs and logs", "block"),
            ("representativeness", "Representativeness and known gaps", "block"),
        ],
    )
    path = "data.sources"
    sec.parts["sources_state"] = b.state(path, d.sources)
    sec.parts["sources"] = (
        [
            {
                "id": s.id,
                "name": s.name,
                "facts": b.facts(
                    f"{path}.{i}",
                    s,
                    [
                        ("description", "Description", "block"),
                        ("roles", "Used for"),
                        ("owner", "Owner"),
                        ("personal_data", "Personal data"),
                        ("sensitive_categories", "Sensitive categories"),
                        ("legal_basis", "Legal basis"),
                        ("representativeness", "Representativeness", "block"),
                        ("retention", "Retention"),
                        ("size", "Volume"),
                        ("license", "Licence or terms"),
                        ("link", "Where to find it", "link"),
                    ],
                ),
                "roles": b.val(f"{path}.{i}.roles", s.roles),
                "personal_data": b.val(f"{path}.{i}.personal_data", s.personal_data),
                "sensitive_categories": b.val(
                    f"{path}.{i}.sensitive_categories", s.sensitive_categories
                ),
                "legal_basis": b.val(f"{path}.{i}.legal_basis", s.legal_basis),
            }
            for i, s in enumerate(d.sources)
        ]
        if sec.parts["sources_state"].given
        else []
    )
    return sec


def feasibility(b: CardBuilder, spec: Spec) -> Section:
    f = b.record.feasibility
    sec = open_section(b, spec, b.state("feasibility", f))
    if not sec.state.given:
        return sec
    assert f is not None
    baseline = f.baseline
    base_text = None
    if baseline is not None:
        base_text = baseline.description
        extra = ": ".join(x for x in (baseline.metric, baseline.value) if x)
        if extra:
            base_text = f"{base_text} ({extra})"
    sec.facts = [
        *b.facts("feasibility", f, [("completed", "Sprint completed")]),
        *b.facts(
            "feasibility",
            f,
            [("data_readiness", "Data readiness", "block")],
        ),
        Fact("baseline", "Baseline today", b.val("feasibility.baseline", base_text)),
        *b.facts(
            "feasibility",
            f,
            [
                ("good_enough", "What “good enough” means", "block"),
                ("offline_evaluation", "Offline evaluation", "block"),
                ("risk_summary", "Cost of being wrong", "block"),
                ("decision", "Decision"),
            ],
        ),
    ]
    return sec


def impact(b: CardBuilder, spec: Spec) -> Section:
    ia = b.record.impact_assessment
    sec = open_section(b, spec, b.state("impact_assessment", ia))
    sec.parts["tier"] = b.tier_view()
    if not sec.state.given:
        sec.parts.update(harms=[], matrix=None, harms_state=sec.state)
        return sec
    assert ia is not None
    sec.facts = b.facts(
        "impact_assessment",
        ia,
        [
            ("date", "Assessed on"),
            ("assessor", "Assessed by"),
            ("disclosures", "Disclosures to users and affected people", "list"),
            ("fundamental_rights_assessment", "Fundamental-rights impact assessment"),
        ],
    )
    co = ia.contestability
    fact_part(
        b,
        sec,
        "contestability",
        "impact_assessment.contestability",
        co,
        [
            ("available", "People can contest or correct outcomes"),
            ("process", "How", "block"),
            ("response_time_days", "Committed response time (days)"),
        ],
    )
    ho = ia.human_oversight
    fact_part(
        b,
        sec,
        "oversight",
        "impact_assessment.human_oversight",
        ho,
        [
            ("mode", "Oversight mode"),
            ("description", "Who oversees what, and when", "block"),
            ("can_override", "Overseer can override or reverse an output"),
            ("can_stop", "Overseer can stop the system safely"),
            ("automation_bias_training", "Training against automation bias", "block"),
        ],
    )
    eu = ia.eu_ai_act
    sec.parts["eu_state"] = b.state("impact_assessment.eu_ai_act", eu)
    sec.parts["eu"] = eu_facts(b, eu)
    add_harms(b, sec, ia.harms)
    return sec


def eu_facts(b: CardBuilder, eu: Any) -> list[Fact]:
    """The EU AI Act facts: role humanized, the Art. 6(3) derogation in one sentence."""
    facts = b.facts(
        "impact_assessment.eu_ai_act",
        eu,
        [
            ("role", "Role under the Act"),
            ("annex_iii_area", "Annex III area"),
            ("annex_i_product", "Annex I product or safety component"),
            ("profiling", "Profiles natural persons"),
            ("prohibited_practices", "Art. 5 prohibited practices"),
            ("transparency_obligations", "Art. 50 transparency obligations"),
            ("gpai", "General-purpose AI model"),
        ],
    )
    facts = [
        Fact(f.key, f.label, Value("given", f.value.value, humanize(f.value.text)), f.kind)
        if f.key == "role" and f.value.given
        else f
        for f in facts
    ]
    der = eu.derogation if eu else None
    if der is not None:
        text = _("Claimed") if der.applies else _("Not claimed")
        if der.applies and der.reason:
            text = _("Claimed: {reason}").format(reason=display(der.reason))
        if der.reasoning:
            text += f". {der.reasoning}"
        facts.append(Fact("derogation", "Art. 6(3) derogation", Value("given", der.applies, text)))
    else:
        facts.append(
            Fact(
                "derogation",
                "Art. 6(3) derogation",
                b.val("impact_assessment.eu_ai_act.derogation", None),
            )
        )
    return facts


def add_harms(b: CardBuilder, sec: Section, harms: list[Any]) -> None:
    """The harms register and the risk matrix of the impact section."""
    path = "impact_assessment.harms"
    sec.parts["harms_state"] = b.state(path, harms)
    if not sec.parts["harms_state"].given:
        sec.parts["harms"] = []
        sec.parts["matrix"] = None
        return
    rows = []
    for i, h in enumerate(harms):
        p = f"{path}.{i}"
        mitigations = []
        for cid in h.mitigations:
            found = b.controls.get(cid)
            mitigations.append(
                {
                    "id": cid,
                    "known": found is not None,
                    "title": found[1].title if found else "",
                    "status": plain(found[1].status) if found else None,
                    "status_label": display(found[1].status) if found and found[1].status else "",
                }
            )
        rows.append(
            {
                "id": h.id,
                "description": h.description,
                "affected_group": b.val(f"{p}.affected_group", h.affected_group),
                "category": b.val(f"{p}.category", h.category),
                "severity": b.val(f"{p}.severity", h.severity),
                "likelihood": b.val(f"{p}.likelihood", h.likelihood),
                "inherent": rating(h.severity, h.likelihood),
                "mitigations": mitigations,
                "mitigations_state": b.val(f"{p}.mitigations", h.mitigations),
                "gai_risks": gai_risk_names(h.gai_risks),
                "residual_severity": b.val(f"{p}.residual_severity", h.residual_severity),
                "residual_likelihood": b.val(f"{p}.residual_likelihood", h.residual_likelihood),
                "residual": rating(h.residual_severity, h.residual_likelihood),
                "notes": b.val(f"{p}.notes", h.notes),
            }
        )
    sec.parts["harms"] = rows
    sec.parts["matrix"] = risk_matrix(harms)
    sec.parts["labels"] = framework_labels()


#: Who owns the system: every named role, the contact included (a reviewer asks whom to ask).
OWNER_FACTS: list[tuple[str, str] | tuple[str, str, str]] = [
    ("team", "Owning team"),
    ("accountable", "Accountable person"),
    ("contact", "Contact"),
    ("product_manager", "Product manager"),
    ("technical_lead", "Technical lead"),
    ("legal_entity", "Legal entity"),
]

#: The source document or register entry, listed where the record states it.
SOURCE_FACTS: list[tuple[str, str] | tuple[str, str, str]] = [
    ("title", "Title"),
    ("register_name", "Register or publication"),
    ("external_id", "Id in the register"),
    ("url", "Published at", "link"),
    ("standard", "Publication standard"),
    ("standard_version", "Standard version"),
    ("language", "Language"),
    ("published", "Published"),
    ("revised", "Last revised"),
    ("next_revision", "Next revision"),
    ("competent_authority", "Competent authority"),
    ("organisation", "Organisation"),
    ("contact", "Contact in the source"),
]


def ownership(b: CardBuilder, spec: Spec) -> Section:
    """Who owns the system and whom to ask, and the document the record was written from."""
    r = b.record
    owner_state = b.state("owner", r.owner)
    source_state = b.state("source_document", r.source_document)
    state = Value("given") if source_state.given else owner_state
    sec = open_section(b, spec, state)
    sec.facts = b.facts("owner", r.owner, OWNER_FACTS) if owner_state.given else []
    sec.parts["owner_state"] = owner_state
    sec.parts["source_state"] = source_state
    sec.parts["source"] = (
        stated(b.facts("source_document", r.source_document, SOURCE_FACTS))
        if source_state.given
        else []
    )
    return sec


def has_source_content(b: CardBuilder) -> bool:
    """The record keeps something from its source that no field holds."""
    src = b.record.source_document
    components = b.record.approach.components if b.record.approach else []
    return bool((src and src.excerpts) or any(c.metadata for c in components))


def from_the_source(b: CardBuilder, spec: Spec) -> Section:
    """What the source says that no field holds: kept verbatim and shown, never hidden."""
    src = b.record.source_document
    excerpts = src.excerpts if src else []
    components = b.record.approach.components if b.record.approach else []
    kept = [(c, c.metadata) for c in components if c.metadata]
    sec = open_section(b, spec, b.state("source_document.excerpts", excerpts or kept))
    names = {c.id: c.name for c in components}
    sec.parts["excerpts"] = [
        {
            "heading": e.heading,
            "text": e.text,
            "component": names.get(e.component or "", e.component or ""),
        }
        for e in excerpts
    ] + [
        # an imported card's sections without a field, kept as the card wrote them
        {"heading": str(heading), "text": str(text), "component": c.name}
        for c, meta in kept
        for heading, text in _sections_of(meta)
    ]
    sec.parts["metadata"] = [
        {
            "component": c.name,
            "entries": [
                (k, _plain_text(v)) for k, v in sorted(meta.items()) if k != "card_sections"
            ],
        }
        for c, meta in kept
        if any(k != "card_sections" for k in meta)
    ]
    return sec


def _sections_of(meta: dict[str, Any]) -> list[tuple[str, str]]:
    sections = meta.get("card_sections")
    if not isinstance(sections, dict):
        return []
    return [(str(k), v) for k, v in sections.items() if isinstance(v, str)]


def _plain_text(value: Any) -> str:
    """A kept metadata value as one line of text (lists and mappings as JSON)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
