"""The NIST AI RMF coverage matrix, its drill-down and its gaps.

- `registers/nist-ai-rmf.md`: the matrix. A subcategory is covered only by a control that is
  implemented or verified; planned ones are shown apart and cover nothing. Every non-empty
  cell is a link, with an accessible name, to that subcategory's controls.
- `registers/nist-ai-rmf-controls.md`: per subcategory, every control that names it: system,
  control, status and evidence.
- `registers/nist-ai-rmf-uncovered.csv`: the subcategories no control covers, as a download
  (the matrix page lists them too).
- `registers/nist-ai-600-1.md`: the action-level view of NIST AI 600-1 (the Generative AI
  Profile): for each system, the suggested actions for the 600-1 risks its harms are tagged
  with, which controls carry each out, and the gaps; filtered by system, risk and state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aigov.catalog import Subcategory, nist
from aigov.checks.coverage import SubcategoryCoverage, nist_coverage
from aigov.citations import relative_link
from aigov.genai import GenAIProfileReport, is_generative, profile_report
from aigov.i18n import gettext, ngettext
from aigov.model import Control
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import SystemView
from aigov.textsafety import csv_text

MATRIX_PAGE = "registers/nist-ai-rmf.md"
DETAIL_PAGE = "registers/nist-ai-rmf-controls.md"
UNCOVERED_CSV = "registers/nist-ai-rmf-uncovered.csv"
GENAI_PAGE = "registers/nist-ai-600-1.md"


@dataclass(frozen=True)
class Column:
    """One column of the matrix: a system, or the organisation (whose controls hold for
    every system)."""

    key: str
    name: str
    page: str | None  # the page it links to
    coverage: dict[str, SubcategoryCoverage]
    organisation: bool = False


@dataclass
class Row:
    """One subcategory across the portfolio."""

    sub: Subcategory
    cells: dict[str, SubcategoryCoverage] = field(default_factory=dict)  # column key → coverage

    @property
    def covered_by(self) -> list[str]:
        return [k for k, c in self.cells.items() if c.covered]

    @property
    def planned_by(self) -> list[str]:
        return [k for k, c in self.cells.items() if not c.covered and c.planned]

    @property
    def state(self) -> str:
        """ "covered", "planned" (only planned controls) or "gap" (no control at all)."""
        if self.covered_by:
            return "covered"
        return "planned" if self.planned_by else "gap"


ORGANISATION_KEY = "organisation-wide"


def organisation_column(loaded: Any) -> Column | None:
    """The organisation record's controls as the matrix's first column (None without one, or
    when it did not validate)."""
    if loaded is None or loaded.organisation is None:
        return None
    org = loaded.organisation
    return Column(
        ORGANISATION_KEY,
        gettext("Organisation-wide"),
        None,
        nist_coverage(org.controls),
        organisation=True,
    )


def system_column(view: SystemView) -> Column:
    return Column(view.id, view.name, view.page, nist_coverage(c for _, c in view.controls))


def matrix_rows(columns: list[Column]) -> list[Row]:
    """Every NIST subcategory, in catalogue order, with each column's coverage of it."""
    rows = []
    for sub in nist().subcategories:
        row = Row(sub)
        for col in columns:
            if sub.id in col.coverage:
                row.cells[col.key] = col.coverage[sub.id]
        rows.append(row)
    return rows


def cell_label(col: Column, row: Row) -> str:
    """The accessible name of a cell's link: who, which subcategory, what is in place."""
    cov = row.cells[col.key]
    parts = []
    if cov.in_place:
        n = len(cov.in_place)
        parts.append(
            ngettext(
                "{count} control implemented or verified",
                "{count} controls implemented or verified",
                n,
            ).format(count=n)
        )
    if cov.planned:
        n = len(cov.planned)
        parts.append(
            ngettext(
                "{count} control only planned or in progress",
                "{count} controls only planned or in progress",
                n,
            ).format(count=n)
        )
    return f"{row.sub.id}, {col.name}: " + ", ".join(parts)


def inherited_label(col: Column, row: Row) -> str:
    """The accessible name of a system's cell that the organisation's controls cover."""
    return gettext("{subcategory}, {column}: covered by organisation-wide controls").format(
        subcategory=row.sub.id, column=col.name
    )


def nist_matrix(pages: Pages) -> None:
    """The matrix, its drill-down page and the uncovered subcategories' CSV. The organisation's
    controls, when there is an organisation record, come first: they count for every system."""
    catalog = nist()
    known = catalog.ids()
    org = organisation_column(pages.inputs.organisation)
    columns = [*([org] if org else []), *(system_column(v) for v in pages.pf.systems)]
    rows = matrix_rows(columns)
    by_id = {r.sub.id: r for r in rows}
    unknown_refs: list[tuple[Column, Control, str]] = [
        (col, ctl, sub)
        for col in columns
        for sub, cov in col.coverage.items()
        if sub not in known
        for ctl in (*cov.in_place, *cov.planned)
    ]
    functions = []
    for fn in catalog.functions:
        subs = [by_id[s.id] for s in catalog.by_function(fn["id"])]
        functions.append(
            {
                "id": fn["id"],
                "summary": fn.get("summary", ""),
                "rows": subs,
                "total": len(subs),
                "covered": sum(1 for r in subs if r.state == "covered"),
                "planned": sum(1 for r in subs if r.state == "planned"),
            }
        )
    uncovered = [r for r in rows if r.state != "covered"]
    names = {c.key: c.name for c in columns}
    pages.add(UNCOVERED_CSV, uncovered_csv(uncovered, names))
    pages.render(
        MATRIX_PAGE,
        "site/nist.md.j2",
        front_matter(
            gettext("NIST AI RMF coverage"), search_exclude=True, hide=["navigation", "toc"]
        ),
        columns=columns,
        functions=functions,
        rows=rows,
        uncovered=uncovered,
        names=names,
        cell_label=cell_label,
        inherited_label=inherited_label,
        org_key=org.key if org else None,
        detail_page=DETAIL_PAGE,
        csv_file=UNCOVERED_CSV,
        unknown_refs=unknown_refs,
        subcategories=catalog.subcategories,
        genai_page=GENAI_PAGE,
    )
    pages.render(
        DETAIL_PAGE,
        "site/nist-controls.md.j2",
        front_matter(gettext("NIST AI RMF: controls by subcategory"), search_exclude=True),
        columns=columns,
        rows=[r for r in rows if r.cells],
        matrix_page=MATRIX_PAGE,
        evidence_file=lambda ev: evidence_file(ev, pages.inputs.linked_files),
    )


@dataclass(frozen=True)
class ActionLine:
    """One suggested action for one system: the system's risks it addresses, its controls."""

    view: SystemView
    report: GenAIProfileReport
    action_id: str
    subcategory: str
    text: str
    risks: tuple[str, ...]  # the system's risks this action lists
    controls: tuple[Any, ...]  # aigov.genai.ActionControl
    state: str  # in_place, planned, gap


def genai_lines(
    views: list[SystemView], organisation_controls: list[Control]
) -> tuple[list[tuple[SystemView, GenAIProfileReport]], list[ActionLine]]:
    """The systems the profile concerns (generative, or with a harm tagged with a 600-1
    risk) with their reports, and one line per (system, suggested action for its risks)."""
    reports = [
        (v, profile_report(v.record, organisation_controls))
        for v in views
        if is_generative(v.record) or any(h.gai_risks for h in _harms(v))
    ]
    lines = []
    for view, report in reports:
        rows: dict[str, tuple[Any, list[str]]] = {}
        for section in report.risks:
            for row in section.actions:
                rows.setdefault(row.action.id, (row, []))[1].append(section.risk.id)
        for ident in report.action_ids():
            row, risks = rows[ident]
            lines.append(
                ActionLine(
                    view,
                    report,
                    ident,
                    row.action.subcategory,
                    row.action.text,
                    tuple(risks),
                    row.controls,
                    row.state,
                )
            )
    return reports, lines


def _harms(view: SystemView) -> list[Any]:
    ia = view.record.impact_assessment
    return list(ia.harms) if ia else []


def genai_page(pages: Pages) -> None:
    """The action-level view of NIST AI 600-1 over the portfolio."""
    from aigov.catalog import genai_profile

    org = pages.inputs.organisation
    org_controls = list(org.organisation.controls) if org and org.organisation else []
    reports, lines = genai_lines(list(pages.pf.systems), org_controls)
    profile = genai_profile()
    pages.render(
        GENAI_PAGE,
        "site/nist-genai.md.j2",
        front_matter(
            gettext("NIST AI 600-1: actions by system"), search_exclude=True, hide=["toc"]
        ),
        reports=reports,
        lines=lines,
        risks=profile.risks,
        risk_titles={r.id: r.title for r in profile.risks},
        profile=profile,
        matrix_page=MATRIX_PAGE,
    )


def evidence_file(evidence: Any, linked: dict[str, bytes]) -> str | None:
    """The site path of a control's evidence file when the site holds a copy, else None
    (a URL, a missing file, or one kept out of the site)."""
    text = relative_link(evidence.path) if evidence.path else None
    if text is None:
        return None
    rel = "/".join(p for p in text.split("/") if p not in ("", "."))
    return rel if rel in linked else None


def uncovered_csv(rows: list[Row], names: dict[str, str]) -> str:
    """The subcategories no implemented or verified control covers, one line each."""
    out: list[list[Any]] = [["subcategory", "function", "outcome", "state", "planned_in"]]
    for r in rows:
        out.append(
            [
                r.sub.id,
                r.sub.function,
                r.sub.text,
                "planned only" if r.state == "planned" else "no control",
                "; ".join(names[k] for k in r.planned_by),
            ]
        )
    return csv_text(out)
