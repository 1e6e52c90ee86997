"""`aigov new --lang nl/de`: the questionnaire asks in Dutch or German and accepts ja/nee
(ja/nein); the record it writes is the one the English questionnaire writes (issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aigov.authoring.fields import field_doc
from aigov.authoring.replies import parse_reply
from aigov.authoring.scaffold import init_repository
from aigov.i18n import use_language


def script(yes: str, no: str) -> str:
    """Replies to the first questions, in the order asked without --like; Enter after."""
    lines = [
        "Ticket router",  # name
        "Routes support tickets to the right queue.",  # summary
        "Support Ops",  # owner.team
        "Dana Whitfield",  # owner.accountable
        "",  # owner.contact: later
        "",  # product manager: later
        "",  # since when at this stage: Enter takes the date offered
        "Tickets wait in the wrong queue for days.",  # use_case.problem
        "An agent reads each ticket and moves it by hand.",  # use_case.before
        "The router proposes a queue; the agent confirms it.",  # use_case.after
        "Customers",  # use_case.beneficiaries (one per line)
        "",
        "Support agents",  # use_case.users
        "",
        "",  # use_case.affected_people: later
        "augment",  # use_case.ai_help
        yes,  # use_case.decisions_about_people
        no,  # use_case.knowledge_task
    ]
    return "\n".join(lines) + "\n" * 400


def new(tmp_path: Path, name: str, lang: str, replies: str) -> tuple[Path, str]:
    """Run `aigov new` as a process in a fresh repository, answering from `replies`."""
    repo = tmp_path / name
    repo.mkdir()
    init_repository(repo)
    env = {**os.environ, "NO_COLOR": "1"}
    args = ["new", "ticket-router", "--interactive", "--today", "2026-11-26", "--lang", lang]
    proc = subprocess.run(
        [sys.executable, "-m", "aigov", *args],
        cwd=repo,
        input=replies,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return repo / "systems" / "ticket-router.yaml", proc.stdout


def test_the_dutch_and_german_questionnaires_write_the_english_record(tmp_path: Path) -> None:
    english_file, english = new(tmp_path, "en", "en", script("yes", "no"))
    # "?" first: the help, in Dutch, then the same question again
    dutch_file, dutch = new(tmp_path, "nl", "nl", "?\n" + script("ja", "nee"))
    german_file, german = new(tmp_path, "de", "de", script("ja", "nein"))
    written = english_file.read_text(encoding="utf-8")
    # the same file, byte for byte: keys, codes and the placeholders' words stay English
    assert dutch_file.read_text(encoding="utf-8") == written
    assert german_file.read_text(encoding="utf-8") == written
    record = yaml.safe_load(written)
    assert record["use_case"]["decisions_about_people"] is True
    assert record["use_case"]["knowledge_task"] is False
    assert record["use_case"]["ai_help"] == ["augment"]
    # the questions were put in the language asked for
    assert "What is the system called?" in english and "[y/n]" in english
    assert "Hoe heet het systeem?" in dutch and "[j/n]" in dutch
    assert "What is the system called?" not in dutch
    assert "Stap 1 — het besluit of de werkwijze die je verbetert" in dutch
    assert "geschreven met" in dutch  # the closing line
    assert "name: De naam van het systeem voor mensen." in dutch  # the help (?)
    assert "Type: tekst." in dutch
    assert "Wie heißt das System?" in german and "[j/n]" in german
    assert "Schritt 1 — die Entscheidung" in german
    # a choice shows its code (what is typed and written) and its words in the language
    assert "augment (" in dutch


@pytest.mark.parametrize(
    ("reply", "value"),
    [("ja", True), ("j", True), ("nee", False), ("n", False), ("nein", False), ("yes", True)],
)
def test_yes_and_no_in_every_language(reply: str, value: bool) -> None:
    doc = field_doc("use_case.knowledge_task")
    assert doc is not None
    assert parse_reply(doc, reply) is value


def test_an_invalid_reply_is_explained_in_the_language() -> None:
    doc = field_doc("use_case.knowledge_task")
    assert doc is not None
    with use_language("nl"):
        answer = parse_reply(doc, "misschien")
    assert getattr(answer, "message", "") == "antwoord ja of nee (j/n)"
    assert getattr(parse_reply(doc, "maybe"), "message", "") == "answer yes or no (y/n)"
