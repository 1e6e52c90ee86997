"""`--format markdown`: findings and gate checklists as GitHub task lists, read back with a
CommonMark parser (markdown-it-py) the way a ticket tracker reads them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from aigov.authoring.new import assemble, create
from aigov.authoring.questionnaire import kinds
from aigov.authoring.scaffold import init_repository
from aigov.model import Stage
from tests.conftest import run_aigov

markdown_it = pytest.importorskip("markdown_it")

TASK = re.compile(r"\[( |x)\] ")


def _repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    day = dt.date(2026, 12, 3)
    data = assemble(
        "support-copilot",
        stage=Stage.MVP,
        today=day,
        kind=kinds()["generative-assistant"],
        settings={"name": "Support copilot", "owner.team": "Support"},
    )
    create(tmp_path, data, today=day)
    return tmp_path


def _tasks(text: str) -> list[tuple[bool, str, list[str]]]:
    """(done, the item's first paragraph, the code blocks inside it) of each top-level task."""
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    out = []
    depth = 0
    current: list | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            depth += 1
            if depth == 1:
                current = None
                inline = tokens[i + 2]
                assert inline.type == "inline"
                m = TASK.match(inline.content)
                if m:
                    current = [m.group(1) == "x", inline.content[m.end() :], []]
                    out.append(current)
        elif tok.type == "list_item_close":
            depth -= 1
        elif tok.type == "fence" and current is not None and depth >= 1:
            assert tok.info == "yaml"
            current[2].append(tok.content)
    return [(bool(d), t, c) for d, t, c in out]


def test_gate_checklist_in_markdown_is_a_task_list_with_owners_and_examples(tmp_path: Path):
    root = _repo(tmp_path)
    data = run_aigov("check", "support-copilot", "--gate", "pilot", "-f", "json", cwd=root)
    items = {i["rule"]: i for i in __import__("json").loads(data.stdout)["systems"][0]["items"]}
    run = run_aigov("check", "support-copilot", "--gate", "pilot", "-f", "markdown", cwd=root)
    assert run.returncode == 1, run.stderr
    text = run.stdout
    tasks = _tasks(text)
    by_rule = {
        re.search(r"AIG-[A-Z]+(?:-[A-Z]+)?-\d{3}", t).group(): (done, t, code)
        for done, t, code in tasks
    }
    assert set(by_rule) == set(items)  # every checklist item is one task, nothing else is
    for rule, (done, title, code) in by_rule.items():
        item = items[rule]
        assert done == (item["status"] in ("done", "not_applicable")), rule
        assert ("blocks pilot" in title) == item["blocking"], rule
        if not done:
            # the fix example inline, as a YAML block that reads as a record fragment
            assert code and isinstance(yaml.safe_load(code[0]), dict), rule
    # grouped under who answers, the legend and "blocking" explained, next actions first
    headings = re.findall(r"^### (.+?) \(", text, re.M)
    assert headings[0] == "Next actions" or text.index("### Next actions") < text.index("- [")
    assert {"Product manager", "Legal", "ML lead"} <= set(headings)
    assert "`[ ]` open, `[x]` done" in text
    assert re.search(r"Blocking: \d+ error-level items must be done", text)
    assert "`aigov explain owner.accountable`" in text and "`aigov rules AIG-OWN-001`" in text
    # every location names the file, line and column where the answer goes
    located = re.findall(r"systems/support-copilot\.yaml:(\d+):(\d+)", text)
    lines = (root / "systems" / "support-copilot.yaml").read_text().splitlines()
    first_key = next(n for n, line in enumerate(lines, 1) if line and not line.startswith("#"))
    assert located and all(int(line) != first_key for line, _ in located)


def test_findings_in_markdown_one_task_per_finding(tmp_path: Path):
    root = _repo(tmp_path)
    json_run = run_aigov("check", "-f", "json", cwd=root)
    count = len(__import__("json").loads(json_run.stdout)["diagnostics"])
    run = run_aigov("check", "-f", "markdown", cwd=root)
    tasks = _tasks(run.stdout)
    assert len(tasks) == count and count > 0
    assert all(not done and re.match(r"\*\*AIG-", t) for done, t, _ in tasks)
    valid = run_aigov("validate", "support-copilot", "-f", "markdown", cwd=root)
    assert valid.returncode == 0 and valid.stdout.strip() == "No problems in 1 record."
