"""Real git repositories in temporary folders, and the small record the review tests edit."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "review"
RECORD = FIXTURES / "commented-record.yaml"


class GitRepo:
    """A throw-away governance repository with a real git history."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(top),
        }
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Priya Raman")
        self.git("config", "user.email", "priya@example.com")
        self.git("config", "commit.gpgsign", "false")
        (top / "systems").mkdir()
        (top / "aigov.yaml").write_text("# governance repository\n", encoding="utf-8")

    def git(self, *args: str, date: str | None = None, author: str | None = None) -> str:
        env = dict(self.env)
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        if author:
            name, email = author.split(" <")
            env["GIT_AUTHOR_NAME"] = name
            env["GIT_AUTHOR_EMAIL"] = email.rstrip(">")
        proc = subprocess.run(
            ["git", *args], cwd=self.top, env=env, capture_output=True, text=True, check=True
        )
        return proc.stdout.strip()

    def write(self, rel: str, text: str) -> Path:
        path = self.top / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(
        self, message: str, *, date: str = "2026-03-01T10:00:00+01:00", author: str | None = None
    ) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date, author=author)
        return self.git("rev-parse", "HEAD")

    @property
    def record(self) -> Path:
        return self.top / "systems" / "refund-helper.yaml"

    def edit(self, old: str, new: str) -> None:
        text = self.record.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        self.record.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the test image
        pytest.skip("git is not installed")
    return GitRepo(tmp_path)


@pytest.fixture
def signed_repo(git_repo: GitRepo) -> GitRepo:
    """The commented record committed once, with its evidence file."""
    git_repo.write("systems/refund-helper.yaml", RECORD.read_text(encoding="utf-8"))
    git_repo.write("evidence/refund-helper/send-flow.md", "# Send flow\n")
    git_repo.commit("Add refund helper record", date="2026-03-01T10:00:00+01:00")
    return git_repo


RunAigov = Callable[..., object]
