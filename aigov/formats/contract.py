"""The JSON outputs as a published interface: each names its format, version and schema.

Every JSON document aigov prints (`check`, `validate`, `rules`, `diff`, cards) starts with

    "$schema": "https://aigov.dev/schemas/v1/aigov-check.schema.json",
    "format": "aigov-check",
    "format_version": 1,

and `schemas/aigov-<name>.schema.json` (shipped in the wheel) describes it. Adding a key keeps
the version; removing, renaming or retyping one bumps it (and the schema's `$id`).
"""

from __future__ import annotations

from typing import Any

SCHEMA_BASE = "https://aigov.dev/schemas"

# Output name → its current format version.
VERSIONS: dict[str, int] = {"check": 1, "validate": 1, "rules": 1, "diff": 1, "card": 1}


def format_name(name: str) -> str:
    return f"aigov-{name}"


def schema_file(name: str) -> str:
    """The file in schemas/ that describes output `name`."""
    return f"{format_name(name)}.schema.json"


def schema_id(name: str) -> str:
    """The `$id` of that schema, which the output names as its `$schema`."""
    return f"{SCHEMA_BASE}/v{VERSIONS[name]}/{schema_file(name)}"


def header(name: str) -> dict[str, Any]:
    """The three keys every JSON output of `name` starts with."""
    return {
        "$schema": schema_id(name),
        "format": format_name(name),
        "format_version": VERSIONS[name],
    }


def versioned(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` with the header in front (its own keys unchanged)."""
    return {**header(name), **payload}
