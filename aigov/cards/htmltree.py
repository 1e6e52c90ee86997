"""The rendered HTML card as a small element tree, for formats printed from it (DOCX).

Only what the card templates write is needed: elements with attributes, text, void
elements; `<head>`, `<style>`, `<script>` and `<template>` are dropped. Character references
are decoded by the parser, so text nodes are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
DROPPED = frozenset({"head", "style", "script", "template", "title"})


@dataclass
class Element:
    """One HTML element: its tag, attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def text(self) -> str:
        """All text inside, as written (whitespace not collapsed)."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str) -> list[Element]:
        found: list[Element] = []
        for c in self.children:
            if isinstance(c, Element):
                if c.tag == tag:
                    found.append(c)
                found.extend(c.find_all(tag))
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.dropping += 1
            return
        if self.dropping:
            return
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED or self.dropping:
            return
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag in VOID:
            return
        # close up to the matching open element (tolerates an unclosed <p> or <li>)
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """The document as a tree; the root's children are the top-level nodes (`<html>`)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
