"""`aigov build` and `aigov serve` as users run them: options, messages, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_aigov
from tests.site.conftest import FIXTURES, TODAY


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "portfolio", tmp_path / "repo"))


def test_build_prints_a_summary_and_no_progress_when_piped(repo: Path) -> None:
    run = run_aigov("build", "--today", TODAY, cwd=repo, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Built the site from 2 systems:") and "site/" in lines[0]
    from importlib.metadata import version

    # which engine rendered the site, and its version
    assert (
        lines[1].strip()
        == f"engine: MkDocs {version('mkdocs')} (Material {version('mkdocs-material')})"
    )
    # the findings line counts what `aigov check` reports, per record (not only those with errors)
    check = json.loads(run_aigov("check", "-f", "json", "--today", TODAY, cwd=repo).stdout)
    found = [d for d in check["diagnostics"] if d["severity"] in ("error", "warning")]
    errors = sum(d["severity"] == "error" for d in found)
    records = len({d["path"] for d in found})
    with_errors = len({d["path"] for d in found if d["severity"] == "error"})
    assert records, "the fixture portfolio is expected to have findings"
    expected = (
        f"findings: {errors} error{'s' if errors != 1 else ''}, {len(found) - errors} warning"
        f"{'s' if len(found) - errors != 1 else ''} in {records} record"
        f"{'s' if records != 1 else ''} ({with_errors} with errors);"
    )
    assert any(line.strip().startswith(expected) for line in lines), lines
    assert any(line.strip().startswith("pages:") for line in lines)
    assert "Reading records" not in run.stderr  # no progress bar outside a terminal
    assert (repo / ".aigov-build" / ".gitignore").is_file()


def test_a_bad_date_is_a_usage_error(repo: Path) -> None:
    run = run_aigov("build", "--today", "2026-13-45", cwd=repo)
    assert run.returncode == 2
    assert "is not a date like 2026-11-30" in run.stderr


def test_an_engine_that_is_not_installed_is_named_before_any_work(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from aigov.site import BuildError, BuildOptions, build_site

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a)
    )
    with pytest.raises(BuildError) as caught:
        build_site(BuildOptions(root=repo, engine="zensical"))
    assert caught.value.diagnostic.message == "the zensical engine is not installed"
    assert "aigov[engines]" in caught.value.diagnostic.hint
    assert not (repo / ".aigov-build").exists() and not (repo / "site").exists()


def test_a_broken_policy_file_stops_the_build_with_its_position(repo: Path) -> None:
    (repo / "aigov.yaml").write_text("rules: [unclosed\n")
    run = run_aigov("build", "--today", TODAY, cwd=repo, timeout=300)
    assert run.returncode == 2
    assert "aigov.yaml" in run.stderr and "Traceback" not in run.stderr


def test_help_shows_examples_and_exit_codes() -> None:
    run = run_aigov("build", "--help")
    assert run.returncode == 0
    assert "aigov build --strict --fail-on error" in run.stdout
    assert "Exit codes" in run.stdout
    serve = run_aigov("serve", "--help")
    assert serve.returncode == 0 and "--dev-addr" in serve.stdout


def test_serve_rejects_a_malformed_address(repo: Path) -> None:
    run = run_aigov("serve", "--dev-addr", "localhost", cwd=repo)
    assert run.returncode == 2
    assert "is not HOST:PORT" in run.stderr


def test_a_terminal_gets_progress_bars(repo: Path) -> None:
    """At a terminal (a real pty) the long stages show click progress bars on stderr."""
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_PROGRESS")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "aigov", "build", "--today", TODAY],
        cwd=str(repo),
        env=env,
        encoding="utf-8",
        timeout=300,
    )
    output = child.read()
    child.close()
    assert child.exitstatus == 0, output
    assert "Rendering site" in output
    assert "Built the site from 2 systems" in output
