"""Reading a version through its sign-offs block equals reading it in full, or is refused.

Every case pairs a reference text (parsed in full, as the file now is) with another version;
whenever `signoffs_only` answers, its sign-offs and content hash must be the full parse's.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from aigov.hashing import content_hash
from aigov.review import splice
from aigov.yamlload import load_bytes

from .conftest import RECORD

BASE = """schema_version: 1
id: refund-helper
name: Refund helper
summary: Drafts refund replies.
owner:
  name: Priya Raman
signoffs:
- reviewer: Jonas Becker
  role: legal
  decision: approved
  date: 2026-03-01
links:
  repo: https://example.org/x
"""


def references(text: str) -> dict[tuple[str, int], splice.Reference]:
    doc, diags = load_bytes(text.encode(), "ref.yaml")
    assert doc is not None, diags
    found = splice.reference_of(doc, content_hash(doc.data))
    return dict([found]) if found else {}


def full(text: str) -> tuple[object, str] | None:
    doc, _ = load_bytes(text.encode(), "v.yaml")
    if doc is None:
        return None
    return doc.data.get("signoffs"), content_hash(doc.data)


def spliced(reference: str, version: str) -> tuple[object, str] | None:
    return splice.signoffs_only(version.encode(), references(reference), "v.yaml")


def whole(reference: str, version: str) -> tuple[object, str] | None:
    """The version's whole data as the history reads it through the splice."""
    doc, diags = load_bytes(reference.encode(), "ref.yaml")
    assert doc is not None, diags
    found = splice.reference_of(doc, content_hash(doc.data))
    kept = {found[0]: (found[1], doc.data)} if found else {}
    return splice.whole_version(version.encode("utf-8", "surrogateescape"), kept, "v.yaml")


def agrees(reference: str, version: str) -> bool:
    """True when the splice answered (and then it must equal the full parse: the sign-offs
    for verification, the whole data, keys in the same order, for the history)."""
    quick = spliced(reference, version)
    read = whole(reference, version)
    if quick is None:
        assert read is None, (reference, version)
        return False
    assert quick == full(version), (reference, version)
    doc, _ = load_bytes(version.encode(), "v.yaml")
    assert doc is not None and read is not None
    assert read == (doc.data, content_hash(doc.data)), (reference, version)
    assert list(read[0]) == list(doc.data)
    return True


ADDED = BASE.replace(
    "links:",
    "- reviewer: Dana Whitfield\n  role: security\n  decision: approved\n  date: 2026-03-02\nlinks:",
)

# (reference, version): the splice may answer; when it does it must equal the full parse
HITS = [
    (BASE, BASE),
    (BASE, ADDED),
    (ADDED, BASE),
    (BASE, BASE.replace("signoffs:\n- ", "signoffs:\n# a comment at column 0\n- ")),
    (BASE, BASE.replace("  role: legal", "    # indented comment\n  role: legal")),
    (BASE, BASE.replace("signoffs:\n", "signoffs:   # trailing comment\n")),
    (
        BASE,
        BASE.replace("- reviewer: Jonas Becker\n  role", "-   reviewer: Jonas Becker\n    role")
        .replace("\n  decision", "\n    decision")
        .replace("\n  date", "\n    date"),
    ),
    (BASE, BASE.replace("signoffs:\n- ", "signoffs:\n\n\n- ")),
    (
        BASE,
        BASE.replace(
            "signoffs:\n- reviewer: Jonas Becker\n  role: legal\n  decision: approved\n  date: 2026-03-01\n",
            "signoffs: []\n",
        ),
    ),
    (
        BASE,
        BASE.replace(
            "  date: 2026-03-01\n", "  date: 2026-03-01\n  comment: |\n    two\n    lines\n"
        ),
    ),
    (
        BASE,
        BASE.replace(
            "  date: 2026-03-01\n",
            '  comment: "a quoted\n    continued text"\n  date: 2026-03-01\n',
        ),
    ),
    (BASE, BASE.replace("  date: 2026-03-01\n", "  comment: [a, b,\n    c]\n  date: 2026-03-01\n")),
    (BASE, BASE.replace("  date: 2026-03-01\n", "  comment: 'it''s fine'\n  date: 2026-03-01\n")),
    (
        BASE,
        BASE.replace(
            "signoffs:\n- reviewer: Jonas Becker\n  role: legal\n  decision: approved\n  date: 2026-03-01\n",
            "signoffs:\n  - {reviewer: J, role: legal, decision: approved, date: 2026-03-01}\n",
        ),
    ),
    # the block is the end of the file, with and without a final line break
    (BASE.split("links:")[0], BASE.split("links:")[0]),
    (BASE.split("links:")[0], ADDED.split("links:")[0].rstrip("\n")),
]


@pytest.mark.parametrize(("reference", "version"), HITS)
def test_a_spliced_version_equals_its_full_parse(reference: str, version: str) -> None:
    assert agrees(reference, version)


# versions where reading only the block could differ from a full parse, or the text is
# unusual enough that no proof is attempted: the splice must refuse (None)
MISSES = {
    "anchor in the block": BASE.replace("role: legal", "role: &r legal"),
    "alias in the block": BASE.replace("name: Refund helper", "name: &n Refund helper").replace(
        "role: legal", "role: *n"
    ),
    "a directive": "%YAML 1.2\n---\n" + BASE,
    "tag directive": "%TAG !! tag:evil:\n---\n" + BASE,
    "windows line ends": BASE.replace("\n", "\r\n"),
    "a NEL line break": BASE.replace("summary: Drafts", "summary: Drafts\x85x"),
    "a second signoffs line": BASE + "signoffs: []\n",
    "another document in the block": BASE.replace(
        "  date: 2026-03-01\n", "  date: 2026-03-01\n---\n"
    ),
    "a quote left open into the rest": BASE.replace(
        "  date: 2026-03-01\n", '  date: "2026-03-01\n'
    ),
    "a bracket left open into the rest": BASE.replace(
        "  date: 2026-03-01\n", "  date: [2026-03-01\n"
    ),
    "a tab at column 0": BASE.replace("  date: 2026-03-01\n", "  date: 2026-03-01\n\tx: 1\n"),
    "the rest changed": BASE.replace("Drafts refund replies.", "Drafts refund answers."),
    "a key after the block that is not plain": BASE.replace("links:", '"links":'),
    "a dash key after the block": BASE.replace("links:", "-links:"),
    "a byte order mark inside": BASE.replace("summary:", "summary: \ufeff"),
    "duplicate key in the block": BASE.replace(
        "  date: 2026-03-01\n", "  date: 2026-03-01\n  date: 2026-03-02\n"
    ),
    "a tag the loader refuses": BASE.replace("role: legal", "role: !!python/object legal"),
    "not utf-8": BASE.replace("Jonas", "J\udcfcnas"),
}


@pytest.mark.parametrize("name", sorted(MISSES))
def test_a_version_the_splice_cannot_prove_is_read_in_full(name: str) -> None:
    version = MISSES[name]
    raw = version.encode("utf-8", "surrogateescape")
    assert splice.signoffs_only(raw, references(BASE), "v.yaml") is None
    assert whole(BASE, version) is None


# reference texts whose node tree does not confirm the line split: no reference at all
NO_REFERENCE = {
    "signoffs inside a quoted value": 'a: "x\nsignoffs: y"\nb: 1\n',
    "signoffs inside a flow collection": "a: [1,\nsignoffs: 2]\nb: 1\n",
    "a flow mapping at the top": "{a: 1,\nsignoffs: 2,\nb: 3}\n",
    "signoffs quoted as a key": 'a: 1\n"signoffs": []\nb: 1\n',
    "the next key inside a quote of the block": 'a: 1\nsignoffs: "x\nb: 1"\nc: 2\n',
    "no signoffs at all": "a: 1\nb: 2\n",
}


@pytest.mark.parametrize("name", sorted(NO_REFERENCE))
def test_a_tree_that_does_not_confirm_the_split_gives_no_reference(name: str) -> None:
    assert references(NO_REFERENCE[name]) == {}


def test_an_anchor_in_the_block_would_change_what_the_rest_reads() -> None:
    """The rest names an anchor made before the block; a version whose block makes the same
    anchor again does not load at all (a second anchor of one name), though its block alone
    and its rest both would: refused."""
    reference = BASE.replace("name: Refund helper", "name: &n Refund helper").replace(
        "repo: https://example.org/x", "repo: *n"
    )
    version = reference.replace("role: legal", "role: legal\n  note: &n Other")
    assert references(reference)
    assert full(version) is None
    assert spliced(reference, version) is None


def test_a_reference_is_the_rest_of_its_own_text() -> None:
    """The record the review tests use splits, and reads back as itself through the splice."""
    text = RECORD.read_text(encoding="utf-8")
    assert references(text), "the fixture record should give a reference"
    assert agrees(text, text)


# snippets a random block is made of: each is a sequence entry's line, comment or blank
PIECES = [
    "- reviewer: A\n",
    "-   reviewer: B\n",
    "-\n",
    "- \n",
    "  role: legal\n",
    "    role: risk\n",
    "  comment: |\n    text\n#col0 comment\n",
    "  comment: >-\n    folded\n\n    more\n",
    '  comment: "open\n',
    '  comment: "quoted # not a comment"\n',
    "  comment: 'single\n    line two'\n",
    "  comment: [x,\n",
    "  ]\n",
    "  comment: {a: 1}\n",
    "# note\n",
    "\n",
    "   \n",
    "  date: 2026-03-01\n",
    "  time: '10:00'\n",
    "  n: 1e5\n",
    "  n: yes\n",
    "  n: ~\n",
    "  k: &a x\n",
    "  k: *a\n",
    "  k: !!str 1\n",
    "  k: !custom 1\n",
    "  signoffs: nested\n",
    "---\n",
    "...\n",
    "\tk: tab\n",
    "  k: x\tafter tab\n",
    "-x: 1\n",
    "  ? complex\n  : key\n",
]


def test_random_blocks_are_read_as_a_full_parse_reads_them() -> None:
    """Hundreds of generated sign-off blocks between the same rest: wherever the splice
    answers, it equals the full parse; and it answers often enough to matter."""
    rng = random.Random(20261204)
    before, after = BASE.split("signoffs:\n")[0], "links:" + BASE.split("links:")[1]
    answered = 0
    for _ in range(1500):
        header = rng.choice(["signoffs:\n", "signoffs: # c\n", "signoffs: []\n", "signoffs:"])
        block = header + "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
        if not block.endswith("\n"):
            block += "\n"
        tail = rng.choice([after, "", after.rstrip("\n")])
        answered += agrees(BASE, before + block + tail)
        # the block as the last thing in the file, its final line break missing
        answered += agrees(BASE.split("links:")[0], (before + block).rstrip("\n"))
    assert answered > 200


def test_the_history_reads_sign_off_commits_as_a_full_parse_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real history: a record, two approvals, an edit, another approval. Every version
    `iter_versions` gives equals the version parsed whole, the sign-off-only ones included."""
    from aigov.review.git import find_repo
    from aigov.review.signoffs import iter_versions

    from .conftest import GitRepo

    repo = GitRepo(tmp_path)
    texts = [BASE, ADDED, ADDED.replace("Drafts refund replies.", "Drafts refund answers.")]
    texts.append(
        texts[-1].replace(
            "links:",
            "- reviewer: Lee\n  role: risk\n  decision: approved\n  date: 2026-03-09\nlinks:",
        )
    )
    for i, text in enumerate(texts):
        repo.write("systems/refund-helper.yaml", text)
        repo.commit(f"version {i}")
    found = find_repo(tmp_path)
    assert found is not None
    import aigov.review.signoffs as signoffs

    parsed: list[str] = []

    def counted(raw: bytes, name: str) -> object:
        parsed.append(name)
        return load_bytes(raw, name)

    monkeypatch.setattr(signoffs, "load_bytes", counted)
    versions = iter_versions(found, "systems/refund-helper.yaml")
    assert len(versions) == len(texts)
    assert len(parsed) == 2  # the newest, and the one after the edit; the rest spliced
    for version, text in zip(versions, reversed(texts), strict=True):
        assert full_data(text) == (version.data, version.content_hash)
        assert list(version.data) == list(full_data(text)[0])


def full_data(text: str) -> tuple[dict[str, object], str]:
    doc, _ = load_bytes(text.encode(), "v.yaml")
    assert doc is not None and isinstance(doc.data, dict)
    return doc.data, content_hash(doc.data)
