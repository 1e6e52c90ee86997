"""A record with a payload in every string field the schema lets carry one (for the XSS
tests of cards and of the site)."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from aigov.answers import split_answers
from aigov.model import Record

LINK_FIELDS = ("url", "link", "path")

# Markdown link syntax in plain text fields (#21): inline links, autolinks, reference-style
# links with their definitions, images, raw HTML links and code-fence openers (#22). Every
# XSS test adds these to its own payloads.
LINK_SYNTAX = [
    "[inline](javascript:alert('md-inline'))",
    "<javascript:alert('md-autolink')>",
    "<vbscript:msgbox('md-autolink')>",
    "[ref][1]\n\n[1]: javascript:alert('md-refdef')",
    "[1]: javascript:alert('md-def-only')",
    "[ref]: <data:text/html,alert('md-def-angle')>\n\n[ref]",
    "![img](data:text/html,alert('md-image'))",
    "<a href=\"javascript:alert('raw-a')\">raw</a>",
    "[nested [brackets]](javascript:alert('md-nested'))",
    "~~~\nfence opened by a record\n",
    "```\nfence opened by a record\n",
]


def string_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in string_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in string_paths(v, (*path, i))]
    return [path] if isinstance(value, str) else []


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _get_or_none(data: Any, path: tuple[Any, ...]) -> Any:
    try:
        return get(data, path)
    except (KeyError, IndexError, TypeError):
        return None


def put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def poison(
    original: dict[str, Any], payloads: list[str], links: list[str]
) -> tuple[dict[str, Any], int]:
    """A copy of `original` with every string but the id replaced by a payload (link fields
    by a link payload), then, field by field, the original value put back where the schema
    refuses the payload (ids, enum codes, dates, validated URLs). Returns the record and how
    many fields carry a payload."""
    data = copy.deepcopy(original)
    paths = [p for p in string_paths(data) if p != ("id",)]
    for n, path in enumerate(paths):
        pool = links if str(path[-1]) in LINK_FIELDS else payloads
        put(data, path, pool[n % len(pool)])
    for _ in range(60):
        clean, _answers = split_answers(data)
        try:
            Record.model_validate(clean)
            break
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                while loc and not isinstance(_get_or_none(data, loc), str):
                    loc = loc[:-1]
                if loc:
                    put(data, loc, get(original, loc))
    carried = sum(1 for p in paths if get(data, p) != get(original, p))
    return data, carried
