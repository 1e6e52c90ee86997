"""The rule registry: metadata from `aigov/data/rules.yaml`, logic registered in Python by id.

Metadata (title, severity, stages, tiers, why, framework references, hint, example) is data so
that the rule reference, `aigov rules`, the site and an organisation's policy all read the
same thing. The logic is a plain function per rule, registered with `@check("AIG-XXX-001")`;
`all_rules()` joins the two and refuses to start if either side has an id the other lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from aigov.diagnostics import Severity
from aigov.fieldmodel.titles import OWNERS, SECTION_TITLES, section_title
from aigov.i18n import _
from aigov.model import RiskTier, Stage

if TYPE_CHECKING:  # pragma: no cover
    from aigov.checks.context import Context

CheckFn = Callable[["Context"], None]
WhenFn = Callable[["Context"], bool]

SECTIONS = SECTION_TITLES  # the check sections and their titles, from aigov.fieldmodel

NIST_FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")


@dataclass(frozen=True)
class Rule:
    """One governance rule: what it requires, when, why, and how to fix a finding."""

    id: str
    title: str
    section: str
    severity: Severity
    stages: tuple[Stage, ...]
    tiers: tuple[RiskTier, ...]
    why: str
    hint: str
    example: str = ""
    owner: str = "pm"  # who usually answers it (a key of aigov.fieldmodel.titles.OWNERS)
    applies_when: str = ""
    brief: str = ""
    nist: tuple[str, ...] = ()
    eu_ai_act: tuple[str, ...] = ()
    other_refs: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    # asks for something a system documented after deployment never had (a feasibility sprint,
    # a product-metrics layer): for such a record AIG-LIFE-005 reports it once instead
    before_deployment: bool = False
    check: CheckFn | None = field(default=None, compare=False, repr=False)
    when: WhenFn | None = field(default=None, compare=False, repr=False)

    @cached_property
    def functions(self) -> tuple[str, ...]:
        """The NIST AI RMF functions this rule serves, in GOVERN, MAP, MEASURE, MANAGE order."""
        named = {ref.split()[0] for ref in self.nist}
        return tuple(f for f in NIST_FUNCTIONS if f in named)

    @property
    def section_title(self) -> str:
        return section_title(self.section)

    @property
    def owner_title(self) -> str:
        """Who usually answers it, in words ("Legal", "ML lead"), in the language aigov writes in."""
        return _(OWNERS[self.owner])

    def applies_to(self) -> str:
        """'stages mvp, pilot, production; tiers high, critical; when …' in words."""
        stages = ", ".join(s.value for s in self.stages)
        tiers = (
            "all tiers"
            if len(self.tiers) == len(RiskTier)
            else "tiers " + ", ".join(t.value for t in self.tiers)
        )
        text = f"stages {stages}; {tiers}"
        if self.applies_when:
            text += f"; when {self.applies_when}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section,
            "severity": self.severity.value,
            "owner": self.owner,
            "stages": [s.value for s in self.stages],
            "tiers": [t.value for t in self.tiers],
            "applies_when": self.applies_when,
            "why": self.why,
            "brief": self.brief,
            "nist": list(self.nist),
            "eu_ai_act": list(self.eu_ai_act),
            "other_refs": list(self.other_refs),
            "fields": list(self.fields),
            "hint": self.hint,
            "example": self.example,
        }


class RegistryError(Exception):
    """The shipped rule metadata and the registered logic disagree (a bug in aigov)."""


_LOGIC: dict[str, tuple[CheckFn, WhenFn | None]] = {}


def check(rule_id: str, *, when: WhenFn | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register the logic of one rule. `when` narrows it to records it concerns."""

    def register(fn: CheckFn) -> CheckFn:
        if rule_id in _LOGIC:
            raise RegistryError(f"rule {rule_id} has two check functions")
        _LOGIC[rule_id] = (fn, when)
        return fn

    return register


def registered_logic() -> dict[str, tuple[CheckFn, WhenFn | None]]:
    _load_logic()
    return dict(_LOGIC)


def _load_logic() -> None:
    import aigov.checks.rules  # noqa: F401  (registers every rule)


@cache
def metadata() -> tuple[dict[str, Any], ...]:
    """The raw entries of aigov/data/rules.yaml, in file order."""
    text = resources.files("aigov.data").joinpath("rules.yaml").read_text("utf-8")
    data = yaml.load(
        text, Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    )
    return tuple(data["rules"])


def _tuple_of(enum: Any, values: Any, default: tuple[Any, ...]) -> tuple[Any, ...]:
    if values is None:
        return default
    return tuple(enum(v) for v in values)


@cache
def _rules() -> tuple[Rule, ...]:
    _load_logic()
    out = []
    seen: set[str] = set()
    for entry in metadata():
        rid = entry["id"]
        if rid in seen:
            raise RegistryError(f"rule {rid} appears twice in rules.yaml")
        seen.add(rid)
        if rid not in _LOGIC:
            raise RegistryError(f"rule {rid} has metadata but no check function")
        fn, when = _LOGIC[rid]
        owner = entry.get("owner", "pm")
        if owner not in OWNERS:
            raise RegistryError(f"rule {rid}: owner {owner!r} is not one of {', '.join(OWNERS)}")
        out.append(
            Rule(
                id=rid,
                title=entry["title"],
                section=entry["section"],
                severity=Severity(entry["severity"]),
                stages=_tuple_of(Stage, entry.get("stages"), tuple(Stage)),
                tiers=_tuple_of(RiskTier, entry.get("tiers"), tuple(RiskTier)),
                why=" ".join(entry["why"].split()),
                hint=" ".join(entry["hint"].split()),
                example=entry.get("example", "") or "",
                owner=owner,
                applies_when=entry.get("applies_when", "") or "",
                brief=" ".join((entry.get("brief", "") or "").split()),
                nist=tuple(entry.get("nist", ()) or ()),
                eu_ai_act=tuple(entry.get("eu_ai_act", ()) or ()),
                other_refs=tuple(entry.get("other_refs", ()) or ()),
                fields=tuple(entry.get("fields", ()) or ()),
                before_deployment=bool(entry.get("before_deployment", False)),
                check=fn,
                when=when,
            )
        )
    missing = sorted(set(_LOGIC) - seen)
    if missing:
        raise RegistryError(f"check functions without metadata in rules.yaml: {', '.join(missing)}")
    return tuple(out)


def all_rules() -> list[Rule]:
    """Every rule, in the order of the rule reference."""
    return list(_rules())


@cache
def _by_id() -> dict[str, Rule]:
    return {r.id: r for r in _rules()}


def get_rule(rule_id: str) -> Rule | None:
    """The rule with this id (case-insensitive), or None."""
    return _by_id().get(rule_id.strip().upper())


def catalogue_strings() -> list[str]:
    """The rules' words aigov shows and translates where it shows them (`_(rule.title)`): each
    title and fix hint, as the registry holds them (whitespace folded). Read by
    `aigov.i18n_sources`; the ids, severities and references are never translated."""
    return [text for r in _rules() for text in (r.title, r.hint) if text]


def rule_ids() -> list[str]:
    return [r.id for r in _rules()]
