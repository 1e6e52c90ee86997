"""The portfolio home page, the table of all systems and the tags page."""

from __future__ import annotations

from collections import Counter

from aigov.checks.coverage import in_place
from aigov.i18n import gettext
from aigov.model import ControlStatus, EUTier, Stage
from aigov.site.facts import filter_options, system_facts
from aigov.site.pages.core import TIERS, Pages, front_matter
from aigov.site.pages.exports import inventory, soa
from aigov.site.pages.signoffs import signoff_counts

HOME_LIMIT = 20  # rows per "needs attention" table on the home page
STAGES = [s.value for s in Stage]


def _present(order: list[str], counts: Counter[str]) -> list[str]:
    """`order`, then any value the records use that it does not know, sorted."""
    extra = sorted(k for k in counts if k not in order)
    return [*order, *extra] if extra else list(order)


def home(pages: Pages) -> None:
    pf = pages.pf
    inherent, residual = pages.heat_pair(
        pf.heat_points(),
        pf.heat_points(residual=True),
        gettext("Harms of every system by severity and likelihood before any control."),
    )
    rated = len(pf.heat_points())
    total_harms = sum(len(s.harms) for s in pf.systems)
    least = sorted(
        (s for s in pf.systems if s.completeness is not None),
        key=lambda s: (s.completeness, s.id),
    )[:12]
    claims = [
        (view, ctl)
        for view in pf.systems
        for _, ctl in view.controls
        if in_place(ctl) and not ctl.evidence
    ]
    pages.render(
        "index.md",
        "site/home.md.j2",
        front_matter(gettext("Portfolio"), search_exclude=True, hide=["toc"]),
        systems=pf.systems,
        invalid=pf.invalid,
        kept=pf.kept,
        with_errors=pf.with_errors,
        overdue=pf.overdue,
        stale=pf.stale,
        eu_high=[s for s in pf.systems if s.eu_tier in (EUTier.HIGH, EUTier.PROHIBITED)],
        mean_completeness=pf.mean_completeness,
        tiers=list(reversed(_present(TIERS, pf.tier_counts))),  # critical on top
        stages=_present(STAGES, pf.stage_counts),
        grid={k: v for k, v in pf.tier_by_stage().items()},
        tier_counts=pf.tier_counts,
        stage_counts=pf.stage_counts,
        heat_inherent=inherent,
        heat_residual=residual,
        unrated=total_harms - rated,
        least_complete=least,
        limit=HOME_LIMIT,
        today=pf.today,
        verified_unevidenced=[c for c in claims if c[1].status == ControlStatus.VERIFIED],
        implemented_unevidenced=[c for c in claims if c[1].status == ControlStatus.IMPLEMENTED],
        **signoff_counts(pf),  # unbound and unverifiable approvals (aigov.site.pages.signoffs)
        **inventory(pages),  # the inventory downloads (aigov.site.pages.exports)
        **soa(pages),  # the ISO/IEC 42001 Statement of Applicability (aigov.site.pages.exports)
    )


def systems_index(pages: Pages) -> None:
    pf = pages.pf
    teams = sorted({s.owner_team for s in pf.systems if s.owner_team}, key=str.casefold)
    pages.render(
        "systems/index.md",
        "site/systems.md.j2",
        front_matter(gettext("All systems"), search_exclude=True, hide=["navigation", "toc"]),
        systems=pf.systems,
        invalid=pf.invalid,
        tiers=[t for t in _present(TIERS, pf.tier_counts) if pf.tier_counts.get(t)],
        stages=[s for s in _present(STAGES, pf.stage_counts) if pf.stage_counts.get(s)],
        teams=teams,
        eu_order={e.value: i for i, e in enumerate(EUTier)}
        | {"minimal": 0, "limited": 1, "high": 2, "prohibited": 3},
        facts={s.id: system_facts(s) for s in pf.systems},
        options=filter_options(pf.systems),
    )


def tags_page(pages: Pages) -> None:
    pages.render("tags.md", "site/tags.md.j2", front_matter(gettext("Tags"), search_exclude=True))
