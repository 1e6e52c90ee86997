"""Sites built once per session with the real `aigov build` (and so the real `mkdocs build`).

- `example_site`: the repository's own example records, evidence and mkdocs.yml, copied into
  a temporary folder (never built inside the checkout);
- `fixture_repo` / `fixture_site`: the small portfolio under tests/site/fixtures/portfolio,
  which has its own mkdocs.yml (an extra page, its own nav, a `!!python/name:` tag);
- `engine_site` / `engine_server`: the example site built by each engine in turn (`engine`:
  mkdocs, properdocs, zensical), once per session each; mkdocs' is `example_site` itself.

Review dates are judged as of a fixed day so the pages do not change with the calendar.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, Run, engine_params, run_aigov

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
TODAY = "2026-11-20"
# Every page states when it was built; tests fix the build time (the reproducible-builds
# convention) so pages do not change with the clock.
BUILT_AT = "2026-11-20T12:00:00Z"
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1795176000"}


def build(root: Path, *args: str) -> Run:
    """`aigov build` in this process (click's runner: the real CLI and the real MkDocs,
    without paying for a new interpreter per build)."""
    from click.testing import CliRunner

    from aigov.cli import cli

    old = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(
            cli, ["build", "--today", TODAY, *args], catch_exceptions=False, env=BUILD_ENV
        )
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


def build_process(root: Path, *args: str) -> Run:
    """`aigov build` as its own process, exactly as users and CI run it."""
    return run_aigov("build", "--today", TODAY, *args, cwd=root, timeout=300, env=BUILD_ENV)


def copy_example_repo(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("systems", "evidence", "docs", "components"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    for name in ("mkdocs.yml", "aigov.yaml", "organisation.yaml"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, dest / name)
    return dest


def copy_fixture(name: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / name, dest)
    return dest


@dataclass
class Site:
    root: Path
    run: Run

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def docs(self) -> Path:
        return self.root / ".aigov-build" / "docs"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = copy_example_repo(tmp_path_factory.mktemp("examples") / "repo")
    run = build_process(root)
    assert run.returncode == 0, run.stdout + run.stderr
    return Site(root, run)


@pytest.fixture(scope="session", params=engine_params())
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def engine_site(engine: str, example_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Site:
    if engine == "mkdocs":
        return example_site
    root = copy_example_repo(tmp_path_factory.mktemp(f"examples-{engine}") / "repo")
    run = build_process(root, "--engine", engine)
    assert run.returncode == 0, run.stdout + run.stderr
    return Site(root, run)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = copy_fixture("portfolio", tmp_path_factory.mktemp("portfolio") / "repo")
    run = build(root)
    assert run.returncode == 0, run.stdout + run.stderr
    return Site(root, run)


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Path:
    """A fresh copy of the small portfolio for tests that change it."""
    return copy_fixture("portfolio", tmp_path / "repo")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def example_server(example_site: Site) -> Iterator[str]:
    """The example site served over http on 127.0.0.1, as an auditor's browser sees it."""
    yield from _serve(example_site.site)


@pytest.fixture(scope="session")
def engine_server(engine_site: Site) -> Iterator[str]:
    """`example_server` for the site each engine built."""
    yield from _serve(engine_site.site)


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
