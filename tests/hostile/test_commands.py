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
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.corpus import CASES, MARKER, Case, build_repo, can_block_reads

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


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
@pytest.mark.parametrize("case", HEAVY, ids=[c.name for c in HEAVY])
def test_heavy_case_is_bounded(
    case: Case, command: Command, tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo = _heavy_repo(case, tmp_path_factory)
    result = run_bounded(command.args(repo, "json"), repo)
    _assert_sane(result, command.name)
    if command.json_report:
        _assert_reported(json.loads(result.stdout)["diagnostics"], [case])


_HEAVY_REPOS: dict[str, Path] = {}


def _heavy_repo(case: Case, factory: pytest.TempPathFactory) -> Path:
    """Generated once per test session and shared by the commands (none writes systems/)."""
    if case.name not in _HEAVY_REPOS:
        _HEAVY_REPOS[case.name] = build_repo(factory.mktemp(case.name), [case])
    return _HEAVY_REPOS[case.name]


def test_every_command_that_landed_is_exercised() -> None:
    """A command that lands without joining ALL_COMMANDS would silently escape this file."""
    covered = {c.name for c in ALL_COMMANDS}
    reads_records = {"validate", "check", "card", "build"}
    landed = {name for name in reads_records if _landed(name)}
    assert landed <= covered, f"add {sorted(landed - covered)} to ALL_COMMANDS"


@pytest.mark.skipif(can_block_reads(), reason="only meaningful when running as root")
def test_unreadable_case_is_simulated_in_process_when_root() -> None:
    """Root reads a chmod-000 file, so the subprocess run cannot show the refusal; the
    in-process test (test_corpus.py::...[unreadable]) simulates it with a refusing open."""
    assert any(c.setup == "unreadable" for c in CASES)
    assert all(c.setup != "unreadable" for c in LIGHT + HEAVY)
