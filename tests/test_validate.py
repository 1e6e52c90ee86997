"""Validation: pydantic errors mapped to file:line:col with a useful hint, explicit answers,
and the references inside a record (ids unique, harms name real controls, NIST ids exist)."""

from __future__ import annotations

import pytest

from aigov.diagnostics import Diagnostic
from aigov.validate import validate_document
from aigov.yamlload import load_text

HEAD = "schema_version: 1\nid: claims\nname: Claims triage\n"


def check(body: str, head: str = HEAD) -> tuple[object, dict, list[Diagnostic]]:
    doc = load_text(head + body, "systems/claims.yaml")
    return validate_document(doc)


def only(body: str, head: str = HEAD) -> Diagnostic:
    _record, _answers, diags = check(body, head)
    assert len(diags) == 1, [f"{d.line}:{d.column} {d.code} {d.message}" for d in diags]
    return diags[0]


def test_a_minimal_record_is_valid() -> None:
    record, answers, diags = check("")
    assert record is not None and answers == {} and diags == []


# --- unknown and missing fields ------------------------------------------------------------------


def test_unknown_key_with_a_close_match() -> None:
    d = only("lifecycle:\n  stage: pilot\n  reviw_cadence_days: 90\n")
    assert (d.code, d.line, d.column, d.field) == (
        "AIG-SCHEMA-UNKNOWN-KEY",
        6,
        3,
        "lifecycle.reviw_cadence_days",
    )
    assert d.hint == "Did you mean 'review_cadence_days'?"


def test_unknown_key_without_a_close_match_lists_the_allowed_ones() -> None:
    d = only("owner:\n  budget: 12\n")
    assert "Allowed here: team, accountable" in d.hint


def test_unknown_key_in_a_list_item_names_the_item() -> None:
    d = only("links:\n  - title: Doc\n    url: https://example.com\n    colour: red\n")
    assert d.message == "unknown field 'colour' in links[0]"
    assert (d.line, d.column) == (7, 5)


def test_unknown_key_that_belongs_in_another_section_is_pointed_there() -> None:
    d = only("stakeholdrs:\n  - name: Customers\n")
    assert d.message == "unknown field 'stakeholdrs' in the record"
    assert d.hint.startswith("Did you mean 'impact_assessment.stakeholders'?")
    d = only("use_case:\n  rollback: flag off\n")
    assert "'operations.rollback'" in d.hint


def test_one_line_of_text_with_a_colon_in_a_list_is_told_to_quote() -> None:
    d = only("use_case:\n  beneficiaries:\n    - Agents: less searching, faster replies\n")
    assert "': '" in d.message and "one line of text" not in d.hint
    assert d.hint == 'Put the text in quotes: "Agents: less searching, faster replies"'
    # the quoted form the hint shows is valid
    assert only_valid("use_case:\n  beneficiaries:\n    - " + d.hint.split(": ", 1)[1] + "\n")


def only_valid(body: str) -> bool:
    record, _answers, diags = check(body)
    return record is not None and diags == []


def test_unknown_key_inside_braces_explains_the_comma() -> None:
    d = only("owner: {team: Claims, Health and Motor}\n")
    assert "comma starts a new field" in d.hint


def test_missing_required_field_points_at_the_parent() -> None:
    d = only("links:\n  - url: https://example.com\n")
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-MISSING", 5, 5)
    assert d.message == "missing required field 'links[0].title'"
    assert "Add 'title:'" in d.hint


def test_missing_name_points_at_the_top() -> None:
    d = only("", head="schema_version: 1\nid: claims\n")
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-MISSING", 1, 1)


def test_a_required_field_cannot_be_unknown() -> None:
    d = only("", head="schema_version: 1\nid: claims\nname: unknown\n")
    assert d.code == "AIG-SCHEMA-MISSING"
    assert "cannot be unknown or not applicable" in d.message
    assert (d.line, d.column) == (3, 1)


# --- wrong values -------------------------------------------------------------------------------------


def test_enum_typo() -> None:
    d = only("lifecycle:\n  stage: prod\n")
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-ENUM", 5, 10)
    assert d.hint.startswith("Did you mean 'production'? Allowed: idea, feasibility")


def test_enum_in_a_list() -> None:
    d = only("use_case:\n  ai_help: [augment, summarise]\n")
    assert (d.code, d.line, d.column, d.field) == ("AIG-SCHEMA-ENUM", 5, 22, "use_case.ai_help.1")


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "next week", "2026-1-5"])
def test_dates_that_do_not_exist(date: str) -> None:
    d = only(f"lifecycle:\n  stage: pilot\n  last_review: {date}\n")
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-DATE", 6, 16)
    assert "YYYY-MM-DD" in d.hint


def test_a_number_where_text_belongs_quotes_what_was_written() -> None:
    d = only("version: 1.10\n")
    assert d.message == "'version' must be text, but YAML reads 1.10 as a number"
    assert 'Put it in quotes: "1.10"' in d.hint


def test_a_boolean_where_text_belongs() -> None:
    d = only("summary: true\n")
    assert "reads true as true/false" in d.message


def test_a_list_where_text_belongs() -> None:
    d = only("summary: [a, b]\n")
    assert d.message == "'summary' must be text, not a list"


def test_text_where_a_list_belongs() -> None:
    d = only("tags: claims\n")
    assert d.message == "'tags' must be a list (lines starting with '- '), not the value 'claims'"


def test_text_where_a_mapping_belongs() -> None:
    d = only("owner: Claims team\n")
    assert d.message.startswith("'owner' must be a mapping of fields")


def test_schema_version_in_quotes() -> None:
    d = only("", head='schema_version: "1"\nid: claims\nname: Claims triage\n')
    assert d.message == "'schema_version' must be the number 1, not the text '1'"
    assert d.hint == "Remove the quotes: schema_version: 1"


def test_an_unsupported_schema_version() -> None:
    d = only("", head="schema_version: 2\nid: claims\nname: Claims triage\n")
    assert d.code == "AIG-SCHEMA-ENUM" and "Allowed: 1" in d.hint


def test_number_out_of_range() -> None:
    d = only("lifecycle:\n  stage: pilot\n  review_cadence_days: 0\n")
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-TYPE", 6, 24)
    assert "greater than or equal to 1" in d.message


@pytest.mark.parametrize(
    ("written", "says"),
    [('"nan"', "finite number"), ("fast", "valid number"), ("[1]", "valid number")],
)
def test_a_result_value_that_is_no_number_is_one_error_at_the_value(
    written: str, says: str
) -> None:
    # value is int | float (to keep 82 and 82.0 apart); still one error, not one per member
    d = only(f"evaluations:\n  results:\n    - {{metric: groundedness, value: {written}}}\n")
    assert (d.code, d.field, d.line, d.column) == (
        "AIG-SCHEMA-TYPE",
        "evaluations.results.0.value",
        6,
        37,
    )
    assert says in d.message and ".int" not in d.message and ".float" not in d.message


@pytest.mark.parametrize(
    ("ident", "extra"),
    [
        ("Claims", ""),
        ("claims/triage", ""),
        ("..", ""),
        ("-claims", ""),
        ("сlaims", "CYRILLIC SMALL LETTER ES"),
    ],
)
def test_ids_must_be_slugs(ident: str, extra: str) -> None:
    d = only("", head=f"schema_version: 1\nid: '{ident}'\nname: Claims triage\n")
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-ID", 2, 5)
    assert extra in d.message


def test_dangerous_links_are_refused_with_a_hint() -> None:
    d = only("links:\n  - title: x\n    url: 'javascript:alert(1)'\n")
    assert d.code == "AIG-SCHEMA-VALUE" and "https://" in d.hint


def test_evidence_paths_stay_in_the_repository() -> None:
    body = (
        "controls:\n  manage:\n    - id: c1\n      title: t\n      evidence:\n"
        "        - title: e\n          path: /etc/passwd\n"
    )
    d = only(body)
    assert d.code == "AIG-SCHEMA-VALUE" and "repository root" in d.hint


def test_messages_about_record_text_stay_on_one_line() -> None:
    d = only('lifecycle:\n  stage: "pilot\\nsystems/other.yaml:1:1: forged"\n')
    assert "\n" not in d.message and "\\n" in d.message


def test_long_values_are_cut_in_messages() -> None:
    d = only(f"lifecycle:\n  stage: {'x' * 500}\n")
    assert len(d.message) < 200


# --- explicit answers ----------------------------------------------------------------------------------


def test_unknown_and_not_applicable_are_lifted_out() -> None:
    record, answers, diags = check(
        "owner: unknown\n"
        "data:\n  retention: {not_applicable: No data is stored}\n"
        "links:\n  - title: Doc\n    url: unknown\n"
    )
    # a link's url is required: it cannot be left unknown
    assert record is None
    assert [(d.code, d.field, d.line, d.column) for d in diags] == [
        ("AIG-SCHEMA-MISSING", "links.0.url", 9, 5)
    ]
    assert answers["owner"].kind == "unknown"
    assert answers["data.retention"].kind == "not_applicable"
    assert answers["data.retention"].justification == "No data is stored"
    assert answers["links.0.url"].kind == "unknown"


def test_not_applicable_needs_a_reason() -> None:
    d = only("data:\n  retention: {not_applicable: '  '}\n")
    assert (d.code, d.line, d.column, d.field) == ("AIG-SCHEMA-NA", 5, 14, "data.retention")


# --- references inside the record -----------------------------------------------------------------------

CONTROLS = """\
controls:
  govern:
    - id: ctl-owner
      title: Named owner
      nist: [GOVERN 2.1]
  manage:
    - id: ctl-review
      title: Human review
      nist: [manage  2.4]
"""


def test_good_references_pass_and_nist_ids_are_normalised() -> None:
    body = (
        CONTROLS
        + "impact_assessment:\n  harms:\n    - id: h1\n      description: d\n"
        + "      mitigations: [ctl-review]\n"
    )
    record, _answers, diags = check(body)
    assert diags == []
    assert record is not None and record.controls is not None
    assert record.controls.manage[0].nist == ["MANAGE 2.4"]


def test_a_harm_names_a_control_that_does_not_exist() -> None:
    body = (
        CONTROLS
        + "impact_assessment:\n  harms:\n    - id: h1\n      description: d\n"
        + "      mitigations: [ctl-reveiw]\n"
    )
    d = only(body)
    assert (d.code, d.line, d.column) == ("AIG-REF-MISSING", 17, 21)
    assert d.hint == "Did you mean 'ctl-review'?"


def test_a_reference_without_any_controls() -> None:
    body = (
        "impact_assessment:\n  harms:\n    - id: h1\n      description: d\n      mitigations: [x]\n"
    )
    assert only(body).hint == "Add the control first."


def test_unknown_nist_subcategory() -> None:
    d = only(CONTROLS.replace("GOVERN 2.1", "GOVERN 9.9"))
    assert (d.code, d.line, d.column) == ("AIG-REF-NIST", 8, 14)


def test_duplicate_control_ids_across_functions() -> None:
    d = only(CONTROLS.replace("ctl-review", "ctl-owner"))
    assert d.code == "AIG-REF-DUPLICATE" and "first on line 6" in d.message
    assert (d.line, d.column) == (10, 11)


@pytest.mark.parametrize(
    "body",
    [
        "impact_assessment:\n  harms:\n    - {id: h, description: a}\n    - {id: h, description: b}\n",
        "data:\n  sources:\n    - {id: s, name: a}\n    - {id: s, name: b}\n",
        "metrics:\n  business:\n    - {id: m, name: a}\n  guardrail:\n    - {id: m, name: b}\n",
        "launch:\n  gates:\n    - {id: g, name: a}\n    - {id: g, name: b}\n",
        "approach:\n  components:\n    - {id: c, name: a}\n    - {id: c, name: b}\n",
    ],
)
def test_duplicate_ids_within_a_record(body: str) -> None:
    _record, _answers, diags = check(body)
    assert "AIG-REF-DUPLICATE" in [d.code for d in diags], diags


def test_an_evaluation_names_a_component_that_does_not_exist() -> None:
    body = (
        "approach:\n  components:\n    - {id: ranker, name: Ranker}\n"
        "evaluations:\n  results:\n    - {metric: recall, value: 0.9, date: 2026-01-01, component: rankr}\n"
    )
    d = only(body)
    assert d.code == "AIG-REF-MISSING" and d.hint == "Did you mean 'ranker'?"


def test_a_confidence_interval_upside_down() -> None:
    body = (
        "evaluations:\n  results:\n    - metric: recall\n      value: 0.9\n      date: 2026-01-01\n"
        "      confidence_interval: {lower: 0.95, upper: 0.85}\n"
    )
    d = only(body)
    assert d.code == "AIG-SCHEMA-VALUE" and "lower bound is above" in d.message


def test_every_diagnostic_has_a_hint_and_a_position() -> None:
    body = (
        "tags: x\nowner: y\nlifecycle: {stage: z, last_review: 2026-02-30}\nnope: 1\n"
        "links: [{url: 'ftp://x'}]\nversion: 2.0\n"
    )
    _record, _answers, diags = check(body)
    assert len(diags) >= 6
    for d in diags:
        assert d.hint and d.line >= 1 and d.column >= 1 and d.path == "systems/claims.yaml"


def test_direction_controls_in_text_are_a_warning_at_the_field() -> None:
    """U+202E in a summary makes it display reversed ("Trojan Source"); the record stays
    valid, and the warning names the characters and the field's position."""
    record, _answers, diags = check(
        'summary: "Refunds within \u202e03\u202c days"\nuse_case:\n  users: [ok, "a\u2067b\u2069"]\n'
    )
    assert record is not None
    assert [(d.code, d.line, d.column, d.severity.value) for d in diags] == [
        ("AIG-TEXT-BIDI", 4, 10, "warning"),
        ("AIG-TEXT-BIDI", 6, 15, "warning"),
    ]
    assert "U+202E right-to-left override" in diags[0].message
    assert diags[1].field == "use_case.users.1"
    assert "\u202e" not in diags[0].message  # the message itself shows names, not the characters


def test_direction_controls_written_as_escapes_are_found_too() -> None:
    """`"\\u202E"` in double quotes is the same character, written as an escape."""
    _record, _answers, diags = check('summary: "pay \\u202Eten\\u202C"\n')
    assert [d.code for d in diags] == ["AIG-TEXT-BIDI"]
    _record, _answers, clean = check("summary: plain text\n")
    assert clean == []
