"""The EU AI Act obligations register across the portfolio (filter by role, article, status and
date) and the timeline of the application dates still to come, from the `ObligationReport`
each record's check left (`aigov.obligations`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aigov.checks.summary import CheckSummary
from aigov.i18n import gettext
from aigov.obligations.engine import ObligationReport
from aigov.obligations.text import act, citation_of
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import SystemView

PAGE = "registers/eu-ai-act-obligations.md"
STATUSES = (
    "missing",
    "unknown",
    "prohibited",
    "given",
    "not_yet_applicable",
    "role_unknown",
    "tier_undetermined",
)


def report_of(view: SystemView) -> ObligationReport | None:
    summary = view.loaded.check_summary
    return summary.obligations if isinstance(summary, CheckSummary) else None


def _withheld(view: SystemView) -> list[str]:
    return [w.field for w in view.loaded.edition.withheld if w.field]


def rows_of(view: SystemView) -> list[dict[str, Any]]:
    """One row per obligation that applies, will apply, or waits for the role."""
    report = report_of(view)
    if report is None:
        return []
    hidden = _withheld(view)
    role_hidden = any(
        h == "impact_assessment.eu_ai_act.role"
        or "impact_assessment.eu_ai_act.role".startswith(h + ".")
        for h in hidden
    )
    roles = [] if role_hidden else [r.value for r in report.roles]
    out = []
    for item in report.relevant:
        evidence = []
        for e in item.evidence:
            gone = any(e.path == h or e.path.startswith(h + ".") for h in hidden)
            evidence.append({"field": e.path, "state": "withheld" if gone else e.status})
        status: str = item.status
        if status in ("given", "missing") and any(e["state"] == "withheld" for e in evidence):
            status = "withheld"
        addressed = [r.value for r in item.obligation.roles if r.value in roles]
        out.append(
            {
                "view": view,
                "id": item.obligation.id,
                "article": item.obligation.article,
                "citation": item.citation,
                "title": item.obligation.title,
                "role": addressed[0] if addressed else "unknown",
                "roles": addressed,
                "applies_from": item.applies_from.isoformat(),
                "date_citation": citation_of(item.date_article),
                "status": status,
                "soon": item.within_horizon,
                "evidence": evidence,
            }
        )
    return out


def timeline(rows: list[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """The Act's application dates from `today` on, each with the portfolio's obligations and
    systems that start then."""
    out = []
    for d in act().upcoming_dates():
        if d.date < today:
            continue
        starting = [r for r in rows if r["applies_from"] == d.date.isoformat()]
        out.append(
            {
                "date": d.date.isoformat(),
                "citation": citation_of(d.article),
                "what": d.what,
                "days": (d.date - today).days,
                "obligations": len(starting),
                "systems": sorted({r["view"].name for r in starting}, key=str.casefold),
            }
        )
    return out


def obligations_register(pages: Pages) -> None:
    rows = [r for view in pages.pf.systems for r in rows_of(view)]
    rows.sort(key=lambda r: (r["applies_from"], r["view"].name.casefold(), r["id"]))
    today = pages.inputs.stamp.today
    version = act().version
    pages.render(
        PAGE,
        "site/eu-ai-act-obligations.md.j2",
        front_matter(
            gettext("EU AI Act obligations"), search_exclude=True, hide=["navigation", "toc"]
        ),
        rows=rows,
        text=version,
        today=today.isoformat(),
        timeline=timeline(rows, today),
        roles=sorted({r["role"] for r in rows}),
        articles=sorted({(r["article"], r["citation"]) for r in rows}, key=lambda a: _order(a[0])),
        statuses=[s for s in (*STATUSES, "withheld") if any(r["status"] == s for r in rows)],
        dates=sorted({r["applies_from"] for r in rows}),
        counts={s: sum(1 for r in rows if r["status"] == s) for s in (*STATUSES, "withheld")},
    )


def _order(article: str) -> tuple[tuple[int, str], ...]:
    """`art-26-2` before `art-26-11`; annexes after articles."""
    kind, *rest = article.split("-")
    return (
        (0 if kind == "art" else 1, ""),
        *((int(p), "") if p.isdigit() else (0, p) for p in rest),
    )
