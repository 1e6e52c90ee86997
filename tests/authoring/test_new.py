"""aigov new on the command line: non-interactive (--answers, flags), scripted stdin, and once
through a real terminal (pexpect)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from aigov.authoring.scaffold import init_repository
from aigov.cli import cli
from aigov.project import process_file

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


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX terminal")
def test_through_a_real_terminal(repo: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "aigov",
            "new",
            "support-copilot",
            "--like",
            "generative-assistant",
            "--root",
            str(repo),
        ],
        cwd=str(repo),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    try:
        child.expect("What is the system called")
        child.sendline("Support copilot")
        child.expect(r"In one sentence, what does it do")
        child.sendline("?")  # help
        child.expect("summary: One sentence")
        child.sendline("Drafts replies to support tickets for agents to edit.")
        child.expect("Which team owns")
        child.sendline("Support Engineering")
        child.expect("accountable")
        child.sendline("u")
        child.expect("Where do questions")
        child.sendline("")
        child.expect("product manager")
        child.sendline("")
        child.expect("Which problem or decision")
        child.sendline("Agents spend nine minutes per ticket.")
        child.expect("How does it work today")
        child.sendline("")
        child.expect("How will it work with the system")
        child.sendline("")
        child.expect("Who benefits")
        child.sendline("Agents: less searching")
        child.sendline("")
        child.expect("Who will operate")
        child.sendline("")
        child.expect("Who is affected")
        child.sendline("")
        child.expect("What kind of help")
        child.expect(r"\[generate, augment\]")
        child.sendline("")  # accept the kind's default
        child.expect("decide or materially influence")
        child.sendline("maybe")
        child.expect("answer yes or no")
        child.sendline("n")
        # stop here: Ctrl-C writes nothing
        child.sendintr()
        child.expect("nothing was written")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert not (repo / "systems" / "support-copilot.yaml").exists()
    # and once to the end: Enter through everything
    child = pexpect.spawn(
        sys.executable,
        ["-m", "aigov", "new", "support-copilot", "--root", str(repo)],
        cwd=str(repo),
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    child.expect("What is the system called")
    child.sendline("")
    while True:
        index = child.expect([r"> ", "Before support-copilot can move to", pexpect.EOF])
        if index == 0:
            child.sendline("")
        else:
            break
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    loaded = process_file(repo / "systems" / "support-copilot.yaml")
    assert loaded.record is not None and loaded.record.name == "Support copilot"


def test_works_outside_an_initialised_repository(tmp_path: Path) -> None:
    code, out = new(tmp_path, "lone-record", "--no-interactive", "--name", "Lone record")
    assert code == 0, out
    assert (tmp_path / "systems" / "lone-record.yaml").is_file()
    assert "aigov init" in out  # says how to get editor completion
