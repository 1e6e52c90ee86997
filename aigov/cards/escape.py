"""Escaping for untrusted record text, in one place, as Jinja filters the site reuses.

Every string in a record is untrusted. In HTML templates Jinja's autoescape does the work;
Markdown needs more, because MkDocs (Python-Markdown) passes raw HTML through and its
extensions give meaning to many characters: `{: onclick=… }` (attr_list), `<div markdown>`
(md_in_html), `--8<--` (snippets), `!!!` (admonition), `[^1]` (footnotes), `*[X]:` (abbr),
`$…$` (arithmatex). The Markdown filters here make record text inert for Python-Markdown with
those extensions and for CommonMark/GFM renderers (GitHub, the Hugging Face Hub):

- `&`, `<` and `>` become entities, so no tag, comment or autolink can start;
- Markdown punctuation is backslash-escaped (`\\*`, `\\[`, `\\{` …) so no link, image,
  emphasis, attribute list or footnote can form; characters Python-Markdown cannot
  backslash-escape (`$`, `=`, `|` outside tables …) become numeric entities;
- each line's leading whitespace is dropped and a leading `#`, `-`, `+`, `1.` … is escaped, so
  no heading, list, code block or setext underline appears;
- control characters are removed (Python-Markdown keeps its placeholders between STX and ETX),
  and so are bidirectional overrides and isolates, which could make a card read differently
  from the record (a "Trojan Source" reordering);

Links from records are rendered only for http(s), mailto and relative paths (`safe_url`);
anything else (javascript:, data:, vbscript:, protocol-relative `//host`, URLs with control
characters) is shown as plain text, never as a link.

Filters (all registered on every card environment):

| filter | for | returns |
| --- | --- | --- |
| `md` | inline Markdown text | escaped Markdown |
| `md_block` | multi-line Markdown text (paragraphs kept) | escaped Markdown |
| `md_cell` | a Markdown table cell | escaped Markdown, one line, `|` escaped |
| `md_code` | an identifier shown as code | a code span (escaped text if not id-like) |
| `md_link(url)` | link text | `[text](url)` when the URL is safe, else escaped text |
| `safe_url` | a URL | the URL when safe, else `None` |
| `with_base(base)` | a safe relative URL | the URL prefixed with `base` |
| `html_block` | multi-line text in HTML | escaped `<p>` paragraphs with `<br>` |
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from aigov.yamlload import BIDI_CONTROLS

# C0/C1 controls, line separators, and the bidirectional embeddings, overrides and isolates
# (U+202A-E, U+2066-9) that make text display in an order other than it is written
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SAFE_SCHEMES = ("http", "https", "mailto")

# Backslash-escaped everywhere: emphasis, code, links/images/footnotes/abbreviations,
# attribute lists and template-looking braces, table pipes.
_BACKSLASH = set("\\`*_{}[]|")
# Not backslash-escapable in Python-Markdown: numeric entities ($ starts maths).
_ENTITY = {"$": "&#36;"}
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# At the start of a line these start a heading, list, setext underline, admonition (!!!),
# collapsible block (???), generic block (///) or definition (:).
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
}


def clean(text: Any) -> str:
    """The text as a string without control characters (newlines and tabs are kept)."""
    if text is None:
        return ""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


# one table for str.translate: entities first, then backslashes (disjoint sets)
_CHARS = str.maketrans({**{ch: "\\" + ch for ch in _BACKSLASH}, **_ENTITY, **_HTML})
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _escape_chars(line: str) -> str:
    return line.translate(_CHARS)


def _escape_line(line: str) -> str:
    line = line.strip().replace("\t", " ")
    if not line:
        return ""
    head = _LINE_START.get(line[0])
    escaped = (head + _escape_chars(line[1:])) if head else _escape_chars(line)
    if not escaped[0].isdigit():
        return escaped
    # `1. item` / `1) item` at the start of a line would start an ordered list.
    return _ORDERED_ITEM.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def md_inline(text: Any) -> Markup:
    """One line of untrusted text, safe in Markdown (newlines become spaces)."""
    return Markup(_escape_line(" ".join(clean(text).split())))


def md_block(text: Any) -> Markup:
    """Untrusted multi-line text: paragraphs (blank-line separated) and line breaks kept."""
    paragraphs = re.split(r"\n\s*\n", clean(text).strip())
    rendered = []
    for para in paragraphs:
        lines = [_escape_line(line) for line in para.split("\n") if line.strip()]
        if lines:
            # a hard line break (two trailing spaces would be invisible; use a backslash-free <br>)
            rendered.append("<br>\n".join(lines))
    return Markup("\n\n".join(rendered))


def md_cell(text: Any) -> Markup:
    """Untrusted text in a Markdown table cell: one line; line breaks become <br>."""
    lines = [_escape_line(line) for line in clean(text).split("\n") if line.strip()]
    return Markup("<br>".join(lines))


_CODE_SAFE = re.compile(r"^[A-Za-z0-9 ._:/@+=,#-]+$")


def md_code(text: Any) -> Markup:
    """An identifier as a code span. Text with anything beyond letters, digits and simple
    punctuation is shown as escaped plain text instead, so no raw `<` ever sits in the page."""
    body = " ".join(clean(text).split())
    if not body:
        return Markup("")
    if not _CODE_SAFE.match(body):
        return md_inline(body)
    return Markup(f"`{body}`")


def safe_url(url: Any) -> str | None:
    """The URL when it is http(s), mailto or a relative path; otherwise None.

    Rejected: any other scheme (javascript:, data:, vbscript:, file: …), protocol-relative
    `//host` and `\\\\host`, anything with control characters or whitespace inside the scheme
    part (browsers strip those, so `java\\tscript:` would run), and text that is not a string.
    """
    if not isinstance(url, str):
        return None
    value = url.strip()
    if not value or _CONTROL.search(value) or "\t" in value or "\n" in value:
        return None
    if value.startswith(("//", "\\\\", "/\\", "\\/")):
        return None
    match = _SCHEME.match(value)
    if match:
        if match.group(1).lower() not in _SAFE_SCHEMES:
            return None
        if match.group(1).lower() in ("http", "https") and not re.match(
            r"^https?://[^/\\\s]", value, re.IGNORECASE
        ):
            return None
        return value
    # No scheme: a relative path. A colon before the first / ? # would make some parsers see a
    # scheme (`javascript&colon;` after entity decoding, `x:y`); refuse those.
    head = re.split(r"[/?#]", value, maxsplit=1)[0]
    if ":" in head or "&" in head:
        return None
    return value


_URL_ENCODE = {
    " ": "%20",
    "(": "%28",
    ")": "%29",
    "[": "%5B",
    "]": "%5D",
    "<": "%3C",
    ">": "%3E",
    '"': "%22",
    "'": "%27",
    "`": "%60",
    "{": "%7B",
    "}": "%7D",
    "|": "%7C",
    "\\": "%5C",
    "*": "%2A",
    "$": "%24",
}


def _md_url(url: str) -> str:
    """Percent-encode what could end or confuse a Markdown link destination or an extension."""
    return "".join(_URL_ENCODE.get(ch, ch) for ch in url)


def md_link(text: Any, url: Any, base: str = "") -> Markup:
    """`[text](url)` when the URL is safe, else the escaped text followed by the URL as text."""
    label = md_inline(text if clean(text).strip() else url)
    target = safe_url(url)
    if target is None:
        if url and clean(url).strip() and clean(url).strip() != clean(text).strip():
            return Markup(f"{label} (link not shown: {md_inline(url)})")
        return label
    return Markup(f"[{label}]({_md_url(with_base(target, base))})")


def with_base(url: str, base: str) -> str:
    """Prefix a relative path (not `/abs`, `#frag`, or a URL with a scheme) with `base`."""
    if not base or _SCHEME.match(url) or url.startswith(("/", "#", "?")):
        return url
    return base.rstrip("/") + "/" + url


def html_block(text: Any) -> Markup:
    """Untrusted multi-line text as HTML paragraphs (escaped; line breaks kept)."""
    paragraphs = re.split(r"\n\s*\n", clean(text).strip())
    out = []
    for para in paragraphs:
        lines = [Markup.escape(line.strip()) for line in para.split("\n") if line.strip()]
        if lines:
            out.append(Markup("<p>") + Markup("<br>\n").join(lines) + Markup("</p>"))
    return Markup("\n").join(out)


def md_quote(markdown: Any) -> Markup:
    """Already-rendered Markdown (from a template) as a blockquote: "> " before each line."""
    text = markdown if isinstance(markdown, Markup) else md_block(markdown)
    lines = str(text).strip("\n").split("\n")
    return Markup("\n".join(("> " + line) if line.strip() else ">" for line in lines))


def css_token(value: Any) -> Markup:
    """A safe CSS class or id token: letters, digits and hyphens only (`not_applicable` →
    `not-applicable`)."""
    return Markup(re.sub(r"[^a-z0-9-]+", "-", clean(value).lower()).strip("-"))


FILTERS = {
    "css_token": css_token,
    "md_quote": md_quote,
    "html_block": html_block,
    "with_base": with_base,
    "md": md_inline,
    "md_block": md_block,
    "md_cell": md_cell,
    "md_code": md_code,
    "md_link": md_link,
    "safe_url": safe_url,
}
