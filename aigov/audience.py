"""Audience builds: leave internal and confidential content out of public outputs.

A record marks parts of itself with `visibility:`

    visibility:
      internal: [operations.incidents, impact_assessment.harms.wrong-refund-promise.notes]
      confidential: [data.data_protection_note]

(the path grammar is `aigov.fieldmodel.paths`). For the **public** audience both internal and
confidential parts are removed from the data, the answers and the typed record
(`aigov.redaction`); for the **internal** audience (the default) everything stays and
confidential parts are marked so pages can badge them. Either way the copy says which it is
in its `Edition` (`aigov.edition`).

This module makes those copies of loaded records and projects, and checks the visibility rules
themselves; it re-exports the names of the modules it builds on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aigov.answers import split_answers
from aigov.diagnostics import Diagnostic, Severity
from aigov.edition import (
    AUDIENCES,
    DEFAULT_AUDIENCE,
    Audience,
    Edition,
    Withheld,
    parse_audience,
)
from aigov.errors import SetupError
from aigov.fieldmodel.paths import ALWAYS_PUBLIC, LEVELS, Rule, explain_path, rules_of
from aigov.i18n import _
from aigov.model import Record
from aigov.project import LoadedRecord, Project
from aigov.redaction import (
    REFERENCES,
    WITHHELD,
    Redaction,
    confidential_paths,
    is_under,
    redact_data,
    scrub_diagnostics,
)

if TYPE_CHECKING:
    from aigov.checks.summary import CheckSummary

__all__ = [
    "ALWAYS_PUBLIC",
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "LEVELS",
    "REFERENCES",
    "VISIBILITY_PATH",
    "WITHHELD",
    "Audience",
    "Edition",
    "Redaction",
    "Rule",
    "UnresolvedVisibility",
    "Withheld",
    "check_visibility",
    "confidential_paths",
    "explain_path",
    "is_under",
    "parse_audience",
    "redact",
    "redact_data",
    "redact_project",
    "refuse_unresolved",
    "rules_of",
    "scrub_diagnostics",
    "transform_for",
    "withheld_sections",
]


def redact(loaded: LoadedRecord, audience: str | Audience = DEFAULT_AUDIENCE) -> LoadedRecord:
    """A copy of the loaded record for one audience.

    public: data, answers and record without internal and confidential parts; the copy's
    `edition` lists what was left out (labelled by field names) and keeps the rules.
    internal: the same content, its `edition` listing the confidential parts present, for
    badges. The content hash stays the record's own (sign-offs refer to it).
    """
    aud = parse_audience(audience)
    rules = rules_of(loaded.data)
    if aud == Audience.INTERNAL:
        edition = Edition(aud, confidential=tuple(confidential_paths(loaded.data, rules)))
        return dataclasses.replace(loaded, diagnostics=list(loaded.diagnostics), edition=edition)
    red = redact_data(loaded.data, rules)
    clean, answers = split_answers(red.data)
    record = _public_record(loaded, clean, red)
    summary = loaded.check_summary
    return dataclasses.replace(
        loaded,
        data=red.data,
        doc=None,  # positions of the full file no longer match the data
        answers=answers,
        record=record,
        diagnostics=scrub_diagnostics(loaded.diagnostics, red),
        edition=Edition(aud, tuple(red.withheld), (), tuple(rules)),
        # None when it cannot be made safe: computed again from the copy
        check_summary=_scrub_summary(summary, red) if summary is not None else None,
    )


def _public_record(loaded: LoadedRecord, clean: Any, red: Redaction) -> Record | None:
    """The typed record of the redacted data. Never publish content that could not be
    redacted cleanly: then only the identity of the system (noted in `red.withheld`)."""
    if loaded.record is None:
        return None
    try:
        return Record.model_validate(clean)
    except ValidationError:
        red.withheld.append(
            Withheld((), "The record (could not be redacted field by field)", "internal")
        )
        return Record.model_validate({k: clean[k] for k in ALWAYS_PUBLIC if k in clean})


def _scrub_summary(summary: CheckSummary, red: Redaction) -> CheckSummary | None:
    """The checks' summary of the full record (tier and completeness stay true to the whole
    record) with tier reasons that quote withheld content replaced; None if it cannot be
    made safe (then it is computed again from the public record)."""
    texts = [t for t in red.withheld_text | red.withheld_ids if len(t) >= 4]

    def clean(reasons: Any) -> tuple[str, ...]:
        return tuple(
            "a reason based on content withheld from this edition"
            if any(t in r for t in texts)
            else r
            for r in reasons
        )

    try:
        tier = dataclasses.replace(
            summary.tier,
            internal_reasons=clean(summary.tier.internal_reasons),
            eu_reasons=clean(summary.tier.eu_reasons),
        )
        return dataclasses.replace(summary, tier=tier)
    except (AttributeError, TypeError):
        return None


def transform_for(loaded: LoadedRecord) -> Callable[[Any], Any] | None:
    """For a public copy made by `redact`, the function that redacts *another version* of the
    same record the same way (its own rules and the current ones), so diffs against older
    versions from git never show withheld content. None for internal records."""
    if loaded.edition.audience != Audience.PUBLIC:
        return None
    current = list(loaded.edition.visibility_rules)

    def public(data: Any) -> Any:
        return redact_data(data, [*current, *rules_of(data)]).data

    return public


def redact_project(project: Project, audience: str | Audience = DEFAULT_AUDIENCE) -> Project:
    """A copy of a loaded project for one audience (see `redact`); project-level diagnostics
    are kept as they are (they name files, not record content)."""
    aud = parse_audience(audience)
    return dataclasses.replace(project, records=[redact(r, aud) for r in project.records])


def withheld_sections(loaded: LoadedRecord) -> list[str]:
    """Labels of what a public record left out (empty for internal builds)."""
    return [w.label for w in loaded.edition.withheld]


# --- checking the rules themselves ------------------------------------------------------------


VISIBILITY_PATH = "AIG-VISIBILITY-PATH"


def check_visibility(loaded: LoadedRecord) -> list[Diagnostic]:
    """Visibility paths must name real fields: a typo would publish what was meant to stay
    internal, so it is an error."""
    diags: list[Diagnostic] = []
    for rule in rules_of(loaded.data):
        where = ("visibility", rule.level, rule.index)
        problem, hint = explain_path(rule.steps, loaded.data)
        if problem:
            line, col = loaded.find_position(where)
            diags.append(
                Diagnostic(
                    loaded.path,
                    line,
                    col,
                    VISIBILITY_PATH,
                    _("visibility path '{path}' {problem}").format(path=rule.path, problem=problem),
                    severity=Severity.ERROR,
                    hint=hint,
                    field=".".join(str(p) for p in where),
                    system=loaded.id,
                )
            )
    return diags


class UnresolvedVisibility(SetupError):
    """A public output refused: a visibility rule names no field, so what it was meant to
    withhold would be published. Exit 2 whatever --strict says; nothing is written."""

    def __init__(self, diagnostics: list[Diagnostic], what: str = "public edition") -> None:
        count = len(diagnostics)
        super().__init__(
            f"refusing to build the {what}: {count} visibility rule"
            f"{'s' if count != 1 else ''} name{'s' if count == 1 else ''} no field, so the "
            "content meant to be withheld would be published",
            diagnostics=diagnostics,
            hint="Fix the visibility paths above (`aigov check` lists them too); the internal "
            "edition (--audience internal) can still be built meanwhile.",
        )
        self.what = what

    def __reduce__(self) -> tuple[Any, ...]:  # raised in the page generator's child process
        return (type(self), (self.diagnostics, self.what))


def refuse_unresolved(records: list[LoadedRecord], what: str = "public edition") -> None:
    """Raise UnresolvedVisibility when any record's visibility rule does not resolve. Read
    from the records' own data, not from the checks, so no policy can switch it off."""
    diags = [d for loaded in records if loaded.data is not None for d in check_visibility(loaded)]
    if diags:
        raise UnresolvedVisibility(diags, what)
