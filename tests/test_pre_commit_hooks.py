"""The pre-commit hook definitions other repositories use: real commands, the right files."""

from __future__ import annotations

import re

import yaml

from aigov.cli import COMMANDS
from tests.conftest import REPO, run_aigov


def test_hooks_run_real_aigov_commands_on_record_files():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in hooks} == {"aigov-check", "aigov-validate"}
    for hook in hooks:
        program, command = hook["entry"].split()
        assert program == "aigov" and command in COMMANDS
        assert hook["language"] == "python"
        files = re.compile(hook["files"])
        for path in (
            "systems/claims-triage.yaml",
            "systems/claims-triage/system.yaml",
            "systems/a.yml",
        ):
            assert files.search(path), path
        for path in ("docs/systems/a.md", "aigov.yaml", "mkdocs.yml"):
            assert not files.search(path), path


def test_hook_entry_accepts_filenames_like_pre_commit_passes_them():
    run = run_aigov("check", "--today", "2026-11-26", "systems/support-copilot.yaml")
    assert run.returncode == 0, run.stdout
    assert "support-copilot" in run.stdout
