"""Generate the site's pages: Markdown (with raw HTML blocks), SVG pictures inline, downloads.

`Pages(inputs, sink=writer.put).generate()` hands every generated file, as bytes with its path
in the docs folder, to the writer as soon as it is made; the writer compares and writes only
what changed. The output depends only on the inputs:
sorted everywhere, no clock, no absolute paths, so unchanged inputs give identical bytes.

Page map (paths inside the docs folder):

    index.md                      portfolio home
    systems/index.md              the systems table (sortable, filterable)
    systems/<id>/index.md         one system: header, pictures, findings, trends, system card
    systems/<id>/models/<m>.md    one model card per model component
    systems/<id>/history.md       git history and sign-offs on one timeline (aigov.review)
    systems/<id>/<id>.json        the card as JSON (download)
    systems/<id>/<id>.card.html   the standalone HTML card (download)
    registers/{harms,controls,nist-ai-rmf,eu-ai-act}.md
    gaps/index.md, gaps/by-system.md
    reference/{rules,fields,about}.md
    tags.md
    assets/aigov/{aigov.css,aigov.js}
    files/<path>                  evidence and other files records link to, copied from the repo

System pages are deliberately not in the navigation (see `navigation()`): a nav listing every
system would be repeated on every page and make the site grow with the square of its size.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from markupsafe import Markup
from pydantic import BaseModel

from aigov import SCHEMA_VERSION, __version__
from aigov.catalog import nist
from aigov.diagnostics import Diagnostic, Severity
from aigov.model import EUTier, Record, RiskTier, Stage
from aigov.review.page import history_page
from aigov.site import svg
from aigov.site.portfolio import InvalidRecord, Portfolio, SystemView
from aigov.site.render import anchor_id, make_env, text
from aigov.textsafety import front_matter_value

ASSET_DIR = "assets/aigov"
RESERVED = (
    "assets/",
    "systems/",
    "registers/",
    "gaps/",
    "reference/",
    "search/",
    "index.md",
    "tags.md",
)
ACTIVE_SUFFIXES = {"html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "xml", "xsl", "swf"}
ASSETS = ("aigov.css", "aigov.js")
HOME_LIMIT = 20  # rows per "needs attention" table on the home page

TIERS = [t.value for t in RiskTier]
STAGES = [s.value for s in Stage]
EU_TIERS = [e.value for e in EUTier]  # prohibited, high, limited, minimal
EU_TITLES = {
    "prohibited": "Prohibited practices (Art. 5)",
    "high": "High-risk systems",
    "limited": "Limited risk: transparency obligations (Art. 50)",
    "minimal": "Minimal risk",
    "unknown": "Not assessed",
}
CODE_TITLES = {
    "AIG-YAML": "The file is not valid YAML",
    "AIG-SCHEMA": "The record does not match the schema",
    "AIG-REF": "A reference inside the record points nowhere",
    "AIG-ID": "Record id problem",
    "AIG-IO": "The file cannot be read",
    "AIG-TEXT": "Record text that displays differently from what it says",
}


@dataclass
class Stamp:
    """What the whole build shows about its own provenance."""

    today: dt.date
    revision: str | None = None
    revision_date: str | None = None
    dirty: bool = False
    records: int = 0
    dirty_records: frozenset[str] = frozenset()  # record paths with uncommitted changes
    systems: int = 0
    invalid: int = 0
    audience: str = "internal"
    aigov_version: str = __version__
    schema_version: int = SCHEMA_VERSION


@dataclass
class CardSet:
    """What the cards module produced for one system."""

    system_md: str = ""
    models: list[tuple[str, str, str]] = field(default_factory=list)  # (id, title, markdown)
    json_text: str = ""
    html_text: str = ""
    provenance: Any = None
    sections: list[tuple[str, float | None]] = field(default_factory=list)
    completeness_note: str = ""


@dataclass
class SiteInputs:
    portfolio: Portfolio
    stamp: Stamp
    rules: list[Any]
    root: Path
    use_directory_urls: bool = True
    cards: Callable[[SystemView], CardSet] | None = None
    band: Callable[[Any, Any], int] = svg.risk_band
    band_name: Callable[[Any, Any], str] = lambda s, lk: svg.RISK_BAND_NAMES[svg.risk_band(s, lk)]
    linked_files: dict[str, bytes] = field(default_factory=dict)


Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    return None


def front_matter(
    title: str,
    *,
    tags: Iterable[str] = (),
    search_exclude: bool = False,
    hide: Iterable[str] = (),
    boost: float | None = None,
) -> str:
    meta: dict[str, Any] = {"title": str(text(title))}
    tag_list = [t for t in (_tag(x) for x in tags) if t]
    if tag_list:
        meta["tags"] = list(dict.fromkeys(tag_list))
    search: dict[str, Any] = {}
    if search_exclude:
        search["exclude"] = True
    if boost is not None:
        search["boost"] = boost
    if search:
        meta["search"] = search
    hidden = list(hide)
    if hidden:
        meta["hide"] = hidden
    # JSON values are YAML too, and json.dumps is ten times faster than yaml.safe_dump
    body = "".join(f"{key}: {front_matter_value(value)}\n" for key, value in meta.items())
    return f"---\n{body}---\n\n"


_TAG_OK = re.compile(r"[^0-9A-Za-z ._\-]+")


def _tag(value: str) -> str:
    """Tags are shown by the theme without escaping: keep them to plain characters."""
    return " ".join(_TAG_OK.sub(" ", value).split())[:60]


class Pages:
    """Every generated page. Each file goes to `sink` as soon as it is made (a
    `writer.TreeWriter` in a build); without one they are kept in `self.files`."""

    def __init__(
        self,
        inputs: SiteInputs,
        env: Environment | None = None,
        sink: Callable[[str, bytes], None] | None = None,
    ) -> None:
        self.inputs = inputs
        self.env = env or make_env(inputs.root.resolve())
        self.files: dict[str, bytes] = {}
        self.names: set[str] = set()
        self.sink = sink or self.files.__setitem__
        self.pf = inputs.portfolio
        self.rule_ids = {r.id for r in inputs.rules}
        self.notes: list[Diagnostic] = []
        self.evidence_pages: list[str] = []
        self.paths = {v.loaded.path: v.record_path for v in self.pf.systems}
        self.paths.update({r.shown: r.path for r in self.pf.invalid if r.shown})

    def where(self, d: Diagnostic) -> str:
        """`systems/x.yaml:12:3`: the finding's place, relative to the repository root."""
        path = self.paths.get(d.path, d.path)
        return f"{path}:{d.line}:{d.column}" if d.line else path

    # --- plumbing ------------------------------------------------------------------------------

    def render(self, src: str, template: str, meta: str, **context: Any) -> None:
        values: dict[str, Any] = {
            "page_src": src,
            "where": self.where,
            "use_directory_urls": self.inputs.use_directory_urls,
            "stamp": self.inputs.stamp,
            "rules": self.rule_ids,
        }
        body = self.env.get_template(template).render(values | context)
        self.add(src, meta + _tidy(body))

    def add(self, path: str, content: str | bytes) -> None:
        self.names.add(path)
        self.sink(path, content.encode("utf-8") if isinstance(content, str) else content)

    # --- the whole site ---------------------------------------------------------------------

    def generate(self, progress: Progress = _noop) -> dict[str, bytes]:
        for name in ASSETS:
            data = resources.files("aigov.site").joinpath("assets", name).read_bytes()
            self.add(f"{ASSET_DIR}/{name}", data)
        total = len(self.pf.systems)
        for i, view in enumerate(self.pf.systems):
            self.system(view)
            history_page(self, view)
            progress("pages", i + 1, total)
        self.home()
        self.systems_index()
        self.harms()
        self.controls()
        self.nist_matrix()
        self.eu_ai_act()
        self.gaps()
        self.rules_reference()
        self.fields_reference()
        self.about()
        self.render("tags.md", "site/tags.md.j2", front_matter("Tags", search_exclude=True))
        self.linked()
        return self.files

    def linked(self) -> None:
        """Files records link to by relative path, at the same path as in the repository, so
        a record's `evidence/x.pdf` link works from every page. Markdown evidence becomes a
        page showing the text verbatim (never rendered: it could carry raw HTML); files a
        browser would run (HTML, SVG, JavaScript) are not copied."""
        for path, data in sorted(self.inputs.linked_files.items()):
            if path in self.names or path.startswith(RESERVED):
                self.notes.append(
                    Diagnostic(
                        path,
                        0,
                        0,
                        "AIG-SITE-FILE",
                        f"{path} is linked from a record but has the path of a generated page; "
                        "it was not copied into the site",
                        Severity.WARNING,
                        hint="Keep evidence in a folder of its own, such as evidence/.",
                    )
                )
                continue
            suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
            if suffix in ACTIVE_SUFFIXES:
                self.notes.append(
                    Diagnostic(
                        path,
                        0,
                        0,
                        "AIG-SITE-FILE",
                        f"{path} is linked from a record but was not copied into the site: a "
                        f".{suffix} file could run scripts in the reader's browser",
                        Severity.WARNING,
                        hint="Attach evidence as PDF, Markdown, text or an image, or link it by URL.",
                    )
                )
                continue
            if suffix == "md":
                self.evidence_page(path, data)
            else:
                self.add(path, data)

    def evidence_page(self, path: str, data: bytes) -> None:
        body = data.decode("utf-8", errors="replace")
        users = sorted(
            {v.id: v for v in self.pf.systems if path in v.linked_paths}.values(),
            key=lambda v: v.name.casefold(),
        )
        self.render(
            path,
            "site/evidence.md.j2",
            front_matter(f"Evidence: {path.rsplit('/', 1)[-1]}", search_exclude=True),
            path=path,
            content=body,
            systems=users,
        )
        self.evidence_pages.append(path)

    # --- home and the systems table -----------------------------------------------------------

    def heat_pair(
        self, points_inherent: list[Any], points_residual: list[Any], who: str
    ) -> tuple[Markup, Markup]:
        band = self.inputs.band
        inherent = svg.heat_map(
            svg.heat_grid(points_inherent),
            title="Before controls",
            caption=f"Harms of {who} by severity and likelihood before any control.",
            band=band,
        )
        residual = svg.heat_map(
            svg.heat_grid(points_residual),
            title="After controls",
            caption="Residual severity and likelihood, where the record states them.",
            band=band,
        )
        return inherent, residual

    def home(self) -> None:
        pf = self.pf
        inherent, residual = self.heat_pair(
            pf.heat_points(), pf.heat_points(residual=True), "every system"
        )
        rated = len(pf.heat_points())
        total_harms = sum(len(s.harms) for s in pf.systems)
        least = sorted(
            (s for s in pf.systems if s.completeness is not None),
            key=lambda s: (s.completeness, s.id),
        )[:12]
        self.render(
            "index.md",
            "site/home.md.j2",
            front_matter("Portfolio", search_exclude=True, hide=["toc"]),
            systems=pf.systems,
            invalid=pf.invalid,
            with_errors=pf.with_errors,
            overdue=pf.overdue,
            stale=pf.stale,
            eu_high=[s for s in pf.systems if s.eu_tier in (EUTier.HIGH, EUTier.PROHIBITED)],
            mean_completeness=pf.mean_completeness,
            tiers=list(reversed(self._present(TIERS, pf.tier_counts))),  # critical on top
            stages=self._present(STAGES, pf.stage_counts),
            grid={k: v for k, v in pf.tier_by_stage().items()},
            tier_counts=pf.tier_counts,
            stage_counts=pf.stage_counts,
            heat_inherent=inherent,
            heat_residual=residual,
            unrated=total_harms - rated,
            least_complete=least,
            limit=HOME_LIMIT,
            today=pf.today,
        )

    @staticmethod
    def _present(order: list[str], counts: Counter[str]) -> list[str]:
        extra = sorted(k for k in counts if k not in order)
        return [*order, *extra] if extra else list(order)

    def systems_index(self) -> None:
        pf = self.pf
        teams = sorted({s.owner_team for s in pf.systems if s.owner_team}, key=str.casefold)
        self.render(
            "systems/index.md",
            "site/systems.md.j2",
            front_matter("All systems", search_exclude=True, hide=["navigation", "toc"]),
            systems=pf.systems,
            invalid=pf.invalid,
            tiers=[t for t in self._present(TIERS, pf.tier_counts) if pf.tier_counts.get(t)],
            stages=[s for s in self._present(STAGES, pf.stage_counts) if pf.stage_counts.get(s)],
            teams=teams,
            eu_order={e.value: i for i, e in enumerate(EUTier)}
            | {"minimal": 0, "limited": 1, "high": 2, "prohibited": 3},
        )

    # --- one system ---------------------------------------------------------------------------

    def system(self, view: SystemView) -> None:
        base = f"systems/{view.id}"
        cards = self.inputs.cards(view) if self.inputs.cards else CardSet()
        inherent_pts = [(h.severity, h.likelihood, h.id) for h in view.rated_harms]
        residual_pts = [
            (h.residual_severity, h.residual_likelihood, h.id) for h in view.residual_harms
        ]
        heat_inherent, heat_residual = (
            self.heat_pair(inherent_pts, residual_pts, "this system")
            if view.harms
            else (Markup(""), Markup(""))
        )
        trends = [s for s in view.series if len(s.points) > 1]
        charts = Markup("").join(
            svg.trend_chart(
                list(s.points),
                title=s.title + (f" ({s.unit})" if s.unit else ""),
                threshold=s.threshold,
                lower_is_better=s.lower_is_better,
            )
            for s in trends
        )
        trend_block = (
            Markup('<div class="aigov-figures aigov-trends" data-search-exclude>')
            + charts
            + Markup("</div>")
            if trends
            else Markup("")
        )
        card_md, used = adapt_card(
            cards.system_md,
            unindexed=SYSTEM_CARD_UNINDEXED,
            anchors=CARD_ANCHORS,
            inject={"Evaluation results": str(trend_block)} if trends else {},
        )
        for model_id, title, markdown in cards.models:
            self.model_page(view, f"{base}/models/{model_id}.md", title, markdown)
        downloads = []
        if cards.html_text:
            self.add(f"{base}/{view.id}.card.html", cards.html_text)
            downloads.append(
                {"file": f"{base}/{view.id}.card.html", "label": "System card (HTML, printable)"}
            )
        if cards.json_text:
            self.add(f"{base}/{view.id}.json", cards.json_text)
            downloads.append({"file": f"{base}/{view.id}.json", "label": "Record (JSON)"})
        self.render(
            f"{base}/index.md",
            "site/system.md.j2",
            front_matter(view.name, tags=self.tags(view), boost=2, hide=["navigation"]),
            view=view,
            record_path=view.record_path,
            sections=cards.sections,
            completeness_note=cards.completeness_note,
            heat_inherent=heat_inherent,
            heat_residual=heat_residual,
            trends=Markup("") if "Evaluation results" in used else trend_block,
            card_md=Markup(card_md),
            downloads=downloads,
        )

    def model_page(self, view: SystemView, page: str, title: str, markdown: str) -> None:
        body, _ = adapt_card(
            markdown,
            unindexed=MODEL_CARD_UNINDEXED,
            anchors=CARD_ANCHORS,
            drop=("A model component of ",),
        )
        self.render(
            page,
            "site/model.md.j2",
            front_matter(f"{title} · {view.name}", hide=["navigation"]),
            view=view,
            title=title,
            card_md=Markup(body),
        )

    @staticmethod
    def tags(view: SystemView) -> list[str]:
        """The record's own tags, and tags aigov derives, worded so they cannot be mistaken
        for a record's (a record tagged `pilot` is not thereby at the pilot stage)."""
        out = []
        if view.internal_tier:
            out.append(f"{view.internal_tier.value} risk")
        if view.eu_tier in (EUTier.HIGH, EUTier.PROHIBITED):
            out.append(f"EU AI Act {view.eu_tier.value}")
        if view.stage:
            out.append(f"stage {view.stage.value}")
        out.extend(view.record.tags)
        return out

    # --- registers ----------------------------------------------------------------------------

    def harms(self) -> None:
        rows: list[dict[str, Any]] = []
        band_name = self.inputs.band_name
        for view in self.pf.systems:
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
                        "controls": [
                            {"id": c, "control": view.control(c)} for c in harm.mitigations
                        ],
                    }
                )
        rows.sort(key=lambda r: (-(r["score"] or 0), r["view"].name.casefold(), r["harm"].id))
        inherent, residual = self.heat_pair(
            self.pf.heat_points(), self.pf.heat_points(residual=True), "every system"
        )
        self.render(
            "registers/harms.md",
            "site/harms.md.j2",
            front_matter("Harms register", search_exclude=True, hide=["navigation", "toc"]),
            rows=rows,
            systems_with_harms=sum(1 for s in self.pf.systems if s.harms),
            heat_inherent=inherent,
            heat_residual=residual,
            bands=sorted({r["band"] for r in rows if r["band"]}, key=TIERS.index)
            if all(r["band"] in TIERS for r in rows if r["band"])
            else sorted({r["band"] for r in rows if r["band"]}),
            categories=sorted({r["harm"].category.value for r in rows if r["harm"].category}),
        )

    def controls(self) -> None:
        status_order = {"planned": 0, "in_progress": 1, "implemented": 2, "verified": 3}
        rows: list[dict[str, Any]] = []
        for fn in ("govern", "map", "measure", "manage"):
            for view in self.pf.systems:
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
        counts = Counter(
            r["control"].status.value if r["control"].status else "unset" for r in rows
        )
        order = ["verified", "implemented", "in_progress", "planned", "unset"]
        self.render(
            "registers/controls.md",
            "site/controls.md.j2",
            front_matter("Controls register", search_exclude=True, hide=["navigation", "toc"]),
            rows=rows,
            systems_with_controls=sum(1 for s in self.pf.systems if s.controls),
            status_counts=[(s, counts[s]) for s in order if counts.get(s)],
            functions=["GOVERN", "MAP", "MEASURE", "MANAGE"],
            statuses=["planned", "in_progress", "implemented", "verified"],
        )

    def nist_matrix(self) -> None:
        catalog = nist()
        known = catalog.ids()
        coverage: dict[str, list[str]] = {s.id: [] for s in catalog.subcategories}
        cells: dict[str, dict[str, dict[str, Any]]] = {}
        unknown_refs: list[tuple[SystemView, Any, str]] = []
        for view in self.pf.systems:
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
                        f"{c.title} ({c.status.value if c.status else 'status not set'})"
                        for c in ctls
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
        self.render(
            "registers/nist-ai-rmf.md",
            "site/nist.md.j2",
            front_matter("NIST AI RMF coverage", search_exclude=True, hide=["navigation", "toc"]),
            systems=self.pf.systems,
            subcategories=catalog.subcategories,
            functions=functions,
            coverage=coverage,
            cells=cells,
            gaps={s for s, who in coverage.items() if not who},
            unknown_refs=unknown_refs,
        )

    def eu_ai_act(self) -> None:
        eu_rules = {r.id for r in self.inputs.rules if getattr(r, "eu_ai_act", ())}
        by: dict[str, list[SystemView]] = {t: [] for t in [*EU_TIERS, "unknown"]}
        for view in self.pf.systems:
            by.setdefault(view.eu_tier.value if view.eu_tier else "unknown", []).append(view)
        lacking = {
            view.id: [
                d
                for d in view.findings
                if d.code in eu_rules and d.severity in (Severity.ERROR, Severity.WARNING)
            ]
            for view in self.pf.systems
        }
        self.render(
            "registers/eu-ai-act.md",
            "site/eu-ai-act.md.j2",
            front_matter("EU AI Act", search_exclude=True),
            by_tier=[(t, by[t]) for t in by if by[t] or t != "unknown"],
            tier_titles=EU_TITLES,
            lacking=lacking,
        )

    # --- gaps -------------------------------------------------------------------------------

    def gaps(self) -> None:
        rules = {r.id: r for r in self.inputs.rules}
        findings = self.pf.findings
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
                    "title": rule.title if rule else _code_title(code),
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
        self.render(
            "gaps/index.md",
            "site/gaps-by-rule.md.j2",
            front_matter("Gaps by rule", search_exclude=True, hide=["toc"]),
            groups=groups,
            **common,
        )
        per_system = []
        for view in self.pf.systems:
            if view.findings:
                per_system.append(self._gap_group(view.findings, view=view))
        for bad in self.pf.invalid:
            per_system.append(self._gap_group(bad.diagnostics, path=bad.path))
        per_system.sort(key=lambda g: (-g["errors"], -g["warnings"], g["name"].casefold()))
        self.render(
            "gaps/by-system.md",
            "site/gaps-by-system.md.j2",
            front_matter("Gaps by system", search_exclude=True, hide=["toc"]),
            groups=per_system,
            **common,
        )

    @staticmethod
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

    # --- reference --------------------------------------------------------------------------

    def rules_reference(self) -> None:
        sections: dict[str, list[Any]] = {}
        for rule in self.inputs.rules:
            sections.setdefault(getattr(rule, "section_title", "Rules"), []).append(rule)
        open_counts = Counter(d.code for _, d in self.pf.findings)
        self.render(
            "reference/rules.md",
            "site/rules.md.j2",
            front_matter("Rule reference"),
            sections=list(sections.items()),
            open_counts=open_counts,
        )

    def fields_reference(self) -> None:
        self.render(
            "reference/fields.md",
            "site/fields.md.j2",
            front_matter("Record fields"),
            sections=field_reference(),
        )

    def about(self) -> None:
        self.render(
            "reference/about.md",
            "site/about.md.j2",
            front_matter("About this site"),
        )


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
# Sections left out of the search index: restatements (each model's row, which
# its own model card page holds) and text that is not record content (findings, provenance).
SYSTEM_CARD_UNINDEXED = {"Model components", "Open findings", "Provenance"}
# A model card's metrics and results restate the system's (its card shows them all).
MODEL_CARD_UNINDEXED = {"Metrics", "Quantitative analyses", "Open findings", "Provenance"}
CARD_ANCHORS = {"Open findings": "findings", "Sign-offs": "sign-offs"}


def adapt_card(
    markdown: str,
    *,
    unindexed: set[str],
    anchors: dict[str, str] | None = None,
    inject: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
) -> tuple[str, set[str]]:
    """Fit a card's Markdown into a site page.

    - the card's own title (its first `# ` line) is dropped: the page has its own;
    - headings named in `unindexed` become raw HTML headings marked `data-search-exclude`, so
      Material's search skips their sections (what they hold is indexed elsewhere, or is not
      record content), keeping each record field in the index once;
    - `anchors` puts a stable id before a heading (`#findings`, `#sign-offs`) that does not
      depend on the card's section numbers;
    - `inject` inserts ready HTML right after a heading (the trend charts under the card's
      evaluation results);
    - lines starting with a prefix in `drop` are left out (a model card's sentence restating
      its system, which the page's breadcrumbs already link).

    Headings are matched on their text without a leading section number ("10. Evaluation
    results" → "Evaluation results"); a card template without them simply gets fewer changes.
    Returns the new text and the `inject` keys that found their heading.
    """
    anchors = anchors or {}
    inject = inject or {}
    out: list[str] = []
    used: set[str] = set()
    dropped_title = False
    fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match is None:
            if not (drop and not fence and line.startswith(drop)):
                out.append(line)
            continue
        level, title = len(match.group(1)), match.group(2)
        if level == 1 and not dropped_title:
            dropped_title = True
            continue
        plain = re.sub(r"^\d+(\.\d+)*\.?\s+", "", title)
        if plain in anchors:
            out += [f'<div id="{anchors[plain]}"></div>', ""]
        if plain in unindexed:
            out.append(
                f'<h{level} id="{anchor_id(plain)}" data-search-exclude>{text(title)}</h{level}>'
            )
        else:
            out.append(line)
        if plain in inject:
            out += ["", inject[plain]]
            used.add(plain)
    return "\n".join(out) + "\n", used


def _score(severity: Any, likelihood: Any) -> int | None:
    return severity.score * likelihood.score if severity and likelihood else None


def _who_name(who: SystemView | InvalidRecord) -> str:
    return who.name if isinstance(who, SystemView) else who.path


def _code_title(code: str) -> str:
    for prefix, title in CODE_TITLES.items():
        if code.startswith(prefix):
            return title
    return "Other finding"


def _tidy(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one newline at the end."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


# --- the field reference ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDoc:
    path: str
    type: str
    description: str
    example: str
    required: bool


def field_reference() -> list[dict[str, Any]]:
    """One section per top-level part of the record, each field with type and meaning."""
    top: list[FieldDoc] = []
    sections: list[dict[str, Any]] = []
    for name, info in Record.model_fields.items():
        model = _model_of(info.annotation)
        doc = _doc(name, info)
        if model is None:
            top.append(doc)
            continue
        fields = [doc]
        _walk(model, name + ("[]" if _is_list(info.annotation) else ""), fields, depth=0)
        sections.append({"title": _section_title(name, info.description or ""), "fields": fields})
    return [{"title": "Identity", "fields": top}, *sections]


def _section_title(name: str, description: str) -> str:
    words = name.replace("_", " ")
    special = {"eu ai act": "EU AI Act", "signoffs": "Sign-offs"}
    return special.get(words, words[:1].upper() + words[1:])


def _walk(model: type[BaseModel], prefix: str, out: list[FieldDoc], depth: int) -> None:
    if depth > 6:
        return
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}"
        out.append(_doc(path, info))
        inner = _model_of(info.annotation)
        if inner is not None:
            _walk(inner, path + ("[]" if _is_list(info.annotation) else ""), out, depth + 1)


def _doc(path: str, info: Any) -> FieldDoc:
    example = ""
    if info.examples:
        value = info.examples[0]
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if not isinstance(value, dict | list):
            example = str(value.value if isinstance(value, Enum) else value)
    return FieldDoc(
        path=path,
        type=_type_name(info.annotation),
        description=info.description or "",
        example=example,
        required=info.is_required(),
    )


def _args(tp: Any) -> tuple[Any, ...]:
    return tuple(a for a in typing.get_args(tp) if a is not type(None))


def _is_list(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in _args(tp))
    return origin is list


def _model_of(tp: Any) -> type[BaseModel] | None:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType, list):
        for arg in _args(tp):
            found = _model_of(arg)
            if found is not None:
                return found
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    return None


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in _args(tp))
    if origin is list:
        inner = _args(tp)
        return f"list of {_type_name(inner[0])}" if inner else "list"
    if origin is dict:
        return "mapping"
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(tp))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of: " + ", ".join(str(m.value) for m in tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "section"
    names = {str: "text", int: "whole number", float: "number", bool: "yes/no", dt.date: "date"}
    return names.get(tp, getattr(tp, "__name__", str(tp)))


def navigation(user_nav: list[Any] | None, user_pages: list[str]) -> list[Any]:
    """aigov's sections first, then the user's own nav (or their pages when they have none).

    Only fixed pages are listed, never one entry per system: the nav is rendered into every
    page, so its size must not grow with the portfolio.
    """
    nav: list[Any] = [
        {"Portfolio": "index.md"},
        {"Systems": [{"All systems": "systems/index.md"}, {"Tags": "tags.md"}]},
        {
            "Registers": [
                {"Harms": "registers/harms.md"},
                {"Controls": "registers/controls.md"},
                {"NIST AI RMF coverage": "registers/nist-ai-rmf.md"},
                {"EU AI Act": "registers/eu-ai-act.md"},
            ]
        },
        {"Gaps": [{"By rule": "gaps/index.md"}, {"By system": "gaps/by-system.md"}]},
        {
            "Reference": [
                {"Rules": "reference/rules.md"},
                {"Record fields": "reference/fields.md"},
                {"About this site": "reference/about.md"},
            ]
        },
    ]
    if user_nav:
        nav.extend(user_nav)
    else:
        nav.extend(user_pages)
    return nav


NOT_IN_NAV = ["/systems/*/"]
