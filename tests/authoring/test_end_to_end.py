"""init → new → check → build in a fresh folder, with the real command and the real mkdocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "claims-triage.yaml"


@pytest.mark.slow
def test_init_new_check_build(tmp_path: Path, aigov_run: Any) -> None:
    run_aigov = aigov_run
    repo = tmp_path / "governance"
    init = run_aigov("init", str(repo), "--name", "Acme AI portfolio", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    new = run_aigov(
        "new",
        "claims-triage",
        "--like",
        "classifier-scorer",
        "--stage",
        "feasibility",
        "--answers",
        str(ANSWERS),
        "--accountable",
        "Dana Whitfield",
        "--set",
        "owner.contact=claims-ai@example.com",
        cwd=repo,
    )
    assert new.returncode == 0, new.stdout + new.stderr
    assert "Wrote systems/claims-triage.yaml" in new.stdout
    assert (repo / "systems" / "claims-triage.yaml").is_file()
    fmt = run_aigov("fmt", "--check", cwd=repo)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr  # a new record is already formatted
    check = run_aigov("check", "--gate", "mvp", cwd=repo)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_aigov("build", cwd=repo, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    page = repo / "site" / "index.html"
    assert page.is_file()
    assert "Acme AI portfolio" in page.read_text("utf-8")
    assert any("Claims triage" in p.read_text("utf-8") for p in (repo / "site").rglob("*.html"))
    # the built site stays out of git
    assert "site/" in (repo / ".gitignore").read_text()
