"""organisation.yaml has no visibility settings, so a public build leaves it out (fails
closed) and says so; an internal build shows it. Real files, the real CLI and mkdocs build."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import run_aigov
from tests.site.test_history_public import FIXTURES

ORG = Path(__file__).resolve().parents[1] / "fixtures" / "organisation" / "valid.yaml"


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "governance"
    (root / "systems").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "full-record.yaml", root / "systems" / "full-record.yaml")
    shutil.copyfile(ORG, root / "organisation.yaml")
    (root / "evidence" / "organisation").mkdir(parents=True)
    (root / "evidence" / "organisation" / "policy.md").write_text(
        "# Board minute ORGSECRET\n", encoding="utf-8"
    )
    return root


def _holding(folder: Path, needle: str) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and needle.encode() in p.read_bytes()
    )


def test_a_public_build_leaves_the_organisation_record_out(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    public = run_aigov(
        "build", "--audience", "public", "--today", "2026-09-01", cwd=root, timeout=300
    )
    assert public.returncode == 0, public.stdout + public.stderr
    assert "organisation.yaml is left out of this public build" in public.stdout + public.stderr
    site = root / "site"
    assert _holding(site, "Group AI policy") == []
    assert _holding(site, "ORGSECRET") == []

    internal = run_aigov("build", "--today", "2026-09-01", cwd=root, timeout=300)
    assert internal.returncode == 0, internal.stdout + internal.stderr
    assert _holding(site, "Group AI policy") != []
