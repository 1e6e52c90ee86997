"""The engines that render the generated pages into a site: MkDocs in this process
(`run_mkdocs`), or ProperDocs and Zensical through their own commands (`run_external`).

All three read the same generated pages and the same `mkdocs.yml` settings; the pages use
only what every engine honours (no hooks, no plugins of aigov's own, no `exclude_docs`,
`not_in_nav` or `draft_docs`). `ENGINE_INFO` says what differs: how each is run, where it
writes its search index, whether it follows MkDocs' INHERIT rule."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic, Severity
from aigov.paths import display_path
from aigov.site.base import BuildError, Progress, no_progress


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _mkdocs_log() -> Iterator[_Collect]:
    """MkDocs' warnings, collected instead of printed, while the block runs."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved[0]
        logger.setLevel(saved[1])


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    progress: Progress = no_progress,
    pages: int = 0,
    *,
    strict: bool = False,
    serve_url: str | None = None,
    user_config: Path | None = None,
    parallel: bool = False,
    dirty: bool = False,
    prepare: Any = None,
) -> list[Diagnostic]:
    """Build with MkDocs in this process; returns its warnings as Diagnostics.

    `parallel`: convert the pages' Markdown in forked worker processes (`_ParallelRender`);
    only where nothing else runs threads in this process (not under `aigov serve`).

    Errors name the user's mkdocs.yml (`user_config`) when there is one: that is the file to
    fix, the generated config only inherits it."""
    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    with _mkdocs_log() as handler:
        shown = display_path(user_config or config_file)
        try:
            cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)

            class _Progress(BasePlugin):
                done = 0

                def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
                    self.done += 1
                    progress("render", self.done, pages)
                    return output

            cfg.plugins["aigov-progress"] = _Progress()
            if parallel and (workers := _render_workers()) > 1:
                cfg.plugins["aigov-parallel"] = _parallel_plugin(workers)
            if prepare is not None:  # a MkDocsSession: its plugins live across builds
                prepare(cfg)
                mk_build(cfg, serve_url=serve_url, dirty=dirty)
            else:
                cfg.plugins.on_startup(command="build", dirty=False)
                try:
                    mk_build(cfg, serve_url=serve_url)
                finally:
                    cfg.plugins.on_shutdown()
        except Exception as exc:
            raise _mkdocs_error(exc, shown, handler.records) from exc
    return [
        Diagnostic(
            shown,
            0,
            0,
            "AIG-SITE-MKDOCS",
            " ".join(r.getMessage().split()),
            Severity.WARNING,
            hint="A warning from MkDocs while rendering the site.",
        )
        for r in handler.records
    ]


# --- MkDocs kept loaded under `aigov serve` -----------------------------------------------


DIRTY_NOTE = "A 'dirty' build is being performed"  # MkDocs' warning on every dirty build


class MkDocsSession:
    """MkDocs across the builds of `aigov serve`: the first build renders every page, each
    later one only the pages whose generated Markdown changed (MkDocs' dirty build: the page
    writer leaves unchanged pages untouched, so their HTML is newer than their source). The
    search index keeps every page's entries from the build that last rendered it.

    A full build again when the generated config or the user's mkdocs.yml changed, or when a
    page was removed (a dirty build would keep serving its HTML)."""

    def __init__(self, site_dir: Path, serve_url: str | None = None) -> None:
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.key: tuple[bytes, bytes] | None = None
        self.entries: dict[str, list[Any]] = {}  # page (docs path) -> its search entries
        self.started: Any = None  # the config whose plugins got on_startup

    def build(
        self,
        config_file: Path,
        *,
        strict: bool = False,
        user_config: Path | None = None,
        removed: bool = False,
    ) -> list[Diagnostic]:
        key = (
            config_file.read_bytes(),
            user_config.read_bytes() if user_config and user_config.is_file() else b"",
        )
        dirty = self.key == key and not removed and self.site_dir.is_dir()
        if not dirty:
            self.entries = {}
        session = self

        def prepare(cfg: Any) -> None:
            from mkdocs.plugins import BasePlugin

            class _KeepSearch(BasePlugin):
                def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
                    search = _search_plugin(config)
                    if search is not None:
                        _keep_search(search.search_index, session.entries)
                    return nav

            cfg.plugins["aigov-keep-search"] = _KeepSearch()
            if session.started is None:
                # plugins that keep state between builds (on_startup) are kept by MkDocs
                cfg.plugins.on_startup(command="serve", dirty=True)
                session.started = cfg

        warnings = run_mkdocs(
            config_file,
            self.site_dir,
            strict=strict,
            serve_url=self.serve_url,
            user_config=user_config,
            dirty=dirty,
            prepare=prepare,
        )
        self.key = key
        return [w for w in warnings if DIRTY_NOTE not in w.message]


def _keep_search(index: Any, kept: dict[str, list[Any]]) -> None:
    """Material's search index, made to hold the entries of the pages this build did not
    render (kept from earlier builds) beside those it did."""
    add = index.add_entry_from_context
    generate = index.generate_search_index

    def add_and_keep(page: Any) -> None:
        before = len(index.entries)
        add(page)
        kept[page.file.src_uri] = index.entries[before:]

    def generate_all(prev: Any) -> Any:
        index.entries = [e for entries in kept.values() for e in entries]
        return generate(None)

    index.add_entry_from_context = add_and_keep
    index.generate_search_index = generate_all


# --- MkDocs on every core ------------------------------------------------------------------
#
# MkDocs renders one page after another, and most of a large site's build is Python-Markdown
# converting each page and Material's search plugin parsing the HTML it made (issue 18's
# profile: about 60 % and 25 %). Both depend on one page alone. `_ParallelRender` does both
# for every page in forked workers once MkDocs knows the site's files and nav (`on_nav`),
# then lets MkDocs go on as usual: each page's `render` takes the prepared HTML, table of
# contents and anchors when the Markdown it gets is the Markdown the worker converted (a
# plugin that changed it on the way gets a real render), and the search index takes the
# prepared entries when the page's HTML is the one they were made from. Warnings the workers
# logged are logged again here, so --strict and the build's warnings see them.


_WORK: tuple[Any, Any, list[Any], Any] | None = None  # (config, files, pages, search config)


def _render_workers() -> int:
    import multiprocessing

    if (
        not sys.platform.startswith("linux")
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 1  # the workers must start as copies of this process (config, files, nav)
    return min(os.cpu_count() or 1, 4)


def _digest(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _render_chunk(indices: list[int]) -> list[dict[str, Any]]:
    """In a worker: render the pages at `indices` as MkDocs would, and index them for search."""
    assert _WORK is not None
    config, files, pages, search_config = _WORK
    collect = _Collect()
    collect.setLevel(logging.DEBUG)
    logging.getLogger("mkdocs").addHandler(collect)
    out = []
    for i in indices:
        page = pages[i]
        del collect.records[:]
        try:
            page.read_source(config)
            source = page.markdown
            page.render(config, files)
        except Exception:  # MkDocs renders it itself, and reports what is wrong
            continue
        entries = None
        if search_config is not None:
            from material.plugins.search.plugin import SearchIndex

            index = SearchIndex(**search_config)
            try:
                index.add_entry_from_context(page)
                entries = index.entries
            except Exception:
                entries = None
        links = page.links_to_anchors
        out.append(
            {
                "i": i,
                "source": _digest(source),
                "content": page.content,
                "content_digest": _digest(page.content),
                "toc": page.toc,
                "title": page._title_from_render,
                "anchors": page.present_anchor_ids,
                "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                "search": entries,
                "logs": [(r.name, r.levelno, r.getMessage()) for r in collect.records],
            }
        )
    return out


def _search_plugin(config: Any) -> Any:
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search") and hasattr(plugin, "search_index"):
            return plugin
    return None


class _ParallelRender:
    """An in-process MkDocs plugin (never written into a config): see the comment above.
    Made a `BasePlugin` by `_parallel_plugin`, so that importing this module needs no MkDocs."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        import multiprocessing

        global _WORK
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        if len(pages) < 2 * self.workers:
            return nav
        search = _search_plugin(config)
        search_config = dict(search.search_index.config) if search is not None else None
        _WORK = (config, files, pages, search_config)
        # the largest pages first, spread over the workers, so they end together
        order = sorted(range(len(pages)), key=lambda i: -_size(pages[i]))
        chunks = [order[k :: self.workers * 4] for k in range(self.workers * 4)]
        try:  # a worker that dies breaks the pool (an error here), never hangs the build
            with ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork")
            ) as pool:
                done = [r for part in pool.map(_render_chunk, chunks) for r in part]
        except Exception:  # MkDocs renders every page itself, as always
            return nav
        finally:
            _WORK = None
        by_page: dict[int, dict[str, Any]] = {r["i"]: r for r in done}
        entries: dict[int, tuple[str, list[Any]]] = {}
        for i, page in enumerate(pages):
            if i in by_page:
                page.render = _prepared(page, by_page[i], files, page.render)
                if by_page[i]["search"] is not None:
                    entries[id(page)] = (by_page[i]["content_digest"], by_page[i]["search"])
        if search is not None and entries:
            index = search.search_index
            index.add_entry_from_context = _prepared_search(index, entries)
        return nav


def _parallel_plugin(workers: int) -> Any:
    from mkdocs.plugins import BasePlugin

    plugin_class = type("ParallelRender", (_ParallelRender, BasePlugin), {})
    return plugin_class(workers)


def _size(page: Any) -> int:
    try:
        return os.path.getsize(page.file.abs_src_path)
    except (OSError, TypeError):
        return 0


def _prepared(page: Any, done: dict[str, Any], files: Any, render: Any) -> Any:
    def prepared_render(config: Any, files_now: Any) -> None:
        if page.markdown is None or _digest(page.markdown) != done["source"]:
            render(config, files_now)  # a plugin changed the Markdown: render it for real
            return
        page.content = done["content"]
        page.toc = done["toc"]
        page._title_from_render = done["title"]
        page.present_anchor_ids = done["anchors"]
        if done["links"] is not None:
            page.links_to_anchors = {
                f: v
                for uri, v in done["links"].items()
                if (f := files_now.get_file_from_path(uri)) is not None
            }
        for name, level, message in done["logs"]:
            logging.getLogger(name).log(level, message)

    return prepared_render


def _prepared_search(index: Any, entries: dict[int, tuple[str, list[Any]]]) -> Any:
    original = index.add_entry_from_context

    def add(page: Any) -> None:
        found = entries.get(id(page))
        if found is not None and found[0] == _digest(page.content or ""):
            index.entries.extend(found[1])
        else:
            original(page)

    return add


def _mkdocs_error(exc: Exception, shown: str, records: list[logging.LogRecord]) -> BuildError:
    """What a failed MkDocs build tells the user: a setting to fix (MkDocs said so, its last
    warnings added), or a broken theme or plugin."""
    from mkdocs import exceptions as mk_exc

    if isinstance(exc, mk_exc.MkDocsException):
        detail = "; ".join(r.getMessage() for r in records[-3:])
        return BuildError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-MKDOCS",
                f"MkDocs could not build the site: {exc}" + (f" ({detail})" if detail else ""),
                hint="Fix the setting in your mkdocs.yml (the generated .aigov-build/mkdocs.yml "
                "inherits it); the previous site was left as it was.",
            )
        )
    return BuildError(
        Diagnostic(
            shown,
            0,
            0,
            "AIG-SITE-MKDOCS",
            f"MkDocs failed: {type(exc).__name__}: {exc}",
            hint="A theme or plugin in your mkdocs.yml may be broken; the previous site was left as it was.",
        )
    )


@dataclass(frozen=True)
class Engine:
    """One engine that renders the generated pages: how to run it and where it writes what."""

    name: str  # as given to --engine
    label: str  # as said to the user
    module: str  # run as `python -m <module>`
    package: str  # the distribution whose version is reported
    search_index: str  # the search index in the built site
    in_process: bool = False  # MkDocs runs in aigov's own process (progress, warnings)
    output_in_build_folder: bool = False  # refuses a site_dir outside its config's folder
    inherits: bool = True  # reads INHERIT as MkDocs does (lists replaced, not appended)


ENGINE_INFO: dict[str, Engine] = {
    "mkdocs": Engine(
        "mkdocs", "MkDocs", "mkdocs", "mkdocs", "search/search_index.json", in_process=True
    ),
    "properdocs": Engine(
        "properdocs", "ProperDocs", "properdocs", "properdocs", "search/search_index.json"
    ),
    # Zensical merges an INHERIT chain by appending lists (nav, plugins, extra_css twice), and
    # its "project root" is the config's folder: it gets a whole config of its own, writing
    # into the build folder, and aigov moves the site out.
    "zensical": Engine(
        "zensical",
        "Zensical",
        "zensical",
        "zensical",
        "search.json",
        output_in_build_folder=True,
        inherits=False,
    ),
}

# The notices Material for MkDocs (from 9.7.2) and ProperDocs' plugins print about MkDocs 2.0
# on every build: true, but not a failure, and aigov's build line already names the engine.
QUIET_BANNERS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def installed(name: str) -> bool:
    return importlib.util.find_spec(ENGINE_INFO[name].module) is not None


def engine_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(ENGINE_INFO[name].package)
    except importlib.metadata.PackageNotFoundError:
        return None


def describe(name: str) -> str:
    """The engine and its version, with the theme's when the engine is a MkDocs 1.x:
    "MkDocs 1.6.1 (Material 9.7.6)", "Zensical 0.0.73"."""
    engine = ENGINE_INFO[name]
    text = f"{engine.label} {engine_version(name) or '(version unknown)'}"
    if engine.inherits:
        with suppress(importlib.metadata.PackageNotFoundError):
            text += f" (Material {importlib.metadata.version('mkdocs-material')})"
    return text


def not_installed(name: str) -> BuildError:
    extra = "" if name == "mkdocs" else " (or pip install 'aigov[engines]')"
    return BuildError(
        Diagnostic(
            "aigov",
            0,
            0,
            "AIG-SITE-ENGINE",
            f"the {name} engine is not installed",
            hint=f"pip install {ENGINE_INFO[name].package}{extra}, or build with the default "
            "engine (--engine mkdocs).",
        )
    )


def run_external(
    engine: str, config_file: Path, site_dir: Path, *, strict: bool = False, cwd: Path | None = None
) -> None:
    """Build with the engine's own command (`python -m <engine> build`) into `site_dir`.

    Zensical writes where its config says, inside the build folder (`rendered_into`); the
    site is moved from there to `site_dir`."""
    info = ENGINE_INFO[engine]
    if not installed(engine):
        raise not_installed(engine)
    args = [sys.executable, "-m", info.module, "build", "-f", str(config_file)]
    rendered = rendered_into(config_file) if info.output_in_build_folder else site_dir
    if info.output_in_build_folder:
        if rendered.exists():
            shutil.rmtree(rendered)
    else:
        args += ["-d", str(site_dir)]
    if strict:
        args.append("--strict")
    env = {**os.environ, **QUIET_BANNERS}
    try:
        proc = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=3600,
            env=env,
            cwd=str(cwd or config_file.parent),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise BuildError(
            Diagnostic("aigov", 0, 0, "AIG-SITE-ENGINE", f"{engine} could not run: {exc}")
        ) from exc
    if proc.returncode != 0 or not rendered.is_dir():
        lines = [ln for ln in (proc.stderr + "\n" + proc.stdout).strip().splitlines() if ln.strip()]
        tail = " ".join(lines[-3:])
        raise BuildError(
            Diagnostic(
                display_path(config_file),
                0,
                0,
                "AIG-SITE-ENGINE",
                f"{engine} build failed (exit {proc.returncode}): {tail}",
                hint="The previous site was left as it was.",
            )
        )
    if rendered != site_dir:
        shutil.move(str(rendered), str(site_dir))


def rendered_into(config_file: Path) -> Path:
    """Where an engine that must write inside its config's folder (Zensical) puts the site."""
    return config_file.parent / ".site-rendered"
