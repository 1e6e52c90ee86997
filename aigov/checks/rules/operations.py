"""MANAGE / MEASURE 2.4: drift monitoring, retraining, rollback and incidents in operation."""

from __future__ import annotations

from typing import Any

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import days
from aigov.i18n import N_, _
from aigov.model import Direction, FindingStatus, MonitorKind, Severity

_KIND_WORDS = {
    MonitorKind.DATA: N_("data drift (inputs change: seasonality, new users, new markets)"),
    MonitorKind.QUALITY: N_("quality drift (error rate, escalations, satisfaction)"),
    MonitorKind.SAFETY: N_("safety drift (policy violations, risky outputs)"),
    MonitorKind.COST: N_("cost drift (usage spikes, token cost, latency creep)"),
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
            _("no monitor for {kind}").format(kind=_(_KIND_WORDS[kind])),
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
        ctx.require(
            (*where, "threshold"),
            _("monitor '{monitor}' has no alert threshold").format(monitor=m.id),
        )
        ctx.require(
            (*where, "owner"),
            _("monitor '{monitor}' has no owner who responds").format(monitor=m.id),
        )


@check("AIG-OPS-003")
def retraining(ctx: Context) -> None:
    r = ("operations", "retraining")
    ctx.require(
        (*r, "trigger"),
        _("no retraining trigger (scheduled, drift threshold, or both)"),
    )
    ctx.require(
        (*r, "validation"),
        _("no validation route for updates (offline eval, shadow, A/B test, canary …)"),
    )
    ctx.require((*r, "data_collection"), _("not stated how new training data is collected"))


@check("AIG-OPS-004")
def rollback(ctx: Context) -> None:
    r = ("operations", "rollback")
    ctx.require(
        (*r, "mechanisms"),
        _("no rollback mechanism (model versioning, feature flag, traffic switch …)"),
    )
    ctx.require((*r, "description"), _("no rollback procedure"))
    ctx.require((*r, "owner"), _("no one named who can trigger a rollback"))


@check("AIG-OPS-005")
def rollback_rehearsed(ctx: Context) -> None:
    rb = ctx.record.operations.rollback if ctx.record.operations else None
    where = ("operations", "rollback", "last_tested")
    if not ctx.require(where, _("the rollback has never been rehearsed (no `last_tested` date)")):
        return
    assert rb is not None and rb.last_tested is not None
    age = (ctx.today - rb.last_tested).days
    if age > ROLLBACK_MAX_AGE_DAYS:
        ctx.fail(
            where,
            _("the rollback was last rehearsed {date}, {days} ago").format(
                date=rb.last_tested, days=days(age)
            ),
        )


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
                _("{severity}-severity incident '{incident}' of {date} is still open").format(
                    severity=inc.severity.value, incident=inc.id, date=inc.date
                ),
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
                text = (
                    _("monitor '{monitor}'{slice} read {value} on {date}, below its limit {limit}")
                    if below
                    else _(
                        "monitor '{monitor}'{slice} read {value} on {date}, above its limit {limit}"
                    )
                )
                ctx.fail(
                    ("operations", "monitoring", i, "readings", j, "value"),
                    text.format(
                        monitor=m.id,
                        slice=f" [{r.slice}]" if r.slice else "",
                        value=repr(r.value),
                        date=r.date,
                        limit=repr(m.limit),
                    ),
                )
