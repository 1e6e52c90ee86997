"""EU AI Act citations as people write them (`Art. 9(2)(a)`, `Annex IV 2(g)`) → the data's ids.

`citation_id("Art. 9(2)(a)")` is `art-9-2-a`; `cited_ids(text)` finds every citation in a text
(a rule's references, a template, a page). Both are linear scans: no regular expression with
nested quantifiers runs on any text.
"""

from __future__ import annotations

import re

# one citation: "Art. 6(1a)", "Article 27", "Annex III 5(c)", "Annex IV"
_CITE = re.compile(
    r"\b(?:Art\.|Article)\s?(\d{1,3})((?:\(\d{1,2}[a-z]?\))*)((?:\([a-z]{1,2}\))*)"
    r"|\bAnnex\s([IVX]{1,4})\b(?:\s(\d{1,2})((?:\([a-z]\))?))?"
)
_PAREN = re.compile(r"\(([0-9a-z]{1,3})\)")


def citation_id(text: str) -> str | None:
    """The id of one citation (`Art. 9(2)(a)` → `art-9-2-a`), None when it is not one."""
    m = _CITE.fullmatch(text.strip())
    return _id(m) if m else None


OTHER_ACTS = ("GDPR", "2016/679")  # a citation right after these is of another act


def cited_ids(text: str) -> list[str]:
    """Every EU AI Act citation in `text`, as ids, in order of appearance (a citation of the
    GDPR, written `GDPR Art. 35`, is not one)."""
    return [
        _id(m)
        for m in _CITE.finditer(text)
        if not any(act in text[max(0, m.start() - 12) : m.start()] for act in OTHER_ACTS)
    ]


def _id(m: re.Match[str]) -> str:
    if m.group(1):
        parts = ["art", m.group(1)]
        parts += _PAREN.findall(m.group(2) or "")
        parts += _PAREN.findall(m.group(3) or "")
        return "-".join(parts)
    parts = ["annex", m.group(4).lower()]
    if m.group(5):
        parts.append(m.group(5))
        parts += _PAREN.findall(m.group(6) or "")
    return "-".join(parts)
