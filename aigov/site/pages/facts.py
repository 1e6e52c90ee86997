"""The facts page: for each fact an auditor asks about (sensitive data categories, special
category, biometric and children's data, personal data, human oversight, EU AI Act tier), the
systems that declare it, or a line saying that no system does. In the search index, so a
search for "biometric" finds the answer even when it is "none"."""

from __future__ import annotations

from aigov.i18n import gettext
from aigov.site.facts import fact_groups
from aigov.site.pages.core import Pages, front_matter

FACTS_PAGE = "registers/facts.md"


def facts_page(pages: Pages) -> None:
    pages.render(
        FACTS_PAGE,
        "site/facts.md.j2",
        front_matter(gettext("Portfolio facts"), boost=3, hide=["navigation"]),
        groups=fact_groups(pages.pf.systems),
        systems=pages.pf.systems,
        invalid=pages.pf.invalid,
    )
