"""Running the rules on one record: findings, the completeness score and gate checklists.

Rules are plain Python over the typed record; nothing is re-parsed, and source positions are
looked up only for findings. `make_checker(options)` returns a picklable callable that
`aigov.project.load_project(..., checker=...)` runs inside its worker processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from aigov.answers import dotted
from aigov.checks.context import Context, Finding, Item
from aigov.checks.placement import Placer
from aigov.checks.policy import Policy, default_policy
from aigov.checks.registry import NIST_FUNCTIONS, SECTIONS, Rule, all_rules
from aigov.checks.summary import CheckSummary, Completeness, Score
from aigov.checks.tier import TierAssessment, derive_record_tier
from aigov.diagnostics import Diagnostic, Severity
from aigov.i18n import _, ngettext
from aigov.model import Record, RiskTier, Stage
from aigov.obligations.engine import ObligationReport
from aigov.paths import find_root
from aigov.project import LoadedRecord


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check run depends on besides the record. Frozen and picklable."""

    today: dt.date
    policy: Policy = field(default_factory=default_policy)
    root: Path | None = None  # governance repository (evidence paths); default: found per record


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    severity: Severity
    findings: tuple[Finding, ...]
    items: tuple[Item, ...]

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class Evaluation:
    """The outcome of every applicable rule on one record at one stage."""

    stage: Stage
    tier: TierAssessment
    results: tuple[RuleResult, ...]
    obligations: ObligationReport | None = None


def record_stage(rec: Record) -> Stage:
    """The record's stage; a record without one is treated as an idea."""
    return rec.stage or Stage.IDEA


def effective_rule(
    rule: Rule, policy: Policy
) -> tuple[bool, Severity, tuple[Stage, ...], tuple[RiskTier, ...]]:
    """(enabled, severity, stages, tiers) of a rule after the organisation's policy."""
    setting = policy.setting(rule.id)
    if setting is None:
        return True, rule.severity, rule.stages, rule.tiers
    return (
        setting.enabled,
        setting.severity or rule.severity,
        setting.stages or rule.stages,
        setting.tiers or rule.tiers,
    )


_PLANS: dict[
    int, tuple[Policy, list[tuple[Rule, Severity, frozenset[Stage], frozenset[RiskTier]]]]
] = {}


def _plan(policy: Policy) -> list[tuple[Rule, Severity, frozenset[Stage], frozenset[RiskTier]]]:
    """The enabled rules with their severity, stages and tiers after the policy; made once."""
    cached = _PLANS.get(id(policy))
    if cached is not None and cached[0] is policy:
        return cached[1]
    plan = []
    for rule in all_rules():
        enabled, severity, stages, tiers = effective_rule(rule, policy)
        if enabled:
            plan.append((rule, severity, frozenset(stages), frozenset(tiers)))
    _PLANS[id(policy)] = (policy, plan)
    return plan


def evaluate(
    record: Record,
    answers: dict[str, Any],
    options: CheckOptions,
    *,
    stage: Stage | None = None,
    content_hash: str = "",
    tier: TierAssessment | None = None,
    root: Path | None = None,
    signoff_verdicts: list[Any] | None = None,
) -> Evaluation:
    """Run every rule that applies to `record` at `stage` (default: its own stage)."""
    at = stage or record_stage(record)
    tier = tier or derive_record_tier(record)
    ctx = Context(record, answers, at, tier, options.today, options.policy, content_hash)
    ctx.root = root or options.root
    ctx.signoff_verdicts = signoff_verdicts
    results = []
    effective = tier.effective
    # a record written after deployment: what it never had is reported once (AIG-LIFE-005)
    retrospective = bool(record.lifecycle and record.lifecycle.documented_after_deployment)
    for rule, severity, stages, tiers in _plan(options.policy):
        if at not in stages or effective not in tiers:
            continue
        if retrospective and rule.before_deployment:
            continue
        severity = options.policy.tier_severity(rule.id, effective) or severity
        if rule.when is not None and not rule.when(ctx):
            continue
        ctx.start()
        assert rule.check is not None
        rule.check(ctx)
        results.append(RuleResult(rule, severity, tuple(ctx.findings), tuple(ctx.items)))
    return Evaluation(at, tier, tuple(results), ctx.obligations())


def evaluate_loaded(
    loaded: LoadedRecord,
    options: CheckOptions,
    stage: Stage | None = None,
    *,
    verified: Any = None,
) -> Evaluation:
    """`evaluate` for a loaded record; `verified`: its sign-off verdicts, already computed
    (aigov.review.signoffs.Verified)."""
    if loaded.record is None:
        raise ValueError(f"{loaded.path} did not validate; only valid records can be checked")
    return evaluate(
        loaded.record,
        loaded.answers,
        options,
        stage=stage,
        content_hash=loaded.content_hash,
        root=options.root or find_root(loaded.source.parent),
        signoff_verdicts=list(verified.verdicts) if verified is not None else _verdicts(loaded),
    )


def _verdicts(loaded: LoadedRecord) -> list[Any]:
    """What git history says about the record's sign-offs (aigov.review.verify)."""
    from aigov.review.signoffs import signoff_verdicts

    return signoff_verdicts(loaded)


def _verified(loaded: LoadedRecord) -> Any:
    """The record's sign-off verdicts with what they depend on, to travel with its summary."""
    from aigov.review.signoffs import verified_signoffs

    return verified_signoffs(loaded)


def derive_tier(loaded: LoadedRecord | Record) -> TierAssessment:
    """The derived and declared tiers of a record, with the reasons (see aigov.checks.tier)."""
    record = loaded if isinstance(loaded, Record) else loaded.record
    if record is None:
        raise ValueError("only valid records have a tier")
    return derive_record_tier(record)


# --- findings as diagnostics -------------------------------------------------------------


def to_diagnostics(loaded: LoadedRecord, evaluation: Evaluation) -> list[Diagnostic]:
    out = []
    system = loaded.id
    placer = Placer(loaded.doc, loaded.source)
    for result in evaluation.results:
        for f in result.findings:
            line, col = placer.position(f.path, key=f.key)
            extra: tuple[tuple[str, Any], ...] = (("title", _(result.rule.title)),)
            if f.unknown:
                extra += (("answer", "unknown"),)
            out.append(
                Diagnostic(
                    loaded.path,
                    line,
                    col,
                    result.rule.id,
                    f.message,
                    result.severity,
                    f.hint or _(result.rule.hint),
                    dotted(f.path),
                    system,
                    extra,
                )
            )
    return out


def check_loaded(loaded: LoadedRecord, options: CheckOptions) -> list[Diagnostic]:
    """The checker `load_project` runs per record: findings of every applicable rule."""
    if loaded.record is None:
        return []
    verified = _verified(loaded)
    evaluation = evaluate_loaded(loaded, options, verified=verified)
    # read by `summary_of` and, for the verdicts, aigov.review.signoffs; survives pickling
    loaded.check_summary = replace(summarize(evaluation), verified=verified)
    return to_diagnostics(loaded, evaluation)


def make_checker(options: CheckOptions) -> functools.partial[list[Diagnostic]]:
    """A picklable checker for `aigov.project.load_project(checker=...)`."""
    return functools.partial(check_loaded, options=options)


# --- completeness ------------------------------------------------------------------------


def completeness_of(evaluation: Evaluation) -> Completeness:
    # one item per field path: two rules asking for the same field count it once
    seen: dict[str, tuple[Item, Rule]] = {}
    for result in evaluation.results:
        for item in result.items:
            prior = seen.get(item.path)
            if prior is None or (prior[0].satisfied and not item.satisfied):
                seen[item.path] = (item, result.rule)
    sections: dict[str, list[int]] = {}
    nist: dict[str, list[int]] = {f: [0, 0] for f in NIST_FUNCTIONS}
    filled = unknown = na = 0
    for path, (item, rule) in seen.items():
        top = path.split(".", 1)[0]
        section = top if top in SECTIONS else rule.section
        bucket = sections.setdefault(section, [0, 0])
        bucket[1] += 1
        ok = item.satisfied
        filled += ok
        unknown += item.status == "unknown"
        na += item.status == "not_applicable"
        bucket[0] += ok
        for fn in rule.functions:
            nist[fn][1] += 1
            nist[fn][0] += ok
    total = len(seen)
    overall = Score(filled, total)
    pct = 100 if overall.percent is None else overall.percent
    tier = evaluation.tier.effective
    explanation = (
        _(
            "{percent}%: {filled} of {total} items the rules expect of a {tier}-tier system at "
            "{stage} are filled in"
        ).format(
            percent=pct, filled=filled, total=total, tier=tier.value, stage=evaluation.stage.value
        )
        + (
            ngettext(
                "; {n} marked not applicable with a reason counts as filled",
                "; {n} marked not applicable with a reason count as filled",
                na,
            ).format(n=na)
            if na
            else ""
        )
        + (
            ngettext(
                "; {n} marked unknown does not", "; {n} marked unknown do not", unknown
            ).format(n=unknown)
            if unknown
            else ""
        )
        + "."
    )
    ordered = {k: Score(*sections[k]) for k in SECTIONS if k in sections}
    return Completeness(
        stage=evaluation.stage,
        tier=tier,
        overall=overall,
        sections=ordered,
        nist={k: Score(*v) for k, v in nist.items()},
        unknown=unknown,
        not_applicable=na,
        explanation=explanation,
    )


def completeness(
    loaded: LoadedRecord | Record, options: CheckOptions, stage: Stage | None = None
) -> Completeness:
    """Completeness of one record for its stage (or `stage`) and its effective tier."""
    if isinstance(loaded, Record):
        return completeness_of(evaluate(loaded, {}, options, stage=stage))
    return completeness_of(evaluate_loaded(loaded, options, stage))


# --- gate checklists ---------------------------------------------------------------------

ChecklistStatus = Literal["done", "missing", "unknown", "not_applicable"]


@dataclass(frozen=True)
class ChecklistItem:
    """One line of "what is still missing before this system can move to STAGE?"."""

    rule: Rule
    severity: Severity
    status: ChecklistStatus
    messages: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    justification: str = ""

    @property
    def blocking(self) -> bool:
        return self.status in ("missing", "unknown") and self.severity == Severity.ERROR

    @property
    def done(self) -> bool:
        return self.status in ("done", "not_applicable")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.id,
            "title": _(self.rule.title),
            "owner": self.rule.owner,
            "severity": self.severity.value,
            "status": self.status,
            "blocking": self.blocking,
            "messages": list(self.messages),
            "justification": self.justification,
            "findings": [d.to_dict() for d in self.diagnostics],
        }


def shown_rule(rule: Rule) -> Rule:
    """The rule with its title and fix hint in the language aigov writes in (the checklist's
    formatters show `item.rule.title` and `item.rule.hint`); the registry's stays English."""
    title, hint = _(rule.title), _(rule.hint)
    if title == rule.title and hint == rule.hint:
        return rule
    return dataclasses.replace(rule, title=title, hint=hint)


def gate_checklist(
    loaded: LoadedRecord, stage: Stage | str, options: CheckOptions
) -> list[ChecklistItem]:
    """Every rule that applies at `stage`, with what is done and what is still missing."""
    target = Stage(stage)
    evaluation = evaluate_loaded(loaded, options, target)
    diags = to_diagnostics(loaded, evaluation)
    by_rule: dict[str, list[Diagnostic]] = {}
    for d in diags:
        by_rule.setdefault(d.code, []).append(d)
    out = []
    for result in evaluation.results:
        mine = tuple(by_rule.get(result.rule.id, ()))
        status: ChecklistStatus
        justification = ""
        if result.findings:
            status = "unknown" if all(f.unknown for f in result.findings) else "missing"
        elif result.items and all(i.status == "not_applicable" for i in result.items):
            status = "not_applicable"
            justification = "; ".join(
                sorted({i.justification for i in result.items if i.justification})
            )
        else:
            status = "done"
        out.append(
            ChecklistItem(
                shown_rule(result.rule),
                result.severity,
                status,
                tuple(f.message for f in result.findings),
                mine,
                justification,
            )
        )
    return out


# --- per-record summary (for reports, cards and the site) --------------------------------


def summarize(evaluation: Evaluation) -> CheckSummary:
    return CheckSummary(
        evaluation.stage, evaluation.tier, completeness_of(evaluation), evaluation.obligations
    )


def summary_of(loaded: LoadedRecord, options: CheckOptions) -> CheckSummary | None:
    """The summary the checker left on the record, or a fresh one."""
    found = loaded.check_summary
    if isinstance(found, CheckSummary):
        return found
    if loaded.record is None:
        return None
    return summarize(evaluate_loaded(loaded, options))
