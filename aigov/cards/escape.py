"""Escaping for untrusted record text, in one place, as Jinja filters the site reuses.

Every string in a record is untrusted. In HTML templates Jinja's autoescape does the work;
Markdown needs more, because MkDocs (Python-Markdown) passes raw HTML through and its
extensions give meaning to many characters: `{: onclick=… }` (attr_list), `<div markdown>`
(md_in_html), `--8<--` (snippets), `!!!` (admonition), `[^1]` (footnotes), `*[X]:` (abbr),
`$…$` (arithmatex), `~~~` (fences). The Markdown filters here are the contexts of the one
Markdown function, `aigov.textsafety.markdown_text` (what it escapes is said there), which
makes record text inert for Python-Markdown with those extensions and for CommonMark/GFM
renderers (GitHub, the Hugging Face Hub).

On a site page (inside `long_texts_at_end(True)`), text whose escaped form would make
Python-Markdown's inline processing slow (it is quadratic in the escapes of one text node) is
shown in full at the end of the page, in a raw HTML block, and linked from where it stands.

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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from markupsafe import Markup

from aigov.textsafety import _CONTROL, clean, html_text, markdown_text, markdown_work

__all__ = ["clean"]  # re-exported: the site and tests import it from here

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SAFE_SCHEMES = ("http", "https", "mailto")

# Python-Markdown copies the rest of a text node for every inline-pattern match (a backslash
# escape, an entity), so one piece of escaped text costs about matches × length: beyond this,
# a site page shows the text at the end of the page instead (see `long_texts_at_end`).
WORK_LIMIT = 4_000_000
_LONG: ContextVar[dict[str, int] | None] = ContextVar("aigov_long_texts", default=None)


@contextmanager
def long_texts_at_end(on: bool) -> Iterator[dict[str, int]]:
    """While rendering a card for a site page (`on`): record text whose escaped Markdown would
    cost Python-Markdown more than WORK_LIMIT is replaced where it stands by a link to the end
    of the page, where `long_texts_block` shows it in full in a raw HTML block, which
    Python-Markdown passes through without running its inline patterns (so a 5 MB field costs
    a linear build, not a quadratic one). Off, text always stays where it stands (a Markdown
    card for GitHub or the Hub: CommonMark renderers are linear)."""
    collected: dict[str, int] = {}
    token = _LONG.set(collected if on else None)
    try:
        yield collected
    finally:
        _LONG.reset(token)


def long_texts_block(collected: dict[str, int]) -> str:
    """The texts `long_texts_at_end` moved, each in full, HTML-escaped, in one raw HTML block."""
    if not collected:
        return ""
    paragraphs = "\n".join(
        f'<p id="aigov-long-text-{n}" style="white-space: pre-wrap">'
        f"<strong>Long text {n}:</strong> {html_text(text, in_markdown=True)}</p>"
        for text, n in collected.items()
    )
    return (
        '\n\n<div class="aigov-long-texts">\n'
        "<p><strong>Long texts</strong> (shown here in full, not where they stand).</p>\n"
        f"{paragraphs}\n</div>\n"
    )


def _bounded(escaped: Markup, text: Any) -> Markup:
    """`escaped`, or on a site page a link to where the text is shown in full if its escaped
    form would cost Python-Markdown too much (see `long_texts_at_end`)."""
    collected = _LONG.get()
    if collected is None or markdown_work(escaped) * len(escaped) <= WORK_LIMIT:
        return escaped
    n = collected.setdefault(clean(text), len(collected) + 1)
    return Markup(
        f'<a href="#aigov-long-text-{n}">(long text {n}, shown at the end of the page)</a>'
    )


def md_inline(text: Any) -> Markup:
    """One line of untrusted text, safe in Markdown (newlines become spaces)."""
    return _bounded(markdown_text(text, "inline"), text)


def md_block(text: Any) -> Markup:
    """Untrusted multi-line text: paragraphs (blank-line separated) and line breaks kept."""
    return _bounded(markdown_text(text, "block"), text)


def md_cell(text: Any) -> Markup:
    """Untrusted text in a Markdown table cell: one line; line breaks become <br>."""
    return _bounded(markdown_text(text, "cell"), text)


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
