"""The EU AI Act page: systems by risk tier, and what each lacks for the Act's rules."""

from __future__ import annotations

from aigov.diagnostics import Severity
from aigov.model import EUTier
from aigov.obligations.text import act
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import SystemView

EU_TIERS = [e.value for e in EUTier]  # prohibited, high, limited, minimal
EU_TITLES = {
    "prohibited": "Prohibited practices (Art. 5)",
    "high": "High-risk systems",
    "limited": "Limited risk: transparency obligations (Art. 50)",
    "minimal": "Minimal risk",
    "unknown": "Not assessed",
}


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
        front_matter("EU AI Act", search_exclude=True),
        by_tier=[(t, by[t]) for t in by if by[t] or t != "unknown"],
        tier_titles=EU_TITLES,
        lacking=lacking,
        text=act().version,
    )
