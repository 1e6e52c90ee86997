"""What a change did to the facts aigov derives from a record, with the reason in words.

A reviewer reads the field changes ("Likelihood: possible → likely"); what legal most needs
to see is what followed from them: "harm 'wrong-refund-promise': likelihood possible → likely
raised the internal tier from medium to high: severity high × likely is high". This module
derives the facts of each version (tiers, readiness for the stage and the next gate, the
number of findings; obligations once they are derived) and compares them. It returns data;
`aigov diff` (and any page) renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aigov.checks.engine import CheckOptions, evaluate, record_stage
from aigov.checks.tier import RANK, TierAssessment, derive_record_tier, harm_tier
from aigov.diagnostics import Severity
from aigov.model import Likelihood, Record, RiskTier, Stage
from aigov.validate import validate_document
from aigov.yamlload import Document

_STAGES = list(Stage)


def next_stage(stage: Stage) -> Stage:
    """The gate a record at `stage` heads for (production and retired stay where they are)."""
    if stage in (Stage.PRODUCTION, Stage.RETIRED):
        return stage
    return _STAGES[_STAGES.index(stage) + 1]


@dataclass(frozen=True)
class HarmRating:
    """One harm's inherent rating as the internal tier reads it."""

    severity: str
    likelihood: str  # as read: "possible" when the record gives none
    given_likelihood: bool
    tier: RiskTier


@dataclass(frozen=True)
class Facts:
    """What aigov derives from one version of a record (None: the version does not validate
    or does not exist)."""

    stage: Stage
    tier: TierAssessment
    harms: dict[str, HarmRating]
    errors: frozenset[str]  # rule ids with an error-level finding at the record's stage
    warnings: frozenset[str]
    findings: int
    gate: Stage  # the next gate of the newer version (both versions are judged at it)
    gate_blocking: frozenset[str]  # rule ids with an error-level finding at that gate
    # hook for the obligations the EU AI Act view derives (empty until that work lands)
    obligations: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class DerivedChange:
    """One derived fact that differs between the versions, and why."""

    # internal_tier, eu_ai_act_tier, effective_tier, stage_ready, gate_ready, findings, obligations
    fact: str
    label: str
    old: Any
    new: Any
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "label": self.label,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
        }


def _record(data: Any, display: str) -> tuple[Record | None, dict[str, Any]]:
    if not isinstance(data, dict):
        return None, {}
    record, answers, diags = validate_document(Document(display, data))
    if record is None or any(d.severity == Severity.ERROR for d in diags):
        return None, {}
    return record, answers


def _harms(record: Record) -> dict[str, HarmRating]:
    ia = record.impact_assessment
    out = {}
    for harm in ia.harms if ia else []:
        if harm.severity is None:
            continue
        likelihood = harm.likelihood or Likelihood.POSSIBLE
        out[harm.id] = HarmRating(
            harm.severity.value,
            likelihood.value,
            harm.likelihood is not None,
            harm_tier(harm.severity, likelihood),
        )
    return out


def facts_of(
    data: Any, options: CheckOptions, *, gate: Stage | None = None, display: str = "record"
) -> Facts | None:
    """The derived facts of one version's loaded data, judged at its own stage and at `gate`
    (default: its next gate)."""
    record, answers = _record(data, display)
    if record is None:
        return None
    tier = derive_record_tier(record)
    stage = record_stage(record)
    target = gate or next_stage(stage)
    own = evaluate(record, answers, options, tier=tier)
    at_gate = evaluate(record, answers, options, stage=target, tier=tier)

    def failing(results: Any, severity: Severity) -> frozenset[str]:
        return frozenset(r.rule.id for r in results if r.findings and r.severity == severity)

    return Facts(
        stage=stage,
        tier=tier,
        harms=_harms(record),
        errors=failing(own.results, Severity.ERROR),
        warnings=failing(own.results, Severity.WARNING),
        findings=sum(len(r.findings) for r in own.results),
        gate=target,
        gate_blocking=failing(at_gate.results, Severity.ERROR),
    )


# --- reasons ------------------------------------------------------------------------------


def _moved(old: RiskTier, new: RiskTier) -> str:
    return "raised" if RANK[new] > RANK[old] else "lowered"


def _rating_change(harm: str, old: HarmRating | None, new: HarmRating | None) -> str:
    """ "harm 'x': likelihood possible → likely" (or added/removed/unrated)."""
    if old is None and new is not None:
        return f"the new harm '{harm}' ({new.severity} × {new.likelihood})"
    if new is None and old is not None:
        return f"removing the harm '{harm}' ({old.severity} × {old.likelihood})"
    assert old is not None and new is not None
    parts = []
    if old.severity != new.severity:
        parts.append(f"severity {old.severity} → {new.severity}")
    if old.likelihood != new.likelihood:
        parts.append(f"likelihood {old.likelihood} → {new.likelihood}")
    return f"harm '{harm}': {' and '.join(parts)}"


def _driver(facts: Facts) -> tuple[str, HarmRating] | None:
    """The harm that sets the internal tier, if a harm does."""
    rated = [(h, r) for h, r in facts.harms.items() if r.tier == facts.tier.internal]
    return rated[0] if rated else None


def _internal_reason(old: Facts, new: Facts) -> str:
    a, b = old.tier.internal, new.tier.internal
    moved = f"{_moved(a, b)} the internal tier from {a.value} to {b.value}"
    changed = [
        h
        for h in sorted(set(old.harms) | set(new.harms))
        if old.harms.get(h) is None
        or new.harms.get(h) is None
        or (old.harms[h].severity, old.harms[h].likelihood)
        != (new.harms[h].severity, new.harms[h].likelihood)
    ]
    because = new.tier.internal_because or "nothing raises it above low"
    if RANK[b] > RANK[a]:
        driver = _driver(new)
        if driver is not None and driver[0] in changed:
            harm, rating = driver
            why = f"severity {rating.severity} × {rating.likelihood} is {rating.tier.value}"
            return f"{_rating_change(harm, old.harms.get(harm), rating)} {moved}: {why}"
        return f"{moved}: {because}"
    # lowered: the harm that set the old tier changed or went
    driver = _driver(old)
    if driver is not None and driver[0] in changed:
        harm, rating = driver
        now = new.harms.get(harm)
        why = (
            f"severity {now.severity} × {now.likelihood} is {now.tier.value}"
            if now is not None
            else "it no longer counts"
        )
        return f"{_rating_change(harm, rating, now)} {moved}: {why}; the tier now follows {because}"
    return f"{moved}: it now follows {because}"


def _rules(ids: frozenset[str]) -> str:
    return ", ".join(sorted(ids))


def compare_facts(old: Facts | None, new: Facts | None) -> list[DerivedChange]:
    """The derived facts that differ from `old` to `new`, each with its reason in words."""
    if old is None or new is None:
        return []
    out: list[DerivedChange] = []
    a, b = old.tier, new.tier
    if a.internal != b.internal:
        out.append(
            DerivedChange(
                "internal_tier",
                "Internal risk tier (derived)",
                a.internal.value,
                b.internal.value,
                _internal_reason(old, new),
            )
        )
    if a.eu != b.eu or a.eu_status != b.eu_status:
        out.append(
            DerivedChange(
                "eu_ai_act_tier",
                "EU AI Act tier (derived)",
                a.eu.value if a.eu else (a.eu_status if a.eu_undetermined else None),
                b.eu.value if b.eu else (b.eu_status if b.eu_undetermined else None),
                b.why_eu(),
            )
        )
    if a.effective != b.effective and (a.internal == b.internal or b.effective != b.internal):
        out.append(
            DerivedChange(
                "effective_tier",
                "Risk tier the rules apply",
                a.effective.value,
                b.effective.value,
                b.why_internal(),
            )
        )
    if bool(old.errors) != bool(new.errors):
        out.append(
            DerivedChange(
                "stage_ready",
                f"Meets the error-level rules of its stage ({new.stage.value})",
                not old.errors,
                not new.errors,
                f"now failing: {_rules(new.errors - old.errors)}"
                if new.errors
                else f"now passing: {_rules(old.errors - new.errors)}",
            )
        )
    if bool(old.gate_blocking) != bool(new.gate_blocking):
        out.append(
            DerivedChange(
                "gate_ready",
                f"Ready for the {new.gate.value} gate",
                not old.gate_blocking,
                not new.gate_blocking,
                f"now blocking: {_rules(new.gate_blocking - old.gate_blocking)}"
                if new.gate_blocking
                else f"nothing blocks any more: {_rules(old.gate_blocking)} now pass",
            )
        )
    if old.findings != new.findings or old.errors != new.errors or old.warnings != new.warnings:
        parts = []
        for kind, before, after in (
            ("errors", old.errors, new.errors),
            ("warnings", old.warnings, new.warnings),
        ):
            if after - before:
                parts.append(f"new {kind}: {_rules(after - before)}")
            if before - after:
                parts.append(f"resolved {kind}: {_rules(before - after)}")
        out.append(
            DerivedChange(
                "findings",
                f"Findings at its stage ({new.stage.value})",
                old.findings,
                new.findings,
                "; ".join(parts) or "the same rules, with more or fewer findings each",
            )
        )
    if old.obligations != new.obligations:
        parts = []
        if new.obligations - old.obligations:
            parts.append(f"new: {_rules(new.obligations - old.obligations)}")
        if old.obligations - new.obligations:
            parts.append(f"gone: {_rules(old.obligations - new.obligations)}")
        out.append(
            DerivedChange(
                "obligations",
                "Obligations",
                len(old.obligations),
                len(new.obligations),
                "; ".join(parts),
            )
        )
    return out


def derived_changes(
    old_data: Any, new_data: Any, options: CheckOptions, *, display: str = "record"
) -> list[DerivedChange]:
    """What changed in the derived facts from one version's data to the other's; both are
    judged at the newer version's next gate."""
    new_facts = facts_of(new_data, options, display=display)
    gate = new_facts.gate if new_facts is not None else None
    old_facts = facts_of(old_data, options, gate=gate, display=display)
    return compare_facts(old_facts, new_facts)


def derived_text(changes: list[DerivedChange]) -> list[str]:
    """One line per derived change: `Label: old → new (reason)`."""

    def shown(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "not assessed" if value is None else str(value)

    return [f"{c.label}: {shown(c.old)} → {shown(c.new)} — {c.reason}" for c in changes]


def derived_since_approvals(
    states: list[Any], data: Any, options: CheckOptions, *, display: str = "record"
) -> dict[str, list[str]]:
    """For each stale approval (`aigov.review.signoffs.SignOffState`), by its content hash:
    what the changes since it did to the derived facts, one line each. The card's and the
    history page's "changed since" blocks both read it."""
    from aigov.review.signoffs import Status

    out: dict[str, list[str]] = {}
    for st in states:
        key = st.signoff.record_hash or ""
        if st.effective and st.status == Status.STALE and key not in out:
            old = st.approved.data if st.approved is not None else None
            out[key] = derived_text(derived_changes(old, data, options, display=display))
    return out
