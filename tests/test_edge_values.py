"""Values at the edge of what outputs can hold (issue 21), through the real CLI on real files.

NaN and infinity have no JSON and no SVG form; dates next to date.max overflow when a cadence
is added; noncharacters in a name stop the YAML reader MkDocs uses for page front matter.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from aigov.dates import add_days_clamped
from aigov.textsafety import front_matter_value
from tests.conftest import FIXTURES, run_aigov

TODAY = "2026-11-20"
RECORD = "systems/full-record.yaml"


def _repo(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    """A governance repository holding the full fixture record, with one text replaced."""
    repo = tmp_path / "repo"
    (repo / "systems").mkdir(parents=True)
    (repo / "aigov.yaml").write_text("# edge-value test repository\n", encoding="utf-8")
    text = (FIXTURES / "full-record.yaml").read_text(encoding="utf-8")
    if edit is not None:
        assert edit[0] in text, edit
        text = text.replace(edit[0], edit[1], 1)
    (repo / RECORD).write_text(text, encoding="utf-8")
    return repo


def _strict_json(text: str) -> object:
    """json.loads, refusing the NaN / Infinity tokens Python's json writes but JSON has not."""

    def refuse(token: str) -> object:
        raise AssertionError(f"invalid JSON token {token}")

    return json.loads(text, parse_constant=refuse)


def _line_of(repo: Path, needle: str) -> int:
    lines = (repo / RECORD).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# --- numbers -------------------------------------------------------------------------------------

NOT_FINITE = [
    ("value: 0.72", "value: .nan", "AIG-YAML-NUMBER"),
    ("threshold: 0.85}", "threshold: -.inf}", "AIG-YAML-NUMBER"),
    ("value: 0.72", "value: 1e999", "AIG-YAML-NUMBER"),
    ("value: 0.72", 'value: "nan"', "AIG-SCHEMA-TYPE"),
    ("threshold: 0.85}", 'threshold: "Infinity"}', "AIG-SCHEMA-TYPE"),
]


@pytest.mark.parametrize(("old", "new", "code"), NOT_FINITE, ids=[n for _, n, _ in NOT_FINITE])
def test_check_json_refuses_a_number_that_is_not_finite_with_its_position(
    tmp_path: Path, old: str, new: str, code: str
) -> None:
    repo = _repo(tmp_path, (old, new))
    run = run_aigov("check", "--format", "json", "--today", TODAY, cwd=repo)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    report = _strict_json(run.stdout)
    assert isinstance(report, dict)
    found = [d for d in report["diagnostics"] if d["code"] == code and d["path"] == RECORD]
    assert found, report["diagnostics"]
    assert found[0]["line"] == _line_of(repo, new) and found[0]["column"] > 1
    assert "finite" in found[0]["message"] and found[0]["hint"]


@pytest.mark.parametrize(("old", "new", "code"), NOT_FINITE, ids=[n for _, n, _ in NOT_FINITE])
def test_card_json_never_writes_nan(tmp_path: Path, old: str, new: str, code: str) -> None:
    repo = _repo(tmp_path, (old, new))
    run = run_aigov("card", "full-record", "--format", "json", cwd=repo)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.returncode == 1, run.stderr
    if run.stdout.strip():  # rendered with the problem among its findings: still strict JSON
        assert code in json.dumps(_strict_json(run.stdout))
    else:
        assert re.search(rf"{RECORD}:{_line_of(repo, new)}:\d+: {code} ", run.stderr), run.stderr


# --- dates ---------------------------------------------------------------------------------------

EDGE_DATES = [
    ("last_review: 2026-10-01", "last_review: 9999-12-31"),
    ("last_review: 2026-10-01", "last_review: 0001-01-01"),
    ("date: 2026-01-10", "date: 9999-12-31"),
    ("date: 2026-01-10", "date: 0001-01-01"),
]


@pytest.mark.parametrize(("old", "new"), EDGE_DATES, ids=[n for _, n in EDGE_DATES])
def test_check_and_card_take_dates_at_the_edge_of_the_calendar(
    tmp_path: Path, old: str, new: str
) -> None:
    repo = _repo(tmp_path, (old, new))
    check = run_aigov("check", "--format", "json", "--today", TODAY, cwd=repo)
    assert "internal error" not in check.stderr and check.returncode in (0, 1), check.stderr
    _strict_json(check.stdout)
    for fmt in ("json", "md", "html"):
        card = run_aigov("card", "full-record", "--format", fmt, cwd=repo)
        assert "internal error" not in card.stderr and card.stdout, card.stderr


def test_build_takes_a_last_review_of_9999_12_31(tmp_path: Path) -> None:
    repo = _repo(tmp_path, ("last_review: 2026-10-01", "last_review: 9999-12-31"))
    run = run_aigov("build", "--today", TODAY, "--no-progress", cwd=repo, timeout=300)
    assert run.returncode == 0 and "internal error" not in run.stderr, run.stderr
    page = repo / "site" / "systems" / "full-record" / "index.html"
    assert page.is_file() and "9999-12-31" in page.read_text(encoding="utf-8")


def test_add_days_clamped_holds_at_both_ends() -> None:
    assert add_days_clamped(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 1)
    assert add_days_clamped(dt.date.max, 90) == dt.date.max
    assert add_days_clamped(dt.date.min, -1) == dt.date.min
    assert add_days_clamped(dt.date(9999, 12, 1), 90) == dt.date.max


# --- odd code points in front matter -------------------------------------------------------------

ODD = "\ufffe \uffff \ufdd0 \x07 \x85 \x9f \x00 \x1b \U0010ffff \ud800"


def test_front_matter_value_is_read_back_by_every_yaml_reader() -> None:
    value = {"title": f"A{ODD}Z 🙂", "tags": [f"t{ODD}", "é"], "n": 2}
    line = f"---\nx: {front_matter_value(value)}\n---\n"
    line.encode("utf-8")  # writable: no lone surrogate left
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        got = yaml.load(line.strip("-\n"), loader)["x"]
        assert got["title"].startswith("A") and got["title"].endswith("Z 🙂")
        assert not re.search("[\ufffe\uffff\ufdd0\x00-\x08\x7f-\x9f\ud800-\udfff]", got["title"])
        assert got["tags"][1] == "é" and got["n"] == 2
    body, meta = get_data(line + "# page\n")
    assert meta["x"]["title"].endswith("Z 🙂") and body == "# page\n"


def test_a_name_with_a_noncharacter_builds_a_page_whose_front_matter_reads_back(
    tmp_path: Path,
) -> None:
    repo = _repo(tmp_path, ("name: Full record", r'name: "Full \ufffe record \x85 \ufdd0"'))
    run = run_aigov("build", "--today", TODAY, "--no-progress", cwd=repo, timeout=300)
    assert run.returncode == 0, run.stderr
    source = (repo / ".aigov-build" / "docs" / "systems" / "full-record" / "index.md").read_text(
        encoding="utf-8"
    )
    body, meta = get_data(source)  # how MkDocs reads a page's front matter
    assert meta.get("title", "").startswith("Full"), source[:300]
    assert not body.startswith("---") and "title:" not in body.split("\n", 3)[0]
    front = source.split("---\n")[1]
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(front, loader)["title"] == meta["title"]
    html = (repo / "site" / "systems" / "full-record" / "index.html").read_text(encoding="utf-8")
    assert "title: " not in html  # the front matter is not shown as page text
