"""MEASURE: the metrics stack and evaluations against thresholds, over time."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from aigov.checks.context import Context
from aigov.checks.facts import latest_results, result_order
from aigov.checks.registry import check
from aigov.checks.rules._common import days, decides_about_people
from aigov.i18n import N_, _
from aigov.model import Direction, EvalResult, Metric, MetricLayer, Stage
from aigov.model.evaluations import written_number

# Which layers of the metrics stack each stage needs: value and quality first, then how users
# experience it and the guardrails once people use it, then operations in production.
LAYERS_BY_STAGE: dict[Stage, tuple[MetricLayer, ...]] = {
    Stage.MVP: (MetricLayer.BUSINESS, MetricLayer.MODEL_QUALITY),
    Stage.PILOT: (
        MetricLayer.BUSINESS,
        MetricLayer.MODEL_QUALITY,
        MetricLayer.USER_EXPERIENCE,
        MetricLayer.GUARDRAIL,
    ),
    Stage.PRODUCTION: tuple(MetricLayer),
}

_LAYER_WORDS = {
    MetricLayer.BUSINESS: N_("business outcome (conversion, resolution time, cost-to-serve …)"),
    MetricLayer.MODEL_QUALITY: N_("model quality (precision/recall, groundedness, rubric score …)"),
    MetricLayer.USER_EXPERIENCE: N_("user experience (task time, satisfaction, trust, adoption …)"),
    MetricLayer.GUARDRAIL: N_("guardrail (unsafe content, policy violations, hallucination …)"),
    MetricLayer.OPERATIONAL: N_("operational (latency, uptime, cost per request …)"),
}


def _metrics(ctx: Context) -> list[tuple[MetricLayer, int, Metric]]:
    m = ctx.record.metrics
    if m is None:
        return []
    return [
        (layer, i, metric)
        for layer in MetricLayer
        for i, metric in enumerate(getattr(m, layer.value))
    ]


@check("AIG-METRIC-001")
def metrics_stack(ctx: Context) -> None:
    for layer in LAYERS_BY_STAGE.get(ctx.stage, tuple(MetricLayer)):
        ctx.require(
            ("metrics", layer.value),
            _("no {layer} metric, which the stack needs at {stage}").format(
                layer=_(_LAYER_WORDS[layer]), stage=ctx.stage.value
            ),
        )


@check("AIG-METRIC-002", when=lambda ctx: bool(_metrics(ctx)))
def metric_targets(ctx: Context) -> None:
    for layer, i, m in _metrics(ctx):
        where = ("metrics", layer.value, i)
        ok = bool((m.target and m.target.strip()) or m.threshold is not None)
        ctx.expect(
            (*where, "target"),
            ok,
            _("metric '{metric}' has no target or threshold").format(metric=m.id),
        )


_LATENCY = re.compile(r"latenc|response[ _-]?time|p9[59]|p50|time[ _-]to[ _-]first|ttf[bt]", re.I)
_COST = re.compile(r"cost|spend|price|token|€|\$|eur|usd", re.I)


def _text(m: Metric) -> str:
    return " ".join(filter(None, (m.id, m.name, m.description, m.unit)))


@check("AIG-METRIC-003")
def latency_and_cost(ctx: Context) -> None:
    ops = ctx.record.metrics.operational if ctx.record.metrics else []
    where = ("metrics", "operational")
    ctx.expect(
        where,
        any(_LATENCY.search(_text(m)) for m in ops),
        _("no latency metric among the operational metrics"),
        item="metrics.operational.latency",
    )
    ctx.expect(
        where,
        any(_COST.search(_text(m)) for m in ops),
        _("no cost metric (cost per request, daily spend) among the operational metrics"),
        item="metrics.operational.cost",
    )


@check("AIG-METRIC-004", when=lambda ctx: bool(ctx.record.metrics and ctx.record.metrics.business))
def business_baseline(ctx: Context) -> None:
    assert ctx.record.metrics is not None
    for i, m in enumerate(ctx.record.metrics.business):
        ctx.require(
            ("metrics", "business", i, "baseline"),
            _(
                "business metric '{metric}' has no baseline, so 'before' and 'after' cannot be "
                "compared"
            ).format(metric=m.id),
        )


# --- evaluations ------------------------------------------------------------------------


@check("AIG-EVAL-001")
def evaluation_plan(ctx: Context) -> None:
    plan = ("evaluations", "plan")
    ctx.require((*plan, "method"), _("no offline evaluation method"))
    ctx.require((*plan, "rubric"), _("no grading rubric"))
    ctx.require((*plan, "test_sets"), _("no test set"))


def _results(ctx: Context) -> list[EvalResult]:
    ev = ctx.record.evaluations
    return ev.results if ev else []


def _metric_lookup(ctx: Context) -> dict[str, Metric]:
    out: dict[str, Metric] = {}
    for _layer, _i, m in _metrics(ctx):
        out.setdefault(m.id, m)
        out.setdefault(m.name.lower(), m)
    return out


def _threshold(r: EvalResult, metrics: dict[str, Metric]) -> tuple[float | None, Direction]:
    """The result's own threshold, else the metric's; the direction likewise."""
    m = metrics.get(r.metric) or metrics.get(r.metric.lower())
    threshold = r.threshold if r.threshold is not None else (m.threshold if m else None)
    direction = r.direction or (m.direction if m else None) or Direction.HIGHER_IS_BETTER
    return threshold, direction


def _passes(value: float, threshold: float, direction: Direction) -> bool:
    return value <= threshold if direction == Direction.LOWER_IS_BETTER else value >= threshold


@check("AIG-EVAL-002")
def results_against_thresholds(ctx: Context) -> None:
    if not ctx.require(
        ("evaluations", "results"),
        _("no evaluation results: offline results come before users see it"),
    ):
        return
    metrics = _metric_lookup(ctx)
    ctx.expect(
        ("evaluations", "results"),
        any(_threshold(r, metrics)[0] is not None for r in _results(ctx)),
        _("no evaluation result is compared with a threshold"),
        item="evaluations.results.threshold",
    )
    measured = {r.metric for r in _results(ctx)} | {r.metric.lower() for r in _results(ctx)}
    quality = ctx.record.metrics.model_quality if ctx.record.metrics else []
    for i, m in enumerate(quality):
        ctx.expect(
            ("metrics", "model_quality", i),
            m.id in measured or m.name.lower() in measured or m.current is not None,
            _(
                "model-quality metric '{metric}' has neither an evaluation result nor a current "
                "value"
            ).format(metric=m.id),
            item=f"evaluations.results[{m.id}]",
        )


def _label(r: EvalResult) -> str:
    parts = [r.metric]
    if r.slice:
        parts.append(f"[{r.slice}]")
    if r.dataset:
        parts.append(_("on {dataset}").format(dataset=r.dataset))
    return " ".join(parts)


def _misses(ctx: Context, *, slices: bool) -> None:
    metrics = _metric_lookup(ctx)
    for i, r in latest_results(_results(ctx)):
        if bool(r.slice) != slices:
            continue
        threshold, direction = _threshold(r, metrics)
        if threshold is None or _passes(r.value, threshold, direction):
            continue
        op = "≤" if direction == Direction.LOWER_IS_BETTER else "≥"
        ctx.fail(
            ("evaluations", "results", i, "value"),
            _("latest {result} is {value} ({date}), missing its threshold {op} {threshold}").format(
                result=_label(r),
                value=r.value_text,
                date=r.date_text,
                op=op,
                threshold=f"{threshold:g}",
            ),
        )


@check("AIG-EVAL-003", when=lambda ctx: bool(_results(ctx)))
def latest_meets_threshold(ctx: Context) -> None:
    _misses(ctx, slices=False)


@check("AIG-EVAL-006", when=lambda ctx: any(r.slice for r in _results(ctx)))
def slices_meet_threshold(ctx: Context) -> None:
    _misses(ctx, slices=True)


@check("AIG-EVAL-004", when=lambda ctx: bool(_results(ctx)))
def results_fresh(ctx: Context) -> None:
    lc = ctx.record.lifecycle
    every = (lc.review_cadence_days if lc else None) or ctx.policy.review_cadence_days
    newest: dict[str, tuple[int, EvalResult]] = {}
    for i, r in enumerate(_results(ctx)):
        prior = newest.get(r.metric)
        if prior is None or result_order(i, r) >= result_order(*prior):
            newest[r.metric] = (i, r)
    for metric, (i, r) in sorted(newest.items()):
        if r.date is None:
            continue  # an undated result (the source gave no date) cannot be judged for age
        # a partial date ("2024") is judged by the last day it may mean: never older than it is
        age = (ctx.today - r.date.latest).days
        if age > every:
            ctx.fail(
                ("evaluations", "results", i, "date"),
                _(
                    "the newest '{metric}' result is from {date}, {age} old; the review cadence "
                    "is {cadence}"
                ).format(metric=metric, date=r.date, age=days(age), cadence=days(every)),
            )


@check("AIG-EVAL-005", when=decides_about_people)
def sliced_results(ctx: Context) -> None:
    ctx.expect(
        ("evaluations", "results"),
        any(r.slice for r in _results(ctx)),
        _(
            "the system decides about people but no evaluation result is reported per slice "
            "(group, category, language …)"
        ),
        item="evaluations.results.*.slice",
    )


@cache
def proportion_metrics() -> frozenset[str]:
    """Metric ids that are proportions (aigov/data/metrics.yaml)."""
    text = resources.files("aigov.data").joinpath("metrics.yaml").read_text("utf-8")
    return frozenset(_metric_key(m) for m in yaml.safe_load(text)["proportions"])


def _metric_key(name: str) -> str:
    return re.sub(r"[-. ]+", "_", name.strip().lower())


def _is_proportion(r: EvalResult, metrics: dict[str, Metric]) -> bool:
    m = metrics.get(r.metric) or metrics.get(r.metric.lower())
    if m is not None and m.unit and m.unit.strip() in ("%", "‰"):
        return False
    key = _metric_key(r.metric)
    return key in proportion_metrics() or (
        m is not None and _metric_key(m.name) in proportion_metrics()
    )


@check("AIG-EVAL-007", when=lambda ctx: bool(_results(ctx)))
def proportions_in_range(ctx: Context) -> None:
    metrics = _metric_lookup(ctx)
    for i, r in enumerate(_results(ctx)):
        where = ("evaluations", "results", i)
        ci = r.confidence_interval
        if ci is not None and ci.level is not None and not 0 < ci.level < 1:
            ctx.fail(
                (*where, "confidence_interval", "level"),
                _(
                    "the confidence level of {result} is {level}: write it as a proportion "
                    "(0.95, not 95)"
                ).format(result=_label(r), level=written_number(ci.level)),
            )
        if not _is_proportion(r, metrics):
            continue
        if not 0 <= r.value <= 1:
            ctx.fail(
                (*where, "value"),
                _(
                    "{result} is a proportion but its value {value} is outside [0, 1] (a "
                    "percentage written without its unit?)"
                ).format(result=_label(r), value=r.value_text),
            )
        if ci is not None and not (0 <= ci.lower <= 1 and 0 <= ci.upper <= 1):
            ctx.fail(
                (*where, "confidence_interval"),
                _("the confidence interval of {result} ({lower}–{upper}) is outside [0, 1]").format(
                    result=_label(r), lower=written_number(ci.lower), upper=written_number(ci.upper)
                ),
            )
