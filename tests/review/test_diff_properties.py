"""Properties tying the diff to the content hash: a sign-off goes stale exactly when the diff
has something to show, and formatting never counts."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.hashing import content_hash
from aigov.review.diff import diff
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
