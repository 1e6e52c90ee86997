"""The decision summary: the first section of a system card, written for the person who signs.

It says, in sentences and in this order: whether this version is approved (and if not, why
not), the system and who answers for it (legal entity, accountable people, contact), what it
is for and not for, who is affected, the risk tiers with the legal reasoning, the highest
remaining harms, human oversight and how people contest an outcome, exactly what a reviewer is
asked to approve, and the open gaps in plain words (what is missing, why it matters, who
should supply it). Rule ids, file positions and commands stay in the engineer's appendix at the
end of the card; each gap names its appendix entry (A1, A2 …).

The section is opened first (it is section 1) and filled once the other sections are built
(`fill_decision`), because it summarises them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aigov.checks.policy import default_policy
from aigov.checks.registry import get_rule
from aigov.fieldmodel.titles import label, value_label, value_phrase
from aigov.i18n import N_, _, ngettext, shown_date, shown_number
from aigov.model import Autonomy, ReviewRole, RiskTier, Stage

from .builder import GAPS_TITLE, CardBuilder, risk_order
from .sections import SectionSpec, open_section
from .values import Fact, Section, Value, plain_words

Spec = SectionSpec[CardBuilder]

APPENDIX_TITLE = N_("Appendix: findings for engineers")
#: The verdict when the policy requires no sign-off (the banner keeps the status's title).
NOT_REQUIRED = N_("No sign-off is required at this tier and stage.")
#: How many harms the summary names (the full register is in the impact section).
TOP_HARMS = 3


def decision_shell(b: CardBuilder, spec: Spec) -> Section:
    """The numbered, still empty decision summary (filled by `fill_decision`)."""
    return open_section(b, spec, Value("given"))


def fill_decision(b: CardBuilder, card: dict[str, Any]) -> None:
    """Write the decision summary from the built sections and the card's findings."""
    sec: Section = card["sections"]["decision"]
    sections = card["sections"]
    gaps = plain_gaps(b, card["findings"])
    # the system line restates its name (the page's title), stage and countries; the
    # owner's people are shown here only
    update_quoted(
        sec,
        ("legal_entity", "accountable", "contact", "team"),
        verdict=verdict(b, sections["signoffs"].parts.get("signoffs", []), card["findings"]),
        identity=identity_facts(b, sections),
        purpose=purpose_facts(b),
        affected=affected_facts(b),
        tiers=tier_sentences(b, sections["impact"].parts["tier"]),
        harms=top_harms(sections["impact"].parts.get("harms", [])),
        harms_state=sections["impact"].parts.get("harms_state", Value("missing")),
        oversight=oversight_sentences(b),
        approve=approve_view(b, card, sections["signoffs"].parts.get("signoffs", [])),
        gaps=gaps,
        gaps_title=GAPS_TITLE,
        appendix_title=APPENDIX_TITLE,
    )


# --- the verdict ---------------------------------------------------------------------------


def required_roles(b: CardBuilder) -> tuple[ReviewRole, ...]:
    """The sign-off roles the policy requires for the system's effective tier and stage."""
    life = b.record.lifecycle
    stage = life.stage if life and life.stage else Stage.IDEA
    tier = b.checks.tier.effective if b.checks.tier else declared_tier(b)
    policy = b.checks.policy or default_policy()
    return tuple(policy.required_roles(tier, stage))


def declared_tier(b: CardBuilder) -> RiskTier:
    ia = b.record.impact_assessment
    decl = ia.risk_tier if ia else None
    return decl.internal if decl and decl.internal else RiskTier.LOW


def role_word(role: str) -> str:
    return value_phrase(role)


def signoff_problem(row: dict[str, Any]) -> str:
    """Why a sign-off does not cover this version, in words ('' when it does)."""
    role, date = role_word(row["role"]), shown_date(row["date"])
    if row["decision"] == "rejected":
        return _("the {role} reviewer rejected it on {date}").format(role=role, date=date)
    if row["binding"] == "stale":
        return _("the {role} sign-off of {date} no longer covers this version").format(
            role=role, date=date
        )
    if row["binding"] == "invalid":
        return _(
            "the {role} sign-off of {date} is invalid (it was changed after it was made)"
        ).format(role=role, date=date)
    return ""


def verdict(
    b: CardBuilder, rows: list[dict[str, Any]], findings: list[dict[str, Any]]
) -> dict[str, Any]:
    """Approved or not approved, and why, in one headline and a few notes."""
    required = [r.value for r in required_roles(b)]
    effective = {row["role"]: row for row in rows if row["effective"]}
    reasons: list[str] = []
    notes: list[str] = []
    for role in required:
        row = effective.get(role)
        if row is None:
            reasons.append(_("there is no {role} sign-off").format(role=role_word(role)))
            continue
        problem = signoff_problem(row)
        if problem:
            reasons.append(problem)
    # a sign-off the policy does not require, which no longer covers this version, is listed
    # under "What you are asked to approve" and among the gaps, not in the verdict
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    if errors:
        reasons.append(
            ngettext(
                "{n} open gap must be closed first", "{n} open gaps must be closed first", errors
            ).format(n=errors)
        )
    gaps_title = _(GAPS_TITLE)
    if reasons:
        level = "error"
        headline = _("Not approved: {reasons}.").format(reasons="; ".join(reasons))
    elif required:
        level = "warning" if warnings else "ok"
        roles = and_list([role_word(r) for r in required])
        unverified = [effective[r] for r in required if effective[r]["binding"] == "unverified"]
        # when unverified, said in the headline: the reason is on each sign-off's line below
        headline = (
            ngettext(
                "Approved: the {roles} sign-off covers this version, not verified against git "
                "history.",
                "Approved: the {roles} sign-offs cover this version, not verified against git "
                "history.",
                len(required),
            )
            if unverified
            else ngettext(
                "Approved: the {roles} sign-off covers this version.",
                "Approved: the {roles} sign-offs cover this version.",
                len(required),
            )
        ).format(roles=roles)
    else:
        level = "warning" if warnings else "ok"
        headline = _(NOT_REQUIRED)
    if warnings:
        notes.append(
            ngettext(
                "{n} open warning: see “{title}” in the decision summary.",
                "{n} open warnings: see “{title}” in the decision summary.",
                warnings,
            ).format(n=warnings, title=gaps_title)
        )
    elif errors:
        notes.append(
            _("The gaps are listed under “{title}” in the decision summary.").format(
                title=gaps_title
            )
        )
    return {"level": level, "headline": headline, "notes": notes, "approved": not reasons}


def and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


# --- the system and its people --------------------------------------------------------------


def identity_facts(b: CardBuilder, sections: dict[str, Any]) -> list[Fact]:
    r = b.record
    owner = r.owner
    ia = r.impact_assessment
    eu = ia.eu_ai_act if ia else None
    role = eu.role if eu else None
    entity = b.val("owner.legal_entity", owner.legal_entity if owner else None)
    entity_label = (
        _("{role} under the EU AI Act").format(role=value_label(role)) if role else "Legal entity"
    )
    people = b.facts(
        "owner",
        owner,
        [
            ("accountable", "Accountable person"),
            ("contact", "Contact"),
            ("product_manager", "Product manager"),
            ("technical_lead", "Technical lead"),
            ("team", "Owning team"),
        ],
    )
    accountable, contact = people[0].value, people[1].value
    if accountable.given and contact.given:
        who = _("{name}; contact: {contact}").format(name=accountable.text, contact=contact.text)
        accountable = Value("given", [accountable.value, contact.value], who)
    # the people restate "Ownership, contacts and source", which shows each in full: on the
    # site they stay out of the search index there
    return [
        Fact("system", "System", system_value(b)),
        Fact("legal_entity", entity_label, entity, quoted=True),
        Fact("accountable", "Accountable person", accountable, quoted=True),
        *(
            [replace(people[1], quoted=True)]
            if not people[0].value.given or not contact.given
            else []
        ),
        Fact("team", "Team", team_value(people[2:]), quoted=True),
    ]


def team_value(people: list[Fact]) -> Value:
    """The product manager, technical lead and owning team in one line (gaps said as such)."""
    parts = []
    for f in people:
        shown = f.value.text if f.value.given else _(f.value.label).lower()
        role = OWNER_ROLES.get(f.key) if f.key != "team" else None
        parts.append(person_in_role(shown, _(role)) if role else shown)
    text = "; ".join(parts[:2])
    if len(parts) > 2:
        text += "; " + _("owning team: {team}").format(team=parts[2])
    return Value("given", [f.value.value for f in people], text)


def person_in_role(name: str, role: str) -> str:
    """A person and the role they hold on the record: "Amara Okafor (product manager)"."""
    return _("{name} ({role})").format(name=name, role=role)


def system_value(b: CardBuilder) -> Value:
    r = b.record
    life = r.lifecycle
    text = (
        _("{name}, version {version}").format(name=r.name, version=r.version)
        if r.version
        else r.name
    )
    if life and life.stage:
        stage = stage_phrase(life.stage)
        if life.stage_since:
            stage = _("{stage} since {date}").format(stage=stage, date=shown_date(life.stage_since))
        text += f"; {stage}"
    uc = r.use_case
    if uc and uc.geographies:
        text += "; " + _("used in {countries}").format(countries=", ".join(uc.geographies))
    if uc is not None and uc.autonomy is not None:
        text += ". " + (
            _("It suggests; a person decides every case.")
            if uc.autonomy == Autonomy.COPILOT
            else _("It acts on its own; people review outputs afterwards or by sample.")
        )
    return Value("given", r.id, text)


STAGE_PHRASES = {
    Stage.IDEA: N_("an idea"),
    Stage.FEASIBILITY: N_("in a feasibility study"),
    Stage.MVP: N_("in its minimum viable proof"),
    Stage.PILOT: N_("in pilot"),
    Stage.PRODUCTION: N_("in production"),
    Stage.RETIRED: N_("retired"),
}


def stage_phrase(stage: Stage) -> str:
    return _(STAGE_PHRASES[stage])


def purpose_facts(b: CardBuilder) -> list[Fact]:
    uc = b.record.use_case
    # the one-sentence summary heads the card; who decides is said with the system
    return b.facts(
        "use_case",
        uc,
        [
            ("intended_uses", "Intended uses", "list"),
            ("out_of_scope_uses", "Not to be used for", "list"),
        ],
    )


def affected_facts(b: CardBuilder) -> list[Fact]:
    r = b.record
    uc = r.use_case
    people = b.facts("use_case", uc, [("affected_people", "People affected", "list")])[0]
    about: list[str] = []
    if uc is not None and uc.decisions_about_people:
        about.append(_("It decides or materially influences outcomes for people."))
    d = r.data
    if d is not None and d.personal_data:
        cats = [value_phrase(c) for c in d.sensitive_categories]
        about.append(
            _("It processes personal data, including special categories ({categories}).").format(
                categories=", ".join(cats)
            )
            if cats
            else _("It processes personal data.")
        )
    if about and people.value.given and people.value.text:
        listed = "; ".join(people.value.text)
        text = sentence(listed) + " " + " ".join(about)
        return [Fact(people.key, people.label, Value("given", people.value.value, text))]
    facts = [people]
    if about:
        text = " ".join(about)
        facts.append(Fact("about_people", "What it means for them", Value("given", about, text)))
    return facts


# --- tiers, harms, oversight ------------------------------------------------------------------


def tier_sentences(b: CardBuilder, tier: dict[str, Any]) -> list[Fact]:
    """The tiers as the record declares them and as aigov derives them, with the reasoning
    in sentences (the harm-by-harm ratings are in the impact section)."""
    eu_decl: Value = tier["declared_eu"]
    eu_head = (
        _("{tier} (declared)").format(tier=value_label(eu_decl.value, "eu_ai_act"))
        if eu_decl.given
        else _(eu_decl.label)
    )
    if tier["derived"] and tier["derived_eu"]:
        eu_head += "; " + _("aigov derives: {tier}").format(
            tier=value_phrase(tier["derived_eu"], "eu_ai_act")
        )
    eu = [eu_head, *tier["eu_reasons"]]
    internal: Value = tier["declared_internal"]
    head = (
        _("{tier} (declared)").format(tier=internal.text) if internal.given else _(internal.label)
    )
    if tier["derived"] and tier["derived_internal"]:
        head += "; " + _("aigov derives: {tier}").format(
            tier=value_phrase(tier["derived_internal"])
        )
    derived = tier["derived_internal"] or ""
    deciding = [
        r
        for r in tier["internal_reasons"]
        if f"at least {derived}" in r or f"rated {derived}:" in r
    ]
    floors = [r for r in deciding if not r.startswith("Harm ")] or deciding[:1]
    inside = [head, *floors, *tier["mismatches"]]
    return [
        Fact("eu", "EU AI Act", Value("given", eu, ". ".join([eu[0], " ".join(eu[1:])])), "block"),
        Fact(
            "internal",
            "Internal risk tier",
            Value("given", inside, ". ".join([inside[0], " ".join(inside[1:])])),
            "block",
        ),
        Fact("rationale", "The record’s reasoning", tier["rationale"], "block"),
    ]


def top_harms(harms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The harms with the highest remaining rating (residual, else before mitigation)."""
    rated = [h for h in harms if h["residual"] or h["inherent"]]
    rated.sort(key=lambda h: risk_order(h["residual"] or h["inherent"]), reverse=True)
    # the ones rated medium or above (at least the highest one), at most TOP_HARMS
    serious = [h for h in rated if (h["residual"] or h["inherent"])["rating"] != "low"]
    out = []
    for h in (serious or rated[:1])[:TOP_HARMS]:
        remaining = h["residual"] or h["inherent"]
        sev = h["residual_severity"] if h["residual"] else h["severity"]
        lik = h["residual_likelihood"] if h["residual"] else h["likelihood"]
        controls = [m["title"] for m in h["mitigations"] if m["known"]]
        if len(controls) > 2:
            more = len(controls) - 2
            controls = [*controls[:2], ngettext("{n} more", "{n} more", more).format(n=more)]
        out.append(
            {
                "id": h["id"],
                "description": sentence(h["description"]),
                "rating": remaining["label"],
                "after": bool(h["residual"]),
                "severity": sev.text if sev.given else "",
                "likelihood": lik.text.lower() if lik.given else "",
                "controls": controls,
            }
        )
    return out


def oversight_sentences(b: CardBuilder) -> list[Fact]:
    ia = b.record.impact_assessment
    ho = ia.human_oversight if ia else None
    co = ia.contestability if ia else None
    described = b.val(
        "impact_assessment.human_oversight.description", ho.description if ho else None
    )
    if ho is not None and (ho.can_override is not None or ho.can_stop is not None):
        bits = []
        if ho.can_override is not None:
            bits.append(
                _("can override or reverse an output")
                if ho.can_override
                else _("cannot override or reverse an output")
            )
        if ho.can_stop is not None:
            bits.append(
                _("can stop the system safely")
                if ho.can_stop
                else _("cannot stop the system safely")
            )
        both = and_list(bits)
        powers = _("The person overseeing it {powers}.").format(powers=both)
        text = f"{sentence(described.text)} {powers}" if described.given else powers
        described = Value("given", described.value, text)
    facts = [Fact("oversight", "Human oversight", described, "block")]
    contest = b.val("impact_assessment.contestability.process", co.process if co else None)
    if contest.given and co is not None and co.response_time_days:
        days = co.response_time_days
        committed = ngettext(
            "Committed response time: {n} day.", "Committed response time: {n} days.", days
        ).format(n=shown_number(days))
        text = f"{contest.text} {committed}"
        contest = Value("given", contest.value, text)
    facts.append(Fact("contest", "How people contest an outcome", contest, "block"))
    return facts


# --- what is approved -------------------------------------------------------------------------


def approve_view(
    b: CardBuilder, card: dict[str, Any], rows: list[dict[str, Any]]
) -> dict[str, Any]:
    """What a sign-off binds, and where each required role stands."""
    prov = card["provenance"]
    required = [r.value for r in required_roles(b)]
    effective = {row["role"]: row for row in rows if row["effective"]}
    roles = []
    for role in dict.fromkeys([*required, *effective]):
        row = effective.get(role)
        needed = role in required
        if row is None:
            status = _("No sign-off yet.")
        else:
            problem = signoff_problem(row)
            decided = value_phrase(row["decision"])
            status = _("{decision} by {reviewer} on {date}").format(
                decision=decided, reviewer=row["reviewer"], date=shown_date(row["date"])
            )
            status = status[:1].upper() + status[1:] + (f"; {problem}" if problem else "") + "."
        roles.append({"role": value_label(role), "required": needed, "status": status})
    where = prov["record_path"]
    if prov.get("revision"):
        where = _("{path} at revision {revision}").format(
            path=where, revision=prov["revision"][:12]
        )
    completeness = card.get("completeness")
    return {
        "binds": _(
            "You approve {where}, content hash {hash}: this card above its appendix. Any later "
            "change to the record makes the sign-off stale."
        ).format(where=where, hash=prov["content_hash"]),
        "roles": roles,
        "completeness": (
            _("The record is {percent}% complete for its stage and tier.").format(
                percent=shown_number(completeness["percent"])
            )
            if completeness
            else ""
        ),
    }


# --- open gaps in plain words ---------------------------------------------------------------


@cache
def gap_owners() -> dict[str, str]:
    """Check section → the owner field of the record who supplies what is missing there."""
    text = resources.files("aigov.data").joinpath("gap_owners.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k): str(v) for k, v in (data.get("sections") or {}).items()}


#: who supplies a gap, when the record names nobody in that role
OWNER_WORDS = {
    "accountable": N_("the accountable person"),
    "product_manager": N_("the product manager"),
    "technical_lead": N_("the technical lead"),
    "team": N_("the owning team"),
}
#: the role a named person holds, after their name: "Lukas Hoffmann (technical lead)"
OWNER_ROLES = {
    "accountable": N_("accountable person"),
    "product_manager": N_("product manager"),
    "technical_lead": N_("technical lead"),
    "team": N_("owning team"),
}


# a rule's owner (aigov/data/rules.yaml) as the record's people or the reviewing teams
RULE_OWNER_PEOPLE = {"pm": "product_manager", "ml_lead": "technical_lead"}
TEAMS = {
    "legal": N_("the legal team"),
    "privacy": N_("the privacy team"),
    "security": N_("the security team"),
}


def who_supplies(b: CardBuilder, rule_owner: str, section: str) -> str:
    """The person (or role) who should supply what a gap needs."""
    key = rule_owner or gap_owners().get(section, "accountable")
    key = RULE_OWNER_PEOPLE.get(key, key)
    if key in TEAMS:
        return _(TEAMS[key])
    if key.startswith("reviewer"):
        return _("the reviewer named in the sign-off")
    if key not in OWNER_WORDS:
        return value_label(key)
    owner = b.record.owner
    name = getattr(owner, key, None) if owner else None
    return person_in_role(str(name), _(OWNER_ROLES[key])) if name else _(OWNER_WORDS[key])


@dataclass(frozen=True)
class Gap:
    """Open findings of one rule said for the reviewer: what is missing (one line per
    finding), why it matters, who should supply it; `refs` are their entries in the
    engineer's appendix (A1, A2 …)."""

    refs: tuple[str, ...]
    severity: str
    what: tuple[str, ...]
    why: str
    who: str

    @property
    def ref(self) -> str:
        return self.refs[0] if len(self.refs) == 1 else f"{self.refs[0]}–{self.refs[-1]}"


def plain_gaps(b: CardBuilder, findings: list[dict[str, Any]]) -> list[Gap]:
    """The findings as gaps, one per rule (in the order of their first finding)."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for n, f in enumerate(findings, 1):
        key = f["code"] or f"finding-{n}"
        groups.setdefault(key, []).append((n, f))
    out = []
    for code, items in groups.items():
        rule = get_rule(code)
        first = items[0][1]
        section = rule.section if rule else (first["field"] or "").split(".")[0]
        out.append(
            Gap(
                refs=tuple(f"A{n}" for n, _ in items),
                severity=first["severity"],
                what=tuple(gap_line(b, f, located=len(items) == 1) for _, f in items),
                why=first_sentence(rule.why) if rule else "",
                who=who_supplies(b, str(getattr(rule, "owner", "") or ""), section),
            )
        )
    return out


def gap_line(b: CardBuilder, f: dict[str, Any], *, located: bool) -> str:
    """What one finding says is missing and, for a gap of one finding, where, in words."""
    what = sentence(plain_words(f["message"]))
    where = field_label(b, f["field"]) if located else ""
    return f"{what} ({where})" if where and len(what) + len(where) < 140 else what


def field_label(b: CardBuilder, dotted: str | None) -> str:
    if not dotted:
        return ""
    path = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    return label(path, b.loaded.data)


ABBREVIATIONS = ("Art", "e.g", "i.e", "cf", "No", "para")


def sentences(text: str) -> list[str]:
    """`text` cut into sentences (a full stop, a space and a capital; "Art. 5" is no end)."""
    out, start = [], 0
    for i in range(1, len(text) - 2):
        nxt = text[i + 3 : i + 4] if text[i + 2] == "(" else text[i + 2]
        full_stop = text[i] == "." or (text[i] == ")" and text[i - 1] == ".")
        if not full_stop or text[i + 1] != " " or not nxt.isupper():
            continue
        if text[start:i].endswith(ABBREVIATIONS) or text[i - 1 : i].isdigit():
            continue
        out.append(text[start : i + 1].strip())
        start = i + 2
    out.append(text[start:].strip())
    return [x for x in out if x]


def first_sentence(text: str) -> str:
    """The first sentence of a rule's `why` that names no command (commands are for the
    engineer's appendix)."""
    parts = sentences(text)
    plain = [x for x in parts if "`" not in x and "AIG-" not in x]
    return (plain or parts or [""])[0]


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


# --- the model card's summary -----------------------------------------------------------------


def model_decision_shell(b: Any, spec: Any) -> Section:
    """The numbered, still empty decision summary of a model card."""
    return open_section(b, spec, Value("given"))


def update_quoted(sec: Section, keep: tuple[str, ...], **parts: Any) -> None:
    """Set the summary's parts; its facts restate fields shown in full further down, so they
    are marked quoted (on the site, kept out of the search index, which has them once).
    `keep`: the identity facts this summary is the only place to show (a system card's
    owner's people), left in the index."""
    for key, value in parts.items():
        if isinstance(value, list) and value and all(isinstance(f, Fact) for f in value):
            value = [
                f if key == "identity" and f.key in keep else replace(f, quoted=True) for f in value
            ]
        sec.parts[key] = value


def fill_model_decision(b: Any, card: dict[str, Any]) -> None:
    """A model card's summary: the model and who answers for it, what it is for, the
    system's tiers, and this model's gaps. Sign-offs bind the whole record, so approval is
    read on the system card; the banner still says when the record is not approved."""
    c = b.c
    p = b.p
    owner = b.record.owner
    sec: Section = card["sections"]["decision"]
    what = ", ".join(
        x
        for x in (
            value_label(c.kind) if c.kind else "",
            _("version {version}").format(version=c.version) if c.version else "",
            _("from {provider}").format(provider=c.provider) if c.provider else "",
        )
        if x
    )
    model = Value("given", c.id, f"{c.name}" + (f" ({what})" if what else ""))
    system = Value("given", b.record.id, system_value(b).text)
    people = b.facts(
        "owner", owner, [("accountable", "Accountable person"), ("contact", "Contact")]
    )
    # the model's name is its page's title, its details are in full further down, and its
    # people and system are the system card's, indexed there
    update_quoted(
        sec,
        (),
        identity=[
            Fact("model", "Model", model),
            Fact("system", "Part of", system),
            *people,
        ],
        purpose=[
            Fact(
                "intended_use", "Intended use", b.val(f"{p}.intended_use", c.intended_use), "block"
            ),
            Fact(
                "out_of_scope_uses",
                "Not to be used for",
                b.val(f"{p}.out_of_scope_uses", c.out_of_scope_uses),
                "list",
            ),
        ],
        tiers=tier_sentences(b, b.tier_view()),
        approval=_(
            "Sign-offs approve the whole record, this model included: the system card says "
            "which sign-offs cover this version."
        ),
        gaps=plain_gaps(b, card["findings"]),
        gaps_title=GAPS_TITLE,
        appendix_title=card_findings_title(),
    )


def card_findings_title() -> str:
    from .builder import FINDINGS_TITLE

    return FINDINGS_TITLE
