"""The sign-off register: per system, the roles its tier and stage require that have never
signed, and the approvals that cannot be relied on (unbound: no content hash; unverifiable:
git history cannot confirm the reviewer made them; invalid: edited after they were made).

`signoff_counts(pf)` gives the home page its two numbers; `signoffs_page(pages)` renders
`registers/sign-offs.md`."""

from __future__ import annotations

from typing import Any

from aigov.checks.policy import DEFAULT_POLICY
from aigov.i18n import gettext
from aigov.model import ReviewDecision
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import Portfolio, SystemView

PAGE = "registers/sign-offs.md"
APPROVALS = (ReviewDecision.APPROVED, ReviewDecision.APPROVED_WITH_CONDITIONS)


def _approvals(view: SystemView, status: str) -> list[Any]:
    """The system's effective approvals in this state (superseded ones are history)."""
    return [
        s
        for s in view.signoffs
        if s.effective and s.status.value == status and s.signoff.decision in APPROVALS
    ]


def never_signed(view: SystemView) -> list[str]:
    """The roles the system's tier and stage require that have no sign-off at all."""
    if view.internal_tier is None or view.stage is None:
        return []
    policy = view.policy or DEFAULT_POLICY
    signed = {s.signoff.role.value for s in view.signoffs}
    return [
        r.value
        for r in policy.required_roles(view.internal_tier, view.stage)
        if r.value not in signed
    ]


def signoff_counts(pf: Portfolio) -> dict[str, Any]:
    """The home page's counts: approvals not bound to content, approvals nobody can verify."""
    return {
        "unbound_approvals": sum(len(_approvals(v, "unbound")) for v in pf.systems),
        "unverifiable_approvals": sum(
            len(_approvals(v, "unverified")) + len(_approvals(v, "invalid")) for v in pf.systems
        ),
        "signoffs_page": PAGE,
    }


def signoffs_page(pages: Pages) -> None:
    rows = []
    for view in pages.pf.systems:
        rows.append(
            {
                "view": view,
                "never": never_signed(view),
                "unbound": _approvals(view, "unbound"),
                "unverifiable": _approvals(view, "unverified") + _approvals(view, "invalid"),
                "stale": view.stale_signoffs,
            }
        )
    pages.render(
        PAGE,
        "site/signoffs.md.j2",
        front_matter(gettext("Sign-off register"), search_exclude=True, hide=["navigation", "toc"]),
        rows=rows,
        missing=[r for r in rows if r["never"]],
        **signoff_counts(pages.pf),
    )
