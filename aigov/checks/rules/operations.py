"""MANAGE / MEASURE 2.4: drift monitoring, retraining, rollback and incidents in operation."""

from __future__ import annotations

from typing import Any

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import days
from aigov.model import Direction, FindingStatus, MonitorKind, Severity

_KIND_WORDS = {
    MonitorKind.DATA: "data drift (inputs change: seasonality, new users, new markets)",
    MonitorKind.QUALITY: "quality drift (error rate, escalations, satisfaction)",
    MonitorKind.SAFETY: "safety drift (policy violations, risky outputs)",
    MonitorKind.COST: "cost drift (usage spikes, token cost, latency creep)",
}

ROLLBACK_MAX_AGE_DAYS = 365


@check("AIG-OPS-001")
def drift_monitoring(ctx: Context) -> None:
    monitors = ctx.record.operations.monitoring if ctx.record.operations else []
    kinds = {m.kind for m in monitors}
    for kind in MonitorKind:
        ctx.expect(
            ("operations", "monitoring"),
            kind in kinds,
            f"no monitor for {_KIND_WORDS[kind]}",
            item=f"operations.monitoring.{kind.value}",
        )


@check(
    "AIG-OPS-002",
    when=lambda ctx: bool(ctx.record.operations and ctx.record.operations.monitoring),
)
def monitors_actionable(ctx: Context) -> None:
    assert ctx.record.operations is not None
    for i, m in enumerate(ctx.record.operations.monitoring):
        where = ("operations", "monitoring", i)
        ctx.require((*where, "threshold"), f"monitor '{m.id}' has no alert threshold")
        ctx.require((*where, "owner"), f"monitor '{m.id}' has no owner who responds")


@check("AIG-OPS-003")
def retraining(ctx: Context) -> None:
    r = ("operations", "retraining")
    ctx.require(
        (*r, "trigger"),
        "no retraining trigger (scheduled, drift threshold, or both)",
    )
    ctx.require(
        (*r, "validation"),
        "no validation route for updates (offline eval, shadow, A/B test, canary …)",
    )
    ctx.require((*r, "data_collection"), "not stated how new training data is collected")


@check("AIG-OPS-004")
def rollback(ctx: Context) -> None:
    r = ("operations", "rollback")
    ctx.require(
        (*r, "mechanisms"),
        "no rollback mechanism (model versioning, feature flag, traffic switch …)",
    )
    ctx.require((*r, "description"), "no rollback procedure")
    ctx.require((*r, "owner"), "no one named who can trigger a rollback")


@check("AIG-OPS-005")
def rollback_rehearsed(ctx: Context) -> None:
    rb = ctx.record.operations.rollback if ctx.record.operations else None
    where = ("operations", "rollback", "last_tested")
    if not ctx.require(where, "the rollback has never been rehearsed (no `last_tested` date)"):
        return
    assert rb is not None and rb.last_tested is not None
    age = (ctx.today - rb.last_tested).days
    if age > ROLLBACK_MAX_AGE_DAYS:
        ctx.fail(where, f"the rollback was last rehearsed {rb.last_tested}, {days(age)} ago")


SERIOUS = (Severity.HIGH, Severity.CRITICAL)


@check(
    "AIG-OPS-006",
    when=lambda ctx: bool(ctx.record.operations and ctx.record.operations.incidents),
)
def open_incidents(ctx: Context) -> None:
    assert ctx.record.operations is not None
    for i, inc in enumerate(ctx.record.operations.incidents):
        if inc.severity in SERIOUS and inc.status in (None, FindingStatus.OPEN):
            assert inc.severity is not None
            ctx.fail(
                ("operations", "incidents", i),
                f"{inc.severity.value}-severity incident '{inc.id}' of {inc.date} is still open",
            )


def _limited(ctx: Context) -> bool:
    monitors = ctx.record.operations.monitoring if ctx.record.operations else []
    return any(m.readings and m.limit is not None for m in monitors)


@check("AIG-OPS-007", when=_limited)
def monitor_within_limit(ctx: Context) -> None:
    assert ctx.record.operations is not None
    for i, m in enumerate(ctx.record.operations.monitoring):
        if m.limit is None:
            continue
        latest: dict[str, tuple[int, Any]] = {}
        for j, r in enumerate(m.readings):
            prior = latest.get(r.slice or "")
            if prior is None or r.date >= prior[1].date:
                latest[r.slice or ""] = (j, r)
        below = (m.direction or Direction.HIGHER_IS_BETTER) == Direction.HIGHER_IS_BETTER
        for j, r in latest.values():
            if (r.value < m.limit) if below else (r.value > m.limit):
                side = "below" if below else "above"
                part = f" [{r.slice}]" if r.slice else ""
                ctx.fail(
                    ("operations", "monitoring", i, "readings", j, "value"),
                    f"monitor '{m.id}'{part} read {r.value!r} on {r.date}, {side} its limit {m.limit!r}",
                )
