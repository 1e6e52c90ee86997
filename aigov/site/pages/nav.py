"""The site's navigation: aigov's fixed sections, then the user's own pages."""

from __future__ import annotations

from typing import Any

from aigov.i18n import gettext as _


def navigation(user_nav: list[Any] | None, user_pages: list[str]) -> list[Any]:
    """aigov's sections first (their titles in the reader's language), then the user's own
    nav (or their pages when they have none).

    Only fixed pages are listed, never one entry per system: the nav is rendered into every
    page, so its size must not grow with the portfolio.
    """
    nav: list[Any] = [
        {_("Portfolio"): "index.md"},
        {_("Systems"): [{_("All systems"): "systems/index.md"}, {_("Tags"): "tags.md"}]},
        {
            _("Registers"): [
                {_("Harms"): "registers/harms.md"},
                {_("Controls"): "registers/controls.md"},
                {_("Sign-offs"): "registers/sign-offs.md"},
                {_("Components"): "registers/components.md"},
                {_("NIST AI RMF coverage"): "registers/nist-ai-rmf.md"},
                {_("NIST AI 600-1 actions"): "registers/nist-ai-600-1.md"},
                {_("EU AI Act"): "registers/eu-ai-act.md"},
                {_("EU AI Act obligations"): "registers/eu-ai-act-obligations.md"},
                {_("Portfolio facts"): "registers/facts.md"},
            ]
        },
        {_("Gaps"): [{_("By rule"): "gaps/index.md"}, {_("By system"): "gaps/by-system.md"}]},
        {
            _("Reference"): [
                {_("Rules"): "reference/rules.md"},
                {_("Record fields"): "reference/fields.md"},
                {_("About this site"): "reference/about.md"},
            ]
        },
    ]
    if user_nav:
        nav.extend(user_nav)
    else:
        nav.extend(user_pages)
    return nav
