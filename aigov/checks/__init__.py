"""Governance checks: rules over the typed record, risk tiers, completeness and gate checklists.

    from aigov.checks import CheckOptions, make_checker, load_policy
    from aigov.project import load_project

    options = CheckOptions(today=date.today(), policy=load_policy(root))
    project = load_project(root=root, checker=make_checker(options))

Findings are `Diagnostic`s whose `code` is the rule id (e.g. `AIG-EVAL-003`). The rule
reference (metadata) lives in `aigov/data/rules.yaml`; the logic in `aigov/checks/rules/`.
"""

from aigov.checks.context import Finding, Item
from aigov.checks.engine import (
    ChecklistItem,
    CheckOptions,
    CheckSummary,
    Completeness,
    Evaluation,
    RuleResult,
    Score,
    check_loaded,
    completeness,
    derive_tier,
    effective_rule,
    evaluate,
    evaluate_loaded,
    gate_checklist,
    make_checker,
    summary_of,
)
from aigov.checks.facts import (
    latest_results,
    result_series,
    review_cadence,
    review_due,
    series_key,
)
from aigov.checks.policy import DEFAULT_SIGNOFFS, Policy, PolicyError, default_policy, load_policy
from aigov.checks.registry import Rule, all_rules, get_rule
from aigov.checks.tier import TierAssessment

__all__ = [
    "DEFAULT_SIGNOFFS",
    "CheckOptions",
    "CheckSummary",
    "ChecklistItem",
    "Completeness",
    "Evaluation",
    "Finding",
    "Item",
    "Policy",
    "PolicyError",
    "Rule",
    "RuleResult",
    "Score",
    "TierAssessment",
    "all_rules",
    "check_loaded",
    "completeness",
    "default_policy",
    "derive_tier",
    "effective_rule",
    "evaluate",
    "evaluate_loaded",
    "gate_checklist",
    "get_rule",
    "latest_results",
    "load_policy",
    "make_checker",
    "result_series",
    "review_cadence",
    "review_due",
    "series_key",
    "summary_of",
]
