"""`aigov check` in Dutch and German (issue 19): the fixed parts of messages, hints and the
header are translated; rule ids, file:line:column, field paths and the record's own words are
not, and JSON keeps its codes, paths and severities in every language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_aigov

TODAY = "2026-11-15"

# a small record with gaps: its harm's id and the team's name are record text
RECORD = """\
schema_version: 1
id: triage-bot
name: Ticket triage bot
summary: Routes incoming tickets to the right queue.
owner:
  team: Support Ops Zürich
lifecycle:
  stage: mvp
impact_assessment:
  harms:
    - id: wrong-queue
      description: A ticket lands in the wrong queue and waits for days
      severity: high
"""

LINE = re.compile(r"^(systems/triage-bot\.yaml:\d+:\d+): (AIG-[A-Z0-9-]+) (.*) \[(\w+)\]$")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "aigov.yaml").write_text("version: 1\n")
    (tmp_path / "systems").mkdir()
    (tmp_path / "systems" / "triage-bot.yaml").write_text(RECORD, encoding="utf-8")
    return tmp_path


def findings(stdout: str) -> list[tuple[str, str, str, str]]:
    """(file:line:col, code, message, severity) of every finding line."""
    return [m.groups() for line in stdout.splitlines() if (m := LINE.match(line))]  # type: ignore[misc]


HINT = re.compile(r"^    (?:hint|tip|Hinweis): (.*)$")


def hints(stdout: str) -> list[str]:
    """The hint under each finding, labelled in English, Dutch or German."""
    return [m.group(1) for line in stdout.splitlines() if (m := HINT.match(line))]


def check(repo: Path, *args: str) -> tuple[int, str]:
    run = run_aigov("check", "--today", TODAY, *args, cwd=repo)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    return run.returncode, run.stdout


def test_dutch_check_translates_the_fixed_parts_and_keeps_ids_places_and_record_text(
    repo: Path,
) -> None:
    code_en, english = check(repo)
    code_nl, dutch = check(repo, "--lang", "nl")
    assert code_nl == code_en == 1
    en, nl = findings(english), findings(dutch)
    assert en and len(nl) == len(en)
    # the same findings at the same places with the same codes and severities
    assert sorted((w, c, s) for w, c, _m, s in nl) == sorted((w, c, s) for w, c, _m, s in en)
    # every message is in Dutch: none is left as the English one
    assert not {m for *_x, m, _s in en} & {m for *_x, m, _s in nl}
    # fixed parts in Dutch, the harm's id (record text) as written
    harm = [m for w, c, m, _s in nl if c == "AIG-HARM-001"]
    assert "schade 'wrong-queue' heeft geen waarschijnlijkheid" in harm, harm
    assert "harm 'wrong-queue' has no likelihood" in [m for *_x, m, _s in en if "wrong-queue" in m]
    assert "de haalbaarheidssprint heeft geen besluit" in [m for _w, _c, m, _s in nl]
    # the harm's finding points into the record at the harm, in both languages
    place = {c: w for w, c, m, _s in nl if "wrong-queue" in m}
    assert place["AIG-HARM-001"] == next(w for w, c, m, _s in en if "has no likelihood" in m)
    assert place["AIG-HARM-001"] == "systems/triage-bot.yaml:11:7"  # `- id: wrong-queue`
    # hints (the rules' fix texts) and the header come from the catalogue
    assert "Vul launch.mvp.scope en launch.mvp.exit_criteria in." in hints(dutch)
    assert "Fill in launch.mvp.scope and launch.mvp.exit_criteria." in hints(english)
    assert "== triage-bot (systems/triage-bot.yaml): mvp, risiconiveau medium" in dutch
    assert "% compleet; " in dutch and " fouten, " in dutch and "waarschuwingen" in dutch
    # English stays English: no Dutch leaks into the default run
    assert "schade" not in english and "haalbaarheid" not in english
    # the summary line and the hint label, counted with the right plural forms
    errors = sum(s == "error" for *_x, s in en)
    warnings = sum(s == "warning" for *_x, s in en)
    assert errors > 1 and warnings > 1
    assert english.splitlines()[-1] == (
        f"{errors} errors, {warnings} warnings in 1 record (1 with errors)."
    )
    assert dutch.splitlines()[-1] == (
        f"{errors} fouten, {warnings} waarschuwingen in 1 registratie (1 met fouten)."
    )
    assert "\n    tip: " in dutch and "hint:" not in dutch
    assert "\n    hint: " in english
    assert "== triage-bot (systems/triage-bot.yaml): mvp, tier medium" in english


def test_the_policy_language_sets_it_and_german_works_too(repo: Path) -> None:
    (repo / "aigov.yaml").write_text("version: 1\nlanguage: nl\n")
    _code, dutch = check(repo)
    assert "schade 'wrong-queue' heeft geen ernst" not in dutch  # it has a severity
    assert "schade 'wrong-queue' heeft geen waarschijnlijkheid" in dutch
    _code, german = check(repo, "--lang", "de")  # --lang overrides aigov.yaml
    messages = [m for _w, _c, m, _s in findings(german)]
    assert "Schaden 'wrong-queue' hat keine Eintrittswahrscheinlichkeit" in messages
    assert "der Machbarkeitssprint hat keine Entscheidung" in messages
    assert "Fülle launch.mvp.scope und launch.mvp.exit_criteria aus." in hints(german)
    assert german.splitlines()[-1].endswith(" in 1 Datensatz (1 mit Fehlern).")
    assert " Fehler, " in german.splitlines()[-1] and "Warnungen" in german.splitlines()[-1]
    assert "mvp, Risikostufe medium" in german and "% vollständig" in german
    assert all(re.fullmatch(r"systems/triage-bot\.yaml:\d+:\d+", w) for w, *_r in findings(german))


def test_json_keeps_codes_paths_and_severities_and_carries_the_dutch_message(
    repo: Path,
) -> None:
    def payload(*args: str) -> dict[str, object]:
        run = run_aigov("check", "--today", TODAY, "--format", "json", *args, cwd=repo)
        assert run.returncode == 1, run.stderr
        data = json.loads(run.stdout)
        assert isinstance(data, dict)
        return data

    en, nl = payload(), payload("--lang", "nl")
    stable = ("path", "line", "column", "code", "severity", "field", "system")

    def keyed(data: dict[str, object]) -> list[tuple[object, ...]]:
        diags = data["diagnostics"]
        assert isinstance(diags, list) and diags
        return sorted(tuple(d.get(k) for k in stable) for d in diags)

    assert keyed(nl) == keyed(en)
    assert _same_scores(nl, en)
    nl_diags = nl["diagnostics"]
    assert isinstance(nl_diags, list)
    harm = next(
        d for d in nl_diags if d["code"] == "AIG-HARM-001" and "waarschijnlijkheid" in d["message"]
    )
    assert harm["message"] == "schade 'wrong-queue' heeft geen waarschijnlijkheid"
    assert harm["field"] == "impact_assessment.harms.0.likelihood"
    assert harm["hint"].startswith("Geef elke schade")


def _same_scores(a: dict[str, object], b: dict[str, object]) -> bool:
    """The per-system entries agree except for words (the completeness explanation, reasons)."""

    def numbers(data: dict[str, object]) -> list[object]:
        systems = data["systems"]
        assert isinstance(systems, list)
        return [(s["id"], s["errors"], s["warnings"], s.get("stage")) for s in systems]

    return numbers(a) == numbers(b)


def test_schema_and_yaml_problems_in_dutch_keep_their_codes_and_places(tmp_path: Path) -> None:
    (tmp_path / "aigov.yaml").write_text("version: 1\nlanguage: nl\n")
    systems = tmp_path / "systems"
    systems.mkdir()
    (systems / "no-version.yaml").write_text("id: no-version\nname: No version\n")
    (systems / "twice.yaml").write_text(
        "schema_version: 1\nid: twice\nname: First\nname: Second\n", encoding="utf-8"
    )
    run = run_aigov("validate", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    out = run.stdout
    assert (
        "systems/no-version.yaml:1:1: AIG-SCHEMA-MISSING verplicht veld 'schema_version' "
        "ontbreekt [error]"
    ) in out
    assert "Voeg hier 'schema_version:' toe." in out
    assert (
        "systems/twice.yaml:4:1: AIG-YAML-DUPKEY dubbele sleutel 'name' (eerst gedefinieerd "
        "op regel 3) [error]"
    ) in out
    english = run_aigov("validate", "--lang", "en", cwd=tmp_path).stdout
    assert "AIG-SCHEMA-MISSING missing required field 'schema_version'" in english
    assert "AIG-YAML-DUPKEY duplicate key 'name' (first defined on line 3)" in english


def test_a_dutch_gate_checklist_has_dutch_titles_fixes_and_verdict(repo: Path) -> None:
    _code, dutch = check(repo, "--gate", "pilot", "--lang", "nl")
    assert "mvp → pilot: niet klaar: " in dutch
    assert (
        "✗ AIG-FEAS-002 De haalbaarheidssprint eindigde met een go-besluit [error, blocks]" in dutch
    )
    assert "oplossing: Leg feasibility.decision (go, no_go, pivot)" in dutch
    assert "  Legenda: ✗ ontbreekt   ? beantwoord met `unknown` (nog open)   " in dutch
    assert "  Volgende stappen:\n    1. " in dutch
    assert re.search(r"^  Productmanager \(\d+ open(, \d+ blokkerend)?\):$", dutch, re.M), dutch
    assert "fix:" not in dutch and "Legend:" not in dutch and "Next:" not in dutch
    assert "(Productmanager, AIG-OWN-001) → systems/triage-bot.yaml:5:1" in dutch
    _code, english = check(repo, "--gate", "pilot")
    assert (
        "✗ AIG-FEAS-002 The feasibility sprint ended with a go decision [error, blocks]" in english
    )
    assert "(Product manager, AIG-OWN-001) → systems/triage-bot.yaml:5:1" in english
    assert "\n  Legend: ✗ missing   ? answered `unknown` (still open)   – not applicable" in english
    assert "\n  Next:\n" in english and "\n        fix: " in english


def test_the_rule_list_and_a_rule_in_dutch(repo: Path) -> None:
    listed = run_aigov("rules", "--lang", "nl", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    assert "AIG-OWN-001      error   Er is een verantwoordelijke eigenaar genoemd" in listed.stdout
    assert "regels. `aigov rules ID` legt er een uit." in listed.stdout
    one = run_aigov("rules", "AIG-LAUNCH-003", "--lang", "nl", cwd=repo)
    assert one.returncode == 0, one.stderr
    assert "AIG-LAUNCH-003: De MVP heeft een smalle reikwijdte en exitcriteria" in one.stdout
    assert "Hoe op te lossen\n  Vul launch.mvp.scope en launch.mvp.exit_criteria in." in one.stdout
    english = run_aigov("rules", cwd=repo).stdout
    assert "AIG-OWN-001      error   An accountable owner is named" in english
