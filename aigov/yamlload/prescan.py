"""Guards that run before libyaml composes a tree: too many values, or nesting too deep.

libyaml's composer recurses in C and holds the whole tree; a hostile file must be stopped by
a streaming pass first. Small ordinary records skip it.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import yaml

from aigov.i18n import _
from aigov.yamlload.limits import MAX_DEPTH, PRESCAN_FROM, SAFE_COMPOSE_DEPTH
from aigov.yamlload.messages import LoadError, place, too_deep
from aigov.yamlload.scalars import Loader

_DEEP_INDENT = re.compile(f"^ {{{SAFE_COMPOSE_DEPTH}}}", re.M)  # a line this deep


def prescan(text: str, max_nodes: int) -> None:
    """Stream parse events (constant memory) before composing a tree when the text is big
    enough to hold more values than a record can, or could nest deeper than libyaml's composer
    (which recurses in C) survives. Small ordinary records skip this."""
    if (
        len(text) < PRESCAN_FROM
        and text.count("[") + text.count("{") < SAFE_COMPOSE_DEPTH
        and _DEEP_INDENT.search(text) is None
    ):
        return
    if text.count("[") + text.count("{") >= SAFE_COMPOSE_DEPTH:
        _flow_depth_guard(text)
    depth = 0
    values = 0
    for ev in yaml.parse(text, Loader=Loader):
        if isinstance(ev, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep(ev.start_mark)
        elif isinstance(ev, yaml.CollectionEndEvent):
            depth -= 1
            continue
        elif not isinstance(ev, yaml.ScalarEvent | yaml.AliasEvent):
            continue
        values += 1
        if values > max_nodes:
            raise LoadError(
                "AIG-YAML-SIZE",
                _("the file holds more than {n} values; a record holds a few thousand").format(
                    n=f"{max_nodes:,}"
                ),
                _(
                    "Move bulk data (datasets, logs, long result tables) to evidence files and "
                    "link them from the record."
                ),
                *place(ev.start_mark),
            )


def _flow_depth_guard(text: str) -> None:
    """Find where [ and { nest deeper than MAX_DEPTH, outside quotes and comments.

    libyaml's scanner reads a whole flow collection ahead before it yields events, and newer
    libyaml stops at its own limit (1000) first; this finds the position our limit names.
    The record's own top-level mapping is level 1, as in the event count below."""
    depth = 1
    line = col = 0
    quote = ""
    previous = "\n"
    comment = False
    for char in text:
        col += 1
        if char == "\n":
            line, col, comment, previous = line + 1, 0, False, char
            continue
        if comment:
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (previous in " \t[{,:" or col == 1):
            quote = char
        elif char == "#" and previous in " \t\n":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep(SimpleNamespace(line=line, column=col - 1))
        elif char in "]}":
            depth = max(1, depth - 1)
        previous = char
