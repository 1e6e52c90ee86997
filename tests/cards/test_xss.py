"""Hostile record text must come out inert in every HTML output.

The hostile record is the property-claims fixture with every string field it can carry
replaced by OWASP-style payloads (script tags, event handlers, javascript:/data: links, SVG,
attribute breakouts, Markdown links and raw HTML, Markdown extension syntax, template syntax).
Fields whose format the schema enforces (ids, enum codes, dates, validated URLs) keep their
value; the test says how many fields carry a payload. The cards are parsed with BeautifulSoup,
not grepped.
"""

from __future__ import annotations

import re
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from aigov.cards import render_card
from tests.hostile.poison import LINK_SYNTAX, poison

from .conftest import FIXTURES, GENERATED_AT, Repo, copy_repo, load_repo

PAYLOADS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=alert('xss-img')>",
    '"><svg onload=alert(1)>',
    "'><svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">link</a>',
    "[click me](javascript:alert('xss-md-link'))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<style>body{display:none}</style>",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    "text {: onclick=\"alert('xss-attr')\" }",
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    '--8<-- "canary.txt"',
    "[ref]: javascript:alert(1)\n\n[ref]",
    "<!-- <script>alert(1)</script> -->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<https://evil.example/x" onmouseover="alert(1)>',
    "line one\n\n<script>alert(2)</script>\n\n# heading\n\n<div onclick=alert(3)>x</div>",
    "`code` </td></tr></table><script>alert(4)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(5)>",
]
# Fields that take a link or path: javascript:/data: forms where the schema lets them through.
LINK_PAYLOADS = [
    "javascript:alert('xss-href')",
    "data:text/html,<script>alert(1)</script>",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "//evil.example/x",
]
MD_EXTENSIONS = [
    "toc",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "footnotes",
    "abbr",
    "def_list",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.magiclink",
    "pymdownx.tasklist",
    "pymdownx.snippets",
]
DANGEROUS_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "img", "form", "input", "base",
    "frame", "frameset", "link", "audio", "video", "source", "template", "textarea",
}  # fmt: skip
FULL = ("system", "fraud-scorer")  # the cards with enough text fields to show every payload
BAD_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)\s*:", re.IGNORECASE)


def hostile_data() -> tuple[dict[str, Any], int]:
    """The fixture with a payload in every string field the schema lets carry one."""
    src = yaml.safe_load((FIXTURES / "systems" / "property-claims.yaml").read_text("utf-8"))
    src["id"] = "hostile"
    return poison(src, [*LINK_SYNTAX, *PAYLOADS], LINK_PAYLOADS)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repo, int]:
    data, carried = hostile_data()
    root = tmp_path_factory.mktemp("hostile") / "repo"
    copy_repo(FIXTURES / "systems", root)
    for f in (root / "systems").iterdir():
        f.unlink()
    (root / "systems" / "hostile.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )
    (root / "canary.txt").write_text("CANARY-SNIPPET-INCLUDED\n", "utf-8")
    repo = load_repo(root)
    assert "hostile" in repo.records, "the hostile record must still validate"
    return repo, carried


def _cards(repo: Repo, fmt: str) -> dict[str, str]:
    loaded = repo.records["hostile"]
    models: list[str | None] = [None, *(c.id for c in loaded.record.approach.components)]  # type: ignore[union-attr]
    out = {}
    for model in models:
        text = render_card(
            loaded,
            fmt,
            root=repo.root,
            model=model,
            options=repo.options(),
            checks=repo.checks["hostile"],
            generated_at=GENERATED_AT,
        )
        out[model or "system"] = str(text)
    return out


def assert_inert(html: str, where: str, full: bool = True) -> None:
    """No live element, event handler, unsafe link or evaluated template; with `full`, the card
    also shows the payload texts literally (cards of sparse parts may not carry them all)."""
    soup = BeautifulSoup(html, "html.parser")
    found = sorted({t.name for t in soup.find_all(DANGEROUS_TAGS)})
    assert not found, f"{where}: live elements {found}"
    styles = soup.find_all("style")
    assert all(s.parent.name == "head" for s in styles), f"{where}: a <style> outside the head"
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), f"{where}: <{tag.name} {attr}=…>"
            if attr.lower() in ("href", "src", "action", "formaction", "xlink:href", "srcset"):
                text = "".join(ch for ch in str(value) if ch.isprintable() and ch not in "\t\n")
                m = BAD_SCHEME.match(text)
                assert m is None or m.group(1).lower() in ("http", "https", "mailto"), (
                    f"{where}: {attr}={value!r}"
                )
                assert not text.startswith("//"), f"{where}: protocol-relative {value!r}"
            if attr.lower() == "style":
                ours = tag.name == "span" and re.fullmatch(r"width: \d+%", str(value))
                aligned = tag.name in ("th", "td") and re.fullmatch(
                    r"text-align: (left|right|center);", str(value)
                )
                assert ours or aligned, f"{where}: style={value!r}"
    text = soup.get_text()
    assert "looplooploop" not in text, f"{where}: a template tag from the record ran"
    assert "CANARY-SNIPPET-INCLUDED" not in text, f"{where}: a snippet was included"
    if full:
        assert "{{ 7*7 }}" in text, f"{where}: template syntax not shown literally"
        assert "{% for x in range(3) %}loop{% endfor %}" in text
        assert "<script>alert('xss-script')</script>" in text, f"{where}: payload text lost"


def test_the_hostile_record_carries_payloads_in_most_fields(hostile: tuple[Repo, int]) -> None:
    _, carried = hostile
    assert carried >= 150, f"only {carried} string fields carry a payload"


def test_standalone_html_cards_are_inert(hostile: tuple[Repo, int]) -> None:
    repo, _ = hostile
    for name, html in _cards(repo, "html").items():
        assert_inert(html, f"{name}.html", full=name in FULL)
        soup = BeautifulSoup(html, "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None and "default-src 'none'" in csp["content"]


def test_markdown_cards_rendered_like_mkdocs_are_inert(hostile: tuple[Repo, int]) -> None:
    repo, _ = hostile
    config = {"pymdownx.snippets": {"base_path": [str(repo.root)], "check_paths": False}}
    for name, md in _cards(repo, "md").items():
        html = markdown.markdown(md, extensions=MD_EXTENSIONS, extension_configs=config)
        assert_inert(html, f"{name}.md", full=name in FULL)
        # the Markdown itself has no raw tag but the few our templates write
        tags = {m.lower() for m in re.findall(r"</?([A-Za-z!][\w-]*)", md)}
        assert tags <= {"span", "br", "em"}, f"{name}.md: raw tags {tags}"


def test_hugging_face_readmes_are_inert(hostile: tuple[Repo, int]) -> None:
    repo, _ = hostile
    loaded = repo.records["hostile"]
    for comp in loaded.record.approach.components:  # type: ignore[union-attr]
        text = str(
            render_card(loaded, "hf", root=repo.root, model=comp.id, generated_at=GENERATED_AT)
        )
        front, body = text.split("\n---\n", 1)
        assert yaml.safe_load(front.removeprefix("---\n"))["aigov"]["model"] == comp.id
        html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html"])
        assert_inert(html, f"{comp.id} README.md", full=comp.id in FULL)


def test_links_from_records_render_only_for_safe_schemes(hostile: tuple[Repo, int]) -> None:
    repo, _ = hostile
    html = _cards(repo, "html")["system"]
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a")]
    external = [h for h in hrefs if not h.startswith("#")]
    assert external, "the hostile card still has its safe links"
    assert all(h.startswith(("https://", "http://", "mailto:")) or ":" not in h for h in hrefs)
    assert "javascript:alert('xss-href')" in soup.get_text()  # shown, not linked
