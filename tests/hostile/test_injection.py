"""Markup in names the cards show — a record's verbatim model metadata (keys included) and a
record's file name — stays inert in every card format. The site built from the same inputs is
checked in test_commands.py (test_build_over_all_light_cases); the cards' and site's own XSS
suites (tests/cards/test_xss.py, tests/site/test_xss.py) cover every ordinary string field.
"""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from tests.hostile.corpus import CASES, build_repo
from tests.hostile.inert import live_payloads, strings_in
from tests.hostile.test_commands import CARD

pytestmark = pytest.mark.skipif(not CARD, reason="aigov card has not landed")

INJECTION = [c for c in CASES if c.name in ("metadata-injection", "html-in-file-name")]
MD_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "footnotes"]
META = yaml.safe_load((Path(__file__).parent / "corpus" / "metadata-injection.yaml").read_text())
# what the hub card carries verbatim (model-index is one the card writes itself)
META_STRINGS = strings_in(
    {k: v for k, v in META["approach"]["components"][0]["metadata"].items() if k != "model-index"}
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repo(tmp_path_factory.mktemp("injection"), INJECTION)


def card(repo: Path, *args: str) -> str:
    from aigov.cli import cli

    run = CliRunner().invoke(cli, ["card", "--root", str(repo), *args])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    assert run.exit_code == 0, run.output
    return run.stdout


TARGETS = [
    ("system card", ["systems/metadata-injection.yaml"]),
    ("model card", ["systems/metadata-injection.yaml", "--model", "ranker"]),
    ("file name", ["systems/<img src=x onerror=alert('file')>.yaml"]),
]


@pytest.mark.parametrize(("what", "args"), TARGETS, ids=[t[0] for t in TARGETS])
def test_html_cards_are_inert(
    repo: Path, what: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    html = card(repo, *args, "--format", "html")
    assert not live_payloads(html, what)
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    if "metadata" in args[0]:
        assert "{{ 7*7 }}" in text  # template syntax from a record is shown, never evaluated


@pytest.mark.parametrize(("what", "args"), TARGETS, ids=[t[0] for t in TARGETS])
def test_markdown_cards_are_inert_once_rendered(
    repo: Path, what: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    md = card(repo, *args, "--format", "md")
    html = markdown.markdown(md, extensions=MD_EXTENSIONS)
    assert not live_payloads(html, what)


def test_hugging_face_readme_keeps_metadata_as_data(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The front matter is YAML a hub will parse: hostile keys and values stay strings."""
    monkeypatch.chdir(repo)
    readme = card(repo, "systems/metadata-injection.yaml", "--model", "ranker", "--format", "hf")
    assert readme.startswith("---\n")
    front, body = readme[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert isinstance(meta, dict)
    shown = strings_in(meta)
    for value in META_STRINGS:
        assert value in shown, value
    assert not live_payloads(markdown.markdown(body, extensions=MD_EXTENSIONS), "hf body")


def test_json_card_keeps_text_verbatim(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON is data: the payloads come out as the exact strings the record holds."""
    monkeypatch.chdir(repo)
    data = json.loads(card(repo, "systems/metadata-injection.yaml", "--format", "json"))
    strings = strings_in(data)
    assert META["summary"] in strings
    assert META["name"] in strings


@pytest.mark.parametrize(
    ("html", "live"),
    [
        ("<img src=x onerror=alert(1)>", True),
        ('<a href=" java\tscript:alert(1)">x</a>', True),
        ('<a href="data:text/html,x">x</a>', True),
        ("<script>alert(1)</script>", True),
        ('<iframe src="https://example.com"></iframe>', True),
        ("&lt;img src=x onerror=alert(1)&gt;", False),
        ("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>", False),
        ('<a href="https://example.com/?q=javascript:alert(1)">x</a>', False),
        ('<span title="onerror=alert(1)">x</span>', False),
    ],
)
def test_the_detector_tells_live_from_shown(html: str, live: bool) -> None:
    """The checks above can fail: the detector sees live markup and passes shown text."""
    assert bool(live_payloads(html)) is live
