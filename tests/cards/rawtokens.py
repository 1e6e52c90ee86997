"""A scanner for raw vocabulary codes on a rendered card, shared by every output's tests.

The schema's closed vocabularies (its Enums and Literals, found through the one model walker)
have codes like `essential_services` or `approved_with_conditions`; a person must only ever see
their labels. `raw_tokens(text)` returns the codes that appear in `text` as whole words. Only
codes that read as code (with an underscore) are looked for: `high` or `pilot` are words.
Give it the text a reader sees: Markdown source (escaped underscores are undone here), the
text of an HTML page (`html_text`), a PDF's or a Word document's extracted text.
"""

from __future__ import annotations

from functools import cache

from aigov.fieldmodel.walk import choices, every_field


@cache
def schema_tokens() -> frozenset[str]:
    """Every code of a vocabulary of the record model that has an underscore in it."""
    codes: set[str] = set()
    for trail in every_field():
        codes.update(c for c in choices(trail[-1].base) if "_" in c)
    return frozenset(codes)


def _words(text: str) -> list[str]:
    """Maximal runs of letters, digits and underscores (no regular expression needed)."""
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if ch.isalnum() or ch == "_":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def raw_tokens(text: str) -> list[str]:
    """The raw vocabulary codes in `text`, each once, in order of first appearance."""
    found: dict[str, None] = {}
    tokens = schema_tokens()
    for word in _words(text.replace("\\_", "_")):
        if word in tokens:
            found.setdefault(word, None)
    return list(found)


def html_text(html: str) -> str:
    """What a reader of an HTML card sees: its text, without tags, attributes or styles."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["style", "script", "head"]):
        hidden.decompose()
    return soup.get_text(" ")
