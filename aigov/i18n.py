"""The language aigov writes in: message catalogues, and dates and numbers for the language.

Every label aigov writes has an English source string; its Dutch and German translations live
in gettext catalogues, `aigov/locale/<lang>/LC_MESSAGES/aigov.po`, read at run time with
Babel's own .po reader and cached (no compile step, nothing downloaded). A string the
catalogue lacks, or leaves untranslated, is written in English. Record text is never
translated: only what aigov itself writes goes through `gettext`.

The language is chosen once per command (`aigov.yaml`'s `language:`, overridden by `--lang`)
with `use_language`; the worker processes of a build inherit it (they are forked after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("en", "nl", "de")
DEFAULT = "en"

_current = DEFAULT
# while set, every message asked for is added (aigov.i18n_sources records the labels the
# cards and pages compute, which no static extraction finds)
_recording: set[str] | None = None


def current() -> str:
    """The language aigov writes in now."""
    return _current


def set_language(lang: str) -> None:
    """Write in `lang` from now on (a command's CLI calls this once, before any work)."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    _current = lang


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Write in `lang` inside the block, then in the language before."""
    before = _current
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Every message `gettext` is asked for inside the block."""
    global _recording
    seen: set[str] = set()
    before, _recording = _recording, seen
    try:
        yield seen
    finally:
        _recording = before


def catalogue_path(lang: str) -> str:
    return f"{lang}/LC_MESSAGES/aigov.po"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid → msgstr of one language's catalogue; untranslated (empty or fuzzy) entries are
    left out, so they fall back to English."""
    from babel.messages.pofile import read_po

    source = resources.files("aigov.locale").joinpath(catalogue_path(lang))
    if not source.is_file():
        return {}
    with source.open("rb") as handle:
        cat = read_po(handle, locale=lang, domain="aigov")
    out: dict[str, str] = {}
    for message in cat:
        if not message.id or message.fuzzy or not isinstance(message.id, str):
            continue
        if isinstance(message.string, str) and message.string:
            out[message.id] = message.string
    return out


def gettext(message: str, lang: str | None = None) -> str:
    """`message` (English) in the current language (or `lang`)."""
    lang = lang or _current
    if _recording is not None and message:
        _recording.add(message)
    if lang == DEFAULT or not message:
        return message
    return catalogue(lang).get(message, message)


_ = gettext


def N_(message: str) -> str:
    """Mark `message` for the catalogues without translating it here: a label kept in a table
    or constant and translated where it is shown (`gettext(label)` or `{{ label | t }}`)."""
    return message


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The singular or plural form for `n`; English, Dutch and German share the rule."""
    return gettext(singular if n == 1 else plural, lang)


def format_date(day: dt.date, lang: str | None = None, style: str = "long") -> str:
    """A date as the language writes it: 4 December 2026, 4 december 2026, 4. Dezember 2026."""
    from babel.dates import format_date as babel_date

    return str(babel_date(day, format=style, locale=lang or _current))


def shown_date(value: object, lang: str | None = None) -> str:
    """A date for the reader: ISO 8601 in English (the form aigov's cards, diffs and sign-off
    trails have always used), the language's long form otherwise (4 december 2026,
    4. Dezember 2026). A value that is not a date (None, a record's free text) is shown as is."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            return shown_date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    lang = lang or _current
    return value.isoformat() if lang == DEFAULT else format_date(value, lang)


def shown_number(value: object, lang: str | None = None) -> str:
    """A number with the language's separators; anything else as it is (booleans too)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return format_number(value, lang)


def format_number(value: float, lang: str | None = None) -> str:
    """A number with the language's separators: 1,234.5 / 1.234,5."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=lang or _current))


def format_percent(value: float, lang: str | None = None) -> str:
    """A share (0.42) as the language writes a percentage: 42%, 42%, 42 %."""
    from babel.numbers import format_percent as babel_percent

    return str(babel_percent(value, locale=lang or _current))
