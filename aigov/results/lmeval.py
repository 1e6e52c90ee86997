"""EleutherAI lm-evaluation-harness results JSON (`results_<date>.json`): `results` maps each
task to `"<metric>,<filter>": value` with `"<metric>_stderr,<filter>"` beside it; `config`
names the model (`model`, `model_args`), `date` is a Unix time, `model_name` the model."""

from __future__ import annotations

from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.results.incoming import Incoming, as_date, as_number, problem, run_digest
from aigov.yamlload import Document


def looks_like(data: Any) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        return False
    tasks = [t for t in data["results"].values() if isinstance(t, dict)]
    return (bool(tasks) and any("," in str(k) for t in tasks for k in t)) or "config" in data


def model_name(data: dict[str, Any]) -> str | None:
    if isinstance(data.get("model_name"), str) and data["model_name"]:
        return str(data["model_name"])
    config: dict[str, Any] = data["config"] if isinstance(data.get("config"), dict) else {}
    args = config.get("model_args")
    if isinstance(args, str):
        for part in args.split(","):
            key, _, value = part.partition("=")
            if key.strip() == "pretrained" and value.strip():
                return value.strip()
    if isinstance(args, dict) and isinstance(args.get("pretrained"), str):
        return str(args["pretrained"])
    return None


def parse(doc: Document, source: str) -> tuple[list[Incoming], list[Diagnostic]]:
    data = doc.data
    date = as_date(data.get("date"))
    model = model_name(data)
    run = run_digest("lm-eval", model, data.get("date"), data.get("results"))
    shots = data.get("n-shot") if isinstance(data.get("n-shot"), dict) else {}
    out: list[Incoming] = []
    diags: list[Diagnostic] = []
    for task, metrics in data["results"].items():
        if not isinstance(metrics, dict):
            continue
        for key, raw in metrics.items():
            name, _, filt = str(key).partition(",")
            if name.endswith("_stderr") or name in ("alias", "name", "sample_len", "samples"):
                continue
            value = as_number(raw)
            if value is None:
                continue
            line, col = doc.position(("results", task, key))
            notes = []
            if filt and filt != "none":
                notes.append(f"filter {filt}")
            stderr = as_number(metrics.get(f"{name}_stderr,{filt}" if filt else f"{name}_stderr"))
            if stderr is not None:
                notes.append(f"stderr {stderr!r}")
            if task in shots:
                notes.append(f"{shots[task]}-shot")
            if model:
                notes.append(f"model {model}")
            out.append(
                Incoming(
                    name,
                    value,
                    date,
                    source,
                    line,
                    col,
                    dataset=str(task),
                    run=run if not filt or filt == "none" else f"{run}/{filt}",
                    notes="; ".join(notes) or None,
                )
            )
    if not out:
        diags.append(
            problem(
                doc.path,
                1,
                1,
                "no numeric results in this lm-evaluation-harness file",
                '`results` should map each task to values such as "acc,none": 0.71.',
            )
        )
    return out, diags
