"""The text writer: every scalar it writes reads back, through aigov's loader, unchanged."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.authoring import yamltext
from aigov.yamlload import load_text

LOADABLE = st.characters(
    blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"), whitelist_characters="\n\t"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LOADABLE, max_size=40))
def test_any_text_round_trips(text: str) -> None:
    data = {"key": text, "items": [text, text], "nested": {"inner": text}}
    assert load_text(yamltext.dump(data), "x").data == data


@given(
    st.one_of(
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        st.booleans(),
        st.dates(),
    )
)
def test_other_scalars_round_trip(value: object) -> None:
    loaded = load_text(yamltext.dump({"v": value}), "x").data["v"]
    if isinstance(value, dt.date):
        assert (
            loaded == value.isoformat()
        )  # aigov's loader keeps dates as text; pydantic parses them
    else:
        assert loaded == value


def test_strings_that_look_like_other_types_are_quoted() -> None:
    for text in (
        "1.10",
        "yes",
        "No",
        "on",
        "null",
        "~",
        "0o17",
        "0x1F",
        "1e3",
        "12:30",
        "- item",
        "# x",
        "a: b",
        "unknown?",
    ):
        assert yamltext.scalar(text) != text or text == "unknown?"
        assert load_text(f"k: {yamltext.scalar(text)}\n", "x").data["k"] == text


def test_multi_line_text_becomes_a_block() -> None:
    out = yamltext.dump({"k": "one\ntwo\n"})
    assert out == "k: |\n  one\n  two\n"
