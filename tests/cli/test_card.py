"""`aigov card` as users run it: by id or path, every format, output files, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

from tests.conftest import REPO, run_aigov

FIXTURES = REPO / "tests" / "cards" / "fixtures" / "systems"
STABLE = {"SOURCE_DATE_EPOCH": "1788220800"}  # 2026-09-01T00:00:00Z


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("card-cli")
    (root / "aigov.yaml").write_text("version: 1\n")
    shutil.copytree(REPO / "systems", root / "systems")
    shutil.copytree(REPO / "evidence", root / "evidence")
    shutil.copytree(REPO / "components", root / "components")
    shutil.copy(FIXTURES / "property-claims.yaml", root / "systems")
    return root


def test_markdown_system_card_by_id_on_stdout(repo: Path) -> None:
    run = run_aigov("card", "support-copilot", "--today", "2026-09-01", cwd=repo, env=STABLE)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# System card: Support reply copilot\n")
    assert "generated 2026-09-01T00:00:00Z" in run.stdout
    # numbered 1, 2, … in card order (a new section shifts the numbers, not this test)
    headings = re.findall(r"^## (\d+)\. (.+)$", run.stdout, re.MULTILINE)
    assert [int(n) for n, _ in headings] == list(range(1, len(headings) + 1))
    assert "Controls (NIST AI RMF)" in [title for _, title in headings]
    assert run.stderr == ""


def test_html_to_a_folder_names_the_file_and_links_evidence_from_there(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cards"
    run = run_aigov("card", "support-copilot", "-f", "html", "-o", f"{out}/", "--root", str(repo))
    assert run.returncode == 0, run.stderr
    html = (out / "support-copilot.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert "Wrote the system card of support-copilot to" in run.stderr
    # relative evidence links are rewritten to work from the output folder
    rel = Path(os.path.relpath(repo, out)).as_posix()
    assert f'href="{rel}/evidence/support-copilot/' in html


def test_model_card_json_by_record_path(repo: Path) -> None:
    run = run_aigov(
        "card", "systems/property-claims.yaml", "--model", "fraud-scorer", "-f", "json",
        cwd=repo, env=STABLE,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["kind"], data["component"]["id"]) == ("model", "fraud-scorer")
    assert data["provenance"]["record_path"] == "systems/property-claims.yaml"
    assert data["status"]["level"] == "error"
    assert "open error" in run.stderr  # said on stderr too, exit stays 0 without --strict


def test_hugging_face_readme(repo: Path, tmp_path: Path) -> None:
    run = run_aigov(
        "card", "support-copilot", "--model", "reply-drafter", "-f", "hf", "-o", f"{tmp_path}/",
        "--root", str(repo),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    card = ModelCard.load(tmp_path / "README.md")
    assert card.data.to_dict()["aigov"]["system"] == "support-copilot"


def test_strict_public_and_usage_errors(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.md"
    run = run_aigov(
        "card", "property-claims", "--audience", "public", "--strict", "-o", str(out), cwd=repo
    )
    assert run.returncode == 1  # open errors and --strict: written, but exit 1
    text = out.read_text("utf-8")
    assert "Public edition" in text and "Scores missing for 3 hours" not in text

    typo = run_aigov("card", "suport-copilot", cwd=repo)
    assert typo.returncode == 2
    assert "Did you mean 'support-copilot'?" in typo.stderr and "Traceback" not in typo.stderr

    model = run_aigov("card", "support-copilot", "--model", "gpt", cwd=repo)
    assert model.returncode == 2 and "reply-drafter" in model.stderr

    bad_time = run_aigov("card", "support-copilot", "--generated-at", "soon", cwd=repo)
    assert bad_time.returncode == 2 and "ISO 8601" in bad_time.stderr


def test_an_invalid_record_gets_positions_not_a_card(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").write_text("version: 1\n")
    (root / "systems" / "broken.yaml").write_text(
        "schema_version: 1\nid: broken\nname: Broken\nlifecycle:\n  stage: launched\n"
    )
    run = run_aigov("card", "broken", cwd=root)
    assert run.returncode == 1 and run.stdout == ""
    assert "systems/broken.yaml:5:10" in run.stderr
    assert "does not validate, so no card can be rendered" in run.stderr


def test_a_broken_override_template_is_an_environment_error(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "system_card.md.j2").write_text("{{ card.oops }}")
    run = run_aigov("card", "support-copilot", "--templates", str(tmp_path), cwd=repo)
    assert run.returncode == 2
    assert "'oops'" in run.stderr and "templates/README.md" in run.stderr


def test_pdf_without_a_browser_is_exit_2_with_a_clear_message(repo: Path, tmp_path: Path) -> None:
    run = run_aigov(
        "card", "support-copilot", "-f", "pdf", "-o", str(tmp_path / "c.pdf"), cwd=repo,
        env={"AIGOV_CHROMIUM": str(tmp_path / "no-such-chromium")},
    )  # fmt: skip
    assert run.returncode == 2
    assert "could not start Chromium" in run.stderr and "AIGOV_CHROMIUM" in run.stderr
    assert not (tmp_path / "c.pdf").exists()


def test_written_cards_get_the_usual_file_permissions(repo: Path, tmp_path: Path) -> None:
    # a card is written to be shared: a new file follows the umask (not mkstemp's 0600),
    # an existing one keeps its mode
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        kept = tmp_path / "kept.md"
        kept.write_text("old\n")
        kept.chmod(0o640)
        for target in (fresh, kept):
            run = run_aigov("card", "support-copilot", "-o", str(target), "--root", str(repo))
            assert run.returncode == 0, run.stderr
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640
    assert kept.read_text("utf-8").startswith("# System card: Support reply copilot")
