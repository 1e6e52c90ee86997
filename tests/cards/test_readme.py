"""templates/README.md documents the card context: every `card.<key>` it names exists in a
real context, every top-level key of a real context is named, and its section tables list
the sections of each card, in card order, with their titles."""

from __future__ import annotations

import re
from typing import Any

import pytest

from aigov.cards import card_context
from aigov.paths import templates_dir

from .conftest import GENERATED_AT, Repo

README = (templates_dir() / "README.md").read_text("utf-8").split("\n## The context\n", 1)[1]
# added by render_card for the Hugging Face template only, not by card_context
RENDER_ONLY = {"hf"}


def contexts(repo: Repo) -> list[dict[str, Any]]:
    out = []
    for loaded in repo.records.values():
        common = {"root": repo.root, "options": repo.options(), "checks": repo.checks[loaded.id]}
        out.append(card_context(loaded, generated_at=GENERATED_AT, **common))  # type: ignore[arg-type]
        for comp in loaded.record.approach.components if loaded.record.approach else []:  # type: ignore[union-attr]
            out.append(card_context(loaded, model=comp.id, generated_at=GENERATED_AT, **common))  # type: ignore[arg-type]
    return out


def documented_keys() -> set[str]:
    """Every `card.<key>` the README names (in tables and in prose)."""
    return set(re.findall(r"`card\.(\w+)`", README))


def section_table(heading: str) -> list[tuple[str, str]]:
    """(id, title) rows of the section table under `heading`."""
    part = README.split(heading, 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| `([\w-]+)` \| ([^|]+?) \|", part, flags=re.M)


def test_every_documented_context_key_exists_and_every_key_is_documented(
    examples: Repo,
) -> None:
    documented = documented_keys() - RENDER_ONLY
    real = {key for card in contexts(examples) for key in card}
    assert documented - real == set(), "documented in templates/README.md but not in a context"
    assert real - documented == set(), "in the card context but not in templates/README.md"


@pytest.mark.parametrize(
    ("kind", "heading"),
    [("system", "### System card"), ("model", "### Model card")],
)
def test_the_section_tables_match_the_cards(examples: Repo, kind: str, heading: str) -> None:
    cards = [c for c in contexts(examples) if c["kind"] == kind]
    assert cards
    documented = section_table(heading)
    # a section only some records have (From the source) is documented, and left out of a card
    # that has nothing for it
    optional = {("from-the-source", "From the source")}
    for card in cards:
        real = [(sid, card["sections"][sid].title) for sid in card["section_order"]]
        assert [d for d in documented if d in real or d not in optional] == real
