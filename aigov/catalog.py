"""Framework catalogues shipped as data: the NIST AI RMF 1.0 core (public domain)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


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
