"""Launch: gates, red team, human review, feedback logging and the MVP."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from aigov.model.base import SLUG, Base, F, L
from aigov.model.vocab import FindingStatus, GateDecision, Severity, Stage


class Gate(Base):
    id: str = Field(description="Short slug.", examples=["pilot-go"], pattern=SLUG)
    name: str = Field(description="The gate.", examples=["Go/no-go for pilot"])
    stage: Stage | None = F("The stage this gate opens.", "pilot")
    criteria: list[str] = L("What must be true to pass.", "Groundedness ≥ 85% on policy-400")
    decision: GateDecision | None = F("go, go_with_conditions, no_go, pending.", "go")
    date: dt.date | None = F("Decision date.", "2026-04-28")
    decided_by: str | None = F("Who decided.", "AI review board")


class RedTeamFinding(Base):
    id: str = Field(description="Short slug.", examples=["rt-prompt-injection"], pattern=SLUG)
    description: str = Field(description="What was found.")
    severity: Severity | None = F("Severity.", "high")
    status: FindingStatus | None = F("open, mitigated, accepted, closed.", "mitigated")
    control: str | None = F("Id of the control that addresses it.", "ctl-injection-filter")


class RedTeam(Base):
    date: dt.date | None = F("When the exercise ran.", "2026-03-10")
    scope: str | None = F(
        "What was attacked and how.", "Prompt injection via ticket text; jailbreaks; PII extraction"
    )
    team: str | None = F("Who did it.", "Security red team")
    findings: list[RedTeamFinding] = L("Findings.")


class HumanReview(Base):
    description: str | None = F(
        "Where people approve or review outputs.", "Claims scored above 0.8 go to a senior adjuster"
    )
    cases: str | None = F(
        "Which cases are reviewed.", "All high-impact claims and a 5% random sample"
    )
    sla: str | None = F("How fast.", "Within 1 business day")


class FeedbackLogging(Base):
    mechanism: str | None = F(
        "How corrections and feedback are captured.",
        "Edit distance between draft and sent reply, thumbs up/down",
    )
    used_for: str | None = F(
        "What the feedback feeds (labels, evals, retraining).", "Monthly eval refresh"
    )
    retention: str | None = F("How long it is kept.", "12 months")


class MVP(Base):
    scope: str | None = F(
        "The thin slice that proves value.", "Refund-policy questions only, English, 20 agents"
    )
    exit_criteria: list[str] = L(
        "What the MVP must show.", "Handle time -25% with no rise in reopen rate"
    )


class Launch(Base):
    mvp: MVP | None = F("The MVP: minimum viable proof.")
    stop_ship_criteria: list[str] = L(
        "Conditions that stop a launch or pull the system.",
        "Groundedness below 80% on the weekly sample",
        title="Stop-ship criteria",
    )
    gates: list[Gate] = L("Go/no-go gates between stages.")
    human_review: HumanReview | None = F("Human-in-the-loop review.")
    red_team: RedTeam | None = F("Red-team exercise and findings.")
    feedback_logging: FeedbackLogging | None = F("Logging of feedback and corrections.")
