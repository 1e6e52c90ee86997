"""The registers of every system's harms and controls."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aigov.i18n import gettext
from aigov.site.pages.core import TIERS, Pages, front_matter


def harms(pages: Pages) -> None:
    rows: list[dict[str, Any]] = []
    band_name = pages.inputs.band_name
    for view in pages.pf.systems:
        for harm in view.harms:
            band = (
                band_name(harm.severity, harm.likelihood)
                if harm.severity and harm.likelihood
                else None
            )
            residual = (
                band_name(harm.residual_severity, harm.residual_likelihood)
                if harm.residual_severity and harm.residual_likelihood
                else None
            )
            rows.append(
                {
                    "view": view,
                    "harm": harm,
                    "band": band,
                    "score": _score(harm.severity, harm.likelihood),
                    "residual_band": residual,
                    "residual_score": _score(harm.residual_severity, harm.residual_likelihood),
                    "controls": [{"id": c, "control": view.control(c)} for c in harm.mitigations],
                }
            )
    rows.sort(key=lambda r: (-(r["score"] or 0), r["view"].name.casefold(), r["harm"].id))
    inherent, residual = pages.heat_pair(
        pages.pf.heat_points(),
        pages.pf.heat_points(residual=True),
        gettext("Harms of every system by severity and likelihood before any control."),
    )
    pages.render(
        "registers/harms.md",
        "site/harms.md.j2",
        front_matter(gettext("Harms register"), search_exclude=True, hide=["navigation", "toc"]),
        rows=rows,
        systems_with_harms=sum(1 for s in pages.pf.systems if s.harms),
        heat_inherent=inherent,
        heat_residual=residual,
        bands=sorted({r["band"] for r in rows if r["band"]}, key=TIERS.index)
        if all(r["band"] in TIERS for r in rows if r["band"])
        else sorted({r["band"] for r in rows if r["band"]}),
        categories=sorted({r["harm"].category.value for r in rows if r["harm"].category}),
    )


def _score(severity: Any, likelihood: Any) -> int | None:
    return severity.score * likelihood.score if severity and likelihood else None


def controls(pages: Pages) -> None:
    status_order = {"planned": 0, "in_progress": 1, "implemented": 2, "verified": 3}
    rows: list[dict[str, Any]] = []
    for fn in ("govern", "map", "measure", "manage"):
        for view in pages.pf.systems:
            mitigates: dict[str, list[str]] = {}
            for harm in view.harms:
                for cid in harm.mitigations:
                    mitigates.setdefault(cid, []).append(harm.id)
            for f, ctl in view.controls:
                if f != fn:
                    continue
                rows.append(
                    {
                        "view": view,
                        "function": fn,
                        "control": ctl,
                        "status_order": status_order.get(ctl.status.value, -1)
                        if ctl.status
                        else -1,
                        "mitigates": mitigates.get(ctl.id, []),
                    }
                )
    counts = Counter(r["control"].status.value if r["control"].status else "unset" for r in rows)
    order = ["verified", "implemented", "in_progress", "planned", "unset"]
    pages.render(
        "registers/controls.md",
        "site/controls.md.j2",
        front_matter(gettext("Controls register"), search_exclude=True, hide=["navigation", "toc"]),
        rows=rows,
        systems_with_controls=sum(1 for s in pages.pf.systems if s.controls),
        status_counts=[(s, counts[s]) for s in order if counts.get(s)],
        functions=["GOVERN", "MAP", "MEASURE", "MANAGE"],
        statuses=["planned", "in_progress", "implemented", "verified"],
    )
