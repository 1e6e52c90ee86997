"""Mapping keys are one string object per distinct key across every file loaded, so ten
thousand records hold a few hundred key strings, not millions (and pickling them from a
worker keeps them shared)."""

from __future__ import annotations

import pickle

from aigov.yamlload import load_bytes


def test_the_same_key_in_two_files_is_one_object() -> None:
    first, _ = load_bytes(b"id: a\nowner:\n  name: A\n", "a.yaml")
    second, _ = load_bytes(b"id: b\nowner:\n  name: B\n", "b.yaml")
    assert first is not None and second is not None
    (k1,) = first.data["owner"]
    (k2,) = second.data["owner"]
    assert k1 == k2 == "name" and k1 is k2
    both = pickle.loads(pickle.dumps([first.data, second.data]))
    assert next(iter(both[0]["owner"])) is next(iter(both[1]["owner"]))


def test_a_key_that_reads_as_a_number_is_kept_as_written() -> None:
    doc, _ = load_bytes(b"1e5: x\n'2': y\n", "n.yaml")
    assert doc is not None and list(doc.data) == ["1e5", "2"]
