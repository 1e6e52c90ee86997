"""Reading an older version of a record through its `signoffs` block alone, when that is
provably what a full parse would read.

Verifying sign-offs reads every committed version of a record file, and most versions differ
from another one (usually the file as it is now) only in their sign-offs. A version is split
by lines into the rest and its `signoffs` block: the line `signoffs:` at column 0, and the
lines after it that are blank, indented, comments at column 0 or sequence entries (`- `) at
column 0. Only the block is parsed (a few lines instead of the whole record); the content
hash and the rest's share of the loader's limits come from a *reference*: a version that was
parsed in full, whose node tree shows the same split.

Why the result is the full parse's. The reference's node tree puts a top-level key of a block
mapping at column 0 of the line the block starts on, and another at the line the rest
resumes on (when it does): there, no quoted scalar, flow collection or other construct is
open, and the scanner stands in the root block mapping at indent 0. A version with the same
rest bytes, split at the same offset, has the same text before its block and so the same
state where its block starts. Its block parses alone (else: full parse); whatever the block
opens is closed by its end (an open quote or bracket fails at the end of the text), and the
rest resumes with a plain key at column 0, which ends every block construct the block could
have left open (block scalars and plain scalars of a top-level value need indent 1 or more).
So the version's tokens are the reference's rest's with the block's spliced in, and its data
is the rest's data with `signoffs` set from the block. What could reach across the seam is
refused: anchors and aliases in the block (`&`, `*` anywhere in it), directives (`%` lines,
which change how tags read), other line breaks than LF (libyaml breaks lines at CR, NEL, LS
and PS too), a byte order mark inside the text, and a second `signoffs:` line. The limits
are checked on the sum of the reference's whole count and the block's (an upper bound), and
only for texts small enough that the prescan never runs. Anything else: parse it whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from aigov.yamlload import Document, LoadError, decode, load_text
from aigov.yamlload import limits as _limits
from aigov.yamlload.prescan import _DEEP_INDENT

KEY = "signoffs"
_HEADER = re.compile(r"signoffs:(?=[ \n]|$)")
# a line that ends the block: not blank, not indented, not a comment, not a `- ` entry
_BLOCK_END = re.compile(r"\n(?=[^ #\n-]|-[^ \n])")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*:(?:[ \n]|$)")
_REFUSED = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")  # other line breaks, a byte order mark


@dataclass(frozen=True)
class Split:
    """A text cut into the part before its `signoffs` block, the block, and the part after."""

    before: str
    block: str
    after: str

    @property
    def rest(self) -> tuple[str, int]:
        """The text without the block, and where the block was: what a reference is found by."""
        return self.before + self.after, len(self.before)


@dataclass(frozen=True)
class Reference:
    """What a full parse of a version says about its rest: its content hash, and upper bounds
    of the values and characters the rest counts against the loader's limits."""

    content_hash: str
    nodes: int
    chars: int


def split(text: str) -> Split | None:
    """The text's `signoffs` block and what surrounds it, or None when the lines do not show
    one plainly (then only a full parse can tell)."""
    if any(c in text for c in _REFUSED) or text.startswith("%") or "\n%" in text:
        return None
    start = text.find("\nsignoffs:") + 1 if not text.startswith("signoffs:") else 0
    if (start == 0 and not text.startswith("signoffs:")) or text.find("\nsignoffs:", start) >= 0:
        return None  # no `signoffs:` line, or a second one
    header = _HEADER.match(text, start)
    if header is None:
        return None
    end = _BLOCK_END.search(text, header.end())
    cut = len(text) if end is None else end.start() + 1
    block, after = text[start:cut], text[cut:]
    if after and not _PLAIN_KEY.match(after):
        return None
    if "&" in block or "*" in block:
        return None
    return Split(text[:start], block, after)


def small_enough(text: str) -> bool:
    """A text the loader's prescan skips (so it cannot fail there)."""
    return (
        len(text) < _limits.PRESCAN_FROM
        and text.count("[") + text.count("{") < _limits.SAFE_COMPOSE_DEPTH
        and _DEEP_INDENT.search(text) is None
    )


def reference_of(doc: Document, content_hash: str) -> tuple[tuple[str, int], Reference] | None:
    """The rest and reference a fully parsed version gives, when its node tree confirms the
    split: the block's first line holds a top-level key `signoffs` of the root block mapping at
    column 0, and the line after the block (if any) the next top-level key at column 0."""
    root = doc.root
    if not doc.text or not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    parts = split(doc.text)
    if parts is None:
        return None
    header = parts.before.count("\n")
    keys = {
        (k.start_mark.line, k.start_mark.column): k
        for k, _ in root.value
        if isinstance(k, yaml.ScalarNode)
    }
    found = keys.get((header, 0))
    if found is None or found.value != KEY or found.style or found.tag != "tag:yaml.org,2002:str":
        return None
    if parts.after and (header + parts.block.count("\n"), 0) not in keys:
        return None
    return parts.rest, Reference(content_hash, doc.nodes, doc.chars)


def signoffs_only(
    raw: bytes, references: dict[tuple[str, int], Reference], name: str
) -> tuple[Any, str] | None:
    """(the version's `signoffs` value, its content hash) read from the block alone, when a
    reference with the same rest proves that equal to a full parse; None: parse it whole."""
    found = _block(raw, references, name)
    if found is None:
        return None
    value, rest = found
    return value, references[rest].content_hash


def whole_version(
    raw: bytes, references: dict[tuple[str, int], tuple[Reference, Any]], name: str
) -> tuple[Any, str] | None:
    """(the version's data, its content hash) without parsing it whole: the reference's data
    with this version's `signoffs` in the same place, under the same proof as
    `signoffs_only`; None: parse it whole. The data shares the reference's unchanged values,
    which readers of history never change."""
    found = _block(raw, {rest: ref for rest, (ref, _) in references.items()}, name)
    if found is None:
        return None
    value, rest = found
    ref, data = references[rest]
    if not isinstance(data, dict) or KEY not in data:
        return None
    return {k: value if k == KEY else v for k, v in data.items()}, ref.content_hash


def _block(
    raw: bytes, references: dict[tuple[str, int], Reference], name: str
) -> tuple[Any, tuple[str, int]] | None:
    """The version's `signoffs` value and the rest its reference is found by."""
    if len(raw) > _limits.MAX_BYTES:
        return None
    try:
        text = decode(raw)
    except LoadError:
        return None
    if not small_enough(text):
        return None
    parts = split(text)
    if parts is None:
        return None
    ref = references.get(parts.rest)
    if ref is None:
        return None
    try:
        doc = load_text(parts.block, name)
    except LoadError:
        return None
    if not isinstance(doc.data, dict) or list(doc.data) != [KEY]:
        return None
    if (
        ref.nodes + doc.nodes > _limits.MAX_NODES
        or ref.chars + doc.chars > _limits.MAX_EXPANDED_CHARS
    ):
        return None
    return doc.data[KEY], parts.rest
