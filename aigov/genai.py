"""One system against the NIST AI 600-1 Generative AI Profile.

The system's GAI risks are the 600-1 risks its harms are tagged with (`gai_risks`). For each,
the profile's suggested actions that list the risk, and for each action the controls (of the
record and of `organisation.yaml`) that name it in `nist_600_1`. An action nothing carries
out is a gap of the profile — 600-1's actions are suggestions, so a gap is a question for the
system's owner, not a failed rule. Controls that cite actions for risks the system's harms do
not name are listed too (the harm may lack its tag).

Pure: a record in, a typed value out; the export and the site's NIST page read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aigov.catalog import GaiAction, GaiRisk, genai_profile
from aigov.model import Control, Record
from aigov.model.vocab import AIHelp

IN_PLACE = frozenset({"implemented", "verified"})


@dataclass(frozen=True)
class ActionControl:
    control_id: str
    title: str
    status: str  # "" when the record does not say
    organisation: bool  # an organisation-wide control

    @property
    def in_place(self) -> bool:
        return self.status in IN_PLACE


@dataclass(frozen=True)
class ActionRow:
    action: GaiAction
    controls: tuple[ActionControl, ...]

    @property
    def state(self) -> str:
        if not self.controls:
            return "gap"
        return "in_place" if any(c.in_place for c in self.controls) else "planned"


@dataclass(frozen=True)
class RiskSection:
    risk: GaiRisk
    harms: tuple[str, ...]  # ids of the harms tagged with it
    actions: tuple[ActionRow, ...]

    def gaps(self) -> list[ActionRow]:
        return [a for a in self.actions if a.state == "gap"]


@dataclass(frozen=True)
class GenAIProfileReport:
    system_id: str
    system_name: str
    generative: bool  # the record says its AI help includes `generate`
    risks: tuple[RiskSection, ...]
    untagged_harms: tuple[str, ...]  # harms of a generative system with no 600-1 risk
    outside: tuple[ActionRow, ...]  # actions cited by controls for risks not tagged

    def action_ids(self) -> list[str]:
        """Every action in the report, once, in the profile's order."""
        seen = {a.action.id for s in self.risks for a in s.actions}
        return [a.id for a in genai_profile().actions if a.id in seen]

    def counts(self) -> dict[str, int]:
        rows = {a.action.id: a for s in self.risks for a in s.actions}.values()
        out = {"actions": len(rows), "in_place": 0, "planned": 0, "gap": 0}
        for row in rows:
            out[row.state] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        profile = genai_profile()
        return {
            "profile": profile.citation(),
            "system": self.system_id,
            "generative": self.generative,
            "counts": self.counts(),
            "risks": [
                {
                    "id": s.risk.id,
                    "title": s.risk.title,
                    "harms": list(s.harms),
                    "actions": [_action_dict(a) for a in s.actions],
                }
                for s in self.risks
            ],
            "untagged_harms": list(self.untagged_harms),
            "outside_risks": [_action_dict(a) for a in self.outside],
        }


def _action_dict(row: ActionRow) -> dict[str, Any]:
    return {
        "id": row.action.id,
        "subcategory": row.action.subcategory,
        "risks": list(row.action.risks),
        "text": row.action.text,
        "state": row.state,
        "controls": [
            {
                "id": c.control_id,
                "title": c.title,
                "status": c.status or None,
                "organisation": c.organisation,
            }
            for c in row.controls
        ],
    }


def _by_action(rec: Record, org: Sequence[Control]) -> dict[str, list[ActionControl]]:
    found: dict[str, list[ActionControl]] = {}
    own = [c for _, c in rec.controls.all()] if rec.controls else []
    for ctl, is_org in [(c, True) for c in org] + [(c, False) for c in own]:
        status = ctl.status.value if ctl.status is not None else ""
        for ident in dict.fromkeys(ctl.nist_600_1):
            found.setdefault(ident, []).append(ActionControl(ctl.id, ctl.title, status, is_org))
    return found


def system_risks(rec: Record) -> dict[str, list[str]]:
    """600-1 risk id → the ids of the harms tagged with it, in the profile's risk order."""
    harms = rec.impact_assessment.harms if rec.impact_assessment else []
    order = [r.id for r in genai_profile().risks]
    tagged: dict[str, list[str]] = {}
    for harm in harms:
        for risk in harm.gai_risks:
            tagged.setdefault(risk, []).append(harm.id)
    return {r: tagged[r] for r in order if r in tagged}


def is_generative(rec: Record) -> bool:
    return bool(rec.use_case and AIHelp.GENERATE in rec.use_case.ai_help)


def profile_report(
    rec: Record, organisation_controls: Sequence[Control] = ()
) -> GenAIProfileReport:
    profile = genai_profile()
    risks = system_risks(rec)
    by_action = _by_action(rec, organisation_controls)
    sections = []
    for risk_id, harm_ids in risks.items():
        risk = profile.risk(risk_id)
        if risk is None:  # validation refuses unknown risks; a record that skipped it
            continue
        rows = tuple(
            ActionRow(a, tuple(by_action.get(a.id, ())))
            for a in profile.actions
            if risk_id in a.risks
        )
        sections.append(RiskSection(risk, tuple(harm_ids), rows))
    covered = {a.action.id for s in sections for a in s.actions}
    outside = tuple(
        ActionRow(a, tuple(by_action[a.id]))
        for a in profile.actions
        if a.id in by_action and a.id not in covered
    )
    generative = is_generative(rec)
    harms = rec.impact_assessment.harms if rec.impact_assessment else []
    untagged = tuple(h.id for h in harms if not h.gai_risks) if generative else ()
    return GenAIProfileReport(rec.id, rec.name, generative, tuple(sections), untagged, outside)
