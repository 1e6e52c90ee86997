"""aigov init: a working governance repository; existing files are never overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from aigov.authoring.scaffold import init_repository, policy_text
from aigov.checks.policy import Policy, load_policy
from aigov.checks.registry import rule_ids
from aigov.cli import COMMANDS, cli

REPO = Path(__file__).resolve().parent.parent.parent

EXPECTED = [
    "aigov.yaml",
    "mkdocs.yml",
    "schemas/aigov-record.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".pre-commit-config.yaml",
    ".editorconfig",
    ".gitignore",
    "README.md",
]


def test_creates_a_complete_repository(tmp_path: Path) -> None:
    root = tmp_path / "gov"
    run = CliRunner().invoke(cli, ["init", str(root), "--name", "Acme: AI portfolio"])
    assert run.exit_code == 0, run.output
    for rel in EXPECTED:
        assert (root / rel).is_file(), rel
        assert f"created  {rel}" in run.output
    for folder in ("systems", "templates", "evidence"):
        assert (root / folder).is_dir()
        assert [p.name for p in (root / folder).iterdir()] == [".gitkeep"]
    assert "aigov new" in run.output and "aigov build" in run.output
    # the schema is the repository's own, so editors work offline
    assert (root / "schemas/aigov-record.schema.json").read_bytes() == (
        REPO / "schemas/aigov-record.schema.json"
    ).read_bytes()
    # the portfolio name survives YAML (it contains ': ')
    assert yaml.safe_load((root / "mkdocs.yml").read_text())["site_name"] == "Acme: AI portfolio"
    assert (root / "README.md").read_text().startswith("# Acme: AI portfolio\n")


def test_never_overwrites_and_reports_what_was_kept(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("our own readme\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n")
    (tmp_path / "systems").mkdir()
    (tmp_path / "systems" / "mine.yaml").write_text("id: mine\n")
    run = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "README.md").read_text() == "our own readme\n"
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert not (
        tmp_path / "systems" / ".gitkeep"
    ).exists()  # a folder with content needs no keep file
    assert re.search(r"kept\s+README\.md", run.output)
    assert re.search(r"kept\s+mkdocs\.yml", run.output)
    assert "2 existing file(s) kept" in run.output
    second = init_repository(tmp_path)
    assert {e.status for e in second} == {"kept"}


def test_the_policy_file_is_valid_and_every_commented_example_is_too(tmp_path: Path) -> None:
    init_repository(tmp_path)
    text = (tmp_path / "aigov.yaml").read_text()
    assert load_policy(tmp_path) == Policy()  # as written: aigov's defaults
    # every option of the policy format is described
    for option in ("rules:", "require:", "signoffs:", "review_cadence_days:"):
        assert f"# {option}" in text
    # every rule is listed with its default severity
    for rid in rule_ids():
        assert re.search(rf"^#   {re.escape(rid)}\s+(error|warning|info)\s", text, re.M), rid
    # uncommenting the example blocks gives a valid, non-default policy
    uncommented = []
    in_block = False
    for line in text.splitlines():
        if re.match(r"^# (rules|require|signoffs|review_cadence_days):", line):
            uncommented.append(line[2:])
            in_block = True
        elif in_block and line.startswith("#   "):
            uncommented.append(line[2:])
        else:
            in_block = False
    custom = tmp_path / "custom.yaml"
    custom.write_text("version: 1\n" + "\n".join(uncommented) + "\n")
    policy = load_policy(tmp_path, custom)
    assert policy != Policy()
    assert policy.rules and policy.require and policy.signoffs
    assert policy.review_cadence_days == 180


def test_policy_text_is_stable() -> None:
    assert policy_text() == policy_text()


def test_pre_commit_and_editor_settings(tmp_path: Path) -> None:
    init_repository(tmp_path)
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    entries = [h["entry"] for repo in hooks["repos"] for h in repo["hooks"]]
    assert "aigov check" in entries
    for entry in entries:
        assert entry.split()[0] == "aigov" and entry.split()[1] in COMMANDS
    check = next(h for repo in hooks["repos"] for h in repo["hooks"] if h["entry"] == "aigov check")
    assert re.search(check["files"], "systems/claims-triage.yaml")
    assert re.search(check["files"], "aigov.yaml")
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text())
    globs = settings["yaml.schemas"]["./schemas/aigov-record.schema.json"]
    assert "systems/**/*.yaml" in globs
    assert (tmp_path / "schemas/aigov-record.schema.json").is_file()
    assert (
        "redhat.vscode-yaml"
        in json.loads((tmp_path / ".vscode/extensions.json").read_text())["recommendations"]
    )
    ignored = (tmp_path / ".gitignore").read_text().split()
    assert "site/" in ignored and ".aigov-build/" in ignored


def test_check_works_in_an_empty_new_repository(tmp_path: Path) -> None:
    init_repository(tmp_path)
    run = CliRunner().invoke(cli, ["check", "--root", str(tmp_path)])
    assert run.exit_code == 0, run.output


def test_a_file_in_the_way_of_the_target_folder_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "gov"
    blocker.write_text("not a folder")
    run = CliRunner().invoke(cli, ["init", str(blocker)])
    assert run.exit_code == 2
    assert "is a file" in run.output


def _git(cwd: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_init_makes_the_git_repository_sign_offs_and_diffs_need(tmp_path: Path) -> None:
    root = tmp_path / "gov"
    run = CliRunner().invoke(cli, ["init", str(root)])
    assert run.exit_code == 0, run.output
    assert re.search(r"created\s+\.git/\s+history: sign-offs are verified against it", run.output)
    assert _git(root, "rev-parse", "--show-toplevel") == str(root.resolve())
    assert "git add -A && git commit" in run.output  # the first commit stays hers
    assert _git(root, "status", "--porcelain")  # nothing was committed for her
    assert ".aigov/drafts/" in (root / ".gitignore").read_text().split()
    # inside a repository (a folder of it): the repository is kept, no second one is made
    inner = root / "teams" / "claims"
    run = CliRunner().invoke(cli, ["init", str(inner)])
    assert run.exit_code == 0, run.output
    assert re.search(r"kept\s+\.git/\s+inside the git repository", run.output)
    assert not (inner / ".git").exists()


def test_init_without_git_says_in_one_line_why_it_matters(tmp_path: Path) -> None:
    run = CliRunner().invoke(cli, ["init", str(tmp_path / "gov"), "--no-git"])
    assert run.exit_code == 0, run.output
    assert not (tmp_path / "gov" / ".git").exists()
    why = [ln for ln in run.output.splitlines() if ln.startswith("No git repository")]
    assert why == [
        "No git repository: sign-offs are verified against git history and `aigov diff` "
        "compares commits; not created (--no-git); run `git init`."
    ]
