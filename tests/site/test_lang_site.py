"""Dutch and German builds of the examples (`aigov build --lang nl|de`, issue 19): the pages
declare their language, Material speaks it, aigov's headings are translated, and no English
aigov label is left in what the site's own code writes (the English catalogue's strings
searched for in every page's visible text; record text, the frameworks' own wording, proper
nouns and words the same in both languages allowed).

What the cards and the compliance exports write (`*.card.html`, `exports/`, the Statement of
Applicability, and the card a system or model page embeds between `<!-- aigov-card -->` and
`<!-- /aigov-card -->`) is theirs: tests/cards/test_lang_cards.py and the exports' tests cover
it."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aigov.i18n import catalogue
from tests.site.conftest import Site, build_process, copy_example_repo


def _built(tmp_path_factory: pytest.TempPathFactory, lang: str) -> Site:
    root = copy_example_repo(tmp_path_factory.mktemp(f"examples-{lang}") / "repo")
    run = build_process(root, "--lang", lang)
    assert run.returncode == 0, run.stdout + run.stderr
    return Site(root, run)


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _built(tmp_path_factory, "nl")


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _built(tmp_path_factory, "de")


def _record_text(root: Path) -> str:
    files = [*(root / "systems").glob("*.yaml"), *(root / "components").rglob("*.yaml")]
    files += [p for p in (root / "organisation.yaml", root / "aigov.yaml") if p.is_file()]
    files += [p for p in (root / "evidence").rglob("*") if p.is_file()]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


#: documents other parts of aigov write, which the site only copies (see the module docstring)
OWNED_ELSEWHERE = re.compile(r"(\.card\.html$|/exports/|^registers/soa\.html$)")


#: the card a system or model page embeds (aigov.cards writes it)
EMBEDDED_CARD = re.compile(r"<!-- aigov-card -->.*?<!-- /aigov-card -->", re.S)
#: the findings and rule texts aigov.checks writes: its words, shown as the checks give them
CHECKS_TEXT = ".aigov-findings, .aigov-detail li"


def _texts(html: str, skip: str = "") -> Iterator[str]:
    """Each visible text of a page's content, blanks collapsed (not inside `skip`)."""
    soup = BeautifulSoup(EMBEDDED_CARD.sub("", html), "html.parser")
    main = soup.select_one(".md-content") or soup
    skipped = (
        {id(n) for el in main.select(skip) for n in el.find_all(string=True)} if skip else set()
    )
    for node in main.find_all(string=True):
        if node.parent is None or node.parent.name in ("script", "style", "code"):
            continue
        if id(node) in skipped:
            continue
        text = " ".join(node.split())
        if text:
            yield text


def _site_pages(site: Site, skip: str = "") -> Iterator[tuple[str, list[str]]]:
    """(page, its texts) for every page the site's own code writes."""
    for page in sorted(site.site.rglob("*.html")):
        rel = page.relative_to(site.site).as_posix()
        if OWNED_ELSEWHERE.search(rel) or rel.startswith("assets/"):
            continue
        yield rel, list(_texts(page.read_text(encoding="utf-8"), skip))


def english_left(site: Site, lang: str = "nl") -> dict[str, set[str]]:
    """English catalogue strings (with a different translation) that a page the site writes
    shows as a whole text, and that no record, component or evidence file contains."""
    translated = catalogue(lang)
    english = {m for m, t in translated.items() if t != m}
    records = _record_text(site.root)
    left: dict[str, set[str]] = {}
    for rel, texts in _site_pages(site):
        for text in texts:
            text = text.rstrip(":")
            if text in english and text not in records:
                left.setdefault(text, set()).add(rel)
    return left


#: English words no Dutch or German sentence has (not "is", "of", "in", "was", "die", "also")
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|not|for|this|that|which|are|has|have|from|by|its|been|their|should)\b"
)


def _framework_text() -> set[str]:
    """The shipped frameworks' own wording (NIST AI RMF outcomes and functions, NIST AI 600-1
    risks and actions, ISO/IEC 42001 titles): English originals, shown as their source wrote
    them."""
    from aigov.catalog import nist
    from aigov.i18n_sources import catalogue_text

    rmf = nist()
    out = catalogue_text() | {s.text for s in rmf.subcategories}
    for fn in rmf.functions:
        out |= {str(v) for v in fn.values()}
    return out


def _strings(value: object) -> Iterator[str]:
    """Every string inside a shipped data object (dataclasses, mappings, sequences)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _strings(v)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))


def _written_elsewhere() -> set[str]:
    """English that other parts of aigov own and the site shows as they give it: the rules'
    titles, reasons, fixes and scopes (aigov.checks), the record fields' descriptions (the
    record model), the EU AI Act obligations' wording (aigov/obligations' shipped text)."""
    from aigov.checks.registry import all_rules
    from aigov.obligations.text import act
    from aigov.site.pages.reference import field_reference

    out: set[str] = set()
    for rule in all_rules():
        out |= {rule.title, rule.why, rule.hint, f"{rule.id} · {rule.title}", rule.applies_to()}
    for section in field_reference():
        out |= {f.description for f in section["fields"]}
    out |= set(_strings(act()))
    return {s for s in out if s}


def _record_strings(root: Path) -> re.Pattern[str]:
    """Every string value of the records, components, organisation and policy, longest
    first: removed from a text before it is judged (a system's name is not aigov's English)."""
    import yaml

    found: set[str] = set()
    files = [*(root / "systems").glob("*.yaml"), *(root / "components").rglob("*.yaml")]
    files += [p for p in (root / "organisation.yaml", root / "aigov.yaml") if p.is_file()]
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack += list(item.values())
            elif isinstance(item, list):
                stack += item
            elif isinstance(item, str) and len(item) > 3:
                found.add(item.strip())
    words = sorted((w for w in found if w), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words) or "(?!)")


#: English that other parts of aigov compose and the site shows as given (see the report of
#: issue 19): the EU AI Act tier's reasons (aigov.checks), the sign-off history's sentences
#: (aigov.review), git's absence
ENGLISH_ELSEWHERE = (
    re.compile(r"^It is (minimal|limited|high|a prohibited)[- ].* the EU AI Act"),
    re.compile(r"^: Art\. 27 requires a FRIA"),  # the FRIA's reason (aigov.checks)
    re.compile(r"^Changed since the .* (approval|sign-off) of "),
    re.compile(r"^Superseded by the "),
    re.compile(r"^The record changed after approval"),
    re.compile(r"approval( with conditions)? by .* not bound to content"),
    re.compile(r"the record changed after (approval|this sign-off)"),
    re.compile(r"the record is not in a git repository"),
    re.compile(r"the governance repository is not a git repository"),
    re.compile(r"^\d+%: \d+ of \d+ items the rules expect"),  # completeness (aigov.checks)
    re.compile(r"human (in|on) the loop|human in command", re.I),  # value labels (cards' table)
    re.compile(r"^\(?(over|in) \d+ (dagen|Tagen), Art\. [0-9()]+\): "),  # the Act's dates' names
)


def english_prose(site: Site) -> dict[str, set[str]]:
    """Texts the site writes that read as English sentences: an English function word, in no
    record, component or evidence file, not a framework's or a rule's own wording, and not a
    finding (aigov.checks' words)."""
    records = _record_text(site.root)
    record_values = _record_strings(site.root)
    known = _framework_text() | _written_elsewhere()
    found: dict[str, set[str]] = {}
    for rel, texts in _site_pages(site, CHECKS_TEXT):
        for text in texts:
            if text in records or text in known:
                continue
            words = record_values.sub(" ", text)
            if not ENGLISH_WORDS.search(words) or any(text in k for k in known):
                continue
            if any(k in text for k in known if len(k) > 30):
                continue
            found.setdefault(text, set()).add(rel)
    return found


def test_the_dutch_site_declares_dutch_and_material_speaks_it(dutch_site: Site) -> None:
    html = (dutch_site.site / "systems/claims-triage/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html is not None and soup.html.get("lang") == "nl"
    search = soup.select_one(".md-search__input")
    assert search is not None and search.get("placeholder") == "Zoeken"
    headings = {" ".join(h.get_text(" ", strip=True).split()) for h in soup.select("h2, h3")}
    for dutch in ("Effectbeoordeling", "Samenvatting voor het besluit", "Schaderegister"):
        assert any(dutch in h for h in headings), (dutch, sorted(headings)[:30])
    for english in ("Impact assessment", "Decision summary", "Harms register"):
        assert not any(h.endswith(english) for h in headings), english


def test_the_card_and_export_headings_are_dutch(dutch_site: Site) -> None:
    card = (dutch_site.site / "systems/claims-triage/claims-triage.card.html").read_text("utf-8")
    assert '<html lang="nl">' in card
    assert "Gebruiksverantwoordelijke" in card or "Aanbieder" in card
    annex = (dutch_site.site / "systems/claims-triage/exports/annex-iv.html").read_text("utf-8")
    assert "1. Algemene beschrijving van het AI-systeem" in annex
    assert "1. General description of the AI system" not in annex


def test_no_english_aigov_label_is_left_in_the_dutch_site(dutch_site: Site) -> None:
    left = english_left(dutch_site, "nl")
    assert not left, {k: sorted(v)[:2] for k, v in sorted(left.items())}


def test_no_english_aigov_label_is_left_in_the_german_site(german_site: Site) -> None:
    left = english_left(german_site, "de")
    assert not left, {k: sorted(v)[:2] for k, v in sorted(left.items())}


def test_the_scan_finds_an_english_label(dutch_site: Site, tmp_path: Path) -> None:
    """The scan is not blind: an English heading put into a copy of a page is found."""
    copy = Site(tmp_path, dutch_site.run)
    page = copy.site / "registers" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<div class="md-content"><h2>Harms register</h2><p>No system has an open error.</p></div>',
        encoding="utf-8",
    )
    for name in ("systems", "components", "evidence"):
        (tmp_path / name).mkdir()
    assert set(english_left(copy, "nl")) == {"Harms register", "No system has an open error."}
    assert set(english_prose(copy)) == {"No system has an open error."}


def test_the_dutch_site_writes_dates_and_numbers_the_dutch_way(dutch_site: Site) -> None:
    """A system's review date, the build line's date and a percentage as Dutch writes them;
    never the English site's ISO date in a sentence."""
    html = (dutch_site.site / "systems/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    reviews = [
        row.find_all("td")[6].get_text(" ", strip=True)
        for row in soup.select("#aigov-systems tbody tr")
    ]
    months = "januari februari maart april mei juni juli augustus september oktober november "
    months += "december"
    dutch_date = re.compile(rf"^\d{{1,2}} ({'|'.join(months.split())}) \d{{4}}")
    assert reviews and all(dutch_date.match(r) or r == "nooit" for r in reviews), reviews
    line = soup.select_one("[data-aigov-build]")
    assert line is not None
    assert "beoordeeld per 20 november 2026" in line.get_text(" ", strip=True)
    assert "2026-11-20" not in line.get_text(" ", strip=True)
    system = (dutch_site.site / "systems/claims-triage/index.html").read_text(encoding="utf-8")
    badges = BeautifulSoup(system, "html.parser").select(".aigov-hero .aigov-badge")
    review = [b.get_text() for b in badges if b.get_text().startswith("Beoordeling")]
    assert review and dutch_date.search(review[0].split("uiterlijk ")[-1]), review


def test_the_systems_table_tells_its_script_the_dutch_status_texts(dutch_site: Site) -> None:
    html = (dutch_site.site / "systems/index.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "html.parser").select_one("#aigov-systems")
    assert table is not None
    messages = json.loads(str(table["data-aigov-messages"]))
    assert messages == {"all": "{total} systemen", "some": "{shown} van {total} systemen"}


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_no_english_prose_is_left_in_the_site(
    lang: str, dutch_site: Site, german_site: Site
) -> None:
    """Stricter: no text the site writes reads as an English sentence, catalogue or not.
    What is still English comes from outside the site's code (ENGLISH_ELSEWHERE)."""
    site = dutch_site if lang == "nl" else german_site
    found = {
        text: pages
        for text, pages in english_prose(site).items()
        if not any(p.search(text) for p in ENGLISH_ELSEWHERE)
    }
    assert not found, {k: sorted(v)[:2] for k, v in sorted(found.items())[:40]}


@pytest.mark.browser
def test_the_dutch_systems_filter_speaks_dutch(dutch_site: Site) -> None:
    """In a real browser, aigov.js announces the filtered count in the page's words."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.site.conftest import _serve
    from tests.site.test_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    server = _serve(dutch_site.site)
    base = next(server)
    try:
        with sync_api.sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = chromium.new_page()
            page.goto(f"{base}/systems/index.html?tier=high")
            total = page.locator("#aigov-systems tbody tr").count()
            shown = page.locator("#aigov-systems tbody tr:not([hidden])").count()
            status = page.locator("#aigov-systems-filter output").inner_text()
            assert 0 < shown < total
            assert status == f"{shown} van {total} systemen"
            page.locator('#aigov-systems-filter button[type="reset"]').click()
            page.wait_for_function(
                "document.querySelector('#aigov-systems-filter output').textContent"
                f" === '{total} systemen'"
            )
            chromium.close()
    finally:
        next(server, None)
