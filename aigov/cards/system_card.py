"""The system card: every part of the record, section by section, for the legal reviewer
and the auditor (`system_card_context`), and its "at a glance" summary (`glance`).

`SYSTEM_SECTIONS` is the card: one `SectionSpec` (anchor id, title, builder) per section, in
card order. The builders live in `system_design.py` and `system_delivery.py`; a section that
only shows one part of the record as facts is a `facts_section` right here."""

from __future__ import annotations

from typing import Any

from aigov.fieldmodel.titles import section_title
from aigov.i18n import _
from aigov.project import LoadedRecord
from aigov.provenance import Provenance

from .builder import CardBuilder, CardOptions, CheckInputs, risk_order
from .decision import NOT_REQUIRED, decision_shell, fill_decision
from .sections import SectionSpec, build_sections, facts_section
from .signature import INTRO as SIGNATURE_INTRO
from .signature import signature_page
from .system_delivery import controls_section, evaluations, launch, metrics, operations, signoffs
from .system_design import (
    approach,
    data,
    feasibility,
    from_the_source,
    has_source_content,
    impact,
    ownership,
    people,
    purpose,
)
from .system_obligations import obligations_section
from .values import Fact, Value

Spec = SectionSpec[CardBuilder]

SYSTEM_SECTIONS: tuple[Spec, ...] = (
    Spec("decision", "Decision summary", decision_shell),
    Spec("purpose", "Purpose and decision", purpose),
    Spec("ownership", "Ownership, contacts and source", ownership),
    Spec("people", "Users and affected people", people),
    Spec("approach", "Approach and components", approach),
    Spec("data", section_title("data"), data),
    Spec("feasibility", section_title("feasibility"), feasibility),
    Spec("impact", section_title("impact_assessment"), impact),
    Spec("obligations", "EU AI Act obligations", obligations_section),
    Spec(
        "controls",
        "Controls (NIST AI RMF)",
        controls_section,
        intro="Controls grouped by the four functions of the NIST AI Risk Management "
        "Framework 1.0, each mapped to the subcategories it serves.",
    ),
    Spec(
        "experience",
        section_title("experience"),
        facts_section(
            "experience",
            [
                ("confidence_cues", "Confidence cues", "block"),
                ("editable_outputs", "Editable outputs", "block"),
                ("source_grounding", "Source grounding", "block"),
                ("fallbacks", "Fallbacks when unsure", "block"),
                ("expectation_setting", "Expectation setting", "block"),
                ("ai_disclosure", "AI disclosure", "block"),
            ],
        ),
    ),
    Spec(
        "metrics",
        section_title("metrics"),
        metrics,
        intro="What success and safety mean, layer by layer, each metric with its target.",
    ),
    Spec("evaluation", "Evaluation results", evaluations),
    Spec("launch", "Launch readiness", launch),
    Spec("operations", section_title("operations"), operations),
    Spec(
        "documentation",
        "Limitations, ethics and caveats",
        facts_section(
            "documentation",
            [
                ("intended_use", "Intended use", "block"),
                ("limitations", "Known limitations", "list"),
                ("ethical_considerations", "Ethical considerations", "list"),
                ("caveats", "Caveats", "list"),
                ("recommendations", "Recommendations", "list"),
            ],
        ),
    ),
    Spec(
        "from-the-source",
        "From the source",
        from_the_source,
        intro="What the source document says that no field of the record holds, kept as it "
        "was written.",
        shown=has_source_content,
    ),
    Spec("signoffs", section_title("signoffs"), signoffs),
    Spec("signature-page", "Signature page", signature_page, intro=SIGNATURE_INTRO),
)


def system_card_context(
    loaded: LoadedRecord,
    provenance: Provenance,
    *,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
) -> dict[str, Any]:
    """The full context of a system card (see templates/README.md)."""
    b = CardBuilder(loaded, provenance, options or CardOptions(), checks or CheckInputs())
    diags = list(loaded.diagnostics)
    title = _("System card: {name}").format(name=b.record.name)
    card = b.common("system", title, diags, "card")
    sections = build_sections(b, SYSTEM_SECTIONS)
    card["sections"] = {s.id: s for s in sections}
    card["section_order"] = [s.id for s in sections]
    card["links"] = b.links()
    card["toc"] = b.toc
    card["glance"] = glance(b, card)
    card["models"] = card["sections"]["approach"].parts.get("components", [])
    fill_decision(b, card)
    card["status"] = decision_status(card)
    return card


def decision_status(card: dict[str, Any]) -> dict[str, Any]:
    """The banner at the top of the card: the decision summary's verdict."""
    v = card["sections"]["decision"].parts["verdict"]
    if not v["approved"]:
        title = _("Not approved")
    elif v["headline"] != _(NOT_REQUIRED):
        title = _("Approved")
    else:
        title = card["status"]["title"]
    return {
        **card["status"],
        "level": v["level"],
        "title": title,
        "headline": " ".join([v["headline"], *v["notes"]]),
    }


def glance(b: CardBuilder, card: dict[str, Any]) -> list[Fact]:
    """The facts a reviewer wants on the first page."""
    return [*profile_facts(b, card), *progress_facts(b, card["sections"])]


def worst_rating(harms: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The highest remaining risk among the harms (residual, else inherent)."""
    worst = None
    for h in harms:
        res = h["residual"] or h["inherent"]
        # the rating decides (critical × rare is high at score 4; medium × possible is
        # medium at 6); the score only breaks ties within a rating
        if res and (worst is None or risk_order(res) > risk_order(worst)):
            worst = res
    return worst


def profile_facts(b: CardBuilder, card: dict[str, Any]) -> list[Fact]:
    """Who owns the system, and what kind of system it is."""
    r = b.record
    uc = r.use_case
    ia = r.impact_assessment
    return [
        Fact("owner", "Accountable", card["system"]["accountable"]),
        Fact("team", "Owning team", card["system"]["team"]),
        Fact("stage", "Lifecycle stage", card["system"]["stage"]),
        Fact(
            "autonomy",
            "Copilot or autopilot",
            b.val("use_case.autonomy", uc.autonomy if uc else None),
        ),
        Fact(
            "oversight",
            "Human oversight",
            b.val(
                "impact_assessment.human_oversight.mode",
                ia.human_oversight.mode if ia and ia.human_oversight else None,
            ),
        ),
        Fact(
            "decisions_about_people",
            "Decides about people",
            b.val("use_case.decisions_about_people", uc.decisions_about_people if uc else None),
        ),
        Fact(
            "personal_data",
            "Personal data",
            b.val("data.personal_data", r.data.personal_data if r.data else None),
        ),
        Fact(
            "sensitive",
            "Sensitive categories",
            b.val("data.sensitive_categories", r.data.sensitive_categories if r.data else None),
        ),
    ]


def progress_facts(b: CardBuilder, sections: dict[str, Any]) -> list[Fact]:
    """Harms, controls, results and sign-offs, counted from the sections."""
    harms = sections["impact"].parts.get("harms", [])
    worst_residual = worst_rating(harms)
    fns = sections["controls"].parts["functions"]
    implemented = sum(f["implemented"] for f in fns)
    total = sum(f["total"] for f in fns)
    evsum = sections["evaluation"].parts["results"]["summary"]
    signoffs = sections["signoffs"].parts["signoffs"]
    # the sign-off that counts for each role; superseded ones stay in the Sign-offs section
    current = [s for s in signoffs if s["effective"]]
    return [
        Fact(
            "harms",
            "Harms registered",
            Value(
                "given",
                len(harms),
                f"{len(harms)}"
                + (
                    f"; highest remaining risk: {worst_residual['label']}" if worst_residual else ""
                ),
            )
            if harms
            else sections["impact"].parts["harms_state"],
        ),
        Fact(
            "controls",
            "Controls in place",
            Value("given", implemented, f"{implemented} of {total} implemented or verified")
            if total
            else b.state("controls", b.record.controls),
        ),
        Fact(
            "evaluations",
            "Latest evaluation results",
            Value(
                "given",
                evsum["series"],
                f"{evsum['passing']} pass, {evsum['failing']} fail, "
                f"{evsum['no_threshold']} without threshold",
            )
            if evsum["series"]
            else sections["evaluation"].parts["results_state"],
        ),
        Fact(
            "signoffs",
            "Sign-offs",
            Value(
                "given",
                len(current),
                [
                    f"{s['role_label']}: {s['decision_label'].lower()} on {s['date']}"
                    + (" (the record changed since)" if s["binding"] == "stale" else "")
                    for s in current
                ],
            )
            if signoffs
            else sections["signoffs"].state,
            "list",
        ),
    ]
