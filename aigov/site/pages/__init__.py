"""Generate the site's pages: Markdown (with raw HTML blocks), SVG pictures inline, downloads.

`generate_pages(Pages(inputs, sink=writer.put))` hands every generated file, as bytes with its path
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
    registers/{harms,controls,sign-offs,components,nist-ai-rmf,nist-ai-600-1,eu-ai-act,
               eu-ai-act-obligations,facts}.md
    gaps/index.md, gaps/by-system.md
    reference/{rules,fields,about}.md
    tags.md
    assets/aigov/{aigov.css,aigov.js,iframe-worker.js}
    files/<path>                  evidence and other files records link to, copied from the repo

System pages are deliberately not in the navigation (see `navigation()`): a nav listing every
system would be repeated on every page and make the site grow with the square of its size.

One module per page family: `home` (home, systems table, tags), `systems` (a system's page,
its model cards and downloads), `history`, `registers` (harms, controls), `components`, `nist`, `eu`, `obligations`,
`gaps`, `reference`, `evidence` (linked files), `facts` (what systems declare), `nav`; `core` holds what they share.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from aigov.site.pages.components import components_register
from aigov.site.pages.core import (
    ASSET_DIR,
    RESERVED,
    CardSet,
    Pages,
    SiteInputs,
    Stamp,
    front_matter,
)
from aigov.site.pages.eu import eu_ai_act
from aigov.site.pages.evidence import linked
from aigov.site.pages.facts import facts_page
from aigov.site.pages.gaps import gaps
from aigov.site.pages.history import history_page
from aigov.site.pages.home import home, systems_index, tags_page
from aigov.site.pages.nav import navigation
from aigov.site.pages.nist import genai_page, nist_matrix
from aigov.site.pages.obligations import obligations_register
from aigov.site.pages.reference import about, field_reference, fields_reference, rules_reference
from aigov.site.pages.registers import controls, harms
from aigov.site.pages.signoffs import signoffs_page
from aigov.site.pages.systems import adapt_card, system

ASSETS = ("aigov.css", "aigov.js", "iframe-worker.js")

Progress = Callable[[str, int, int], None]

__all__ = [
    "ASSET_DIR",
    "RESERVED",
    "CardSet",
    "Pages",
    "SiteInputs",
    "Stamp",
    "adapt_card",
    "field_reference",
    "front_matter",
    "generate_pages",
    "navigation",
]


def _noop(stage: str, done: int, total: int) -> None:
    return None


def generate_pages(pages: Pages, progress: Progress = _noop) -> dict[str, bytes]:
    """Every page of the site, each handed to `pages`' sink as soon as it is made."""
    for name in ASSETS:
        data = resources.files("aigov.site").joinpath("assets", name).read_bytes()
        pages.add(f"{ASSET_DIR}/{name}", data)
    total = len(pages.pf.systems)
    for i, view in enumerate(pages.pf.systems):
        system(pages, view)
        history_page(pages, view)
        progress("pages", i + 1, total)
    home(pages)
    systems_index(pages)
    harms(pages)
    controls(pages)
    signoffs_page(pages)
    components_register(pages)
    nist_matrix(pages)
    genai_page(pages)
    facts_page(pages)
    eu_ai_act(pages)
    obligations_register(pages)
    gaps(pages)
    rules_reference(pages)
    fields_reference(pages)
    about(pages)
    tags_page(pages)
    linked(pages)
    return pages.files
