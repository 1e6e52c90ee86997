"""The page generator's child process: results, progress, errors and a child that dies."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from aigov.diagnostics import Diagnostic
from aigov.site import BuildError, BuildOptions, build_site
from aigov.site import cards as site_cards
from aigov.site.isolate import ChildFailed, call_in_child


def _count(n: int, *, progress: Any) -> dict[str, int]:
    for i in range(n):
        progress("count", i + 1, n)
    return {"pid": os.getpid(), "n": n}


def _refuse(*, progress: Any) -> None:
    raise BuildError(Diagnostic("site", 0, 0, "AIG-SITE-DIR", "no", hint="choose another"))


def _unpicklable(*, progress: Any) -> None:
    class Local(Exception):
        pass

    raise Local("made inside a function, so it cannot be pickled")


def _unsendable(*, progress: Any) -> Any:
    return lambda: None  # a result that does not pickle


def _die(*, progress: Any) -> None:
    progress("work", 1, 2)
    os._exit(9)


def test_the_result_and_every_progress_step_come_back_from_another_process() -> None:
    seen: list[tuple[str, int, int]] = []
    result = call_in_child(_count, 3, progress=lambda *a: seen.append(a))
    assert result["n"] == 3 and result["pid"] != os.getpid()
    assert seen == [("count", 1, 3), ("count", 2, 3), ("count", 3, 3)]


def test_a_build_error_keeps_its_diagnostic() -> None:
    with pytest.raises(BuildError) as caught:
        call_in_child(_refuse, progress=lambda *a: None)
    assert caught.value.diagnostic.code == "AIG-SITE-DIR"
    assert caught.value.diagnostic.hint == "choose another"


def test_an_exception_that_cannot_travel_is_named() -> None:
    with pytest.raises(ChildFailed, match="Local: made inside a function"):
        call_in_child(_unpicklable, progress=lambda *a: None)


def test_a_result_that_cannot_travel_is_named_not_taken_for_a_crash() -> None:
    with pytest.raises(ChildFailed, match="the result could not be sent"):
        call_in_child(_unsendable, progress=lambda *a: None)


def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    done = threading.Event()
    with pytest.raises(ChildFailed, match="exit code 9"):
        call_in_child(_die, progress=lambda *a: done.set())
    assert done.is_set()


def test_a_rendered_build_generates_its_pages_in_a_child(fixture_repo: Path) -> None:
    """MkDocs renders in a process that never held the records: the parent's card cache,
    which the generator fills, stays empty; `aigov serve` (render=False) keeps it warm."""
    repo = fixture_repo
    site_cards._CACHE.clear()
    result = build_site(BuildOptions(root=repo, jobs=1))
    assert result.rendered and (result.site_dir / "index.html").is_file()
    assert result.systems > 0 and not site_cards._CACHE
    build_site(BuildOptions(root=repo, jobs=1, render=False))
    assert len(site_cards._CACHE) == result.systems


def test_the_child_also_works_when_processes_are_spawned(
    fixture_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows start processes by spawning a fresh interpreter (Python 3.14 on
    Linux too): the options, the generator and its result must travel by pickle."""
    import multiprocessing

    from aigov.site import isolate

    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(isolate.multiprocessing, "get_context", lambda: spawn)
    result = build_site(BuildOptions(root=fixture_repo, jobs=1))
    assert result.rendered and (result.site_dir / "index.html").is_file()
    assert result.systems > 0
