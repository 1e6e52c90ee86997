"""The decision summary: the verdict a reviewer reads first, the people and the gaps in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.cards import render_card
from aigov.cards.decision import APPENDIX_TITLE, GAPS_TITLE, plain_words, sentences

from .conftest import FIXTURES, GENERATED_AT, Repo, copy_repo, load_repo


@pytest.fixture(scope="module")
def decision_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    root = copy_repo(FIXTURES / "decision", tmp_path_factory.mktemp("decision") / "repo")
    return load_repo(root)


def card(repo: Repo, system: str, fmt: str = "md") -> str:
    return str(
        render_card(
            repo.records[system], fmt, root=repo.root, options=repo.options(),
            checks=repo.checks[system], generated_at=GENERATED_AT,
        )
    )  # fmt: skip


def test_a_stale_legal_approval_is_not_approved_and_says_which(decision_repo: Repo) -> None:
    for fmt in ("md", "html"):
        out = card(decision_repo, "legal-approval-stale", fmt)
        top = out.split("Decision summary", 1)[0]
        assert "Not approved" in top
        assert "Not approved: the legal sign-off of 2026-08-20 no longer covers this version" in top
        assert "not complete enough" not in out
    md = card(decision_repo, "legal-approval-stale")
    summary = md.split("## 1. Decision summary", 1)[1].split("\n## 2. ", 1)[0]
    # the people and the legal entity, by name, with the EU AI Act role
    assert "**Deployer under the EU AI Act:** Northwind Mutual Insurance SE" in summary
    assert "Sven Lindqvist; contact: claims-ai@example.com" in summary
    assert "Amara Okafor (product manager); Lukas Hoffmann (technical lead)" in summary
    # the gap the stale approval opens, in words, with who should act and its appendix entry
    gaps = summary.split(f"### {GAPS_TITLE}", 1)[1]
    assert "Blocks approval." in gaps and "legal" in gaps.lower()
    assert "AIG-" not in summary and ".yaml:" not in summary
    assert "A1" in gaps and APPENDIX_TITLE in gaps
    appendix = md.split(f"## {APPENDIX_TITLE}", 1)[1]
    assert "AIG-SIGNOFF-001" in appendix and "A1 Error" in appendix


def test_a_current_set_of_required_sign_offs_is_approved(examples: Repo) -> None:
    # support-copilot: its required sign-offs are current and it has no error (claims-triage
    # shows, on purpose, controls claimed verified without evidence: errors at its tier)
    md = card(examples, "support-copilot")
    top = md.split("## 1. Decision summary", 1)[0]
    assert 'warning "Approved"' in top
    # outside git, nobody can confirm who made them: the card says so in the verdict
    assert (
        "Approved: the legal and privacy sign-offs cover this version, not verified "
        "against git history." in top
    )


def test_messages_are_said_in_words_not_codes() -> None:
    said = plain_words("lists no Art. 50 obligation (synthetic_content, interacts_with_people)")
    assert "synthetic_content" not in said and "interacts_with_people" not in said
    assert "generates synthetic content (Art. 50(2))" in said
    assert "Impact assessment › EU AI Act" in plain_words("see impact_assessment.eu_ai_act.role")
    assert plain_words("value 0.88 and notes-clf-2.1 stay") == "value 0.88 and notes-clf-2.1 stay"


def test_sentences_do_not_end_at_article_numbers() -> None:
    text = "Art. 5 bans some practices. Write them down. (When none, say so.) Done."
    assert sentences(text) == [
        "Art. 5 bans some practices.",
        "Write them down.",
        "(When none, say so.)",
        "Done.",
    ]


def test_the_cli_says_where_the_card_lists_the_gaps(decision_repo: Repo, tmp_path: Path) -> None:
    from tests.conftest import run_aigov

    out = tmp_path / "card.md"
    run = run_aigov("card", "legal-approval-stale", "-o", str(out), cwd=decision_repo.root)
    assert run.returncode == 0, run.stderr
    assert f"listed under “{GAPS_TITLE}” in the decision summary" in run.stderr
    assert f"“{GAPS_TITLE}” in the decision summary" in out.read_text("utf-8")
