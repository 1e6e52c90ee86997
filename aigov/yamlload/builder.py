"""Our own node -> data builder over PyYAML's C composer.

No tag is ever constructed into an object: the builder reads mappings, sequences and the YAML
1.2 core scalars itself, names both lines of a duplicate key, refuses merge keys and
recursive aliases, and bounds what aliases expand to.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import yaml

from aigov.answers import NOT_APPLICABLE, UNKNOWN
from aigov.i18n import _
from aigov.textsafety import printable
from aigov.yamlload.limits import MAX_DEPTH, MAX_INT_DIGITS
from aigov.yamlload.messages import (
    LoadError,
    expansion_error,
    not_finite,
    tag_error,
    too_deep,
)
from aigov.yamlload.scalars import (
    BOOL,
    FLOAT,
    HEX,
    INF,
    INT,
    MAP_TAGS,
    MERGE_TAG,
    NAN,
    NULL,
    OCT,
    SCALAR_TAGS,
    SEQ_TAGS,
    STR_TAG,
)

_ScalarNode = yaml.ScalarNode
_intern = sys.intern
_UNKNOWN, _NOT_APPLICABLE = UNKNOWN, NOT_APPLICABLE


class Builder:
    """Turns a node tree into dicts, lists and scalars, checking what libyaml does not.

    This is the hot path of every command (a 20 KB record has about 3,000 nodes), so scalars
    inside collections are converted inline, without a call per node, and plain text is
    returned without trying the number and null patterns when its first character rules
    them out."""

    def __init__(self, max_nodes: int, max_chars: int) -> None:
        self.max_nodes, self.max_chars = max_nodes, max_chars
        self.count = 0
        self.chars = 0
        self.active: set[int] = set()  # ids of the collections being built (the path here)
        self.answers = False  # saw `unknown` or a `not_applicable` key (see aigov.answers)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise expansion_error(node, _("more than {n} values").format(n=f"{self.max_nodes:,}"))
        if isinstance(node, yaml.ScalarNode):
            return self._text(node)
        if depth >= MAX_DEPTH:  # the root is level 1, as in _prescan
            raise too_deep(node.start_mark)
        if id(node) in self.active:
            raise LoadError(
                "AIG-YAML-ALIAS",
                _("an alias refers to the collection that contains it"),
                _("Remove the recursive alias (*name inside &name)."),
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        self.active.add(id(node))
        out: Any
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, SEQ_TAGS)
            out = []
            append = out.append
            for item in node.value:
                if type(item) is _ScalarNode:
                    self.count += 1
                    if self.count > self.max_nodes:
                        raise expansion_error(
                            item, _("more than {n} values").format(n=f"{self.max_nodes:,}")
                        )
                    append(self._text(item))
                else:
                    append(self.build(item, depth + 1))
        elif isinstance(node, yaml.MappingNode):
            self._check_tag(node, MAP_TAGS)
            out = {}
            for k, v in node.value:
                if k.tag == MERGE_TAG:
                    raise LoadError(
                        "AIG-YAML-MERGE",
                        _("merge keys (<<) are not supported in records"),
                        _("Write the fields out; merge keys make review diffs misleading."),
                        k.start_mark.line + 1,
                        k.start_mark.column + 1,
                    )
                if not isinstance(k, yaml.ScalarNode):
                    raise LoadError(
                        "AIG-YAML-KEY",
                        _("a key must be a plain name, not a list or mapping"),
                        _("Use a simple word as the key."),
                        k.start_mark.line + 1,
                        k.start_mark.column + 1,
                    )
                key = self._key(k)
                # one string object per distinct key: thousands of records repeat the same
                # few hundred keys, and pickling to the parent then keeps them shared
                key = _intern(key) if isinstance(key, str) else _intern(k.value)
                if key in out:
                    raise duplicate_key(node, k, key)
                if type(v) is _ScalarNode:
                    self.count += 1
                    if self.count > self.max_nodes:
                        raise expansion_error(
                            v, _("more than {n} values").format(n=f"{self.max_nodes:,}")
                        )
                    item = self._text(v)
                    if item == _UNKNOWN:
                        self.answers = True
                else:
                    item = self.build(v, depth + 1)
                if key == _NOT_APPLICABLE:
                    self.answers = True
                out[key] = item
        else:  # pragma: no cover - libyaml composes nothing else
            raise LoadError("AIG-YAML-SYNTAX", "unsupported YAML node", "Fix the YAML syntax.")
        self.active.discard(id(node))
        return out

    def _text(self, node: yaml.ScalarNode) -> Any:
        """A scalar, counting the text that aliases expand to: a 4 MB string repeated by a
        thousand aliases is a few bytes of YAML but gigabytes for everything downstream."""
        value = node.value
        self.chars += len(value)
        if self.chars > self.max_chars:
            raise expansion_error(
                node, _("more than {n} MB of text").format(n=self.max_chars // 1048576)
            )
        if node.tag == STR_TAG:
            return value  # text for certain: what _scalar would conclude, without the patterns
        out = self._scalar(node)
        if type(out) is float and not math.isfinite(out):
            raise not_finite(node, out)
        return out

    def _key(self, node: yaml.ScalarNode) -> Any:
        """A mapping key: a scalar as in _text, but one that reads as a number (even `.inf`)
        is used as written, so no key is refused for not being finite."""
        value = node.value
        self.chars += len(value)
        if self.chars > self.max_chars:
            raise expansion_error(
                node, _("more than {n} MB of text").format(n=self.max_chars // 1048576)
            )
        return value if node.tag == STR_TAG else self._scalar(node)

    @staticmethod
    def _check_tag(node: yaml.Node, allowed: set[str]) -> None:
        if node.tag not in allowed:
            raise tag_error(node)

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag not in SCALAR_TAGS:
            raise tag_error(node)
        if node.style:  # quoted or block scalar: always a string
            return value
        if tag == STR_TAG:
            return value
        if NULL.match(value):
            return None
        if value in BOOL:
            return BOOL[value]
        if INT.match(value):
            if len(value) > MAX_INT_DIGITS:
                raise LoadError(
                    "AIG-YAML-NUMBER",
                    _("a number with {n} digits is too long to read").format(n=f"{len(value):,}"),
                    _(
                        "Put it in quotes if it is an identifier; no record needs a number this "
                        "long."
                    ),
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            return int(value)
        if OCT.match(value):
            return int(value[2:], 8)
        if HEX.match(value):
            return int(value[2:], 16)
        if FLOAT.match(value):
            return float(value)
        if INF.match(value):
            return math.copysign(math.inf, -1.0 if value.startswith("-") else 1.0)
        if NAN.match(value):
            return math.nan
        return value


def duplicate_key(mapping: yaml.MappingNode, k: yaml.ScalarNode, key: str) -> LoadError:
    first_node = next(
        k2 for k2, _ in mapping.value if isinstance(k2, yaml.ScalarNode) and _key_of(k2) == key
    )
    first = first_node.start_mark.line + 1
    shown = printable(key)
    lines = (
        _("lines {first} and {second}").format(first=first, second=k.start_mark.line + 1)
        if first != k.start_mark.line + 1
        else _("line {first}").format(first=first)
    )
    return LoadError(
        "AIG-YAML-DUPKEY",
        _("duplicate key '{key}' (first defined on line {first})").format(key=shown, first=first),
        _("Keep one '{key}': merge the two entries on {lines}.").format(key=shown, lines=lines),
        k.start_mark.line + 1,
        k.start_mark.column + 1,
    )


def _key_of(k: yaml.ScalarNode) -> str:
    key = Builder._scalar(k)
    return key if isinstance(key, str) else k.value
