"""The YAML 1.2 core schema as the loader reads it: scalar patterns, tags, and the C loader.

PyYAML resolves plain scalars by YAML 1.1 (`yes` is true, `1e5` is text); the builder reads
them by these patterns instead, and `Loader` marks the ones the two schemas disagree on.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # pragma: no cover - which branch runs depends on the wheel
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment, unused-ignore]

NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT = re.compile(r"^[-+]?[0-9]+$")
OCT = re.compile(r"^0o[0-7]+$")
HEX = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_STD = "tag:yaml.org,2002:"
MAP_TAGS = {_STD + "map"}
SEQ_TAGS = {_STD + "seq"}
STR_TAG = _STD + "str"  # text: quoted, tagged `!!str`, or plain and text in YAML 1.1 and 1.2
YAML12_TAG = "tag:aigov,2026:yaml12"  # plain, text to PyYAML's YAML 1.1 resolver only
SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
SCALAR_TAGS.add(YAML12_TAG)
MERGE_TAG = _STD + "merge"

_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_RESOLVE_CACHE_ENTRIES = 20_000
_RESOLVE_CACHE_LENGTH = 64


class Loader(_BaseLoader):
    """The safe loader, remembering the implicit tag of short scalars.

    libyaml calls the Python resolver for every scalar, which tries regular expressions on
    it; keys and vocabulary values repeat thousands of times across a portfolio. The safe
    resolver has no path resolvers, so a scalar's tag depends only on its text and how it was
    written: the cache gives exactly the tag the resolver would (about 15% of composing)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return _BaseLoader.resolve(self, kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = _BaseLoader.resolve(self, kind, value, implicit)
            if tag == STR_TAG and implicit[0] and plain_non_string(value):
                tag = YAML12_TAG  # `1e5`: text to YAML 1.1, a number to YAML 1.2 (and to us)
            if len(value) <= _RESOLVE_CACHE_LENGTH and len(_RESOLVED) < _RESOLVE_CACHE_ENTRIES:
                _RESOLVED[key] = tag
        return tag


def plain_non_string(value: str) -> bool:
    """Plain scalars that YAML 1.2 reads as non-text but PyYAML's 1.1 resolver tags as str."""
    return bool(
        value in BOOL
        or NULL.match(value)
        or INT.match(value)
        or OCT.match(value)
        or HEX.match(value)
        or FLOAT.match(value)
    )
