"""MAP 5 / MANAGE 1: harms and their controls, risk tiers, the EU AI Act, human oversight and
the right to contest."""

from __future__ import annotations

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import (
    decides_about_people,
    has_personal_data,
    is_autopilot,
    is_generative,
)
from aigov.fieldmodel.titles import value_label
from aigov.i18n import _
from aigov.model import (
    AnnexIIIArea,
    AssessmentKind,
    AssessmentStatus,
    Control,
    ControlStatus,
    EUTier,
    Harm,
    OversightMode,
    Severity,
    TransparencyObligation,
)

SERIOUS = (Severity.HIGH, Severity.CRITICAL)
IA = ("impact_assessment",)
EU = (*IA, "eu_ai_act")


def _harms(ctx: Context) -> list[Harm]:
    ia = ctx.record.impact_assessment
    return ia.harms if ia else []


def _controls(ctx: Context) -> dict[str, Control]:
    c = ctx.record.controls
    return {control.id: control for _, control in c.all()} if c else {}


@check("AIG-IMPACT-001")
def impact_assessment(ctx: Context) -> None:
    ctx.require(
        (*IA, "harms"),
        _("no harms recorded: who could be harmed if the system is wrong, and how?"),
    )
    ctx.require((*IA, "date"), _("the impact assessment has no date"))


@check("AIG-IMPACT-002")
def disclosures(ctx: Context) -> None:
    ctx.require(
        (*IA, "disclosures"),
        _(
            "nothing is recorded about what users and affected people are told (AI use, limitations)"
        ),
    )


@check("AIG-HARM-001", when=lambda ctx: bool(_harms(ctx)))
def harms_rated(ctx: Context) -> None:
    for i, h in enumerate(_harms(ctx)):
        where = (*IA, "harms", i)
        ctx.require((*where, "severity"), _("harm '{harm}' has no severity").format(harm=h.id))
        ctx.require((*where, "likelihood"), _("harm '{harm}' has no likelihood").format(harm=h.id))
        ctx.require(
            (*where, "affected_group"),
            _("harm '{harm}' does not say who is harmed").format(harm=h.id),
        )


@check("AIG-HARM-002", when=lambda ctx: bool(_harms(ctx)))
def harms_mitigated(ctx: Context) -> None:
    for i, h in enumerate(_harms(ctx)):
        ctx.require(
            (*IA, "harms", i, "mitigations"),
            _("harm '{harm}' has no mitigating control").format(harm=h.id),
        )


@check("AIG-HARM-003", when=lambda ctx: any(h.severity in SERIOUS for h in _harms(ctx)))
def serious_harms_evidenced(ctx: Context) -> None:
    controls = _controls(ctx)
    for i, h in enumerate(_harms(ctx)):
        if h.severity not in SERIOUS:
            continue
        assert h.severity is not None
        linked = [controls[m] for m in h.mitigations if m in controls]
        evidenced = [
            c
            for c in linked
            if c.evidence and c.status in (ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED)
        ]
        names = ", ".join(c.id for c in linked) or _("none")
        ctx.expect(
            (*IA, "harms", i, "mitigations"),
            bool(evidenced),
            _(
                "{severity}-severity harm '{harm}' has no implemented control with evidence "
                "(its controls: {controls})"
            ).format(severity=h.severity.value, harm=h.id, controls=names),
        )


@check("AIG-HARM-004", when=lambda ctx: any(h.severity in SERIOUS for h in _harms(ctx)))
def residual_risk(ctx: Context) -> None:
    for i, h in enumerate(_harms(ctx)):
        if h.severity not in SERIOUS:
            continue
        where = (*IA, "harms", i)
        ctx.require(
            (*where, "residual_severity"),
            _("harm '{harm}' has no residual severity after its controls").format(harm=h.id),
        )
        ctx.require(
            (*where, "residual_likelihood"),
            _("harm '{harm}' has no residual likelihood after its controls").format(harm=h.id),
        )


# --- tiers and the EU AI Act ------------------------------------------------------------


@check("AIG-TIER-001", when=lambda ctx: ctx.tier.eu == EUTier.PROHIBITED)
def prohibited(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    assert ia is not None and ia.eu_ai_act is not None
    for i, p in enumerate(ia.eu_ai_act.prohibited_practices):
        ctx.fail(
            (*EU, "prohibited_practices", i),
            _(
                "'{practice}' is a practice prohibited by Art. 5 of the EU AI Act; the system "
                "cannot be placed on the EU market or used there"
            ).format(practice=p.value),
        )


@check(
    "AIG-TIER-002",
    when=lambda ctx: ctx.tier.declared_internal is not None or ctx.tier.declared_eu is not None,
)
def declared_not_lower(ctx: Context) -> None:
    t = ctx.tier
    decl = (*IA, "risk_tier")
    if t.internal_under_declared:
        assert t.declared_internal is not None
        v = t.internal.value
        because = "; ".join(
            r for r in t.internal_reasons if f"rated {v}:" in r or f"at least {v}" in r
        ) or "; ".join(t.internal_reasons)
        ctx.fail(
            (*decl, "internal"),
            _(
                "declares internal tier '{declared}' but the impact assessment gives "
                "'{derived}' ({because})"
            ).format(declared=t.declared_internal.value, derived=t.internal.value, because=because),
        )
    if t.eu_under_declared:
        assert t.declared_eu is not None and t.eu is not None
        ctx.fail(
            (*decl, "eu_ai_act"),
            _(
                "declares EU AI Act tier '{declared}' but the classification inputs give "
                "'{derived}' ({because})"
            ).format(
                declared=t.declared_eu.value, derived=t.eu.value, because="; ".join(t.eu_reasons)
            ),
        )


@check("AIG-TIER-003")
def tier_declared(ctx: Context) -> None:
    decl = (*IA, "risk_tier")
    ctx.require((*decl, "internal"), _("no internal risk tier declared"))
    ctx.require((*decl, "eu_ai_act"), _("no EU AI Act tier declared"))
    ctx.require((*decl, "rationale"), _("no rationale for the declared tier"))


@check("AIG-EU-001")
def eu_inputs(ctx: Context) -> None:
    ctx.require(
        (*EU, "annex_iii_area"),
        _("EU AI Act: the Annex III area is not recorded (write `none` if no area applies)"),
    )
    ctx.require(
        (*EU, "annex_i_product"), _("EU AI Act: not stated whether Annex I product law applies")
    )
    ctx.require((*EU, "profiling"), _("EU AI Act: not stated whether the system profiles people"))
    ctx.require((*EU, "role"), _("EU AI Act: your role (provider, deployer …) is not recorded"))


def _derogation_claimed(ctx: Context) -> bool:
    ia = ctx.record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    return bool(eu and eu.derogation and eu.derogation.applies)


@check("AIG-EU-002", when=_derogation_claimed)
def derogation(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    assert ia is not None and ia.eu_ai_act is not None
    eu = ia.eu_ai_act
    d = (*EU, "derogation")
    if eu.profiling:
        ctx.fail(
            (*d, "applies"),
            _(
                "the Art. 6(3) derogation is claimed, but the system profiles people, and profiling "
                "in an Annex III area is always high-risk"
            ),
            _("Remove the derogation and treat the system as high-risk."),
        )
    if eu.annex_iii_area in (None, AnnexIIIArea.NONE):
        ctx.fail(
            (*d, "applies"),
            _("the Art. 6(3) derogation is claimed, but no Annex III area is recorded"),
            _("Name the Annex III area the derogation is an exception from, or remove it."),
        )
    ctx.require((*d, "reason"), _("the Art. 6(3) derogation names no condition it meets"))
    ctx.require(
        (*d, "reasoning"),
        _("the Art. 6(3) derogation has no written reasoning (Art. 6(4) requires it)"),
    )


@check("AIG-EU-003", when=is_generative)
def generative_transparency(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    obligations = eu.transparency_obligations if eu else []
    listed = {
        TransparencyObligation.SYNTHETIC_CONTENT,
        TransparencyObligation.INTERACTS_WITH_PEOPLE,
    }
    ctx.expect(
        (*EU, "transparency_obligations"),
        any(o in listed for o in obligations),
        _(
            "the system generates content but lists no Art. 50 transparency obligation "
            "(synthetic_content, interacts_with_people)"
        ),
    )


@check("AIG-EU-004", when=lambda ctx: ctx.tier.eu == EUTier.HIGH)
def fria(ctx: Context) -> None:
    ctx.require(
        (*IA, "fundamental_rights_assessment"),
        _("EU high-risk system without a fundamental rights impact assessment reference (Art. 27)"),
    )


def _eu_classified(ctx: Context) -> bool:
    ia = ctx.record.impact_assessment
    return bool(ia and ia.eu_ai_act is not None)


@check("AIG-EU-005", when=_eu_classified)
def prohibited_screened(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    assert ia is not None and ia.eu_ai_act is not None
    # `[]` written in the record is a screening that found nothing; a missing key is none
    ctx.expect(
        (*EU, "prohibited_practices"),
        "prohibited_practices" in ia.eu_ai_act.model_fields_set,
        _("EU AI Act: the record does not say whether any Art. 5 prohibited practice applies"),
    )


# --- oversight ----------------------------------------------------------------------------


@check("AIG-OVS-001", when=is_autopilot)
def autopilot_review(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    mode = ia.human_oversight.mode if ia and ia.human_oversight else None
    ctx.require(
        ("launch", "human_review"),
        _("{tier}-risk system on autopilot with no human review of its outputs").format(
            tier=ctx.effective_tier.value
        ),
    )
    if mode == OversightMode.NONE:
        ctx.fail(
            (*IA, "human_oversight", "mode"),
            _("{tier}-risk system on autopilot with human oversight 'none'").format(
                tier=ctx.effective_tier.value
            ),
        )


@check("AIG-OVS-002", when=is_autopilot)
def copilot_first(ctx: Context) -> None:
    ctx.fail(
        ("use_case", "autonomy"),
        _(
            "{tier}-risk system planned as an autopilot at {stage}: start as a copilot and earn "
            "autopilot with evidence"
        ).format(tier=ctx.effective_tier.value, stage=ctx.stage.value),
    )


@check("AIG-OVS-003")
def oversight_powers(ctx: Context) -> None:
    o = (*IA, "human_oversight")
    ctx.require((*o, "mode"), _("human oversight mode not stated"))
    ctx.require((*o, "description"), _("not described who oversees what, and when"))
    ho = ctx.record.impact_assessment.human_oversight if ctx.record.impact_assessment else None
    stated = ctx.require(
        (*o, "can_override"), _("not stated whether overseers can override outputs")
    )
    if stated and ho is not None and ho.can_override is False:
        ctx.fail((*o, "can_override"), _("overseers cannot disregard, override or reverse outputs"))
    stated = ctx.require((*o, "can_stop"), _("not stated whether overseers can stop the system"))
    if stated and ho is not None and ho.can_stop is False:
        ctx.fail((*o, "can_stop"), _("overseers cannot stop the system in a safe state"))
    ctx.require(
        (*o, "automation_bias_training"),
        _("no training of overseers against automation bias"),
    )


@check("AIG-OVS-004")
def human_review_high_risk(ctx: Context) -> None:
    ctx.require(
        ("launch", "human_review", "description"),
        _("{tier}-risk system without a described human review of outputs").format(
            tier=ctx.effective_tier.value
        ),
    )
    ctx.require(
        ("launch", "human_review", "cases"),
        _("not stated which cases people review"),
    )


@check("AIG-CONTEST-001", when=decides_about_people)
def contest(ctx: Context) -> None:
    c = (*IA, "contestability")
    ia = ctx.record.impact_assessment
    ct = ia.contestability if ia else None
    if (
        ctx.require(
            (*c, "available"),
            _("the system decides about people but no contest or correction path is recorded"),
        )
        and ct is not None
        and ct.available is False
    ):
        ctx.fail(
            (*c, "available"),
            _("the system decides about people, who cannot contest the outcome or correct it"),
        )
    ctx.require((*c, "process"), _("no description of how people contest or correct an outcome"))


# --- impact assessments as items (#20) ---------------------------------------------------


def _profiles_or_decides(ctx: Context) -> bool:
    return (_profiling(ctx) or decides_about_people(ctx)) and has_personal_data(ctx)


#: An assessment in one of these states counts as had (done, or covered by another one).
_HAD = (AssessmentStatus.DONE, AssessmentStatus.COVERED_BY_ANOTHER)


@check("AIG-IMPACT-003", when=_profiles_or_decides)
def dpia_for_profiling(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    dpias = [a for a in (ia.assessments if ia else []) if a.kind == AssessmentKind.DPIA]
    # before assessments were items, a DPIA was cited in the data-protection note
    note = ctx.record.data.data_protection_note if ctx.record.data else None
    had = any(a.status in _HAD for a in dpias) or bool(note and "dpia" in note.lower())
    stated = next((a.status for a in dpias if a.status is not None), None)
    why = (
        _("the DPIA is stated as {status}").format(status=_(value_label(stated)).lower())
        if stated
        else _("no DPIA is stated")
    )
    message = (
        _("the system profiles people with personal data and {why} (GDPR Art. 35)")
        if _profiling(ctx)
        else _("the system decides about people with personal data and {why} (GDPR Art. 35)")
    )
    ctx.expect(
        ("impact_assessment", "assessments"),
        had,
        message.format(why=why),
        item="impact_assessment.assessments[dpia]",
    )


def _profiling(ctx: Context) -> bool:
    ia = ctx.record.impact_assessment
    return bool(ia and ia.eu_ai_act and ia.eu_ai_act.profiling)


def _assessments_done(ctx: Context) -> bool:
    ia = ctx.record.impact_assessment
    return bool(ia and any(a.status == AssessmentStatus.DONE for a in ia.assessments))


@check("AIG-IMPACT-004", when=_assessments_done)
def done_assessment_has_reference(ctx: Context) -> None:
    ia = ctx.record.impact_assessment
    assert ia is not None
    for i, a in enumerate(ia.assessments):
        if a.status != AssessmentStatus.DONE:
            continue
        name = a.name or _(value_label(a.kind))
        ctx.expect(
            ("impact_assessment", "assessments", i, "reference"),
            bool((a.reference and a.reference.strip()) or a.url),
            _("the {assessment} is stated as done but names no reference or link").format(
                assessment=name
            ),
            item=f"impact_assessment.assessments.{i}.reference",
        )
