"""What every page family shares: the build's inputs, front matter, and `Pages`, which renders
a template into a page and hands the file on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from aigov import SCHEMA_VERSION, __version__
from aigov.diagnostics import Diagnostic
from aigov.i18n import gettext
from aigov.model import RiskTier
from aigov.review.history import HistoryIndex
from aigov.site.portfolio import Portfolio, SystemView
from aigov.site.render import make_env, text
from aigov.site.svg import RISK_BAND_NAMES, heat_grid, heat_map, risk_band
from aigov.templating import tidy_markdown
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
TIERS = [t.value for t in RiskTier]
BUILD_LINE = "site/_buildline.md.j2"  # appended to every generated page


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
    built_at: str = ""  # ISO 8601 UTC: when this build ran (aigov.provenance.build_moment)
    inputs_dirty: bool = False  # the policy, site config or linked evidence is uncommitted

    def for_record(self, path: str) -> Stamp:
        """The stamp of a page about one record: uncommitted changes are that record's (or
        the shared inputs'), so editing one record rewrites only its own pages."""
        return replace(self, dirty=path in self.dirty_records or self.inputs_dirty)

    @property
    def built_shown(self) -> str:
        """'2026-12-03 18:20 UTC': the build time as the build line prints it."""
        if len(self.built_at) < 16:
            return self.built_at
        return f"{self.built_at[:10]} {self.built_at[11:16]} UTC"


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
    # aigov.exports.build.PublishedExport: the compliance documents (Annex IV, FRIA, …)
    exports: list[Any] = field(default_factory=list)


@dataclass
class SiteInputs:
    portfolio: Portfolio
    stamp: Stamp
    rules: list[Any]
    root: Path
    use_directory_urls: bool = True
    cards: Callable[[SystemView], CardSet] | None = None
    band: Callable[[Any, Any], int] = risk_band
    band_name: Callable[[Any, Any], str] = lambda s, lk: RISK_BAND_NAMES[risk_band(s, lk)]
    linked_files: dict[str, bytes] = field(default_factory=dict)
    organisation: Any = None  # aigov.organisation.LoadedOrganisation, or None without one
    policy: Any = None  # aigov.checks Policy (aigov.yaml): the SoA's declarations
    components: Any = None  # aigov.components.Components (components/<id>.yaml), or None
    keep: bool = False  # aigov serve: keep what an unchanged record's pages need between saves


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


# letters of any script (a Dutch or German derived tag), digits, blank, `.`, `_`, `-`
_TAG_OK = re.compile(r"[^\w .\-]+")


def _tag(value: str) -> str:
    """Tags are shown by the theme without escaping: keep them to plain characters."""
    return " ".join(_TAG_OK.sub(" ", value).split())[:60]


class Pages:
    """Every generated page. Each file goes to `sink` as soon as it is made (a
    `writer.TreeWriter` in a build); without one they are kept in `self.files`.
    The page families (`aigov.site.pages.home`, `.systems`, …) render through it;
    `aigov.site.pages.generate_pages` makes them all."""

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

    @cached_property
    def history_index(self) -> HistoryIndex:
        """Every record's git history, read at once when the first history page asks."""
        return HistoryIndex.build([v.loaded.source for v in self.pf.systems])

    def where(self, d: Diagnostic) -> str:
        """`systems/x.yaml:12:3`: the finding's place, relative to the repository root."""
        path = self.paths.get(d.path, d.path)
        return f"{path}:{d.line}:{d.column}" if d.line else path

    def render(self, src: str, template: str, meta: str, **context: Any) -> None:
        values: dict[str, Any] = {
            "page_src": src,
            "where": self.where,
            "use_directory_urls": self.inputs.use_directory_urls,
            "stamp": self.inputs.stamp,
            "rules": self.rule_ids,
        }
        values |= context
        view = context.get("view")
        if "stamp" not in context and isinstance(view, SystemView):
            values["stamp"] = self.inputs.stamp.for_record(view.loaded.path)
        body = self.env.get_template(template).render(values)
        if src.endswith(".md"):  # every page states its build, once, at its foot
            body += "\n\n" + self.env.get_template(BUILD_LINE).render(values)
        self.add(src, meta + tidy_markdown(body))

    def add(self, path: str, content: str | bytes) -> None:
        self.names.add(path)
        self.sink(path, content.encode("utf-8") if isinstance(content, str) else content)

    def heat_pair(
        self, points_inherent: list[Any], points_residual: list[Any], caption: str
    ) -> tuple[Markup, Markup]:
        """The before- and after-controls heat maps of some harms (`caption`: the first map's,
        in the reader's language)."""
        band = self.inputs.band
        inherent = heat_map(
            heat_grid(points_inherent),
            title=gettext("Before controls"),
            caption=caption,
            band=band,
        )
        residual = heat_map(
            heat_grid(points_residual),
            title=gettext("After controls"),
            caption=gettext("Residual severity and likelihood, where the record states them."),
            band=band,
        )
        return inherent, residual
