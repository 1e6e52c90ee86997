"""The EU AI Act as data (`aigov/data/eu-ai-act.yaml`), read once into typed values.

`act()` returns the `ActText`: the version it encodes, the named application dates, every
article or point id aigov cites, and the obligations with their addressees, condition, dates
and evidence fields. The file is aigov's own data: a malformed entry is a bug in aigov, so the
loader refuses it with `ActDataError` naming the entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aigov.model import EURole

#: The conditions an obligation can apply under; `aigov.obligations.engine` decides each.
CONDITIONS = frozenset(
    {
        "prohibited",
        "prohibited_new",
        "high_risk",
        "annex_iii_high_risk",
        "public_annex_iii_high_risk",
        "employment_high_risk",
        "derogation_claimed",
        "fria_required",
        "art_50_interacts",
        "art_50_synthetic",
        "art_50_emotion",
        "art_50_deep_fake",
        "gpai_model",
        "gpai_systemic",
    }
)

ROUTES = ("annex_iii", "annex_i")  # the two high-risk routes with their own dates


class ActDataError(Exception):
    """aigov/data/eu-ai-act.yaml is malformed (a bug in aigov)."""


@dataclass(frozen=True)
class TextVersion:
    """Which text the data encodes, where it is published, and what is unconfirmed."""

    id: str
    title: str
    celex: str
    amended_by: str
    amended_by_celex: str
    amending_oj: str
    in_force: dt.date
    consolidated: dt.date
    source: str
    short: str
    read: tuple[str, ...]
    unconfirmed: tuple[tuple[str, str], ...]  # (what, how it was resolved)


@dataclass(frozen=True)
class NamedDate:
    key: str
    date: dt.date
    article: str
    what: str


@dataclass(frozen=True)
class Provision:
    id: str
    title: str

    @property
    def citation(self) -> str:
        """`art-6-3-a` → `Art. 6(3)(a)`; `annex-iv-2-g` → `Annex IV 2(g)`."""
        return citation_of(self.id)


@dataclass(frozen=True)
class Grace:
    """A later date for systems (or models) already on the market before `placed_before`."""

    placed_before: NamedDate
    until: NamedDate
    article: str


@dataclass(frozen=True)
class Obligation:
    id: str
    article: str
    title: str
    roles: tuple[EURole, ...]
    condition: str
    applies_from: dict[str, NamedDate]  # route (annex_iii, annex_i) or "any" → date
    evidence: tuple[str, ...]
    summary: str
    grace: Grace | None = None

    def date_for(self, route: str | None) -> NamedDate:
        """The application date on `route` (a high-risk route), else the one date it has."""
        if route is not None and route in self.applies_from:
            return self.applies_from[route]
        if "any" in self.applies_from:
            return self.applies_from["any"]
        return min(self.applies_from.values(), key=lambda d: d.date)


@dataclass(frozen=True)
class ActText:
    version: TextVersion
    dates: dict[str, NamedDate]
    provisions: dict[str, Provision]
    obligations: tuple[Obligation, ...]
    annex_iii_areas: dict[str, str]
    conditions: dict[str, str]  # condition → in words

    def obligation(self, ident: str) -> Obligation | None:
        return next((o for o in self.obligations if o.id == ident), None)

    def provision(self, ident: str) -> Provision | None:
        return self.provisions.get(ident)

    def upcoming_dates(self) -> list[NamedDate]:
        return sorted(self.dates.values(), key=lambda d: (d.date, d.key))


def citation_of(ident: str) -> str:
    """The usual way of writing an id: `art-6-3-a` → `Art. 6(3)(a)`, `art-6-1a` → `Art. 6(1a)`,
    `annex-iii-5-c` → `Annex III 5(c)`."""
    parts = ident.split("-")
    if parts[0] == "art":
        return f"Art. {parts[1]}" + "".join(f"({p})" for p in parts[2:])
    if parts[0] == "annex":
        head = f"Annex {parts[1].upper()}"
        if len(parts) == 2:
            return head
        return f"{head} {parts[2]}" + "".join(f"({p})" for p in parts[3:])
    return ident


def _date(raw: Any, where: str) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise ActDataError(f"{where}: '{raw}' is not a date") from None


def _text(raw: Any) -> str:
    return " ".join(str(raw or "").split())


@cache
def act() -> ActText:
    """The EU AI Act data, read and checked once."""
    raw = yaml.safe_load(
        resources.files("aigov.data").joinpath("eu-ai-act.yaml").read_text("utf-8")
    )
    return parse(raw)


def parse(raw: dict[str, Any]) -> ActText:
    t = raw["text"]
    version = TextVersion(
        id=str(t["id"]),
        title=t["title"],
        celex=str(t["celex"]),
        amended_by=t["amended_by"],
        amended_by_celex=str(t["amended_by_celex"]),
        amending_oj=t["amending_oj"],
        in_force=_date(t["in_force"], "text.in_force"),
        consolidated=_date(t["consolidated"], "text.consolidated"),
        source=t["source"],
        short=t["short"],
        read=tuple(t.get("read", ())),
        unconfirmed=tuple((_text(u["what"]), _text(u["how"])) for u in t.get("unconfirmed", ())),
    )
    provisions: dict[str, Provision] = {}
    for p in raw["provisions"]:
        if p["id"] in provisions:
            raise ActDataError(f"provision {p['id']} appears twice")
        provisions[p["id"]] = Provision(p["id"], p["title"])

    def known(ident: str, where: str) -> str:
        if ident not in provisions:
            raise ActDataError(f"{where}: '{ident}' is not a provision")
        return ident

    dates = {
        key: NamedDate(key, _date(d["date"], f"dates.{key}"), known(d["article"], key), d["what"])
        for key, d in raw["dates"].items()
    }

    def named(key: str, where: str) -> NamedDate:
        if key not in dates:
            raise ActDataError(f"{where}: '{key}' is not a named date")
        return dates[key]

    obligations = []
    seen: set[str] = set()
    for o in raw["obligations"]:
        oid = o["id"]
        if oid in seen:
            raise ActDataError(f"obligation {oid} appears twice")
        seen.add(oid)
        if o["condition"] not in CONDITIONS:
            raise ActDataError(f"obligation {oid}: unknown condition '{o['condition']}'")
        when = o["applies_from"]
        if isinstance(when, dict):
            if set(when) - set(ROUTES):
                raise ActDataError(f"obligation {oid}: routes are {', '.join(ROUTES)}")
            applies = {route: named(k, oid) for route, k in when.items()}
        else:
            applies = {"any": named(when, oid)}
        g = o.get("grace")
        grace = (
            Grace(named(g["placed_before"], oid), named(g["until"], oid), known(g["article"], oid))
            if g
            else None
        )
        obligations.append(
            Obligation(
                id=oid,
                article=known(o["article"], oid),
                title=o["title"],
                roles=tuple(EURole(r) for r in o["roles"]),
                condition=o["condition"],
                applies_from=applies,
                evidence=tuple(o["evidence"]),
                summary=_text(o.get("summary")),
                grace=grace,
            )
        )
    areas = {k: known(v, "annex_iii_areas") for k, v in raw["annex_iii_areas"].items()}
    conditions = {str(k): _text(v) for k, v in raw["conditions"].items()}
    if set(conditions) != CONDITIONS:
        raise ActDataError("conditions: every condition needs its words, and only those")
    return ActText(version, dates, provisions, tuple(obligations), areas, conditions)
