"""The sign-off register and the home page's counts: required roles that never signed,
approvals not bound to content, approvals nobody can verify."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_aigov
from tests.review.conftest import RECORD, GitRepo


def _text(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.find("article").get_text(" ").split())  # type: ignore[union-attr]


def test_the_register_lists_roles_never_signed_and_unreliable_approvals(tmp_path: Path) -> None:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the test image
        pytest.skip("git is not installed")
    (tmp_path / "repo").mkdir()
    repo = GitRepo(tmp_path / "repo")
    # a high-tier pilot needs legal, privacy and risk; only an unbound privacy approval exists
    text = RECORD.read_text(encoding="utf-8").replace("internal: medium", "internal: high")
    repo.write("systems/refund-helper.yaml", text)
    repo.write("evidence/refund-helper/send-flow.md", "# Send flow\n")
    repo.commit("Add refund helper record")
    site = tmp_path / "site"
    run = run_aigov(
        "build", "--root", str(repo.top), "--site-dir", str(site), "--today", "2026-03-25",
        "--quiet", cwd=repo.top,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    register = _text(site / "registers/sign-offs.html")
    assert "1 systems with a required role that never signed" in register
    row = register.split("Roles never signed", 1)[1]
    assert "Refund helper" in row and "Legal, Risk" in row
    assert "1 approvals not bound to content" in register
    assert "Privacy approval by Aoife Brennan on 2026-02-20 Not bound" in register
    home = _text(site / "index.html")
    assert "1 approvals not bound to content" in home
    assert "0 approvals that cannot be verified" in home
