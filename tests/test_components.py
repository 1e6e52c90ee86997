"""Shared components (components/<id>.yaml): loaded with positioned errors, referenced by id,
and bound by sign-offs, so a change to one makes every dependent system's sign-offs stale in
check, card and site. The examples share `store-orders` between two systems."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from aigov.components import component_digest, load_components
from aigov.project import load_project
from tests.conftest import REPO, run_aigov
from tests.review.conftest import GitRepo
from tests.site.conftest import build, copy_example_repo

USERS = ("fraud-scoring", "product-recommendations")
JONAS = "Jonas Becker <jonas.becker@example.com>"


def test_the_examples_share_a_component_between_two_systems() -> None:
    project = load_project(root=REPO)
    assert project.components.diagnostics == []
    using = sorted(
        r.id
        for r in project.records
        if r.record and any(u.component == "store-orders" for u in r.record.uses)
    )
    assert using == list(USERS)


def test_an_unknown_component_id_is_a_positioned_error_with_did_you_mean(tmp_path: Path) -> None:
    root = copy_example_repo(tmp_path / "repo")
    path = root / "systems" / "fraud-scoring.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("component: store-orders", "component: store-order"), "utf-8")
    line = next(
        i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if "store-order," in ln
    )
    run = run_aigov("check", "systems/fraud-scoring.yaml", cwd=root)
    assert run.returncode == 1
    found = [ln for ln in run.stdout.splitlines() if "AIG-REF-COMPONENT" in ln]
    assert found and found[0].startswith(f"systems/fraud-scoring.yaml:{line}:")
    assert "Did you mean 'store-orders'?" in run.stdout


def test_a_component_file_is_validated_against_its_own_schema(tmp_path: Path) -> None:
    folder = tmp_path / "components"
    folder.mkdir()
    (folder / "llm.yaml").write_text(
        "schema_version: 1\ntype: model\nid: llm\nname: The LLM\nverison: '4'\n", "utf-8"
    )
    (folder / "bad.yaml").write_text("schema_version: 1\nid: bad\nname: Bad\n", "utf-8")
    found = load_components(tmp_path)
    diags = {d.path.rsplit("/", 1)[-1]: d for d in found.diagnostics}
    assert diags["llm.yaml"].code == "AIG-SCHEMA-KEY" and diags["llm.yaml"].line == 5
    assert "Did you mean 'version'?" in diags["llm.yaml"].hint
    assert "type:" in diags["bad.yaml"].message
    assert found.by_id == {}


@pytest.fixture
def approved(tmp_path: Path) -> GitRepo:
    """The examples in a real git repository, the two systems that use store-orders approved
    by legal afresh (in the reviewer's own commit)."""
    if shutil.which("git") is None:  # pragma: no cover - git is part of the test image
        pytest.skip("git is not installed")
    top = tmp_path / "repo"
    top.mkdir()
    repo = GitRepo(top)
    (top / "systems").rmdir()  # GitRepo makes an empty one; the examples bring theirs
    copy_example_repo(top)
    repo.commit("Examples", date="2026-12-01T09:00:00+00:00")
    for system in USERS:
        run = run_aigov(
            "approve", system, "--role", "legal", "--reviewer", "Jonas Becker",
            "--decision", "approved", "--root", str(top),
            "--comment", "Approved again in this repository",
            cwd=top,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout + run.stderr
        assert "component_hashes:" in (top / "systems" / f"{system}.yaml").read_text("utf-8")
    # dated now: the copied examples hold sign-offs of their own repository's history (not
    # in this one), so this approval must be the latest of its role
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    repo.commit("Legal approvals", date=now, author=JONAS)
    return repo


def _legal_lines(out: str, system: str) -> list[str]:
    return [
        ln
        for ln in out.splitlines()
        if ln.startswith(f"systems/{system}.yaml") and "legal sign-off" in ln
    ]


def test_changing_a_shared_component_makes_every_dependent_signoff_stale(approved: GitRepo) -> None:
    top = approved.top
    before = run_aigov("check", "--today", "2026-12-10", cwd=top)
    for system in USERS:
        assert _legal_lines(before.stdout, system) == [], before.stdout
    digest = component_digest(top, "store-orders")
    comp = top / "components" / "store-orders.yaml"
    comp.write_text(
        comp.read_text("utf-8").replace('version: "2026.2"', 'version: "2026.3"'), "utf-8"
    )
    approved.commit("store-orders 2026.3", date="2026-12-05T10:00:00+00:00")
    assert component_digest(top, "store-orders") != digest

    # check: both systems' legal sign-offs no longer count, and say which component changed
    after = run_aigov("check", "--today", "2026-12-10", cwd=top)
    for system in USERS:
        lines = _legal_lines(after.stdout, system)
        assert (
            lines
            and "shared component store-orders (components/store-orders.yaml) changed since approval"
            in lines[0]
        ), after.stdout

    # card: the sign-off says which component changed and what changed in it
    card = run_aigov("card", "fraud-scoring", "--today", "2026-12-10", cwd=top)
    assert card.returncode == 0, card.stderr
    assert (
        "shared component store-orders (components/store-orders.yaml) changed since approval: version"
        in card.stdout
    )
    assert "2026.2" in card.stdout and "2026.3" in card.stdout

    # diff: the record did not change, the component it uses did
    diff = run_aigov("diff", "fraud-scoring", "HEAD~1", "HEAD", cwd=top)
    assert diff.returncode == 0, diff.stderr
    assert "Shared component store-orders (components/store-orders.yaml) changed too" in diff.stdout
    assert "2026.2 → 2026.3" in diff.stdout

    # site: the components register lists both users, their sign-offs stale
    site = build(top, "--today", "2026-12-10")
    assert site.returncode in (0, 1), site.stdout + site.stderr
    page = (top / ".aigov-build" / "docs" / "registers" / "components.md").read_text("utf-8")
    row = next(chunk for chunk in page.split("<tr>") if "store-orders" in chunk)
    assert row.count("Sign-offs stale") == 2 and "2 systems" in row
    for system in USERS:
        assert f"systems/{system}/" in row
    # and the system page's sign-off table names the component too
    system_page = (
        top / ".aigov-build" / "docs" / "systems" / "fraud-scoring" / "index.md"
    ).read_text("utf-8")
    assert "shared component store-orders" in system_page


def test_an_unrelated_component_change_leaves_signoffs_alone(approved: GitRepo) -> None:
    top = approved.top
    extra = top / "components" / "other.yaml"
    extra.write_text("schema_version: 1\ntype: vendor\nid: other\nname: Other vendor\n", "utf-8")
    approved.commit("Another component", date="2026-12-05T10:00:00+00:00")
    after = run_aigov("check", "--today", "2026-12-10", cwd=top)
    for system in USERS:
        assert _legal_lines(after.stdout, system) == []
    subprocess.run(["git", "status"], cwd=top, capture_output=True, check=True)


SHARED_MODEL = """schema_version: 1
type: model
id: drafter-llm
name: Shared drafting LLM
provider: Anthropic
version: "claude-sonnet-4-5"
license: proprietary
intended_use: Draft replies for a person to edit and send
limitations: [Cites superseded policy wording when the index is stale]
"""


def test_a_shared_model_gets_its_model_card_on_the_card_command_and_the_site(
    tmp_path: Path,
) -> None:
    root = copy_example_repo(tmp_path / "repo")
    (root / "components" / "drafter-llm.yaml").write_text(SHARED_MODEL, "utf-8")
    path = root / "systems" / "support-copilot.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace(
            "\ndata:\n",
            "\nuses:\n  - {component: drafter-llm, role: Drafts the reply}\n\ndata:\n",
            1,
        ),
        "utf-8",
    )
    card = run_aigov("card", "support-copilot", "--model", "drafter-llm", cwd=root)
    assert card.returncode in (0, 1), card.stderr
    assert card.stdout.startswith("# Model card: Shared drafting LLM")
    assert "Cites superseded policy wording" in card.stdout
    site = build(root)
    assert site.returncode in (0, 1), site.stdout + site.stderr
    page = (
        root / ".aigov-build" / "docs" / "systems" / "support-copilot" / "models" / "drafter-llm.md"
    )
    assert "Shared drafting LLM" in page.read_text("utf-8")
    register = (root / ".aigov-build" / "docs" / "registers" / "components.md").read_text("utf-8")
    assert "drafter-llm" in register and "store-orders" in register
