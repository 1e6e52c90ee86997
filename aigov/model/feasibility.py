"""The feasibility sprint: data, baseline, evaluation and risk."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from aigov.model.base import Base, F
from aigov.model.vocab import FeasibilityDecision


class Baseline(Base):
    description: str = Field(
        description="What happens today (human-only or rules).", examples=["Agents answer by hand"]
    )
    metric: str | None = F("The measure of today's performance.", "Average handle time")
    value: str | None = F("Today's value, with unit.", "9.2 minutes")


class Feasibility(Base):
    completed: dt.date | None = F("When the feasibility sprint ended (YYYY-MM-DD).", "2025-11-20")
    data_readiness: str | None = F(
        "Do we have the right inputs? Accessible, legal to use, representative?",
        "Two years of labelled tickets; legal use confirmed",
    )
    baseline: Baseline | None = F("Today's baseline.")
    good_enough: str | None = F(
        "What 'good enough' means, as a measurable bar.", "80% of drafts accepted with light edits"
    )
    offline_evaluation: str | None = F(
        "What will be measured offline before users see it.",
        "Groundedness and policy accuracy on 400 curated tickets",
    )
    risk_summary: str | None = F(
        "What happens if it is wrong: money, safety, trust, compliance, reputation.",
        "Wrong refund promises cost money and trust",
    )
    decision: FeasibilityDecision | None = F("Outcome of the sprint.", "go")
