"""The NIST AI RMF coverage matrix: which system's controls cover which subcategory."""

from __future__ import annotations

from typing import Any

from aigov.catalog import nist
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import SystemView


def nist_matrix(pages: Pages) -> None:
    catalog = nist()
    known = catalog.ids()
    coverage: dict[str, list[str]] = {s.id: [] for s in catalog.subcategories}
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    unknown_refs: list[tuple[SystemView, Any, str]] = []
    for view in pages.pf.systems:
        mine: dict[str, dict[str, Any]] = {}
        for sub, ctls in sorted(view.nist_coverage.items()):
            if sub not in known:
                unknown_refs.extend((view, c, sub) for c in ctls)
                continue
            coverage[sub].append(view.id)
            done = any(c.status and c.status.value in ("implemented", "verified") for c in ctls)
            mine[sub] = {
                "count": len(ctls),
                "state": "done" if done else "partial",
                "titles": "; ".join(
                    f"{c.title} ({c.status.value if c.status else 'status not set'})" for c in ctls
                ),
            }
        cells[view.id] = mine
    functions = []
    for fn in catalog.functions:
        subs = catalog.by_function(fn["id"])
        functions.append(
            {
                "id": fn["id"],
                "summary": fn.get("summary", ""),
                "subcategories": subs,
                "total": len(subs),
                "covered": sum(1 for s in subs if coverage[s.id]),
            }
        )
    pages.render(
        "registers/nist-ai-rmf.md",
        "site/nist.md.j2",
        front_matter("NIST AI RMF coverage", search_exclude=True, hide=["navigation", "toc"]),
        systems=pages.pf.systems,
        subcategories=catalog.subcategories,
        functions=functions,
        coverage=coverage,
        cells=cells,
        gaps={s for s, who in coverage.items() if not who},
        unknown_refs=unknown_refs,
    )
