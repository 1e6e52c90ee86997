"""The metrics stack: each metric with a target."""

from __future__ import annotations

from pydantic import Field

from aigov.model.base import SLUG, Base, F, L
from aigov.model.vocab import Direction, MetricLayer


class Metric(Base):
    id: str = Field(
        description="Short slug, unique within the record.",
        examples=["draft-acceptance"],
        pattern=SLUG,
    )
    name: str = Field(description="Human name.", examples=["Draft acceptance rate"])
    description: str | None = F("What exactly is measured.")
    target: str | None = F(
        "The target, in words with the number.", "≥ 70% of drafts sent with light edits"
    )
    threshold: float | None = F("The numeric pass/fail threshold, when there is one.", 0.7)
    direction: Direction | None = F("higher_is_better or lower_is_better.", "higher_is_better")
    unit: str | None = F("Unit.", "%")
    baseline: float | None = F("Value before the system (the feasibility baseline).", 0.0)
    current: float | None = F("Latest observed value.", 0.74)
    owner: str | None = F("Who watches it.", "Support Ops")


class MetricsStack(Base):
    business: list[Metric] = L(
        "Business outcomes: conversion, retention, resolution time, cost-to-serve, revenue."
    )
    user_experience: list[Metric] = L("User experience: task time, satisfaction, trust, adoption.")
    model_quality: list[Metric] = L(
        "Model quality: precision/recall, error rate, groundedness, rubric score."
    )
    guardrail: list[Metric] = L(
        "Guardrails: unsafe content, policy violations, hallucination, complaint rate."
    )
    operational: list[Metric] = L(
        "Operations: latency, uptime, cost per request, throughput, incidents."
    )

    def all(self) -> list[tuple[str, Metric]]:
        return [(layer.value, m) for layer in MetricLayer for m in getattr(self, layer.value)]
