"""An organisation's policy: `aigov.yaml` at the governance repository root.

Policy is configuration, not a fork. The file can switch a rule off, change its severity or
where it applies, require extra fields for some tiers and stages, set the sign-off roles each
tier needs at each stage, and set the review cadence used when a record names none::

    # aigov.yaml
    version: 1
    rules:
      AIG-METRIC-003: off              # we do not track cost per request
      AIG-EVAL-004: error              # stale results block us
      AIG-USE-005: {severity: error, stages: [pilot, production]}
      AIG-CTRL-003: {severity_by_tier: {medium: error}}   # by tier; other tiers keep the default
    require:
      - fields: [impact_assessment.fundamental_rights_assessment]
        tiers: [high, critical]
        stages: [pilot, production]
        message: AI policy §4.2 asks for a FRIA reference before any pilot
    signoffs:
      high:
        pilot: [product, legal, privacy, risk]
    signoff_trust:                     # which sign-offs count, by tier (default: committed)
      high: signed                     # only sign-offs signed with the reviewer's key
      critical: signed
    review_cadence_days: 90
    soa:                               # ISO/IEC 42001 Statement of Applicability, by Annex A id
      A.6.2.8: {status: applicable, owner: Platform Engineering}
      A.10.4: {status: excluded, owner: Chief Risk Officer,
               justification: We provide no AI system to customers}

Every problem in the file is a Diagnostic with file:line:col; the command exits 2 on them.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from aigov.answers import dotted
from aigov.checks.fieldpaths import model_path_error
from aigov.diagnostics import Diagnostic, Severity
from aigov.errors import SetupError
from aigov.model import ReviewRole, RiskTier, Stage
from aigov.paths import CONFIG_FILE, display_path
from aigov.yamlload import Document, load_file

ALL_STAGES = tuple(Stage)
ALL_TIERS = tuple(RiskTier)

P, LG, PV, RK, SC = (
    ReviewRole.PRODUCT,
    ReviewRole.LEGAL,
    ReviewRole.PRIVACY,
    ReviewRole.RISK,
    ReviewRole.SECURITY,
)

#: Sign-off roles required by default, by internal tier and stage (stages not listed need
#: none). Reviews come from functions independent of the team; the product owner's own
#: approval is required only where nobody else reviews (low tier in production).
DEFAULT_SIGNOFFS: dict[RiskTier, dict[Stage, tuple[ReviewRole, ...]]] = {
    RiskTier.LOW: {Stage.PRODUCTION: (P,)},
    RiskTier.MEDIUM: {Stage.PILOT: (PV,), Stage.PRODUCTION: (LG, PV)},
    RiskTier.HIGH: {Stage.PILOT: (LG, PV, RK), Stage.PRODUCTION: (LG, PV, RK)},
    RiskTier.CRITICAL: {
        Stage.MVP: (RK,),
        Stage.PILOT: (LG, PV, RK, SC),
        Stage.PRODUCTION: (LG, PV, RK, SC),
    },
}

DEFAULT_REVIEW_CADENCE_DAYS = 180

#: Rules whose severity depends on the system's effective internal tier by default (a tier not
#: listed keeps the rule's own severity). A claim without proof weighs more where more is at
#: stake: a control claimed in place without evidence is a note on a low-tier system and an
#: error on a high or critical one.
DEFAULT_SEVERITY_BY_TIER: dict[str, dict[RiskTier, Severity]] = {
    "AIG-CTRL-003": {
        RiskTier.LOW: Severity.INFO,
        RiskTier.MEDIUM: Severity.WARNING,
        RiskTier.HIGH: Severity.ERROR,
        RiskTier.CRITICAL: Severity.ERROR,
    },
}

#: What makes a sign-off count (aigov.review.verify): `committed` — introduced by a commit the
#: reviewer authored or signed; `signed` — by a commit signed with the reviewer's key.
SignoffTrust = Literal["committed", "signed"]
DEFAULT_SIGNOFF_TRUST: SignoffTrust = "committed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSetting(_Strict):
    """How one rule is configured: `off`, a severity, or a mapping of these keys."""

    enabled: bool = True
    severity: Severity | None = None
    stages: tuple[Stage, ...] | None = None
    tiers: tuple[RiskTier, ...] | None = None
    severity_by_tier: dict[RiskTier, Severity] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if value is False or value == "off":
            return {"enabled": False}
        if value is True or value == "on":
            return {"enabled": True}
        if isinstance(value, str):
            return {"severity": value}
        return value


class Requirement(_Strict):
    """Extra fields the organisation requires, for some tiers and stages."""

    fields: tuple[str, ...] = Field(min_length=1)
    tiers: tuple[RiskTier, ...] = ALL_TIERS
    stages: tuple[Stage, ...] = ALL_STAGES
    message: str = ""

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for path in value:
            problem = model_path_error(path)
            if problem:
                raise ValueError(f"'{path}' is not a record field: {problem}")
        return value


class SoaEntry(_Strict):
    """The organisation's decision on one ISO/IEC 42001 Annex A control (clause 6.1.3)."""

    status: Literal["applicable", "excluded"]
    owner: str = Field(min_length=1)
    justification: str = ""

    @model_validator(mode="after")
    def _justified(self) -> SoaEntry:
        if self.status == "excluded" and not self.justification.strip():
            raise ValueError("an excluded control needs a justification (ISO/IEC 42001 6.1.3)")
        return self


class Policy(_Strict):
    """The organisation's policy. `Policy()` is aigov's default."""

    version: Literal[1] = 1
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    require: tuple[Requirement, ...] = ()
    signoffs: dict[RiskTier, dict[Stage, tuple[ReviewRole, ...]]] = Field(default_factory=dict)
    signoff_trust: dict[RiskTier, SignoffTrust] = Field(default_factory=dict)
    review_cadence_days: int = Field(default=DEFAULT_REVIEW_CADENCE_DAYS, ge=1, le=1096)
    # EU AI Act obligations applying within this many days are warnings (AIG-EU-OBL-002)
    obligation_horizon_days: int = Field(default=180, ge=0, le=3660)
    soa: dict[str, SoaEntry] = Field(default_factory=dict)
    # the language aigov writes the site, cards, exports and messages in (`--lang` overrides)
    language: Literal["en", "nl", "de"] = "en"

    @field_validator("soa", mode="before")
    @classmethod
    def _known_annex_a(cls, value: Any) -> Any:
        from aigov.catalog import unknown_framework_id

        if not isinstance(value, dict):
            return value
        out = {}
        for key, entry in value.items():
            ident = "".join(str(key).split()).upper()
            problem = unknown_framework_id("iso_42001", ident)
            if problem:
                raise ValueError(f"{problem[0]}. {problem[1]}")
            out[ident] = entry
        return out

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, RuleSetting]) -> dict[str, RuleSetting]:
        from aigov.checks.registry import rule_ids

        known = rule_ids()
        out = {}
        for rid, setting in value.items():
            key = rid.strip().upper()
            if key not in known:
                guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                raise ValueError(
                    f"'{rid}' is not a rule id"
                    + (f"; did you mean '{guess[0]}'?" if guess else "; `aigov rules` lists them")
                )
            out[key] = setting
        return out

    def setting(self, rule_id: str) -> RuleSetting | None:
        return self.rules.get(rule_id)

    def required_roles(self, tier: RiskTier, stage: Stage) -> tuple[ReviewRole, ...]:
        """Sign-off roles required for `tier` at `stage` (the policy's, else the default)."""
        mine = self.signoffs.get(tier, {})
        if stage in mine:
            return mine[stage]
        return DEFAULT_SIGNOFFS.get(tier, {}).get(stage, ())

    def tier_severity(self, rule_id: str, tier: RiskTier) -> Severity | None:
        """The severity the policy gives `rule_id` for a `tier` system, when it depends on the
        tier: the file's `severity_by_tier`, else aigov's default by tier; None: the rule's
        severity (after `severity:`) holds for every tier."""
        setting = self.rules.get(rule_id)
        if setting is not None and tier in setting.severity_by_tier:
            return setting.severity_by_tier[tier]
        if setting is not None and setting.severity is not None:
            return None  # a plain `severity:` in the file holds for every tier
        return DEFAULT_SEVERITY_BY_TIER.get(rule_id, {}).get(tier)

    def severities_by_tier(self, rule_id: str) -> dict[RiskTier, Severity]:
        """Each tier's severity for `rule_id` when it depends on the tier ({} when one holds
        for all), for the rule reference and `aigov rules`."""
        found = {t: self.tier_severity(rule_id, t) for t in RiskTier}
        return {t: sev for t, sev in found.items() if sev is not None}

    def trust_level(self, tier: RiskTier) -> SignoffTrust:
        """What a sign-off of a `tier` system needs to count: `committed` or `signed`."""
        return self.signoff_trust.get(tier, DEFAULT_SIGNOFF_TRUST)


DEFAULT_POLICY = Policy()


def default_policy() -> Policy:
    return DEFAULT_POLICY


class PolicyError(SetupError):
    """The policy file cannot be used; `diagnostics` say where and why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def load_policy(root: Path, path: Path | None = None) -> Policy:
    """The policy in `<root>/aigov.yaml` (or `path`); the default policy when there is none.

    Raises PolicyError with positioned diagnostics when the file is broken."""
    file = path or (root / CONFIG_FILE)
    if path is None and not file.exists():
        return DEFAULT_POLICY
    shown = display_path(file)
    doc, diags = load_file(file, shown, kind="policy file")
    if doc is None:
        if diags and all(d.code == "AIG-YAML-EMPTY" for d in diags):
            return DEFAULT_POLICY  # a file of comments only, as `aigov init` writes it
        raise PolicyError([_as_config(d) for d in diags])
    if not isinstance(doc.data, dict):  # pragma: no cover - the loader already refuses this
        raise PolicyError(
            [Diagnostic(shown, 1, 1, "AIG-CONFIG", "the policy file must be a mapping")]
        )
    try:
        return Policy.model_validate(doc.data)
    except ValidationError as exc:
        raise PolicyError([_from_error(doc, err) for err in exc.errors()]) from None


def _as_config(d: Diagnostic) -> Diagnostic:
    return Diagnostic(
        d.path, d.line, d.column, d.code, f"policy file: {d.message}", d.severity, d.hint, d.field
    )


_SECTIONS = {
    "version": "Write `version: 1`.",
    "rules": "Map rule ids to `off`, a severity (error, warning, info) or "
    "{enabled, severity, severity_by_tier, stages, tiers}.",
    "require": "A list of {fields: [...], tiers: [...], stages: [...], message: ...}.",
    "signoffs": "Map a tier (low, medium, high, critical) to stages, each with a list of "
    "roles (legal, privacy, security, risk, product, compliance, ethics).",
    "signoff_trust": "Map a tier (low, medium, high, critical) to `committed` (a sign-off "
    "counts when the reviewer committed or signed it) or `signed` (only when signed with the "
    "reviewer's key).",
    "review_cadence_days": "A number of days between 1 and 1096.",
    "soa": "Map ISO/IEC 42001 Annex A ids (A.2.2 ... A.10.4) to {status: applicable or "
    "excluded, owner: who answers for it, justification: why (required when excluded)}.",
    "obligation_horizon_days": "A number of days between 0 and 3660: EU AI Act obligations "
    "applying within it are warned about.",
}


def _from_error(doc: Document, err: Any) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(
        p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "[")))
    )
    kind = err["type"]
    section = str(loc[0]) if loc else ""
    if section == "soa" and len(loc) > 1:
        loc = (loc[0], _soa_key(doc, str(loc[1])), *loc[2:])
    hint = _SECTIONS.get(section, "")
    key = False
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = list(_SECTIONS) if len(loc) == 1 else _fields_for(section)
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        message = f"unknown setting '{name}'" + (
            f" in '{dotted(loc[:-1])}'" if len(loc) > 1 else ""
        )
        hint = (f"Did you mean '{guess[0]}'? " if guess else "") + f"Allowed: {', '.join(allowed)}."
        key = True
    elif kind in ("enum", "literal_error"):
        value = err.get("input")
        allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        guess = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        message = f"'{dotted(loc)}' has {value!r}, which is not one of: {', '.join(allowed)}"
        if guess:
            hint = f"Did you mean '{guess[0]}'? " + hint
    elif kind == "value_error" and (section == "rules" or loc == ("soa",)):
        message = str(err.get("ctx", {}).get("error", err["msg"]))
    elif kind == "value_error":
        message = f"'{dotted(loc)}': {err.get('ctx', {}).get('error', err['msg'])}"
    else:
        message = (
            f"'{dotted(loc) or 'the policy'}': {err['msg'].lower()} (got {err.get('input')!r})"
        )
    line, col = doc.position(loc, key=key)
    if kind == "value_error" and (section == "rules" or loc == ("soa",)):
        line, col = _rule_key_position(doc, err, section)
    return Diagnostic(
        doc.path,
        line,
        col,
        "AIG-CONFIG",
        f"policy file: {message}",
        Severity.ERROR,
        hint,
        dotted(loc),
    )


def _rule_key_position(doc: Document, err: Any, section: str = "rules") -> tuple[int, int]:
    """An unknown rule id (or Annex A id) is reported on its own key, not on the whole
    `rules:` (or `soa:`) mapping."""
    text = str(err.get("ctx", {}).get("error", ""))
    entries = doc.data.get(section) if isinstance(doc.data, dict) else None
    if isinstance(entries, dict):
        for rid in entries:
            if f"'{''.join(str(rid).split()).upper()}'" in text or f"'{rid}'" in text:
                return doc.position((section, rid), key=True)
    return doc.position((section,), key=True)


def _soa_key(doc: Document, ident: str) -> str:
    """The key as written in the file for a normalised Annex A id ("a.10.4" for "A.10.4")."""
    entries = doc.data.get("soa") if isinstance(doc.data, dict) else None
    for key in entries if isinstance(entries, dict) else ():
        if "".join(str(key).split()).upper() == ident:
            return str(key)
    return ident


def _fields_for(section: str) -> list[str]:
    models: dict[str, type[BaseModel]] = {
        "rules": RuleSetting,
        "require": Requirement,
        "soa": SoaEntry,
    }
    model = models.get(section)
    return list(model.model_fields) if model else []
