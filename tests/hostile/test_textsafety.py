"""Record text in every output kind, through the real CLI (issues #21 and #22): code fences,
direction overrides in SVG and front matter, characters a record cannot keep, long text,
and the regular expressions that read untrusted text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import run_aigov

HERE = Path(__file__).resolve().parent
CARD_FIXTURE = HERE.parent / "cards" / "fixtures" / "systems" / "property-claims.yaml"
SITE_FIXTURE = HERE.parent / "site" / "fixtures" / "portfolio" / "systems" / "alpha-screening.yaml"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
TODAY = "2026-11-20"
FENCES = ["~~~", "```", "~~~ python", "  ~~~", "x\n\n    indented after a blank line"]


def _repo(tmp_path: Path, data: dict[str, Any], name: str = "property-claims") -> Path:
    root = tmp_path / "repo"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").touch()
    (root / "systems" / f"{name}.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9), "utf-8"
    )
    return root


def _strings(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _strings(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _strings(v, (*path, i))]
    return [path] if isinstance(value, str) else []


def _put(data: Any, path: tuple[Any, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _with_fences(data: dict[str, Any]) -> dict[str, Any]:
    """A fence opener in every free-text field (ids, dates, codes and links keep their value)."""
    skip = ("id", "date", "url", "path", "record_hash", "schema_version", "role", "decision")
    for n, path in enumerate(_strings(data)):
        last = str(path[-1])
        if last in skip or last.endswith(("_at", "date", "since", "stage", "kind", "category")):
            continue
        value = data
        for step in path:
            value = value[step]
        if " " in value:  # prose, not an enum code
            _put(data, path, f"{value}\n{FENCES[n % len(FENCES)]}\nrest")
    return data


def _commonmark(text: str) -> BeautifulSoup:
    from markdown_it import MarkdownIt

    return BeautifulSoup(MarkdownIt("commonmark").enable("table").render(text), "html.parser")


def _signoff_table(soup: BeautifulSoup) -> bool:
    for table in soup.find_all("table"):
        heads = [th.get_text(strip=True) for th in table.find_all("th")]
        if "Reviewer" in heads and "Decision" in heads:
            return True
    return False


# --- code fences (#22) ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "hf"])
def test_a_fence_opener_in_record_text_does_not_turn_the_card_into_code(
    tmp_path: Path, fmt: str
) -> None:
    pytest.importorskip("markdown_it")
    data = _with_fences(yaml.safe_load(CARD_FIXTURE.read_text("utf-8")))
    root = _repo(tmp_path, data)
    args = ["card", "property-claims", "--format", fmt, "-o", str(tmp_path / "card.md")]
    if fmt == "hf":
        args += ["--model", "fraud-scorer"]
    run = run_aigov(*args, cwd=root)
    assert run.returncode in (0, 1), run.stderr
    text = (tmp_path / "card.md").read_text("utf-8")
    if fmt == "hf":  # the Hub reads the metadata block as YAML and renders the rest
        meta, text = text.removeprefix("---\n").split("\n---\n", 1)
        assert yaml.safe_load(meta)
    for soup in (
        _commonmark(text),
        BeautifulSoup(markdown.markdown(text, extensions=["tables"]), "html.parser"),
    ):
        for code in soup.find_all(["pre", "code"]):
            assert "rest" not in code.get_text().split(), code
        if fmt == "md":
            assert _signoff_table(soup), "the sign-off table is no longer a table"
        else:
            assert soup.find("table") is not None


# --- direction overrides (#22) -------------------------------------------------------------------


def test_direction_overrides_reach_no_svg_title_aria_label_or_front_matter(tmp_path: Path) -> None:
    data = yaml.safe_load(SITE_FIXTURE.read_text("utf-8"))
    data["id"] = "bidi"
    data["name"] = "Alpha \u202eevil\u202c screening"
    data["impact_assessment"]["harms"][0]["id"] = "thin-file-penalty"
    data["impact_assessment"]["harms"][0]["description"] = "Pushed \u2066down\u2069 \u202eunfairly"
    data["approach"]["components"][0]["name"] = "Ranker \u202etxet\u202c"
    data["approach"]["components"][0]["license"] = "Apache \u202e2.0"
    data["tags"] = ["lend\u202eing"]
    root = _repo(tmp_path, data, "bidi")
    hf = run_aigov("card", "bidi", "--model", "ranker", "--format", "hf", cwd=root)
    assert hf.returncode in (0, 1), hf.stderr
    front = hf.stdout.split("\n---\n", 1)[0]
    assert "Ranker" in hf.stdout and not BIDI.search(front), front
    assert yaml.safe_load(front.removeprefix("---\n"))["tags"]

    build = run_aigov("build", "--today", TODAY, "--no-progress", cwd=root, timeout=300)
    assert build.returncode in (0, 1), build.stderr
    pages = list((root / "site").rglob("*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for svg in soup.find_all("svg"):
            for el in [svg, *svg.find_all(True)]:
                for attr, value in el.attrs.items():
                    assert not BIDI.search(str(value)), (page, el.name, attr)
            for title in svg.find_all("title"):
                assert not BIDI.search(title.get_text()), (page, title)
        for el in soup.find_all(attrs={"aria-label": True}):
            assert not BIDI.search(el["aria-label"]), (page, el.name)
        assert not BIDI.search(soup.get_text()), page
    for svg_file in (root / "site").rglob("*.svg"):
        assert not BIDI.search(svg_file.read_text("utf-8")), svg_file


# --- characters a record cannot keep (#22) -------------------------------------------------------


def _answers(tmp_path: Path, raw: bytes) -> tuple[Path, Path]:
    root = tmp_path / "repo"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").touch()
    answers = root / "answers.yaml"
    answers.write_bytes(raw)
    return root, answers


@pytest.mark.parametrize(
    ("raw", "where", "char"),
    [
        (b"name: Claims triage\nsummary: Ranks\xc2\x85claims.\n", "answers.yaml:2:15", "U+0085"),
        (b'name: Claims triage\nsummary: "Ranks\xc2\x85claims."\n', "answers.yaml:2:16", "U+0085"),
        (b'name: Claims triage\nsummary: "Ranks\\Nclaims."\n', "answers.yaml:2:10", "U+0085"),
        (b'name: Claims triage\nsummary: "Ranks\\ufffeclaims."\n', "answers.yaml:2:10", "U+FFFE"),
        (b"name: Claims\xe2\x80\xa8triage\n", "answers.yaml:1:13", "U+2028"),
    ],
    ids=["raw-nel", "quoted-raw-nel", "escaped-nel", "escaped-fffe", "line-separator"],
)
def test_new_answers_refuse_what_a_record_cannot_keep_with_a_position(
    tmp_path: Path, raw: bytes, where: str, char: str
) -> None:
    root, _ = _answers(tmp_path, raw)
    run = run_aigov("new", "claims", "--answers", "answers.yaml", cwd=root)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert f"{where}: AIG-YAML-ENCODING" in out and char in out, out
    assert "internal error" not in out
    assert not (root / "systems" / "claims.yaml").exists(), "nothing is written"


@pytest.mark.parametrize(
    ("card", "where"),
    [
        (
            "---\nlicense: mit\n---\n# Model\n\n## Model Details\n\nRanks\x85claims.\n",
            "README.md:8:6",
        ),
        (
            '---\nlicense: mit\nmodel_name: "a\\Nb"\n---\n# Model\n\n## Uses\n\nx\n',
            "README.md:3:13",
        ),
    ],
    ids=["body", "metadata-escape"],
)
def test_import_hf_refuses_nel_with_a_position(tmp_path: Path, card: str, where: str) -> None:
    root, _ = _answers(tmp_path, b"")
    (root / "README.md").write_text(card, "utf-8")
    run = run_aigov("import", "hf", "README.md", "-o", "systems/m.yaml", cwd=root)
    assert run.returncode != 0, run.stdout
    assert f"{where}:" in run.stderr and "U+0085" in run.stderr, run.stderr
    assert not (root / "systems" / "m.yaml").exists()


# --- long text (#22): a size property, not a timing --------------------------------------------


def _site_markdown(tmp_path: Path, size: int) -> tuple[str, Path]:
    data = yaml.safe_load(SITE_FIXTURE.read_text("utf-8"))
    data["id"] = "long"
    unit = "a<b>[c](d)*e_f&g`h|i "
    data["summary"] = (unit * (size // len(unit) + 1))[:size]
    data["impact_assessment"]["harms"][0]["description"] = data["summary"]
    root = _repo(tmp_path / str(size), data, "long")
    shutil.copy(HERE.parent / "site" / "fixtures" / "hostile" / "mkdocs.yml", root / "mkdocs.yml")
    run = run_aigov("build", "--today", TODAY, "--no-progress", cwd=root, timeout=600)
    assert run.returncode in (0, 1), run.stderr
    page = root / ".aigov-build" / "docs" / "systems" / "long" / "index.md"
    return page.read_text("utf-8"), root


def markdown_work(text: str) -> int:
    """Python-Markdown's inline-pattern matches on a line: backslash escapes, entities, tags."""
    return text.count("\\") + text.count("&") + text.count("<")


def _inline_work(md: str) -> list[int]:
    """matches × length of every line Python-Markdown runs its inline patterns over (lines of
    raw HTML blocks are passed through untouched)."""
    work, in_html = [], False
    for line in md.split("\n"):
        if line.startswith("<div") and not line.startswith("<div markdown"):
            in_html = True
        if not in_html and line.strip():
            work.append(markdown_work(line) * len(line))
        if in_html and (line.endswith("</div>") or not line.strip()):
            in_html = False
    return work


def test_long_markup_text_costs_the_site_build_linear_work(tmp_path: Path) -> None:
    small, _ = _site_markdown(tmp_path, 40_000)
    big, root = _site_markdown(tmp_path, 80_000)
    limit = 4_000_000 * 2  # one text under the limit, and the template around it
    assert max(_inline_work(small)) <= limit and max(_inline_work(big)) <= limit
    assert sum(_inline_work(big)) <= 2.2 * sum(_inline_work(small))
    html = (root / "site" / "systems" / "long" / "index.html").read_text("utf-8")
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "a<b>[c](d)*e_f&g`h|i " * 100 in text, "the whole text is on the page, as text"


# --- regular expressions on untrusted text (#22) -----------------------------------------------


def _card(body: str) -> str:
    return "---\nlicense: mit\n---\n# Model\n\n## Model Details\n\nA model.\n\n" + body


@pytest.mark.parametrize(
    "body",
    [
        "## a" + " " * 20_000 + "b\n",  # the heading pattern: 57 s for 3,000 spaces
        "## a" + " " * 20_000 + "#" * 5 + " x\n",
        "## Uses\n\n" + "<!--" * 100_000 + "\n",  # unclosed comments
        "## Citation\n\nx " + "```" * 100_000,  # fence openers with no line end
        "## Environmental Impact\n\n- **a" + " " * 200_000 + "b\n",  # key: value facts
    ],
    ids=["heading-blanks", "heading-closing-hashes", "html-comments", "fences", "facts"],
)
def test_import_hf_patterns_are_linear_on_adversarial_cards(tmp_path: Path, body: str) -> None:
    root, _ = _answers(tmp_path, b"")
    (root / "README.md").write_text(_card(body), "utf-8")
    run = run_aigov("import", "hf", "README.md", "-o", "systems/m.yaml", cwd=root, timeout=60)
    assert run.returncode in (0, 1), run.stderr


def test_gpg_user_name_is_linear_on_long_blanks() -> None:
    """verify.gpg_user_name reads a signer's user id from git output."""
    code = (
        "from aigov.review.verify import gpg_user_name as g\n"
        "assert g('a' + ' ' * 30000 + 'b') == 'a' + ' ' * 30000 + 'b'\n"
        "assert g('Dana (work) <d@e.x>') == 'Dana'\n"
        "assert g('a' + ' ' * 30000 + '(' * 3000 + ' <x') != ''\n"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_site_heading_split_is_linear_on_long_blanks() -> None:
    """site.pages.systems reads the headings of the card Markdown it puts into a page."""
    code = (
        "from aigov.site.pages.systems import _HEADING, _title\n"
        "line = '## a' + ' ' * 200000 + 'b'\n"
        "assert _title(_HEADING.match(line).group(2)).endswith('b')\n"
        "assert _HEADING.match('##' + ' ' * 200000) is None\n"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
