"""Small helpers on record data (nested dicts): dotted paths, merging, slugs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from aigov.answers import UNKNOWN


def get_path(data: dict[str, Any], path: str) -> Any:
    current: Any = data
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def has_path(data: dict[str, Any], path: str) -> bool:
    current: Any = data
    for part in path.split("."):
        if current == UNKNOWN:
            return True  # a whole section answered `unknown` covers its fields
        if not isinstance(current, dict) or part not in current:
            return False
        current = current[part]
    return True


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    current = data
    for part in parts[:-1]:
        nxt = current.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            current[part] = nxt
        current = nxt
    current[parts[-1]] = value


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge, everything else in `extra` wins."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def expand_dotted(data: dict[str, Any]) -> dict[str, Any]:
    """{'use_case.problem': x} → {'use_case': {'problem': x}}, merged with nested keys."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        nested = expand_dotted(value) if isinstance(value, dict) else value
        if isinstance(key, str) and "." in key:
            holder: dict[str, Any] = {}
            set_path(holder, key, nested)
            out = merge(out, holder)
        elif isinstance(nested, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], nested)
        else:
            out[key] = nested
    return out


def slug(text: str, taken: Iterable[str] = (), prefix: str = "", limit: int = 40) -> str:
    """A record id from free text: lowercase ASCII, hyphens, at most `limit` characters, unique."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    base = (prefix + words)[:limit].strip("-") or (prefix.strip("-") or "item")
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[: limit - 4].strip('-')}-{n}"
        n += 1
    return candidate


# words an id can do without: articles, prepositions, auxiliaries (negations stay: they matter)
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "their",
        "there",
        "our",
        "your",
        "my",
        "his",
        "her",
        "does",
        "do",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "than",
        "then",
        "so",
        "very",
        "also",
        "any",
        "some",
        "each",
    ]
)
ID_WORDS = 4
ID_LENGTH = 32


def short_id(text: str, taken: Iterable[str] = (), prefix: str = "", words: int = ID_WORDS) -> str:
    """A short id from a sentence: its first few meaningful words, lowercase ASCII, hyphens,
    at most ID_LENGTH characters, cut between words (never inside one), unique among `taken`.

    "A draft promises a refund the policy does not allow" → "draft-promises-refund-policy".
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    kept = [w for w in parts if w not in _STOP_WORDS] or parts
    chosen: list[str] = []
    room = ID_LENGTH - len(prefix)
    for word in kept[:words]:
        candidate = "-".join([*chosen, word])
        if len(candidate) > room:
            break
        chosen.append(word)
    if not chosen and kept:  # one very long word: the only place an id is cut inside a word
        chosen = [kept[0][:room]]
    base = prefix + "-".join(chosen) if chosen else (prefix.strip("-") or "item")
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        trimmed = base
        while len(trimmed) + len(suffix) > ID_LENGTH and "-" in trimmed[len(prefix) :]:
            trimmed = trimmed.rsplit("-", 1)[0]
        candidate = trimmed + suffix
        n += 1
    return candidate
