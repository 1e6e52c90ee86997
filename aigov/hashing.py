"""Content hashes: one canonical hash over a record's data, blind to formatting and comments."""

from __future__ import annotations

import hashlib
import json
from typing import Any

EXCLUDED = ("signoffs",)


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def content_hash(data: Any) -> str:
    """sha256 over the record's data without its sign-offs (signing must not change the hash)."""
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in EXCLUDED}
    return "sha256:" + hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
