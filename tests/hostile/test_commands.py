"""Every command, on every hostile input, as a real process with bounded time and memory.

Each command runs once over one repository holding all the light cases, and once per heavy
case in a repository of its own. It must exit 1 (the records have problems), never show a
traceback, and report each case's diagnostics with the file, line and column from the table.
Commands join the parametrization as their modules land (`aigov/cli/<name>.py`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.hostile.corpus import CASES, MARKER, Case, build_repo, can_block_reads
from tests.hostile.inert import live_payloads

MEMORY_LIMIT = 2 * 1024**3  # address space per command: far above a sane run, far below a bomb
TIMEOUT = 180  # seconds: a hang fails the test instead of the whole suite


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def both(self) -> str:
        return self.stdout + self.stderr


def _limits() -> None:  # runs in the child between fork and exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_bounded(args: list[str], cwd: Path) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "aigov", *args],
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        preexec_fn=_limits,
        env={**os.environ, "NO_COLOR": "1", "AIGOV_DEBUG": ""},
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


# --- the commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    name: str
    args: Callable[[Path, str], list[str]]  # arguments, given the repository and a format
    json_report: bool  # with format "json", prints the diagnostics as JSON on stdout


def _landed(module: str) -> bool:
    return importlib.util.find_spec(f"aigov.cli.{module}") is not None


ALL_COMMANDS = [
    Command("validate", lambda repo, fmt: ["validate", "--format", fmt], True),
    Command("check", lambda repo, fmt: ["check", "--format", fmt, "--today", "2026-06-01"], True),
]
COMMANDS = [c for c in ALL_COMMANDS if _landed(c.name)]


def _cli_cases(cases: list[Case]) -> list[Case]:
    out = [c for c in cases if c.cli]
    if not can_block_reads():  # root reads a chmod-000 file; test_corpus simulates the refusal
        out = [c for c in out if c.setup != "unreadable"]
    return out


LIGHT = _cli_cases([c for c in CASES if not c.heavy])
HEAVY = _cli_cases([c for c in CASES if c.heavy])
INVALID_LIGHT = [c for c in LIGHT if c.expect]


@pytest.fixture(scope="module")
def batch_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One repository holding every light case: each command runs over all of them at once."""
    return build_repo(tmp_path_factory.mktemp("hostile-batch"), LIGHT)


def _assert_sane(result: Result, command: str) -> None:
    assert "Traceback" not in result.both, result.both[-3000:]
    assert "internal error" not in result.both, result.both[-3000:]
    assert result.returncode == 1, (
        f"aigov {command} exited {result.returncode} on bad records:\n{result.both[-3000:]}"
    )


def _assert_reported(diags: list[dict], cases: list[Case]) -> None:
    for case in cases:
        for want in case.expect:
            hits = [
                d
                for d in diags
                if (d["path"], d["code"], d["line"], d["column"])
                == (want.path, want.code, want.line, want.column)
            ]
            assert hits, f"{case.name}: no {want.code} at {want.path}:{want.line}:{want.column}"
            assert want.message in hits[0]["message"], (case.name, hits[0]["message"])
            assert want.hint in hits[0]["hint"], (case.name, hits[0]["hint"])


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_light_cases_in_one_repository(command: Command, batch_repo: Path) -> None:
    result = run_bounded(command.args(batch_repo, "json"), batch_repo)
    _assert_sane(result, command.name)
    assert not (batch_repo / MARKER).exists(), "a YAML tag ran code"
    if command.json_report:
        report = json.loads(result.stdout)
        _assert_reported(report["diagnostics"], INVALID_LIGHT)
        for diag in report["diagnostics"]:
            assert diag["path"].startswith("systems/"), diag
            assert diag["hint"], diag


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_text_output_names_file_line_column_and_fix(command: Command, batch_repo: Path) -> None:
    """The default output a person reads: `path:line:col: CODE message`, then the hint."""
    result = run_bounded(command.args(batch_repo, "text"), batch_repo)
    _assert_sane(result, command.name)
    lines = result.stdout.splitlines()
    for case in INVALID_LIGHT:
        for want in case.expect:
            where = f"{want.path}:{want.line}:{want.column}" if want.line else want.path
            prefix = f"{where}: {want.code} "
            at = [i for i, line in enumerate(lines) if line.startswith(prefix)]
            assert at, f"{case.name}: no line starting {prefix!r}"
            assert want.message in lines[at[0]]
            assert lines[at[0] + 1].strip().startswith("hint:"), lines[at[0] : at[0] + 2]


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_text_output_is_inert(command: Command, batch_repo: Path) -> None:
    """Whatever the records hold (terminal-escapes: OSC, CSI, BEL, CR, C1), a command's text
    output carries no raw control character: a record cannot clear the screen or forge a line."""
    result = run_bounded(command.args(batch_repo, "text"), batch_repo)
    _assert_sane(result, command.name)
    for stream in (result.stdout, result.stderr):
        found = _RAW_CONTROL.search(stream)
        assert found is None, (
            f"{command.name}: raw {found.group()!r} in {stream[max(0, found.start() - 60) : found.end() + 20]!r}"
        )


@pytest.fixture(scope="module")
def heavy_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The big inputs, generated once; each command runs over all of them at once."""
    return build_repo(tmp_path_factory.mktemp("hostile-heavy"), HEAVY)


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_heavy_cases_are_bounded(command: Command, heavy_repo: Path) -> None:
    result = run_bounded(command.args(heavy_repo, "json"), heavy_repo)
    _assert_sane(result, command.name)
    if command.json_report:
        _assert_reported(json.loads(result.stdout)["diagnostics"], HEAVY)


def test_every_command_that_landed_is_exercised() -> None:
    """A command that lands without joining ALL_COMMANDS would silently escape this file."""
    covered = {c.name for c in ALL_COMMANDS} | {"card", "build"}  # their own tests below
    reads_records = {"validate", "check", "card", "build"}
    landed = {name for name in reads_records if _landed(name)}
    assert landed <= covered, f"add {sorted(landed - covered)} to ALL_COMMANDS"


@pytest.mark.skipif(can_block_reads(), reason="only meaningful when running as root")
def test_unreadable_case_is_simulated_in_process_when_root() -> None:
    """Root reads a chmod-000 file, so the subprocess run cannot show the refusal; the
    in-process test (test_corpus.py::...[unreadable]) simulates it with a refusing open."""
    assert any(c.setup == "unreadable" for c in CASES)
    assert all(c.setup != "unreadable" for c in LIGHT + HEAVY)


# --- aigov card: one record per run -----------------------------------------------------------------

CARD = _landed("card")
BUILD = _landed("build")
# cases that concern the whole repository, not the one file a card is rendered from
REPO_LEVEL = {"duplicate-id"}


def _card_runs(case: Case) -> bool:
    return case.name not in REPO_LEVEL


def _text_lines_present(text: str, case: Case) -> None:
    """`path:line:col: CODE message` then `    hint: …`, for each expected diagnostic."""
    lines = text.splitlines()
    for want in case.expect:
        where = f"{want.path}:{want.line}:{want.column}" if want.line else want.path
        prefix = f"{where}: {want.code} "
        at = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert at, f"{case.name}: no line starting {prefix!r} in:\n{text[-2000:]}"
        assert want.message in lines[at[0]]
        assert lines[at[0] + 1].strip().startswith("hint:")
        assert want.hint in lines[at[0] + 1]


def _json_diagnostics(node: object) -> list[dict]:
    """Every diagnostic-shaped object anywhere in a JSON card."""
    if isinstance(node, dict):
        found = [node] if {"code", "line", "column", "path", "hint"} <= set(node) else []
        return found + [d for v in node.values() for d in _json_diagnostics(v)]
    if isinstance(node, list):
        return [d for v in node for d in _json_diagnostics(v)]
    return []


@pytest.mark.skipif(not CARD, reason="aigov card has not landed")
@pytest.mark.parametrize("case", LIGHT, ids=[c.name for c in LIGHT])
def test_card_on_each_light_case(
    case: Case, batch_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process (a subprocess per case would cost a minute). A record that does not load is
    refused with its diagnostics (exit 1); one that loads but breaks a reference or its file
    name is rendered with the problem among the card's open findings, and --strict exits 1;
    a link that leads nowhere is a usage error (2)."""
    from click.testing import CliRunner

    from aigov.cli import cli

    if not _card_runs(case):
        pytest.skip("a repository-level problem: one card reads one file")
    monkeypatch.chdir(batch_repo)
    strict = ["--strict"] if case.expect else []
    run = CliRunner().invoke(cli, ["card", case.place, "--format", "json", *strict])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    assert not (batch_repo / MARKER).exists(), "a YAML tag ran code"
    assert "Traceback" not in run.output
    if not case.expect:
        assert run.exit_code == 0, run.stderr
        assert json.loads(run.stdout)
        return
    assert run.exit_code in (1, 2), run.output
    assert case.place in run.stderr
    if run.exit_code == 2:  # a link loop or a dangling link: the path names nothing readable
        assert case.setup in ("symlink_loop", "dangling_symlink"), run.stderr
    elif run.stdout.strip():  # rendered, with the problem on the card
        assert "aigov check" in run.stderr
        _assert_reported(_json_diagnostics(json.loads(run.stdout)), [case])
    else:
        _text_lines_present(run.stderr, case)


@pytest.mark.skipif(not CARD, reason="aigov card has not landed")
@pytest.mark.parametrize("case", HEAVY, ids=[c.name for c in HEAVY])
def test_card_on_heavy_case_is_bounded(case: Case, heavy_repo: Path) -> None:
    result = run_bounded(["card", case.place, "--format", "html"], heavy_repo)
    _assert_sane(result, "card")
    _text_lines_present(result.stderr, case)


# --- aigov build: the whole repository, into a site --------------------------------------------------


def _site_findings(repo: Path) -> list[tuple[str, str, str]]:
    """(where, code, hint) of every problem any page of the site lists."""
    out = []
    for page in (repo / "site").rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for where in soup.select(".aigov-finding__where"):
            item = where.find_parent("li") or where.find_parent("tr")
            code = item.select_one("code") if item else None
            hint = item.select_one(".aigov-finding__hint") if item else None
            if code is not None:
                # the location, before the field it concerns (`path:3:5 · owner.team`)
                text = next(where.stripped_strings, "").split(" · ")[0]
                out.append(
                    (
                        text,
                        code.get_text(strip=True),
                        hint.get_text(" ", strip=True) if hint else "",
                    )
                )
    return out


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_build_over_all_light_cases(batch_repo: Path) -> None:
    outside = batch_repo.parent / "outside"
    before = sorted(p.relative_to(outside) for p in outside.rglob("*"))
    result = run_bounded(["build", "--no-progress"], batch_repo)
    _assert_sane(result, "build")
    assert (batch_repo / "site" / "index.html").is_file(), "the valid records still get a site"
    assert not (batch_repo / MARKER).exists()
    assert sorted(p.relative_to(outside) for p in outside.rglob("*")) == before

    # stderr: the first records left out, each with location, code and hint; then a count
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    named = [line for line in errors if " and is not in the site: " in line]
    assert named, result.stderr
    lines = result.stderr.splitlines()
    for line in named:
        path = line.split()[1]
        case = next(c for c in INVALID_LIGHT if any(e.path == path for e in c.expect))
        assert any(
            f"{e.path}:{e.line}:{e.column}: {e.code} " in line
            if e.line
            else f"{e.path}: {e.code} " in line
            for e in case.expect
        ), line
        assert lines[lines.index(line) + 1].startswith("    hint: ")
    total = re.search(r"(\d+) record files? could not be read", result.stdout)
    assert total, result.stdout
    if int(total[1]) > len(named):
        assert f"and {int(total[1]) - len(named)} more record files" in result.stderr

    # the site lists every problem: records left out on the home page, the others on their
    # own pages, each with where, code and hint
    findings = _site_findings(batch_repo)
    for case in INVALID_LIGHT:
        for want in case.expect:
            where = f"{want.path}:{want.line}:{want.column}" if want.line else want.path
            if want.code == "AIG-IO-OUTSIDE":  # no record behind it: reported on stderr
                line = f"error: {where}: {want.code} "
                assert line in result.stderr, f"{case.name}: no {line!r}"
                continue
            hits = [f for f in findings if f[0] == where and f[1] == want.code]
            assert hits, f"{case.name}: the site does not list {want.code} at {where}"
            assert want.hint in hits[0][2]

    # and nothing a record or a file name carries is live anywhere in the site
    _assert_site_inert(batch_repo / "site")


def _assert_site_inert(site: Path) -> None:
    live: list[str] = []
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        live += live_payloads(page.read_text(), str(page.relative_to(site)))
    index = json.loads((site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:  # the theme inserts titles and texts into the results as HTML
        for key in ("title", "text"):
            live += live_payloads(doc.get(key, ""), f"search index {doc['location']}")
    for download in site.rglob("*.json"):
        json.loads(download.read_text())  # downloads stay valid JSON whatever the text holds
    assert not live, "\n".join(live[:20])
    page = next(site.rglob("metadata-injection/index.html"))
    text = BeautifulSoup(page.read_text(), "html.parser").get_text(" ")
    assert "{{ 7*7 }}" in text and "<script>alert('summary')</script>" in text


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_build_on_heavy_cases_is_bounded(heavy_repo: Path) -> None:
    result = run_bounded(["build", "--no-progress"], heavy_repo)
    _assert_sane(result, "build")
    for case in HEAVY:
        for want in case.expect:
            where = f"{want.path}:{want.line}:{want.column}" if want.line else want.path
            assert f"{where}: {want.code} " in result.stderr, result.stderr
            assert want.hint in result.stderr


# --- aigov fmt: rewrites records, so it must refuse every hostile one untouched ---------------------

FMT = _landed("fmt")


def _digests(root: Path) -> dict[str, str]:
    import hashlib

    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.stat().st_mode & 0o170000 == 0o100000
    }


@pytest.mark.skipif(not FMT, reason="aigov fmt has not landed")
def test_fmt_over_all_light_cases(tmp_path: Path) -> None:
    """fmt reports what it cannot format, with positions, and writes nothing it did not
    validate; links out of the repository are neither read nor written."""
    repo = build_repo(tmp_path, LIGHT)
    outside = tmp_path / "outside"
    before, outside_before = _digests(repo / "systems"), _digests(outside)
    result = run_bounded(["fmt"], repo)
    _assert_sane(result, "fmt")
    assert not (repo / MARKER).exists()
    assert _digests(outside) == outside_before
    after = _digests(repo / "systems")
    changed = {p for p in before if before[p] != after.get(p)}
    from aigov.project import load_project

    loaded = {
        Path(os.path.relpath(r.source, repo / "systems")).as_posix(): r
        for r in load_project(root=repo, jobs=1).records
    }
    for rel in changed:  # only records that load may be rewritten, and they still load
        assert loaded[rel].record is not None, rel
    refused = [c for c in INVALID_LIGHT if c.expect[0].code.startswith(("AIG-YAML", "AIG-IO"))]
    for case in refused:
        if case.setup in ("symlink_loop", "dangling_symlink", "fifo", "folder_named_like_record"):
            continue
        rel = case.place.removeprefix("systems/")
        assert rel not in changed, f"fmt rewrote {case.place}, which does not load"
    _text_lines_present(result.both, refused[0])
