"""The English source strings of aigov's message catalogues, gathered from where they are
described: field and section titles (the model and aigov.fieldmodel.titles), value labels
(aigov/data/labels.yaml and every vocabulary's codes in words), and the `_()` / `{% trans %}`
strings of the templates and of aigov's Python modules.

`python -m aigov.i18n_sources` rewrites the English catalogue and adds the new messages,
untranslated, to the Dutch and German ones (their translations are kept)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from aigov.i18n import LANGUAGES, catalogue_path

LOCALE = Path(__file__).resolve().parent / "locale"
# a fixed header date: regenerating an unchanged catalogue changes nothing
FIXED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def model_strings() -> Iterator[str]:
    from aigov.fieldmodel import titles
    from aigov.fieldmodel.walk import every_field
    from aigov.i18n import use_language

    with use_language("en"):
        seen: set[type[Enum]] = set()
        for trail in every_field():
            yield titles.field_title(trail[-1].name)
            base = trail[-1].base
            if isinstance(base, type) and issubclass(base, Enum) and base not in seen:
                seen.add(base)
                for member in base:
                    yield titles.value_label(member)
        for key in titles.SECTION_TITLES:
            yield titles.section_title(key)
        values, by_field = titles._label_table()
        yield from values.values()
        for table in by_field.values():
            yield from table.values()


def template_strings() -> Iterator[str]:
    from jinja2.ext import babel_extract

    from aigov.paths import templates_dir

    for path in sorted(templates_dir().rglob("*.j2")):
        with path.open("rb") as handle:
            for _line, _func, message, _comments in babel_extract(
                handle, ("_", "gettext", "ngettext"), [], {"trimmed": "true"}
            ):
                if isinstance(message, str):
                    yield message
                elif isinstance(message, tuple):
                    yield from (m for m in message if isinstance(m, str))


#: the calls whose literal arguments are messages: `_`/`gettext` translate, `N_` only marks
#: (translated where shown), `ngettext` takes a singular and a plural
PYTHON_KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def python_strings() -> Iterator[str]:
    from babel.messages.extract import extract_python

    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        text = path.read_bytes()
        if b"_(" not in text and b"gettext(" not in text:
            continue
        for _line, _func, message, _comments in extract_python(
            io.BytesIO(text), PYTHON_KEYWORDS, [], {}
        ):
            if isinstance(message, str):
                yield message
            elif isinstance(message, tuple):
                yield from (m for m in message if isinstance(m, str) and m)


def rule_strings() -> Iterator[str]:
    """The words of aigov's shipped data that `aigov check` and `aigov new` show: the rules'
    titles and fix hints (aigov/data/rules.yaml), and the questionnaire's sections, questions
    and kind tips (aigov/data/questions.yaml, kinds.yaml); both translated where shown."""
    from aigov.authoring.questionnaire import catalogue_strings as questionnaire
    from aigov.checks.registry import catalogue_strings as rules

    yield from rules()
    yield from questionnaire()


def rendered_strings(root: Path) -> list[str]:
    """The labels aigov computes (fact labels, gap words, section titles, export rows) as
    generating the site of the repository at `root` asks for them: its pages, its cards and
    its exports, in one process (run from a checkout, on the examples; the repository is
    copied to a temporary folder first, so nothing is written into it)."""
    import shutil
    import tempfile

    from aigov.i18n import recording, use_language
    from aigov.site.base import BuildOptions
    from aigov.site.build import generate_and_write

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        copy.mkdir()
        for name in ("systems", "evidence", "components", "docs"):
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name)
        for name in ("mkdocs.yml", "aigov.yaml", "organisation.yaml"):
            if (root / name).is_file():
                shutil.copy2(root / name, copy / name)
        options = BuildOptions(root=copy, today=dt.date(2026, 11, 20), jobs=1, render=False)
        with use_language("en"), recording() as seen:
            generate_and_write(options)
    # a reasoned not-applicable carries the record's own reason: record text, not a message;
    # the frameworks' own wording is shipped data in its source's language, not aigov's words
    official = catalogue_text()
    return sorted(
        m
        for m in seen
        if not m.lower().startswith("not applicable: ")
        and m not in official
        and not RMF_TEXT.match(m)
        and not ISO_TITLE.match(m)
    )


#: an ISO/IEC 42001 Annex A clause or control by id and title, "A.6 AI system life cycle"
ISO_TITLE = re.compile(r"^A\.\d+(\.\d+)* \S")
#: a NIST AI RMF subcategory as documents cite it, "MANAGE 2.2: <its text>"
RMF_TEXT = re.compile(r"^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+: ")


def catalogue_text() -> set[str]:
    """The titles and texts of the shipped frameworks (ISO/IEC 42001 Annex A ids and titles,
    NIST AI 600-1 risks and actions) as documents show them: kept as their source wrote
    them, never translated (ISO's text may not be; NIST's is an English original)."""
    from aigov.catalog import genai_profile, iso42001

    out: set[str] = set()
    controls = iso42001().controls
    for control in controls.values() if isinstance(controls, dict) else controls:
        out |= {str(control.title), f"{control.id} {control.title}"}
    profile = genai_profile()
    risks = profile.risks
    for n, risk in enumerate(risks.values() if isinstance(risks, dict) else risks, 1):
        out |= {str(risk.title), f"{n}. {risk.title}"}
    actions = profile.actions
    for action in actions.values() if isinstance(actions, dict) else actions:
        out |= {str(getattr(action, k)) for k in ("text", "title") if getattr(action, k, None)}
    return out


def obligation_strings() -> Iterator[str]:
    """aigov's own words of the Act data (aigov/data/eu-ai-act.yaml) that documents show: each
    obligation's title, the short title of the article it comes from, and the version's short
    name. The Act's own text is never here; a card quotes it nowhere."""
    from aigov.obligations.text import act

    text = act()
    yield text.version.short
    for o in text.obligations:
        yield o.title
        provision = text.provision(o.article)
        if provision is not None:
            yield provision.title


def english(root: Path | None = None) -> list[str]:
    """Every English message, once, in a stable order (`root`: also the labels rendering
    that repository's cards computes)."""
    out: dict[str, None] = {}
    sources = [
        model_strings(),
        template_strings(),
        python_strings(),
        rule_strings(),
        obligation_strings(),
    ]
    if root is not None:
        sources.append(iter(rendered_strings(root)))
    for source in sources:
        for message in source:
            if message and message.strip():
                out.setdefault(message, None)
    return list(out)


def write_catalogues() -> dict[str, int]:
    """Rewrite en; nl and de get the same messages, their translations kept (a message
    no longer in the sources is dropped). Returns the untranslated counts."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    messages = english(Path.cwd())
    todo: dict[str, int] = {}
    for lang in LANGUAGES:
        path = LOCALE / catalogue_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        old = Catalog(locale=lang, domain="aigov")
        if path.is_file():
            with path.open("rb") as handle:
                old = read_po(handle, locale=lang, domain="aigov")
        new = Catalog(
            locale=lang, domain="aigov", project="aigov", fuzzy=False,
            creation_date=FIXED, revision_date=FIXED,
        )  # fmt: skip
        for msg in messages:
            known = old.get(msg)
            string = (known.string if known is not None else "") if lang != "en" else ""
            new.add(msg, string=string)
        with path.open("wb") as handle:
            write_po(handle, new, width=100, omit_header=False, sort_output=False)
        todo[lang] = sum(1 for m in new if m.id and not m.string) if lang != "en" else 0
    return todo


if __name__ == "__main__":
    print(write_catalogues())
