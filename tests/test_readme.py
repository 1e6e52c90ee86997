"""The README stays true: its quick start, every `aigov` command it shows, the ids, paths and
links it names, and the concepts it explains.

Every command line in a README code block is parsed (tests/readme_doc.py) and

1. checked against the click command objects: the subcommand exists, every option is an
   option of that command, option values are allowed choices;
2. run for real, in README order, the way a reader would type them:
   - in a copy of this repository's example governance repo (`systems/`, `evidence/`,
     `mkdocs.yml`, `schemas/`, as a git repository), because the quick start starts "from a
     clone of this repository";
   - `aigov init` runs in a fresh empty folder; a `cd` on the same line follows it there and
     that folder becomes "your own repository";
   - the authoring section (`aigov new`, `fmt`, `import`, `explain`) runs in that repository of
     your own, as a reader who followed "To start your own governance repository" would;
   - files a README example names but does not ship (`answers.yaml`, `old.yaml`, a Hugging
     Face `README.md`, a Model Card Toolkit `model_card.json`) are created first: realistic
     answers, two versions of a real record, the vendored real-world cards of
     tests/authoring/fixtures/.
   The quick start's commands and every command with a `>` redirect run as real processes;
   the rest run in this process through click's runner (the real CLI, minus the interpreter
   start-up). Each must exit 0, or 0/1 where it judges records, never 2, never a traceback,
   and must do what its README comment says (write the file it names, print JSON, keep
   comments, ...).

Not run, each with its reason in `tests.readme_run.skip_reason`: `pip install ...`, `make ...`, `aigov serve`
and PDF cards.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import tempfile
import time
import tomllib
import traceback
from pathlib import Path

import click
import pytest
import yaml

from aigov import __version__
from aigov.checks import get_rule
from aigov.cli import COMMANDS, cli
from aigov.model import EUTier, Stage
from aigov.paths import templates_dir
from aigov.site.engines import ENGINE_INFO
from tests.conftest import REPO, run_aigov
from tests.readme_doc import (
    Block,
    CommandLine,
    Step,
    command_lines,
    inline_code,
    links,
    steps_of,
    table_under,
)
from tests.readme_run import (
    AUTHORING_HEADING,
    BLOCKS,
    LINES,
    QUICK_START,
    README,
    Walkthrough,
    allowed_exits,
    copy_example_repo,
    imported_record,
    load_one,
    parse,
    positional_of,
)

# Paths the README mentions in inline code that are not in this repository on purpose:
# what the commands write (test_paths_the_commands_write checks them after the walkthrough).
WRITTEN_IN_EXAMPLE = {  # by the quick start build and the README's other builds
    "site/",
    "site/index.html",
    "site/registers/nist-ai-600-1.html",
    ".aigov-build/",
    ".aigov-build/public/",  # by `aigov build --audience public`
}
# Each engine's search index, a path inside the built site (tests/test_audience.py builds with
# every engine and finds it there); test_search_indexes_are_the_engines checks the README's.
SEARCH_INDEXES = {engine.search_index for engine in ENGINE_INFO.values()}
WRITTEN_IN_OWN = {"aigov.yaml"}  # by `aigov init`: "aigov init writes one"
USERS_OWN = {"docs/"}  # extra MkDocs pages a governance repo may have; the examples have none


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory: pytest.TempPathFactory) -> Walkthrough:
    """The README, run once per test session, even when xdist splits this module between
    workers: the first worker runs it, the others wait for its pickled result."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    result, lock = shared / "readme-walkthrough.pickle", shared / "readme-walkthrough.lock"
    try:
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        deadline = time.monotonic() + 900
        while not result.exists():
            if time.monotonic() > deadline:
                pytest.fail("another worker holds the README walkthrough and never finished it")
            time.sleep(0.2)
        walk = pickle.loads(result.read_bytes())
        if isinstance(walk, str):
            pytest.fail(f"the README walkthrough failed in another worker:\n{walk}")
        assert isinstance(walk, Walkthrough)
        return walk
    try:
        base = Path(tempfile.mkdtemp(prefix="readme-", dir=shared))
        walk = Walkthrough(base, copy_example_repo(base / "clone"))
        walk.run_readme()
        payload: Walkthrough | str = walk
    except BaseException:
        payload = traceback.format_exc()
        raise
    finally:
        partial = result.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(payload))
        os.replace(partial, result)
    return walk


# --------------------------------------------------------------------------------------------
# 1. The quick start


def quick_start_lines() -> list[CommandLine]:
    assert QUICK_START is not None, "the README has no Quick start code block"
    return command_lines(QUICK_START)


def test_quick_start_leads_with_the_governance_repository_path() -> None:
    """A product manager reads the first block: it starts her own repository; the
    contributor's two commands come after it."""
    blocks = [b for b in BLOCKS if b.heading == "Quick start" and command_lines(b)]
    assert len(blocks) == 2 and blocks[1] is QUICK_START
    first = [s.argv[:2] for c in command_lines(blocks[0]) for s in c.steps if s.is_aigov]
    assert first[0] == ("aigov", "init") and ("aigov", "check") in first


def test_quick_start_test_command_is_what_ci_runs() -> None:
    cmds = quick_start_lines()
    assert [c.steps for c in cmds] == [
        (Step(("pip", "install", "-e", ".")), Step(("aigov", "build"))),
        (Step(("make", "test")),),
    ], "the Quick start block changed: keep it the two commands CI and users run"
    ci = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci[-1] == "make test", f".ci/run must end with the README's test command: {ci}"
    assert not [x for x in ci if re.search(r"\b(pip|pytest|python)\b", x)], ".ci/run adds steps"

    makefile = (REPO / "Makefile").read_text()
    recipe = re.search(r"^test:[^\n]*\n((?:\t[^\n]*\n?)+)", makefile, re.M)
    assert recipe, "the Makefile has no `test` target"
    lines = [line.strip() for line in recipe.group(1).splitlines()]
    assert any(re.search(r"pip install .*-e\s+'?\.\[test\]'?", line) for line in lines), lines
    assert any(line.startswith("bash scripts/install-test-deps.sh") for line in lines), lines
    assert any(re.search(r"-m pytest\b", line) for line in lines), lines
    assert (REPO / "scripts" / "install-test-deps.sh").is_file()
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "test" in extras["optional-dependencies"], "make test installs .[test]"


def test_quick_start_build_writes_the_site_from_the_five_examples(walkthrough: Walkthrough) -> None:
    (line,) = [c for c in quick_start_lines() if Step(("aigov", "build")) in c.steps]
    out = walkthrough.outcomes[(line.line, line.steps.index(Step(("aigov", "build"))))]
    assert out.how == "subprocess"
    assert out.crash is None and out.exit_code == 0, out.show()
    assert (out.cwd / "site" / "index.html").is_file(), out.show()
    assert (out.cwd / ".aigov-build" / "docs").is_dir()
    examples = sorted((REPO / "systems").glob("*.yaml"))
    assert len(examples) == 5, "the README speaks of the five example records in systems/"
    assert "from 5 systems" in out.stdout, out.show()
    assert re.search(r"aigov serve\b", out.stdout), "the build should point at `aigov serve`"


def test_quick_start_preview_address() -> None:
    assert "http://127.0.0.1:8000" in README
    serve = cli.get_command(click.Context(cli), "serve")
    assert serve is not None
    (dev_addr,) = [p for p in serve.params if p.name == "dev_addr"]
    assert dev_addr.default == "127.0.0.1:8000"


def test_your_own_repository_is_initialised(walkthrough: Walkthrough) -> None:
    assert walkthrough.own is not None, "the `aigov init ... && cd ...` line made no repository"
    assert (walkthrough.own / "aigov.yaml").is_file()  # the README's `aigov.yaml` comes from here
    assert (walkthrough.own / "site" / "index.html").is_file()


# --------------------------------------------------------------------------------------------
# 2. Every command line


AIGOV_STEPS = [(cmd, i, s) for cmd in LINES for i, s in enumerate(cmd.steps) if s.is_aigov]
RUN_STEPS = [(cmd, i, s) for cmd in LINES for i, s in enumerate(cmd.steps) if s.program != "cd"]


def step_id(item: tuple[CommandLine, int, Step]) -> str:
    cmd, _, step = item
    return f"L{cmd.line} {step.text()}"


def test_the_readme_has_commands_to_check() -> None:
    """Guards the parser: a README with no commands found would pass everything below."""
    shown = {s.argv[1] for _, _, s in AIGOV_STEPS if len(s.argv) > 1}
    assert len(AIGOV_STEPS) >= 30
    assert shown == set(COMMANDS), f"commands without a README example: {set(COMMANDS) - shown}"


@pytest.mark.parametrize("item", AIGOV_STEPS, ids=[step_id(i) for i in AIGOV_STEPS])
def test_command_uses_real_options(item: tuple[CommandLine, int, Step]) -> None:
    _, _, step = item
    parsed = parse(step)
    assert parsed.command is not None and not parsed.problems, parsed.problems


@pytest.mark.parametrize(
    "span", [s for s in inline_code(README) if s.startswith("aigov ")], ids=str
)
def test_inline_command_uses_real_options(span: str) -> None:
    for step in steps_of(span):
        parsed = parse(step, complete=False)
        assert parsed.command is not None and not parsed.problems, parsed.problems


@pytest.mark.parametrize("item", RUN_STEPS, ids=[step_id(i) for i in RUN_STEPS])
def test_command_runs_as_documented(
    walkthrough: Walkthrough, item: tuple[CommandLine, int, Step]
) -> None:
    cmd, index, step = item
    out = walkthrough.outcomes.get((cmd.line, index))
    assert out is not None, f"README line {cmd.line} was never run"
    if out.skipped:
        pytest.skip(out.skipped)
    assert out.crash is None, f"{out.crash}\n{out.show()}"
    allowed = allowed_exits(parse(step))
    assert out.exit_code in allowed, f"exit {out.exit_code}, documented {allowed}\n{out.show()}"
    assert "Traceback" not in out.stdout + out.stderr, out.show()
    assert not out.problems, "\n".join(out.problems) + "\n" + out.show()


# --------------------------------------------------------------------------------------------
# Blocks that are not commands


def test_validate_output_example_is_what_validate_prints(tmp_path: Path) -> None:
    """The sample output under `aigov validate`, produced for real: claims-triage with its
    lifecycle stage mistyped as `prod`."""
    (sample,) = [
        b
        for b in BLOCKS
        if b.lang == "" and "AIG-SCHEMA-ENUM" in b.text and "aigov validate" in b.heading
    ]
    first = sample.text.splitlines()[0]
    match = re.match(r"(systems/[\w-]+\.yaml):(\d+):(\d+): ", first)
    assert match, first
    (tmp_path / "systems").mkdir()
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    text = (REPO / match.group(1)).read_text(encoding="utf-8")
    broken = re.sub(r"^(lifecycle:\n  stage: )\w+", r"\g<1>prod", text, count=1, flags=re.M)
    assert broken != text, f"{match.group(1)} has no `lifecycle:` followed by `  stage:`"
    (tmp_path / match.group(1)).write_text(broken, encoding="utf-8")
    out = run_aigov("validate", cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    for line in sample.text.splitlines():
        assert line in out.stdout.splitlines(), (
            f"the README shows\n  {line}\nbut aigov validate prints\n{out.stdout}\n"
            "(if the example record moved, update the line:col in the README)"
        )


def record_sample() -> Block:
    (block,) = [b for b in BLOCKS if b.lang == "yaml" and "schema_version:" in b.text]
    return block


def test_record_sample_is_a_valid_record(tmp_path: Path) -> None:
    """ "A record starts like this": a reader can copy it and `aigov validate` passes."""
    data = yaml.safe_load(record_sample().text)
    (tmp_path / "systems").mkdir()
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "systems" / f"{data['id']}.yaml").write_text(record_sample().text)
    out = run_aigov("validate", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "$schema=../schemas/aigov-record.schema.json" in record_sample().text.splitlines()[0]
    assert (REPO / "schemas" / "aigov-record.schema.json").is_file()


def test_pre_commit_and_ci_snippets() -> None:
    (hooks_block,) = [b for b in BLOCKS if ".pre-commit-config.yaml" in b.text]
    config = yaml.safe_load(hooks_block.text)
    (repo,) = config["repos"]
    assert repo["rev"] == f"v{__version__}", "the pre-commit rev should be the current release"
    offered = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    for hook in repo["hooks"]:
        assert hook["id"] in offered, f"no pre-commit hook {hook['id']!r} in .pre-commit-hooks.yaml"


def test_make_targets_named_in_the_readme_exist() -> None:
    targets = set(re.findall(r"^([\w-]+):", (REPO / "Makefile").read_text(), re.M))
    named = {s.split()[1] for s in inline_code(README) if re.fullmatch(r"make [\w-]+", s)}
    assert named and named <= targets, named - targets


# --------------------------------------------------------------------------------------------
# 3. Ids, models and paths


def test_rule_ids_exist() -> None:
    ids = set(re.findall(r"\bAIG-[A-Z]+(?:-[A-Z]+)?-\d{3}\b", README))
    assert ids, "the README names no rule"
    assert {i for i in ids if get_rule(i) is None} == set()


def created_by_readme() -> set[str]:
    """Record files the README's own commands write (`new ID`, `import ... -o FILE`)."""
    made = set()
    for _, _, step in AIGOV_STEPS:
        parsed = parse(step)
        if parsed.sub == "new" and (rid := positional_of(parsed, "record_id")):
            made.add(f"systems/{rid}.yaml")
        if parsed.sub == "import" and (written := imported_record(parsed)):
            made.add(written)
    return made


def example_steps() -> list[Step]:
    return [
        s
        for cmd, _, s in AIGOV_STEPS
        if AUTHORING_HEADING not in cmd.block.heading and cmd.block.heading != "Quick start"
    ]


def test_system_ids_exist() -> None:
    examples = {p.stem for p in (REPO / "systems").glob("*.yaml")}
    named: set[str] = set()
    for step in example_steps():
        parsed = parse(step)
        for arg in ("system", "target"):
            if parsed.sub in {"card", "approve", "diff"} and (value := positional_of(parsed, arg)):
                named.add(value)
    paths = set(re.findall(r"\bsystems/([a-z0-9-]+)\.yaml\b", README))
    created = {Path(p).stem for p in created_by_readme()}
    named |= paths - created
    assert named, "the README names no example system"
    assert named - examples == set(), f"not in systems/: {named - examples}"


def test_model_ids_exist() -> None:
    used = [
        (positional_of(p, "system"), p.value("model"))
        for p in map(parse, example_steps())
        if p.value("model")
    ]
    assert used, "the README shows no model card"
    for system, model in used:
        loaded = load_one(REPO / "systems" / f"{system}.yaml", REPO)
        assert loaded.record is not None and loaded.record.approach is not None
        ids = [c.id for c in loaded.record.approach.components]
        assert model in ids, f"{system} has no model {model!r} (it has {ids})"


def test_diff_revision_is_the_approved_one() -> None:
    """`aigov diff claims-triage 791d2f4  # … since the approved revision`."""
    for step in example_steps():
        parsed = parse(step)
        if parsed.sub == "diff" and len(parsed.positional) == 2:
            system, rev = parsed.positional
            data = yaml.safe_load((REPO / "systems" / f"{system}.yaml").read_text())
            revisions = {str(s.get("revision")) for s in data["signoffs"]}
            assert rev in revisions, f"{system}'s sign-offs approve {revisions}, not {rev}"
            return
    pytest.fail("the README shows no `aigov diff SYSTEM REVISION`")


def test_linked_files_exist() -> None:
    targets = [t for t in links(README) if not re.match(r"[a-z]+:", t)]
    assert any(t.startswith("media/") for t in targets)
    missing = [t for t in targets if not (REPO / t.split("#")[0]).exists()]
    assert missing == []


def looks_like_path(span: str) -> bool:
    return bool(re.fullmatch(r"\.?[\w-]+(\.[\w]+|/([\w.-]+/?)*)", span)) and (
        "/" in span or "." in span.lstrip(".")
    )


IN_REPO = sorted(
    {s for s in inline_code(README) if looks_like_path(s)}
    - WRITTEN_IN_EXAMPLE
    - WRITTEN_IN_OWN
    - USERS_OWN
    - SEARCH_INDEXES
)


def test_search_indexes_are_the_engines() -> None:
    """The README names every engine's search index as aigov's engine table has it."""
    assert SEARCH_INDEXES - set(inline_code(README)) == set()


@pytest.mark.parametrize("span", IN_REPO)
def test_inline_paths_exist(span: str) -> None:
    assert (REPO / span).exists(), f"the README names `{span}`, which is not in the repository"


def test_paths_the_commands_write(walkthrough: Walkthrough) -> None:
    named = {s for s in inline_code(README) if looks_like_path(s)}
    assert named & WRITTEN_IN_EXAMPLE and named & WRITTEN_IN_OWN
    for span in named & WRITTEN_IN_EXAMPLE:
        assert (walkthrough.example / span).exists(), span
    assert walkthrough.own is not None
    for span in named & WRITTEN_IN_OWN:
        assert (walkthrough.own / span).exists(), span


def test_template_override_example_names_a_real_template() -> None:
    names = re.findall(r'extends "default:([\w.]+)"', README)
    assert names
    for name in names:
        assert (templates_dir() / name).is_file(), name


def test_formats_named_in_the_readme_are_offered() -> None:
    ctx = click.Context(cli)

    def choices(command: str, option: str) -> set[str]:
        cmd = cli.get_command(ctx, command)
        assert cmd is not None
        (param,) = [p for p in cmd.params if p.name == option]
        assert isinstance(param.type, click.Choice)
        return {str(c) for c in param.type.choices}

    assert {"json", "sarif", "junit", "github"} <= choices("check", "fmt")
    assert {"md", "html", "pdf", "json", "hf"} <= choices("card", "fmt")


# --------------------------------------------------------------------------------------------
# 4. Concepts


def concept_rows() -> dict[str, str]:
    rows = table_under(README, "Concepts")
    return {re.sub(r"\*", "", r[0]).strip(): r[1] for r in rows if len(r) >= 2}


def test_concept_table_names_every_concept() -> None:
    rows = concept_rows()
    required = {"record", "rule", "tier", "gate", "card", "site"}
    assert required <= set(rows), f"missing concepts: {required - set(rows)}"
    for name, text in rows.items():
        assert len(text.split()) >= 12, f"the {name} concept is not explained"


def test_concepts_agree_with_the_model() -> None:
    rows = concept_rows()
    assert " → ".join(s.value for s in Stage) in rows["gate"]
    assert " / ".join(t.value for t in EUTier) in rows["tier"]
    assert "`aigov rules`" in rows["rule"] and "aigov.yaml" in rows["rule"]
    for word in ("Markdown", "HTML", "PDF", "JSON", "Hugging Face"):
        assert word in rows["card"], word


# --------------------------------------------------------------------------------------------
# The parser itself


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aigov check   # what is missing?", [("aigov", "check")]),
        ('aigov explain "MEASURE 2.11"', [("aigov", "explain", "MEASURE 2.11")]),
        ("aigov init g && cd g", [("aigov", "init", "g"), ("cd", "g")]),
        ("aigov new x --set 'tags=[a#b]'", [("aigov", "new", "x", "--set", "tags=[a#b]")]),
        ("aigov check --format sarif > out.sarif", [("aigov", "check", "--format", "sarif")]),
    ],
)
def test_parser_reads_shell_lines(text: str, expected: list[tuple[str, ...]]) -> None:
    (cmd,) = command_lines(Block("sh", "t", 1, text))
    assert [s.argv for s in cmd.steps] == expected


def test_parser_joins_continuations_and_redirects() -> None:
    block = Block(
        "sh", "t", 10, "aigov card a \\\n  -f html \\\n  -o out/  # c\n\naigov schema > s.json"
    )
    first, second = command_lines(block)
    assert first.line == 10 and first.steps[0].argv == (
        "aigov",
        "card",
        "a",
        "-f",
        "html",
        "-o",
        "out/",
    )
    assert first.comment == "c"
    assert second.steps[0].redirect == "s.json" and second.line == 14


def test_parser_finds_unknown_options() -> None:
    assert parse(Step(("aigov", "check", "--no-such-option"))).problems
    assert parse(Step(("aigov", "card", "x", "-f", "xlsx"))).problems
    assert parse(Step(("aigov", "frobnicate"))).problems
    assert parse(Step(("aigov", "import", "hf", "c.md", "--into", "x"))).problems == []
    assert parse(Step(("aigov", "check", "--gate", "STAGE"))).problems == []
