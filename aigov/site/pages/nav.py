"""The site's navigation: aigov's fixed sections, then the user's own pages."""

from __future__ import annotations

from typing import Any


def navigation(user_nav: list[Any] | None, user_pages: list[str]) -> list[Any]:
    """aigov's sections first, then the user's own nav (or their pages when they have none).

    Only fixed pages are listed, never one entry per system: the nav is rendered into every
    page, so its size must not grow with the portfolio.
    """
    nav: list[Any] = [
        {"Portfolio": "index.md"},
        {"Systems": [{"All systems": "systems/index.md"}, {"Tags": "tags.md"}]},
        {
            "Registers": [
                {"Harms": "registers/harms.md"},
                {"Controls": "registers/controls.md"},
                {"Sign-offs": "registers/sign-offs.md"},
                {"Components": "registers/components.md"},
                {"NIST AI RMF coverage": "registers/nist-ai-rmf.md"},
                {"NIST AI 600-1 actions": "registers/nist-ai-600-1.md"},
                {"EU AI Act": "registers/eu-ai-act.md"},
                {"EU AI Act obligations": "registers/eu-ai-act-obligations.md"},
                {"Portfolio facts": "registers/facts.md"},
            ]
        },
        {"Gaps": [{"By rule": "gaps/index.md"}, {"By system": "gaps/by-system.md"}]},
        {
            "Reference": [
                {"Rules": "reference/rules.md"},
                {"Record fields": "reference/fields.md"},
                {"About this site": "reference/about.md"},
            ]
        },
    ]
    if user_nav:
        nav.extend(user_nav)
    else:
        nav.extend(user_pages)
    return nav
