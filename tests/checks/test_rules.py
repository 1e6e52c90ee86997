"""Every rule has a failing and a passing fixture, and each fixture does what its name says.

Fixtures live in `fixtures/<RULE-ID>/fail-*.yaml` and `pass-*.yaml`. A header comment can add
expectations: `# expect-field: a.b` (a finding names this field), `# expect-line: N` (a finding of
this rule is on line N), `# expect-unknown: true` (the finding is a known unknown), and
`# expect: not-applicable` (a pass fixture where the rule does not apply at all).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aigov.checks import all_rules, get_rule
from aigov.checks.engine import evaluate_loaded

from .conftest import FIXTURES, check, load, options_for

RULE_IDS = [r.id for r in all_rules()]
RULE_DIRS = sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name.startswith("AIG-"))
CASES = sorted(p for d in RULE_DIRS for p in d.glob("*.yaml") if p.name != "aigov.yaml")

# Rules that, whenever they apply, have found something: their passing fixtures show the
# rule not applying (the condition that triggers them is absent).
ONLY_APPLY_WHEN_FAILING = {"AIG-TIER-001", "AIG-OVS-002", "AIG-GEN-004"}


def expectations(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"#\s*expect(?:-(\w+))?:\s*(.+)$", line)
        if m:
            out[m.group(1) or "expect"] = m.group(2).strip()
    return out


def test_every_rule_has_a_failing_and_a_passing_fixture():
    missing = []
    for rid in RULE_IDS:
        folder = FIXTURES / rid
        fails = list(folder.glob("fail-*.yaml"))
        passes = list(folder.glob("pass-*.yaml"))
        if not fails or not passes:
            missing.append(rid)
    assert not missing, f"rules without both a fail-* and a pass-* fixture: {missing}"


def test_fixture_folders_name_real_rules():
    assert [d.name for d in RULE_DIRS if d.name not in RULE_IDS] == []


def test_passing_fixtures_exercise_the_rule():
    """At least one passing fixture per rule is one where the rule applies and finds nothing."""
    lacking = []
    for rid in RULE_IDS:
        if rid in ONLY_APPLY_WHEN_FAILING:
            continue
        applied = False
        for path in (FIXTURES / rid).glob("pass-*.yaml"):
            evaluation = evaluate_loaded(load(path), options_for(path))
            applied |= any(r.rule.id == rid for r in evaluation.results)
        if not applied:
            lacking.append(rid)
    assert lacking == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(path: Path):
    rid = path.parent.name
    rule = get_rule(rid)
    assert rule is not None
    expect = expectations(path)
    loaded, diags = check(path)
    mine = [d for d in diags if d.code == rid]
    if path.name.startswith("fail-"):
        assert mine, f"{rid} found nothing in {path.name}; all findings: {[d.code for d in diags]}"
        for d in mine:
            assert d.line >= 1 and d.column >= 1, d
            assert d.path == loaded.path and d.system == loaded.id
            assert d.message and d.hint
        if "field" in expect:
            assert expect["field"] in [d.field for d in mine], [d.field for d in mine]
        if "line" in expect:
            assert int(expect["line"]) in [d.line for d in mine], [
                (d.line, d.message) for d in mine
            ]
        if expect.get("unknown") == "true":
            assert all(("answer", "unknown") in d.extra for d in mine)
            assert all("known gap" in d.message for d in mine)
        else:
            assert not any(("answer", "unknown") in d.extra for d in mine)
    else:
        assert path.name.startswith("pass-"), path.name
        assert mine == [], [f"{d.location} {d.message}" for d in mine]
        applied = any(r.rule.id == rid for r in evaluate_loaded(loaded, options_for(path)).results)
        if expect.get("expect") == "not-applicable":
            assert not applied, f"{rid} applies to {path.name}, which says it should not"
