"""Benchmark `aigov results add`: 1,000 results appended to one record of a 1,000-system
portfolio (bench/generate.py), then the same file again (every row a duplicate: nothing is
written).

    python bench/results_add.py                    # N = 1000 systems, 1000 results, 1 run
    python bench/results_add.py --systems 100 --results 200 --runs 3

Prints a Markdown table (wall and CPU time, peak memory, exit code) and writes it to the work
folder as results-add.md. The command runs as users run it: one `python -m aigov` process.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)
from run import Run, aigov, fmt_b, fmt_s, machine, measure  # noqa: E402


def results_file(path: Path, system: dict, count: int) -> Path:
    """`count` plain results over the record's model-quality metrics and test sets, one run
    id per row, dated within the 60 days before the generator's fixed today."""
    metrics = [m["id"] for m in system.get("metrics", {}).get("model_quality", [])] or ["accuracy"]
    plan = (system.get("evaluations") or {}).get("plan") or {}
    sets = [t["id"] for t in plan.get("test_sets", [])] or [""]
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["metric", "value", "date", "dataset", "slice", "run"])
        for i in range(count):
            day = generate.TODAY - dt.timedelta(days=i % 60)
            w.writerow(
                [
                    metrics[i % len(metrics)],
                    round(0.7 + (i % 29) / 100, 4),
                    day.isoformat(),
                    sets[i % len(sets)],
                    f"segment={i % 7}" if i % 3 else "",
                    f"nightly-{i:05d}",
                ]
            )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark aigov results add.")
    parser.add_argument("--systems", type=int, default=1000)
    parser.add_argument("--results", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    work = (args.workdir or Path(tempfile.mkdtemp(prefix="aigov-bench-results-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    repo = work / f"n{args.systems}"
    generate.write_repo(repo, args.systems, args.seed, force=True)
    system = generate.record(0, args.seed)
    record = repo / "systems" / f"{system['id']}.yaml"
    pristine = record.read_bytes()
    src = results_file(work / "results.csv", system, args.results)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    today = generate.TODAY.isoformat()
    cmd = aigov("results", "add", system["id"], str(src), "--today", today)
    rows: list[tuple[str, Run]] = []
    for k in range(max(1, args.runs)):
        record.write_bytes(pristine)
        rows.append((f"add {args.results} new", measure(cmd, repo, logs / f"add-{k}.log")))
        rows.append(("add again (all duplicates)", measure(cmd, repo, logs / f"again-{k}.log")))
    head = (logs / "add-0.log").read_text("utf-8", "replace").strip().splitlines()[-3:]
    lines = [
        f"# aigov results add: {args.results} results into a {args.systems}-system portfolio",
        "",
        f"Machine: {machine()}",
        "",
        "| case | wall | CPU | peak memory | exit |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {name} | {fmt_s(r.wall)} | {fmt_s(r.cpu)} | {fmt_b(r.max_rss)} | {r.exit_code} |"
            for name, r in rows
        ),
        "",
        "Last lines of the first run's output:",
        "",
        *(f"    {line}" for line in head),
        "",
    ]
    text = "\n".join(lines)
    (work / "results-add.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
