"""Visibility-path problems (aigov.fieldmodel.paths) in the organisation's language (issue 19):
aigov's words translated, the field names and steps the record wrote kept as written."""

from __future__ import annotations

from aigov.fieldmodel.paths import explain_path
from aigov.i18n import use_language

DATA = {"schema_version": 1, "id": "bot", "name": "Bot", "operations": {"incidents": []}}


def test_path_problems_are_dutch_and_german_and_english_is_unchanged() -> None:
    english = explain_path(("operations", "incidnets"), DATA)
    assert english[0] == "has 'incidnets', which is not a field of operations"
    assert english[1].startswith("Did you mean 'incidents'? Fields there: ")
    with use_language("nl"):
        problem, hint = explain_path(("operations", "incidnets"), DATA)
        assert problem == "heeft 'incidnets', dat geen veld van operations is"
        assert hint.startswith("Bedoelde je 'incidents'? Velden daar: ")
        assert explain_path(("name",), DATA)[0] == (
            "markeert 'name', dat elk publiek ziet (het identificeert het systeem)"
        )
        assert explain_path(("nope",), DATA)[0] == "heeft 'nope', dat geen veld van het record is"
    with use_language("de"):
        assert explain_path(("visibility",), DATA) == (
            "markiert die Sichtbarkeitsregeln selbst",
            "Entferne es; öffentliche Builds zeigen sie nie.",
        )
    assert explain_path(("visibility",), DATA)[0] == "marks the visibility rules themselves"
