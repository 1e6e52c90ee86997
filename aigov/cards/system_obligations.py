"""The system card's "EU AI Act obligations" section: the organisation's role, the derived
tier, and each obligation that applies or will (article, applies from, status, where in the
record), from the `ObligationReport` the checks left (`aigov.obligations.engine`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aigov.fieldmodel.titles import label
from aigov.i18n import N_, _
from aigov.obligations.text import act

from .builder import CardBuilder
from .values import Section, Value, humanize

if TYPE_CHECKING:
    from .sections import SectionSpec

EU_PATH = "impact_assessment.eu_ai_act"
ROUTES = {"annex_iii": N_("Annex III (Art. 6(2))"), "annex_i": N_("Annex I (Art. 6(1))")}
ORDER = {"applicable": 0, "role_unknown": 1, "tier_undetermined": 2, "not_yet_applicable": 3}


def obligations_section(b: CardBuilder, spec: SectionSpec[CardBuilder]) -> Section:
    from .sections import open_section

    ia = b.record.impact_assessment
    report = b.checks.obligations
    state = b.state(EU_PATH, ia.eu_ai_act if ia else None)
    if state.given and report is None:
        state = Value("missing")
    sec = open_section(b, spec, state)
    version = act().version
    sec.parts["text"] = {
        "id": version.id,
        "title": version.short,
        "source": version.source,
        "celex": version.celex,
    }
    sec.parts["roles"] = []
    sec.parts["roles_text"] = ""
    sec.parts["roles_state"] = Value("missing")
    sec.parts["tier"] = ""
    sec.parts["route"] = ""
    sec.parts["role_notes"] = []
    sec.parts["obligations"] = []
    sec.parts["not_applicable"] = 0
    sec.parts["today"] = b.today.isoformat()
    if not sec.state.given or report is None:
        return sec
    role_withheld = b.withheld(f"{EU_PATH}.role")
    sec.parts["roles"] = [] if role_withheld else [humanize(r.value) for r in report.roles]
    sec.parts["roles_state"] = (
        Value.gap("withheld")
        if role_withheld
        else Value("given")
        if report.roles
        else Value.gap("unknown")
    )
    sec.parts["role_notes"] = [] if role_withheld else list(report.role_notes)
    sec.parts["tier"] = (
        humanize(report.tier.value)
        if report.tier
        else _("Undetermined (the Annex III area is not answered)")
        if report.tier_undetermined
        else _("Not assessed")
    )
    sec.parts["route"] = _(ROUTES[report.route]) if report.route in ROUTES else ""
    sec.parts["roles_text"] = (
        ", ".join(sec.parts["roles"]) if sec.parts["roles"] else _(sec.parts["roles_state"].label)
    )
    rows: list[dict[str, Any]] = []
    place = {o.id: n for n, o in enumerate(act().obligations)}
    for item in sorted(
        report.relevant,
        key=lambda i: (ORDER.get(i.applies, 4), i.applies_from, place[i.obligation.id]),
    ):
        evidence = []
        for e in item.evidence:
            st = "withheld" if b.withheld(e.path) else e.status
            evidence.append(
                {
                    "field": e.path,
                    "label": label(tuple(e.path.split("."))),
                    "state": st,
                    "state_label": humanize(st),
                    "justification": e.justification if st == "not_applicable" else "",
                }
            )
        status: str = item.status
        if any(e["state"] == "withheld" for e in evidence) and status in ("given", "missing"):
            status = "withheld"
        provision = act().provision(item.obligation.article)
        rows.append(
            {
                "id": item.obligation.id,
                "citation": item.citation,
                "article_title": _(provision.title) if provision else "",
                "title": _(item.obligation.title),
                "roles": [humanize(r.value) for r in item.obligation.roles],
                "applies": item.applies,
                "applies_from": item.applies_from.isoformat(),
                "within_horizon": item.within_horizon,
                "status": status,
                "status_label": humanize(status),
                "reason": item.reason,
                "evidence": evidence,
            }
        )
    sec.parts["obligations"] = rows
    sec.parts["not_applicable"] = len(report.items) - len(report.relevant)
    return sec
