"""`aigov init`: a working governance repository in one command.

Creates the folders and files a governance team needs (see `PLAN`), never overwriting a file
that is already there: an existing file is reported as kept. `aigov check` and `aigov build`
work in the result straight away. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from aigov.authoring import yamltext
from aigov.authoring.atomic import TargetExists, write_atomic
from aigov.git import GitError, run_git
from aigov.paths import CONFIG_FILE, SCHEMA_FILE, schemas_dir

DEFAULT_SITE_NAME = "AI governance portfolio"

Status = Literal["created", "kept", "skipped", "failed"]


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the repository root, '/'-separated; folders end with '/'
    purpose: str
    status: Status
    reason: str = ""


def _data(name: str) -> str:
    return resources.files("aigov.data").joinpath("scaffold", name).read_text("utf-8")


def _schema() -> str:
    return (schemas_dir() / SCHEMA_FILE).read_text("utf-8")


def _mkdocs(name: str) -> str:
    return _data("mkdocs.yml").replace("__SITE_NAME__", yamltext.scalar(" ".join(name.split())))


def _readme(name: str) -> str:
    return _data("README.md").replace("__SITE_NAME__", " ".join(name.split()))


# --- the policy file ----------------------------------------------------------------------


def policy_text() -> str:
    """aigov.yaml with every option described and commented out (the defaults apply)."""
    from aigov.checks.policy import DEFAULT_REVIEW_CADENCE_DAYS, DEFAULT_SIGNOFFS

    rules = _rules()
    lines = [
        "# aigov policy: how this organisation applies aigov's governance rules.",
        "# Every setting is optional. Commented-out settings show aigov's defaults; uncomment and",
        "# edit a block to change it. `aigov check` reads this file and reports any mistake in it",
        "# with file:line:col. `aigov rules` lists the rules and `aigov rules ID` explains one.",
        "",
        "version: 1",
        "",
        "# --- Rules ---------------------------------------------------------------------------",
        "# Switch a rule off, change its severity (error, warning, info), or narrow the lifecycle",
        "# stages (idea, feasibility, mvp, pilot, production, retired) and risk tiers (low, medium,",
        "# high, critical) it applies to:",
        "#",
    ]
    if len(rules) >= 3:
        lines += [
            "# rules:",
            f"#   {rules[0][0]}: off",
            f"#   {rules[1][0]}: warning",
            f"#   {rules[2][0]}: {{severity: error, stages: [pilot, production], tiers: [high, critical]}}",
        ]
    else:
        lines += ["# rules:", "#   RULE-ID: off"]
    if rules:
        lines += ["#", "# The rules, with their default severity:"]
        width = max(len(r[0]) for r in rules) + 2
        lines += [
            f"#   {rid:<{width}}{sev:<9}{yamltext.comment_text(title, 70)}"
            for rid, sev, title in rules
        ]
    lines += [
        "",
        "# --- Extra required fields -------------------------------------------------------------",
        "# Fields your organisation requires beyond aigov's rules, for some tiers and stages",
        "# (`aigov explain FIELD` describes any field):",
        "#",
        "# require:",
        "#   - fields: [impact_assessment.fundamental_rights_assessment, data.data_protection_note]",
        "#     tiers: [high, critical]",
        "#     stages: [pilot, production]",
        "#     message: Our AI policy (section 4.2) asks for a FRIA and a DPIA before any pilot",
        "",
        "# --- Sign-offs ----------------------------------------------------------------------------",
        "# Who must sign off, by internal risk tier and lifecycle stage. Roles: legal, privacy,",
        "# security, risk, product, compliance, ethics. A stage you do not list keeps aigov's",
        "# default; these are the defaults:",
        "#",
        "# signoffs:",
    ]
    for tier, stages in DEFAULT_SIGNOFFS.items():
        lines.append(f"#   {tier.value}:")
        for stage, roles in stages.items():
            lines.append(f"#     {stage.value}: [{', '.join(r.value for r in roles)}]")
    lines += [
        "",
        "# --- Review cadence -----------------------------------------------------------------------",
        "# Days between governance reviews, for records that set no lifecycle.review_cadence_days:",
        "#",
        f"# review_cadence_days: {DEFAULT_REVIEW_CADENCE_DAYS}",
    ]
    return "\n".join(lines) + "\n"


def _rules() -> list[tuple[str, str, str]]:
    try:
        from aigov.checks.registry import all_rules

        return [(r.id, r.severity.value, r.title) for r in all_rules()]
    except Exception:  # the registry is unavailable: the file still works, with fewer examples
        return []


# --- the plan -----------------------------------------------------------------------------


def plan(site_name: str) -> list[tuple[str, str, Callable[[], str] | None]]:
    """(path, purpose, content) for everything `aigov init` creates; None marks a folder."""
    return [
        ("systems/", "one record per AI system (`aigov new ID` starts one)", None),
        ("evidence/", "reports and memos that records cite by relative path", None),
        ("templates/", "optional overrides of aigov's card and page templates", None),
        (CONFIG_FILE, "your policy: rules, extra required fields, sign-offs", policy_text),
        ("mkdocs.yml", "the site's name and look, for `aigov build`", lambda: _mkdocs(site_name)),
        (f"schemas/{SCHEMA_FILE}", "the record schema, for editor completion offline", _schema),
        (
            ".vscode/settings.json",
            "VS Code: schema for systems/**/*.yaml",
            lambda: _data("vscode-settings.json"),
        ),
        (
            ".vscode/extensions.json",
            "VS Code: recommends the YAML extension",
            lambda: _data("vscode-extensions.json"),
        ),
        (
            ".pre-commit-config.yaml",
            "runs `aigov fmt` and `aigov check` before each commit",
            lambda: _data("pre-commit-config.yaml"),
        ),
        (".editorconfig", "two-space YAML in every editor", lambda: _data("editorconfig")),
        (".gitignore", "keeps the built site out of git", lambda: _data("gitignore")),
        ("README.md", "how the governance team works here", lambda: _readme(site_name)),
    ]


KEEP_FILE = ".gitkeep"


def init_repository(root: Path, *, site_name: str = DEFAULT_SITE_NAME) -> list[Entry]:
    """Create the governance repository at `root`; existing files are kept, never replaced."""
    entries: list[Entry] = []
    root.mkdir(parents=True, exist_ok=True)
    for rel, purpose, make in plan(site_name):
        target = root / rel
        if make is None:
            existed = target.is_dir()
            try:
                target.mkdir(parents=True, exist_ok=True)
                if not any(target.iterdir()):
                    write_atomic(target / KEEP_FILE, "", overwrite=False)
            except TargetExists:
                pass
            except OSError as exc:
                entries.append(Entry(rel, purpose, "failed", exc.strerror or str(exc)))
                continue
            entries.append(Entry(rel, purpose, "kept" if existed else "created"))
            continue
        if target.exists() or target.is_symlink():
            entries.append(Entry(rel, purpose, "kept", "already there; not changed"))
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, make(), overwrite=False)
        except TargetExists:
            entries.append(Entry(rel, purpose, "kept", "already there; not changed"))
            continue
        except OSError as exc:
            entries.append(Entry(rel, purpose, "failed", exc.strerror or str(exc)))
            continue
        entries.append(Entry(rel, purpose, "created"))
    return entries


# --- git ----------------------------------------------------------------------------------

GIT_PURPOSE = "history: sign-offs are verified against it, `aigov diff` compares commits"


def ensure_git(root: Path, *, create: bool = True) -> Entry:
    """A git repository for `root`: kept when `root` is inside one, else created (`git init`)
    unless `create` is False; "failed" says why not (git missing, or it refused)."""
    try:
        top = run_git(root, ["rev-parse", "--show-toplevel"]).decode("utf-8", "replace").strip()
    except GitError:
        top = ""
    if top:
        return Entry(".git/", GIT_PURPOSE, "kept", f"inside the git repository {top}")
    if not create:
        return Entry(".git/", GIT_PURPOSE, "skipped", "not created (--no-git); run `git init`")
    try:
        run_git(root, ["init", "--quiet"])
    except GitError as exc:
        return Entry(".git/", GIT_PURPOSE, "failed", f"{exc}; run `git init` once git works")
    return Entry(".git/", GIT_PURPOSE, "created")
