"""The cards on the site: each system's card rendered by `aigov.cards`, fitted to the site.

Card rendering is the most expensive part of a build, so it is

- parallel: with many systems the cards render in worker processes (the pool that loaded the
  records), while the pages of the systems before them are written;
- cached in the process: `aigov serve` rebuilds after every change, and a card whose inputs
  (record data, findings, tier, completeness, provenance, options, templates) are unchanged is
  not rendered again, so one edited record costs one card.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.hashing import canonical_json
from aigov.paths import templates_dir
from aigov.project import LoadedRecord
from aigov.site.pages import CardSet
from aigov.textsafety import json_text

if TYPE_CHECKING:
    from aigov.checks import Completeness, TierAssessment

PARALLEL_FROM = 48  # below this many systems, starting workers costs more than it saves
_CACHE: dict[str, CardSet] = {}
_CACHE_LIMIT = 5000


@dataclass(frozen=True)
class CardJob:
    """Everything one system's cards depend on (picklable, for worker processes)."""

    loaded: LoadedRecord
    provenance: Any  # aigov.provenance.Provenance
    tier: TierAssessment | None
    completeness: Completeness | None
    today: dt.date
    policy: Any = None  # aigov.checks Policy: the review cadence of records that name none
    audience: str = "internal"
    flavor: str = "mkdocs"
    user_templates: Path | None = None
    # organisation.yaml's controls, which the exports count (None in a public build)
    organisation: Any = None  # aigov.organisation.LoadedOrganisation

    def key(self, templates: str) -> str:
        parts = [
            canonical_json(self.loaded.data),
            self._components(),
            [d.to_dict() for d in self.loaded.diagnostics],
            self.tier.to_dict() if self.tier is not None else None,
            self.completeness.to_dict() if self.completeness is not None else None,
            self.provenance.to_dict(),
            self.today.isoformat(),
            self.policy.review_cadence_days if self.policy is not None else None,
            self.audience,
            self.flavor,
            templates,
            [c.model_dump(mode="json") for c in self.organisation.controls]
            if self.organisation is not None
            else None,
        ]
        return hashlib.sha256(canonical_json(parts).encode("utf-8")).hexdigest()

    def _components(self) -> list[str | None]:
        """The content hash of each shared component the record uses: a shared model's card
        and the sign-offs change with it."""
        record = self.loaded.record
        if record is None or not record.uses:
            return []
        from aigov.components import component_digest
        from aigov.paths import find_root

        root = find_root(self.loaded.source.parent)
        return [component_digest(root, u.component) for u in record.uses]


def templates_signature(folders: Iterable[Path | None]) -> str:
    """Changes whenever a template file is added, removed or edited."""
    entries = []
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()


def render_cards(job: CardJob) -> CardSet:
    """The system card for its page, a model card per component, the standalone HTML card."""
    from aigov.cards import render as cr
    from aigov.cards import with_shared_model
    from aigov.cards.context import (
        CardOptions,
        CheckInputs,
        model_card_context,
        system_card_context,
    )
    from aigov.paths import find_root

    loaded, prov = job.loaded, job.provenance
    checks = CheckInputs(tier=job.tier, completeness=job.completeness, policy=job.policy)
    # The cards prefix every relative link with link_base, so links between cards are written
    # from the docs root, like the record's own repository-relative paths (evidence/…).
    page_opts = CardOptions(
        today=job.today,
        link_base="../..",
        model_href="systems/{system}/models/{model}.md",
        system_href="systems/{system}/index.md",
    )
    card = system_card_context(loaded, prov, options=page_opts, checks=checks)
    record = loaded.record
    models = []
    for component in record.approach.components if record and record.approach else []:
        mcard = model_card_context(
            loaded,
            component.id,
            prov,
            options=replace(page_opts, link_base="../../.."),  # a model page sits one deeper
            checks=checks,
        )
        models.append(
            (
                component.id,
                component.name,
                cr.render_markdown(
                    mcard, user_dir=job.user_templates, flavor=job.flavor, site=True
                ),
            )
        )
    for use in record.uses if record else []:
        shared = with_shared_model(loaded, find_root(loaded.source.parent), use.component)
        if shared is None or shared.record is None:
            continue
        mcard = model_card_context(
            shared,
            use.component,
            prov,
            options=replace(page_opts, link_base="../../.."),
            checks=checks,
        )
        name = next(c.name for c in shared.record.approach.components if c.id == use.component)  # type: ignore[union-attr]
        models.append(
            (
                use.component,
                name,
                cr.render_markdown(
                    mcard, user_dir=job.user_templates, flavor=job.flavor, site=True
                ),
            )
        )
    download = standalone(card)
    from aigov.exports.build import site_exports

    return CardSet(
        system_md=cr.render_markdown(
            card, user_dir=job.user_templates, flavor=job.flavor, site=True
        ),
        models=models,
        json_text=record_json(loaded),
        html_text=cr.render_html(download, user_dir=job.user_templates, site=True),
        provenance=prov,
        exports=site_exports(
            loaded, prov.to_dict(), job.today, job.user_templates, job.organisation
        ),
    )


def standalone(card: dict[str, Any]) -> dict[str, Any]:
    """The page card's context for the standalone HTML card, a file on its own: the same but
    that its model components link to no model page (`model_href=None`). Made from the page
    card, not built again (building a context took a sixth of a system's cards)."""
    approach = card["sections"].get("approach")
    if approach is None or "components" not in approach.parts:
        return card
    rows = [{**row, "href": None} for row in approach.parts["components"]]
    sections = {
        **card["sections"],
        "approach": replace(approach, parts={**approach.parts, "components": rows}),
    }
    return {**card, "sections": sections, "models": rows}


def record_json(loaded: LoadedRecord) -> str:
    """The record itself as JSON (keys in the record's own order), for download."""
    return json_text(loaded.data, indent=2, default=str) + "\n"


def render_iter(
    jobs: list[CardJob], *, pool: Executor | None = None, cache: bool = True
) -> Iterator[CardSet]:
    """Cards for every job, in order, as they are ready: cached ones reused, the rest
    rendered in `pool` when there are many. With `cache`, what was rendered is kept for the
    next call (`aigov serve`); a one-off build leaves it off and holds no card it has
    already handed out."""
    signature = templates_signature(
        [templates_dir(), *{j.user_templates for j in jobs if j.user_templates}]
    )
    keys = [job.key(signature) for job in jobs]
    misses = {k for k in keys if k not in _CACHE}
    if cache and len(_CACHE) + len(misses) > _CACHE_LIMIT:
        _CACHE.clear()  # before deciding what to render: a key found now stays found
    by_key = dict(zip(keys, jobs, strict=True))
    todo = [by_key[k] for k in dict.fromkeys(keys) if k not in _CACHE]
    if pool is not None and len(todo) >= PARALLEL_FROM:
        chunk = max(1, min(8, len(todo) // 64))
        fresh: Iterator[CardSet] = pool.map(render_cards, todo, chunksize=chunk)
    else:
        fresh = map(render_cards, todo)
    left = Counter(keys)
    held: dict[str, CardSet] = {}  # rendered, and asked for again further on
    for key in keys:
        cards = _CACHE.get(key) or held.get(key) or next(fresh)
        left[key] -= 1
        if left[key]:
            held[key] = cards
        else:
            held.pop(key, None)
        if cache:
            _CACHE[key] = cards
        yield cards


def render_all(
    jobs: list[CardJob],
    *,
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[CardSet]:
    """Cards for every job, in order (see `render_iter`), in a pool of `workers`."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    out: list[CardSet] = []
    with ProcessPoolExecutor(workers) if workers > 1 else nullcontext() as pool:
        for cards in render_iter(jobs, pool=pool):
            out.append(cards)
            if progress is not None:
                progress("cards", len(out), len(jobs))
    return out
