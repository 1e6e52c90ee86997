"""Writing a record back with ruamel.yaml round-trip: comments, quoting and layout kept.

Writes are atomic (a temp file in the same folder, fsync, `os.replace`), so an interrupted
`aigov approve` never leaves a half-written record behind.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, keeping the file's permissions."""
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class RoundTrip:
    """A record file opened for editing: `data` is a ruamel CommentedMap; `dump()` gives text."""

    def __init__(self, text: str) -> None:
        self.original = text
        _, seq_indent, block_seq_indent = load_yaml_guess_indent(text)
        self.yaml = YAML(typ="rt")
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096
        offset = block_seq_indent or 0
        sequence = max(seq_indent or 2, offset + 2)
        self.yaml.indent(mapping=_mapping_indent(text), sequence=sequence, offset=offset)
        self.data: Any = self.yaml.load(text)

    def dump(self) -> str:
        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        out = buf.getvalue()
        if self.original.startswith("\ufeff"):
            out = "\ufeff" + out.lstrip("\ufeff")
        return out


def _mapping_indent(text: str) -> int:
    """How far nested mappings are indented (the first `key:` followed by a deeper `key:`)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for this, nxt in itertools.pairwise(lines):
        if this.rstrip().endswith(":") and not this.lstrip().startswith("-"):
            here = len(this) - len(this.lstrip())
            there = len(nxt) - len(nxt.lstrip())
            if there > here and not nxt.lstrip().startswith("-"):
                return there - here
    return 2
