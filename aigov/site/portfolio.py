"""The portfolio as the site shows it: one view per system and the numbers across systems.

Everything here is computed once per build from the loaded project (records, findings, tiers,
completeness, sign-off states) so the page templates only lay things out. Nothing here prints,
reads the clock (today is passed in) or touches the network.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aigov.checks.facts import result_series
from aigov.diagnostics import Diagnostic, Severity
from aigov.i18n import N_, gettext
from aigov.model import (
    AnnexIIIArea,
    Control,
    Direction,
    EUTier,
    Harm,
    Likelihood,
    Record,
    RiskTier,
    Stage,
)
from aigov.model import (
    Severity as HarmSeverity,
)
from aigov.project import LoadedRecord, Project
from aigov.site.svg import TrendPoint

NIST_FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")
DONE_STATUSES = ("implemented", "verified")


@dataclass(frozen=True)
class Series:
    """Evaluation results of one metric on one dataset/slice/component, oldest first."""

    key: str
    title: str
    points: tuple[TrendPoint, ...]
    threshold: float | None
    lower_is_better: bool
    unit: str = ""

    @property
    def latest(self) -> TrendPoint:
        return self.points[-1]


@dataclass
class SystemView:
    loaded: LoadedRecord
    record: Record
    tier: Any = None  # aigov.checks TierAssessment
    score: Any = None  # aigov.checks completeness result
    signoffs: list[Any] = field(default_factory=list)  # aigov.review SignOffState
    today: dt.date = dt.date(1970, 1, 1)
    record_path: str = ""  # relative to the repository root
    linked_paths: set[str] = field(default_factory=set)  # repository files the record links
    policy: Any = None  # aigov.checks Policy (review cadence default); None: the default policy
    # the preview only (aigov.site.lastgood): the record file no longer validates, and this
    # view is its last good version; what is wrong with the file now
    problems: list[Diagnostic] = field(default_factory=list)

    # --- identity ----------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def page(self) -> str:
        return f"systems/{self.id}/index.md"

    @property
    def owner_team(self) -> str:
        return (self.record.owner.team or "") if self.record.owner else ""

    @property
    def accountable(self) -> str:
        return (self.record.owner.accountable or "") if self.record.owner else ""

    @property
    def stage(self) -> Stage | None:
        return self.record.stage

    # --- risk ------------------------------------------------------------------------------

    @property
    def internal_tier(self) -> RiskTier | None:
        return self.tier.effective if self.tier is not None else None

    @property
    def eu_tier(self) -> EUTier | None:
        return self.tier.eu if self.tier is not None else None

    @property
    def eu_status_text(self) -> str:
        """What the site says when there is no EU tier: "not assessed" or "undetermined" (an
        English message: translated where shown)."""
        if self.tier is not None and self.tier.eu_undetermined:
            return N_("undetermined")
        return N_("not assessed")

    @property
    def annex_iii_area(self) -> AnnexIIIArea | None:
        ia = self.record.impact_assessment
        if ia and ia.eu_ai_act and ia.eu_ai_act.annex_iii_area not in (None, AnnexIIIArea.NONE):
            return ia.eu_ai_act.annex_iii_area
        return None

    @property
    def harms(self) -> list[Harm]:
        ia = self.record.impact_assessment
        return list(ia.harms) if ia else []

    @property
    def rated_harms(self) -> list[Harm]:
        return [h for h in self.harms if h.severity is not None and h.likelihood is not None]

    @property
    def residual_harms(self) -> list[Harm]:
        return [
            h
            for h in self.harms
            if h.residual_severity is not None and h.residual_likelihood is not None
        ]

    @property
    def controls(self) -> list[tuple[str, Control]]:
        return self.record.controls.all() if self.record.controls else []

    def control(self, control_id: str) -> Control | None:
        return next((c for _, c in self.controls if c.id == control_id), None)

    @property
    def nist_coverage(self) -> dict[str, list[Control]]:
        """NIST subcategory id → the controls of this system mapped to it."""
        out: dict[str, list[Control]] = {}
        for _, ctl in self.controls:
            for sub in ctl.nist:
                out.setdefault(sub, []).append(ctl)
        return out

    # --- completeness and review --------------------------------------------------------------

    @property
    def completeness(self) -> float | None:
        if self.score is None:
            return None
        value = getattr(self.score, "percent", None)
        return float(value) if value is not None else None

    @property
    def last_review(self) -> dt.date | None:
        return self.record.lifecycle.last_review if self.record.lifecycle else None

    @property
    def review_due(self) -> dt.date | None:
        from aigov.checks.facts import review_due

        return review_due(self.record, self.policy)

    @property
    def review_overdue(self) -> bool:
        if self.stage == Stage.RETIRED:
            return False
        due = self.review_due
        return due is not None and due < self.today

    @property
    def review_missing(self) -> str:
        """What the review badge says when no next review date can be given: what is missing
        (the cadence always has the policy's default, so it is the last review)."""
        lc = self.record.lifecycle
        if lc is not None and lc.review_cadence_days:
            return gettext("No last review (every {days} d)").format(days=lc.review_cadence_days)
        return gettext("No review recorded")

    @property
    def days_overdue(self) -> int:
        due = self.review_due
        return (self.today - due).days if due is not None and due < self.today else 0

    # --- findings -------------------------------------------------------------------------

    @property
    def findings(self) -> list[Diagnostic]:
        return sorted(self.loaded.diagnostics, key=_finding_order)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.loaded.diagnostics if d.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.loaded.diagnostics if d.severity == Severity.WARNING)

    @property
    def stale_signoffs(self) -> list[Any]:
        return [s for s in self.signoffs if s.status.value == "stale" and s.effective]

    # --- evaluations ------------------------------------------------------------------------

    @property
    def series(self) -> list[Series]:
        return evaluation_series(self.record)

    @property
    def monitor_series(self) -> list[Series]:
        return monitor_series(self.record)

    @property
    def search_terms(self) -> list[str]:
        """Words a person might search for this system by that are not on its page as text."""
        return []


def _finding_order(d: Diagnostic) -> tuple[int, str, int, int, str]:
    return (-d.severity.rank, d.code, d.line, d.column, d.message)


def monitor_series(record: Record) -> list[Series]:
    """One trend per monitor and slice, oldest reading first, judged against the monitor's
    `limit` in its `direction` as AIG-OPS-007 judges the latest reading."""
    monitors = record.operations.monitoring if record.operations else []
    out = []
    for m in monitors:
        lower = m.direction == Direction.LOWER_IS_BETTER
        slices = sorted({r.slice or "" for r in m.readings})
        for slice_ in slices:
            readings = sorted(
                (r for r in m.readings if (r.slice or "") == slice_), key=lambda r: r.date
            )
            points = tuple(
                TrendPoint(
                    r.date,
                    r.value,
                    None
                    if m.limit is None
                    else (r.value <= m.limit if lower else r.value >= m.limit),
                )
                for r in readings
            )
            title = m.signal + (f" · {slice_}" if slice_ else "")
            out.append(
                Series(
                    key="|".join((m.id, slice_)),
                    title=title,
                    points=points,
                    threshold=m.limit,
                    lower_is_better=lower,
                )
            )
    return out


def evaluation_series(record: Record) -> list[Series]:
    """One trend per series (metric, dataset, split, slice, component), as `aigov check` and
    the cards group results. A trend is drawn over time: an undated result is left out of the
    chart (the card lists it), a partial date ("2024") is placed at the start of its period."""
    evals = record.evaluations
    if evals is None or not evals.results:
        return []
    metrics = {m.id: m for _, m in (record.metrics.all() if record.metrics else [])}
    out = []
    for key, items in sorted(result_series(evals.results).items()):
        results = [r for _, r in items if r.date is not None]
        if not results:
            continue
        metric_id, dataset, split, slice_, component = key
        metric = metrics.get(metric_id)
        name = metric.name if metric else metric_id
        title = name
        extras = [x for x in (dataset, split, slice_, component) if x]
        if extras:
            title += " · " + " · ".join(extras)
        latest = results[-1]
        threshold = latest.threshold
        if threshold is None and metric is not None:
            threshold = metric.threshold
        direction = latest.direction or (metric.direction if metric else None)
        lower = direction == Direction.LOWER_IS_BETTER
        points = []
        for r in results:
            assert r.date is not None
            limit = r.threshold if r.threshold is not None else threshold
            passes = None
            if limit is not None:
                passes = r.value <= limit if lower else r.value >= limit
            points.append(TrendPoint(r.date.earliest, r.value, passes))
        out.append(
            Series(
                key="|".join(key),
                title=title,
                points=tuple(points),
                threshold=threshold,
                lower_is_better=lower,
                unit=(metric.unit or "") if metric else "",
            )
        )
    return out


@dataclass
class InvalidRecord:
    """A record file the site cannot show: it did not load or validate."""

    path: str  # relative to the repository root
    diagnostics: list[Diagnostic]
    shown: str = ""  # the path the diagnostics name

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.ERROR)


@dataclass
class Portfolio:
    systems: list[SystemView]
    invalid: list[InvalidRecord]
    today: dt.date
    project_diagnostics: list[Diagnostic] = field(default_factory=list)
    # the preview only: record files that stopped validating, shown in their last good version
    kept: list[InvalidRecord] = field(default_factory=list)

    def by_id(self, system_id: str) -> SystemView | None:
        return next((s for s in self.systems if s.id == system_id), None)

    @property
    def tier_counts(self) -> Counter[str]:
        return Counter(
            s.internal_tier.value if s.internal_tier else "unknown" for s in self.systems
        )

    @property
    def stage_counts(self) -> Counter[str]:
        return Counter(s.stage.value if s.stage else "unknown" for s in self.systems)

    def tier_by_stage(self) -> dict[tuple[str, str], list[SystemView]]:
        out: dict[tuple[str, str], list[SystemView]] = {}
        for s in self.systems:
            key = (
                s.internal_tier.value if s.internal_tier else "unknown",
                s.stage.value if s.stage else "unknown",
            )
            out.setdefault(key, []).append(s)
        return out

    @property
    def with_errors(self) -> list[SystemView]:
        return sorted((s for s in self.systems if s.errors), key=lambda s: (-s.errors, s.id))

    @property
    def overdue(self) -> list[SystemView]:
        return sorted(
            (s for s in self.systems if s.review_overdue), key=lambda s: (-s.days_overdue, s.id)
        )

    @property
    def stale(self) -> list[SystemView]:
        return [s for s in self.systems if s.stale_signoffs]

    @property
    def mean_completeness(self) -> float | None:
        scores = [s.completeness for s in self.systems if s.completeness is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def findings(self) -> list[tuple[SystemView | InvalidRecord, Diagnostic]]:
        out: list[tuple[SystemView | InvalidRecord, Diagnostic]] = []
        for s in self.systems:
            out.extend((s, d) for d in s.findings)
        for bad in self.invalid:
            out.extend((bad, d) for d in sorted(bad.diagnostics, key=_finding_order))
        return out

    def heat_points(self, *, residual: bool = False) -> list[tuple[HarmSeverity, Likelihood, str]]:
        out = []
        for s in self.systems:
            for h in s.residual_harms if residual else s.rated_harms:
                sev = h.residual_severity if residual else h.severity
                lik = h.residual_likelihood if residual else h.likelihood
                assert sev is not None and lik is not None
                out.append((sev, lik, f"{s.name}: {h.id}"))
        return out


def build_portfolio(
    project: Project,
    *,
    today: dt.date,
    tier_of: Any,
    score_of: Any,
    signoffs_of: Any,
    policy: Any = None,
) -> Portfolio:
    """One view per valid record; records that did not load are kept as InvalidRecord.

    `policy` (an `aigov.checks.Policy`) supplies the review cadence of records that name none.
    """
    systems: list[SystemView] = []
    invalid: list[InvalidRecord] = []
    for loaded in project.records:
        rel = repo_path(loaded, project.root)
        if loaded.record is None:
            invalid.append(InvalidRecord(rel, list(loaded.diagnostics), loaded.path))
            continue
        systems.append(
            SystemView(
                loaded,
                loaded.record,
                tier=tier_of(loaded),
                score=score_of(loaded),
                signoffs=signoffs_of(loaded),
                today=today,
                record_path=rel,
                policy=policy,
            )
        )
    # two files with the same id cannot both have a page: keep the first, report the rest
    seen: dict[str, SystemView] = {}
    unique: list[SystemView] = []
    for view in systems:
        if view.id in seen:
            dup = [d for d in project.diagnostics if d.path == view.loaded.path]
            invalid.append(
                InvalidRecord(
                    view.record_path, list(view.loaded.diagnostics) + dup, view.loaded.path
                )
            )
            continue
        seen[view.id] = view
        unique.append(view)
    unique.sort(key=lambda s: (s.name.casefold(), s.id))
    invalid.sort(key=lambda r: r.path)
    return Portfolio(unique, invalid, today, list(project.diagnostics))


def repo_path(loaded: LoadedRecord, root: Any) -> str:
    """The record file relative to the repository root (what pages show, on any machine)."""
    try:
        return loaded.source.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return loaded.path
