"""`aigov serve` answers only requests addressed to it: a DNS-rebinding page cannot read it."""

from __future__ import annotations

import http.client
from pathlib import Path

import pytest

from aigov.site.serve import allowed_hosts, host_allowed
from tests.site.test_serve import _free_port, _wait_for, preview


def _status(port: int, host_header: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/", headers={"Host": host_header})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_serve_refuses_a_foreign_host_header(fixture_repo: Path) -> None:
    port = _free_port()
    with preview(fixture_repo, port) as served:
        _wait_for(f"{served.base}/", "Beta help chat", served.proc)
        for own in (f"127.0.0.1:{port}", f"localhost:{port}"):
            status, body = _status(port, own)
            assert status == 200 and "Beta help chat" in body, own
        for foreign in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}"):
            status, body = _status(port, foreign)
            assert status == 421, foreign
            assert "Beta help chat" not in body


@pytest.mark.parametrize(
    ("host", "header", "ok"),
    [
        ("127.0.0.1", "127.0.0.1:8000", True),
        ("127.0.0.1", "LOCALHOST:8000", True),
        ("127.0.0.1", "[::1]:8000", True),
        ("127.0.0.1", "evil.test:8000", False),
        ("127.0.0.1", "", False),
        ("::1", "[::1]:8000", True),
        ("10.1.2.3", "10.1.2.3:8000", True),
        ("10.1.2.3", "localhost:8000", False),
    ],
)
def test_allowed_hosts(host: str, header: str, ok: bool) -> None:
    assert host_allowed({"HTTP_HOST": header}, allowed_hosts(host, 8000)) is ok
