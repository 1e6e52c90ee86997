"""The gaps pages: every open finding, grouped by rule and by system."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aigov.diagnostics import Diagnostic, Severity
from aigov.i18n import N_, gettext
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import InvalidRecord, SystemView
from aigov.site.render import anchor_id

CODE_TITLES = {
    "AIG-YAML": N_("The file is not valid YAML"),
    "AIG-SCHEMA": N_("The record does not match the schema"),
    "AIG-REF": N_("A reference inside the record points nowhere"),
    "AIG-ID": N_("Record id problem"),
    "AIG-IO": N_("The file cannot be read"),
    "AIG-TEXT": N_("Record text that displays differently from what it says"),
}


def gaps(pages: Pages) -> None:
    rules = {r.id: r for r in pages.inputs.rules}
    findings = pages.pf.findings
    by_code: dict[str, list[tuple[Any, Diagnostic]]] = {}
    for who, d in findings:
        by_code.setdefault(d.code, []).append((who, d))
    groups: list[dict[str, Any]] = []
    for code, items in by_code.items():
        rule = rules.get(code)
        worst = max(d.severity.rank for _, d in items)
        groups.append(
            {
                "code": code,
                "rule": rule,
                "title": rule.title if rule else gettext(_code_title(code)),
                "severity": next(s.value for s in Severity if s.rank == worst),
                "systems": len({id(w) for w, _ in items}),
                "findings": sorted(items, key=lambda t: (_who_name(t[0]).casefold(), t[1])),
                "rank": worst,
            }
        )
    groups.sort(key=lambda g: (-g["rank"], -len(g["findings"]), g["code"]))
    counts = Counter(d.severity for _, d in findings)
    common = {
        "total": len(findings),
        "errors": counts.get(Severity.ERROR, 0),
        "warnings": counts.get(Severity.WARNING, 0),
        "affected": len({id(w) for w, _ in findings}),
    }
    pages.render(
        "gaps/index.md",
        "site/gaps-by-rule.md.j2",
        front_matter(gettext("Gaps by rule"), search_exclude=True, hide=["toc"]),
        groups=groups,
        **common,
    )
    per_system = []
    for view in pages.pf.systems:
        if view.findings:
            per_system.append(_gap_group(view.findings, view=view))
    for bad in pages.pf.invalid:
        per_system.append(_gap_group(bad.diagnostics, path=bad.path))
    per_system.sort(key=lambda g: (-g["errors"], -g["warnings"], g["name"].casefold()))
    pages.render(
        "gaps/by-system.md",
        "site/gaps-by-system.md.j2",
        front_matter(gettext("Gaps by system"), search_exclude=True, hide=["toc"]),
        groups=per_system,
        **common,
    )


def _gap_group(
    diags: list[Diagnostic], *, view: SystemView | None = None, path: str = ""
) -> dict[str, Any]:
    counts = Counter(d.severity for d in diags)
    return {
        "view": view,
        "path": path,
        "name": view.name if view else path,
        "anchor": anchor_id(view.id if view else path),
        "findings": sorted(diags, key=lambda d: (-d.severity.rank, d.code, d.line, d.column)),
        "errors": counts.get(Severity.ERROR, 0),
        "warnings": counts.get(Severity.WARNING, 0),
        "infos": counts.get(Severity.INFO, 0),
    }


def _who_name(who: SystemView | InvalidRecord) -> str:
    return who.name if isinstance(who, SystemView) else who.path


def _code_title(code: str) -> str:
    for prefix, title in CODE_TITLES.items():
        if code.startswith(prefix):
            return title
    return N_("Other finding")
