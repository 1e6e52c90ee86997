"""`aigov export`: the group lists its documents, writes atomically where -o says (a name of
its own for a folder), prints text formats to standard output, and fails cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.conftest import REPO, run_aigov

TODAY = "2026-12-04"


def test_the_group_lists_each_document() -> None:
    run = run_aigov("export", "--help")
    assert run.returncode == 0
    for name in ("annex-iv", "fria", "eu-database"):
        assert name in run.stdout


def test_markdown_to_standard_output() -> None:
    run = run_aigov("export", "annex-iv", "claims-triage", "--today", TODAY)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(
        "# Annex IV technical documentation: Health and life claims triage"
    )
    assert "## Coverage of Annex IV" in run.stdout


def test_json_to_a_file_and_docx_into_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    run = run_aigov(
        "export", "eu-database", "claims-triage", "-f", "json", "-o", str(target), "--today", TODAY
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "eu-database"
    assert "Wrote" in run.stderr
    folder = tmp_path / "out"
    folder.mkdir()
    run = run_aigov(
        "export", "fria", "claims-triage", "-f", "docx", "-o", f"{folder}/", "--today", TODAY
    )
    assert run.returncode == 0, run.stderr
    written = folder / "claims-triage-fria.docx"
    assert docx.Document(str(written)).paragraphs


def test_binary_default_name_in_the_current_folder(tmp_path: Path) -> None:
    run = run_aigov(
        "export", "fria", "claims-triage", "-f", "docx", "--root", str(REPO), cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "claims-triage-fria.docx").is_file()


def test_unknown_system_is_a_usage_error() -> None:
    run = run_aigov("export", "annex-iv", "no-such-system")
    assert run.returncode == 2
    assert "claims-triage" in run.stderr  # says which exist
    assert "Traceback" not in run.stderr


def test_an_invalid_record_exports_nothing(tmp_path: Path) -> None:
    (tmp_path / "aigov.yaml").touch()
    (tmp_path / "systems").mkdir()
    (tmp_path / "systems" / "broken.yaml").write_text(
        "schema_version: 1\nid: broken\n", encoding="utf-8"
    )
    out = tmp_path / "x.md"
    run = run_aigov("export", "annex-iv", "broken", "--root", str(tmp_path), "-o", str(out))
    assert run.returncode == 1
    assert "name" in (run.stdout + run.stderr)
    assert "nothing was exported" in run.stderr
    assert not out.exists()
