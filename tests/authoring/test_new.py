"""aigov new on the command line: non-interactive (--answers, flags), scripted stdin, and once
through a real terminal (pexpect)."""

from __future__ import annotations

import itertools
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from click.testing import CliRunner

from aigov.authoring.scaffold import init_repository
from aigov.cli import cli
from aigov.project import process_file
from aigov.yamlload import load_text

HERE = Path(__file__).parent
ANSWERS = HERE / "fixtures" / "answers"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    return tmp_path


def new(repo: Path, *args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["new", *args, "--root", str(repo), "--today", "2026-11-26", "--no-color"], input=input
    )
    return result.exit_code, result.output


def test_answers_file_and_flags_make_a_record_that_passes_its_gate(repo: Path) -> None:
    code, out = new(
        repo,
        "claims-triage",
        "--like",
        "classifier-scorer",
        "--stage",
        "feasibility",
        "--answers",
        str(ANSWERS / "claims-triage.yaml"),
        "--accountable",
        "Dana Whitfield",
        "--set",
        "owner.contact=claims-ai@example.com",
        "--set",
        "tags=[claims, triage]",
    )
    assert code == 0, out
    path = repo / "systems" / "claims-triage.yaml"
    loaded = process_file(path)
    assert loaded.record is not None and loaded.valid, loaded.diagnostics
    record = loaded.record
    assert record.owner and record.owner.accountable == "Dana Whitfield"  # flag
    assert record.owner.contact == "claims-ai@example.com"  # --set
    assert record.tags == ["claims", "triage"]  # --set overrides the kind's tags
    assert [h.value for h in record.use_case.ai_help] == ["predict", "automate"]  # type: ignore[union-attr]  # kind
    assert record.use_case.problem.startswith("Adjusters")  # type: ignore[union-attr]  # dotted key in the answers file
    assert "Before claims-triage can move to mvp (`aigov check --gate mvp`):" in out
    assert "0 blocking." in out
    check = CliRunner().invoke(cli, ["check", "--root", str(repo), "--gate", "mvp", str(path)])
    assert check.exit_code == 0, check.output
    # the checklist `new` prints is the one `check --gate` prints, item for item
    items = [ln for ln in check.output.splitlines() if ln.startswith("  ") and ln.strip()]
    assert items and all(ln in out.splitlines() for ln in items)
    verdict = next(ln for ln in check.output.splitlines() if ln.startswith("== claims-triage"))
    assert verdict in out


def test_refuses_to_overwrite(repo: Path) -> None:
    target = repo / "systems" / "taken.yaml"
    target.write_text("precious\n")
    code, out = new(repo, "taken", "--no-interactive")
    assert code == 2
    assert "already exists" in out and "never overwrites" in out
    assert target.read_text() == "precious\n"
    (repo / "systems" / "other-file.yaml").write_text(
        "schema_version: 1\nid: used-elsewhere\nname: X\n"
    )
    code, out = new(repo, "used-elsewhere", "--no-interactive")
    assert code == 2 and "already uses the id" in out
    assert not (repo / "systems" / "used-elsewhere.yaml").exists()


def test_bad_id_and_bad_answers_are_explained(repo: Path, tmp_path: Path) -> None:
    code, out = new(repo, "Claims Triage", "--no-interactive")
    assert code == 2 and "not a valid record id" in out and "lowercase" in out
    bad = tmp_path / "bad-answers.yaml"
    bad.write_text("use_case:\n  autonomy: sometimes\n  problem: ok\nowner:\n  acountable: X\n")
    code, out = new(repo, "x", "--answers", str(bad))
    assert code == 1
    assert "bad-answers.yaml:2:" in out and "sometimes" in out and "copilot" in out
    assert "bad-answers.yaml:5:3" in out and "accountable" in out
    assert "nothing was written" in out
    assert not (repo / "systems" / "x.yaml").exists()


def test_scripted_answers_on_stdin(repo: Path) -> None:
    """The questionnaire reads plain lines: Enter skips, u is unknown, numbers pick choices."""
    lines = {
        "What is the system called?": "Churn forecast",
        "[1/": "Predicts monthly churn per region for the retention team.",
    }
    script = (
        "\n".join(
            [
                "Churn forecast",  # name
                "Predicts monthly churn per region for the retention team.",  # summary
                "Retention Analytics",  # owner.team
                "u",  # owner.accountable: unknown yet
                "",  # owner.contact: later
                "",  # product manager
                "",  # since when at this stage: Enter takes the date offered
                "Retention budget is spread evenly and misses churn hot spots.",  # problem
                "Analysts eyeball last quarter's churn in a spreadsheet.",  # before
                "",  # after: later
            ]
        )
        + "\n" * 400
    )
    code, out = new(repo, "churn-forecast", "--interactive", "--like", "forecaster", input=script)
    assert code == 0, out
    assert lines  # (documentation of what the prompts look like)
    assert "── The system (1/" in out and "[1/" in out
    record = process_file(repo / "systems" / "churn-forecast.yaml")
    assert record.record is not None
    assert record.record.name == "Churn forecast"
    assert record.answers["owner.accountable"].kind == "unknown"
    assert record.record.use_case and record.record.use_case.before.startswith("Analysts")  # type: ignore[union-attr]
    text = (repo / "systems" / "churn-forecast.yaml").read_text()
    assert "  # after:  # How it works with the system in place." in text
    assert "Tip: Say who plans with the forecast" in text  # the kind's tip next to the placeholder


HEADER = re.compile(r"\[(\d+)/(\d+)\] (.*)")
PROMPT = r"\n {4,}> "


class Terminal:
    """Drives `aigov new` in a real pseudo-terminal: each prompt is answered from a script of
    (words in the question, reply) pairs, Enter otherwise; every [n/total] is recorded."""

    def __init__(self, repo: Path, *args: str) -> None:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "aigov", "new", *args, "--root", str(repo), "--today", "2026-11-26"],
            cwd=str(repo),
            env=env,
            encoding="utf-8",
            timeout=30,
            dimensions=(40, 100),
        )
        self.counters: list[tuple[int, int]] = []
        self.questions: list[str] = []
        self.transcript = ""

    def run(self, script: list[tuple[str, str]], stop_at: str = "") -> None:
        """Answer until the end, or press Ctrl-C at the first question containing `stop_at`."""
        pending = list(script)
        while True:
            index = self.child.expect([PROMPT, pexpect.EOF])
            before = self.child.before or ""
            self.transcript += before + (self.child.after if index == 0 else "")
            if index == 1:
                return
            headers = [HEADER.search(line) for line in before.splitlines()]
            header = next((h for h in reversed(headers) if h), None)
            text = " ".join(before.split())
            if header is not None:
                self.counters.append((int(header.group(1)), int(header.group(2))))
                self.questions.append(text)
                if stop_at and stop_at in text:
                    self.child.sendintr()
                    self.child.expect(pexpect.EOF)
                    self.transcript += self.child.before or ""
                    return
            reply = ""
            for i, (words, answer) in enumerate(pending):
                if words in text:
                    reply = answer
                    del pending[i]
                    break
            self.child.sendline(reply)

    def close(self) -> int:
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


FIRST_RUN = [
    ("What is the system called", "Support copilot"),
    ("In one sentence", "Drafts replies to refund tickets for agents to edit and send."),
    ("Which problem or decision", "Agents spend nine minutes per refund ticket."),
    ("Baseline: what happens today", "Agents answer by hand"),  # opens two follow-ups
    ("Which measure tells how well", "Average handle time"),
    ("What is today's value", "9.2 minutes"),
    ("Harm 1 — Who could be harmed", "A draft promises a refund the policy does not allow"),
    ("Harm 1 — Who is harmed", "Customers"),
    ("Harm 1 — Kind of harm", "financial"),
    ("Harm 1 — How bad", "medium"),
    ("Harm 1 — How likely", "possible"),
    ("Harm 1 — Which control", "An agent reviews, edits and sends every draft"),
    ("Its short id", "ctl-agent-sends"),  # the control's id, edited; the harm's is accepted
    ("Harm 2 — Another harm", "Customer personal data leaks into a reply"),
]
SECOND_RUN = [
    ("Harm 2 — Who is harmed", "Customers"),
    ("Harm 2 — Kind of harm", "privacy"),
    ("Harm 2 — How bad", "high"),
    ("Harm 2 — How likely", "unlikely"),
]


def _counts_honestly(counters: list[tuple[int, int]]) -> None:
    assert counters
    numbers = [n for n, _ in counters]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
    assert all(n <= total for n, total in counters), [c for c in counters if c[0] > c[1]]


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX terminal")
def test_through_a_real_terminal_stop_and_resume(repo: Path) -> None:
    record = repo / "systems" / "support-copilot.yaml"
    draft = repo / ".aigov" / "drafts" / "support-copilot.yaml"
    first = Terminal(repo, "support-copilot", "--like", "generative-assistant")
    try:
        first.run(FIRST_RUN, stop_at="Harm 2 — Who is harmed")
    finally:
        code = first.close()
    assert code == 130, first.transcript[-2000:]
    assert "the record was not written" in first.transcript
    assert "--resume" in first.transcript
    _counts_honestly(first.counters)
    # the follow-ups the answers opened were counted: the total moved, up and down
    totals = [t for _, t in first.counters]
    assert any(b > a for a, b in itertools.pairwise(totals)), totals
    assert any(b < a for a, b in itertools.pairwise(totals)), totals
    # legal's questions were not asked
    asked = " ".join(first.questions)
    assert "Annex III" not in asked and "role under the EU AI Act" not in asked
    assert "risk tier" not in asked
    # Ctrl-C kept every answer, and wrote no record
    assert not record.exists()
    saved = load_text(draft.read_text(), "draft").data
    assert saved["answers"]["use_case"]["problem"] == "Agents spend nine minutes per refund ticket."
    harms = saved["answers"]["impact_assessment"]["harms"]
    assert [h["id"] for h in harms] == ["draft-promises-refund-policy"]
    assert harms[0]["mitigations"] == ["ctl-agent-sends"]
    assert saved["progress"]["item"]["answers"] == {
        "description": "Customer personal data leaks into a reply"
    }
    # a second `aigov new` without --resume refuses to start over the draft
    again = Terminal(repo, "support-copilot")
    again.child.expect(pexpect.EOF)
    assert again.close() == 2 and "--resume" in (again.child.before or "")

    second = Terminal(repo, "support-copilot", "--resume")
    try:
        second.run(SECOND_RUN)
    finally:
        code = second.close()
    assert code == 0, second.transcript[-3000:]
    assert "Continuing: systems/support-copilot.yaml" in second.transcript
    # it continues where she stopped: the next field of harm 2, numbered after the last one
    assert "Harm 2 — Who is harmed" in second.questions[0]
    assert second.counters[0][0] == first.counters[-1][0]
    _counts_honestly(second.counters)
    assert second.counters[-1][0] == second.counters[-1][1]  # the last is numbered total/total
    assert not draft.exists()  # the record is written; the draft is gone
    loaded = process_file(record)
    assert loaded.record is not None and loaded.valid, loaded.diagnostics
    ia = loaded.record.impact_assessment
    assert ia is not None
    assert [h.id for h in ia.harms] == [
        "draft-promises-refund-policy",
        "customer-personal-data-leaks",
    ]
    assert ia.harms[1].severity.value == "high"
    text = record.read_text()
    # legal's questions are placeholders owned by legal
    for name in ("annex_iii_area", "annex_i_product", "role", "transparency_obligations"):
        assert re.search(rf"^ *# +{name}:  # \[for legal\] ", text, re.M), name
    assert re.search(r"^ *# +internal:  # \[for legal\] ", text, re.M)
    # nothing she did not say: the control has no status, no date but the ones she accepted
    assert not re.search(r"^ *status:", text, re.M)
    assert "stage_since: 2026-11-26" in text  # offered with its question, taken with Enter


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX terminal")
def test_all_asks_legal_and_stopping_before_any_answer_writes_nothing(repo: Path) -> None:
    term = Terminal(repo, "support-copilot", "--all")
    try:
        term.run([], stop_at="Which problem or decision")
    finally:
        code = term.close()
    assert code == 130
    assert "not asked" not in term.transcript  # nothing is left for legal with --all
    term = Terminal(repo, "other-copilot")
    try:
        term.run([], stop_at="What is the system called")
    finally:
        code = term.close()
    assert code == 130 and "nothing was written" in term.transcript
    assert not (repo / ".aigov" / "drafts" / "other-copilot.yaml").exists()
    assert not (repo / "systems" / "other-copilot.yaml").exists()


def test_works_outside_an_initialised_repository(tmp_path: Path) -> None:
    code, out = new(tmp_path, "lone-record", "--no-interactive", "--name", "Lone record")
    assert code == 0, out
    assert (tmp_path / "systems" / "lone-record.yaml").is_file()
    assert "aigov init" in out  # says how to get editor completion


def test_answers_never_gain_a_date_and_quoted_strings_stay_strings(
    repo: Path, tmp_path: Path
) -> None:
    """#20: no date the answers do not give; a quoted timestamp-like string stays a string."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "name: Permit chatbot\n"
        'version: "2024-03-01 10:00:00"\n'
        'summary: "2024-03-01"\n'
        "lifecycle: {stage: production}\n"
        "impact_assessment: {assessor: Legal}\n",
        "utf-8",
    )
    code, out = new(repo, "permit-chatbot", "--answers", str(answers))
    assert code == 0, out
    path = repo / "systems" / "permit-chatbot.yaml"
    text = path.read_text("utf-8")
    data_lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    assert not [ln for ln in data_lines if "2026-11-26" in ln]  # no date of the run
    assert 'version: "2024-03-01 10:00:00"' in text and 'summary: "2024-03-01"' in text
    # what a YAML 1.1 reader (PyYAML, ruamel, editors) makes of it: still text
    data = yaml.safe_load(text)
    assert data["version"] == "2024-03-01 10:00:00" and data["summary"] == "2024-03-01"
    loaded = process_file(path)
    assert loaded.record is not None and loaded.record.version == "2024-03-01 10:00:00"
    assert loaded.record.lifecycle is not None and loaded.record.lifecycle.stage_since is None
