"""Record text made safe for where it is shown: one function per output kind.

Every string in a record is untrusted. Each output kind has one function here, and every
output of that kind goes through it (directly, or through the Jinja filters and finalisers
built on it in `aigov.cards.escape` and `aigov.site.render`):

| output | function | guards against |
| --- | --- | --- |
| HTML (cards, attribute values) | `html_text` | tags, attribute break-out, controls, direction overrides |
| HTML inside a Markdown page (site pages) | `html_text(..., in_markdown=True)` | the above, and Markdown / template syntax if a template puts it outside a raw HTML block |
| SVG and XML attributes (`<title>`, `aria-label`) | `svg_text` | the above, and code points XML refuses |
| Markdown (cards, Hugging Face README, site card sections) | `markdown_text` | links, autolinks, reference definitions, raw HTML, code fences, extension syntax |
| YAML front matter | `front_matter_value`, `front_matter` | anything a YAML reader refuses or reads differently, direction overrides |
| terminal | `terminal` (`terminal_styled`) | ANSI/OSC sequences, BEL, CR, C1 controls, direction overrides |
| one-line messages | `printable` | the same, and long text |
| JSON | `json_text` | NaN/Infinity (invalid JSON), lone surrogates (not encodable) |
| CSV (downloads) | `csv_text` | formulas a spreadsheet would run (`=`, `+`, `-`, `@`, tab, CR first), controls, quoting |
| spreadsheet cells (CSV and XLSX) | `spreadsheet_cell` | the same formulas, controls, code points XML refuses (an XLSX file would not open), line breaks |
| Word (DOCX text runs) | `word_text` | controls, direction overrides, code points XML refuses (python-docx raises on them) |

Every function is linear in the length of its input (one pass, or a fixed number of
`str.translate` / regular-expression passes without backtracking).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import lru_cache
from typing import Any, Literal

import yaml
from markupsafe import Markup, escape

# bidirectional embeddings, overrides and isolates (U+202A-E, U+2066-9): invisible, they make
# text display in an order other than it is stored; a regular-expression character range
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"

# a bidirectional control as written, or any \u / \U escape that could spell one
BIDI_OR_ESCAPE = re.compile(f"[{BIDI_CONTROLS}]|\\\\[uU]")

# C0/C1 controls but tab and line feed, line and paragraph separators, direction controls:
# removed from every document output (Python-Markdown also keeps its placeholders between
# STX and ETX, so those must never come from a record)
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")
# code points XML 1.0 refuses even as character references (an SVG file would not parse)
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def clean(text: Any) -> str:
    """The text as a string without control or direction characters (newlines and tabs are
    kept; CR LF and CR become LF)."""
    if text is None:
        return ""
    if type(text) is str and len(text) <= MEMO_LENGTH:
        return _clean_short(text)
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


# Short texts (labels, names, values) recur thousands of times in one build's cards and
# pages: the pure functions below remember them (each cache holds at most MEMO_SIZE texts).
MEMO_LENGTH = 200
MEMO_SIZE = 1 << 16


@lru_cache(maxsize=MEMO_SIZE)
def _clean_short(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def word_text(text: Any) -> str:
    """Text for a run of a Word document: `clean`, and without the code points XML 1.0
    refuses (a DOCX is XML; python-docx would raise on them)."""
    return _NOT_XML.sub("", clean(text))


# --- terminal --------------------------------------------------------------------------------

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# aigov's own styling as click.style writes it (Select Graphic Rendition only)
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _unsafe(ch: str) -> bool:
    """C0, DEL, C1 (Cc), format characters such as direction overrides (Cf, but not the
    zero-width joiner emoji need), and the Unicode line and paragraph separators."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\u200d"


def terminal(text: Any, *, one_line: bool = False) -> str:
    """Text for a terminal, on a terminal and piped alike: every control character shown as an
    escape (`\\u001b`, `\\r`), so record text cannot clear the screen, set the window title,
    forge output lines or hide a change. Newlines and tabs stay unless `one_line` (then one
    value can never become two output lines). aigov's own colours are added after escaping."""
    text = str(text)
    if text.isprintable():
        return text  # the common case: no control, format or line-breaking character at all
    out = []
    for ch in text:
        if ch in "\n\t" and not one_line:
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif _unsafe(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def terminal_styled(text: str) -> str:
    """A whole output with aigov's colour codes kept and every other control escaped. Only
    for output whose record text was escaped (with `terminal`) before it was styled: an SGR
    code that came from a record would be kept too."""
    parts = []
    pos = 0
    for m in _SGR.finditer(text):
        parts.append(terminal(text[pos : m.start()]))
        parts.append(m.group())
        pos = m.end()
    parts.append(terminal(text[pos:]))
    return "".join(parts)


def printable(text: str, limit: int = 60) -> str:
    """Text from a record made safe to show in a one-line message: control and bidi characters
    are shown as escapes (a value cannot forge extra output lines or recolour a terminal), and
    long text is cut."""
    out = []
    for ch in text:
        if ch in "\n\r\t":
            out.append(_NAMED[ch])
        elif _unsafe(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
        if len(out) > limit:
            break
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: max(0, limit - 3)] + "..."


# --- HTML and SVG ----------------------------------------------------------------------------

# Inside a Markdown page a value that a template put outside a raw HTML block would be read as
# Markdown: these become character references, which HTML shows as the characters themselves
# and Markdown leaves alone. Braces stop template syntax for a MkDocs plugin (mkdocs-macros);
# a line feed becomes a reference so a value can never start a line of its own (no heading,
# list, fence, `--8<--` snippet or other line-based syntax).
_HTML_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
_IN_MARKDOWN = str.maketrans(
    {
        **_HTML_CHARS,
        **{ch: f"&#{ord(ch)};" for ch in "[]\\`*_~|#!${}"},
        "\n": "&#10;",
    }
)


def html_text(value: Any, *, in_markdown: bool = False) -> Markup:
    """Untrusted text as inert HTML text or attribute value: `& < > " '` escaped, control and
    direction characters removed. `in_markdown`: the HTML sits in a Markdown page (the site),
    so Markdown punctuation, braces and line feeds become character references too (in the
    same single pass) and the text is inert as Markdown as well, wherever the template put it."""
    if isinstance(value, Markup):
        return value
    if in_markdown:
        return Markup(clean(value).translate(_IN_MARKDOWN))
    return Markup(escape(clean(value)))


def svg_text(value: Any) -> Markup:
    """Untrusted text for SVG text, `<title>` and attributes such as `aria-label`: like
    `html_text` in a Markdown page, without the code points XML refuses (U+FFFE, U+FFFF,
    surrogates), so a standalone SVG file still parses."""
    if isinstance(value, Markup):
        return value
    return html_text(_NOT_XML.sub("\ufffd", clean(value)), in_markdown=True)


# --- Markdown --------------------------------------------------------------------------------

# Backslash-escaped everywhere: emphasis, code, links/images/footnotes/abbreviations,
# attribute lists and template-looking braces, table pipes.
_BACKSLASH = set("\\`*_{}[]|")
# Not backslash-escapable in Python-Markdown: numeric entities ($ starts maths).
_ENTITY = {"$": "&#36;"}
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# At the start of a line these start a heading, list, setext underline, admonition (!!!),
# collapsible block (???), generic block (///), definition (:) or a code fence (~~~; ``` is
# escaped everywhere). Python-Markdown cannot backslash-escape `~`, hence the entity.
_LINE_START = {
    "#": "\\#",
    "-": "\\-",
    "+": "\\+",
    "!": "\\!",
    "=": "&#61;",
    "?": "&#63;",
    "/": "&#47;",
    ":": "&#58;",
    ".": "\\.",
    "~": "&#126;",
}
# one table for str.translate: entities first, then backslashes (disjoint sets)
_CHARS = str.maketrans({**{ch: "\\" + ch for ch in _BACKSLASH}, **_ENTITY, **_HTML})
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")
_PARAGRAPHS = re.compile(r"\n\s*\n")  # linear: from a line feed, `\s*` stops at the first non-space


def _escape_line(line: str) -> str:
    line = line.strip().replace("\t", " ")
    if not line:
        return ""
    head = _LINE_START.get(line[0])
    escaped = (head + line[1:].translate(_CHARS)) if head else line.translate(_CHARS)
    if not escaped[0].isdigit():
        return escaped
    # `1. item` / `1) item` at the start of a line would start an ordered list.
    return _ORDERED_ITEM.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


MarkdownContext = Literal["inline", "block", "cell"]


def markdown_text(text: Any, context: MarkdownContext = "inline") -> Markup:
    """Untrusted text made inert as Markdown and as HTML, for Python-Markdown (with the
    extensions MkDocs sites use) and CommonMark/GFM renderers (GitHub, the Hugging Face Hub).

    - `&`, `<` and `>` become entities, so no tag, comment or autolink can start;
    - Markdown punctuation is backslash-escaped (`\\*`, `\\[`, `\\{` …) so no link, image,
      reference definition, emphasis, attribute list or footnote can form; `$` becomes an
      entity (Python-Markdown cannot backslash-escape it);
    - each line's leading whitespace is dropped and a leading `#`, `-`, `+`, `1.`, `~` …
      escaped, so no heading, list, indented code block, code fence or setext underline
      appears;
    - control and direction characters are removed.

    `context`: "inline" — one line (newlines become spaces); "block" — paragraphs kept, line
    breaks as `<br>`; "cell" — a table cell, one line with `<br>` for line breaks.
    """
    if type(text) is str and len(text) <= MEMO_LENGTH:
        return _markdown_short(text, context)
    return _markdown(text, context)


@lru_cache(maxsize=MEMO_SIZE)
def _markdown_short(text: str, context: MarkdownContext) -> Markup:
    return _markdown(text, context)


def _markdown(text: Any, context: MarkdownContext) -> Markup:
    cleaned = clean(text)
    if context == "inline":
        return Markup(_escape_line(" ".join(cleaned.split())))
    if context == "cell":
        lines = [_escape_line(line) for line in cleaned.split("\n") if line.strip()]
        return Markup("<br>".join(lines))
    rendered = []
    for para in _PARAGRAPHS.split(cleaned.strip()):
        lines = [_escape_line(line) for line in para.split("\n") if line.strip()]
        if lines:
            # a hard line break (two trailing spaces would be invisible; use a backslash-free <br>)
            rendered.append("<br>\n".join(lines))
    return Markup("\n\n".join(rendered))


def markdown_work(markdown: str) -> int:
    """How many inline-pattern matches Python-Markdown makes on this text (a backslash escape,
    an entity, a tag): each match copies the rest of the text node, so a text node costs about
    matches × length. A deterministic measure for keeping that bounded."""
    return markdown.count("\\") + markdown.count("&") + markdown.count("<")


# --- YAML front matter -----------------------------------------------------------------------


def _noncharacters() -> str:
    """U+FDD0-U+FDEF and the last two code points of every plane, as a character-class body."""
    last_two = "".join(f"\\U{p:04X}FFFE\\U{p:04X}FFFF" for p in range(0x11))
    return "\ufdd0-\ufdef" + last_two


# What a YAML reader may refuse, or read as something else, even inside a double-quoted JSON
# string: C0 controls but tab and line feed (PyYAML reads a raw CR as a line break), DEL and C1
# (a raw NEL is a line break too; PyYAML refuses the rest), surrogates (libyaml refuses the
# escape \ud800, and they cannot be written as UTF-8) and noncharacters (a raw U+FFFE stops
# PyYAML, so MkDocs then shows the front matter as page text).
_YAML_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_noncharacters()}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def front_matter_value(value: object) -> str:
    """A front-matter value as one line of JSON (so YAML too) that any YAML reader accepts and
    reads back as written, but for unsafe code points, which become U+FFFD, and direction
    controls, which are removed (as in every other document output).

    `ensure_ascii` stays off: JSON would escape U+1F600 as a surrogate pair, which libyaml
    refuses and PyYAML reads as two lone surrogates."""
    return json.dumps(yaml_safe(value), ensure_ascii=False)


def yaml_safe(value: object) -> object:
    """`value` (strings, lists and mappings of them) with what `front_matter_value` replaces
    or removes replaced or removed, keys included."""
    if isinstance(value, str):
        return _BIDI.sub("", _YAML_UNSAFE.sub("\ufffd", value))
    if isinstance(value, dict):
        return {yaml_safe(k): yaml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [yaml_safe(v) for v in value]
    return value


def _one_line_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Every string on one line, double-quoted when it has anything unusual, so no value can
    # ever put a `---` line into the front matter.
    style = '"' if ("\n" in data or data.strip() != data or data.startswith("-")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class _FrontMatterDumper(yaml.SafeDumper):
    pass


_FrontMatterDumper.add_representer(str, _one_line_str)


def front_matter(meta: dict[str, Any]) -> str:
    """A whole YAML front-matter block (`---` … `---`), block style, for metadata other tools
    read (the Hugging Face Hub): every string made safe as `front_matter_value` does."""
    body = yaml.dump(
        yaml_safe(meta),
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return f"---\n{body}---\n"


# --- JSON ------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_safe(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} is not a JSON number")
    if isinstance(value, dict):
        return {_json_safe(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def json_text(value: Any, **options: Any) -> str:
    """`json.dumps` for outputs other tools parse: never a bare NaN or Infinity (invalid JSON;
    ValueError instead), lone surrogates (which UTF-8 cannot encode) as U+FFFD, non-ASCII
    text kept as it is. `options` go to `json.dumps` (indent, sort_keys, default …)."""
    options.setdefault("ensure_ascii", False)
    if isinstance(options.get("indent"), int) and _FAST_OPTIONS.issuperset(options):
        fast = _indented_json(value, options)
        if fast is not None:
            return fast
    return json.dumps(_json_safe(value), allow_nan=False, **options)


_FAST_OPTIONS = frozenset({"indent", "sort_keys", "default", "ensure_ascii"})


def _indented_json(value: Any, options: dict[str, Any]) -> str | None:
    """What `json.dumps(value, indent=…, allow_nan=False, …)` writes, in a quarter of the time
    (its indenting encoder is pure Python, a generator per level), or None when `json_text`
    must take the usual way: a surrogate in the text, a NaN, a key or value JSON cannot take
    (that way replaces or raises exactly as before)."""
    if options.get("ensure_ascii"):
        return None
    step = " " * options["indent"]
    sort_keys = bool(options.get("sort_keys"))
    default = options.get("default")
    quote = json.encoder.encode_basestring  # the C function json.dumps uses here too
    parts: list[str] = []
    add = parts.append

    def key_text(key: Any) -> str:
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            if not math.isfinite(key):
                raise ValueError(key)
            return float.__repr__(key)
        if key is True or key is False or key is None:
            return json.dumps(key)
        if isinstance(key, int):
            return int.__repr__(key)
        raise TypeError(key)

    def put(o: Any, pad: str) -> None:
        if isinstance(o, str):
            add(quote(o))
        elif o is None:
            add("null")
        elif o is True:
            add("true")
        elif o is False:
            add("false")
        elif isinstance(o, int):
            add(int.__repr__(o))
        elif isinstance(o, float):
            if not math.isfinite(o):
                raise ValueError(o)
            add(float.__repr__(o))
        elif isinstance(o, list | tuple):
            if not o:
                add("[]")
                return
            inner = pad + step
            add("[" + inner)
            for i, item in enumerate(o):
                if i:
                    add("," + inner)
                put(item, inner)
            add(pad + "]")
        elif isinstance(o, dict):
            if not o:
                add("{}")
                return
            inner = pad + step
            add("{" + inner)
            items = sorted(o.items()) if sort_keys else o.items()
            for i, (k, v) in enumerate(items):
                add(("," + inner if i else "") + quote(key_text(k)) + ": ")
                put(v, inner)
            add(pad + "}")
        elif default is not None:
            put(default(o), pad)
        else:
            raise TypeError(o)

    try:
        put(value, "\n")
    except (ValueError, TypeError, RecursionError):
        return None
    text = "".join(parts)
    return None if _SURROGATE.search(text) else text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> str:
    """One cell's text for a spreadsheet (CSV or XLSX) that opens it as text, never as a
    formula: controls, direction characters and code points XML refuses removed, line breaks
    as spaces, and a cell that would start a formula (`=`, `+`, `-`, `@`; tab or CR first)
    prefixed with `'` (OWASP's advice for CSV injection). The same text in both kinds of file,
    so an XLSX cell never holds a formula either (openpyxl stores a string that starts with `=`
    as one)."""
    cell = _NOT_XML.sub("", clean("" if value is None else value)).replace("\n", " ")
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_text(rows: list[list[Any]]) -> str:
    """Rows as CSV (RFC 4180, CRLF line ends) that a spreadsheet opens as text: every cell
    through `spreadsheet_cell`."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])
    return out.getvalue()
