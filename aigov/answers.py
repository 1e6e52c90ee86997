"""Explicit answers: `unknown` and `{not_applicable: "why"}` instead of a value.

They are lifted out of the data before validation, so the typed record stays simple and the
checks can tell "known unknown" and "does not apply, because…" from "forgotten".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

UNKNOWN: Literal["unknown"] = "unknown"
NOT_APPLICABLE: Literal["not_applicable"] = "not_applicable"


@dataclass(frozen=True)
class Answer:
    kind: Literal["unknown", "not_applicable"]
    justification: str = ""

    @property
    def label(self) -> str:
        if self.kind == UNKNOWN:
            return "Unknown (not yet answered)"
        return f"Not applicable: {self.justification}" if self.justification else "Not applicable"


Answers = dict[str, Answer]


def as_answer(value: Any) -> Answer | None:
    if value == UNKNOWN:
        return Answer(UNKNOWN)
    if isinstance(value, dict) and len(value) == 1 and NOT_APPLICABLE in value:
        why = value[NOT_APPLICABLE]
        return Answer(NOT_APPLICABLE, why.strip() if isinstance(why, str) else "")
    return None


def split_answers(data: Any) -> tuple[Any, Answers]:
    """Return a copy of `data` without explicit answers, and the answers by dotted path."""
    answers: Answers = {}
    return _strip(data, "", answers), answers


def _strip(value: Any, prefix: str, answers: Answers) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            answer = as_answer(item)
            if answer is not None:
                answers[path] = answer
                continue
            out[key] = _strip(item, path, answers)
        return out
    if isinstance(value, list):
        return [_strip(item, f"{prefix}.{i}", answers) for i, item in enumerate(value)]
    return value


def dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in loc)


def split_path(path: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in path.split(".") if p)
