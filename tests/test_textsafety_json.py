"""`json_text`'s indenting fast path writes exactly what `json.dumps` writes (the way it takes
for everything else), and fails or replaces exactly as that way does."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from aigov.textsafety import _json_safe, json_text


class Level(enum.IntEnum):
    LOW = 1


def _reference(value: Any, **options: Any) -> str:
    """`json_text` without its fast path."""
    return json.dumps(_json_safe(value), allow_nan=False, ensure_ascii=False, **options)


def _outcome(call: Any) -> tuple[str, str]:
    try:
        return "ok", call()
    except (ValueError, TypeError) as exc:
        return "error", type(exc).__name__


texts = st.one_of(
    st.text(max_size=8),
    st.sampled_from(['"', "\\", "\n\t\x00\x1f", "é ü 😀", "\ud800 lone", "\u2028", "</script>"]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),  # nan and infinities: ValueError both ways
    texts,
    st.sampled_from([Level.LOW, dt.date(2026, 1, 2), 0.1 + 0.2, -0.0, 1e16, 5e-324]),
)
keys = st.one_of(
    texts, st.integers(-3, 3), st.floats(allow_nan=True), st.sampled_from([True, None])
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(texts, inner, max_size=4),
        st.dictionaries(keys, inner, max_size=3),  # mixed keys: sort_keys raises TypeError
    ),
    max_leaves=20,
)
option_sets = st.sampled_from(
    [
        {"indent": 2},
        {"indent": 2, "sort_keys": True},
        {"indent": 2, "default": str},
        {"indent": 2, "sort_keys": True, "default": str},
        {"indent": 0},
        {"indent": 4, "sort_keys": False},
    ]
)


@settings(max_examples=400, deadline=None)
@given(values, option_sets)
@example({"a": [1, {"b": None}], "c": {}, "d": []}, {"indent": 2})
@example({"x": float("nan")}, {"indent": 2})
@example({"\ud800": "a"}, {"indent": 2, "sort_keys": True})
@example({1: "a", "b": 2}, {"indent": 2, "sort_keys": True})
@example({1.5: "a", True: "b", None: "c"}, {"indent": 2})
@example([dt.date(2026, 1, 2)], {"indent": 2})
def test_the_fast_path_writes_what_json_dumps_writes(value: Any, options: dict[str, Any]) -> None:
    assert _outcome(lambda: json_text(value, **options)) == _outcome(
        lambda: _reference(value, **options)
    )
