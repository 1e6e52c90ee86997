"""What the checks conclude about one record, as values: its completeness score and the
summary (stage, tier, completeness) the checker leaves on `LoadedRecord.check_summary`.

Value types only, importing nothing of the checks' machinery, so the loaded record can name
the type of what travels with it (`aigov.checks.engine` computes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aigov.checks.tier import TierAssessment
from aigov.model import RiskTier, Stage
from aigov.obligations.engine import ObligationReport

if TYPE_CHECKING:
    from aigov.review.signoffs import Verified


@dataclass(frozen=True)
class Score:
    filled: int
    total: int

    @property
    def percent(self) -> int | None:
        if self.total == 0:
            return None
        return int(self.filled * 100 // self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"filled": self.filled, "total": self.total, "percent": self.percent}


@dataclass(frozen=True)
class Completeness:
    """How much of what the applicable rules ask for is filled in."""

    stage: Stage
    tier: RiskTier
    overall: Score
    sections: dict[str, Score]
    nist: dict[str, Score]
    unknown: int
    not_applicable: int
    explanation: str

    @property
    def percent(self) -> int:
        return 100 if self.overall.percent is None else self.overall.percent

    def to_dict(self) -> dict[str, Any]:
        return {
            "percent": self.percent,
            "stage": self.stage.value,
            "tier": self.tier.value,
            "overall": self.overall.to_dict(),
            "sections": {k: v.to_dict() for k, v in self.sections.items()},
            "nist": {k: v.to_dict() for k, v in self.nist.items()},
            "unknown": self.unknown,
            "not_applicable": self.not_applicable,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class CheckSummary:
    stage: Stage
    tier: TierAssessment
    completeness: Completeness
    obligations: ObligationReport | None = None  # EU AI Act obligations on the check's day
    # the sign-off verdicts the check computed (reused while they hold; not in to_dict)
    verified: Verified | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage.value,
            "tier": self.tier.to_dict(),
            "completeness": self.completeness.to_dict(),
            "obligations": self.obligations.to_dict() if self.obligations else None,
        }
