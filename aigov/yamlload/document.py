"""The loaded document: plain data, and the node tree that finds a field's position on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded YAML file: its data, and the node tree used to find positions on demand."""

    path: str
    data: Any
    root: yaml.Node | None = field(repr=False, default=None)
    # key -> (key node, value node) per mapping node, built on first lookup, so that reporting
    # thousands of problems in one big mapping stays linear
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # False only when loading saw no `unknown` value and no `not_applicable` key, so there are
    # no explicit answers to lift out (validation then skips that pass over the data)
    may_have_answers: bool = field(default=True, repr=False, compare=False)
    # False only when the text holds no direction control, written or escaped (validation
    # then skips looking for them)
    may_have_bidi: bool = field(default=True, repr=False, compare=False)
    # the text it was parsed from, and how many values and characters building it counted
    # (the loader's limits): what aigov.review.splice needs to reuse this parse for another
    # version of the file that differs only in its sign-offs
    text: str = field(default="", repr=False, compare=False)
    nodes: int = field(default=0, repr=False, compare=False)
    chars: int = field(default=0, repr=False, compare=False)

    def node_at(self, where: FieldPath) -> yaml.Node | None:
        node = self.root
        for step in where:
            if node is None:
                return None
            node = self._child(node, step)[1]
        return node

    def source_text(self, where: FieldPath) -> str | None:
        """The scalar exactly as written in the file (`1.10`, not the float 1.1)."""
        node = self.node_at(where)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def position(self, where: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `where` (or of its key), or of the deepest
        existing parent when the path does not exist (a missing field points at its parent)."""
        node = self.root
        if node is None:
            return (1, 1)
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        for step in where:
            child_key, child = self._child(node, step)
            if child is None:
                return best
            anchor = child
            # point at the key for key problems, and for collections that start below their key
            if child_key is not None and (
                key
                or (
                    child.start_mark.line != child_key.start_mark.line
                    and not isinstance(child, yaml.ScalarNode)
                )
            ):
                anchor = child_key
            best = (anchor.start_mark.line + 1, anchor.start_mark.column + 1)
            node = child
        return best

    def _child(self, node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            index = self._keys.get(id(node))
            if index is None:
                index = {}
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode):
                        index.setdefault(k.value, (k, v))
                self._keys[id(node)] = index
            return index.get(step, (None, None))
        if (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            return None, node.value[step]
        return None, None
