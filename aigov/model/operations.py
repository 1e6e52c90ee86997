"""Operations: monitoring, retraining, rollback, incidents and deployment."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Evidence
from aigov.model.vocab import (
    Direction,
    FindingStatus,
    MonitorKind,
    RetrainTrigger,
    RollbackMechanism,
    Severity,
    ValidationRoute,
)


class Reading(Base):
    """One value a monitor observed (appended by pipelines through `aigov results add`)."""

    value: float = Field(description="The observed value.", examples=[0.83])
    date: dt.date = Field(description="When it was observed (YYYY-MM-DD).")
    slice: str | None = F("Slice the value is for; omit for overall.", "language=pl")
    run: str | None = F("Id of the pipeline run that produced it.", "drift-job-2026-09-01")
    source: str | None = F("The file or tool it was read from.", "monitoring/daily.csv")


class Monitor(Base):
    id: str = Field(description="Short slug.", examples=["mon-groundedness"], pattern=SLUG)
    kind: MonitorKind = Field(description="data, quality, safety or cost drift.")
    signal: str = Field(
        description="What is measured.", examples=["Share of drafts with a citation"]
    )
    threshold: str | None = F("When it alerts.", "< 85% over 7 days")
    owner: str | None = F("Who responds.", "Support ML on-call")
    cadence: str | None = F("How often it is computed.", "daily")
    alert: str | None = F("Where alerts go.", "#support-ai-alerts")
    limit: float | None = F(
        "The numeric alert limit readings are compared with (`threshold` says it in words).", 0.85
    )
    direction: Direction | None = F(
        "higher_is_better (alert below the limit, the default) or lower_is_better (alert above).",
        "higher_is_better",
    )
    readings: list[Reading] = L("Observed values over time, oldest first; append, never overwrite.")


class Retraining(Base):
    data_collection: str | None = F(
        "How new training data is collected (feedback, labels, reviews).",
        "Adjuster overrides become labels",
    )
    trigger: RetrainTrigger | None = F(
        "scheduled, drift_threshold, scheduled_and_drift, manual.", "scheduled_and_drift"
    )
    schedule: str | None = F("The schedule, if scheduled.", "quarterly")
    validation: list[ValidationRoute] = L(
        "How updates are validated before full release: shadow, ab_test, canary …", "shadow"
    )
    owner: str | None = F("Who owns retraining.", "Claims ML team")


class Rollback(Base):
    mechanisms: list[RollbackMechanism] = L(
        "How to roll back: model_versioning, feature_flag, traffic_switch …", "feature_flag"
    )
    description: str | None = F(
        "The procedure and who can trigger it.",
        "Flag `claims_triage_v3` off reverts to v2 within a minute",
    )
    last_tested: dt.date | None = F("When the rollback was last rehearsed.", "2026-08-12")
    owner: str | None = F("Who can trigger it.", "Claims ML on-call")


class Incident(Base):
    id: str = Field(description="Short slug.", examples=["inc-2026-07-02"], pattern=SLUG)
    date: dt.date = Field(description="When it happened.")
    severity: Severity | None = F("Severity.", "medium")
    summary: str = Field(description="What happened.")
    status: FindingStatus | None = F("open, mitigated, accepted, closed.", "closed")
    actions: list[str] = L("What was changed as a result.")
    evidence: list[Evidence] = L("Post-mortem.")


class Deployment(Base):
    environment: str | None = F("Where it runs.", "AWS eu-central-1, Kubernetes")
    date: dt.date | None = F("First production deployment.", "2026-06-01")
    regions: list[str] = L("Markets where it is live.", "DE")


class Operations(Base):
    deployment: Deployment | None = F("Where and since when it runs.")
    monitoring: list[Monitor] = L("Drift monitors: data, quality, safety, cost.")
    retraining: Retraining | None = F("The retraining plan.")
    rollback: Rollback | None = F("The rollback plan.")
    incidents: list[Incident] = L("Incidents, newest last.")
