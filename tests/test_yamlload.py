"""The loader: YAML 1.2 scalars, positions, limits, encodings, and the messages it gives.

The hostile-input corpus (tests/hostile/) covers whole bad files end to end; these tests pin
the loader's own behaviour piece by piece, including the boundaries of its limits.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from aigov import yamlload
from aigov.yamlload import (
    MAX_DEPTH,
    Document,
    LoadError,
    decode,
    load_bytes,
    load_file,
    load_text,
    printable,
)


def data(text: str) -> object:
    return load_text(text, "x.yaml").data


def error(text: str | bytes) -> LoadError:
    raw = text.encode() if isinstance(text, str) else text
    doc, diags = load_bytes(raw, "systems/x.yaml")
    assert doc is None and len(diags) == 1, diags
    d = diags[0]
    return LoadError(d.code, d.message, d.hint, d.line, d.column)


# --- scalars: the YAML 1.2 core schema ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("+4", 4),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.10", 1.1),
        ("1e5", 100000.0),
        ("-.5", -0.5),
        ('".inf"', ".inf"),
        ("'.nan'", ".nan"),
        ("2026-01-31", "2026-01-31"),
        ("2026-01-31T10:00:00Z", "2026-01-31T10:00:00Z"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("12:30", "12:30"),
        ('"12"', "12"),
        ("'true'", "true"),
        ("'~'", "~"),
    ],
)
def test_scalars_follow_yaml_1_2(written: str, value: object) -> None:
    assert data(f"v: {written}\n") == {"v": value}


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e999", "-1e400"])
def test_numbers_that_are_not_finite_are_refused_where_written(written: str) -> None:
    """No JSON output, card or chart can hold NaN or infinity (issue 21)."""
    err = error(f"id: x\nv: {written}\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-NUMBER", 2, 4)
    assert written in err.message and "`unknown`" in err.hint


@pytest.mark.parametrize("key", [".nan", ".inf", "1e999"])
def test_a_key_that_reads_as_infinity_is_still_a_key(key: str) -> None:
    assert data(f"{key}: 1\n") == {key: 1}


def test_a_tagged_nan_is_refused_too() -> None:
    assert error("v: !!float .nan\n").code == "AIG-YAML-NUMBER"


def test_block_scalars_are_text() -> None:
    assert data("v: |\n  12\n") == {"v": "12\n"}
    assert data("v: >-\n  a\n  b\n") == {"v": "a b"}


def test_keys_are_always_text() -> None:
    assert data("1: a\ntrue: b\n~: c\n") == {"1": "a", "true": "b", "~": "c"}


def test_a_number_key_and_its_quoted_twin_are_duplicates() -> None:
    err = error('1: a\n"1": b\n')
    assert (err.code, err.line, err.column) == ("AIG-YAML-DUPKEY", 2, 1)


def test_source_text_is_the_scalar_as_written() -> None:
    doc = load_text("version: 1.10\nlist: [0o17]\n", "x.yaml")
    assert doc.data == {"version": 1.1, "list": [15]}
    assert doc.source_text(("version",)) == "1.10"
    assert doc.source_text(("list", 0)) == "0o17"
    assert doc.source_text(("list",)) is None
    assert doc.source_text(("missing",)) is None


# --- positions ---------------------------------------------------------------------------------------

POSITIONS = """\
id: claims
owner:
  team: Claims
tags: [a, b]
harms:
  - id: h1
    mitigations:
      - ctl-1
"""


@pytest.mark.parametrize(
    ("where", "key", "expected"),
    [
        (("id",), False, (1, 5)),
        (("id",), True, (1, 1)),
        (("owner",), False, (2, 1)),  # a mapping below its key: point at the key
        (("owner", "team"), False, (3, 9)),
        (("owner", "team"), True, (3, 3)),
        (("tags",), False, (4, 7)),  # a flow list on the key's line: point at the list
        (("tags", 1), False, (4, 11)),
        (("harms", 0, "id"), False, (6, 9)),
        (("harms", 0, "mitigations", 0), False, (8, 9)),
        (("harms", 0, "mitigations"), False, (7, 5)),
        (("owner", "missing"), False, (2, 1)),  # missing: the nearest parent
        (("harms", 5, "id"), False, (5, 1)),  # index out of range: the list's key
        (("tags", "x"), False, (4, 7)),  # a name step into a list
        ((), False, (1, 1)),
    ],
)
def test_positions(where: tuple, key: bool, expected: tuple[int, int]) -> None:
    doc = load_text(POSITIONS, "x.yaml")
    assert doc.position(where, key=key) == expected


def test_position_without_a_tree_is_the_top_of_the_file() -> None:
    assert Document("x.yaml", {"a": 1}).position(("a",)) == (1, 1)


def test_node_at_follows_keys_and_indexes() -> None:
    doc = load_text(POSITIONS, "x.yaml")
    node = doc.node_at(("harms", 0, "mitigations", 0))
    assert isinstance(node, yaml.ScalarNode) and node.value == "ctl-1"
    assert doc.node_at(("harms", 0, "nothing")) is None
    assert doc.node_at(("id", "deeper")) is None


def test_positions_after_a_bom_and_with_crlf() -> None:
    raw = b"\xef\xbb\xbfid: x\r\nowner:\r\n  team: t\r\n"
    doc, diags = load_bytes(raw, "x.yaml")
    assert doc is not None and not diags
    assert doc.data == {"id": "x", "owner": {"team": "t"}}
    assert doc.position(("owner", "team")) == (3, 9)


# --- what the file holds -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "--- # nothing\n"])
def test_nothing_to_load(text: str) -> None:
    assert error(text).code == "AIG-YAML-EMPTY"


def test_a_document_marker_and_a_directive_are_fine() -> None:
    assert data("%YAML 1.2\n---\nid: x\n...\n") == {"id": "x"}


def test_several_documents_point_at_the_second() -> None:
    err = error("id: a\n---\nid: b\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-MULTIDOC", 3, 1)


@pytest.mark.parametrize(("text", "kind"), [("- a\n", "a list"), ("hello\n", "a single value")])
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    err = error(text)
    assert err.code == "AIG-YAML-TOPLEVEL" and kind in err.message


# --- tags, merge keys, complex keys, aliases -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [echo]\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !!binary aGk=\n",
        "a: !!timestamp 2026-01-01\n",
        "a: !!set {x}\n",
        "a: !!omap [x: 1]\n",
        "a: !!map {x: 1}\n",
    ],
)
def test_tags_are_refused_at_their_position(text: str) -> None:
    if text.startswith("a: !!map") or text.startswith("a: !!timestamp"):
        # the standard tags of ordinary values are fine
        assert isinstance(data(text), dict)
        return
    err = error(text)
    assert (err.code, err.line, err.column) == ("AIG-YAML-TAG", 1, 4)
    assert "Nothing tagged is ever executed" in err.hint


def test_explicit_standard_scalar_tags_are_allowed() -> None:
    assert data("a: !!str text\nb: !!int 3\n") == {"a": "text", "b": 3}


def test_an_explicit_str_tag_keeps_text() -> None:
    """`version: !!str 1.10` is standard YAML for "this is text", like quoting it."""
    assert data("a: !!str 1.10\nb: !!str 123\nc: !!str ~\nd: 1.10\n") == {
        "a": "1.10",
        "b": "123",
        "c": "~",
        "d": 1.1,
    }


def test_an_explicit_str_tag_keeps_text_that_only_yaml_1_2_reads_as_a_number() -> None:
    """`1e5` and `0o17` are text to PyYAML's YAML 1.1 resolver and numbers in YAML 1.2, which
    records follow; written `!!str 1e5` they stay text, as the author asked."""
    assert data("a: !!str 1e5\nb: 1e5\nc: !!str 0o17\nd: 0o17\ne: !!str 1.0e5\n") == {
        "a": "1e5",
        "b": 100000.0,
        "c": "0o17",
        "d": 15,
        "e": "1.0e5",
    }


def test_merge_keys_are_refused() -> None:
    err = error("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-MERGE", 3, 3)


def test_complex_keys_are_refused() -> None:
    err = error("? [a, b]\n: c\n")
    assert err.code == "AIG-YAML-KEY"


def test_plain_aliases_are_expanded() -> None:
    assert data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_a_recursive_alias_is_refused() -> None:
    assert error("a: &x [1, *x]\n").code == "AIG-YAML-ALIAS"


def test_alias_expansion_is_bounded_by_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_NODES", 50)
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a, *a]\n"
    err = error(text)
    assert err.code == "AIG-YAML-ALIAS" and "more than 50 values" in err.message


def test_alias_expansion_is_bounded_by_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_EXPANDED_CHARS", 1000)
    text = f"a: &a {'x' * 400}\nb: [*a, *a]\n"
    assert data(f"a: &a {'x' * 400}\nb: [*a]\n") is not None  # 800 characters: fine
    err = error(text)
    assert err.code == "AIG-YAML-ALIAS" and "of text" in err.message


# --- depth, size, numbers ------------------------------------------------------------------------------


def _nested(levels: int) -> str:
    return "a: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"


def test_depth_limit_is_exact() -> None:
    assert data(_nested(MAX_DEPTH)) is not None
    err = error(_nested(MAX_DEPTH + 1))
    assert err.code == "AIG-YAML-DEPTH"


def test_very_deep_nesting_is_refused_before_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml's composer recurses in C: 10,000 levels must be stopped by the event scan."""
    composed: list[int] = []
    real = yaml.compose_all
    monkeypatch.setattr(yaml, "compose_all", lambda *a, **k: composed.append(1) or real(*a, **k))
    err = error("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-DEPTH", 1, 67)
    assert composed == []


def test_small_files_skip_the_event_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extra pass is only paid by files big or deep enough to need it."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("prescan ran on an ordinary record")

    monkeypatch.setattr(yaml, "parse", forbidden)
    assert data("id: x\nowner:\n  team: t\ntags: [a, b]\n") is not None


def test_too_many_values_are_refused_without_aliases() -> None:
    text = "tags:\n" + "- a\n" * 210_000
    err = error(text)
    assert err.code == "AIG-YAML-SIZE" and "more than 200,000 values" in err.message


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    doc, [diag] = load_file(path, "systems/big.yaml")
    assert doc is None and diag.code == "AIG-YAML-SIZE" and diag.path == "systems/big.yaml"
    doc, [diag] = load_bytes(b"a: " + b"x" * 200, "x.yaml")  # the same limit for bytes
    assert diag.code == "AIG-YAML-SIZE"


def test_a_number_too_long_to_convert() -> None:
    err = error("a: " + "1" * 4001 + "\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-NUMBER", 1, 4)
    assert data("a: " + "1" * 4000 + "\n") is not None
    assert data('a: "' + "1" * 5000 + '"\n') is not None


# --- encodings -----------------------------------------------------------------------------------------


def test_decode_strips_a_bom() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named(codec: str) -> None:
    err = error("id: x\n".encode(codec))
    assert err.code == "AIG-YAML-ENCODING" and "UTF-16" in err.message


def test_latin1_byte_position() -> None:
    err = error("id: x\nname: Équipe\n".encode("latin-1"))
    assert (err.line, err.column) == (2, 7)
    assert "0xc9" in err.message


def test_nul_byte_position() -> None:
    err = error(b"id: x\nname: a\x00b\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-ENCODING", 2, 8)


def test_control_character_position_and_name() -> None:
    err = error("id: x\nname: a\x07b\n")
    assert (err.code, err.line, err.column) == ("AIG-YAML-ENCODING", 2, 8)
    assert "U+0007 (bell)" in err.message


# --- syntax errors: position and hint ----------------------------------------------------------------


def test_tab_indentation_gets_the_tab_hint() -> None:
    err = error("tags:\n\t- a\n")
    assert (err.line, err.column) == (2, 1)
    assert "tab" in err.hint


def test_a_list_item_with_two_colons_is_shown_quoted() -> None:
    err = error("use_case:\n  beneficiaries:\n    - Agents: less searching: faster replies\n")
    assert err.line == 3 and "mapping values are not allowed" in err.message
    assert err.hint.endswith('put the value in quotes: - "Agents: less searching: faster replies"')
    fixed = "use_case:\n  beneficiaries:\n    " + err.hint.rsplit("quotes: ", 1)[1] + "\n"
    assert load_text(fixed, "x").data == {
        "use_case": {"beneficiaries": ["Agents: less searching: faster replies"]}
    }
    err = error("summary: Ranks claims: fast: first\n")
    assert err.hint.endswith('quotes: summary: "Ranks claims: fast: first"')


def test_an_unclosed_quote_points_where_it_opens() -> None:
    err = error('id: x\nsummary: "Ranks claims\nversion: "2"\n')
    assert (err.line, err.column) == (2, 10)
    assert "line 2" in err.hint


def test_a_quote_open_to_the_end_points_where_it_opens() -> None:
    err = error("id: x\nsummary: 'Ranks claims\nmore\n")
    assert (err.line, err.column) == (2, 10)
    assert "not closed" in err.message


def test_a_missing_final_newline_keeps_positions_on_real_lines() -> None:
    err = error("id: x\ntags: [a,")
    assert (err.line, err.column) == (2, 10)


def test_a_misplaced_list_item() -> None:
    err = error("owner:\n  team: t\n  - x\n")
    assert err.line == 3 and "'- '" in err.hint


def test_multiline_flow_mapping_with_multiline_quoted_text_is_not_a_runaway() -> None:
    """A quoted string may legitimately span lines; only a swallowed `key:` is suspicious."""
    assert data('summary: "two\n  lines"\nid: x\n') == {"summary": "two lines", "id": "x"}


def test_messages_are_one_line_even_for_hostile_keys() -> None:
    err = error('"a\\nforged: line": 1\n"a\\nforged: line": 2\n')
    assert "\n" not in err.message and "\\n" in err.message


# --- reading files ------------------------------------------------------------------------------------


def test_a_folder_is_not_a_record(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    doc, [diag] = load_file(tmp_path / "x.yaml", "systems/x.yaml")
    assert doc is None and diag.code == "AIG-IO" and "folder" in diag.message


def test_a_pipe_is_never_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    doc, [diag] = load_file(tmp_path / "x.yaml", "systems/x.yaml")
    assert doc is None and "not a regular file" in diag.message


def test_a_missing_file(tmp_path: Path) -> None:
    doc, [diag] = load_file(tmp_path / "gone.yaml", "systems/gone.yaml")
    assert doc is None and diag.code == "AIG-IO" and "cannot be read" in diag.message


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: x\n")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    doc, [diag] = load_file(path, "systems/x.yaml")
    assert doc is None and "permission denied" in diag.message


def test_load_file_reads_a_record(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: x\n")
    doc, diags = load_file(path)
    assert diags == [] and doc is not None and doc.data == {"id": "x"} and doc.path == str(path)


# --- printable ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("two\nlines", "two\\nlines"),
        ("tab\there", "tab\\there"),
        ("\x1b[31mred", "\\u001b[31mred"),
        ("rtl\u202eoverride", "rtl\\u202eoverride"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("emoji 👩\u200d💻", "emoji 👩\u200d💻"),
        ("café 日本", "café 日本"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_cuts_long_text() -> None:
    out = printable("x" * 500, 20)
    assert len(out) == 20 and out.endswith("...")


# --- other aigov YAML files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "fragment", "hint"),
    [
        ("- a\n", "AIG-YAML-TOPLEVEL", "a policy file is a mapping of keys", "key: value"),
        ("# nothing\n", "AIG-YAML-EMPTY", "holds no policy file", "Write the policy file"),
        (
            "a: 1\n---\nb: 2\n",
            "AIG-YAML-MULTIDOC",
            "a policy file is exactly one",
            "remove the extra ---",
        ),
        ("a: !!python/name:os.system\n", "AIG-YAML-TAG", "not allowed in a policy file", "Nothing"),
    ],
)
def test_other_files_are_named_in_messages(text: str, code: str, fragment: str, hint: str) -> None:
    doc, [diag] = load_bytes(text.encode(), "aigov.yaml", kind="policy file")
    assert doc is None and diag.code == code
    assert fragment in diag.message and hint in diag.hint
    assert "schema_version" not in diag.hint and "aigov new" not in diag.hint


def test_text_made_in_memory_has_the_size_limit_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """An import builds record text in memory; without this it met the alias limit instead."""
    monkeypatch.setattr(yamlload, "MAX_BYTES", 100)
    with pytest.raises(LoadError) as err:
        load_text("a: " + "x" * 200 + "\n", "x.yaml")
    assert err.value.code == "AIG-YAML-SIZE"
