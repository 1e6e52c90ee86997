"""Whether an obligation behind a document applies to this record, in words, from the
obligations engine's report (`aigov.obligations`): the one place the exports read it."""

from __future__ import annotations

from dataclasses import dataclass

from aigov.exports.common import text
from aigov.exports.inputs import ExportInputs
from aigov.i18n import N_, _, shown_date
from aigov.obligations.engine import ObligationStatus
from aigov.obligations.text import citation_of

#: what an obligation's status says, after its citation ("Art. 11 applies from 2 December
#: 2027 (…)."): whole sentences, the citation a placeholder
APPLIES_WORDS = {
    "applicable": N_("{citation} applies{why}."),
    "not_yet_applicable": N_("{citation} applies from {date}{why}."),
    "not_applicable": N_("{citation} does not apply{why}."),
    "role_unknown": N_(
        "{citation} cannot be decided until the role under the Act is recorded{why}."
    ),
    "tier_undetermined": N_(
        "{citation} cannot be decided until the system's EU AI Act risk tier is determined{why}."
    ),
}


@dataclass(frozen=True)
class Applicability:
    obligation_id: str
    citation: str
    applies: str  # the engine's applies value, or "not_assessed"
    applies_from: str
    reason: str
    evidence_status: str = ""

    @property
    def relevant(self) -> bool:
        """Applies now, later, or waits for the role."""
        return self.applies in ("applicable", "not_yet_applicable", "role_unknown")

    @property
    def sentence(self) -> str:
        if self.applies == "not_assessed":
            return _(
                "{citation}: not assessed (the record has no EU AI Act classification)."
            ).format(citation=self.citation)
        why = f" ({self.reason})" if self.reason else ""
        return _(APPLIES_WORDS[self.applies]).format(
            citation=self.citation, date=shown_date(self.applies_from), why=why
        )


def obligation(inputs: ExportInputs, ident: str) -> ObligationStatus | None:
    report = inputs.obligations
    if report is None:
        return None
    return next((i for i in report.items if i.obligation.id == ident), None)


def applicability(inputs: ExportInputs, ident: str) -> Applicability:
    found = obligation(inputs, ident)
    if found is None:
        return Applicability(ident, citation_of(ident), "not_assessed", "", "")
    return Applicability(
        ident,
        found.citation,
        found.applies,
        found.applies_from.isoformat(),
        found.reason,
        found.evidence_status,
    )


def classification_rows(inputs: ExportInputs) -> list[tuple[str, str]]:
    """The facts the obligations turn on: tier, route, roles, as (label, text)."""
    out: list[tuple[str, str]] = []
    tier = inputs.summary.tier if inputs.summary is not None else None
    report = inputs.obligations
    if tier is not None:
        out.append(("EU AI Act tier (derived by aigov)", text(tier.eu) or _("undetermined")))
        if tier.eu_reasons:
            out.append(("Why", "; ".join(tier.eu_reasons)))
    if report is not None:
        out.append(("Roles under the Act", text(list(report.roles)) or _("not recorded")))
        if report.role_notes:
            out.append(("Role notes", "; ".join(report.role_notes)))
        route = {"annex_iii": N_("Annex III (Art. 6(2))"), "annex_i": N_("Annex I (Art. 6(1))")}
        out.append(("High-risk route", _(route.get(report.route or "", N_("none")))))
        out.append(("Act version", _(report.text_short)))
        out.append(("Judged on", report.today.isoformat()))
    return out
