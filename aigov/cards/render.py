"""Jinja2 environments for the cards, and the text formats (Markdown, HTML, JSON).

Templates resolve through a ChoiceLoader: the governance repository's own `templates/`
folder first, then aigov's defaults; the `default:` prefix always reaches the defaults, so a
repository template can `{% extends "default:system_card.html.j2" %}` and change one block.

- HTML templates are autoescaped.
- Markdown templates are autoescaped too (so `<`, `>`, `&` from a record never reach the page
  raw) and, through the environment's `finalize`, every plain string printed with `{{ … }}`
  is also Markdown-escaped (`escape.md_inline`). The `md_*` filters return already escaped
  Markup and pass through untouched; `join` is replaced by a Markdown-safe one. Caveat for
  template authors: `{{ "x" ~ record_text }}` yields Markup that is only HTML-escaped; filter
  record text (`record_text | md`) before concatenating it.
- Both use StrictUndefined: a misspelt variable fails loudly instead of printing nothing.
- Nothing from a record is ever compiled as a template: record text only ever arrives as
  variable values, so `{{ 7*7 }}` in a record prints literally.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from aigov.errors import SetupError
from aigov.evidence import kept_file
from aigov.formats.contract import schema_id
from aigov.templating import make_environment, tidy_markdown
from aigov.textsafety import json_text

from . import escape
from .appendix import print_appendix
from .values import Fact, Section, Value, in_sentence, shown_when

#: `{{ signoff.when | when }}`: a sign-off's time as the language writes its date;
#: `{{ label | phrase }}`: a label inside a sentence (lower-cased, but German keeps its nouns)
SHOWN = {"when": shown_when, "phrase": in_sentence}
FORMAT_EXT = {"md": "md", "html": "html", "hf": "md"}


class TemplateError(SetupError):
    """A card template is missing or broken (a user override, usually)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="A template in your templates/ folder is broken or refers to something the "
            "card does not have; see templates/README.md for the context.",
        )


def _finalize_html(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape.clean(value)  # no control or bidirectional override characters
    return value


def _finalize_md(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape.md_inline(value)


@lru_cache(maxsize=16)
def environment(kind: str, user_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment for `html` or `md` templates, with `user_dir` overriding."""
    # `site`: render_markdown/render_html(site=True) for the documentation site, where a
    # linked file of a type the site does not publish reads as kept in the repository
    shared = {"site": False, "kept_file": kept_file}
    if kind != "md":
        return make_environment(
            user_dir, finalize=_finalize_html, filters={**escape.FILTERS, **SHOWN}, globals=shared
        )
    return make_environment(
        user_dir,
        finalize=_finalize_md,
        filters={**escape.FILTERS, **SHOWN, "join": _md_join, "ref": _md_ref},
        globals=shared,
    )


@jinja2.pass_context
def _md_ref(context: Any, value: Any, on: bool = True) -> Markup:
    """Record text a card repeats from elsewhere (a control's title where a harm names it,
    the system's intended users in a model card): on the site (`site` is true) each line is
    wrapped in `<span data-search-exclude>`, so the search index holds every field once, on
    the part of the page that owns it. Plain text is escaped as inline Markdown; in a table
    cell, escape it first (`text | md_cell | ref`)."""
    text = value if isinstance(value, Markup) else escape.md_inline(value)
    if not on or not context.get("site"):
        return text
    return Markup("\n").join(
        Markup("<span data-search-exclude>") + line + Markup("</span>") if line.strip() else line
        for line in text.split("\n")
    )


def _md_join(value: Any, d: str = "", attribute: str | None = None) -> Markup:
    """`join` for Markdown templates: each item Markdown-escaped (the separator is template
    text). Jinja's own join would only HTML-escape the items."""
    items = [getattr(v, attribute) if attribute else v for v in value]
    return Markup(d).join(v if isinstance(v, Markup) else escape.md_inline(v) for v in items)


def render_template(name: str, kind: str, user_dir: Path | None = None, **context: Any) -> str:
    env = environment(kind, user_dir.resolve() if user_dir else None)
    try:
        template = env.get_template(name)
        return template.render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name}: {exc.message}") from exc


def render_markdown(
    card: dict[str, Any],
    *,
    user_dir: Path | None = None,
    flavor: str = "mkdocs",
    site: bool = False,
) -> str:
    """The card as Markdown. `flavor` "mkdocs" uses admonitions; "plain" uses blockquotes
    (GitHub, the Hugging Face Hub and other CommonMark renderers). `site`: for a page of the
    documentation site, where restated fields are kept out of the search index."""
    with escape.long_texts_at_end(site) as moved:
        text = render_template(
            f"{card['kind']}_card.md.j2", "md", user_dir, card=card, flavor=flavor, site=site
        )
    return tidy_markdown(text + escape.long_texts_block(moved))


def render_html(card: dict[str, Any], *, user_dir: Path | None = None, site: bool = False) -> str:
    """The card as a standalone HTML document (inline CSS, no external requests); `site`:
    the download on the documentation site. In print (PDF, DOCX) the NIST subcategory texts
    and empty optional fields move to an appendix (`appendix.py`)."""
    return render_template(
        f"{card['kind']}_card.html.j2",
        "html",
        user_dir,
        card=card,
        site=site,
        appendix=print_appendix(card),
    )


def jsonable(value: Any) -> Any:
    """The card context as plain JSON data (Value → {"state", "value"|"justification"})."""
    if isinstance(value, Value | Fact | Section):
        return jsonable(value.to_json())
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return value


def render_json(card: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, two-space indent, UTF-8, one trailing newline; `$schema`
    names schemas/aigov-card.schema.json (the card already carries its format and version)."""
    data = {"$schema": schema_id("card"), **jsonable(card)}
    return json_text(data, sort_keys=True, indent=2) + "\n"
