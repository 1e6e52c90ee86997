"""The governance facts of one system that the inventory and the CycloneDX BOM both state:
stage, tiers, review dates, when it went live, and the state of its required sign-offs.

One definition, so the portfolio inventory, the BOM's `aigov:` properties and the site's
download say the same thing. Pure: the sign-off states (git history) and the policy are
given; nothing here reads a file or runs git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aigov.checks.facts import review_due
from aigov.checks.policy import DEFAULT_POLICY, Policy
from aigov.model import ReviewDecision, Stage

if TYPE_CHECKING:
    from aigov.checks.tier import TierAssessment
    from aigov.project import LoadedRecord
    from aigov.review.signoffs import SignOffState

APPROVALS = (ReviewDecision.APPROVED, ReviewDecision.APPROVED_WITH_CONDITIONS)


@dataclass(frozen=True)
class RoleState:
    """Where one required sign-off role stands: `state` is current, stale, rejected, invalid,
    unverified, unbound or missing."""

    role: str
    state: str
    reviewer: str = ""
    date: str = ""


@dataclass(frozen=True)
class SignOffSummary:
    required: tuple[RoleState, ...]
    others: tuple[RoleState, ...]  # effective sign-offs of roles the policy does not require

    @property
    def complete(self) -> bool:
        return all(r.state == "current" for r in self.required)

    @property
    def text(self) -> str:
        """'complete (legal, privacy current)', 'incomplete: legal stale, risk missing', or
        'none required' (with what was given)."""
        if not self.required:
            given = ", ".join(f"{r.role} {r.state}" for r in self.others)
            return "none required" + (f" ({given})" if given else "")
        if self.complete:
            return f"complete ({', '.join(r.role for r in self.required)} current)"
        open_ = [r for r in self.required if r.state != "current"]
        current = [r for r in self.required if r.state == "current"]
        text = "incomplete: " + ", ".join(f"{r.role} {r.state}" for r in open_)
        if current:
            text += f"; {', '.join(r.role for r in current)} current"
        return text


@dataclass(frozen=True)
class GovernanceFacts:
    id: str
    name: str
    team: str
    accountable: str
    stage: str
    internal_tier: str  # the tier the rules apply (the higher of derived and declared)
    eu_tier: str  # derived; "" when not assessed
    declared_internal: str
    declared_eu: str
    annex_iii_area: str
    deployed_since: dt.date | None
    last_review: dt.date | None
    next_review_due: dt.date | None
    signoffs: SignOffSummary


def deployed_since(loaded: LoadedRecord) -> dt.date | None:
    """When the system first went into production: the first production entry of the stage
    history, else `stage_since` while it is in production (or retired after it)."""
    rec = loaded.record
    lc = rec.lifecycle if rec else None
    if lc is None:
        return None
    dates = [h.date for h in lc.history if h.stage == Stage.PRODUCTION]
    if lc.stage == Stage.PRODUCTION and lc.stage_since is not None:
        dates.append(lc.stage_since)
    return min(dates) if dates else None


def signoff_summary(
    states: Sequence[SignOffState], required_roles: Sequence[str]
) -> SignOffSummary:
    """Each required role's effective sign-off (missing when none), and the effective ones of
    roles not required."""
    effective = {s.role: s for s in states if s.effective}

    def state_of(role: str) -> RoleState:
        s = effective.get(role)
        if s is None:
            return RoleState(role, "missing")
        state = s.status.value
        if state == "current" and s.signoff.decision not in APPROVALS:
            state = "rejected"
        return RoleState(role, state, s.signoff.reviewer, s.signoff.when)

    required = tuple(state_of(r) for r in required_roles)
    others = tuple(state_of(r) for r in sorted(effective) if r not in required_roles)
    return SignOffSummary(required, others)


def governance_facts(
    loaded: LoadedRecord,
    tier: TierAssessment | None,
    states: Sequence[SignOffState],
    policy: Policy | None = None,
) -> GovernanceFacts:
    rec = loaded.record
    assert rec is not None, "governance facts need a validated record"
    policy = policy or DEFAULT_POLICY
    owner = rec.owner
    ia = rec.impact_assessment
    area = ia.eu_ai_act.annex_iii_area if ia and ia.eu_ai_act else None
    roles: tuple[Any, ...] = ()
    if tier is not None and rec.stage is not None:
        roles = policy.required_roles(tier.effective, rec.stage)
    return GovernanceFacts(
        id=rec.id,
        name=rec.name,
        team=(owner.team or "") if owner else "",
        accountable=(owner.accountable or "") if owner else "",
        stage=rec.stage.value if rec.stage else "",
        internal_tier=tier.effective.value if tier else "",
        eu_tier=tier.eu.value if tier and tier.eu else "",
        declared_internal=(tier.declared_internal.value if tier and tier.declared_internal else ""),
        declared_eu=tier.declared_eu.value if tier and tier.declared_eu else "",
        annex_iii_area=area.value if area else "",
        deployed_since=deployed_since(loaded),
        last_review=rec.lifecycle.last_review if rec.lifecycle else None,
        next_review_due=review_due(rec, policy),
        signoffs=signoff_summary(states, [r.value for r in roles]),
    )
