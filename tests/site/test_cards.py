"""Cards for the site: the same output in worker processes, and not rendered twice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from aigov.checks import CheckOptions, make_checker, summary_of
from aigov.project import load_project
from aigov.provenance import provenance_for
from aigov.site import cards
from tests.site.conftest import FIXTURES

TODAY = dt.date(2026, 11, 20)


def _jobs(root: Path) -> list[cards.CardJob]:
    options = CheckOptions(today=TODAY, root=root)
    project = load_project(root=root, checker=make_checker(options), jobs=1)
    out = []
    for loaded in project.records:
        summary = summary_of(loaded, options)
        out.append(
            cards.CardJob(
                loaded=loaded,
                provenance=provenance_for(
                    loaded.path,
                    loaded.source,
                    loaded.content_hash,
                    root=root,
                    generated_at="2026-11-20T00:00:00Z",
                ),
                tier=summary.tier if summary else None,
                completeness=summary.completeness if summary else None,
                today=TODAY,
            )
        )
    return out


@pytest.fixture
def jobs() -> list[cards.CardJob]:
    cards._CACHE.clear()
    return _jobs(FIXTURES / "portfolio")


def test_worker_processes_render_the_same_cards(
    jobs: list[cards.CardJob], monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = cards.render_all(jobs, workers=1)
    cards._CACHE.clear()
    monkeypatch.setattr(cards, "PARALLEL_FROM", 1)
    parallel = cards.render_all(jobs, workers=2)
    assert [c.system_md for c in parallel] == [c.system_md for c in serial]
    assert [c.html_text for c in parallel] == [c.html_text for c in serial]
    assert [len(c.models) for c in serial] == [1, 0]  # alpha has one model component


def test_unchanged_inputs_are_not_rendered_again(
    jobs: list[cards.CardJob], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cards.render_all(jobs, workers=1)
    calls: list[str] = []
    real = cards.render_cards

    def counting(job: cards.CardJob) -> cards.CardSet:
        calls.append(job.loaded.id)
        return real(job)

    monkeypatch.setattr(cards, "render_cards", counting)
    assert cards.render_all(jobs, workers=1) == first
    assert calls == []
    changed = [jobs[0], cards.CardJob(**{**jobs[1].__dict__, "today": dt.date(2027, 1, 1)})]
    cards.render_all(changed, workers=1)
    assert calls == [jobs[1].loaded.id]  # only the card whose inputs changed


def test_the_json_download_is_the_record_itself(jobs: list[cards.CardJob]) -> None:
    out = cards.render_all(jobs, workers=1)
    assert json.loads(out[0].json_text) == jobs[0].loaded.data


def test_a_full_cache_is_not_emptied_by_the_cards_it_already_holds(
    jobs: list[cards.CardJob], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over half the cache limit, a rebuild of the same portfolio still finds every card:
    only cards about to be rendered count towards the limit."""
    rendered: list[str] = []

    def fake(job: cards.CardJob) -> cards.CardSet:
        rendered.append(job.loaded.path)
        return cards.CardSet(system_md=job.loaded.path)

    monkeypatch.setattr(cards, "render_cards", fake)
    monkeypatch.setattr(cards, "_CACHE_LIMIT", len(jobs) + 1)  # less than twice the portfolio
    list(cards.render_iter(jobs))
    assert len(rendered) == len(jobs)
    list(cards.render_iter(jobs))
    assert len(rendered) == len(jobs)  # nothing rendered again
