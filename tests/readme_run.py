"""Running the README's commands the way a reader types them, and judging what they did.

- `parse(step)` reads an `aigov ...` step against the click command objects (through
  `LazyGroup.get_command`): the subcommand, every option, choice values, argument counts.
- `Walkthrough.run_readme()` runs every command line of every README code block in README
  order (see tests/test_readme.py for the rules: which folder, what is created first, what is
  skipped and why) and records an `Outcome` per step, judged right away by `promises`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml
from click.testing import CliRunner
from markupsafe import escape

from aigov.checks import all_rules
from aigov.cli import cli
from aigov.paths import templates_dir
from aigov.project import LoadedRecord, load_project
from tests.conftest import REPO, run_aigov
from tests.readme_doc import (
    Block,
    CommandLine,
    Step,
    all_command_lines,
    command_lines,
    headings_and_blocks,
)

README_PATH = REPO / "README.md"
README = README_PATH.read_text(encoding="utf-8")
BLOCKS = headings_and_blocks(README)
LINES = all_command_lines(README)
CARDS = REPO / "tests" / "authoring" / "fixtures"
REGISTER = REPO / "tests" / "fixtures" / "algoritmeregister"

# The vendored real-world cards a README import example is mapped to, by card format.
IMPORT_FIXTURES = {
    "hf": CARDS / "hf-bart-offensive-base-model.md",
    "mct": CARDS / "mct-cats-vs-dogs-v0.0.2.json",
    "algoritmeregister": REGISTER / "gemeente-amsterdam-meldingen-openbare-ruimte.template.json",
}

AUTHORING_HEADING = "`aigov new`"  # the section whose examples run in your own repository


# --------------------------------------------------------------------------------------------
# Reading a command line against the click command objects


@dataclass
class Parsed:
    """One `aigov ...` step read the way click will read it."""

    names: list[str]  # ["card"], ["import", "hf"]
    command: click.Command | None
    options: dict[str, list[str]] = field(default_factory=dict)  # param name -> values
    flags: set[str] = field(default_factory=set)  # param names of flags given
    positional: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def sub(self) -> str:
        return self.names[0] if self.names else ""

    def value(self, name: str) -> str | None:
        values = self.options.get(name)
        return values[-1] if values else None


def is_placeholder(value: str) -> bool:
    """`STAGE` in `aigov check --gate STAGE`: a metavar, not a value."""
    return value.isupper() and value.replace("_", "").isalpha()


def check_value(param: click.Parameter, value: str) -> str | None:
    if is_placeholder(value) or isinstance(param.type, click.Path | click.File):
        return None
    try:
        param.type.convert(value, param, None)
    except click.BadParameter as exc:
        return f"{param.human_readable_name} {value!r}: {exc.message}"
    return None


def parse(step: Step, *, complete: bool = True) -> Parsed:
    """Resolve the subcommand through `LazyGroup.get_command` and read every option.

    `complete=False` reads a command named in prose (`aigov card`): no arguments required.
    """
    ctx = click.Context(cli)
    group: click.Command = cli
    rest = list(step.argv[1:])
    names: list[str] = []
    while isinstance(group, click.Group):
        if not rest:
            needs = [f"`aigov {' '.join(names)}` needs a subcommand"] if complete else []
            return Parsed(names, group if names else None, problems=needs)
        name = rest.pop(0)
        sub = group.get_command(ctx, name)
        if sub is None:
            known = ", ".join(group.list_commands(ctx))
            return Parsed(
                [*names, name], None, problems=[f"`{name}` is not an aigov command ({known})"]
            )
        names.append(name)
        group = sub
    parsed = Parsed(names, group)
    options = {
        opt: p
        for p in group.params
        if isinstance(p, click.Option)
        for opt in (*p.opts, *p.secondary_opts)
    }
    where = f"`aigov {' '.join(names)}`"
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--":
            parsed.positional.extend(rest[i + 1 :])
            break
        if word.startswith("-") and word != "-":
            name, eq, inline = word.partition("=")
            param = options.get(name)
            if param is None:
                parsed.problems.append(f"{where} has no option {name}")
            elif param.is_flag or param.count:
                if eq:
                    parsed.problems.append(f"{where} {name} is a flag and takes no value")
                parsed.flags.add(str(param.name))
            else:
                if eq:
                    values = [inline]
                else:
                    values = rest[i + 1 : i + 1 + param.nargs]
                    i += param.nargs
                if len(values) < param.nargs:
                    parsed.problems.append(f"{where} {name} needs {param.nargs} value(s)")
                for value in values:
                    if problem := check_value(param, value):
                        parsed.problems.append(f"{where}: {problem}")
                parsed.options.setdefault(str(param.name), []).extend(values)
        else:
            parsed.positional.append(word)
        i += 1
    arguments = [p for p in group.params if isinstance(p, click.Argument)]
    room = sum(a.nargs if a.nargs >= 0 else 10**6 for a in arguments)
    if len(parsed.positional) > room:
        parsed.problems.append(f"{where} takes at most {room} argument(s): {parsed.positional}")
    taken = 0
    for arg in arguments:
        count = arg.nargs if arg.nargs >= 0 else len(parsed.positional) - taken
        given = parsed.positional[taken : taken + count]
        if complete and arg.required and len(given) < max(count, 1):
            parsed.problems.append(f"{where} needs the argument {arg.human_readable_name}")
        for value in given:
            if problem := check_value(arg, value):
                parsed.problems.append(f"{where}: {problem}")
        taken += len(given)
    return parsed


def positional_of(parsed: Parsed, name: str) -> str | None:
    """The value given for the click argument `name` (single-valued arguments only)."""
    assert parsed.command is not None
    index = 0
    for param in parsed.command.params:
        if isinstance(param, click.Argument):
            if param.name == name:
                return parsed.positional[index] if index < len(parsed.positional) else None
            index += max(param.nargs, 1)
    return None


# --------------------------------------------------------------------------------------------
# What the README does not run


def skip_reason(step: Step) -> str | None:
    if step.program == "pip":
        return (
            "installs packages from an index; the suite already runs against the aigov it tests "
            "(`make test` installs it with `pip install -e '.[test]'`)"
        )
    if step.program == "make":
        return (
            "`make test` is this very suite (a recursion); "
            "test_quick_start_test_command_is_what_ci_runs checks the target instead"
        )
    if step.is_aigov and step.argv[1:2] == ("serve",):
        return (
            "serves until interrupted; tests/site/test_serve.py runs a real preview server and "
            "edits a record under it"
        )
    if step.is_aigov and step.argv[1:2] == ("approve",) and "--sign" in step.argv:
        return (
            "needs the reviewer's signing key; tests/review/test_trust.py signs with a real "
            "ed25519 key and verifies it through an allowed signers file"
        )
    if step.is_aigov and step.argv[1:3] == ("export", "audit-pack") and "--as-of" in step.argv:
        return (
            "needs git history older than the example copy's one commit (made today); "
            "tests/exports/test_auditpack.py builds a repository with two dated commits and "
            "checks that --as-of reproduces the first"
        )
    if step.is_aigov and step.argv[1:2] == ("card",) and parse(step).value("fmt") == "pdf":
        return (
            "needs headless Chromium and the pdf extra; tests/cards/test_browser.py renders real "
            "PDFs and tests/cli/test_card.py the missing-browser error"
        )
    return None


# The contributor's two commands: the Quick start block that ends with `make test` (the
# governance-repository path comes first, in a block of its own).
QUICK_START: Block | None = next(
    (
        b
        for b in BLOCKS
        if b.heading == "Quick start"
        and any(s.program == "make" for c in command_lines(b) for s in c.steps)
    ),
    None,
)


def as_process(cmd: CommandLine, step: Step) -> bool:
    """The quick start, and anything redirected with `>`, run as real processes."""
    return cmd.block is QUICK_START or step.redirect is not None


# --------------------------------------------------------------------------------------------
# Files the README names without shipping them

CHURN_ANSWERS = """\
# Answers for `aigov new churn-forecast --answers answers.yaml`: a partial record, shaped like
# the record itself; dotted keys work too.
name: Home insurance churn forecast
summary: Forecasts which home insurance customers are likely to leave at renewal, so the retention team calls them first.
owner:
  team: Customer Analytics
  accountable: Lena Fischer
  contact: churn-forecast@example.com
  product_manager: Tomas Ruiz

use_case.problem: The retention team calls customers in renewal-date order and reaches most leavers after they have switched.
use_case.before: Agents work through a list sorted by renewal date; about a third of calls go to customers who would have stayed anyway.
use_case.after: Each week the forecast ranks next month's renewals by churn risk; agents call the top of the list first.
use_case.beneficiaries: ["Retention agents: fewer wasted calls", "Customers at risk of leaving: an earlier, better offer"]
use_case.users: [Retention agents, Retention team leads]
use_case.affected_people: [Home insurance customers renewing next month]
use_case.autonomy: copilot
use_case.decisions_about_people: true
use_case.knowledge_task: false
use_case.intended_uses: [Ordering the weekly retention call list]
use_case.out_of_scope_uses: [Pricing individual renewals, Refusing renewal]
"""

# Typed into the questionnaire of `aigov new` examples that show no --answers: the first
# answer takes the suggested name, the rest are left for later (Enter), as the README's
# "answer the questions" allows. The summary is checked in the written record.
QUESTIONNAIRE_SUMMARY = (
    "Drafts cited replies to support tickets; an agent edits and sends each one."
)
QUESTIONNAIRE_INPUT = "\n" + QUESTIONNAIRE_SUMMARY + "\n" + "\n" * 400


def prepare_files(step: Step, parsed: Parsed, cwd: Path) -> list[str]:
    """Create the files a README example names but this repository does not ship."""
    made: list[str] = []
    if parsed.sub == "new" and (answers := parsed.value("answers_file")):
        target = cwd / answers
        if not target.exists():
            assert answers == "answers.yaml", (
                f"the README's `aigov new` names {answers}; give test_readme.py realistic "
                "answers for it"
            )
            target.write_text(CHURN_ANSWERS, encoding="utf-8")
            made.append(answers)
    if parsed.sub == "import" and len(parsed.names) == 2:
        card = positional_of(parsed, "card")
        if card and not (cwd / card).exists():
            (cwd / card).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(IMPORT_FIXTURES[parsed.names[1]], cwd / card)
            made.append(card)
    if parsed.sub == "diff" and (files := parsed.options.get("files")):
        old, new = (cwd / f for f in files)
        source = cwd / "systems" / "claims-triage.yaml"
        if not old.exists():
            shutil.copyfile(source, old)
            made.append(files[0])
        if not new.exists():
            text = source.read_text(encoding="utf-8")
            changed = re.sub(r'^version: "[^"]*"', 'version: "2.2"', text, count=1, flags=re.M)
            changed = re.sub(
                r"^(lifecycle:\n  stage: )\w+", r"\g<1>production", changed, count=1, flags=re.M
            )
            assert changed != text, "could not edit the copy of claims-triage for new.yaml"
            new.write_text(changed, encoding="utf-8")
            made.append(files[1])
    return made


# --------------------------------------------------------------------------------------------
# Running the README


@dataclass
class Outcome:
    cmd: CommandLine
    step: Step
    cwd: Path
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    crash: str | None = None
    skipped: str | None = None
    how: str = ""
    before: dict[str, str] = field(default_factory=dict)  # systems/*.yaml texts before the run
    after_fmt: bool = False  # the previous aigov step in this folder was a clean `aigov fmt`
    rebuild: bool = False  # the same build ran here before and no record changed since
    problems: list[str] = field(default_factory=list)  # broken promises (see `promises`)

    def show(self) -> str:
        return (
            f"README line {self.cmd.line}: {self.step.text()}\n  in {self.cwd} ({self.how}), "
            f"exit {self.exit_code}\n--- stdout\n{self.stdout[-3000:]}\n--- stderr\n"
            f"{self.stderr[-3000:]}"
        )


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "README test",
        "GIT_AUTHOR_EMAIL": "readme@example.invalid",
        "GIT_COMMITTER_NAME": "README test",
        "GIT_COMMITTER_EMAIL": "readme@example.invalid",
    }
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def copy_example_repo(dest: Path) -> Path:
    """The example governance repository, as a reader's clone holds it."""
    dest.mkdir(parents=True)
    for name in ("systems", "evidence", "components", "results", "schemas", "docs"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    if (REPO / "templates").resolve() != templates_dir().resolve():
        shutil.copytree(REPO / "templates", dest / "templates")  # overrides, if any
    for name in ("mkdocs.yml", "aigov.yaml", "organisation.yaml"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, dest / name)
    assert git(dest, "init", "-q").returncode == 0
    git(dest, "add", "-A")
    done = git(dest, "commit", "-q", "-m", "The example governance repository")
    assert done.returncode == 0, done.stderr
    return dest


def records_text(cwd: Path) -> dict[str, str]:
    systems = cwd / "systems"
    if not systems.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(systems.glob("*.yaml"))}


@dataclass
class Walkthrough:
    base: Path
    example: Path
    own: Path | None = None
    outcomes: dict[tuple[int, int], Outcome] = field(default_factory=dict)
    last_aigov: dict[Path, Outcome] = field(default_factory=dict)
    builds: dict[tuple[Path, tuple[str, ...]], dict[str, str]] = field(default_factory=dict)
    fresh: int = 0

    def fresh_dir(self) -> Path:
        self.fresh += 1
        path = self.base / f"empty-{self.fresh}"
        path.mkdir()
        return path

    def start_dir(self, block: Block) -> Path:
        if AUTHORING_HEADING in block.heading:
            assert self.own is not None, "the authoring examples need the quick start's own repo"
            return self.own
        return self.example

    def run_readme(self) -> None:
        for block in BLOCKS:
            cmds = command_lines(block)
            if cmds:
                self.run_block(block, cmds)

    def run_block(self, block: Block, cmds: list[CommandLine]) -> None:
        cwd = self.start_dir(block)
        for cmd in cmds:
            here, moved, stopped = cwd, False, ""
            for index, step in enumerate(cmd.steps):
                key = (cmd.line, index)
                if stopped:
                    self.outcomes[key] = Outcome(cmd, step, here, skipped=None, crash=stopped)
                    continue
                if step.program == "cd":
                    here, moved = (here / step.argv[1]).resolve(), True
                    if not here.is_dir():
                        stopped = f"`cd {step.argv[1]}`: no such folder in {here.parent}"
                    continue
                if reason := skip_reason(step):
                    self.outcomes[key] = Outcome(cmd, step, here, skipped=reason)
                    continue
                if step.is_aigov and step.argv[1:2] == ("init",):
                    here = self.fresh_dir()
                outcome = self.run(cmd, step, here)
                self.outcomes[key] = outcome
                if outcome.crash or outcome.exit_code != 0:
                    stopped = f"not reached: `{outcome.step.text()}` failed before it (&&)"
            if moved:
                cwd = here
                if (here / "mkdocs.yml").exists() or (here / "aigov.yaml").exists():
                    self.own = here

    def run(self, cmd: CommandLine, step: Step, cwd: Path) -> Outcome:
        outcome = Outcome(cmd, step, cwd, before=records_text(cwd))
        if not step.is_aigov:
            outcome.crash = f"the README runs {step.program!r}; test_readme.py does not know it"
            return outcome
        parsed = parse(step)
        if parsed.problems:
            outcome.crash = "; ".join(parsed.problems)
            return outcome
        previous = self.last_aigov.get(cwd)
        outcome.after_fmt = bool(
            previous
            and previous.step.argv[1:] == ("fmt",)
            and previous.exit_code == 0
            and previous.crash is None
        )
        if parsed.sub == "build":
            key = (cwd, step.argv)
            outcome.rebuild = self.builds.get(key) == outcome.before
            self.builds[key] = outcome.before
        prepare_files(step, parsed, cwd)
        revisions = parsed.positional[1:] if parsed.sub == "diff" else []
        if revisions and (reason := self.fetch_revisions(cwd, revisions)):
            outcome.skipped = reason
            return outcome
        args = list(step.argv[1:])
        given_input = None
        if parsed.sub == "new" and "answers_file" not in parsed.options:
            # What a reader typing this in a terminal gets: the questionnaire.
            args.append("--interactive")
            given_input = QUESTIONNAIRE_INPUT
        if as_process(cmd, step):
            outcome.how = "subprocess"
            proc = run_aigov(*args, cwd=cwd, timeout=300)
            outcome.exit_code, outcome.stdout, outcome.stderr = (
                proc.returncode,
                proc.stdout,
                proc.stderr,
            )
            if "Traceback (most recent call last)" in proc.stderr + proc.stdout:
                outcome.crash = "a traceback reached the user"
        else:
            outcome.how = "in-process"
            old = Path.cwd()
            os.chdir(cwd)
            try:
                result = CliRunner().invoke(cli, args, input=given_input, env={"NO_COLOR": "1"})
            finally:
                os.chdir(old)
            outcome.exit_code, outcome.stdout, outcome.stderr = (
                result.exit_code,
                result.stdout,
                result.stderr,
            )
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                assert result.exc_info is not None
                outcome.crash = "".join(traceback.format_exception(*result.exc_info))
        if step.redirect:
            (cwd / step.redirect).write_text(outcome.stdout, encoding="utf-8")
        self.last_aigov[cwd] = outcome
        if outcome.crash is None and outcome.exit_code in allowed_exits(parsed):
            # Judged now, before later README commands change the same files.
            try:
                outcome.problems = promises(outcome)
            except Exception:
                outcome.problems = [f"checking the outcome failed:\n{traceback.format_exc()}"]
        return outcome

    def fetch_revisions(self, cwd: Path, revisions: list[str]) -> str | None:
        """Bring a revision the README names (from this checkout's history) into the copy."""
        for rev in revisions:
            if git(cwd, "cat-file", "-e", f"{rev}^{{commit}}").returncode == 0:
                continue
            full = git(REPO, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
            if full.returncode != 0:
                return (
                    f"revision {rev} is not in this checkout's git history (a shallow clone or "
                    "an unpacked archive); test_diff_revision_is_the_approved_one still checks it"
                )
            fetched = git(cwd, "fetch", "-q", str(REPO), full.stdout.strip())
            assert fetched.returncode == 0, fetched.stderr
        return None


# --------------------------------------------------------------------------------------------
# What each command promises


def allowed_exits(parsed: Parsed) -> set[int]:
    """0 all good; 1 the records have problems, for commands that judge records."""
    return {0, 1} if judges_records(parsed) else {0}


def judges_records(parsed: Parsed) -> bool:
    return (
        parsed.sub in {"validate", "check"}
        or (parsed.sub == "fmt" and "check" in parsed.flags)
        or (parsed.sub == "build" and ("strict" in parsed.flags or "fail_on" in parsed.options))
        or (parsed.sub == "diff" and "exit_code" in parsed.flags)
    )


def load_one(path: Path, root: Path) -> LoadedRecord:
    project = load_project([path], root=root, jobs=1)
    assert len(project.records) == 1, project.all_diagnostics
    return project.records[0]


def string_leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in string_leaves(v)]
    if isinstance(value, list):
        return [s for v in value for s in string_leaves(v)]
    return []


def dig(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def full_line_comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def promised_files(out: Outcome) -> list[str]:
    """Files the README comment says the command writes (`cards/claims-triage.html`)."""
    return re.findall(r"(?<![\w/.-])((?:[\w.-]+/)+[\w.-]+\.\w+)", out.cmd.comment)


def imported_record(parsed: Parsed) -> str | None:
    """The record file `aigov import` writes when it creates one (-o, or systems/<--id>.yaml)."""
    if output := parsed.value("output"):
        return output
    if record_id := parsed.value("record_id"):
        return f"systems/{record_id}.yaml"
    return None


def records_after(out: Outcome, name: str) -> LoadedRecord:
    return load_one(out.cwd / "systems" / f"{name}.yaml", out.cwd)


def promises_build(out: Outcome, parsed: Parsed) -> list[str]:
    problems = []
    site = out.cwd / (parsed.value("site_dir") or "site")
    if out.exit_code == 0 and not (site / "index.html").is_file():
        problems.append(f"no {site.name}/index.html after the build")
    if not (out.cwd / ".aigov-build" / "docs").is_dir():
        problems.append("no generated pages in .aigov-build/docs")
    if out.rebuild and not re.search(r"\b0 rewritten\b", out.stdout):
        problems.append('"Only changed pages are rewritten": nothing changed, yet pages were')
    return problems


def promises_card(out: Outcome, parsed: Parsed) -> list[str]:
    problems = []
    fmt = parsed.value("fmt") or "md"
    system = positional_of(parsed, "system") or ""
    output = parsed.value("output")
    if output is None:
        if fmt == "json":
            json.loads(out.stdout)
        elif fmt == "md" and not out.stdout.startswith("# "):
            problems.append("the Markdown card does not start with a title")
        return problems
    target = out.cwd / output
    if output.endswith("/"):
        target = target / ("README.md" if fmt == "hf" else f"{system}.{fmt}")
    if not target.is_file():
        return [f"{target.relative_to(out.cwd)} was not written"]
    if fmt == "docx":  # a Word document: a zip whose main part is the document body
        with zipfile.ZipFile(target) as z:
            if "word/document.xml" not in z.namelist():
                problems.append("the Word card has no document body")
        return problems
    text = target.read_text(encoding="utf-8")
    if fmt == "hf" and "model-index" not in text:
        problems.append("the Hugging Face README has no model-index")
    if parsed.value("audience") == "public":
        problems += promises_public_card(out, system, fmt, text)
    return problems


def promises_public_card(out: Outcome, system: str, fmt: str, public: str) -> list[str]:
    """ "Leaves out what `visibility` marks internal": the internal card shows it, this not."""
    record = records_after(out, system)
    internal_paths = (record.data.get("visibility") or {}).get("internal") or []
    secrets = [
        s for p in internal_paths for s in string_leaves(dig(record.data, p)) if len(s) >= 24
    ]
    if not secrets:
        return [f"{system} marks nothing internal: the README's public card example shows nothing"]
    old = Path.cwd()
    os.chdir(out.cwd)
    try:
        internal = CliRunner().invoke(cli, ["card", system, "-f", fmt]).stdout
    finally:
        os.chdir(old)
    shown = [s for s in secrets if str(escape(s)) in internal]
    leaked = [s for s in secrets if str(escape(s)) in public]
    problems = [f"the public card shows internal text: {s!r}" for s in leaked]
    if not shown:
        problems.append("the internal card shows none of the internal texts (nothing was tested)")
    return problems


def promises_report(out: Outcome, parsed: Parsed) -> list[str]:
    """validate, check and diff: machine-readable output parses; annotations; gate lists."""
    problems = []
    fmt = parsed.value("fmt")
    if fmt in {"json", "sarif"}:
        redirect = out.step.redirect
        data = json.loads((out.cwd / redirect).read_text() if redirect else out.stdout)
        if fmt == "sarif" and data.get("version") != "2.1.0":
            problems.append("not SARIF 2.1.0")
        if parsed.sub == "diff" and parsed.options.get("files"):
            fields = {c.get("field") for c in data.get("changes", [])}
            if not {"version", "lifecycle.stage"} <= fields:
                problems.append(f"the changes made for new.yaml are not all reported: {fields}")
    if fmt == "github":
        for line in filter(None, out.stdout.splitlines()):
            if not line.startswith(("::error ", "::warning ", "::notice ")):
                problems.append(f"not a GitHub annotation: {line!r}")
    if (gate := parsed.value("gate")) and f"→ {gate}" not in out.stdout:
        problems.append(f"no checklist for the {gate} gate")
    revisions = parsed.positional[1:] if parsed.sub == "diff" else []
    if revisions and f"from: {revisions[0]}" not in out.stdout:
        problems.append(f"the diff does not start from {revisions[0]}")
    return problems


def promises_rules(out: Outcome, parsed: Parsed) -> list[str]:
    rule_id = positional_of(parsed, "rule_id")
    if rule_id:
        lines = out.stdout.splitlines()
        return [
            f"`aigov rules {rule_id}` has no {section!r} section"
            for section in ("Why", "Applies to", "How to fix", "Example")
            if section not in lines
        ]
    missing = [r.id for r in all_rules() if r.id not in out.stdout]
    return [f"`aigov rules` does not list {missing}"] if missing else []


def promises_explain(out: Outcome, parsed: Parsed) -> list[str]:
    field_name = positional_of(parsed, "field") or ""
    first = out.stdout.splitlines()[0] if out.stdout else ""
    return [] if field_name in first else [f"the explanation does not start with {field_name!r}"]


def promises_init(out: Outcome, parsed: Parsed) -> list[str]:
    folder = out.cwd / (positional_of(parsed, "directory") or ".")
    problems = [
        f"`aigov init` wrote no {name}"
        for name in ("aigov.yaml", "mkdocs.yml", "systems", "schemas")
        if not (folder / name).exists()
    ]
    if (name := parsed.value("site_name")) and (folder / "mkdocs.yml").exists():
        site_name = yaml.safe_load((folder / "mkdocs.yml").read_text()).get("site_name")
        if site_name != name:
            problems.append(f"site_name is {site_name!r}, not {name!r}")
    return problems


def promises_new(out: Outcome, parsed: Parsed) -> list[str]:
    record_id = positional_of(parsed, "record_id") or ""
    path = out.cwd / "systems" / f"{record_id}.yaml"
    if not path.is_file():
        return [f"no systems/{record_id}.yaml"]
    loaded = load_one(path, out.cwd)
    if not loaded.valid or loaded.record is None:
        return [f"the new record is not valid: {loaded.diagnostics}"]
    problems = []
    stage = loaded.record.lifecycle.stage if loaded.record.lifecycle else None
    if (wanted := parsed.value("stage")) and stage != wanted:
        problems.append(f"the new record is at {stage}, not {wanted}")
    if answers_file := parsed.value("answers_file"):
        answers = yaml.safe_load((out.cwd / answers_file).read_text())
        if loaded.record.name != answers["name"]:
            problems.append("the record does not carry the answers' name")
    elif QUESTIONNAIRE_SUMMARY not in path.read_text(encoding="utf-8"):
        problems.append("the summary typed into the questionnaire is not in the record")
    return problems


def promises_fmt(out: Outcome, parsed: Parsed) -> list[str]:
    problems = []
    if "check" in parsed.flags:
        if out.after_fmt and out.exit_code != 0:
            problems.append("`aigov fmt --check` right after `aigov fmt` still finds work")
        if out.exit_code == 1 and "+++" not in out.stdout + out.stderr:
            problems.append("exit 1 but no diff")
        return problems
    for name, before in out.before.items():
        after = (out.cwd / "systems" / name).read_text(encoding="utf-8")
        lost = set(full_line_comments(before)) - set(full_line_comments(after))
        if lost:
            problems.append(f"`aigov fmt` dropped comments from {name}: {sorted(lost)}")
    return problems


def components(loaded: LoadedRecord) -> int:
    approach = loaded.record.approach if loaded.record else None
    return len(approach.components) if approach else 0


def promises_import(out: Outcome, parsed: Parsed) -> list[str]:
    if into := parsed.value("into"):
        before = yaml.safe_load(out.before[f"{into}.yaml"])
        count = len(dig(before, "approach.components") or [])
        after = records_after(out, into)
        return [] if components(after) == count + 1 else [f"{into} gained no model component"]
    written = imported_record(parsed)
    if written is None:
        return ["no --into, --id or -o: cannot tell which record the import wrote"]
    if not (out.cwd / written).is_file():
        return [f"the import wrote no {written}"]
    loaded = load_one(out.cwd / written, out.cwd)
    return [] if loaded.valid else [f"{written} is not a valid record: {loaded.diagnostics}"]


def promises_approve(out: Outcome, parsed: Parsed) -> list[str]:
    loaded = records_after(out, positional_of(parsed, "system") or "")
    wanted = (parsed.value("role"), parsed.value("reviewer"), parsed.value("decision"))
    matching = [
        s
        for s in loaded.data.get("signoffs", [])
        if (s.get("role"), s.get("reviewer"), s.get("decision")) == wanted
        and s.get("record_hash") == loaded.content_hash
    ]
    memo = parsed.value("evidence")
    if memo:  # the review memo is kept with the sign-off
        matching = [
            s
            for s in matching
            if memo in [e.get("path") or e.get("url") for e in s.get("evidence", [])]
        ]
    return [] if matching else [f"no {wanted} sign-off bound to the record's current content"]


def promises_schema(out: Outcome, parsed: Parsed) -> list[str]:
    if not out.step.redirect:
        return [] if json.loads(out.stdout) else ["an empty schema"]
    written = (out.cwd / out.step.redirect).read_text(encoding="utf-8")
    committed = (REPO / out.step.redirect).read_text(encoding="utf-8")
    if written != committed:
        return [f"{out.step.redirect} in the repository is not what `aigov schema` prints"]
    return []


def promises_export_document(out: Outcome, parsed: Parsed) -> list[str]:
    """A document of the kind named, opening with its coverage table; JSON valid against its
    schema; a public edition without the record's internal texts."""
    import jsonschema

    from aigov.paths import schemas_dir

    kind = parsed.names[1] if len(parsed.names) > 1 else ""
    if kind == "crosswalk":
        return promises_crosswalk(out, parsed)
    fmt = parsed.value("fmt") or "md"
    system = positional_of(parsed, "system") or ""
    output = parsed.value("output")
    if output is None:
        text = out.stdout
    else:
        target = out.cwd / output
        if output.endswith("/"):
            target = target / (f"{system}-{kind}.{fmt}" if system else f"{kind}.{fmt}")
        if not target.is_file():
            return [f"{target.relative_to(out.cwd)} was not written"]
        if fmt == "docx":
            with zipfile.ZipFile(target) as z:
                return [] if "word/document.xml" in z.namelist() else ["no Word document body"]
        text = target.read_text(encoding="utf-8")
    if fmt == "json":
        schema = json.loads((schemas_dir() / "exports" / f"{kind}.schema.json").read_text())
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(text)))
        return [f"the {kind} JSON does not validate: {e.message}" for e in errors[:3]]
    problems = [] if "Coverage of" in text else [f"the {kind} document has no coverage table"]
    if parsed.value("audience") == "public":
        record = records_after(out, system)
        internal_paths = (record.data.get("visibility") or {}).get("internal") or []
        secrets = [
            s for p in internal_paths for s in string_leaves(dig(record.data, p)) if len(s) >= 24
        ]
        old = Path.cwd()
        os.chdir(out.cwd)
        try:
            internal = CliRunner().invoke(cli, ["export", kind, system, "-f", fmt]).stdout
        finally:
            os.chdir(old)
        if not [s for s in secrets if str(escape(s)) in internal]:
            problems.append("the internal export shows none of the internal texts (nothing tested)")
        problems += [
            f"the public export shows internal text: {s!r}"
            for s in secrets
            if str(escape(s)) in text
        ]
    return problems


def promises_crosswalk(out: Outcome, parsed: Parsed) -> list[str]:
    """`aigov export crosswalk` wrote an SSSOM mapping set (to -o DIR/crosswalk.sssom.tsv)."""
    output = parsed.value("output")
    if output is None:
        text = out.stdout
    else:
        target = out.cwd / output
        if output.endswith("/"):
            target = target / "crosswalk.sssom.tsv"
        if not target.is_file():
            return [f"{target.relative_to(out.cwd)} was not written"]
        text = target.read_text(encoding="utf-8")
    return [] if text.startswith("#curie_map:") else ["not an SSSOM TSV mapping set"]


DATA_EXPORTS = frozenset({"cyclonedx", "audit-pack"})


def promises_data_export(out: Outcome, parsed: Parsed) -> list[str]:
    """An export writes what it names: the CycloneDX BOM validates against the official
    schema, the audit pack's manifest verifies; any other kind writes a non-empty output."""
    kind = parsed.names[1] if len(parsed.names) > 1 else ""
    output = parsed.value("output")
    if kind == "audit-pack":
        target = out.cwd / (output or "")
        if output and output.endswith(".zip"):
            with zipfile.ZipFile(target) as z:
                top = target.stem
                sums = z.read(f"{top}/SHA256SUMS").decode("utf-8").splitlines()
                bad = [
                    line
                    for line in sums
                    if hashlib.sha256(z.read(f"{top}/{line.split('  ', 1)[1]}")).hexdigest()
                    != line.split("  ", 1)[0]
                ]
            return [f"the pack's SHA256SUMS does not match: {bad[:3]}"] if bad else []
        return [] if (target / "SHA256SUMS").is_file() else ["the pack has no SHA256SUMS"]
    system = positional_of(parsed, "system") or ""
    if output is None:
        return [] if out.stdout.strip() else ["the export printed nothing"]
    target = out.cwd / output
    if output.endswith("/"):
        found = sorted(target.glob(f"{system}-{kind}*"))
        if not found:
            return [f"no {system}-{kind} file in {output}"]
        target = found[0]
    if not target.is_file() or not target.stat().st_size:
        return [f"{output} was not written"]
    if kind == "cyclonedx":
        from aigov.exports.cyclonedx import validate_bom

        problems = validate_bom(target.read_text(encoding="utf-8"))
        return [f"the BOM does not validate: {problems[0]}"] if problems else []
    return []


def promises_export_register(out: Outcome, parsed: Parsed) -> list[str]:
    """A register export: the Algoritmeregister entry on standard output validates against
    the vendored configuration; the ATRS page written to -o DIR/ holds the template's fields."""
    from aigov.exports.algoritmeregister import schema_errors

    kind = parsed.names[1] if len(parsed.names) > 1 else ""
    if kind == "algoritmeregister":
        errors = schema_errors(json.loads(out.stdout), parsed.value("form") or "register")
        return [f"the entry does not validate: {e}" for e in errors]
    if kind == "atrs":
        target = parsed.value("output") or ""
        system = positional_of(parsed, "system") or ""
        path = (
            out.cwd / target / f"{system}-atrs.html" if target.endswith("/") else out.cwd / target
        )
        if not path.is_file():
            return [f"the ATRS export wrote no {path.relative_to(out.cwd)}"]
        page = path.read_text(encoding="utf-8")
        return [] if "2.5.2 Risks and mitigations" in page else ["the ATRS page misses 2.5.2"]
    return [f"test_readme.py has no checks for `aigov export {kind}`"]


def promises_export(out: Outcome, parsed: Parsed) -> list[str]:
    """`aigov export KIND`: each family of kinds has its own promises."""
    kind = parsed.names[1] if len(parsed.names) > 1 else ""
    if kind in ("algoritmeregister", "atrs"):
        return promises_export_register(out, parsed)
    if kind in DATA_EXPORTS:
        return promises_data_export(out, parsed)
    return promises_export_document(out, parsed)


def promises_results(out: Outcome, parsed: Parsed) -> list[str]:
    """`results add`: a dry run says what it would add and leaves the record as it was; a
    real run leaves a valid record."""
    system = positional_of(parsed, "system") or ""
    problems = [] if out.exit_code == 0 else [f"exited {out.exit_code}"]
    if "dry_run" in parsed.flags:
        if out.before.get(f"{system}.yaml") != records_text(out.cwd).get(f"{system}.yaml"):
            problems.append("--dry-run changed the record")
        if not re.search(r"would add [1-9]\d* results?", out.stdout):
            problems.append("the dry run does not say what it would add")
    elif not records_after(out, system).valid:
        problems.append(f"{system} is not a valid record after the results were added")
    return problems


PROMISES: dict[str, Callable[[Outcome, Parsed], list[str]]] = {
    "build": promises_build,
    "card": promises_card,
    "validate": promises_report,
    "check": promises_report,
    "diff": promises_report,
    "rules": promises_rules,
    "explain": promises_explain,
    "init": promises_init,
    "new": promises_new,
    "fmt": promises_fmt,
    "import": promises_import,
    "approve": promises_approve,
    "schema": promises_schema,
    "export": promises_export,
    "results": promises_results,
}


def promises(out: Outcome) -> list[str]:
    """What the command and its README comment promise, checked on what it did."""
    parsed = parse(out.step)
    problems = [
        f"the README comment promises {path}, which was not written"
        for path in promised_files(out)
        if not (out.cwd / path).is_file()
    ]
    check = PROMISES.get(parsed.sub)
    if check is None:
        return [*problems, f"test_readme.py has no checks for `aigov {parsed.sub}`"]
    return problems + check(out, parsed)
