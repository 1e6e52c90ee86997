"""Risk tiers derived from the impact assessment, with the reasons in words.

Two tiers are derived, independently of what the record declares:

**EU AI Act tier** (from `impact_assessment.eu_ai_act`), on the text aigov/data/eu-ai-act.yaml
encodes (Reg. (EU) 2024/1689 as amended by Reg. (EU) 2026/1744, consolidated 2026-07-27; every
reason names it), first match wins:

1. any Art. 5 prohibited practice listed → `prohibited`, including the practice the 2026
   amendment added (Art. 5(1)(ba): non-consensual intimate imagery, CSAM), whose reason says it
   applies from 2026-12-02;
2. a safety component of, or itself, a product under Annex I harmonisation law → `high`
   (Art. 6(1); since 2026 Art. 6(1a) keeps AI without a safety function out of this route, which
   the record's "safety component" answer already excludes);
3. an Annex III area other than `none` → `high` (Art. 6(2)), unless the Art. 6(3) derogation is
   claimed with both a reason and written reasoning, and the system does not profile people
   (profiling is always high-risk);
4. when `annex_iii_area` is not answered (missing or `unknown`) → *undetermined*, never
   `minimal` or `limited`: a record that gives only `profiling: true` says nothing about its
   tier (an explicit `annex_iii_area: none` does);
5. any Art. 50 transparency obligation listed → `limited`;
6. otherwise → `minimal`. With no `eu_ai_act` section at all the EU tier is *not assessed*.

**Internal tier** (low < medium < high < critical) is the highest of:

- each harm's inherent (before-controls) severity × likelihood. The score is severity (low 1 …
  critical 4) times likelihood (rare 1 … almost_certain 5): up to 4 is low, 5–9 medium, 10–14
  high, 15 and more critical; a high-severity harm is at least medium and a critical one at
  least high. As a matrix (a harm without a likelihood is read as `possible`; one without a
  severity is skipped and said so):

  | severity \\ likelihood | rare | unlikely | possible | likely | almost_certain |
  |---|---|---|---|---|---|
  | low      | low    | low    | low    | low      | medium   |
  | medium   | low    | low    | medium | medium   | high     |
  | high     | medium | medium | medium | high     | critical |
  | critical | high   | high   | high   | critical | critical |

- floors: EU `prohibited` → critical; EU `high` → high; decisions about people, or sensitive
  data categories → at least medium;
- `low` when none of the above applies (for example, before any harm is recorded).

The **effective tier**, which decides which rules apply, is the higher of the derived and the
declared internal tier: declaring a higher tier than derived is always allowed, a lower one is a
finding (AIG-TIER-002).
"""

from __future__ import annotations

from dataclasses import dataclass

from aigov.fieldmodel.titles import value_label, value_phrase
from aigov.model import (
    EUAIAct,
    EUTier,
    Likelihood,
    ProhibitedPractice,
    Record,
    RiskTier,
    Severity,
)
from aigov.obligations.text import act

L, M, H, C = RiskTier.LOW, RiskTier.MEDIUM, RiskTier.HIGH, RiskTier.CRITICAL

MATRIX: dict[Severity, tuple[RiskTier, RiskTier, RiskTier, RiskTier, RiskTier]] = {
    Severity.LOW: (L, L, L, L, M),
    Severity.MEDIUM: (L, L, M, M, H),
    Severity.HIGH: (M, M, M, H, C),
    Severity.CRITICAL: (H, H, H, C, C),
}

EU_ORDER = (EUTier.MINIMAL, EUTier.LIMITED, EUTier.HIGH, EUTier.PROHIBITED)
RANK = {t: i for i, t in enumerate(RiskTier)}  # RiskTier.order, without rebuilding the list


def harm_tier(severity: Severity, likelihood: Likelihood) -> RiskTier:
    return MATRIX[severity][likelihood.score - 1]


def eu_rank(tier: EUTier) -> int:
    return EU_ORDER.index(tier)


def tier_below(declared: RiskTier, derived: RiskTier) -> bool:
    """The declared internal tier is lower than the derived one (a finding, AIG-TIER-002)."""
    return RANK[declared] < RANK[derived]


def eu_below(declared: EUTier, derived: EUTier | None) -> bool:
    """The declared EU AI Act tier is lower than the derived one (`None`: not assessed)."""
    return derived is not None and eu_rank(declared) < eu_rank(derived)


@dataclass(frozen=True)
class TierAssessment:
    """Derived and declared tiers of one record, and why."""

    internal: RiskTier
    eu: EUTier | None
    declared_internal: RiskTier | None
    declared_eu: EUTier | None
    internal_reasons: tuple[str, ...]
    eu_reasons: tuple[str, ...]
    # the reason that set the derived internal tier (the last one that raised it); "" when
    # nothing raised it above low
    internal_because: str = ""
    # `eu` is None because inputs that decide it are not answered (not: no EU section at all)
    eu_undetermined: bool = False

    @property
    def eu_status(self) -> str:
        """derived, undetermined (inputs missing) or not_assessed (no EU AI Act section)."""
        if self.eu is not None:
            return "derived"
        return "undetermined" if self.eu_undetermined else "not_assessed"

    @property
    def effective(self) -> RiskTier:
        """The tier the rules apply: the higher of derived and declared."""
        if (
            self.declared_internal is not None
            and RANK[self.declared_internal] > RANK[self.internal]
        ):
            return self.declared_internal
        return self.internal

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.eu_reasons + self.internal_reasons

    @property
    def internal_under_declared(self) -> bool:
        return self.declared_internal is not None and tier_below(
            self.declared_internal, self.internal
        )

    @property
    def eu_under_declared(self) -> bool:
        return self.declared_eu is not None and eu_below(self.declared_eu, self.eu)

    def why_internal(self) -> str:
        """One line: why the internal tier the rules apply is what it is."""
        if self.effective != self.internal:
            assert self.declared_internal is not None
            return (
                f"internal tier {self.effective.value}: declared, higher than the derived "
                f"{self.internal.value} ({self.internal_because or 'nothing raises it above low'})"
            )
        because = self.internal_because or (
            "no harm, EU AI Act tier or floor raises it above low"
            + (
                "; no harms recorded yet"
                if any("no harms" in r for r in self.internal_reasons)
                else ""
            )
        )
        return f"internal tier {self.internal.value}: {because}"

    def why_eu(self) -> str:
        """One line: why the EU AI Act tier is what it is (or why it is not assessed)."""
        first = self.eu_reasons[0] if self.eu_reasons else ""
        if self.eu is None:
            return first or f"EU AI Act tier {self.eu_status.replace('_', ' ')}"
        return f"EU AI Act tier {self.eu.value}: {first.removeprefix('EU AI Act: ')}"

    def to_dict(self) -> dict[str, object]:
        return {
            "internal": self.internal.value,
            "eu_ai_act": self.eu.value if self.eu else None,
            "eu_ai_act_status": self.eu_status,
            "effective": self.effective.value,
            "declared_internal": self.declared_internal.value if self.declared_internal else None,
            "declared_eu_ai_act": self.declared_eu.value if self.declared_eu else None,
            "reasons": list(self.reasons),
            "eu_ai_act_text": act().version.id,
        }


def eu_text() -> str:
    """The version of the Act the EU tier is derived on, as reasons name it."""
    v = act().version
    return f"the EU AI Act as amended in 2026 (consolidated {v.consolidated.isoformat()})"


def derive_eu(rec: Record) -> tuple[EUTier | None, list[str]]:
    ia = rec.impact_assessment
    eu = ia.eu_ai_act if ia else None
    act_ = eu_text()
    if eu is None:
        return None, [
            "The EU AI Act tier is not assessed: the EU AI Act part of the impact assessment "
            "is not filled in."
        ]
    if eu.prohibited_practices:
        new = ProhibitedPractice.NON_CONSENSUAL_INTIMATE_OR_CSAM
        names = "; ".join(value_phrase(p) for p in eu.prohibited_practices)
        why = f"It is a prohibited practice under Art. 5 of {act_}: {names}"
        if new in eu.prohibited_practices:
            start = act().dates["prohibited_new"].date.isoformat()
            why += f". The Art. 5(1)(ba) prohibition added in 2026 applies from {start}"
        return EUTier.PROHIBITED, [why + "."]
    if eu.annex_i_product:
        return EUTier.HIGH, [
            f"It is high-risk under Art. 6(1) of {act_}: it is a product, or the safety "
            "component of a product, under the Union harmonisation law listed in Annex I "
            "(Art. 6(1a): only where the AI has a safety function)."
        ]
    area = eu.annex_iii_area
    if area is not None and area.value != "none":
        d = eu.derogation
        where = f"its use falls under {value_label(area)}"
        if eu.profiling:
            why = (
                f"It is high-risk under Art. 6(2) of {act_}: {where}, and it profiles "
                "natural persons"
            )
            if d is not None and d.applies:
                why += (
                    ", so the Art. 6(3) derogation cannot apply because the system profiles people"
                )
            return EUTier.HIGH, [why + "."]
        if d is not None and d.applies:
            if d.reason is not None and d.reasoning and d.reasoning.strip():
                reasons = [
                    f"Its use falls under {value_label(area)}, but it is not high-risk under the "
                    f"Art. 6(3) derogation ({value_phrase(d.reason)}) of {act_}: "
                    f"{d.reasoning.strip()}. Art. 6(4) and Art. 49(2) still ask for the "
                    "documented assessment and its registration."
                ]
                below, more = _below_high(eu)
                return below, reasons + more
            return EUTier.HIGH, [
                f"It is high-risk under Art. 6(2) of {act_}: {where}. The Art. 6(3) "
                "derogation is claimed without a reason and written reasoning, so it does not count."
            ]
        return EUTier.HIGH, [f"It is high-risk under Art. 6(2) of {act_}: {where}."]
    return _below_high(eu)


#: The inputs that can still make a system high-risk once no prohibited practice is listed.
#: Only the Annex III area: a record that answers it (even `none`) has assessed its use; an
#: unanswered Annex I question is read as "no", as before.
DECIDING_INPUTS = (("annex_iii_area", "which Annex III area its use falls under (or none)"),)


def undetermined_inputs(eu: EUAIAct) -> list[str]:
    """The deciding inputs the record does not answer (missing, or marked unknown)."""
    return [words for name, words in DECIDING_INPUTS if getattr(eu, name) is None]


def _below_high(eu: EUAIAct) -> tuple[EUTier | None, list[str]]:
    missing = undetermined_inputs(eu)
    if missing:
        why = (
            f"The EU AI Act tier is undetermined: the impact assessment does not answer "
            f"{' and '.join(missing)}, so {eu_text()} cannot say whether it is high-risk."
        )
        if eu.transparency_obligations:
            why += " It is at least limited risk (Art. 50 transparency obligations)."
        return None, [why]
    obligations = eu.transparency_obligations
    if obligations:
        names = "; ".join(value_phrase(o) for o in obligations)
        return EUTier.LIMITED, [
            f"It is limited risk under {eu_text()}, with Art. 50 transparency obligations: {names}."
        ]
    return EUTier.MINIMAL, [
        f"It is minimal risk under {eu_text()}: no prohibited practice, no Annex I product, "
        "no Annex III use and no Art. 50 transparency obligation."
    ]


def derive_internal(rec: Record, eu: EUTier | None) -> tuple[RiskTier, list[str]]:
    tier, reasons, _ = derive_internal_because(rec, eu)
    return tier, reasons


def derive_internal_because(rec: Record, eu: EUTier | None) -> tuple[RiskTier, list[str], str]:
    """The internal tier, every reason, and the reason that set it (see the module doc)."""
    tier = RiskTier.LOW
    reasons: list[str] = []
    because = ""

    def raise_to(candidate: RiskTier, why: str) -> None:
        nonlocal tier, because
        reasons.append(why)
        if RANK[candidate] > RANK[tier]:
            tier = candidate
            because = why

    ia = rec.impact_assessment
    harms = ia.harms if ia else []
    for harm in harms:
        if harm.severity is None:
            reasons.append(f"Harm '{harm.id}' has no severity, so it does not count yet.")
            continue
        likelihood = harm.likelihood or Likelihood.POSSIBLE
        assumed = (
            "" if harm.likelihood else "; the likelihood is not given, so it is read as possible"
        )
        t = harm_tier(harm.severity, likelihood)
        raise_to(
            t,
            f"Harm '{harm.id}' is rated {t.value}: {harm.severity.value} severity, "
            f"{value_phrase(likelihood)} likelihood{assumed}.",
        )
    if eu == EUTier.PROHIBITED:
        raise_to(
            RiskTier.CRITICAL, "A prohibited practice under the EU AI Act is at least critical."
        )
    elif eu == EUTier.HIGH:
        raise_to(
            RiskTier.HIGH, "A high-risk system under the EU AI Act is at least high on this scale."
        )
    uc = rec.use_case
    if uc is not None and uc.decisions_about_people:
        raise_to(
            RiskTier.MEDIUM,
            "It decides or influences something about people, so it is at least medium.",
        )
    sensitive = bool(rec.data and rec.data.sensitive_categories) or any(
        s.sensitive_categories for s in (rec.data.sources if rec.data else [])
    )
    if sensitive:
        raise_to(
            RiskTier.MEDIUM, "It processes sensitive data categories, so it is at least medium."
        )
    if not harms:
        reasons.append("No harms are recorded yet in the impact assessment.")
    return tier, reasons, because


def derive_record_tier(rec: Record) -> TierAssessment:
    eu, eu_reasons = derive_eu(rec)
    internal, reasons, because = derive_internal_because(rec, eu)
    declared = rec.impact_assessment.risk_tier if rec.impact_assessment else None
    ia = rec.impact_assessment
    return TierAssessment(
        internal=internal,
        eu=eu,
        eu_undetermined=eu is None and ia is not None and ia.eu_ai_act is not None,
        declared_internal=declared.internal if declared else None,
        declared_eu=declared.eu_ai_act if declared else None,
        internal_reasons=tuple(reasons),
        eu_reasons=tuple(eu_reasons),
        internal_because=because,
    )
