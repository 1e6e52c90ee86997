"""Imported cards come from the internet: a hostile Hugging Face README or Model Card Toolkit
JSON gets a clear error (file, position, hint), bounded time and memory, no traceback, nothing
executed, and no record written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.corpus import CORPUS, MARKER, init_repo
from tests.hostile.test_commands import _landed, run_bounded

pytestmark = pytest.mark.skipif(not _landed("import_cmd"), reason="aigov import has not landed")

LAUGHS = (CORPUS / "billion-laughs.yaml").read_text().split("\n", 3)[3]


def _readme(meta: str, body: str = "# Model\n") -> bytes:
    return f"---\n{meta}---\n{body}".encode()


CARDS = {
    "hf-python-tag": (
        "hf",
        "README.md",
        lambda: _readme('license: !!python/object/apply:os.system ["touch aigov-pwned-marker"]\n'),
        "README.md:2:10:",
    ),
    "hf-billion-laughs": ("hf", "README.md", lambda: _readme(LAUGHS), "README.md:2:"),
    "hf-deep-nesting": (
        "hf",
        "README.md",
        lambda: _readme("x: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        "README.md:2:",
    ),
    "hf-duplicate-key": (
        "hf",
        "README.md",
        lambda: _readme("license: mit\nlicense: gpl\n"),
        ":3:1:",
    ),
    "hf-utf-16": (
        "hf",
        "README.md",
        lambda: _readme("license: mit\n").decode().encode("utf-16"),
        ":1:1:",
    ),
    "hf-80-mb-body": (
        "hf",
        "README.md",
        lambda: _readme("license: mit\n", "# Model\n" + "Limitations. " * 6_500_000),
        "MB",
    ),
    "mct-deep-json": ("mct", "card.json", lambda: b"[" * 100_000 + b"]" * 100_000, "deeper than"),
    "mct-huge-number": (
        "mct",
        "card.json",
        lambda: b'{"model_details": {"name": "x", "version": {"name": ' + b"9" * 5000 + b"}}}",
        "digits",
    ),
    "mct-not-json": ("mct", "card.json", lambda: b'{"model_details": {', "card.json:1:"),
    "register-deep-json": (
        "algoritmeregister",
        "entry.json",
        lambda: b"[" * 100_000 + b"]" * 100_000,
        "deeper than",
    ),
    "register-not-json": ("algoritmeregister", "entry.json", lambda: b'{"name": ', "entry.json:1:"),
    "register-no-name": ("algoritmeregister", "entry.json", lambda: b'{"goal": "x"}', "'name'"),
}


@pytest.mark.parametrize("name", list(CARDS))
def test_a_hostile_card_is_refused_cleanly(name: str, tmp_path: Path) -> None:
    kind, filename, make, where = CARDS[name]
    repo = init_repo(tmp_path / "repo")
    card = tmp_path / filename
    card.write_bytes(make())
    result = run_bounded(["import", kind, str(card), "-o", "systems/imported.yaml"], repo)
    assert result.returncode in (1, 2), result.both
    assert "Traceback" not in result.both and "internal error" not in result.both
    assert where in result.both, result.both[-2000:]
    assert not (repo / "systems" / "imported.yaml").exists()
    assert list((repo / "systems").iterdir()) == []
    assert not (repo / MARKER).exists() and not (tmp_path / MARKER).exists()
