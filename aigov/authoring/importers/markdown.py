"""The Markdown of a Hugging Face model card: front matter, the heading tree, lists, code
blocks and the environmental-impact lines (read without a Markdown library)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aigov.authoring.importers import CardError, as_float, is_placeholder


@dataclass
class MdSection:
    level: int
    title: str
    start: int  # line index of the heading
    body: list[str]  # own lines, up to the next heading
    children: list[MdSection]

    def text(self, with_children: bool = True) -> str:
        lines = list(self.body)
        if with_children:
            for child in self.children:
                lines += ["", "#" * child.level + " " + child.title, "", child.text()]
        return "\n".join(lines).strip("\n")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(metadata YAML or None, Markdown body, line number where the body starts)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1 :]), i + 1
        raise CardError(
            "the YAML metadata block starting on line 1 has no closing '---'",
            "End the metadata with a line holding only ---.",
            1,
            1,
        )
    return None, text, 0


# Every pattern here reads an untrusted card, so none has two quantifiers that can match the
# same characters next to each other (that backtracks: `\s+(.+?)\s*#*\s*$` took 57 s on a
# heading of one letter, 3,000 spaces and another letter); what a pattern cannot say linearly
# is done with string methods.
_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")  # one way to split: `\s+` stops at the first \S
_FENCE = re.compile(r"^\s*(```|~~~)")


def heading(line: str) -> tuple[int, str] | None:
    """(level, title) of an ATX heading line; a closing run of `#` goes (after a space, as
    CommonMark says, or on its own)."""
    match = _HEADING.match(line)
    if not match:
        return None
    title = match.group(2).strip()
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        title = bare.strip()
    return len(match.group(1)), title


def strip_html_comments(text: str) -> tuple[str, int]:
    """`text` without `<!-- … -->` comments (an unclosed one runs to the end), and how many
    there were: one scan with str.find, where a lazy `<!--.*?-->` is quadratic in unclosed
    openers."""
    out: list[str] = []
    count = 0
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            out.append(text[pos:])
            break
        end = text.find("-->", start + 4)
        if end < 0:  # unclosed: the old pattern left it in the text
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        count += 1
        pos = end + 3
    return "".join(out), count


def parse_sections(body: str) -> tuple[list[str], list[MdSection], int]:
    """Preamble lines, top sections (nested by level), and how many HTML comments were removed."""
    body, comments = strip_html_comments(body)
    preamble: list[str] = []
    roots: list[MdSection] = []
    stack: list[MdSection] = []
    fence = False
    for i, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fence = not fence
        found = None if fence else heading(line)
        if found:
            section = MdSection(found[0], found[1], i, [], [])
            while stack and stack[-1].level >= section.level:
                stack.pop()
            (stack[-1].children if stack else roots).append(section)
            stack.append(section)
        elif stack:
            stack[-1].body.append(line)
        else:
            preamble.append(line)
    return preamble, roots, comments


def normalise_heading(title: str) -> str:
    text = re.sub(r"\[(optional|more information needed)\]", "", title, flags=re.I)
    text = re.sub(r"[*_`]", "", text).strip().lower()
    return " ".join(text.split())


def bullet_items(text: str) -> list[str]:
    """Bullet points of a section as items; a section of prose is one item."""
    items: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        match = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if match:
            if current:
                items.append(" ".join(current))
            current = [match.group(1).strip()]
        elif line.strip() and current:
            current.append(line.strip())
        elif line.strip() and not items and not current:
            return [" ".join(text.split())]
    if current:
        items.append(" ".join(current))
    return [i for i in items if i]


def code_blocks(text: str) -> list[str]:
    """The contents of the fenced code blocks, line by line (a lazy multi-line pattern is
    quadratic in unclosed fences)."""
    blocks: list[str] = []
    fence: str | None = None
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if fence is None:
            at = min((i for i in (line.find("```"), line.find("~~~")) if i >= 0), default=-1)
            if at >= 0:
                fence, current = line[at : at + 3], []
        elif stripped.startswith(fence):
            blocks.append("\n".join(current).strip("\n"))
            fence = None
        else:
            current.append(line)
    return blocks


_ENV_KEYS = {
    "hardware type": "hardware",
    "hardware": "hardware",
    "hours used": "hours",
    "cloud provider": "cloud_provider",
    "compute region": "region",
    "carbon emitted": "co2_eq_kg",
}


def environment_facts(text: str) -> tuple[dict[str, Any], list[str]]:
    found: dict[str, Any] = {}
    rest: list[str] = []
    for line in text.split("\n"):
        pair = _fact(line)
        key = _ENV_KEYS.get(pair[0]) if pair else None
        if pair and key:
            value = pair[1]
            if is_placeholder(value):
                continue
            if key == "hours":
                number = as_float(value.split()[0]) if value.split() else None
                if number is not None:
                    found[key] = number
                    continue
            elif key == "co2_eq_kg":
                parsed = _co2_kg(value)
                if parsed is not None:
                    found[key] = parsed
                    continue
            else:
                found[key] = value
                continue
        if line.strip():
            rest.append(line)
    return found, rest


def _fact(line: str) -> tuple[str, str] | None:
    """`- **Hardware Type:** A100` → ("hardware type", "A100"): the key before the first colon,
    without list marker and bold stars (string methods: the pattern this replaces, with
    adjacent optional blanks and a lazy key, backtracked cubically on long blanks)."""
    head, colon, rest = line.partition(":")
    if not colon:
        return None
    key = head.strip()
    if key[:1] in "-*" and key[:2] != "**":
        key = key[1:].strip()
    key = key.strip("*").strip()
    if not key or "*" in key:
        return None
    return key.lower(), rest.strip().strip("*").strip()


def _co2_kg(text: str) -> float | None:
    match = re.match(r"^\s*([0-9.,]+)\s*(kg|g|t|tons?|tonnes?)?", text.lower())
    if not match:
        return None
    number = as_float(match.group(1).replace(",", ""))
    if number is None:
        return None
    unit = match.group(2) or "kg"
    return number / 1000 if unit == "g" else (number * 1000 if unit.startswith("t") else number)


# --- the importer ---------------------------------------------------------------------------
