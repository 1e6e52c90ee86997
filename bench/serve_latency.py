"""From saving one record to a browser showing the change, under `aigov serve`, end to end.

    python bench/serve_latency.py 1000            # generate 1,000 systems, then measure
    python bench/serve_latency.py 1000 --repo DIR # an existing generated portfolio
    python bench/serve_latency.py 100 --saves 5

It starts `aigov serve` as its own process on a generated portfolio, opens one system's page
in headless Chromium (Playwright, Debian's /usr/bin/chromium) and then, for each save,
rewrites that record's `name:` line (atomically, as editors do) and times until the page's
heading shows the new name: the watcher noticing the save, the regeneration, the render, the
live-reload request and the browser loading the page again. It prints one line per save and
a JSON summary (median, min, max).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(proc: subprocess.Popen[str], timeout: float) -> str:
    """The preview's address, once its first build is done (read from its stderr)."""
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            if proc.poll() is not None:
                raise SystemExit(f"aigov serve stopped (exit {proc.returncode})")
            continue
        found = re.search(r"Serving on (\S+)", line)
        if found:
            return found.group(1)
    raise SystemExit("aigov serve did not start in time")


def save(record: Path, name: str) -> None:
    """Rewrite the record's top-level name, as an editor saves: a new file renamed over it."""
    text = record.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^name: .*$", f"name: {json.dumps(name)}", text, count=1)
    tmp = record.with_suffix(".yaml.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, record)


def measure(repo: Path, saves: int, timeout: float) -> list[float]:
    from playwright.sync_api import sync_playwright

    record = sorted((repo / "systems").glob("*.yaml"))[0]
    system_id = re.search(r"(?m)^id: (\S+)", record.read_text(encoding="utf-8"))
    assert system_id is not None
    port = free_port()
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aigov",
            "serve",
            "--today",
            generate.TODAY.isoformat(),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=repo,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    times: list[float] = []
    try:
        start = time.perf_counter()
        url = wait_ready(proc, timeout)
        print(f"first build and serve: {time.perf_counter() - start:.1f} s", file=sys.stderr)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"{url}systems/{system_id.group(1)}/index.html")
            page.wait_for_selector("h1")
            for k in range(saves):
                name = f"Renamed system {k} {time.time_ns()}"
                t0 = time.perf_counter()
                save(record, name)
                page.wait_for_function(
                    "n => document.querySelector('h1') && "
                    "document.querySelector('h1').textContent.trim() === n",
                    arg=name,
                    timeout=timeout * 1000,
                    polling=20,
                )
                elapsed = time.perf_counter() - t0
                times.append(elapsed)
                print(f"save {k + 1}: {elapsed:.2f} s until the browser showed it", file=sys.stderr)
                time.sleep(1.0)  # let the preview settle (its watcher, the other pages)
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="systems in the generated portfolio")
    parser.add_argument("--repo", type=Path, help="an existing portfolio (else one is generated)")
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args(argv)
    repo = args.repo
    if repo is None:
        repo = Path(tempfile.mkdtemp(prefix="aigov-serve-bench-")) / f"n{args.n}"
        generate.write_repo(repo, args.n, generate.DEFAULT_SEED, force=True, git=True)
    times = measure(repo, args.saves, args.timeout)
    summary = {
        "systems": args.n,
        "saves": len(times),
        "median_s": round(statistics.median(times), 2),
        "min_s": round(min(times), 2),
        "max_s": round(max(times), 2),
        "target_s": 2.0,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
