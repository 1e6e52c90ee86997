"""Read one input file into `Incoming` values: the kind is told from the file (a CSV by its
name, a README by its front matter, JSON/YAML by its shape) unless given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.paths import display_path
from aigov.results import lmeval, mlflow, modelindex, plain
from aigov.results.incoming import Incoming, problem
from aigov.yamlload import Document, load_text
from aigov.yamlload.messages import LoadError

KINDS = ("plain", "lm-eval", "mlflow", "model-index")
KIND_NAMES = {
    "plain": "results",
    "lm-eval": "lm-evaluation-harness",
    "mlflow": "mlflow",
    "model-index": "model-index",
}
INPUT = "results file"
WRAP = '{"results": '

Parser = Callable[[Document, str], tuple[list[Incoming], list[Diagnostic]]]
_PARSERS: dict[str, Parser] = {
    "lm-eval": lmeval.parse,
    "mlflow": mlflow.parse,
    "model-index": modelindex.parse,
}


def detect(data: Any) -> str | None:
    if modelindex.looks_like(data):
        return "model-index"
    if mlflow.looks_like(data):
        return "mlflow"
    if lmeval.looks_like(data):
        return "lm-eval"
    if _plain(data):
        return "plain"
    return None


def _plain(data: Any) -> bool:
    rows = data.get("results") if isinstance(data, dict) else data
    return isinstance(rows, list)


def read_results(
    path: Path, kind: str | None = None
) -> tuple[str, list[Incoming], list[Diagnostic]]:
    """(the kind read, the values, problems) for one file; never raises for bad input."""
    shown = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return "", [], [problem(shown, 0, 0, f"cannot be read: {exc.strerror or exc}",
                                "Check the path and its permissions.", "AIG-IO")]  # fmt: skip
    except UnicodeDecodeError:
        return "", [], [problem(shown, 1, 1, "is not UTF-8 text",
                                "Results files are JSON, YAML, CSV or a README (Markdown).")]  # fmt: skip
    if kind in (None, "plain") and path.suffix.lower() in (".csv", ".tsv"):
        found, diags = plain.parse_csv(text, shown, _source("plain", shown))
        return "plain", found, diags
    if path.suffix.lower() in (".md", ".markdown"):
        front = modelindex.front_matter(text)
        if front is None:
            return "", [], [problem(shown, 1, 1, "this README has no YAML front matter",
                                    "A model-index lives between `---` lines at the top.")]  # fmt: skip
        text = front
    text, offset = _as_mapping(text)
    try:
        doc = load_text(text, shown, kind=INPUT)
    except LoadError as err:
        return (
            "",
            [],
            [Diagnostic(shown, err.line, err.column, err.code, err.message, hint=err.hint)],
        )
    kind = kind or detect(doc.data)
    if kind is None:
        return (
            "",
            [],
            [
                problem(
                    shown,
                    1,
                    1,
                    "not a results file aigov can read",
                    "Give a plain results list (metric, value, date …), an lm-evaluation-harness "
                    "results JSON, an MLflow run JSON (`mlflow runs describe`) or a Hugging Face "
                    "model-index; or name the kind with --kind.",
                )
            ],
        )
    if kind != "plain" and not _LOOKS[kind](doc.data):
        return kind, [], [problem(shown, 1, 1, f"this is not a {KIND_NAMES[kind]} file",
                                  "Leave out --kind to let aigov tell the kind.")]  # fmt: skip
    if kind == "plain":
        shift = len(WRAP) if text.startswith(WRAP) else 0
        found, diags = plain.parse_document(
            doc, _source(kind, shown), line_offset=offset, first_line_shift=shift
        )
    else:
        found, diags = _PARSERS[kind](doc, _source(kind, shown))
    return kind, found, diags


def _as_mapping(text: str) -> tuple[str, int]:
    """A top-level list (a plain results list) held under `results:`, since records and
    results files are read as mappings; and how many lines that moved the text by."""
    body = text.lstrip()
    if body.startswith("["):
        return WRAP + text + "}", 0  # line 1 moves right by WRAP columns
    if body.startswith("- ") or body.startswith("-\n"):
        return "results:\n" + text, -1
    return text, 0


_LOOKS: dict[str, Callable[[Any], bool]] = {
    "lm-eval": lmeval.looks_like,
    "mlflow": mlflow.looks_like,
    "model-index": modelindex.looks_like,
}


def _source(kind: str, shown: str) -> str:
    return f"{KIND_NAMES[kind]}: {shown}"
