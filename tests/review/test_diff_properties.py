"""Properties tying the diff to the content hash: a sign-off goes stale exactly when the diff
has something to show, and formatting never counts."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from aigov.hashing import content_hash
from aigov.review.diff import Change, diff, same
from aigov.yamlload import load_text

keys = st.sampled_from(["id", "name", "title", "severity", "notes", "metric", "date", "value", "x"])
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["a", "b", "high", "low", "unknown", "2026-01-01", "wrong-refund"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20,
)
records = st.dictionaries(
    st.sampled_from(["summary", "tags", "impact_assessment", "controls", "owner"]),
    values,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(records, records)
def test_diff_is_empty_exactly_when_the_content_hash_is_equal(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    assert (diff(a, b) == []) == (content_hash(a) == content_hash(b))


@settings(max_examples=80, deadline=None)
@given(records)
def test_another_layout_of_the_same_data_is_no_change(a: dict[str, Any]) -> None:
    block = yaml.safe_dump(a, sort_keys=True, default_flow_style=False)
    flow = yaml.safe_dump(a, sort_keys=False, default_flow_style=True, width=40)
    one, two = load_text(block, "a.yaml").data, load_text(flow, "b.yaml").data
    assert diff(one, two) == []
    assert content_hash(one) == content_hash(two)


# --- the pruned walk (`same` skips equal subtrees) against the full walk -----------------------

# values whose equality and canonical JSON disagree: 1, 1.0 and True; 0.0 and -0.0; nan; a
# date and its ISO text; a tuple and a list; 1 and "1" as mapping keys
tricky = st.one_of(
    scalars,
    st.sampled_from([1, 1.0, True, 0, 0.0, -0.0, False, float("nan"), "1", "true"]),
    st.sampled_from([dt.date(2026, 1, 1), "2026-01-01", (1, 2), [1, 2]]),
)
tricky_values = st.recursive(
    tricky,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(keys, inner, max_size=4),
        st.dictionaries(st.sampled_from([1, 2]), inner, max_size=2),  # int keys: "1" in JSON
        st.lists(st.fixed_dictionaries({"id": st.sampled_from(["a", "b", "c"]), "v": inner})),
    ),
    max_leaves=25,
)
tricky_records = st.dictionaries(
    st.sampled_from(["summary", "tags", "impact_assessment", "controls", "owner"]),
    tricky_values,
    max_size=5,
)


def _shown(changes: list[Change]) -> list[tuple[Any, ...]]:
    """Changes comparable as what they show (nan is not equal to itself)."""
    return [(c.kind, c.path, c.label, repr(c.old), repr(c.new)) for c in changes]


def _edited(data: Any, draw: Any) -> Any:
    """`data` with one value somewhere inside it replaced: mostly equal, as versions are."""
    out = copy.deepcopy(data)
    node = out
    while True:
        slots = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not slots:
            return out
        slot = draw(st.sampled_from(slots))
        child = node[slot]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[slot] = draw(tricky_values)
        return out


@settings(max_examples=150, deadline=None)
@given(tricky_records, tricky_records)
def test_the_pruned_diff_is_the_full_diff(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert _shown(diff(a, b)) == _shown(diff(a, b, prune=False))


@settings(max_examples=150, deadline=None)
@given(tricky_records, st.data())
def test_the_pruned_diff_is_the_full_diff_between_close_versions(
    a: dict[str, Any], data: st.DataObject
) -> None:
    b = _edited(a, data.draw)
    assert _shown(diff(a, b)) == _shown(diff(a, b, prune=False))
    assert _shown(diff(b, a)) == _shown(diff(b, a, prune=False))


@settings(max_examples=200, deadline=None)
@given(tricky_values, tricky_values)
@example(0.0, -0.0)
@example(float("nan"), float("nan"))
@example(1, 1.0)
@example(True, 1)
@example({1: "a"}, {"1": "a"})
@example(dt.date(2026, 1, 1), "2026-01-01")
@example((1, 2), [1, 2])
@example({"x": [1, {"y": 0.0}]}, {"x": [1, {"y": -0.0}]})
def test_same_is_no_change_in_the_full_diff(a: Any, b: Any) -> None:
    assert same(a, b) == (diff(a, b, prune=False) == [])
