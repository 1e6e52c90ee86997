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


def test_serve_previews_and_rebuilds_when_a_record_changes(fixture_repo: Path) -> None:
    port = _free_port()
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
        cwd=fixture_repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        page = f"{base}/systems/beta-chat/"
        _wait_for(page, "Beta help chat", proc)
        home = _get(f"{base}/")
        assert home is not None and "livereload" in home  # the page reloads itself
        record = fixture_repo / "systems" / "beta-chat.yaml"
        record.write_text(record.read_text().replace("Beta help chat", "Beta opening-hours chat"))
        _wait_for(page, "Beta opening-hours chat", proc)
        assert not (fixture_repo / "site").exists()  # a preview never touches the real site
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
    assert "Serving on" in err
    assert "Traceback" not in err


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
