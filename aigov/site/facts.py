"""The facts an auditor asks of the portfolio, per system: sensitive data categories (and so
special-category, biometric and children's data), personal data, human oversight, EU AI Act
tier and sign-off state. One reading of the record serves the facts page, which answers each
fact for every system (or says that no system declares it), and the systems table's filters.

How each answer is worded is data (`aigov/data/facts.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aigov.i18n import N_, gettext, ngettext
from aigov.model import EUTier, OversightMode, RiskTier, SensitiveCategory, Stage
from aigov.site.portfolio import SystemView

OVERSIGHT_PATH = "impact_assessment.human_oversight.mode"
NOT_STATED = "not_stated"
NOT_ASSESSED = "not_assessed"
SIGNOFF_STATES = ("current", "stale", "not_counted", "missing_role", "none")


@cache
def wording() -> dict[str, Any]:
    """aigov/data/facts.yaml."""
    text = resources.files("aigov.data").joinpath("facts.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def special_categories() -> tuple[str, ...]:
    """GDPR Art. 9(1) categories, as SensitiveCategory values."""
    return tuple(wording()["special_categories"])


@dataclass(frozen=True)
class SystemFacts:
    """What one system declares, as the values people filter and search by."""

    categories: tuple[str, ...]  # SensitiveCategory values, in the vocabulary's order
    personal_data: bool | None
    oversight: str  # an OversightMode value, "unknown" or "not_stated"
    eu_tier: str  # an EUTier value or "not_assessed"
    signoff: tuple[str, ...]  # SIGNOFF_STATES that hold (at least one)

    @property
    def special(self) -> bool:
        return any(c in special_categories() for c in self.categories)


def system_facts(view: SystemView) -> SystemFacts:
    record = view.record
    found: set[str] = set()
    if record.data is not None:
        found.update(c.value for c in record.data.sensitive_categories)
        for source in record.data.sources:
            found.update(c.value for c in source.sensitive_categories)
    categories = tuple(c.value for c in SensitiveCategory if c.value in found)
    personal = record.data.personal_data if record.data is not None else None
    return SystemFacts(
        categories=categories,
        personal_data=personal,
        oversight=_oversight(view),
        eu_tier=view.eu_tier.value if view.eu_tier is not None else NOT_ASSESSED,
        signoff=signoff_summary(view),
    )


def _oversight(view: SystemView) -> str:
    ia = view.record.impact_assessment
    if ia is not None and ia.human_oversight is not None and ia.human_oversight.mode is not None:
        return ia.human_oversight.mode.value
    answer = view.loaded.answers.get(OVERSIGHT_PATH)
    return "unknown" if answer is not None and answer.kind == "unknown" else NOT_STATED


def signoff_summary(view: SystemView) -> tuple[str, ...]:
    """Which of SIGNOFF_STATES hold for the system's effective sign-offs (the latest per
    role): stale, not counted, a required role missing; "current" when every effective
    sign-off approves this content and no required role is missing; "none" without any."""
    effective = [s for s in view.signoffs if s.effective]
    states: list[str] = []
    if any(s.status.value == "stale" for s in effective):
        states.append("stale")
    if any(s.status.value in ("unbound", "unverified", "invalid") for s in effective):
        states.append("not_counted")
    current = {s.signoff.role.value for s in effective if s.status.value == "current"}
    if any(role.value not in current for role in _required_roles(view)):
        states.append("missing_role")
    if not effective:
        states.append("none")
    elif not states:
        states.append("current")
    return tuple(s for s in SIGNOFF_STATES if s in states)


def _required_roles(view: SystemView) -> tuple[Any, ...]:
    from aigov.checks.policy import default_policy

    tier, stage = view.internal_tier, view.stage
    if not isinstance(tier, RiskTier) or not isinstance(stage, Stage):
        return ()
    policy = view.policy if view.policy is not None else default_policy()
    return tuple(policy.required_roles(tier, stage))


@dataclass(frozen=True)
class Answer:
    """One fact across the portfolio: the systems that declare it (empty: none does)."""

    id: str  # the value filtered by, and the heading's anchor
    phrase: str  # "biometric data"
    systems: tuple[SystemView, ...]
    link: str = ""  # the systems table filtered to it ("" when it has no filter)
    kind: str = "declares"  # "declares" (a data fact), "mode" (oversight), "tier" (EU AI Act)

    @property
    def shown_phrase(self) -> str:
        """The phrase in the reader's language (aigov/data/facts.yaml's words are English
        messages, in the catalogues through rendering)."""
        return gettext(self.phrase)

    @property
    def heading(self) -> str:
        phrase = self.shown_phrase
        return phrase[:1].upper() + phrase[1:]

    @property
    def sentence(self) -> str:
        """ "No system declares biometric data." / "2 systems declare financial data:"."""
        n = len(self.systems)
        if self.kind == "declares":
            if not n:
                return gettext("No system declares {phrase}.").format(phrase=self.shown_phrase)
            return ngettext(
                "{count} system declares {phrase}:", "{count} systems declare {phrase}:", n
            ).format(count=n, phrase=self.shown_phrase)
        if self.kind == "mode":
            if not n:
                return gettext("No system has this oversight.")
            return ngettext(
                "{count} system with this oversight:", "{count} systems with this oversight:", n
            ).format(count=n)
        if not n:
            return gettext("No system is in this tier.")
        return ngettext("{count} system in this tier:", "{count} systems in this tier:", n).format(
            count=n
        )


@dataclass(frozen=True)
class FactGroup:
    title: str
    intro: str
    answers: tuple[Answer, ...]


def fact_groups(systems: list[SystemView]) -> list[FactGroup]:
    """Every tracked fact, answered for the whole portfolio, in the facts page's order."""
    words = wording()
    facts = {v.id: system_facts(v) for v in systems}

    def having(test: Any) -> tuple[SystemView, ...]:
        return tuple(v for v in systems if test(facts[v.id]))

    special = Answer(
        "special-category",
        N_("special-category personal data (GDPR Art. 9)"),
        having(lambda f: f.special),
    )
    categories = tuple(
        Answer(
            c.value,
            words["category_phrases"].get(c.value, c.value),
            having(lambda f, c=c.value: c in f.categories),
            f"category={c.value}",
        )
        for c in SensitiveCategory
    )
    personal = (
        Answer("personal-data", N_("personal data"), having(lambda f: f.personal_data is True)),
        Answer(
            "personal-data-not-stated",
            N_("nothing about personal data"),
            having(lambda f: f.personal_data is None),
        ),
    )
    modes = [m.value for m in OversightMode] + ["unknown", NOT_STATED]
    oversight = tuple(
        Answer(
            f"oversight-{m}",
            words["oversight_phrases"].get(m, m),
            having(lambda f, m=m: f.oversight == m),
            f"oversight={m}",
            kind="mode",
        )
        for m in modes
    )
    tiers = [t.value for t in EUTier] + [NOT_ASSESSED]
    eu = tuple(
        Answer(
            f"eu-{t}",
            words["eu_tier_phrases"].get(t, t),
            having(lambda f, t=t: f.eu_tier == t),
            f"eu={t}",
            kind="tier",
        )
        for t in tiers
    )
    return [
        FactGroup(
            gettext("Sensitive data"),
            gettext("Data categories declared by the system or by any of its data sources."),
            (special, *categories, *personal),
        ),
        FactGroup(
            gettext("Human oversight"),
            gettext("The oversight mode of the impact assessment."),
            oversight,
        ),
        FactGroup(
            gettext("EU AI Act tier"),
            gettext("The tier aigov derives from the impact assessment."),
            eu,
        ),
    ]


def filter_options(systems: list[SystemView]) -> dict[str, list[str]]:
    """The values the systems table's filters offer: those some system has, in vocabulary
    order."""
    facts = [system_facts(v) for v in systems]
    used_categories = {c for f in facts for c in f.categories}
    used_oversight = {f.oversight for f in facts}
    used_eu = {f.eu_tier for f in facts}
    used_signoff = {s for f in facts for s in f.signoff}
    modes = [m.value for m in OversightMode] + ["unknown", NOT_STATED]
    return {
        "category": [c.value for c in SensitiveCategory if c.value in used_categories],
        "oversight": [m for m in modes if m in used_oversight],
        "eu": [t.value for t in EUTier if t.value in used_eu]
        + ([NOT_ASSESSED] if NOT_ASSESSED in used_eu else []),
        "signoff": [s for s in SIGNOFF_STATES if s in used_signoff],
    }
