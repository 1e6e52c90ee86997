"""The audit pack: what is in it, a manifest the real `sha256sum -c` verifies, --as-of from
git history, and nothing left behind when it cannot be made."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from aigov.exports.auditpack import MANIFEST, PackError, build_pack
from tests.conftest import REPO, run_aigov
from tests.review.conftest import GitRepo

SMALL = REPO / "systems" / "candidate-screening-assistant.yaml"


@pytest.fixture(scope="module")
def examples_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pack") / "pack"
    run = run_aigov("export", "audit-pack", "--today", "2026-12-04", "-o", str(target))
    assert run.returncode == 0, run.stderr
    return target


def test_the_manifest_verifies_with_sha256sum(examples_pack: Path) -> None:
    proc = subprocess.run(
        ["sha256sum", "-c", "--strict", MANIFEST], cwd=examples_pack, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listed = {
        line.split("  ", 1)[1] for line in (examples_pack / MANIFEST).read_text().splitlines()
    }
    on_disk = {
        p.relative_to(examples_pack).as_posix() for p in examples_pack.rglob("*") if p.is_file()
    }
    assert listed == on_disk - {MANIFEST}  # everything, and nothing else


def test_a_changed_file_fails_the_manifest(examples_pack: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(examples_pack, copy)
    (copy / "inventory.csv").write_text("tampered", encoding="utf-8")
    proc = subprocess.run(["sha256sum", "-c", "--quiet", MANIFEST], cwd=copy, capture_output=True)
    assert proc.returncode != 0


def test_every_system_has_its_record_cards_exports_files_and_history(examples_pack: Path) -> None:
    for record in (REPO / "systems").glob("*.yaml"):
        base = examples_pack / "systems" / record.stem
        assert (base / "record" / record.name).read_bytes() == record.read_bytes()
        for fmt in ("md", "html", "json"):
            assert (base / "cards" / f"{record.stem}.system-card.{fmt}").is_file()
        assert (base / "exports" / f"{record.stem}-cyclonedx.cdx.json").is_file()
        assert (base / "signoffs" / "history.json").is_file()
    fraud = examples_pack / "systems" / "fraud-scoring"
    assert (fraud / "cards" / "fraud-scoring.order-risk-model.model-card.html").is_file()
    cited = fraud / "files" / "evidence" / "fraud-scoring" / "feature-review.md"
    assert cited.read_bytes() == (REPO / "evidence/fraud-scoring/feature-review.md").read_bytes()
    card = (fraud / "cards" / "fraud-scoring.system-card.html").read_text("utf-8")
    assert 'href="../files/evidence/fraud-scoring/feature-review.md"' in card
    inventory = (examples_pack / "inventory.csv").read_text("utf-8-sig")
    assert "systems/fraud-scoring/cards/fraud-scoring.system-card.html#impact" in inventory
    assert (examples_pack / "inventory.xlsx").is_file()


def _history(tmp_path: Path) -> GitRepo:
    """A governance repository with two commits: the record named 'Before' in January and
    'After' in March."""
    (tmp_path / "repo").mkdir()
    repo = GitRepo(tmp_path / "repo")
    text = SMALL.read_text("utf-8")
    repo.write(
        "systems/candidate-screening-assistant.yaml",
        text.replace("name: Candidate screening assistant", "name: Before"),
    )
    repo.commit("first", date="2026-01-10T10:00:00+00:00")
    repo.write(
        "systems/candidate-screening-assistant.yaml",
        text.replace("name: Candidate screening assistant", "name: After"),
    )
    repo.commit("second", date="2026-03-10T10:00:00+00:00")
    return repo


def test_as_of_reproduces_the_older_state(tmp_path: Path) -> None:
    repo = _history(tmp_path)
    first = repo.git("rev-parse", "HEAD~1")
    old = build_pack(repo.top, tmp_path / "old.zip", as_of=dt.date(2026, 2, 1))
    assert old.revision == first and old.systems == 1
    with zipfile.ZipFile(tmp_path / "old.zip") as zf:
        names = zf.namelist()
        assert all(n.startswith("old/") for n in names)
        record = zf.read(
            "old/systems/candidate-screening-assistant/record/candidate-screening-assistant.yaml"
        ).decode()
        inventory = zf.read("old/inventory.csv").decode("utf-8-sig")
    assert "name: Before" in record and ",Before," in inventory
    new = build_pack(repo.top, tmp_path / "new")
    assert ",After," in (tmp_path / "new" / "inventory.csv").read_text("utf-8-sig")
    assert new.revision == repo.git("rev-parse", "HEAD")
    assert repo.git("status", "--porcelain") == ""  # the user's repository is untouched


def test_as_of_before_the_first_commit_is_a_usage_error(tmp_path: Path) -> None:
    repo = _history(tmp_path)
    run = run_aigov(
        "export",
        "audit-pack",
        "--as-of",
        "2025-12-31",
        "--root",
        str(repo.top),
        "-o",
        str(tmp_path / "p"),
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert "no commit on or before 2025-12-31" in run.stderr
    assert not (tmp_path / "p").exists()
    future = run_aigov("export", "audit-pack", "--as-of", "2999-01-01", "--root", str(repo.top))
    assert future.returncode == 2 and "is in the future" in future.stderr


def test_a_bad_record_stops_the_pack_with_its_position_and_leaves_nothing(tmp_path: Path) -> None:
    broken = REPO / "tests/exports/fixtures/broken-record"
    run = run_aigov(
        "export", "audit-pack", "--root", str(broken), "-o", str(tmp_path / "p"), cwd=tmp_path
    )
    assert run.returncode == 1
    assert "broken-record.yaml:6:10: AIG-SCHEMA-ENUM" in run.stdout
    assert list(tmp_path.iterdir()) == []  # no pack, no staging folder


def test_a_folder_that_is_not_a_pack_is_never_replaced(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(PackError, match="not an audit pack"):
        build_pack(REPO / "tests/exports/fixtures/formula-cells", mine)
    assert (mine / "notes.txt").read_text("utf-8") == "keep"


def test_an_earlier_pack_is_replaced_and_the_zip_is_the_same_bytes_twice(tmp_path: Path) -> None:
    root = REPO / "tests/exports/fixtures/formula-cells"
    day = dt.date(2026, 12, 4)
    build_pack(root, tmp_path / "p", today=day, generated_at="2026-12-04T00:00:00Z")
    build_pack(root, tmp_path / "p", today=day, generated_at="2026-12-04T00:00:00Z")
    assert (tmp_path / "p" / MANIFEST).is_file()
    build_pack(root, tmp_path / "a.zip", today=day, generated_at="2026-12-04T00:00:00Z")
    first = (tmp_path / "a.zip").read_bytes()
    build_pack(root, tmp_path / "a.zip", today=day, generated_at="2026-12-04T00:00:00Z")
    assert (tmp_path / "a.zip").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip", "p"]


@pytest.mark.browser
@pytest.mark.slow
def test_with_pdf_every_card_and_document_is_also_printed(tmp_path: Path) -> None:
    root = REPO / "tests/exports/fixtures/formula-cells"
    build_pack(root, tmp_path / "p", today=dt.date(2026, 12, 4), pdf=True)
    pdfs = sorted(p.name for p in (tmp_path / "p").rglob("*.pdf"))
    assert "formula-cells.system-card.pdf" in pdfs
    assert "formula-cells.scorer.model-card.pdf" in pdfs
    assert any(name.endswith("-annex-iv.pdf") for name in pdfs)
    assert all(p.read_bytes().startswith(b"%PDF") for p in (tmp_path / "p").rglob("*.pdf"))
    proc = subprocess.run(["sha256sum", "-c", "--quiet", MANIFEST], cwd=tmp_path / "p")
    assert proc.returncode == 0


# The examples as they were before the sign-off rounds of 2026-12-03 (commit bb5917a onwards
# added their EU AI Act roles): the first-parent line's commit at the end of this day.
EXAMPLES_BEFORE = "2026-12-02"


def _full_history() -> str | None:
    """Why this checkout cannot reproduce an older state of the examples, or None."""
    if shutil.which("git") is None:
        return "git is not installed"
    proc = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=REPO, capture_output=True, text=True
    )
    if proc.returncode != 0:
        return "this checkout is not a git repository"
    if proc.stdout.strip() == "true":
        return "this checkout is shallow (clone with full history, e.g. fetch-depth: 0)"
    return None


def test_as_of_reproduces_an_older_state_of_this_repositorys_examples(tmp_path: Path) -> None:
    why = _full_history()
    if why is not None:
        pytest.skip(f"--as-of needs the repository's history: {why}")
    target = tmp_path / "old"
    run = run_aigov("export", "audit-pack", "--as-of", EXAMPLES_BEFORE, "-o", str(target))
    assert run.returncode == 0, run.stderr
    readme = (target / "README.md").read_text("utf-8")
    assert f"- As of: {EXAMPLES_BEFORE}" in readme
    revision = next(
        line.removeprefix("- Revision: ")
        for line in readme.splitlines()
        if line.startswith("- Revision: ")
    )
    assert revision[:12] in run.stdout + run.stderr  # the command names the commit it used
    committed = subprocess.run(
        ["git", "show", "-s", "--format=%cs", revision], cwd=REPO, capture_output=True, text=True
    )
    assert committed.returncode == 0 and committed.stdout.strip() <= EXAMPLES_BEFORE
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", revision, "systems/"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    then_names = sorted(Path(n).name for n in listed.stdout.split() if n.endswith(".yaml"))
    packed = sorted((target / "systems").glob("*/record/*.yaml"))
    assert [p.name for p in packed] == then_names
    changed = []
    for record in packed:
        then = subprocess.run(
            ["git", "show", f"{revision}:systems/{record.name}"], cwd=REPO, capture_output=True
        )
        assert then.returncode == 0 and record.read_bytes() == then.stdout, record.name
        current = REPO / "systems" / record.name
        if not current.is_file() or current.read_bytes() != record.read_bytes():
            changed.append(record.stem)
    # claims-triage gained its EU AI Act roles and Annex III 5(c) on 2026-12-03
    assert "claims-triage" in changed
