"""A record whose every string carries script-injection payloads builds into a site where none
of them is live: parsed, not grepped, across every HTML page, the search index and downloads.

The hostile repository enables the Markdown extensions that give record text the most
meaning (attr_list, md_in_html, snippets, magiclink), so escaping has to hold against them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.hostile.poison import LINK_SYNTAX, poison
from tests.site.conftest import FIXTURES, Site, build, copy_fixture

PAYLOADS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=alert('xss-img')>",
    '"><svg onload=alert(1)>',
    "[click](javascript:alert('xss-md'))",
    "{{ 7*7 }} and {% raw %}x{% endraw %}",
    '--8<-- "canary.txt"',
    "--8<--\ncanary.txt\n--8<--",
    "text {: onclick=\"alert('xss-attr')\" }",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    "<!-- <script>alert(1)</script> -->",
    "line\n\n<script>alert(2)</script>\n\n# heading",
    "`code` </td></tr></table><script>alert(4)</script>",
    "javascript:alert(1)",
    'https://evil.example/x" onmouseover="alert(1)',
    *LINK_SYNTAX,
]
LINKS = ["java\tscript:alert(1)", "JaVaScRiPt:alert(1)", "//evil.example/x"]
ALLOWED_INLINE = re.compile(r"__md_|__config|var __|document\.")  # the theme's own bootstrap
EVENT = re.compile(r"^on[a-z]+$")
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def hostile_record() -> tuple[dict[str, Any], int]:
    source = FIXTURES / "portfolio" / "systems" / "alpha-screening.yaml"
    original = yaml.safe_load(source.read_text(encoding="utf-8"))
    original["id"] = "hostile"
    original["tags"] = ["<script>alert('tag')</script>", "ok-tag"]
    original["links"] = [{"title": "x", "url": "docs/x.md"}]
    data, carried = poison(original, PAYLOADS, LINKS)
    # the stale sign-off's reviewer reaches a Markdown heading on the history page (#21)
    data["signoffs"][0]["reviewer"] = "[inline](javascript:alert('md-reviewer'))"
    return data, carried


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = copy_fixture("hostile", tmp_path_factory.mktemp("hostile") / "repo")
    data, carried = hostile_record()
    assert carried >= 25, f"only {carried} fields carry a payload"
    (root / "systems").mkdir(exist_ok=True)  # git keeps no empty folders: a fresh clone has none
    (root / "systems" / "hostile.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    run = build(root)
    assert run.returncode in (0, 1), run.stdout + run.stderr  # findings are fine, a crash is not
    assert (root / "site" / "systems" / "hostile" / "index.html").is_file(), run.stderr
    return Site(root, run)


def test_no_payload_is_live_in_any_page(hostile_site: Site) -> None:
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            src = script.get("src")
            if src:
                assert src.endswith(".js") and not BAD_SCHEME.match(src), (page, src)
                assert "assets/" in src, (page, src)  # the theme's and aigov's own files
            else:
                body = script.string or ""
                assert "alert(" not in body, (page, body[:80])
        for el in soup.find_all(True):
            for attr, value in el.attrs.items():
                assert not EVENT.match(attr), (page, el.name, attr)
                if attr in ("href", "src", "action", "formaction", "xlink:href", "data"):
                    assert not BAD_SCHEME.match(str(value)), (page, el.name, value)
            if el.name in ("iframe", "object", "embed", "base"):
                pytest.fail(f"{page}: <{el.name}> from a record")


def test_template_syntax_and_snippets_come_out_literally(hostile_site: Site) -> None:
    html = (hostile_site.site / "systems" / "hostile" / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "{{ 7*7 }}" in text
    assert "49 and" not in text
    assert "the snippets extension must never include me" not in html
    assert "<script>alert('xss-script')</script>" in text  # shown as text, on the page


def test_search_index_and_downloads_hold_no_live_markup(hostile_site: Site) -> None:
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text())
    allowed = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup", "em", "strong"}
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = BeautifulSoup(doc[field], "html.parser")
            tags = {t.name for t in fragment.find_all(True)}
            assert tags <= allowed, (doc["location"], tags - allowed)
            for el in fragment.find_all(True):
                assert not [a for a in el.attrs if EVENT.match(a)], doc["location"]
    card = (hostile_site.site / "systems" / "hostile" / "hostile.card.html").read_text()
    soup = BeautifulSoup(card, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")]
    assert not [e for e in soup.find_all(True) if any(EVENT.match(a) for a in e.attrs)]
    data = json.loads((hostile_site.site / "systems" / "hostile" / "hostile.json").read_text())
    assert "<script>alert('xss-script')</script>" in json.dumps(data, ensure_ascii=False)


def test_titles_and_tags_from_records_are_plain_text(hostile_site: Site) -> None:
    page = hostile_site.site / "systems" / "hostile" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.title is not None and soup.title.find("script") is None
    for tag in soup.select(".md-tag"):
        assert tag.find(True) is None or tag.find("script") is None
    home = BeautifulSoup((hostile_site.site / "index.html").read_text(), "html.parser")
    assert not home.select("script:not([src])") or all(
        "alert(" not in (s.string or "") for s in home.select("script:not([src])")
    )


def test_link_syntax_in_record_text_is_never_a_link(hostile_site: Site) -> None:
    """#21: no link whose text or target came from a record's Markdown link syntax, on any
    page, and the history page's heading shows the reviewer's text literally."""
    for page in sorted(hostile_site.site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a"):
            assert "alert(" not in str(a.get("href", "")), (page, a)
            assert not BAD_SCHEME.match(str(a.get("href", ""))), (page, a)
        for img in soup.find_all("img"):
            assert "alert(" not in str(img.get("src", "")), (page, img)
    history = hostile_site.site / "systems" / "hostile" / "history.html"
    soup = BeautifulSoup(history.read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text() for h in soup.find_all("h3")]
    assert any("[inline](javascript:alert('md-reviewer'))" in h for h in headings), headings


def test_a_fence_opener_in_record_text_leaves_the_page_structure_alone(hostile_site: Site) -> None:
    """#22: a `~~~` or ``` line from a record opens no code block, so the card's sign-off
    table on the system page is still a table."""
    page = hostile_site.site / "systems" / "hostile" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for pre in soup.find_all("pre"):
        assert "fence opened by a record" not in pre.get_text(), pre
    headers = [[th.get_text(strip=True) for th in t.find_all("th")] for t in soup.find_all("table")]
    assert any("Reviewer" in h and "Decision" in h for h in headers), headers
