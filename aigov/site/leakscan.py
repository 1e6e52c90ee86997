"""The last line of defence of a public edition: after the engine has rendered the site, look
through every built page and the engine's search index for the text of any withheld field.

A public build is generated from its own pages folder, made from redacted records, so nothing
withheld should ever reach it. The scan checks that the result agrees, whatever the engine
did and whatever the user's own pages say: a hit fails the build, and the previous site stays.

The markers are the withheld fields' texts (each line of 20 characters and 3 words or more),
minus any text the public edition shows anyway: the same words in a public field of any
record, or in aigov's own reference pages (the rules' examples). They
are matched case-insensitively with whitespace collapsed, in the pages' text (tags removed,
entities decoded) and in their attributes (links), and in the search index's strings, in
MkDocs' (`search/search_index.json`) and Zensical's (`search.json`) format alike. To search
thousands of markers in hundreds of MB, each marker is filed under its rarest word (the one
least used in the public records); a file is searched for a marker only when it has that word.

The findings name the file and the withheld field, never its text: build logs may be public.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic

# a line of withheld text is a marker from 20 characters and 3 words: ids, names and short
# labels ("cost per draft", "mon-feature-drift") also stand in evidence files and examples
MIN_MARKER = 20
MIN_WORDS = 3
SCANNED = (".html", ".htm", ".json", ".md", ".txt", ".csv", ".xml", ".svg")
THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/fonts/")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Marker:
    text: str  # normalised
    record: str  # the record file it comes from
    field: str  # the withheld field's label (field names only)


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield k
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _get(data: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        in_dict = isinstance(data, dict) and step in data
        if in_dict or (isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)):
            data = data[step]
        else:
            return None
    return data


def withheld_markers(pairs: Iterable[tuple[str, Any, Any, Iterable[Any]]]) -> list[Marker]:
    """The markers of a public edition, from (record file, full data, public data, its
    `Withheld` entries) for every record (see `without_fixed_text` for the rest)."""
    pairs = list(pairs)
    public: set[str] = set()
    for _, _, public_data, _ in pairs:
        public.update(normalise(s) for s in _strings(public_data))
    markers: dict[str, Marker] = {}
    for record, full, public_data, withheld in pairs:
        shown = "\n".join(normalise(s) for s in _strings(public_data))
        for part in withheld:
            for text in _strings(_get(full, part.path)):
                for line in text.splitlines():
                    m = normalise(line)
                    if len(m) < MIN_MARKER or len(m.split()) < MIN_WORDS:
                        continue
                    if m in public or m in shown or m in markers:
                        continue
                    markers[m] = Marker(m, record, part.label)
    return list(markers.values())


def without_fixed_text(markers: Sequence[Marker], fixed_pages: Iterable[str]) -> list[Marker]:
    """The markers that none of aigov's own pages (text from its data files, not from the
    records) happens to contain."""
    fixed = "\n".join(_page_text(p) for p in fixed_pages)
    return [m for m in markers if m.text not in fixed]


def _page_text(raw: str) -> str:
    """A page's words as a reader and a search engine see them, then its raw markup (the
    links and attributes), both normalised."""
    return normalise(html.unescape(_TAG.sub(" ", raw))) + "\n" + normalise(html.unescape(raw))


def file_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            data = json.loads(raw)
        except ValueError:
            return _page_text(raw)
        return "\n".join(_page_text(s) for s in _strings(data))
    return _page_text(raw)


class Index:
    """The markers filed under their rarest word."""

    def __init__(self, markers: Sequence[Marker], public_words: Counter[str]) -> None:
        self.by_word: dict[str, list[Marker]] = defaultdict(list)
        for marker in markers:
            words = _WORD.findall(marker.text)
            if not words:
                continue
            key = min(words, key=lambda w: (public_words.get(w, 0), -len(w)))
            self.by_word[key].append(marker)
        self.words = frozenset(self.by_word)

    def search(self, text: str) -> list[Marker]:
        found: list[Marker] = []
        for word in self.words.intersection(_WORD.findall(text)):
            found.extend(m for m in self.by_word[word] if m.text in text)
        return found


def public_word_counts(public_data: Iterable[Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for data in public_data:
        for s in _strings(data):
            counts.update(_WORD.findall(s.casefold()))
    return counts


def scanned_files(site: Path, search_index: str) -> list[Path]:
    """The built pages and the engine's search index (the copies of the index the offline
    plugins write as JavaScript hold the same entries)."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and path.suffix in SCANNED and not rel.startswith(THEME_ASSETS):
            out.append(path)
    index = site / search_index
    if index.is_file() and index not in out:
        out.append(index)
    return out


def _scan_chunk(files: list[Path], index: Index) -> list[tuple[Path, Marker]]:
    return [(f, m) for f in files for m in index.search(file_text(f))]


def scan_site(
    site: Path,
    markers: Sequence[Marker],
    public_words: Counter[str],
    search_index: str,
    pool: Executor | None = None,
) -> tuple[list[Diagnostic], int]:
    """One error per file and withheld field found in the built site, and how many files
    were scanned."""
    if not markers:
        return [], 0
    index = Index(markers, public_words)
    files = scanned_files(site, search_index)
    if pool is None:
        hits = _scan_chunk(files, index)
    else:
        chunks = [files[i::4] for i in range(4)]
        hits = [h for part in pool.map(_scan_chunk, chunks, [index] * 4) for h in part]
    seen: set[tuple[str, str, str]] = set()
    out = []
    for path, marker in hits:
        key = (path.relative_to(site).as_posix(), marker.record, marker.field)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Diagnostic(
                key[0],
                0,
                0,
                "AIG-SITE-LEAK",
                f"the public site shows withheld content: the text of {marker.field} "
                f"({marker.record}) is in {key[0]}",
                hint="The site was not published; the previous site was left as it was. If one "
                "of your own pages quotes it, remove the quote, or make the field public in the "
                "record's visibility block.",
            )
        )
    return out, len(files)
