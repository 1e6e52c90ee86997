"""The crosswalk (`aigov/data/crosswalk.yaml`): sourced pairs between NIST AI RMF 1.0
subcategories, NIST AI 600-1 actions, ISO/IEC 42001 Annex A controls and EU AI Act provisions,
and its export as SSSOM TSV (https://mapping-commons.github.io/sssom/).

`crosswalk()` reads the file and the pairs the 600-1 data states itself (each action under its
subcategory); `problems()` lists every id not in its catalogue and every pair without a known
source — a test keeps it empty; `sssom_tsv()` writes the mapping set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aigov import __version__
from aigov.catalog import genai_profile, iso42001, nist
from aigov.obligations.text import act

SCHEMES = ("nist_ai_rmf", "nist_600_1", "iso_42001", "eu_ai_act")

#: CURIE prefix and expansion of each scheme in the SSSOM output. aigov mints URNs: none of
#: the publishers gives its ids a dereferenceable URI.
PREFIXES = {
    "nist_ai_rmf": ("AIRMF", "urn:aigov:nist-ai-rmf-1.0:"),
    "nist_600_1": ("NISTAI6001", "urn:aigov:nist-ai-600-1:"),
    "iso_42001": ("ISO42001", "urn:aigov:iso-iec-42001-2023-annex-a:"),
    "eu_ai_act": ("EUAIA", "urn:aigov:eu-ai-act:"),
}
PREDICATES = frozenset(
    {
        "skos:exactMatch",
        "skos:closeMatch",
        "skos:broadMatch",
        "skos:narrowMatch",
        "skos:relatedMatch",
    }
)
SSSOM_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "mapping_source",
    "comment",
)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Pair:
    subject_scheme: str
    subject: str
    object_scheme: str
    object: str
    predicate: str
    source: str  # a Source id
    note: str = ""
    line: int = 0  # where in crosswalk.yaml (0: derived, or not known)


@dataclass(frozen=True)
class Crosswalk:
    sources: dict[str, Source]
    pairs: tuple[Pair, ...]  # the file's pairs, then the derived ones

    def between(self, a: str, b: str) -> list[Pair]:
        return [p for p in self.pairs if {p.subject_scheme, p.object_scheme} == {a, b}]


def _known(scheme: str) -> frozenset[str]:
    if scheme == "nist_ai_rmf":
        return nist().ids()
    if scheme == "nist_600_1":
        return frozenset(a.id for a in genai_profile().actions)
    if scheme == "iso_42001":
        return frozenset(iso42001().ids())
    return frozenset(act().provisions)


def label(scheme: str, ident: str) -> str:
    """What the id stands for: the subcategory's or action's text (U.S. Government works),
    the Annex A short title, the Act's article title."""
    if scheme == "nist_ai_rmf":
        sub = nist().get(ident)
        return sub.text if sub else ""
    if scheme == "nist_600_1":
        action = genai_profile().action(ident)
        return action.text if action else ""
    if scheme == "iso_42001":
        ctl = iso42001().get(ident)
        return ctl.title if ctl else ""
    prov = act().provision(ident)
    return prov.title if prov else ""


def parse(raw: dict[str, Any], lines: dict[int, int] | None = None) -> Crosswalk:
    sources = {
        key: Source(key, " ".join(str(s["title"]).split()), str(s.get("url", "")))
        for key, s in (raw.get("sources") or {}).items()
    }
    pairs: list[Pair] = []
    for i, p in enumerate(raw.get("pairs") or []):
        schemes = [k for k in p if k in SCHEMES]
        if len(schemes) != 2:
            raise ValueError(f"crosswalk pair {i + 1} names {len(schemes)} schemes, not two")
        a, b = schemes
        pairs.append(
            Pair(
                a,
                str(p[a]),
                b,
                str(p[b]),
                str(p.get("predicate", "")),
                str(p.get("source", "")),
                str(p.get("note", "")),
                (lines or {}).get(i, 0),
            )
        )
    for d in raw.get("derived") or []:
        if d.get("from") == "nist-ai-600-1":
            pairs += [
                Pair("nist_600_1", a.id, "nist_ai_rmf", a.subcategory, d["predicate"], d["source"])
                for a in genai_profile().actions
            ]
        else:
            raise ValueError(f"crosswalk: unknown derived set {d.get('from')!r}")
    return Crosswalk(sources, tuple(pairs))


def _pair_lines(text: str) -> dict[int, int]:
    """Index of each item of `pairs:` → its 1-based line in the file."""
    node = yaml.compose(text)
    out: dict[int, int] = {}
    for key, value in node.value if node is not None else []:
        if key.value == "pairs":
            for i, item in enumerate(value.value):
                out[i] = item.start_mark.line + 1
    return out


@cache
def crosswalk() -> Crosswalk:
    text = resources.files("aigov.data").joinpath("crosswalk.yaml").read_text("utf-8")
    return parse(yaml.safe_load(text), _pair_lines(text))


def problems(cw: Crosswalk) -> list[str]:
    """Every id that is not in its catalogue, unknown predicate or source, duplicate pair."""
    out = []
    seen: set[tuple[str, str, str, str]] = set()
    for p in cw.pairs:
        where = "crosswalk.yaml" + (f":{p.line}" if p.line else "")
        for scheme, ident in ((p.subject_scheme, p.subject), (p.object_scheme, p.object)):
            if ident not in _known(scheme):
                out.append(f"{where}: '{ident}' is not a {scheme} id")
        if p.predicate not in PREDICATES:
            out.append(f"{where}: predicate '{p.predicate}' is not a SKOS mapping relation")
        if p.source not in cw.sources:
            out.append(f"{where}: source '{p.source}' is not one of the file's sources")
        key = (p.subject_scheme, p.subject, p.object_scheme, p.object)
        if key in seen:
            out.append(f"{where}: {p.subject} - {p.object} is listed twice")
        seen.add(key)
    return out


def curie(scheme: str, ident: str) -> str:
    return f"{PREFIXES[scheme][0]}:{ident.replace(' ', '-')}"


def _cell(text: str) -> str:
    return " ".join(text.split())


def sssom_tsv(cw: Crosswalk | None = None) -> str:
    """The crosswalk as an SSSOM mapping set: the YAML metadata block (commented), then one
    TSV row per pair."""
    cw = cw or crosswalk()
    meta = [
        "#curie_map:",
        *(f"#  {prefix}: {base}" for prefix, base in PREFIXES.values()),
        "#  semapv: https://w3id.org/semapv/vocab/",
        "#  skos: http://www.w3.org/2004/02/skos/core#",
        "#mapping_set_id: urn:aigov:crosswalk",
        f"#mapping_set_version: aigov-{__version__}",
        "#mapping_set_title: aigov crosswalk - NIST AI RMF 1.0, NIST AI 600-1, "
        "ISO/IEC 42001:2023 Annex A (ids and short titles only), EU AI Act",
        "#license: https://www.apache.org/licenses/LICENSE-2.0",
        "#comment: Every row names the published document that states it (mapping_source).",
    ]
    rows = ["\t".join(SSSOM_COLUMNS)]
    for p in cw.pairs:
        src = cw.sources[p.source]
        rows.append(
            "\t".join(
                _cell(v)
                for v in (
                    curie(p.subject_scheme, p.subject),
                    label(p.subject_scheme, p.subject),
                    p.predicate,
                    curie(p.object_scheme, p.object),
                    label(p.object_scheme, p.object),
                    "semapv:ManualMappingCuration",
                    src.url,
                    f"{src.title}" + (f"; {p.note}" if p.note else ""),
                )
            )
        )
    return "\n".join(meta + rows) + "\n"
