"""Template overrides: the repository's templates/ first, `default:` for the originals,
StrictUndefined, and record text that is never evaluated as a template."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.cards import TemplateError, render_card
from aigov.paths import templates_dir

from .conftest import GENERATED_AT, Repo


def render(repo: Repo, fmt: str, templates: Path, model: str | None = None) -> str:
    return str(
        render_card(
            repo.records["property-claims"],
            fmt,
            root=repo.root,
            model=model,
            generated_at=GENERATED_AT,
            user_templates=templates,
        )
    )


def test_every_card_template_is_documented() -> None:
    readme = (templates_dir() / "README.md").read_text("utf-8")
    for path in templates_dir().glob("*.j2"):
        assert f"`{path.name}`" in readme, f"{path.name} is not in templates/README.md"
    for block in ("after_header", "extra_css", "sections", "findings", "provenance"):
        assert f"`{block}`" in readme


def test_a_user_template_can_extend_the_default_and_change_one_block(
    fixtures: Repo, tmp_path: Path
) -> None:
    (tmp_path / "system_card.html.j2").write_text(
        '{% extends "default:system_card.html.j2" %}\n'
        "{% block after_header %}<p class=notice>Internal: Northwind only</p>{% endblock %}\n",
        "utf-8",
    )
    html = render(fixtures, "html", tmp_path)
    assert "<p class=notice>Internal: Northwind only</p>" in html
    assert "Harms register" in html  # the rest of the default is still there
    # other templates are untouched
    assert "Internal: Northwind" not in render(fixtures, "html", tmp_path, "fraud-scorer")


def test_a_user_template_can_replace_or_extend_one_section_by_id(
    fixtures: Repo, tmp_path: Path
) -> None:
    sections = tmp_path / "system_card"
    sections.mkdir()
    (sections / "impact.md.j2").write_text(
        '{% include "default:system_card/impact.md.j2" %}\nReviewed by the risk committee.\n',
        "utf-8",
    )
    (sections / "feasibility.md.j2").write_text("## {{ sec.number }}. Our own {{ id }}\n", "utf-8")
    md = render(fixtures, "md", tmp_path)
    default = render(fixtures, "md", templates_dir())
    assert "Reviewed by the risk committee." in md
    assert "Harms register" in md  # the default impact section is still there
    assert "## 7. Our own feasibility\n" in md
    assert "## 7. Feasibility" in default and "## 7. Feasibility" not in md
    assert md.count("\n## ") == default.count("\n## ")  # every other section unchanged
    assert "Reviewed by" not in render(fixtures, "html", tmp_path)


def test_a_user_template_with_the_same_name_replaces_the_default(
    fixtures: Repo, tmp_path: Path
) -> None:
    (tmp_path / "system_card.md.j2").write_text(
        "# {{ card.system.name }}\n\nOwner: {{ card.system.team.text }}\n", "utf-8"
    )
    (tmp_path / "card.css").write_text("body { color: rebeccapurple; }", "utf-8")
    assert render(fixtures, "md", tmp_path) == (
        "# Claims triage assistant\n\nOwner: Claims Data Science\n"
    )
    assert "rebeccapurple" in render(fixtures, "html", tmp_path)


def test_a_template_mistake_fails_loudly(fixtures: Repo, tmp_path: Path) -> None:
    (tmp_path / "system_card.md.j2").write_text("{{ card.no_such_thing }}", "utf-8")
    with pytest.raises(TemplateError, match="no_such_thing"):
        render(fixtures, "md", tmp_path)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "system_card.md.j2").write_text("line one\n{% if %}", "utf-8")
    with pytest.raises(TemplateError, match=r"system_card.md.j2:2: template syntax error"):
        render(fixtures, "md", broken)


def test_markdown_templates_escape_record_text_even_without_filters(
    fixtures: Repo, tmp_path: Path
) -> None:
    (tmp_path / "model_card.md.j2").write_text(
        "{{ card.component.name }} | {{ card.sections.details.facts[0].label }} | "
        "{{ ['<b>', '[x](javascript:y)'] | join(', ') }}\n",
        "utf-8",
    )
    out = render(fixtures, "md", tmp_path, "fraud-scorer")
    assert out == "Fraud risk scorer | Kind of model | &lt;b&gt;, \\[x\\](javascript:y)\n"


def test_ref_marks_restated_text_for_the_site_only(tmp_path: Path) -> None:
    """`ref` escapes like any record text; with `site` it also keeps the text out of the
    documentation site's search index (the span is what Material's search skips)."""
    from aigov.cards.render import render_template

    (tmp_path / "probe.md.j2").write_text(
        "{{ '<b>*x*</b>' | ref }} {{ 'two\nlines' | md_cell | ref }} {{ 'own' | ref(false) }}\n",
        "utf-8",
    )
    plain = render_template("probe.md.j2", "md", tmp_path)
    assert plain == "&lt;b&gt;\\*x\\*&lt;/b&gt; two<br>lines own\n"
    site = render_template("probe.md.j2", "md", tmp_path, site=True)
    assert site == (
        "<span data-search-exclude>&lt;b&gt;\\*x\\*&lt;/b&gt;</span> "
        "<span data-search-exclude>two<br>lines</span> own\n"
    )
