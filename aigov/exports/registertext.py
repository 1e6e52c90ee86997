"""Record text ↔ the register's HTML: the Dutch register stores its long fields as a small HTML
subset (div, p, br, ul, ol, li); a record holds plain text with blank-line paragraphs and
"- " bullets. Both directions keep every word; only the markup changes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [ordered (0/1), items so far]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div"):
            self.parts.append("\n" if self.lists else "\n\n")
        elif tag in ("ul", "ol"):
            self.parts.append("\n" if self.lists else "\n\n")
            self.lists.append([1 if tag == "ol" else 0, 0])
        elif tag == "li":
            marker = "- "
            if self.lists:
                self.lists[-1][1] += 1
                if self.lists[-1][0]:
                    marker = f"{self.lists[-1][1]}. "
            self.parts.append("\n" + "  " * max(len(self.lists) - 1, 0) + marker)
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.parts.append("\n" if self.lists else "\n\n")
        elif tag in ("p", "div") and not self.lists:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def has_markup(text: str) -> bool:
    return bool(re.search(r"<\s*/?\s*(p|div|br|ul|ol|li)\b", text, re.I))


def html_to_text(value: str) -> str:
    """The register's HTML as record text; text without markup is returned as it is."""
    if not has_markup(value):
        return value
    parser = _Text()
    parser.feed(value)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line if line.strip() else "" for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


def text_to_html(text: str) -> str:
    """Record text as the register's HTML: a paragraph per block, "- " lines as a list."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            tag = "ol" if lines[0][0].isdigit() else "ul"
            items = "".join(
                f"<li>{html.escape(_BULLET.sub('', line), quote=False)}</li>" for line in lines
            )
            out.append(f"<{tag}>{items}</{tag}>")
        else:
            out.append(
                "<p>" + "<br>".join(html.escape(line, quote=False) for line in lines) + "</p>"
            )
    return "".join(out)


def plain_length(value: str) -> int:
    """Length as the register counts it: without the markup (its max_length_without_html)."""
    return len(html_to_text(value).replace("\n", "")) if has_markup(value) else len(value)
