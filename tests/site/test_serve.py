"""`aigov serve`: a real preview server that rebuilds when a record changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.site.conftest import TODAY

DEADLINE = 120.0  # generous: this is a bound against hanging, not a speed requirement


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, needle: str, proc: subprocess.Popen[str]) -> str:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"aigov serve exited {proc.returncode}: {out}{err}")
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.5)
    pytest.fail(f"{url} never showed {needle!r}")


@dataclass
class Preview:
    """A running `aigov serve` and, once it stopped, what it printed on standard error."""

    proc: subprocess.Popen[str]
    base: str
    stderr: str = ""


@contextmanager
def preview(repo: Path, port: int) -> Iterator[Preview]:
    """`aigov serve` on 127.0.0.1:`port` in `repo`, stopped with Ctrl-C (SIGINT) afterwards."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aigov",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--today",
            TODAY,
        ],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,
    )
    running = Preview(proc, f"http://127.0.0.1:{port}")
    try:
        yield running
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _, running.stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, running.stderr = proc.communicate()


def test_serve_previews_and_rebuilds_when_a_record_changes(fixture_repo: Path) -> None:
    with preview(fixture_repo, _free_port()) as served:
        page = f"{served.base}/systems/beta-chat/"
        _wait_for(page, "Beta help chat", served.proc)
        home = _get(f"{served.base}/")
        assert home is not None and "livereload" in home  # the page reloads itself
        record = fixture_repo / "systems" / "beta-chat.yaml"
        record.write_text(record.read_text().replace("Beta help chat", "Beta opening-hours chat"))
        _wait_for(page, "Beta opening-hours chat", served.proc)
        assert not (fixture_repo / "site").exists()  # a preview never touches the real site
    assert "Serving on" in served.stderr
    assert "Traceback" not in served.stderr


def test_serve_reports_a_busy_port_clearly(fixture_repo: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "aigov",
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
                "--today",
                TODAY,
            ],
            cwd=fixture_repo,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr
