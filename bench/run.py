"""Benchmark aigov against the tools people would use instead, on the same generated records.

    python bench/run.py                                   # N = 10, 100, 1000; 3 runs (make bench)
    python bench/run.py --sizes 10,100 --runs 5
    python bench/run.py --quick                           # 1 run each, no profile: a first look
    python bench/run.py --sizes 10,1000,10000 --runs 1 --engines properdocs,zensical
                                                          # issue 18's figures, one run

For each portfolio size N it generates N records (bench/generate.py), then times whole
processes, interleaved run by run so that a busy machine slows every tool alike:

- `aigov validate` and `aigov check` on all records, against `check-jsonschema --schemafile
  schemas/aigov-record.schema.json` on the same files;
- `aigov build` from scratch, against plain `mkdocs build` on the Markdown pages that aigov
  generated (`.aigov-build/`), so the difference is aigov's own work;
- an incremental `aigov build` after one record changed, and one after nothing changed,
  counting the generated pages rewritten;
- the built site: total size, one system's page, the search index.

It prints Markdown tables (medians with min-max, CPU time, peak memory, ratios against the
targets of issue 8, the machine) and writes them with the raw numbers to the work folder
(results.md, results.json). At the largest N it profiles `aigov check` and the page
generation of `aigov build` with pyinstrument, in one process, and keeps the reports there.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

TODAY = generate.TODAY.isoformat()
SCHEMA = "schemas/aigov-record.schema.json"
MIB = 1024 * 1024

# targets of issue 8, all measured on the largest portfolio (1,000 records)
TARGET_CHECK_VS_JSONSCHEMA = 0.5  # aigov check <= half of check-jsonschema
TARGET_GROWTH = 12.0  # 1,000 records <= 12x the time of 100
TARGET_OWN_SHARE = 0.25  # aigov build: its own work <= 25% of the total
TARGET_PAGE_DRIFT = 0.10  # one system's page within 10% at every N
TARGET_BUILD_MEMORY = 1024 * MIB  # peak memory of aigov build < 1 GiB
BIG_BUILD = 1000  # from this size on, one full build (and one plain mkdocs build) by default

# targets of issue 18: at 1,000 systems, and at 10,000 when that size is run
TARGET_BUILD_FASTEST = 60.0  # s: aigov build with the fastest engine, N=1,000
TARGET_BUILD_MKDOCS = 90.0  # s: aigov build with MkDocs, N=1,000
TARGET_CHECK_10K = 30.0  # s: aigov check, N=10,000
TARGET_CHECK_MEMORY_10K = 2048 * MIB  # peak memory of aigov check at N=10,000
TARGET_BUILD_LINEAR = 11.0  # aigov build at N=10,000 <= 11x N=1,000
TARGET_BUILD_MEMORY_10K = 2048 * MIB  # peak memory of aigov build at N=10,000


# --- running and measuring one process ---------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float  # user + system of the process and its children
    max_rss: int  # bytes: the largest single process of the tree (getrusage)
    tree_rss: (
        int  # bytes: the whole process tree at its largest (sampled every 50 ms; 0 if unknown)
    )
    exit_code: int


@dataclass
class Measure:
    tool: str
    n: int
    runs: list[Run] = field(default_factory=list)
    expected_exit: tuple[int, ...] = (0,)
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.exit_code in self.expected_exit for r in self.runs)

    def median(self, attr: str = "wall") -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def low(self) -> float:
        return min(r.wall for r in self.runs)

    def high(self) -> float:
        return max(r.wall for r in self.runs)

    def peak(self) -> int:
        return max(max(r.max_rss, r.tree_rss) for r in self.runs)


class TreeSampler(threading.Thread):
    """Sum the resident memory of a process and its descendants every 50 ms (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        if not Path("/proc/self/stat").exists():
            return
        while not self.stop.wait(0.05):
            self.peak = max(self.peak, self._sample())

    def _sample(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    stat = fh.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            pid = int(entry.name)
            parents[pid] = int(stat[1])
            rss[pid] = int(stat[21]) * self.page
        total, wanted = 0, {self.pid}
        changed = True
        while changed:  # descendants, whatever order /proc lists them in
            changed = False
            for pid, ppid in parents.items():
                if ppid in wanted and pid not in wanted:
                    wanted.add(pid)
                    changed = True
        for pid in wanted:
            total += rss.get(pid, 0)
        return total


def measure(cmd: list[str], cwd: Path, log: Path) -> Run:
    env = dict(os.environ)
    env.update(
        NO_COLOR="1",
        NO_MKDOCS_2_WARNING="1",
        NO_PROGRESS="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss=usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024),
        tree_rss=sampler.peak,
        exit_code=proc.returncode,
    )


def aigov(*args: str) -> list[str]:
    return [sys.executable, "-m", "aigov", *args]


def mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def check_jsonschema(files: list[str]) -> list[str] | None:
    try:
        import check_jsonschema as _  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "check_jsonschema", "--schemafile", SCHEMA, *files]


# --- the site ---------------------------------------------------------------------------------


def tree_bytes(folder: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """path -> (mtime_ns, sha256) for every file under `folder`."""
    out = {}
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            out[path.relative_to(folder).as_posix()] = (
                path.stat().st_mtime_ns,
                hashlib.sha256(path.read_bytes()).hexdigest(),
            )
    return out


def site_facts(repo: Path, site: Path, probe_id: str, probe_summary: str) -> dict[str, Any]:
    size, files = tree_bytes(site)
    html = sum(p.stat().st_size for p in site.rglob("*.html"))
    page = site / "systems" / probe_id / "index.html"
    source = repo / ".aigov-build" / "docs" / "systems" / probe_id / "index.md"
    index = site / "search" / "search_index.json"
    facts: dict[str, Any] = {
        "site_bytes": size,
        "site_files": files,
        "html_bytes": html,
        "page_bytes": page.stat().st_size if page.exists() else None,
        "page_md_bytes": source.stat().st_size if source.exists() else None,
        "search_index_bytes": index.stat().st_size if index.exists() else None,
        # what the engine renders per system (its pages) and what each system adds to the site
        "system_pages": sum(1 for _ in (repo / ".aigov-build" / "docs" / "systems").rglob("*.md"))
        - 1,  # systems/index.md is the portfolio's
        "systems_bytes": tree_bytes(site / "systems")[0],
    }
    if index.exists():
        try:
            docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        except ValueError:
            docs = []
        facts["search_entries"] = len(docs)
        hits = sorted({d.get("location", "?") for d in docs if probe_summary in d.get("text", "")})
        facts["probe_summary_in_index"] = hits
        facts["fields_checked"], twice = indexed_twice(repo, docs)
        facts["fields_indexed_twice"] = len(twice)
        facts["fields_indexed_twice_examples"] = twice[:5]
    return facts


def _strings(value: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _strings(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [f for v in value for f in _strings(v, f"{path}[]")]
    return [(path, " ".join(value.split()))] if isinstance(value, str) else []


def indexed_twice(repo: Path, docs: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """Record fields found more than once in the search index on their system's own pages:
    every string of 20 characters or more that no other field of its record holds or contains.
    Returns (fields checked, `system field` of each one indexed twice)."""
    import html as html_lib
    import re

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    by_system: dict[str, list[str]] = {}
    for d in docs:
        parts = str(d.get("location", "")).split("/")
        if len(parts) > 2 and parts[0] == "systems":
            text = html_lib.unescape(
                re.sub(r"<[^>]+>", " ", f"{d.get('title', '')} {d.get('text', '')}")
            )
            by_system.setdefault(parts[1], []).append(" ".join(text.split()))
    checked, twice = 0, []
    for path in sorted((repo / "systems").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # the safe loader
        if not isinstance(data, dict):
            continue
        pages = by_system.get(str(data.get("id")), [])
        fields = _strings(data)
        texts = [v for _, v in fields]
        for field_path, value in fields:
            if len(value) < 20 or texts.count(value) > 1:
                continue
            if any(value in other and value != other for other in texts):
                continue
            checked += 1
            if sum(page.count(value) for page in pages) > 1:
                twice.append(f"{data.get('id')} {field_path}")
    return checked, twice


# --- one portfolio size ---------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    record_bytes: dict[str, float]
    measures: dict[str, Measure] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)
    incremental: dict[str, Any] = field(default_factory=dict)


def bench_size(
    n: int,
    work: Path,
    runs: int,
    build_runs: int,
    seed: int,
    say: Any,
    engines: tuple[str, ...] = (),
) -> SizeResult:
    repo = work / f"n{n}"
    say(f"N={n}: generating {n} records into {repo}")
    paths = generate.write_repo(repo, n, seed, force=True, git=True)
    result = SizeResult(n, generate.size_summary(paths))
    files = [p.relative_to(repo).as_posix() for p in paths]
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    probe = generate.record(0, seed)

    def add(tool: str, cmd: list[str] | None, expect: tuple[int, ...], k: int) -> None:
        m = result.measures.setdefault(tool, Measure(tool, n, expected_exit=expect))
        if cmd is None:
            m.note = "not installed"
            return
        run = measure(cmd, repo, logs / f"n{n}-{tool.replace(' ', '_')}-{k}.log")
        m.runs.append(run)
        mark = "" if run.exit_code in expect else f"  (exit {run.exit_code}!)"
        say(f"  {tool:<18} run {k + 1}: {run.wall:7.2f} s wall, {run.cpu:7.2f} s CPU{mark}")

    cjs = check_jsonschema(files)
    measure(aigov("validate"), repo, logs / "warmup.log")  # warm the page cache and .pyc files
    for k in range(runs):  # interleaved, so drift in machine load hits every tool alike
        add("aigov validate", aigov("validate"), (0,), k)
        add("aigov check", aigov("check", "--today", TODAY), (0, 1), k)
        add("check-jsonschema", cjs, (0,), k)

    plain = work / f"n{n}-plain-site"
    for k in range(build_runs):
        shutil.rmtree(repo / ".aigov-build", ignore_errors=True)
        shutil.rmtree(repo / "site", ignore_errors=True)
        add("aigov build", aigov("build", "--today", TODAY), (0,), k)
        shutil.rmtree(plain, ignore_errors=True)
        add(
            "mkdocs build",
            mkdocs("build", "-q", "-f", ".aigov-build/mkdocs.yml", "-d", str(plain)),
            (0,),
            k,
        )
        for engine in engines:  # each into its own folder; site/ stays MkDocs' (site facts)
            out = work / f"n{n}-{engine}-site"
            shutil.rmtree(out, ignore_errors=True)
            add(
                f"aigov build ({engine})",
                aigov("build", "--today", TODAY, "--engine", engine, "-d", str(out)),
                (0,),
                k,
            )
            shutil.rmtree(out, ignore_errors=True)
    if (repo / "site").is_dir():
        result.site = site_facts(repo, repo / "site", probe["id"], probe["summary"])
        result.incremental = incremental(repo, work, n, seed, logs, say)
    return result


REGENERATE = """
import datetime as dt, json, sys, time
from pathlib import Path
from aigov.provenance import build_moment
from aigov.site.build import BuildOptions, build_site
# like aigov serve: one build time for the session, so a save that changes nothing rewrites
# nothing (every page states when it was built)
options = BuildOptions(
    root=Path("."), today=dt.date.fromisoformat(sys.argv[1]), render=False,
    built_at=build_moment(),
)
build_site(options)  # what aigov serve does when it starts
print("ready", flush=True)
for _ in sys.stdin:  # then once per save, in the same process (its caches warm)
    start = time.perf_counter()
    result = build_site(options)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "written": len(result.write.written)}), flush=True)
"""


def incremental(repo: Path, work: Path, n: int, seed: int, logs: Path, say: Any) -> dict[str, Any]:
    """Regenerate the pages as `aigov serve` does on each save: `build_site` without
    rendering, in one long-lived process. Measured after a first edit (the repository turns
    from clean to modified), after a second edit of another record, and with nothing changed;
    counts the files rewritten under .aigov-build/docs."""
    docs = repo / ".aigov-build" / "docs"
    script = work / "regenerate.py"
    script.write_text(REGENERATE, encoding="utf-8")
    out: dict[str, Any] = {}
    edits = {
        "first_edit": repo / "systems" / f"{generate.record(n // 2, seed)['id']}.yaml",
        "second_edit": repo / "systems" / f"{generate.record(n - 1, seed)['id']}.yaml",
        "no_change": None,
    }
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    with open(logs / f"n{n}-regenerate.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(script), TODAY],
            cwd=repo,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            env=env,
            text=True,
        )
        assert proc.stdin is not None and proc.stdout is not None
        try:
            if proc.stdout.readline().strip() != "ready":
                say(f"  regenerate: the serve-like process failed (see {log.name})")
                return {}
            for label, target in edits.items():
                before = snapshot(docs)
                time.sleep(0.02)  # coarse file systems: a rewrite must show in the mtime
                if target is not None:
                    text = target.read_text(encoding="utf-8")
                    target.write_text(
                        text.replace("\nsummary: ", "\nsummary: Revised after the review. ", 1),
                        encoding="utf-8",
                    )
                proc.stdin.write("go\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
                if not line:
                    say(f"  regenerate: the serve-like process stopped (see {log.name})")
                    return out
                seconds = json.loads(line)["seconds"]
                after = snapshot(docs)
                rewritten = sorted(p for p in after if p in before and after[p][0] != before[p][0])
                content = sorted(p for p in after if p in before and after[p][1] != before[p][1])
                added = sorted(set(after) - set(before))
                out[label] = {
                    "wall": seconds,
                    "generated_files": len(after),
                    "rewritten": len(rewritten) + len(added),
                    "content_changed": len(content) + len(added),
                    "rewritten_unchanged_bytes": sorted(set(rewritten) - set(content)),
                    "removed": len(set(before) - set(after)),
                    "rewritten_files": (rewritten + added)[:40],
                }
                say(
                    f"  regenerate, {label.replace('_', ' ')}: {seconds:.2f} s; "
                    f"{len(rewritten) + len(added)} of {len(after)} generated files rewritten"
                )
        finally:
            proc.stdin.close()
            proc.wait(timeout=600)
    return out


# --- profiles ----------------------------------------------------------------------------------


PROFILE_BUILD = """
import datetime as dt, sys
from pathlib import Path
from aigov.site.build import BuildOptions, generate_and_write
generate_and_write(BuildOptions(root=Path('.'), today=dt.date.fromisoformat(sys.argv[1]), jobs=1, render=False))
"""


def profile(repo: Path, work: Path, say: Any, pages_repo: Path | None = None) -> dict[str, str]:
    """pyinstrument reports of `aigov check` (one process) and of build's page generation
    (on `pages_repo` when given: a smaller portfolio, because page generation is per system
    and takes minutes under the profiler at 1,000 systems)."""
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        say("pyinstrument is not installed: no profiles (pip install -e '.[bench]')")
        return {}
    reports = {}
    script = work / "profile_build.py"
    script.write_text(PROFILE_BUILD, encoding="utf-8")
    jobs = {
        "check": ["-m", "aigov", "check", "-j", "1", "--today", TODAY],
        "build-pages": [str(script), TODAY],
    }
    for name, args in jobs.items():
        session = work / f"profile-{name}.pyisession"
        cmd = [sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session), *args]
        where = pages_repo if name == "build-pages" and pages_repo is not None else repo
        say(f"profiling {name} on {where.name} ...")
        measure(cmd, where, work / "logs" / f"profile-{name}.log")
        if not session.exists():
            continue
        for kind, options in (("tree", []), ("flat", ["-p", "flat=true"])):
            out = work / f"profile-{name}-{kind}.txt"
            render = [sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text"]
            render += ["--no-color", *options, "-o", str(out)]
            subprocess.run(render, cwd=repo, capture_output=True, check=False)
        if (work / f"profile-{name}-flat.txt").exists():
            reports[name] = str(work / f"profile-{name}-flat.txt")
    return reports


def hot_spots(report: Path, limit: int = 15) -> list[str]:
    """The functions with the most time of their own, from a flat pyinstrument report."""
    lines = []
    for line in report.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.strip().split(maxsplit=1)
        if len(parts) == 2:
            try:
                seconds = float(parts[0])
            except ValueError:
                continue
            if not parts[1].startswith("[self]"):  # pyinstrument lumps these by file
                lines.append(f"{seconds:7.2f} s  {parts[1]}")
    return lines[:limit]


def tree_top(report: Path, limit: int = 45, width: int = 120) -> list[str]:
    """The start of a pyinstrument call tree (after its banner), lines cut to `width`."""
    text = report.read_text(encoding="utf-8", errors="replace").splitlines()
    body = [line for line in text if line.strip()]
    start = next((i for i, line in enumerate(body) if line.lstrip()[:1].isdigit()), 0)
    return [line[:width] for line in body[start : start + limit]]


# --- the machine and the report ---------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for dist in (
        "aigov",
        "mkdocs",
        "mkdocs-material",
        "check-jsonschema",
        "pydantic",
        "PyYAML",
        "ruamel.yaml",
        "ruamel.yaml.clib",
    ):
        try:
            from importlib.metadata import version

            versions[dist] = version(dist)
        except Exception:
            versions[dist] = "not installed"
    try:
        import yaml

        libyaml = bool(getattr(yaml, "__with_libyaml__", False))
    except ImportError:
        libyaml = False
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        mem = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 1024**3, 1),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "libyaml": libyaml,
        "versions": versions,
    }


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def fmt_s(x: float) -> str:
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def fmt_b(x: float | None) -> str:
    if x is None:
        return "–"
    for unit, size in (("GiB", 1024**3), ("MiB", MIB), ("KiB", 1024)):
        if x >= size:
            return f"{x / size:.1f} {unit}"
    return f"{x:.0f} B"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def report(results: list[SizeResult], info: dict[str, Any], profiles: dict[str, str]) -> str:
    out = ["# aigov benchmark", ""]
    m = info["machine"]
    out += [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; Python {m['python']} "
        f"on {m['os']}; libyaml {'yes' if m['libyaml'] else 'no'}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + ".",
        f"Load average before / after: {info['load_before']} / {info['load_after']}. "
        f"Runs: {info['runs']} (full builds: "
        + ", ".join(f"{v} at N={k:,}" for k, v in info["build_runs"].items())
        + f"), interleaved; seed {info['seed']}; "
        f"total time {info['elapsed']:.0f} s.",
        "",
        "## Records",
        "",
        "| N | total | min | median | p90 | max |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b = r.record_bytes
        out.append(
            f"| {r.n:,} | {fmt_b(b['total_bytes'])} | {fmt_b(b['min'])} | {fmt_b(b['median'])} "
            f"| {fmt_b(b['p90'])} | {fmt_b(b['max'])} |"
        )
    out += [
        "",
        "## Times (whole processes)",
        "",
        "Median wall time with min–max over the runs, median CPU time (user + system, all "
        "processes), and peak memory (the larger of the biggest single process and the sampled "
        "sum over the process tree).",
        "",
        "| N | command | median s | min–max s | CPU s | peak memory | exit |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        for m_ in r.measures.values():
            if not m_.runs:
                out.append(f"| {r.n:,} | {m_.tool} | – | – | – | – | {m_.note} |")
                continue
            codes = ",".join(sorted({str(x.exit_code) for x in m_.runs}))
            out.append(
                f"| {r.n:,} | {m_.tool} | {fmt_s(m_.median())} | {fmt_s(m_.low())}–{fmt_s(m_.high())} "
                f"| {fmt_s(m_.median('cpu'))} | {fmt_b(m_.peak())} | {codes}{'' if m_.ok else ' (unexpected)'} |"
            )
    out += [
        "",
        "## The built site",
        "",
        "| N | site | files | HTML | one system's page (HTML / Markdown) | search index | per system "
        "| pages per system | site per system |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.site
        if not s:
            continue
        per = s["search_index_bytes"] / r.n if s.get("search_index_bytes") else None
        out.append(
            f"| {r.n:,} | {fmt_b(s['site_bytes'])} | {s['site_files']:,} | {fmt_b(s['html_bytes'])} "
            f"| {fmt_b(s['page_bytes'])} / {fmt_b(s['page_md_bytes'])} | {fmt_b(s['search_index_bytes'])} "
            f"| {fmt_b(per)} | {s.get('system_pages', 0) / r.n:.2f} "
            f"| {fmt_b(s.get('systems_bytes', 0) / r.n)} |"
        )
    out += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    out += targets(results)
    inc = [r for r in results if r.incremental]
    if inc:
        out += [
            "",
            "## Incremental page generation (what `aigov serve` does on each save)",
            "",
            "Time of `build_site` without rendering in a process that has already built once, as "
            "`aigov serve` runs; files counted under `.aigov-build/docs/`.",
            "",
            "| N | change | wall s | generated files rewritten | of which bytes changed |",
            "|---:|---|---:|---:|---:|",
        ]
        for r in inc:
            for label, d in r.incremental.items():
                out.append(
                    f"| {r.n:,} | {label.replace('_', ' ')} | {fmt_s(d['wall'])} "
                    f"| {d['rewritten']} of {d['generated_files']} | {d['content_changed']} |"
                )
        for label in ("first_edit", "second_edit"):
            files = inc[-1].incremental.get(label, {}).get("rewritten_files")
            if files:
                out += [
                    "",
                    f"Rewritten at N={inc[-1].n:,} after the {label.replace('_', ' ')} "
                    f"(first {min(len(files), 12)}): " + ", ".join(f"`{p}`" for p in files[:12]),
                ]
    probe = [r for r in results if r.site.get("probe_summary_in_index") is not None]
    if probe:
        out += ["", "One system's summary appears in the search index at: "]
        for r in probe:
            out.append(
                f"- N={r.n:,}: "
                + (", ".join(f"`{x}`" for x in r.site["probe_summary_in_index"]) or "nowhere")
            )
    if profiles:
        out += [
            "",
            "## Where the time goes (pyinstrument, one process)",
            "",
            "Own time per function, then the top of the call tree (full reports next to the results).",
            "",
        ]
        for name, path in profiles.items():
            flat = Path(path)
            tree = flat.with_name(flat.name.replace("-flat", "-tree"))
            at = info.get("profiled", {}).get(name)
            where = f" at N={at:,}" if at else ""
            out += [f"`{name}`{where}, own time per function ({flat}):", "", "```"]
            out += [*hot_spots(flat), "```", ""]
            if tree.exists():
                out += [f"`{name}`, call tree ({tree}):", "", "```", *tree_top(tree), "```", ""]
    return "\n".join(out) + "\n"


def targets(results: list[SizeResult]) -> list[str]:
    by_n = {r.n: r for r in results}
    big = max(by_n)
    rows = []

    def med(n: int, tool: str) -> float | None:
        m = by_n[n].measures.get(tool) if n in by_n else None
        return m.median() if m and m.runs else None

    check, cjs = med(big, "aigov check"), med(big, "check-jsonschema")
    if check and cjs:
        ratio = check / cjs
        rows.append(
            f"| `aigov check` ≤ {TARGET_CHECK_VS_JSONSCHEMA} × check-jsonschema (N={big:,}) "
            f"| {fmt_s(check)} s / {fmt_s(cjs)} s = {ratio:.2f} | {verdict(ratio <= TARGET_CHECK_VS_JSONSCHEMA)} |"
        )
    validate = med(big, "aigov validate")
    if validate and cjs:
        rows.append(
            f"| `aigov validate` vs check-jsonschema (N={big:,}, for orientation) | {validate / cjs:.2f} | – |"
        )
    small = big // 10
    if small in by_n:
        for tool in ("aigov validate", "aigov check", "aigov build", "mkdocs build"):
            a, b = med(big, tool), med(small, tool)
            if a and b:
                growth = a / b
                target = tool.startswith("aigov")
                rows.append(
                    f"| `{tool}`: N={big:,} ≤ {TARGET_GROWTH:.0f} × N={small:,} | {fmt_s(a)} s / {fmt_s(b)} s = {growth:.1f} "
                    f"| {verdict(growth <= TARGET_GROWTH) if target else '– (for orientation)'} |"
                )
    build, plain = med(big, "aigov build"), med(big, "mkdocs build")
    if build and plain:
        share = (build - plain) / build
        rows.append(
            f"| `aigov build`: own work ≤ {TARGET_OWN_SHARE:.0%} of the total (N={big:,}) "
            f"| ({fmt_s(build)} − {fmt_s(plain)}) / {fmt_s(build)} = {share:.0%} | {verdict(share <= TARGET_OWN_SHARE)} |"
        )
    pages: dict[int, int] = {r.n: r.site["page_bytes"] for r in results if r.site.get("page_bytes")}
    if len(pages) > 1:
        lo, hi = min(pages), max(pages)
        drift = pages[hi] / pages[lo] - 1
        rows.append(
            f"| one system's page within ±{TARGET_PAGE_DRIFT:.0%} from N={lo:,} to N={hi:,} "
            f"| {fmt_b(pages[lo])} → {fmt_b(pages[hi])} ({drift:+.1%}) | {verdict(abs(drift) <= TARGET_PAGE_DRIFT)} |"
        )
    index: dict[int, int] = {
        r.n: r.site["search_index_bytes"] for r in results if r.site.get("search_index_bytes")
    }
    if index:
        rows.append(
            "| search index size (per system) | "
            + "; ".join(f"N={n:,}: {fmt_b(b)} ({fmt_b(b / n)})" for n, b in sorted(index.items()))
            + " | reported |"
        )
    twice = {r.n: r.site for r in results if r.site.get("fields_checked")}
    if twice:
        bad = sum(f["fields_indexed_twice"] for f in twice.values())
        rows.append(
            "| no record field indexed twice | "
            + "; ".join(
                f"N={n:,}: {f['fields_indexed_twice']:,} of {f['fields_checked']:,} fields"
                for n, f in sorted(twice.items())
            )
            + f" | {verdict(bad == 0)} |"
        )
    thousand = 1000 if 1000 in by_n else None
    if thousand:
        builds = {
            tool: med(thousand, tool)
            for tool in by_n[thousand].measures
            if tool.startswith("aigov build")
        }
        builds = {k: v for k, v in builds.items() if v}
        mk = builds.get("aigov build")
        if mk:
            rows.append(
                f"| `aigov build` (MkDocs) ≤ {TARGET_BUILD_MKDOCS:.0f} s (N=1,000) | {fmt_s(mk)} s "
                f"| {verdict(mk <= TARGET_BUILD_MKDOCS)} |"
            )
        if builds:
            tool, fastest = min(builds.items(), key=lambda kv: kv[1])
            rows.append(
                f"| `aigov build`, fastest engine ≤ {TARGET_BUILD_FASTEST:.0f} s (N=1,000) "
                f"| {fmt_s(fastest)} s ({tool}) | {verdict(fastest <= TARGET_BUILD_FASTEST)} |"
            )
    if 10000 in by_n:
        check10 = med(10000, "aigov check")
        if check10:
            rows.append(
                f"| `aigov check` ≤ {TARGET_CHECK_10K:.0f} s (N=10,000) | {fmt_s(check10)} s "
                f"| {verdict(check10 <= TARGET_CHECK_10K)} |"
            )
        c10 = by_n[10000].measures.get("aigov check")
        if c10 and c10.runs:
            rows.append(
                f"| `aigov check` peak memory < 2 GiB (N=10,000) | {fmt_b(c10.peak())} "
                f"| {verdict(c10.peak() < TARGET_CHECK_MEMORY_10K)} |"
            )
        b10, b1 = med(10000, "aigov build"), med(1000, "aigov build") if thousand else None
        if b10 and b1:
            rows.append(
                f"| `aigov build`: N=10,000 ≤ {TARGET_BUILD_LINEAR:.0f} × N=1,000 "
                f"| {fmt_s(b10)} s / {fmt_s(b1)} s = {b10 / b1:.1f} | {verdict(b10 / b1 <= TARGET_BUILD_LINEAR)} |"
            )
        m10 = by_n[10000].measures.get("aigov build")
        if m10 and m10.runs:
            rows.append(
                f"| `aigov build` peak memory < 2 GiB (N=10,000) | {fmt_b(m10.peak())} "
                f"| {verdict(m10.peak() < TARGET_BUILD_MEMORY_10K)} |"
            )
    sizes_per = {r.n: r.site["site_bytes"] for r in results if r.site.get("site_bytes")}
    if sizes_per:
        rows.append(
            "| site size per system | "
            + "; ".join(f"N={n:,}: {fmt_b(b / n)}" for n, b in sorted(sizes_per.items()))
            + " | reported |"
        )
    mb = by_n[big].measures.get("aigov build")
    if mb and mb.runs:
        rows.append(
            f"| `aigov build` peak memory < 1 GiB (N={big:,}) | {fmt_b(mb.peak())} | {verdict(mb.peak() < TARGET_BUILD_MEMORY)} |"
        )
    inc = by_n[big].incremental
    if inc:
        honest = all(d["rewritten"] == d["content_changed"] for d in inc.values())
        counts = "; ".join(
            f"{label.replace('_', ' ')}: {d['rewritten']} of {d['generated_files']}"
            for label, d in inc.items()
        )
        rows.append(
            f"| regenerating after one change rewrites only pages that changed (N={big:,}) "
            f"| {counts} | {verdict(honest and inc['no_change']['rewritten'] == 0)} |"
        )
    return rows


# --- main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    # Material's and ProperDocs' notices about MkDocs 2.0 stay out of the logs (aigov's build
    # line names the engine and version that rendered the site)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    parser = argparse.ArgumentParser(
        description="Benchmark aigov validate/check/build against check-jsonschema and mkdocs.",
    )
    parser.add_argument(
        "--sizes", default="10,100,1000", help="portfolio sizes (default 10,100,1000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of validate/check/check-jsonschema"
    )
    parser.add_argument(
        "--build-runs",
        type=int,
        default=None,
        help="full builds per size (default: 2 below 1,000 systems, 1 from 1,000 on)",
    )
    parser.add_argument("--quick", action="store_true", help="one run of everything, no profile")
    parser.add_argument("--no-build", action="store_true", help="skip the site builds")
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument profiles")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument(
        "--engines",
        default="",
        help="also build with these engines (properdocs,zensical), timed beside MkDocs",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where portfolios and results go (default: a new temporary folder)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated portfolios and sites"
    )
    args = parser.parse_args(argv)

    try:
        sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    runs = 1 if args.quick else max(1, args.runs)

    def build_runs_for(n: int) -> int:
        if args.no_build:
            return 0
        if args.quick:
            return 1
        if args.build_runs is not None:
            return max(1, args.build_runs)
        return 1 if n >= BIG_BUILD else min(2, runs)  # a full build of 1,000 systems takes minutes

    build_runs = {n: build_runs_for(n) for n in sizes}
    work = (args.workdir or Path(tempfile.mkdtemp(prefix="aigov-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    started = time.perf_counter()
    info: dict[str, Any] = {
        "machine": machine(),
        "load_before": load(),
        "runs": runs,
        "build_runs": build_runs,
        "seed": args.seed,
    }
    say(f"aigov benchmark: sizes {sizes}, {runs} runs, builds {build_runs}; work folder {work}")
    engines = tuple(e for e in (x.strip() for x in args.engines.split(",")) if e and e != "mkdocs")
    results = [bench_size(n, work, runs, build_runs[n], args.seed, say, engines) for n in sizes]
    profiles: dict[str, str] = {}
    if not (args.quick or args.no_profile):
        smaller = [n for n in sizes if n < max(sizes)]
        pages_at = max(smaller) if max(sizes) >= BIG_BUILD and smaller else max(sizes)
        profiles = profile(work / f"n{max(sizes)}", work, say, work / f"n{pages_at}")
        info["profiled"] = {"check": max(sizes), "build-pages": pages_at}
    info["load_after"] = load()
    info["elapsed"] = time.perf_counter() - started
    text = report(results, info, profiles)
    (work / "results.md").write_text(text, encoding="utf-8")
    raw = {
        "info": info,
        "results": [
            {
                "n": r.n,
                "record_bytes": r.record_bytes,
                "measures": {k: asdict(v) for k, v in r.measures.items()},
                "site": r.site,
                "incremental": r.incremental,
            }
            for r in results
        ],
        "profiles": profiles,
    }
    (work / "results.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    print(text)
    say(f"results: {work / 'results.md'} and results.json")
    if not args.keep:
        for n in sizes:
            shutil.rmtree(work / f"n{n}", ignore_errors=True)
            shutil.rmtree(work / f"n{n}-plain-site", ignore_errors=True)
    failed = [
        f"{m.tool} at N={r.n}" for r in results for m in r.measures.values() if m.runs and not m.ok
    ]
    if failed:
        say("unexpected exit codes: " + ", ".join(failed) + " (see the logs folder)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
