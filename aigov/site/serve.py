"""`aigov serve`: build the site into a temporary folder, serve it, rebuild on every change.

It uses MkDocs' own live-reload server: open pages reload when the build finishes. A change
to a record, a template, `mkdocs.yml`, the policy file or the user's own pages regenerates the
pages (only changed files are rewritten, see `aigov.site.writer`) and MkDocs re-renders only
those (`aigov.site.engines.MkDocsSession`).
A failed rebuild keeps the last good site and reports through `on_error`.

Nothing here prints: the caller passes callbacks.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aigov.site.mkdocs_config as mc
from aigov.diagnostics import Diagnostic
from aigov.organisation import ORGANISATION_FILES
from aigov.provenance import build_moment
from aigov.site.base import BUILD_DIR, BuildError, BuildOptions, BuildResult
from aigov.site.build import build_site, first_pass
from aigov.site.engines import MkDocsSession


@dataclass
class ServeOptions:
    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    livereload: bool = True
    open_browser: bool = False


def watched_paths(root: Path, config_file: Path | None = None) -> list[Path]:
    """What a preview watches: records, templates, configuration, the user's own pages."""
    user = mc.read_user_config(root, config_file)
    candidates = [
        root / "systems",
        root / "templates",
        root / "evidence",
        root / "aigov.yaml",
        *(root / name for name in ORGANISATION_FILES),
    ]
    if user.path is not None:
        candidates.append(user.path)
        if user.docs_dir is not None:
            candidates.append(user.docs_dir)
    build = (root / BUILD_DIR).resolve()
    out = []
    for path in candidates:
        if path.exists() and not path.resolve().is_relative_to(build):
            out.append(path)
    return out


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
WILDCARDS = ("0.0.0.0", "[::]")


def _this_machine() -> set[str]:
    """The names and addresses a browser on the network uses for this machine."""
    name = socket.gethostname()
    try:
        _, aliases, addresses = socket.gethostbyname_ex(name)
    except OSError:
        aliases, addresses = [], []
    return {name, socket.getfqdn(), *aliases, *addresses}


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` headers the preview answers: the address it listens on (with the loopback
    names on loopback, and this machine's names on a wildcard address). Anything else is a
    page elsewhere reaching the preview through DNS rebinding."""
    own = f"[{host}]" if ":" in host else host
    names = {own}
    if own in LOOPBACK_NAMES or own in WILDCARDS:
        names.update(LOOPBACK_NAMES)
    if own in WILDCARDS:
        names.update(_this_machine())
    return frozenset(
        {f"{name}:{port}".lower() for name in names} | {n.lower() for n in names if port == 80}
    )


def host_allowed(environ: dict[str, object], allowed: frozenset[str]) -> bool:
    return str(environ.get("HTTP_HOST", "")).strip().lower() in allowed


if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer


def _first_pass(gen: BuildOptions, session: MkDocsSession) -> bool:
    """The changed records' own pages, generated and rendered before the rest of the site
    (`aigov.site.quickpass`); True when the site now shows them. A failure here is left to
    the full build, which reports it."""
    try:
        quick = first_pass(gen)
        if quick is None or not quick.write.written:
            return False
        session.build(quick.config_file, strict=False, user_config=quick.user_config)
    except BuildError:
        return False
    return True


def _server_class(allowed_names: frozenset[str]) -> type[LiveReloadServer]:
    """MkDocs' live-reload server, answering only requests addressed to its own host."""
    from mkdocs.livereload import LiveReloadServer

    class HostCheckedServer(LiveReloadServer):
        allowed = allowed_names

        def show_now(self) -> None:
            """Reload the open pages in the middle of a rebuild: what is built so far is the
            site as it should be seen now (MkDocs reloads them only when the rebuild ends)."""
            with self._epoch_cond:
                self._wanted_epoch = self._visible_epoch = max(
                    self._visible_epoch + 1, round(time.monotonic() * 1000)
                )
                self._epoch_cond.notify_all()

        def serve_request(self, environ, start_response) -> Iterable[bytes]:  # type: ignore[no-untyped-def]
            if not host_allowed(environ, self.allowed):
                start_response("421 Misdirected Request", [("Content-Type", "text/plain")])
                return [b"aigov serve answers only requests addressed to its own address.\n"]
            return super().serve_request(environ, start_response)

    return HostCheckedServer


def serve(
    options: ServeOptions,
    *,
    on_ready: Callable[[str], None] = lambda url: None,
    on_build: Callable[[BuildResult], None] = lambda result: None,
    on_error: Callable[[Diagnostic], None] = lambda diag: None,
    stop: threading.Event | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C) or until `stop` is set."""
    root = options.build.root.resolve()
    site = Path(tempfile.mkdtemp(prefix="aigov-serve-"))
    url = f"http://{options.host}:{options.port}/"
    # one build time for the whole preview: saving a record rewrites only its own pages
    built_at = options.build.built_at or build_moment()
    gen = replace(options.build, render=False, site_dir=site, built_at=built_at)

    session = MkDocsSession(site, serve_url=url)
    live: list[Any] = []  # the server (HostCheckedServer), once it exists

    def builder() -> None:
        quick = _first_pass(gen, session)
        if quick and live:
            live[0].show_now()  # the browser shows the saved record's pages now
        try:
            result = build_site(gen)
            result.warnings.extend(
                session.build(
                    result.config_file,
                    strict=gen.strict,
                    user_config=result.user_config,
                    removed=bool(result.write.removed),
                )
            )
            result.site_dir = site
            result.rendered = True
            if quick and live:
                live[0].show_now()  # and again with the portfolio's pages up to date
            on_build(result)
        except BuildError as exc:
            on_error(exc.diagnostic)

    try:
        builder()
        server = _server_class(allowed_hosts(options.host, options.port))(
            builder=builder, host=options.host, port=options.port, root=str(site)
        )
        live.append(server)
        if options.livereload:
            for path in watched_paths(root, options.build.config_file):
                server.watch(str(path))
        if stop is not None:

            def wait_for_stop() -> None:
                stop.wait()
                server.shutdown()

            threading.Thread(target=wait_for_stop, daemon=True).start()
        try:
            server.server_bind()
            server.server_activate()
        except OSError as exc:
            server.server_close()
            raise BuildError(
                Diagnostic(
                    f"{options.host}:{options.port}",
                    0,
                    0,
                    "AIG-SERVE-ADDR",
                    f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}",
                    hint="Another program uses this port; pick another with --dev-addr 127.0.0.1:8001.",
                )
            ) from exc
        # LiveReloadServer.serve() binds again; it has been bound above, so skip that step.
        server.server_bind = lambda: None  # type: ignore[method-assign]
        server.server_activate = lambda: None  # type: ignore[method-assign]
        on_ready(server.url)
        try:
            server.serve(open_in_browser=options.open_browser)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site, ignore_errors=True)
