"""JUnit XML parses, has one test case per record, and fails the records with findings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from aigov.formats import ReportContext
from aigov.formats.junit import render
from tests.conftest import run_aigov


def _parse(checked_repo, fail_on: str = "error") -> ET.Element:
    context = ReportContext("check", checked_repo.files, False, {"fail_on": fail_on})
    return ET.fromstring(render(checked_repo.diagnostics, context))


def test_one_testcase_per_record_and_failures_for_errors(checked_repo):
    root = _parse(checked_repo)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len(checked_repo.files) == 7
    assert int(suite.get("tests", "0")) == 7
    failed = {c.get("file") for c in cases if c.find("failure") is not None}
    assert int(suite.get("failures", "-1")) == len(failed)
    assert "systems/complete-idea.yaml" not in failed
    assert "systems/broken-record.yaml" in failed
    broken = next(c for c in cases if c.get("file") == "systems/broken-record.yaml")
    failure = broken.find("failure")
    assert failure is not None and "AIG-SCHEMA" in (failure.text or "")
    named = next(c for c in cases if c.get("file") == "systems/fail-rollback-unknown.yaml")
    assert named.get("name") == "fail-rollback-unknown (systems/fail-rollback-unknown.yaml)"


def test_warnings_fail_only_with_fail_on_warning(checked_repo):
    def case(fail_on: str) -> ET.Element:
        root = _parse(checked_repo, fail_on)
        return next(
            c for c in root.iter("testcase") if c.get("file") == "systems/warning-only.yaml"
        )

    lenient = case("error")
    assert lenient.find("failure") is None
    assert "AIG-USE-003" in (lenient.findtext("system-out") or "")
    strict = case("warning")
    failure = strict.find("failure")
    assert failure is not None and failure.get("message") == "1 warning"


def test_hostile_record_text_still_makes_valid_xml(checked_repo):
    text = render(checked_repo.diagnostics, ReportContext("check", checked_repo.files, False, {}))
    assert "\x07" not in text and "\x1b" not in text
    ET.fromstring(text)


def test_cli_writes_junit(checked_repo):
    run = run_aigov("check", "--format", "junit", "--today", "2026-11-15", cwd=checked_repo.root)
    assert run.returncode == 1
    root = ET.fromstring(run.stdout)
    assert len(root.findall(".//testcase")) == 7
