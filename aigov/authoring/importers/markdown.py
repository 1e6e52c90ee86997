"""The Markdown of a Hugging Face model card: front matter, the heading tree, lists, code
blocks and the environmental-impact lines (read without a Markdown library)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from aigov.authoring.importers import CardError, as_float, as_number, is_placeholder


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


def environment_facts(text: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """The Hub template's `- **Hardware Type:** …` bullets and prose such as "7.7M GPU hours
    … 2290 tCO2eq, 100% of which were offset" → EnvironmentalImpact fields, the lines left,
    and a note for each number whose unit was converted to the field's (kg, hours)."""
    found: dict[str, Any] = {}
    rest: list[str] = []
    notes: list[str] = []
    for line in text.split("\n"):
        pair = _fact(line)
        key = _ENV_KEYS.get(pair[0]) if pair else None
        if pair and key:
            value = pair[1]
            if is_placeholder(value):
                continue
            if key == "hours":
                number = as_number(value.split()[0].replace(",", "")) if value.split() else None
                if number is not None:
                    found[key] = number
                    if value.split()[1:]:
                        found["notes"] = f"Hours used: {value}"
                    continue
            elif key == "co2_eq_kg":
                parsed = _co2_kg(value)
                if parsed is not None:
                    found[key], said = parsed
                    notes += [f"Carbon Emitted '{value}' read as {found[key]:g} kg"] if said else []
                    offset = _offset_share(value)
                    if offset is not None:
                        found["co2_eq_offset_kg"] = found[key] * offset / 100
                        notes.append(f"'{offset:g}% … offset' read as {offset:g}% of the emissions")
                    continue
            else:
                found[key] = value
                continue
        elif line.strip() and _prose_facts(line, found, notes):
            found.setdefault("notes", " ".join(_strip_bold(line).split()))
            continue
        if line.strip():
            rest.append(line)
    return found, rest, notes


_GPU_HOURS = re.compile(r"([0-9][0-9.,]{0,20})\s?([KMB])?\s(?:GPU|TPU|accelerator)[ -]hours", re.I)
_TONNES = re.compile(r"([0-9][0-9.,]{0,20})\s?(tCO2eq|tCO2e|t CO2eq|t CO2e|tonnes CO2eq)", re.I)
_OFFSET = re.compile(
    r"([0-9]{1,3}(?:\.[0-9]{1,3})?)% (?:of which were|of the emissions are|were)\b"
)
_HARDWARE = re.compile(r"hardware of type ([A-Za-z0-9][\w.-]{0,40})")
_MULTIPLIER = {"k": 1e3, "m": 1e6, "b": 1e9}


def _strip_bold(line: str) -> str:
    return line.replace("**", "").replace("__", "")


def _prose_facts(line: str, found: dict[str, Any], notes: list[str]) -> bool:
    """GPU hours, tonnes of CO2eq, the share offset and the hardware from one line of prose
    (the Llama cards' "Carbon Footprint" paragraph); True when the line gave a number."""
    plain = _strip_bold(line)
    hours = _GPU_HOURS.search(plain)
    tonnes = _TONNES.search(plain)
    if hours:
        number = as_float(hours.group(1).replace(",", "").rstrip("."))
        if number is not None:
            unit = (hours.group(2) or "").lower()
            found["gpu_hours"] = number * _MULTIPLIER.get(unit, 1)
            if unit:
                notes.append(f"'{hours.group(0)}' read as {found['gpu_hours']:,.0f} GPU hours")
    if tonnes:
        number = as_float(tonnes.group(1).replace(",", "").rstrip("."))
        if number is not None:
            found["co2_eq_kg"] = number * 1000
            notes.append(
                f"'{tonnes.group(0)}' (tonnes) read as {found['co2_eq_kg']:,.0f} kg CO2eq, "
                "the unit of the field"
            )
            offset = _offset_share(plain)
            if offset is not None:
                found["co2_eq_offset_kg"] = found["co2_eq_kg"] * offset / 100
                notes.append(f"'{offset:g}% … offset' read as {offset:g}% of the emissions")
    hardware = _HARDWARE.search(plain)
    if hardware and (hours or tonnes):
        found.setdefault("hardware", hardware.group(1))
    return bool(hours or tonnes)


def _offset_share(text: str) -> float | None:
    """ "100% of which were offset" → 100.0 (the share offset, as a percentage)."""
    match = _OFFSET.search(text)
    if not match or "offset" not in text[match.end() : match.end() + 30].lower():
        return None
    share = float(match.group(1))
    return share if 0 <= share <= 100 else None


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


def _co2_kg(text: str) -> tuple[float, bool] | None:
    """(kg, whether the written unit was not kg) of "485.21 kg", "2 t", "150 g"."""
    match = re.match(r"^\s*([0-9][0-9.,]{0,20})\s?(kgs?|g|t|tons?|tonnes?)?", text.lower())
    if not match:
        return None
    number = as_float(match.group(1).replace(",", ""))
    if number is None:
        return None
    unit = match.group(2) or "kg"
    if unit == "g":
        return number / 1000, True
    return (number * 1000, True) if unit.startswith("t") else (number, False)


# --- the importer ---------------------------------------------------------------------------


# --- plain text, tables and embedded images (#20) ------------------------------------------

_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,500}>")


def strip_markdown(text: str) -> str:
    """`text` as plain words for a plain field: links become their text (with the address in
    brackets when it says more), emphasis and code marks go, HTML tags go; the words stay."""

    def link(m: re.Match[str]) -> str:
        label, url = m.group(1).strip(), m.group(2).strip()
        if m.group(0).startswith("!"):
            return label
        if not url or url.startswith("#") or url == label:
            return label or url
        return f"{label} ({url})" if label else url

    out = _LINK.sub(link, text)
    out = _EMPHASIS.sub(r"\2", out)
    out = _ITALIC.sub(r"\1", out)
    out = _CODE.sub(r"\1", out)
    out = _TAG.sub("", out)
    lines = [re.sub(r"^#{1,6}\s+", "", line).rstrip() for line in out.split("\n")]
    return "\n".join(lines).strip()


_DATA_IMAGE = re.compile(r"data:image/([a-z+]+);base64,([A-Za-z0-9+/=\s]*)")


def embedded_images(text: str) -> list[tuple[str, str]]:
    """The base64 images written into the Markdown (`![..](data:image/png;base64,…)` or an
    <img src="data:…">): (subtype, data)."""
    return [(m.group(1), "".join(m.group(2).split())) for m in _DATA_IMAGE.finditer(text)]


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Pipe tables of `text` as rows of cells (header first, the --- row left out)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.split("\n"), ""]:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            current.append(cells)
        else:
            if len(current) >= 2:
                tables.append(current)
            current = []
    return tables


class _TableParser(HTMLParser):
    """<table> elements as grids of cell text, rowspan and colspan spread out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._rows: list[list[str]] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._pending: dict[tuple[int, int], str] = {}
        self._spans: list[tuple[int, int, int, str]] = []  # (row, col, rowspan, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows, self._pending = [], {}
        elif tag == "tr" and self._rows is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            named = dict(attrs)
            self._span = (_int(named.get("rowspan")), _int(named.get("colspan")))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            assert self._rows is not None
            text = " ".join("".join(self._cell).split())
            r = len(self._rows)
            while (r, len(self._row)) in self._pending:
                self._row.append(self._pending.pop((r, len(self._row))))
            rowspan, colspan = self._span
            for _ in range(colspan):
                c = len(self._row)
                self._row.append(text)
                for k in range(1, rowspan):
                    self._pending[(r + k, c)] = text
            self._cell = None
        elif tag == "tr" and self._row is not None and self._rows is not None:
            r = len(self._rows)
            while (r, len(self._row)) in self._pending:
                self._row.append(self._pending.pop((r, len(self._row))))
            self._rows.append(self._row)
            self._row = None
        elif tag == "table" and self._rows is not None:
            if len(self._rows) >= 2:
                self.tables.append(self._rows)
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 100))
    except ValueError:
        return 1


def html_tables(text: str) -> list[list[list[str]]]:
    """The <table> elements of `text` as rows of cell text."""
    if "<table" not in text.lower():
        return []
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    return parser.tables


_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$")


def cell_number(cell: str) -> int | float | None:
    """A table cell that is a plain number, as written ("68.4" → 68.4, "5" → 5); None else."""
    text = cell.strip().strip("*").strip()
    if not _NUMBER.match(text):
        return None
    return int(text) if re.fullmatch(r"[-+]?[0-9]+", text) else float(text)
