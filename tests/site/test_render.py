"""Links between generated pages, and record text made inert."""

from __future__ import annotations

import pytest

from aigov.site.render import anchor_id, make_env, page_url, relative_url, text


@pytest.mark.parametrize(
    ("src", "dir_urls", "url"),
    [
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("systems/index.md", True, "systems/"),
        ("registers/harms.md", True, "registers/harms/"),
        ("registers/harms.md", False, "registers/harms.html"),
        ("systems/x/x.json", True, "systems/x/x.json"),
    ],
)
def test_page_url_follows_mkdocs(src: str, dir_urls: bool, url: str) -> None:
    assert page_url(src, dir_urls) == url


@pytest.mark.parametrize(
    ("here", "there", "dir_urls", "href"),
    [
        ("systems/x/index.md", "systems/index.md", True, "../"),
        ("systems/x/index.md", "index.md", True, "../../"),
        ("index.md", "systems/x/index.md", True, "systems/x/"),
        ("systems/x/index.md", "registers/harms.md", True, "../../registers/harms/"),
        ("systems/x/index.md", "systems/x/x.json", True, "x.json"),
        ("systems/x/index.md", "index.md", False, "../../index.html"),
        ("registers/harms.md", "systems/x/models/m.md", False, "../systems/x/models/m.html"),
        ("registers/harms.md", "registers/harms.md", True, "./"),
    ],
)
def test_relative_links(here: str, there: str, dir_urls: bool, href: str) -> None:
    assert relative_url(here, there, dir_urls) == href


def test_record_text_is_escaped_kept_on_one_line_and_braces_neutralised() -> None:
    out = str(text('<b onclick="x">{{ 7*7 }}</b>\n--8<-- "/etc/passwd"'))
    assert "<b" not in out and "&lt;b onclick=&#34;x&#34;&gt;" in out
    assert "{" not in out and "}" not in out  # no template syntax reaches a MkDocs plugin
    assert "\n" not in out  # a record can never start a line of its own


def test_external_links_only_for_safe_schemes() -> None:
    env = make_env(None)
    ext = env.filters["ext"]
    assert str(ext("doc", "https://example.com/a")).startswith('<a href="https://example.com/a"')
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "java\tscript:alert(1)",
        "//evil.example",
    ):
        assert "<a" not in str(ext("doc", bad))


def test_anchor_ids() -> None:
    assert anchor_id("MEASURE 2.11") == "measure-2-11"
    assert anchor_id("AIG-EVAL-003") == "aig-eval-003"
    assert anchor_id("impact_assessment.harms") == "impact-assessment-harms"
