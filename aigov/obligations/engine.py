"""Which EU AI Act obligations one record carries: role × tier × date, pure functions.

`obligations_for(record, answers, tier, today, horizon_days)` reads the organisation's roles and
the facts obligations turn on from `impact_assessment.eu_ai_act`, takes the EU tier aigov derived
(`aigov.checks.tier`), and returns an `ObligationReport`: every obligation of the data
(`aigov/data/eu-ai-act.yaml`) as applicable, not yet applicable (from when), not applicable, or
undetermined because the role is not known, each with the record fields that evidence it and
whether they are given, missing, unknown or not applicable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from aigov.answers import NOT_APPLICABLE, UNKNOWN, Answers
from aigov.i18n import N_, _, shown_date
from aigov.model import AnnexIIIArea, EURole, EUTier, ProhibitedPractice, Record
from aigov.obligations.text import ActText, NamedDate, Obligation, act, citation_of

Applies = Literal[
    "applicable", "not_yet_applicable", "not_applicable", "role_unknown", "tier_undetermined"
]
EvidenceStatus = Literal["given", "missing", "unknown", "not_applicable"]
Status = Literal[
    "given",
    "missing",
    "unknown",
    "prohibited",
    "not_yet_applicable",
    "not_applicable",
    "role_unknown",
    "tier_undetermined",
]

#: Conditions that hold only for a high-risk system: with an undetermined tier they may hold.
HIGH_RISK_CONDITIONS = frozenset(
    {
        "high_risk",
        "annex_iii_high_risk",
        "public_annex_iii_high_risk",
        "employment_high_risk",
        "fria_required",
    }
)

DEFAULT_HORIZON_DAYS = 180
NEW_PROHIBITION = ProhibitedPractice.NON_CONSENSUAL_INTIMATE_OR_CSAM
GPAI_ROLES = frozenset({EURole.GPAI_MODEL_PROVIDER, EURole.GPAI_MODEL_PROVIDER_SYSTEMIC_RISK})
FRIA_POINTS = frozenset({"5(b)", "5(c)"})  # Art. 27(1): deployers of these points as well


@dataclass(frozen=True)
class Evidence:
    """One record field that evidences an obligation, and whether the record gives it."""

    path: str
    status: EvidenceStatus
    justification: str = ""

    @property
    def satisfied(self) -> bool:
        return self.status in ("given", "not_applicable")


@dataclass(frozen=True)
class ObligationStatus:
    obligation: Obligation
    applies: Applies
    applies_from: dt.date
    date_article: str  # the provision that sets the date (art-113, art-111-4 …)
    evidence: tuple[Evidence, ...]
    reason: str
    within_horizon: bool = False  # not yet applicable, but applies within the horizon

    @property
    def citation(self) -> str:
        return citation_of(self.obligation.article)

    @property
    def status(self) -> Status:
        """given / missing / unknown for an obligation that applies or will; else `applies`."""
        if self.applies in ("not_applicable", "role_unknown", "tier_undetermined"):
            return self.applies
        if self.obligation.condition.startswith("prohibited"):
            return "prohibited" if self.applies == "applicable" else "not_yet_applicable"
        if self.applies == "not_yet_applicable":
            return "not_yet_applicable"
        return self.evidence_status

    @property
    def evidence_status(self) -> Literal["given", "missing", "unknown"]:
        """What the record shows of it, whether or not it applies yet."""
        if all(e.satisfied for e in self.evidence):
            return "given"
        if any(e.status == "missing" for e in self.evidence):
            return "missing"
        return "unknown"

    def to_dict(self) -> dict[str, Any]:
        o = self.obligation
        return {
            "id": o.id,
            "article": o.article,
            "citation": self.citation,
            "title": o.title,
            "roles": [r.value for r in o.roles],
            "applies": self.applies,
            "applies_from": self.applies_from.isoformat(),
            "date_article": self.date_article,
            "within_horizon": self.within_horizon,
            "status": self.status,
            "evidence_status": self.evidence_status,
            "reason": self.reason,
            "evidence": [
                {"field": e.path, "status": e.status, "justification": e.justification}
                for e in self.evidence
            ],
        }


@dataclass(frozen=True)
class ObligationReport:
    """The obligations of one record on one day, under one version of the Act."""

    text_id: str
    text_short: str
    today: dt.date
    horizon_days: int
    roles: tuple[EURole, ...]  # the organisation's roles, Art. 25 included
    role_notes: tuple[str, ...]  # why a role was added, or that none is known
    role_unknown: bool
    tier: EUTier | None
    route: str | None  # annex_iii, annex_i or None (not high-risk)
    items: tuple[ObligationStatus, ...]
    tier_undetermined: bool = False  # tier None because its inputs are not answered

    @property
    def relevant(self) -> tuple[ObligationStatus, ...]:
        """The obligations that apply, will apply, or wait for the role: what a card lists."""
        return tuple(i for i in self.items if i.applies != "not_applicable")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text_id,
            "text_title": self.text_short,
            "today": self.today.isoformat(),
            "horizon_days": self.horizon_days,
            "roles": [r.value for r in self.roles],
            "role_notes": list(self.role_notes),
            "role_unknown": self.role_unknown,
            "tier": self.tier.value if self.tier else None,
            "tier_undetermined": self.tier_undetermined,
            "route": self.route,
            "obligations": [i.to_dict() for i in self.relevant],
        }


# --- the facts -----------------------------------------------------------------------------


def record_value(record: Record, path: str) -> Any:
    """The typed value at a dotted path (no list steps), or None."""
    current: Any = record
    for step in path.split("."):
        if current is None:
            return None
        current = getattr(current, step, None)
    return current


def answer_for(answers: Answers, path: str) -> tuple[str, str] | None:
    """The explicit answer (kind, justification) on `path` or on a parent of it."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        found = answers.get(".".join(parts[:end]))
        if found is not None:
            return found.kind, found.justification
    return None


def is_present(value: Any) -> bool:
    """A value the record gives: not None, not blank text, not an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict | tuple):
        return len(value) > 0
    return True


def evidence_of(record: Record, answers: Answers, path: str) -> Evidence:
    value = record_value(record, path)
    if is_present(value):
        return Evidence(path, "given")
    found = answer_for(answers, path)
    if found is not None and found[0] == NOT_APPLICABLE:
        return Evidence(path, "not_applicable", found[1])
    if found is not None and found[0] == UNKNOWN:
        return Evidence(path, "unknown")
    return Evidence(path, "missing")


def roles_of(
    record: Record, answers: Answers, tier: EUTier | None
) -> tuple[tuple[EURole, ...], tuple[str, ...], bool]:
    """The organisation's roles (declared, then those Art. 25 adds), notes, and whether none
    is known."""
    ia = record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    roles: list[EURole] = []
    notes: list[str] = []
    if eu is not None:
        for r in [eu.role, *eu.further_roles]:
            if r is not None and r not in roles:
                roles.append(r)
    if eu is not None and tier == EUTier.HIGH and EURole.PROVIDER not in roles:
        situations = [s.value for s in eu.art_25]
        if eu.substantial_modification and "substantial_modification" not in situations:
            situations.append("substantial_modification")
        if situations and set(roles) & {EURole.DEPLOYER, EURole.DISTRIBUTOR, EURole.IMPORTER}:
            roles.append(EURole.PROVIDER)
            notes.append(
                _(
                    "Art. 25(1): considered the provider of this high-risk system ({situations})"
                ).format(
                    situations=", ".join(
                        _(ART_25_WORDS.get(s, s.replace("_", " "))) for s in situations
                    )
                )
            )
        if EURole.PRODUCT_MANUFACTURER in roles and eu.annex_i_product:
            roles.append(EURole.PROVIDER)
            notes.append(_("Art. 25(3): the product manufacturer is considered the provider"))
    unknown = not roles
    if unknown:
        marked = answer_for(answers, "impact_assessment.eu_ai_act.role")
        notes.append(
            _("role under the Act marked unknown: obligations wait for it")
            if marked and marked[0] == UNKNOWN
            else _("role under the Act not recorded: obligations wait for it")
        )
    return tuple(roles), tuple(notes), unknown


def route_of(record: Record, tier: EUTier | None) -> str | None:
    """Which high-risk route sets the dates: Annex III (Art. 6(2)) or Annex I (Art. 6(1))."""
    if tier != EUTier.HIGH:
        return None
    ia = record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    if eu is None:
        return None
    area = eu.annex_iii_area
    if area is not None and area != AnnexIIIArea.NONE:
        return "annex_iii"
    return "annex_i" if eu.annex_i_product else None


def condition_holds(condition: str, record: Record, tier: EUTier | None, route: str | None) -> bool:
    ia = record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    if eu is None:
        return False
    practices = set(eu.prohibited_practices)
    area = eu.annex_iii_area
    annex_iii = route == "annex_iii"
    match condition:
        case "prohibited":
            return bool(practices - {NEW_PROHIBITION})
        case "prohibited_new":
            return NEW_PROHIBITION in practices
        case "high_risk":
            return tier == EUTier.HIGH and route is not None
        case "annex_iii_high_risk":
            return annex_iii
        case "public_annex_iii_high_risk":
            return annex_iii and eu.public_body is True
        case "employment_high_risk":
            return annex_iii and area == AnnexIIIArea.EMPLOYMENT
        case "derogation_claimed":
            d = eu.derogation
            return area not in (None, AnnexIIIArea.NONE) and d is not None and d.applies
        case "fria_required":
            return (
                annex_iii
                and area != AnnexIIIArea.CRITICAL_INFRASTRUCTURE
                and (eu.public_body is True or (eu.annex_iii_point or "") in FRIA_POINTS)
            )
        case "gpai_model":
            return bool(eu.gpai) or bool(GPAI_ROLES & {eu.role, *eu.further_roles})
        case "gpai_systemic":
            return EURole.GPAI_MODEL_PROVIDER_SYSTEMIC_RISK in {eu.role, *eu.further_roles}
    transparency = {
        "art_50_interacts": "interacts_with_people",
        "art_50_synthetic": "synthetic_content",
        "art_50_emotion": "emotion_or_biometric_categorisation",
        "art_50_deep_fake": "deep_fake",
    }
    wanted = transparency.get(condition)
    return wanted is not None and wanted in {t.value for t in eu.transparency_obligations}


def application_date(
    o: Obligation, route: str | None, placed: dt.date | None
) -> tuple[NamedDate, str]:
    """The date `o` applies from for this record, and a note when a grace period decides it."""
    base = o.date_for(route)
    g = o.grace
    if g is None:
        return base, ""
    if placed is not None and placed < g.placed_before.date:
        return g.until, _(
            "placed on the market {placed}, before {before}: {article} gives until {until}"
        ).format(
            placed=shown_date(placed),
            before=shown_date(g.placed_before.date),
            article=citation_of(g.article),
            until=shown_date(g.until.date),
        )
    if placed is None:
        return base, _(
            "if placed on the market before {before}, {article} gives until {until} (record "
            "when: impact_assessment.eu_ai_act.placed_on_market)"
        ).format(
            before=shown_date(g.placed_before.date),
            article=citation_of(g.article),
            until=shown_date(g.until.date),
        )
    return base, ""


def obligations_for(
    record: Record,
    answers: Answers,
    tier: EUTier | None,
    today: dt.date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    text: ActText | None = None,
    *,
    tier_undetermined: bool = False,
) -> ObligationReport:
    """Every obligation of the Act data, decided for this record on `today`.

    `tier_undetermined`: the tier is None because the record does not answer what decides it
    (`aigov.checks.tier`); the high-risk obligations then may apply and are reported as
    `tier_undetermined`, never as not applicable."""
    data = text or act()
    roles, notes, unknown = roles_of(record, answers, tier)
    route = route_of(record, tier)
    ia = record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    placed = eu.placed_on_market if eu else None
    items = []
    for o in data.obligations:
        when, note = application_date(o, route, placed)
        evidence = tuple(evidence_of(record, answers, p) for p in o.evidence)
        holds = condition_holds(o.condition, record, tier, route)
        addressed = [r for r in o.roles if r in roles]
        applies: Applies
        if not holds and tier_undetermined and o.condition in HIGH_RISK_CONDITIONS:
            applies, why = (
                "tier_undetermined",
                _(
                    "applies if the system is high-risk; its EU AI Act tier is undetermined "
                    "(answer impact_assessment.eu_ai_act.annex_iii_area)"
                ),
            )
        elif not holds:
            applies, why = "not_applicable", _("its condition does not hold for this system")
        elif unknown:
            applies = "role_unknown"
            why = _("applies to {roles}").format(roles=_roles_text(o.roles))
        elif not addressed:
            applies = "not_applicable"
            why = _("addressed to {roles}").format(roles=_roles_text(o.roles))
        elif today >= when.date:
            applies = "applicable"
            why = _("applies to you as {roles} since {date}").format(
                roles=_roles_text(tuple(addressed)), date=shown_date(when.date)
            )
        else:
            applies = "not_yet_applicable"
            why = _("applies to you as {roles} from {date}").format(
                roles=_roles_text(tuple(addressed)), date=shown_date(when.date)
            )
        if note and applies != "not_applicable":
            why += f"; {note}"
        soon = applies == "not_yet_applicable" and (when.date - today).days <= horizon_days
        items.append(ObligationStatus(o, applies, when.date, when.article, evidence, why, soon))
    return ObligationReport(
        data.version.id,
        data.version.short,
        today,
        horizon_days,
        roles,
        notes,
        unknown,
        tier,
        route,
        tuple(items),
        tier_undetermined,
    )


#: the roles as an obligation's reason names them ("applies to you as provider")
ROLE_WORDS = {
    EURole.PROVIDER: N_("provider"),
    EURole.DEPLOYER: N_("deployer"),
    EURole.IMPORTER: N_("importer"),
    EURole.DISTRIBUTOR: N_("distributor"),
    EURole.PRODUCT_MANUFACTURER: N_("product manufacturer"),
    EURole.AUTHORISED_REPRESENTATIVE: N_("authorised representative"),
    EURole.GPAI_MODEL_PROVIDER: N_("gpai model provider"),
    EURole.GPAI_MODEL_PROVIDER_SYSTEMIC_RISK: N_("gpai model provider systemic risk"),
}
#: the Art. 25(1) situations in words
ART_25_WORDS = {
    "own_name_or_trademark": N_("own name or trademark"),
    "substantial_modification": N_("substantial modification"),
    "changed_intended_purpose": N_("changed intended purpose"),
}


def _roles_text(roles: tuple[EURole, ...]) -> str:
    words = [_(ROLE_WORDS.get(r, r.value.replace("_", " "))) for r in roles]
    if len(words) <= 1:
        return "".join(words)
    return _("{roles} or {last}").format(roles=_(" or ").join(words[:-1]), last=words[-1])
