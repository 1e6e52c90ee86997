"""Framework catalogues shipped as data: the NIST AI RMF 1.0 core and NIST AI 600-1 (U.S.
Government works), ISO/IEC 42001:2023 Annex A (ids and short titles only)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Subcategory:
    id: str
    function: str
    category_id: str
    category_text: str
    text: str


@dataclass(frozen=True)
class NistCatalog:
    functions: tuple[dict[str, str], ...]
    subcategories: tuple[Subcategory, ...]

    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.subcategories)

    def by_function(self, function: str) -> list[Subcategory]:
        return [s for s in self.subcategories if s.function == function.upper()]

    def get(self, sub_id: str) -> Subcategory | None:
        return next((s for s in self.subcategories if s.id == sub_id), None)


@cache
def nist() -> NistCatalog:
    raw = json.loads(
        resources.files("aigov.data").joinpath("nist-ai-rmf-1.0.json").read_text("utf-8")
    )
    categories = {c["id"]: c["text"] for c in raw["categories"]}
    subs = tuple(
        Subcategory(s["id"], s["function"], s["category"], categories[s["category"]], s["text"])
        for s in raw["subcategories"]
    )
    return NistCatalog(tuple(raw["functions"]), subs)


@cache
def nist_ids() -> frozenset[str]:
    return nist().ids()


# --- ISO/IEC 42001:2023 Annex A (ids and short titles only: ISO text is copyrighted) --------


@dataclass(frozen=True)
class IsoControl:
    id: str  # "A.6.2.4"
    title: str  # the short title, nothing more
    group_id: str  # "A.6"
    group_title: str


@dataclass(frozen=True)
class IsoAnnexA:
    standard: str
    source: str
    count: int  # as the data file states it; a test compares it with `controls`
    controls: tuple[IsoControl, ...]

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.controls)

    def get(self, ident: str) -> IsoControl | None:
        return next((c for c in self.controls if c.id == ident), None)


@cache
def iso42001() -> IsoAnnexA:
    raw = yaml.safe_load(
        resources.files("aigov.data").joinpath("iso-42001-annex-a.yaml").read_text("utf-8")
    )
    controls = tuple(
        IsoControl(str(c["id"]), str(c["title"]), str(g["id"]), str(g["title"]))
        for g in raw["groups"]
        for c in g["controls"]
    )
    return IsoAnnexA(
        str(raw["standard"]), " ".join(str(raw["source"]).split()), int(raw["count"]), controls
    )


@cache
def iso42001_ids() -> frozenset[str]:
    return frozenset(iso42001().ids())


# --- NIST AI 600-1, Generative AI Profile (U.S. Government work) ---------------------------


@dataclass(frozen=True)
class GaiRisk:
    id: str  # "confabulation"
    number: int  # 1..12, as 600-1 Section 2 orders them
    title: str


@dataclass(frozen=True)
class GaiAction:
    id: str  # "GV-1.1-001"
    subcategory: str  # "GOVERN 1.1": the AI RMF subcategory it is listed under
    risks: tuple[str, ...]  # GaiRisk ids
    text: str


@dataclass(frozen=True)
class GenAIProfile:
    document: dict[str, str]
    action_count: int  # as the data file states it from the source; a test compares
    risks: tuple[GaiRisk, ...]
    actions: tuple[GaiAction, ...]

    def risk(self, ident: str) -> GaiRisk | None:
        return next((r for r in self.risks if r.id == ident), None)

    def action(self, ident: str) -> GaiAction | None:
        return next((a for a in self.actions if a.id == ident), None)

    def for_risks(self, risks: frozenset[str] | set[str]) -> list[GaiAction]:
        """The actions that list any of `risks`, in the profile's order."""
        return [a for a in self.actions if risks.intersection(a.risks)]

    def citation(self) -> str:
        d = self.document
        return f"NIST AI 600-1 ({d['published']}), doi:{d['doi']}"


@cache
def genai_profile() -> GenAIProfile:
    raw = yaml.safe_load(
        resources.files("aigov.data").joinpath("nist-ai-600-1.yaml").read_text("utf-8")
    )
    doc = {k: str(v) for k, v in raw["document"].items()}
    risks = tuple(GaiRisk(r["id"], int(r["number"]), r["title"]) for r in raw["risks"])
    actions = tuple(
        GaiAction(a["id"], a["subcategory"], tuple(a["risks"]), a["text"]) for a in raw["actions"]
    )
    return GenAIProfile(doc, int(raw["document"]["action_count"]), risks, actions)


@cache
def gai_action_ids() -> frozenset[str]:
    return frozenset(a.id for a in genai_profile().actions)


@cache
def gai_risk_ids() -> frozenset[str]:
    return frozenset(r.id for r in genai_profile().risks)


def unknown_framework_id(kind: str, value: str) -> tuple[str, str] | None:
    """(what is wrong, a hint with "did you mean") when `value` is not an id of the catalogue
    `kind` ("iso_42001", "nist_600_1" or "gai_risks"); None when it is one."""
    known, what, form, source = _CATALOGUES[kind]()
    if value in known:
        return None
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return (
        f"'{value}' is not {what}",
        (f"Did you mean '{guess[0]}'? " if guess else "")
        + f"Use ids like {form}; aigov/data/{source} lists them.",
    )


_CATALOGUES: dict[str, Callable[[], tuple[frozenset[str], str, str, str]]] = {
    "iso_42001": lambda: (
        iso42001_ids(),
        "an ISO/IEC 42001:2023 Annex A control id",
        "'A.6.2.4'",
        "iso-42001-annex-a.yaml",
    ),
    "nist_600_1": lambda: (
        gai_action_ids(),
        "a NIST AI 600-1 action id",
        "'MS-2.5-001'",
        "nist-ai-600-1.yaml",
    ),
    "gai_risks": lambda: (
        gai_risk_ids(),
        "a NIST AI 600-1 GAI risk",
        "'confabulation'",
        "nist-ai-600-1.yaml",
    ),
}
