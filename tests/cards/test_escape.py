"""The escaping filters, one by one, checked by rendering with Python-Markdown."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.cards.escape import (
    clean,
    css_token,
    html_block,
    md_block,
    md_cell,
    md_code,
    md_inline,
    md_link,
    md_quote,
    safe_url,
    with_base,
)

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "footnotes", "abbr", "def_list"]


def render(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a?b=c#d",
        "http://example.com",
        "HTTPS://EXAMPLE.COM/x",
        "mailto:legal@example.com",
        "docs/runbook.md",
        "evidence/a b.pdf",
        "../up.md",
        "#section",
        "/absolute/on/the/site.html",
    ],
)
def test_safe_url_keeps_web_mail_and_relative_links(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "\\\\evil.example\\x",
        "/\\evil.example",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "x:y",
        "https://",
        "https:/\\evil",
        "",
        None,
        42,
    ],
)
def test_safe_url_refuses_everything_else(url: object) -> None:
    assert safe_url(url) is None


def test_md_link_renders_safe_links_and_shows_unsafe_ones_as_text() -> None:
    good = render(str(md_link("Design doc", "https://example.com/a (b)")))
    assert [a["href"] for a in good.find_all("a")] == ["https://example.com/a%20%28b%29"]
    assert good.get_text() == "Design doc"
    bad = render(str(md_link("click", "javascript:alert(1)")))
    assert bad.find("a") is None
    assert "javascript:alert(1)" in bad.get_text()
    assert "link not shown" in bad.get_text()


def test_md_link_prefixes_relative_links_with_the_base() -> None:
    soup = render(str(md_link("Runbook", "docs/run.md", "../../files")))
    assert soup.find("a")["href"] == "../../files/docs/run.md"
    assert with_base("https://x.example", "../b") == "https://x.example"
    assert with_base("#top", "../b") == "#top"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "text {: onclick=alert(1) }",
        "# heading?",
        "1. not a list",
        "- not a list either",
        "=== underline",
        "!!! danger",
        "[^1] and *[HTML]: x",
        "{{ 7*7 }} {% if x %}",
        "`code` *em* _em_ **b** ~~s~~ $x$",
        "a | b | c",
        "\\[x](javascript:alert(1))",
        "&lt;script&gt;",
    ],
)
def test_md_inline_is_literal(text: str) -> None:
    soup = render(str(md_inline(text)))
    assert soup.get_text() == text
    assert not soup.find_all(["script", "img", "a", "h1", "ol", "ul", "code", "em", "strong"])


def test_md_block_keeps_paragraphs_and_line_breaks_but_nothing_else() -> None:
    text = "First line\n<b>second</b> line\n\n# Not a heading\n    not code\n```\nno fence\n```"
    soup = render(str(md_block(text)))
    assert [p.get_text() for p in soup.find_all("p")] == [
        "First line\n<b>second</b> line",
        "# Not a heading\nnot code\n```\nno fence\n```",
    ]
    assert not soup.find_all(["b", "h1", "pre", "code"])
    assert len(soup.find_all("br")) == 5


def test_md_cell_stays_in_its_cell() -> None:
    cell = md_cell("x | y\nz")
    table = f"| a | b |\n| --- | --- |\n| {cell} | ok |\n"
    soup = render(table)
    cells = [td.get_text() for td in soup.find_all("td")]
    assert cells == ["x | yz", "ok"]
    assert soup.find("td").find("br") is not None


def test_md_code_shows_ids_as_code_and_anything_else_as_plain_text() -> None:
    assert render(f"see {md_code('systems/a.yaml:3:7')}").find("code").get_text() == (
        "systems/a.yaml:3:7"
    )
    soup = render(f"see {md_code('a`b <i>c</i>')}")
    assert soup.get_text() == "see a`b <i>c</i>"
    assert soup.find("i") is None and soup.find("code") is None
    assert md_code("") == ""


def test_md_quote_quotes_rendered_markdown_and_escapes_plain_text() -> None:
    assert str(md_quote(md_inline("a\n\nb"))) == "> a b"
    soup = render(str(md_quote("<script>x</script>\n\nsecond")))
    assert soup.find("blockquote") is not None and soup.find("script") is None


def test_html_block_and_css_token() -> None:
    out = str(html_block("<b>x</b>\ny\n\nz"))
    assert out == "<p>&lt;b&gt;x&lt;/b&gt;<br>\ny</p>\n<p>z</p>"
    assert str(css_token('not_applicable" onclick="x')) == "not-applicable-onclick-x"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_renders_as_itself_with_no_markup(text: str) -> None:
    """Whatever the text, md_inline + Python-Markdown shows it as plain text in one paragraph
    (whitespace collapsed, control characters dropped) and creates no element but <p>."""
    soup = render(str(md_inline(text)))
    assert {t.name for t in soup.find_all(True)} <= {"p"}
    expected = " ".join(clean(text).split())
    assert " ".join(soup.get_text().split()) == expected


def test_direction_overrides_never_reach_a_card() -> None:
    """U+202E and friends make text display in another order than it is written (a
    "Trojan Source" reordering): a reviewer would read something the record does not say.
    Cards and the site drop them; joiners that scripts and emoji need are kept."""
    from aigov.cards.render import _finalize_html
    from aigov.site.render import text

    tricky = "refund \u202eten\u202c days \u2067x\u2069 \u200d"
    for shown in (md_inline(tricky), md_cell(tricky), md_block(tricky)):
        assert str(shown) == "refund ten days x \u200d"
    assert clean(tricky) == "refund ten days x \u200d"
    assert _finalize_html(tricky) == "refund ten days x \u200d"
    assert str(text(tricky)) == "refund ten days x \u200d"
