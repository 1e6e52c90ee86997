"""Editing a record's text with ruamel.yaml round-trip: comments, quoting and layout kept
(the file's own indentation is detected, not imposed). `aigov approve` (when its line
insertion cannot) and `aigov import --into` edit records through `RoundTrip`; `aigov new`
writes fresh text with `yamltext`, and `aigov fmt` rewrites layout with `fmt`.

Writing the text back is atomic (`aigov.authoring.atomic.write_atomic`).
"""

from __future__ import annotations

import io
import itertools
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.util import load_yaml_guess_indent

# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: ruamel.yaml writes them as raw line breaks inside
# quoted text, and YAML readers (ruamel's own, libyaml) fold a NEL there into a space on the way
# back. Inside double quotes they are written as the escapes \N, \L and \P and read back as they
# were.
_FOLDED_BREAKS = ("\x85", "\u2028", "\u2029")


class Representer(RoundTripRepresenter):
    """ruamel's round-trip representer, writing text that holds those characters in double
    quotes so it reads back unchanged. Use it for every YAML() that writes records."""


def _represent_str(representer: RoundTripRepresenter, data: str) -> Any:
    if any(ch in data for ch in _FOLDED_BREAKS):
        return representer.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return representer.represent_str(data)


Representer.add_representer(str, _represent_str)


class RoundTrip:
    """A record file opened for editing: `data` is a ruamel CommentedMap; `dump()` gives text."""

    def __init__(self, text: str) -> None:
        self.original = text
        _, seq_indent, block_seq_indent = load_yaml_guess_indent(text)
        self.yaml = YAML(typ="rt")
        self.yaml.Representer = Representer
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
