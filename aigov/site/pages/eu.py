"""The EU AI Act page: systems by risk tier, and what each lacks for the Act's rules."""

from __future__ import annotations

from typing import Any

from aigov.cards.values import Value
from aigov.diagnostics import Severity
from aigov.i18n import N_, gettext
from aigov.model import EUTier
from aigov.obligations.text import act
from aigov.project import LoadedRecord
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import SystemView

EU_TIERS = [e.value for e in EUTier]  # prohibited, high, limited, minimal
EU_TITLES = {
    "prohibited": N_("Prohibited practices (Art. 5)"),
    "high": N_("High-risk systems"),
    "limited": N_("Limited risk: transparency obligations (Art. 50)"),
    "minimal": N_("Minimal risk"),
    "unknown": N_("Not assessed"),
}


#: The facts the high-risk table shows per system: (key, dotted record path).
FACTS = (
    ("role", "impact_assessment.eu_ai_act.role"),
    ("oversight", "impact_assessment.human_oversight.mode"),
    ("contest", "impact_assessment.contestability.available"),
    ("fria", "impact_assessment.fundamental_rights_assessment"),
)


def record_value(loaded: LoadedRecord, path: str) -> Value:
    """A record field as it stands: its value, or the explicit answer that covers it (on the
    field or a parent: `unknown`, `{not_applicable: why}`), withheld from a public edition,
    or missing. Never a guess: `unknown` stays unknown, a reason stays with its answer."""
    steps = path.split(".")
    for end in range(1, len(steps) + 1):
        if any(w.field == ".".join(steps[:end]) for w in loaded.edition.withheld):
            return Value.gap("withheld")
    raw: Any = loaded.record
    for step in steps:
        raw = getattr(raw, step, None) if raw is not None else None
    if raw is not None and raw != "":
        return Value.of(raw)
    for end in range(len(steps), 0, -1):
        answer = loaded.answers.get(".".join(steps[:end]))
        if answer is not None:
            return Value.gap(answer.kind, answer.justification)
    return Value("missing")


def eu_ai_act(pages: Pages) -> None:
    eu_rules = {r.id for r in pages.inputs.rules if getattr(r, "eu_ai_act", ())}
    by: dict[str, list[SystemView]] = {t: [] for t in [*EU_TIERS, "unknown"]}
    for view in pages.pf.systems:
        by.setdefault(view.eu_tier.value if view.eu_tier else "unknown", []).append(view)
    lacking = {
        view.id: [
            d
            for d in view.findings
            if d.code in eu_rules and d.severity in (Severity.ERROR, Severity.WARNING)
        ]
        for view in pages.pf.systems
    }
    pages.render(
        "registers/eu-ai-act.md",
        "site/eu-ai-act.md.j2",
        front_matter(gettext("EU AI Act"), search_exclude=True),
        by_tier=[(t, by[t]) for t in by if by[t] or t != "unknown"],
        facts={
            view.id: {key: record_value(view.loaded, path) for key, path in FACTS}
            for view in pages.pf.systems
        },
        tier_titles=EU_TITLES,
        lacking=lacking,
        text=act().version,
    )
