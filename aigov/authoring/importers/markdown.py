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


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_sections(body: str) -> tuple[list[str], list[MdSection], int]:
    """Preamble lines, top sections (nested by level), and how many HTML comments were removed."""
    comments = len(_HTML_COMMENT.findall(body))
    body = _HTML_COMMENT.sub("", body)
    preamble: list[str] = []
    roots: list[MdSection] = []
    stack: list[MdSection] = []
    fence = False
    for i, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match:
            section = MdSection(len(match.group(1)), match.group(2).strip(), i, [], [])
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
    return [
        m.group(2).strip("\n") for m in re.finditer(r"(```|~~~)[^\n]*\n(.*?)\n\s*\1", text, re.S)
    ]


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
        match = re.match(r"^\s*[-*]?\s*\*{0,2}([^:*]+?)\*{0,2}\s*:\s*\*{0,2}\s*(.*)$", line)
        key = _ENV_KEYS.get(match.group(1).strip().lower()) if match else None
        if match and key:
            value = match.group(2).strip()
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
