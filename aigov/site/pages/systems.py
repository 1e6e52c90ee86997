"""One system's page (header, pictures, findings, trends, system card), its model card pages
and its downloads; `adapt_card` fits a card's Markdown into a site page."""

from __future__ import annotations

import re
from enum import Enum

from markupsafe import Markup

from aigov.exports.registry import kind_title, site_unpublished
from aigov.fieldmodel.titles import value_label
from aigov.i18n import N_, current, gettext
from aigov.model import EUTier
from aigov.site.pages.core import CardSet, Pages, front_matter
from aigov.site.pages.exports import data_exports
from aigov.site.portfolio import SystemView
from aigov.site.render import anchor_id, text
from aigov.site.svg import trend_chart

# one way to split (`[ \t]+` stops at the first non-blank); the closing `#`s are stripped by
# `_title`: `(.+?)(?:[ \t]+#+)?[ \t]*$` backtracked quadratically on long blanks
_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")


def _title(text: str) -> str:
    """A heading's text without trailing blanks and a closing run of `#` after a blank."""
    title = text.rstrip(" \t")
    bare = title.rstrip("#")
    if bare != title and bare and bare[-1] in " \t":
        title = bare.rstrip(" \t")
    return title


# The mark a card rendered for the site puts before each section's heading (see the
# `site_mark` macro in templates/_macros.md.j2): the site finds sections by id, not by words.
_MARK = re.compile(r"^<!-- aigov-section: ([a-z0-9-]+) -->$")
# Sections left out of the search index: restatements (each model's row, which
# its own model card page holds) and text that is not record content (findings, provenance).
SYSTEM_CARD_UNINDEXED = {"components", "findings", "provenance", "signature-page"}
# A model card's metrics and results restate the system's (its card shows them all).
MODEL_CARD_UNINDEXED = {
    "metrics",
    "quantitative-analyses",
    "findings",
    "provenance",
    "signature-page",
}
CARD_ANCHORS = {"findings": "findings", "signoffs": "sign-offs"}
TRENDS_UNDER = "evaluation"  # the trend charts go under the card's evaluation results
MONITORS_UNDER = "operations"  # a monitor's readings go under the card's operations


def system(pages: Pages, view: SystemView) -> None:
    base = f"systems/{view.id}"
    cards = pages.inputs.cards(view) if pages.inputs.cards else CardSet()
    inherent_pts = [(h.severity, h.likelihood, h.id) for h in view.rated_harms]
    residual_pts = [(h.residual_severity, h.residual_likelihood, h.id) for h in view.residual_harms]
    heat_inherent, heat_residual = (
        pages.heat_pair(
            inherent_pts,
            residual_pts,
            gettext("Harms of this system by severity and likelihood before any control."),
        )
        if view.harms
        else (Markup(""), Markup(""))
    )
    trend_block = _trends(view)
    monitor_block = _monitor_trends(view)
    inject = {TRENDS_UNDER: str(trend_block)} if trend_block else {}
    if monitor_block:
        inject[MONITORS_UNDER] = str(monitor_block)
    card_md, used = adapt_card(
        cards.system_md,
        unindexed=SYSTEM_CARD_UNINDEXED,
        anchors=CARD_ANCHORS,
        inject=inject,
    )
    for model_id, title, markdown in cards.models:
        model_page(pages, view, f"{base}/models/{model_id}.md", title, markdown)
    pages.render(
        f"{base}/index.md",
        "site/system.md.j2",
        front_matter(view.name, tags=tags(view), boost=2, hide=["navigation"]),
        view=view,
        record_path=view.record_path,
        sections=cards.sections,
        completeness_note=cards.completeness_note,
        heat_inherent=heat_inherent,
        heat_residual=heat_residual,
        trends=(Markup("") if TRENDS_UNDER in used else trend_block)
        + (Markup("") if MONITORS_UNDER in used else monitor_block),
        card_md=Markup(card_md),
        downloads=_downloads(pages, view, cards) + data_exports(pages, view),
    )


def _trends(view: SystemView) -> Markup:
    """The trend charts of the evaluation series with more than one result (empty if none)."""
    trends = [s for s in view.series if len(s.points) > 1]
    if not trends:
        return Markup("")
    charts = Markup("").join(
        trend_chart(
            list(s.points),
            title=s.title + (f" ({s.unit})" if s.unit else ""),
            threshold=s.threshold,
            lower_is_better=s.lower_is_better,
        )
        for s in trends
    )
    return (
        Markup('<div class="aigov-figures aigov-trends" data-search-exclude>')
        + charts
        + Markup("</div>")
    )


def _monitor_trends(view: SystemView) -> Markup:
    """A trend chart per monitor (and slice) with more than one reading, its limit dashed."""
    trends = [s for s in view.monitor_series if len(s.points) > 1]
    if not trends:
        return Markup("")
    charts = Markup("").join(
        trend_chart(
            list(s.points),
            title=gettext("Monitor: {title}").format(title=s.title),
            threshold=s.threshold,
            lower_is_better=s.lower_is_better,
            limit_word=N_("limit"),
            css_class="aigov-trend aigov-monitor-trend",
        )
        for s in trends
    )
    return (
        Markup('<div class="aigov-figures aigov-trends" data-search-exclude>')
        + charts
        + Markup("</div>")
    )


def _downloads(pages: Pages, view: SystemView, cards: CardSet) -> list[dict[str, str]]:
    """Write the system's download files; their links for the page."""
    base = f"systems/{view.id}"
    downloads = []
    if cards.html_text:
        pages.add(f"{base}/{view.id}.card.html", cards.html_text)
        downloads.append(
            {
                "file": f"{base}/{view.id}.card.html",
                "label": gettext("System card (HTML, printable)"),
            }
        )
    if cards.json_text:
        pages.add(f"{base}/{view.id}.json", cards.json_text)
        downloads.append({"file": f"{base}/{view.id}.json", "label": gettext("Record (JSON)")})
    for export in cards.exports:
        path = f"{base}/exports/{export.kind}.{export.fmt}"
        pages.add(path, export.text)
        downloads.append(
            {
                "file": path,
                "label": f"{gettext(export.title)} ({export.fmt.upper()})",
                "group": "exports",
            }
        )
    for kind, reason in site_unpublished({e.kind for e in cards.exports}):
        downloads.append(
            {
                "group": "exports",
                "label": gettext(kind_title(kind)),
                "file": "",
                "command": "" if reason else f"aigov export {kind} {view.id}",
                "reason": gettext(reason) if reason else "",  # a fixed phrase of aigov.exports
            }
        )
    return downloads


def model_page(pages: Pages, view: SystemView, page: str, title: str, markdown: str) -> None:
    body, _ = adapt_card(
        markdown,
        unindexed=MODEL_CARD_UNINDEXED,
        anchors=CARD_ANCHORS,
        drop=("A model component of ",),
    )
    pages.render(
        page,
        "site/model.md.j2",
        front_matter(f"{title} · {view.name}", hide=["navigation"]),
        view=view,
        title=title,
        card_md=Markup(body),
    )


def tags(view: SystemView) -> list[str]:
    """The record's own tags, and tags aigov derives, worded so they cannot be mistaken
    for a record's (a record tagged `pilot` is not thereby at the pilot stage)."""
    out = []
    if view.internal_tier:
        out.append(gettext("{tier} risk").format(tier=_tag_word(view.internal_tier)))
    if view.eu_tier in (EUTier.HIGH, EUTier.PROHIBITED):
        out.append(gettext("EU AI Act {tier}").format(tier=_tag_word(view.eu_tier)))
    if view.stage:
        out.append(gettext("stage {stage}").format(stage=_tag_word(view.stage)))
    out.extend(view.record.tags)
    return out


def _tag_word(value: Enum) -> str:
    """A derived tag's value: the code in English (`high risk`, `stage pilot`, as tags have
    always read), the value's label in another language (`hoog risico`, `fase pilot`)."""
    if current() == "en":
        return str(value.value)
    return value_label(value).lower()


def adapt_card(
    markdown: str,
    *,
    unindexed: set[str],
    anchors: dict[str, str] | None = None,
    inject: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
) -> tuple[str, set[str]]:
    """Fit a card's Markdown into a site page.

    Sections are known by the id the card marks them with (`<!-- aigov-section: ID -->` before
    the heading, written only for the site), never by heading text:
    - the card's own title (its first `# ` line) is dropped: the page has its own;
    - sections named in `unindexed` get a raw HTML heading marked `data-search-exclude`, so
      Material's search skips them (what they hold is indexed elsewhere, or is not record
      content), keeping each record field in the index once;
    - `anchors` puts a stable id before a section's heading (`#findings`, `#sign-offs`) that
      does not depend on the card's section numbers;
    - `inject` inserts ready HTML right after a section's heading (the trend charts under the
      card's evaluation results);
    - lines starting with a prefix in `drop` are left out (a model card's sentence restating
      its system, which the page's breadcrumbs already link).

    A card template without marks (an old override) simply gets fewer changes.
    Returns the new text and the `inject` keys that found their section.
    """
    anchors = anchors or {}
    inject = inject or {}
    out: list[str] = []
    used: set[str] = set()
    dropped_title = False
    fence = False
    section: str | None = None  # the id marked for the next heading
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        mark = None if fence else _MARK.match(line)
        if mark is not None:
            section = mark.group(1)
            continue
        match = None if fence else _HEADING.match(line)
        if match is None:
            if not (drop and not fence and line.startswith(drop)):
                out.append(line)
            continue
        level, title = len(match.group(1)), _title(match.group(2))
        sid, section = section, None
        if level == 1 and not dropped_title:
            dropped_title = True
            continue
        out.extend(_heading(line, level, title, sid, unindexed, anchors))
        if sid is not None and sid in inject:
            out += ["", inject[sid]]
            used.add(sid)
    return "\n".join(out) + "\n", used


def _heading(
    line: str, level: int, title: str, sid: str | None, unindexed: set[str], anchors: dict[str, str]
) -> list[str]:
    """A card heading as the site page shows it: anchored, and out of the search index where
    its section says so."""
    out: list[str] = []
    if sid in anchors:
        out += [f'<div id="{anchors[sid]}"></div>', ""]
    if sid in unindexed:
        plain = re.sub(r"^\d+(\.\d+)*\.?\s+", "", title)
        out.append(
            f'<h{level} id="{anchor_id(plain)}" data-search-exclude>{text(title)}</h{level}>'
        )
    else:
        out.append(line)
    return out
