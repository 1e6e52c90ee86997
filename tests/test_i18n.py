"""The message catalogues and the language aigov writes in (issue 19)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from aigov import i18n
from aigov.i18n_sources import LOCALE, english
from tests.conftest import REPO


def _catalogue(lang: str) -> dict[str, str]:
    with (LOCALE / i18n.catalogue_path(lang)).open("rb") as handle:
        cat = read_po(handle, locale=lang, domain="aigov")
    return {str(m.id): str(m.string or "") for m in cat if m.id and isinstance(m.id, str)}


def test_the_english_catalogue_holds_every_source_string() -> None:
    """The titles, labels and template strings, and every label rendering the examples'
    cards asks for. Regenerate with `python -m aigov.i18n_sources` when this fails."""
    assert list(_catalogue("en")) == english(REPO)


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_a_catalogue_has_every_english_message_translated(lang: str) -> None:
    theirs = _catalogue(lang)
    lacking = [m for m in _catalogue("en") if not theirs.get(m)]
    assert not lacking, f"{lang} lacks {len(lacking)}: {lacking[:15]}"


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_placeholders_survive_translation(lang: str) -> None:
    import re

    named = re.compile(r"%\(\w+\)s|\{\w*\}")
    for msg, string in _catalogue(lang).items():
        assert sorted(named.findall(msg)) == sorted(named.findall(string)), (lang, msg)


def test_gettext_translates_aigov_words_and_leaves_the_rest() -> None:
    assert i18n.gettext("Impact assessment", "nl") == "Effectbeoordeling"
    assert i18n.gettext("Impact assessment", "de") == "Folgenabschätzung"
    assert i18n.gettext("Deployer", "nl") == "Gebruiksverantwoordelijke"
    assert i18n.gettext("Deployer", "de") == "Betreiber"
    assert i18n.gettext("High-risk", "de") == "Hochrisiko"
    # record text is not a message: it comes back as written
    assert i18n.gettext("Refunds promised by the bot", "nl") == "Refunds promised by the bot"
    assert i18n.gettext("Impact assessment", "en") == "Impact assessment"


def test_use_language_sets_and_restores() -> None:
    from aigov.fieldmodel.titles import field_title, value_label

    assert i18n.current() == "en"
    with i18n.use_language("de"):
        assert field_title("impact_assessment") == "Folgenabschätzung"
        assert value_label("deployer") == "Betreiber"
    assert field_title("impact_assessment") == "Impact assessment"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_dates_and_numbers_follow_the_language() -> None:
    day = dt.date(2026, 12, 4)
    assert i18n.format_date(day, "en") == "December 4, 2026"
    assert i18n.format_date(day, "nl") == "4 december 2026"
    assert i18n.format_date(day, "de") == "4. Dezember 2026"
    assert i18n.format_number(1234.5, "nl") == "1.234,5"
    assert i18n.format_number(1234.5, "de") == "1.234,5"
    assert i18n.format_number(1234.5, "en") == "1,234.5"


def test_the_policy_names_one_of_the_shipped_languages() -> None:
    from pydantic import ValidationError

    from aigov.checks.policy import Policy

    assert Policy().language == "en"
    assert Policy(language="nl").language == "nl"
    with pytest.raises(ValidationError):
        Policy(language="fr")  # type: ignore[arg-type]


def test_the_site_config_sets_materials_language() -> None:
    from pathlib import Path

    from aigov.site.mkdocs_config import UserConfig, generated_config

    user = UserConfig(path=None, data={})
    kw = dict(build_folder=Path("/b"), site_dir=Path("/b/site"), nav=[], extra_css=[],
              extra_javascript=[])  # fmt: skip
    assert "language: nl" in generated_config(user, language="nl", **kw).text  # type: ignore[arg-type]
    assert "language:" not in generated_config(user, **kw).text  # type: ignore[arg-type]


def test_dates_and_numbers_are_shown_as_the_language_writes_them() -> None:
    import datetime as dt

    from aigov.i18n import shown_date, shown_number

    day = dt.date(2026, 12, 4)
    assert shown_date(day, "en") == "2026-12-04"
    assert shown_date("2026-12-04", "nl") == "4 december 2026"
    assert shown_date(day, "de") == "4. Dezember 2026"
    # what is not a date stays as the record wrote it
    assert shown_date("early next year", "nl") == "early next year"
    assert shown_number(1234.5, "nl") == "1.234,5"
    assert shown_number(1234.5, "en") == "1,234.5"
    assert shown_number(True, "de") == "True"


def test_marked_and_plural_messages_reach_the_catalogue(tmp_path: Path) -> None:
    from aigov import i18n_sources

    source = tmp_path / "marked.py"
    source.write_text(
        'A = N_("A marked label")\nB = ngettext("{n} system", "{n} systems", 2)\n',
        encoding="utf-8",
    )
    from babel.messages.extract import extract_python

    with source.open("rb") as handle:
        found = [
            m for _l, _f, m, _c in extract_python(handle, i18n_sources.PYTHON_KEYWORDS, [], {})
        ]
    assert "A marked label" in found
    assert any(isinstance(m, tuple) and m[:2] == ("{n} system", "{n} systems") for m in found)
