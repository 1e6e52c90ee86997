"""The template environment for site pages, and the links between them.

Pages are Markdown files whose record-derived content sits in raw HTML blocks written by
autoescaped Jinja templates. Python-Markdown passes such blocks through untouched, so no
Markdown syntax in a record can turn into a link or an attribute. Every value printed with
`{{ … }}` goes through `aigov.textsafety.html_text(…, in_markdown=True)`: on top of HTML
escaping, Markdown punctuation, braces and line breaks become character references, so the
value is inert as Markdown even where a template puts it outside a raw HTML block (a heading),
cannot start a line of its own (no `--8<--` snippet line or other line-based syntax) and
cannot feed template syntax to a MkDocs plugin such as mkdocs-macros. URLs from records pass
`aigov.cards.escape.safe_url` before they become links.

Templates live in `templates/site/`; a governance repository overrides one by putting a file
of the same name in its own `templates/site/` (`{% extends "default:site/…" %}` reaches the
original).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from aigov.cards.escape import safe_url
from aigov.cards.values import fmt_number, humanize
from aigov.i18n import N_, gettext, shown_date
from aigov.site.svg import completeness_bar, local_separators, shown_percent
from aigov.templating import make_environment
from aigov.textsafety import html_text, json_text


def text(value: Any) -> Markup:
    """Untrusted value → inert HTML (and Markdown) text on a single physical line."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dt.date):
        value = value.isoformat()
    return html_text(value, in_markdown=True)


def _finalize(value: Any) -> Any:
    return text(value)


def page_url(src: str, use_directory_urls: bool) -> str:
    """The URL path (relative to the site root) MkDocs gives a source file."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if use_directory_urls:
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"
    return stem + ".html"


@lru_cache(maxsize=65536)
def relative_url(from_src: str, to_src: str, use_directory_urls: bool, anchor: str = "") -> str:
    """A link from one generated source file to another, as the browser needs it (cached:
    a build asks for the same links thousands of times, `aigov serve` on every save)."""
    here = page_url(from_src, use_directory_urls)
    there = page_url(to_src, use_directory_urls)
    here_dir = here.rstrip("/") if here == "" or here.endswith("/") else posixpath.dirname(here)
    rel = _relpath(there.rstrip("/"), here_dir)
    if there == "" or there.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel


def _relpath(target: str, start: str) -> str:
    """`posixpath.relpath` for the site's own relative paths (no `..` in them), without its
    calls to the current directory."""
    to = [p for p in target.split("/") if p not in ("", ".")]
    base = [p for p in start.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


@lru_cache(maxsize=8)
def make_env(user_root: Path | None) -> Environment:
    """The environment for one repository (cached; Jinja reloads a template whose file
    changed, so `aigov serve` picks up template edits)."""
    return make_environment(
        user_root / "templates" if user_root is not None else None,
        finalize=_finalize,
        filters={
            # `| t`: an aigov label computed in Python, in the reader's language; `| inert`:
            # a record value made safe before a `{% trans %}` block inserts it (the block's
            # own escaping is HTML only)
            "t": _translated,
            "inert": text,
            # `_("…") | plain`: a translated message printed as any value is (made inert)
            "plain": _plain,
            "human": _human,
            "num": _num,
            "pct": _pct,
            "bar": _bar,
            "href": _href,
            "link": _link,
            "ext": _external,
            "anchor": anchor_id,
            "plural": _plural,
            # `| date` also takes the site's moments, "2026-12-03 10:14 UTC"
            "date": shown_moment,
        },
        globals={"filter_messages": filter_messages},
        # the site's loader has always taken `default/site/…`, not the `default:site/…` the
        # docstring above promises (the cards' spelling); kept as it is
        delimiter="/",
    )


#: what a filtered table's status line says (aigov.js fills in `{shown}` and `{total}`), by
#: the table's noun (`data-aigov-noun`)
FILTER_STATUS = {
    "systems": (N_("{total} systems"), N_("{shown} of {total} systems")),
    "harms": (N_("{total} harms"), N_("{shown} of {total} harms")),
    "controls": (N_("{total} controls"), N_("{shown} of {total} controls")),
    "obligations": (N_("{total} obligations"), N_("{shown} of {total} obligations")),
    "actions": (N_("{total} actions"), N_("{shown} of {total} actions")),
    "components": (N_("{total} components"), N_("{shown} of {total} components")),
}


def filter_messages(noun: str = "systems") -> str:
    """The `data-aigov-messages` of a table aigov.js filters: its status texts in the reader's
    language, as JSON (printed into the attribute through `text`, like every value)."""
    every, some = FILTER_STATUS[noun]
    return json_text({"all": gettext(every), "some": gettext(some)}, sort_keys=True)


def _human(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    return humanize(str(value))


def _translated(value: Any) -> Any:
    return gettext(value) if isinstance(value, str) and not isinstance(value, Markup) else value


_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})( \d{2}:\d{2}.*)?$")


def shown_moment(value: Any) -> str:
    """A date, or a date with a time ("2026-12-03 10:14 UTC"), as the reader's language writes
    the date (English keeps ISO 8601); the time as it is."""
    if isinstance(value, str):
        match = _MOMENT.match(value)
        if match and match.group(2):
            return shown_date(match.group(1)) + match.group(2)
    return shown_date(value)


def _plain(value: Any) -> Any:
    return value.unescape() if isinstance(value, Markup) else value


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext(fmt_number(value))
    return local_separators(fmt_number(value))


def _pct(value: float | None) -> str:
    return gettext("n/a") if value is None else shown_percent(value)


def _bar(value: float | None, label: str = "", width: int = 120) -> Markup:
    return completeness_bar(value, label=label, width=width)


def _plural(count: int, word: str, many: str = "") -> str:
    """English only: aigov's templates say `ngettext(...)`; kept for repositories' own
    templates that still use it."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


@pass_context
def _href(ctx: Context, target: str, anchor: str = "") -> Markup:
    """Relative link from the page being rendered to another generated file."""
    here = ctx["page_src"]
    return Markup(
        escape(relative_url(here, target, bool(ctx["use_directory_urls"]), anchor_id(anchor)))
    )


@pass_context
def _link(ctx: Context, label: Any, target: str, anchor: str = "") -> Markup:
    return Markup(f'<a href="{_href(ctx, target, anchor)}">{text(label)}</a>')


def _external(label: Any, url: Any) -> Markup:
    """A link from a record: only http(s), mailto and relative URLs become links."""
    target = safe_url(url)
    shown = text(label if label not in (None, "") else url)
    if target is None:
        return shown
    return Markup(f'<a href="{text(target)}" rel="noopener noreferrer">{shown}</a>')


def anchor_id(value: Any) -> str:
    """A stable HTML id from a rule id, slug or subcategory ('MEASURE 2.11' → measure-2-11)."""
    if not value:
        return ""
    out = []
    for ch in str(value).lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")
