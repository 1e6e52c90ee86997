"""The pre-commit hooks other repositories use, driven by pre-commit itself on real commits."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aigov.cli import COMMANDS
from tests.conftest import REPO, run_aigov

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
RECORD = "support-copilot"


def test_hooks_run_real_aigov_commands_on_the_whole_repository():
    assert {h["id"] for h in HOOKS} == {"aigov-check", "aigov-validate"}
    for hook in HOOKS:
        program, command = hook["entry"].split()
        assert program == "aigov" and command in COMMANDS
        assert hook["language"] == "python"
        # a deleted evidence file or an edited aigov.yaml breaks records too
        assert hook["always_run"] is True and hook["pass_filenames"] is False


def test_hook_entry_accepts_filenames_like_pre_commit_passes_them():
    run = run_aigov("check", "--today", "2026-11-26", "systems/support-copilot.yaml")
    assert run.returncode == 0, run.stdout
    assert "support-copilot" in run.stdout


def _without_signoffs(system: str) -> str:
    text = (REPO / "systems" / f"{system}.yaml").read_text("utf-8")
    start = text.index("\nsignoffs:") + 1
    body = text.index("\n", start) + 1
    after = re.search(r"^[a-z_]+:", text[body:], re.MULTILINE)
    return text[:start] + (text[body + after.start() :] if after else "")


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def governance_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A governance repository with one record and its evidence, and aigov's hooks installed.

    The hooks are our own definitions with `language: system`, so pre-commit runs the aigov
    under test instead of building a virtualenv from the network; every other key is ours.
    The copied record has no sign-offs and the policy asks for none: a sign-off committed by the
    test's own identity rather than its reviewer never counts.
    """
    pytest.importorskip("pre_commit")
    repo = tmp_path / "governance"
    (repo / "systems").mkdir(parents=True)
    (repo / "systems" / f"{RECORD}.yaml").write_text(_without_signoffs(RECORD), "utf-8")
    (repo / "aigov.yaml").write_text("signoffs:\n  medium:\n    production: []\n", "utf-8")
    shutil.copytree(REPO / "evidence" / RECORD, repo / "evidence" / RECORD)
    hooks = [{**hook, "language": "system"} for hook in HOOKS]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    bindir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "NO_COLOR": "1",
    }
    assert _git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert installed.returncode == 0, installed.stderr
    _git(repo, "add", "-A", env=env)
    first = _git(repo, "commit", "-q", "-m", "records", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    return repo, env


def test_a_commit_that_deletes_cited_evidence_is_refused(governance_repo):
    repo, env = governance_repo
    cited = repo / "evidence" / RECORD / "eval-2026-11.md"
    _git(repo, "rm", "-q", str(cited.relative_to(repo)), env=env)
    commit = _git(repo, "commit", "-q", "-m", "tidy evidence", env=env)
    assert commit.returncode != 0, commit.stdout
    assert "eval-2026-11.md" in commit.stdout + commit.stderr
    assert _git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"


def test_a_commit_that_breaks_the_policy_is_refused(governance_repo):
    repo, env = governance_repo
    (repo / "aigov.yaml").write_text("gates:\n  pilot: [not, a, mapping\n", "utf-8")
    _git(repo, "add", "aigov.yaml", env=env)
    commit = _git(repo, "commit", "-q", "-m", "policy", env=env)
    assert commit.returncode != 0, commit.stdout
    assert "aigov.yaml" in commit.stdout + commit.stderr


def test_a_clean_change_commits(governance_repo):
    repo, env = governance_repo
    (repo / "README.md").write_text("Our AI systems.\n", "utf-8")
    _git(repo, "add", "README.md", env=env)
    commit = _git(repo, "commit", "-q", "-m", "readme", env=env)
    assert commit.returncode == 0, commit.stdout + commit.stderr
