"""SARIF for code scanning: the governance repository is a sub-folder of a git repository and
`aigov check --format sarif` runs from a third folder, as a CI job may. The URIs must still
name the real files relative to the git root, and every rule must link to its documentation."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from aigov.checks import all_rules
from aigov.formats.links import homepage
from tests.conftest import run_aigov

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(
    SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
)
SITE = "https://governance.example.com/ai/"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def monorepo(tmp_path: Path, checked_repo, mkdocs: str | None) -> tuple[Path, Path]:
    """A git repository whose governance records live in `platform/governance/`."""
    top = tmp_path / "monorepo"
    gov = top / "platform" / "governance"
    shutil.copytree(checked_repo.root, gov)
    if mkdocs is not None:
        (gov / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=top, check=True, capture_output=True)
    return top, gov


def sarif(gov: Path, cwd: Path) -> dict:
    run = run_aigov(
        "check", "--format", "sarif", "--today", "2026-11-15", "--root", str(gov), cwd=cwd
    )
    assert run.returncode == 1, run.stderr  # the fixture has errors
    log = json.loads(run.stdout)
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return log


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_uris_are_relative_to_the_git_root_from_any_folder(
    tmp_path: Path, checked_repo, where: str
) -> None:
    top, gov = monorepo(tmp_path, checked_repo, None)
    cwd = tmp_path / "ci-workspace" if where == "outside" else top / "tools"
    cwd.mkdir()
    run = sarif(gov, cwd)["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == top.resolve().as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    locations += [a["location"] for a in run["artifacts"]]
    assert len(run["results"]) == len(checked_repo.diagnostics)
    for loc in locations:
        assert loc["uriBaseId"] == "%SRCROOT%"
        assert loc["uri"].startswith("platform/governance/systems/"), loc
        assert (top / unquote(loc["uri"])).is_file(), loc
        # what a viewer does: resolve the relative URI against the base id's URI
        assert (Path(unquote(base.removeprefix("file://"))) / unquote(loc["uri"])).is_file()


def test_outside_git_the_governance_root_is_the_base(tmp_path: Path, checked_repo) -> None:
    gov = tmp_path / "governance"
    shutil.copytree(checked_repo.root, gov)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    if subprocess.run(["git", "rev-parse"], cwd=gov, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is itself inside a git repository")
    log = sarif(gov, cwd)
    run0 = log["runs"][0]
    assert run0["originalUriBaseIds"]["%SRCROOT%"]["uri"] == gov.resolve().as_uri() + "/"
    uri = run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("systems/") and (gov / unquote(uri)).is_file()


def test_every_rule_links_to_its_anchor_on_the_sites_rule_reference(
    tmp_path: Path, checked_repo
) -> None:
    _, gov = monorepo(
        tmp_path,
        checked_repo,
        f"site_name: Governance\nsite_url: {SITE}\nuse_directory_urls: false\n",
    )
    driver = sarif(gov, tmp_path)["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert all(r.get("helpUri") for r in rules.values())
    for rule in all_rules():
        assert rules[rule.id]["helpUri"] == f"{SITE}reference/rules.html#{rule.id.lower()}"
    schema_rules = [r for rid, r in rules.items() if rid.startswith("AIG-SCHEMA")]
    assert schema_rules and all(
        r["helpUri"] == f"{SITE}reference/fields.html" for r in schema_rules
    )
    assert driver["informationUri"] == homepage()


def test_without_site_url_rules_link_under_the_projects_homepage(
    tmp_path: Path, checked_repo
) -> None:
    import importlib.metadata

    urls = importlib.metadata.metadata("aigov").get_all("Project-URL") or []
    declared = next(u.split(",", 1)[1].strip() for u in urls if u.lower().startswith("homepage"))
    assert homepage() == declared  # one source: the Homepage in pyproject.toml
    _, gov = monorepo(tmp_path, checked_repo, "site_name: Governance\n")
    driver = sarif(gov, tmp_path)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == declared
    eval003 = next(r for r in driver["rules"] if r["id"] == "AIG-EVAL-003")
    assert eval003["helpUri"] == declared.rstrip("/") + "/reference/rules/#aig-eval-003"
    assert all(r.get("helpUri", "").startswith(declared) for r in driver["rules"])
