"""One system's page (header, pictures, findings, trends, system card), its model card pages
and its downloads; `adapt_card` fits a card's Markdown into a site page."""

from __future__ import annotations

import re

from markupsafe import Markup

from aigov.model import EUTier
from aigov.site.pages.core import CardSet, Pages, front_matter
from aigov.site.portfolio import SystemView
from aigov.site.render import anchor_id, text
from aigov.site.svg import trend_chart

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
# Sections left out of the search index: restatements (each model's row, which
# its own model card page holds) and text that is not record content (findings, provenance).
SYSTEM_CARD_UNINDEXED = {"Model components", "Open findings", "Provenance"}
# A model card's metrics and results restate the system's (its card shows them all).
MODEL_CARD_UNINDEXED = {"Metrics", "Quantitative analyses", "Open findings", "Provenance"}
CARD_ANCHORS = {"Open findings": "findings", "Sign-offs": "sign-offs"}


def system(pages: Pages, view: SystemView) -> None:
    base = f"systems/{view.id}"
    cards = pages.inputs.cards(view) if pages.inputs.cards else CardSet()
    inherent_pts = [(h.severity, h.likelihood, h.id) for h in view.rated_harms]
    residual_pts = [(h.residual_severity, h.residual_likelihood, h.id) for h in view.residual_harms]
    heat_inherent, heat_residual = (
        pages.heat_pair(inherent_pts, residual_pts, "this system")
        if view.harms
        else (Markup(""), Markup(""))
    )
    trend_block = _trends(view)
    card_md, used = adapt_card(
        cards.system_md,
        unindexed=SYSTEM_CARD_UNINDEXED,
        anchors=CARD_ANCHORS,
        inject={"Evaluation results": str(trend_block)} if trend_block else {},
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
        trends=Markup("") if "Evaluation results" in used else trend_block,
        card_md=Markup(card_md),
        downloads=_downloads(pages, view, cards),
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


def _downloads(pages: Pages, view: SystemView, cards: CardSet) -> list[dict[str, str]]:
    """Write the system's download files; their links for the page."""
    base = f"systems/{view.id}"
    downloads = []
    if cards.html_text:
        pages.add(f"{base}/{view.id}.card.html", cards.html_text)
        downloads.append(
            {"file": f"{base}/{view.id}.card.html", "label": "System card (HTML, printable)"}
        )
    if cards.json_text:
        pages.add(f"{base}/{view.id}.json", cards.json_text)
        downloads.append({"file": f"{base}/{view.id}.json", "label": "Record (JSON)"})
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
        out.append(f"{view.internal_tier.value} risk")
    if view.eu_tier in (EUTier.HIGH, EUTier.PROHIBITED):
        out.append(f"EU AI Act {view.eu_tier.value}")
    if view.stage:
        out.append(f"stage {view.stage.value}")
    out.extend(view.record.tags)
    return out


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
