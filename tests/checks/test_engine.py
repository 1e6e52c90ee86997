"""The checker runs inside load_project's worker processes and gives the same answers there."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from aigov.checks import CheckOptions, load_policy, make_checker, summary_of
from aigov.project import PARALLEL_FROM, load_project

from .conftest import FIXTURES, TODAY

SOURCES = sorted(p for p in FIXTURES.glob("AIG-*/fail-*.yaml"))


def test_checker_and_options_pickle():
    options = CheckOptions(TODAY, load_policy(FIXTURES / "policy" / "valid"))
    checker = make_checker(options)
    again = pickle.loads(pickle.dumps(checker))
    assert again.keywords["options"] == options


def _repo(tmp_path: Path, count: int) -> Path:
    systems = tmp_path / "systems"
    systems.mkdir()
    (tmp_path / "aigov.yaml").write_text("version: 1\n")
    for path in SOURCES[:count]:
        shutil.copy(path, systems / path.name)
    return tmp_path


def _signature(project):
    return [
        (r.path, [(d.code, d.line, d.column, d.field, d.message) for d in r.diagnostics])
        for r in sorted(project.records, key=lambda r: r.path)
    ]


def test_parallel_check_matches_serial_check(tmp_path: Path):
    count = PARALLEL_FROM + 4
    assert len(SOURCES) >= count
    root = _repo(tmp_path, count)
    options = CheckOptions(TODAY)
    parallel = load_project(root=root, checker=make_checker(options), jobs=2)
    serial = load_project(root=root, checker=make_checker(options), jobs=1)
    assert len(parallel.records) == count
    assert _signature(parallel) == _signature(serial)
    rule_findings = [
        d for r in parallel.records for d in r.diagnostics if d.code.startswith("AIG-") and d.system
    ]
    assert rule_findings and all(d.line >= 1 for d in rule_findings)
    # the per-record summary made in the worker comes back with the record
    for rec in parallel.records:
        assert "check_summary" in rec.__dict__
        assert summary_of(rec, options) is rec.__dict__["check_summary"]


def test_a_record_documented_after_deployment_reports_what_it_never_had_once(
    tmp_path: Path,
) -> None:
    from aigov.checks.engine import check_loaded

    from .conftest import load

    src = FIXTURES / "AIG-LIFE-005" / "fail-register-entry.yaml"
    options = CheckOptions(today=TODAY)
    codes = [d.code for d in check_loaded(load(src), options)]
    assert codes.count("AIG-LIFE-005") == 1
    assert not [c for c in codes if c.startswith(("AIG-FEAS-", "AIG-METRIC-"))]
    (finding,) = [d for d in check_loaded(load(src), options) if d.code == "AIG-LIFE-005"]
    assert finding.message.startswith("not recorded for a system documented after deployment")
    assert "AIG-FEAS-001" in finding.message and "AIG-METRIC-001" in finding.message
    assert finding.severity.value == "info"
    # the same record without the profile: the rules report field by field, as errors
    plain = tmp_path / "fail-register-entry.yaml"
    plain.write_text(
        src.read_text("utf-8").replace(", documented_after_deployment: true", ""), "utf-8"
    )
    codes = [d.code for d in check_loaded(load(plain), options)]
    assert "AIG-LIFE-005" not in codes
    assert {"AIG-FEAS-001", "AIG-METRIC-001"} <= set(codes)
