"""What a record cites: its evidence entries, and the record links, model references and data
source links that are relative paths into the repository. Found in the record's data alone
(no file is opened); `aigov.evidence` checks that the cited files are usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EvidenceRef:
    """One cited piece of evidence and where in the record it is cited."""

    where: tuple[str | int, ...]  # path of the evidence entry in the record data
    title: str
    path: str | None  # for a link: the repository path it names (no #fragment or ?query)
    url: str | None
    date: str | None
    kind: str = "evidence"  # "evidence", "link" (links[].url, references[].url), "source"
    key: str = "path"  # the entry's field that holds `path`: "path", "url" or "link"

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.where)

    @property
    def noun(self) -> str:
        """How messages name the path: 'evidence' for evidence, 'linked' for links."""
        return "evidence" if self.kind == "evidence" else "linked"


def iter_evidence(data: Any, *, links: bool = True) -> list[EvidenceRef]:
    """Every evidence entry in a record's data, in file order; with `links`, also every
    record link, model reference and data source link that is a relative path into the
    repository (kind "link" or "source", `path` set, `url` None)."""
    out: list[EvidenceRef] = []
    _walk(data, (), out, links)
    return out


def relative_link(raw: Any) -> str | None:
    """The repository path a link names (`./evidence/x.md#p3` → `evidence/x.md`), or None for
    an http(s)/mailto (any scheme) link, a bare #fragment or ?query, or an empty value."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or text.startswith(("#", "?")) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text):
        return None
    text = text.split("#", 1)[0].split("?", 1)[0].strip()
    while text.startswith("./"):
        text = text[2:]
    return text or None


_NESTED = (dict, list)
_LINK_LISTS = {
    "links": ("link", "url"),
    "references": ("link", "url"),
    "sources": ("source", "link"),
}


def _walk(
    node: Any, path: tuple[str | int, ...], out: list[EvidenceRef], links: bool = True
) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if links and key in _LINK_LISTS and isinstance(value, list):
                kind, field = _LINK_LISTS[key]
                for i, item in enumerate(value):
                    if not isinstance(item, dict):
                        continue
                    rel = relative_link(item.get(field))
                    if rel is not None:
                        title = item.get("title") or item.get("name") or item.get("id") or ""
                        out.append(
                            EvidenceRef((*path, key, i), str(title), rel, None, None, kind, field)
                        )
                    _walk(item, (*path, key, i), out, links)
            elif key == "evidence" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        out.append(
                            EvidenceRef(
                                (*path, key, i),
                                str(item.get("title") or ""),
                                _text(item.get("path")),
                                _text(item.get("url")),
                                _text(item.get("date")),
                            )
                        )
            elif isinstance(value, _NESTED):  # scalars cite nothing: no call for them
                _walk(value, (*path, key), out, links)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, _NESTED):
                _walk(item, (*path, i), out, links)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
