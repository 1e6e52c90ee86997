"""aigov export / import algoritmeregister: entries validate against the vendored files, a
partial record gets positioned errors and nothing written, and a real published entry comes
back from a round trip with every field equal or explained."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from aigov.authoring.importers import CardError
from aigov.authoring.importers.algoritmeregister import import_algoritmeregister
from aigov.authoring.scaffold import init_repository
from aigov.exports.algoritmeregister import (
    config_as_schema,
    export_algoritmeregister,
    register_config,
    schema_errors,
    standard_schema,
)
from aigov.exports.build import ExportError, load_system
from aigov.exports.registertext import html_to_text
from aigov.workspace import open_repository
from tests.conftest import REPO, run_aigov

FIXTURES = REPO / "tests" / "fixtures" / "algoritmeregister"
AMSTERDAM = FIXTURES / "gemeente-amsterdam-meldingen-openbare-ruimte.template.json"
TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    return tmp_path


def _load(root: Path, system: str, audience: str = "public") -> Any:
    return load_system(open_repository(root, today=TODAY, audience=audience), system)


def _with(root: Path, *names: str) -> Path:
    for name in names:
        source = REPO / "systems" / name if (REPO / "systems" / name).exists() else FIXTURES / name
        shutil.copy(source, root / "systems" / name)
    return root


def _public_body_content(root: Path) -> None:
    """What the standard form also requires and the example does not say: a theme, the
    weighing of proportionality, the impact assessments done."""
    path = root / "systems" / "claims-triage.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["tags"].append("Zorg en gezondheid")
    data["impact_assessment"]["proportionality"] = "Handmatige triage van elke claim duurt dagen."
    data["impact_assessment"]["assessments"] = [
        {"kind": "dpia", "status": "done", "url": "https://example.org/dpia"},
        {"kind": "fria", "status": "not_done"},
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.mark.parametrize("form", ["register", "standard"])
def test_example_record_validates_against_its_forms_file(repo: Path, form: str) -> None:
    _with(repo, "claims-triage.yaml")
    _public_body_content(repo)
    entry = export_algoritmeregister(_load(repo, "claims-triage", "internal"), form)
    schema = config_as_schema(register_config()) if form == "register" else standard_schema()
    jsonschema.Draft7Validator(schema).validate(entry.data)  # raises on any error
    category = entry.data["publication_category"]
    # the two files spell the category differently: each form uses its own file's spelling
    assert category == (
        "Hoog-risico AI-systeem" if form == "register" else "Hoog-risico AI-systeem (Categorie A)"
    )
    assert entry.data["status"] == "In gebruik"  # a pilot decides real cases
    assert entry.data["description_short"].startswith("Suggests a route")  # text as written
    titles = "Data Protection Impact Assessment (DPIA)"  # the register's permitted name
    if form == "register":
        assert entry.data["impacttoetsen_grouping"] == [
            {"title": titles, "link": "https://example.org/dpia"}
        ]
        assert entry.data["category"] == ["Zorg en gezondheid"]
    else:
        assert entry.data["impact_assessments"] == titles
    assert any("not_done" in note for note in entry.notes)  # the FRIA not done is said


def test_schema_check_catches_a_wrong_value() -> None:
    assert schema_errors({"name": "x", "status": "Live"}, "register")
    assert any("publication_category" in e for e in schema_errors({"name": "x"}, "standard"))


def test_partial_record_errors_name_the_field_to_fill_and_write_nothing(repo: Path) -> None:
    _with(repo, "partial-public-body.yaml")
    with pytest.raises(ExportError) as caught:
        export_algoritmeregister(_load(repo, "partial-public-body"))
    diags = caught.value.diagnostics
    hints = " ".join(d.hint for d in diags)
    for field in (
        "source_document.organisation",
        "owner.contact",
        "use_case.decisions_about_people",
    ):
        assert field in hints
    assert all(d.path.endswith("partial-public-body.yaml") and d.line >= 1 for d in diags)
    # the missing organisation points at the file, the stage at its own line
    out = repo / "entry.json"
    run = run_aigov(
        "export", "algoritmeregister", "partial-public-body", "-o", str(out), "--root", str(repo)
    )
    assert run.returncode == 1
    shown = run.stdout + run.stderr
    assert "partial-public-body.yaml:" in shown and "owner.contact" in shown
    assert not out.exists()


def test_standard_form_requires_more_than_the_register(repo: Path) -> None:
    _with(repo, "partial-public-body.yaml")
    path = repo / "systems" / "partial-public-body.yaml"
    path.write_text(
        path.read_text()
        + "owner:\n  contact: algoritmes@example.nl\n  legal_entity: Gemeente Noorderhaaks\n"
        + "use_case:\n  decisions_about_people: true\n"
    )
    entry = export_algoritmeregister(_load(repo, "partial-public-body"), "register")
    assert entry.data["publication_category"] == "Impactvolle algoritmes"
    with pytest.raises(ExportError) as caught:
        export_algoritmeregister(_load(repo, "partial-public-body"), "standard")
    messages = " ".join(d.message for d in caught.value.diagnostics)
    assert "'theme'" in messages and "'purpose_and_impact'" in messages


def test_too_long_text_is_an_error_never_truncated(repo: Path) -> None:
    _with(repo, "claims-triage.yaml")
    path = repo / "systems" / "claims-triage.yaml"
    text = path.read_text()
    assert "\nname: " in text
    path.write_text(text.replace("\nname: ", "\nname: " + "Zeer lange naam " * 8, 1))
    with pytest.raises(ExportError) as caught:
        export_algoritmeregister(_load(repo, "claims-triage", "internal"))
    (diag,) = caught.value.diagnostics
    assert "at most 99 characters" in diag.message and diag.line > 1


# --- import and the round trip ------------------------------------------------------------------


def _amsterdam(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The vendored entry with the two fields its template left to the organisation."""
    entry = json.loads(AMSTERDAM.read_text("utf-8"))[0]
    entry["organization"] = "Gemeente Amsterdam"
    entry["contact_email"] = "algoritmen@amsterdam.nl"
    path = tmp_path / "amsterdam.json"
    path.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
    return path, entry


# fields that come back different, and why (everything else must be equal)
EXPLAINED = {
    "id": "not a field of standard 1.0 (a template id): kept in the metadata, left out, noted",
    "type": "not a field of standard 1.0: kept in the metadata, left out, noted",
    "lang": "'NLD' becomes the configuration's permitted value 'nld'",
    "source_id": "the source had none; the export gives the record's id",
}


def test_round_trip_of_a_published_entry(repo: Path, tmp_path: Path) -> None:
    source, entry = _amsterdam(tmp_path)
    run = run_aigov("import", "algoritmeregister", str(source), "--root", str(repo))
    assert run.returncode == 0, run.stderr
    record = (repo / "systems" / "meldingen-openbare-ruimte.yaml").read_text("utf-8")
    assert "stage_since: unknown" in record  # the register gives no date: none is invented
    exported = export_algoritmeregister(_load(repo, "meldingen-openbare-ruimte")).data
    assert schema_errors(exported, "register") == []
    for key in sorted(set(entry) | set(exported)):
        before, after = entry.get(key), exported.get(key)
        if key in EXPLAINED:
            assert before != after, f"{key} no longer differs: drop it from EXPLAINED"
            continue
        if before in (None, "", []):
            assert key not in exported, f"{key} was empty in the source"  # never an empty string
        elif isinstance(before, str) and isinstance(after, str):
            # the same words; the register's markup normalised (<div> wrappers, empty <br> lines)
            assert html_to_text(after) == html_to_text(before), key
        else:
            assert after == before, key


def test_import_keeps_what_has_no_field_and_reports_it(tmp_path: Path) -> None:
    source, _ = _amsterdam(tmp_path)
    imported = import_algoritmeregister(source, today=TODAY, display="amsterdam.json")
    kept = imported.component["metadata"]["algoritmeregister"]
    assert kept["category"] == ["Openbare orde en veiligheid"]
    assert kept["id"] == "gemeente-amsterdam-meldingen-openbare-ruimte"  # ids kept whole
    report = imported.report
    assert {line.source for line in report.kept} == set(kept)
    assert "website" in {line.source for line in report.empty}
    assert imported.record["source_document"]["organisation"] == "Gemeente Amsterdam"
    assert "<p>" not in imported.record["documentation"]["intended_use"]


def test_import_of_standard_0_4(tmp_path: Path) -> None:
    imported = import_algoritmeregister(
        FIXTURES / "older-v0.4-entry.json", today=TODAY, display="v0.4.json"
    )
    record, kept = imported.record, imported.component["metadata"]["algoritmeregister"]
    assert record["owner"]["team"] == "Team Parkeren"
    assert record["source_document"]["external_id"] == "50012345"
    assert record["source_document"]["published"] == "2023-06-01"
    assert kept["begin_date"] == "2021-03"  # a month: kept, not made into a day
    assert kept["source_id"] == "PARK-2021-0007/scanauto"  # not a slug: kept whole, not cut
    assert record["impact_assessment"]["assessments"][0]["kind"] == "dpia"
    assert imported.component["provider"] == "Haaks softwarebedrijf"


def test_import_of_the_standard_form(tmp_path: Path, repo: Path) -> None:
    imported = import_algoritmeregister(
        FIXTURES / "standard-form-entry.json", today=TODAY, display="standard.json"
    )
    kinds = [a["kind"] for a in imported.record["impact_assessment"]["assessments"]]
    assert kinds == ["dpia", "deda"]
    assert imported.record["data"]["legal_basis_links"][0]["url"].startswith("https://wetten")
    assert imported.component["source"] == "in_house"
    assert imported.component["metadata"]["algoritmeregister"]["publication_category"] == (
        "Overige algoritmes (Categorie C)"
    )
    run = run_aigov(
        "import",
        "algoritmeregister",
        str(FIXTURES / "standard-form-entry.json"),
        "--root",
        str(repo),
    )
    assert run.returncode == 0, run.stderr
    entry = export_algoritmeregister(_load(repo, "toewijzing-schoolroutes"), "standard").data
    assert entry["publication_category"] == "Overige algoritmes (Categorie C)"
    assert entry["supplier"] == "Intern ontwikkeld"
    assert entry["impact_assessments"].startswith("Data Protection Impact Assessment (DPIA)")


def test_bad_file_is_a_positioned_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "name": "x",\n  "goal": oops\n}\n')
    with pytest.raises(CardError) as caught:
        import_algoritmeregister(bad, today=TODAY, display="bad.json")
    assert (caught.value.line, caught.value.column) == (3, 11)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"name": "a"}, {"name": "b"}]))
    with pytest.raises(CardError, match="2 entries"):
        import_algoritmeregister(many, today=TODAY, display="many.json")


def test_a_required_field_withheld_from_the_public_edition_says_so(repo: Path) -> None:
    _with(repo, "partial-public-body.yaml")
    path = repo / "systems" / "partial-public-body.yaml"
    path.write_text(
        path.read_text()
        + "owner:\n  contact: algoritmes@example.nl\n  legal_entity: Gemeente Noorderhaaks\n"
        + "use_case:\n  decisions_about_people: false\n"
        + "visibility:\n  internal: [owner.contact]\n"
    )
    with pytest.raises(ExportError) as caught:
        export_algoritmeregister(_load(repo, "partial-public-body"))
    (diag,) = caught.value.diagnostics
    assert "withhold `owner.contact`" in diag.message
    internal = export_algoritmeregister(_load(repo, "partial-public-body", "internal"))
    assert internal.data["contact_email"] == "algoritmes@example.nl"
    assert internal.data["publication_category"] == "Overige algoritmes"


def test_record_text_reaches_the_register_as_its_html_only(repo: Path) -> None:
    _with(repo, "claims-triage.yaml")
    path = repo / "systems" / "claims-triage.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["documentation"]["intended_use"] = (
        "<p onclick='x()'>Triage</p><script>alert(1)</script>\n\n- a < b\n- c & d"
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    goal = export_algoritmeregister(_load(repo, "claims-triage", "internal")).data["goal"]
    assert "<script>" not in goal and "onclick" not in goal
    assert "<li>a &lt; b</li><li>c &amp; d</li>" in goal
    tags = set(re.findall(r"</?\s*([a-z]+)", goal))
    assert tags <= {"p", "br", "ul", "ol", "li", "div"}
