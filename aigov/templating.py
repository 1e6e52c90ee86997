"""The one way aigov builds a Jinja environment, and the one Markdown tidier.

Cards (`aigov.cards.render`) and site pages (`aigov.site.render`) both render autoescaped,
StrictUndefined templates from aigov's `templates/` folder, overridable by a governance
repository's own `templates/` folder, with the `default` prefix always reaching the originals.
What differs between them is passed in: how a printed value is finalised, the filters and
globals, and the prefix's delimiter.

This module imports nothing from the packages that use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from aigov import i18n
from aigov.paths import templates_dir


def template_loader(user_templates: Path | None, delimiter: str = ":") -> jinja2.BaseLoader:
    """`default<delimiter>name` reaches aigov's own template; any other name is looked up in
    `user_templates` (when it is a folder other than aigov's own) first, then in aigov's."""
    defaults = jinja2.FileSystemLoader(str(templates_dir()))
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"default": defaults}, delimiter=delimiter)
    ]
    if user_templates is not None and user_templates.is_dir():
        user = user_templates.resolve()
        if user != templates_dir().resolve():
            loaders.append(jinja2.FileSystemLoader(str(user)))
    loaders.append(defaults)
    return jinja2.ChoiceLoader(loaders)


def make_environment(
    user_templates: Path | None,
    *,
    finalize: Callable[[Any], Any],
    filters: Mapping[str, Any],
    globals: Mapping[str, Any] | None = None,
    delimiter: str = ":",
) -> jinja2.Environment:
    """An autoescaped, StrictUndefined environment (a misspelt variable fails loudly instead
    of printing nothing). Jinja reloads a template whose file changed, so `aigov serve` picks
    up template edits. Callers cache the result."""
    env = jinja2.Environment(
        loader=template_loader(user_templates, delimiter),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
        auto_reload=True,
        extensions=["jinja2.ext.i18n"],
    )
    # `_("…")`, `{% trans %}` and `language()` in every template: aigov's own words in the
    # current language (aigov.i18n); record values are never passed through them
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    env.globals["language"] = i18n.current
    # `{{ label | t }}`: a label aigov computed, translated and then escaped like any value
    # (`_()` marks its result safe, which only a literal in the template may be)
    env.filters["t"] = i18n.gettext
    # `{{ day | date }}` / `{{ n | number }}`: dates and numbers as the language writes them
    env.filters["date"] = i18n.shown_date
    env.filters["number"] = i18n.shown_number
    env.filters.update(filters)
    env.globals.update(globals or {})
    return env


def tidy_markdown(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, exactly one newline at the end."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
