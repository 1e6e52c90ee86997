"""The card builder: a record read field by field into `Value`s (given, unknown, not
applicable, missing, withheld), with the views both kinds of card share (identity, risk tier,
evaluation results, findings, provenance). `system_card.py` builds the system card section by
section, `model_card.py` a model card; `context.py` is their public face."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from aigov.answers import Answer
from aigov.checks.facts import review_due
from aigov.checks.registry import SECTIONS
from aigov.checks.tier import RANK, TierAssessment, eu_below, harm_tier, tier_below
from aigov.diagnostics import Diagnostic, count_by_severity
from aigov.formats.links import evidence_link
from aigov.i18n import N_, _, gettext, ngettext
from aigov.model import (
    Evidence,
    Likelihood,
    Metric,
    ModelComponent,
    Record,
    RiskTier,
)
from aigov.model import Severity as HarmSeverity
from aigov.obligations.engine import ObligationReport
from aigov.project import LoadedRecord
from aigov.provenance import Provenance

from .values import Fact, Section, Value, display, humanize, plain, plain_words

if TYPE_CHECKING:
    from aigov.checks.engine import Completeness, Score

CARD_FORMAT_VERSION = 1

#: The heading of the list of findings at the end of a card (rule ids, positions, fixes).
FINDINGS_TITLE = N_("Open findings")
#: Where a card's decision summary lists the open findings in words.
GAPS_TITLE = N_("Open gaps")
STATUS_TITLES = {
    "error": N_("Not approved"),
    "warning": N_("Open warnings"),
    "ok": N_("No open findings"),
}
#: a card's status headline, for a system card ("card") and a model card (whole sentences: the
#: subject's gender and the word order differ between languages)
STATUS_ERRORS = {
    "card": N_(
        "This card has {findings}. Not approved: the errors must be closed first; see "
        "“{title}” in the decision summary."
    ),
    "model card": N_(
        "This model card has {findings}. Not approved: the errors must be closed first; see "
        "“{title}” in the decision summary."
    ),
}
STATUS_WARNINGS = {
    "card": N_("This card has {findings}; see “{title}” in the decision summary."),
    "model card": N_("This model card has {findings}; see “{title}” in the decision summary."),
}
STATUS_OK = {
    "card": N_("No open findings for this card."),
    "model card": N_("No open findings for this model card."),
}

FUNCTIONS = ("govern", "map", "measure", "manage")
LAYER_TITLES = {
    "business": N_("Business outcomes"),
    "user_experience": N_("User experience"),
    "model_quality": N_("Model quality"),
    "guardrail": N_("Guardrails"),
    "operational": N_("Operations"),
}
MONITOR_TITLES = {
    "data": N_("Data drift"),
    "quality": N_("Quality drift"),
    "safety": N_("Safety drift"),
    "cost": N_("Cost drift"),
}


def risk_order(rated: dict[str, Any]) -> tuple[int, int]:
    """Sort key of a `rating`: its tier first, then its score."""
    return RANK[RiskTier(rated["rating"])], int(rated["score"])


def rating(severity: HarmSeverity | None, likelihood: Likelihood | None) -> dict[str, Any] | None:
    """Risk rating of a harm: the score severity (1-4) × likelihood (1-5) and the band from the
    same matrix `aigov check` derives the internal risk tier with (aigov.checks.tier)."""
    if severity is None or likelihood is None:
        return None
    band = harm_tier(severity, likelihood).value
    return {"score": severity.score * likelihood.score, "rating": band, "label": humanize(band)}


@dataclass
class CardOptions:
    """How to build a card.

    - `today`: the date "overdue" and "stale" are judged against (default: the date of
      `provenance.generated_at`, so cards stay reproducible).
    The audience is not an option: a public edition is built from
    `aigov.audience.redact(loaded, "public")`, whose `edition` the card reads (sections and
    fields it removed show as "Withheld from this edition"; the header lists everything withheld).
    - `link_base`: prefix for relative links from the record (paths are relative to the
      governance repository root); the CLI sets it so links work from where the file is written.
    - `model_href` / `system_href`: patterns with `{system}` and `{model}` for links between the
      system card and its model cards (`None`: no links).
    - `site_url` / `directory_urls`: the documentation site's address (mkdocs.yml), so evidence
      cited by repository path also links to its copy on the site (`""`: not known).
    """

    today: dt.date | None = None
    link_base: str = ""
    model_href: str | None = None
    system_href: str | None = None
    site_url: str = ""
    directory_urls: bool = True


@dataclass
class CheckInputs:
    """What `aigov check` contributes to a card: `tier` is `aigov.checks.derive_tier(loaded)`,
    `completeness` is `aigov.checks.completeness(loaded, options)` (see `check_inputs`);
    `policy` is `options.policy`, whose default review cadence dates the next review of a
    record that names none (`None`: the default policy)."""

    tier: TierAssessment | None = None
    completeness: Completeness | None = None
    policy: Any = None  # aigov.checks Policy
    obligations: ObligationReport | None = None  # EU AI Act obligations (aigov.obligations)


def check_inputs(loaded: LoadedRecord, options: Any) -> CheckInputs:
    """The tier and completeness of a valid record, reusing the summary the checker left on it
    (so a card does not run every rule a second time)."""
    from aigov.checks import summary_of

    policy = getattr(options, "policy", None)
    summary = summary_of(loaded, options)
    if summary is None:
        return CheckInputs(policy=policy)
    return CheckInputs(
        tier=summary.tier,
        completeness=summary.completeness,
        policy=policy,
        obligations=summary.obligations,
    )


def completeness_view(c: Completeness | None) -> dict[str, Any] | None:
    """Completeness for templates: percent, explanation, per section and per NIST function."""
    if c is None:
        return None

    def scores(items: dict[str, Score], titles: dict[str, str]) -> list[dict[str, Any]]:
        return [
            {
                "key": key,
                "title": titles.get(key, humanize(key)),
                "filled": sc.filled,
                "total": sc.total,
                "percent": sc.percent,
            }
            for key, sc in items.items()
            if sc.total
        ]

    return {
        "percent": int(c.percent),
        "explanation": c.explanation,
        "stage": c.stage.value,
        "tier": c.tier.value,
        "unknown": c.unknown,
        "not_applicable": c.not_applicable,
        "sections": scores(c.sections, SECTIONS),
        "nist": scores(c.nist, {}),
    }


class CardBuilder:
    """Reads one record for one card: values with their state, and the views both cards share."""

    def __init__(
        self,
        loaded: LoadedRecord,
        provenance: Provenance,
        options: CardOptions,
        checks: CheckInputs,
    ):
        if loaded.record is None:
            raise ValueError(f"{loaded.path}: the record did not validate; no card can be built")
        self.loaded = loaded
        self.record: Record = loaded.record
        self.answers = loaded.answers
        self.prov = provenance
        self.options = options
        self.checks = checks
        self.today = options.today or dt.date.fromisoformat(provenance.generated_at[:10])
        # A public edition comes from aigov.audience.redact(): the content is already gone;
        # whole fields and sections it removed show as "withheld" rather than "not provided".
        self.audience = str(loaded.edition.audience)
        self.hidden = [
            w.field
            for w in loaded.edition.withheld
            if w.field and not any(str(p).isdigit() for p in w.path)
        ]
        self.number = 0
        self.toc: list[dict[str, Any]] = []
        self.controls = (
            {c.id: (fn, c) for fn, c in self.record.controls.all()}
            if (self.record.controls)
            else {}
        )

    def withheld(self, path: str) -> bool:
        return any(path == h or path.startswith(h + ".") for h in self.hidden)

    def explicit_empty(self, path: str) -> bool:
        """The record says `field: []` in so many words (so: none, not forgotten)."""
        node: Any = self.loaded.data
        for step in path.split("."):
            if isinstance(node, dict):
                node = node.get(step)
            elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
                node = node[int(step)]
            else:
                return False
        return node == []

    def answer(self, path: str) -> Answer | None:
        return self.answers.get(path)

    def val(self, path: str, raw: Any) -> Value:
        if self.withheld(path):
            return Value.gap("withheld")
        if isinstance(raw, BaseModel):
            raw = raw if has_content(raw) else None
        value = Value.of(raw)
        if value.given:
            return value
        if isinstance(raw, list) and self.explicit_empty(path):
            return Value("given", [], [], "")
        ans = self.answer(path)
        if ans is not None:
            return Value.gap(ans.kind, ans.justification)
        return value

    def state(self, path: str, obj: Any) -> Value:
        """State of a whole part (an object or a list) of the record."""
        if self.withheld(path):
            return Value.gap("withheld")
        present = obj is not None and (not isinstance(obj, BaseModel) or has_content(obj))
        if present and (not isinstance(obj, list) or obj):
            return Value("given")
        if isinstance(obj, list) and self.explicit_empty(path):
            return Value("given", [], [])  # written as [] on purpose: none
        ans = self.answer(path)
        if ans is not None:
            return Value.gap(ans.kind, ans.justification)
        return Value("missing")

    def facts(
        self, prefix: str, obj: Any, spec: Iterable[tuple[str, str] | tuple[str, str, str]]
    ) -> list[Fact]:
        out = []
        for item in spec:
            name, label = item[0], item[1]
            kind = item[2] if len(item) > 2 else None
            raw = getattr(obj, name, None) if obj is not None else None
            value = self.val(f"{prefix}.{name}", raw)
            if kind is None:
                kind = "text"
            out.append(Fact(name, label, value, kind))  # type: ignore[arg-type]
        return out

    def section(self, sid: str, title: str, state: Value, intro: str = "") -> Section:
        self.number += 1
        title, intro = gettext(title), gettext(intro)
        self.toc.append({"id": sid, "number": self.number, "title": title, "state": state.state})
        return Section(sid, self.number, title, state, intro)

    def evidence(self, items: list[Evidence]) -> list[dict[str, Any]]:
        site, dirs = self.options.site_url, self.options.directory_urls
        return [
            {
                "title": e.title,
                "url": e.url,
                "path": e.path,
                "date": plain(e.date),
                "site_url": evidence_link(e.path, site_url=site, directory_urls=dirs)
                if e.path
                else "",
            }
            for e in items
        ]

    def findings(self, diags: list[Diagnostic]) -> list[dict[str, Any]]:
        ordered = sorted(diags, key=lambda d: (-d.severity.rank, d.line, d.column, d.code))
        return [
            {
                "severity": d.severity.value,
                "code": d.code,
                "message": plain_words(d.message),
                "hint": plain_words(d.hint),
                "field": d.field,
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "location": d.location,
            }
            for d in ordered
        ]

    def status(self, diags: list[Diagnostic], scope: str) -> dict[str, Any]:
        counts = count_by_severity(diags)
        errors, warnings = counts["error"], counts["warning"]
        title = _(GAPS_TITLE)
        if errors:
            findings = ngettext("{n} open error", "{n} open errors", errors).format(n=errors)
            if warnings:
                findings = _("{errors} and {warnings}").format(
                    errors=findings,
                    warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
                )
            headline = _(STATUS_ERRORS[scope]).format(findings=findings, title=title)
            level = "error"
        elif warnings:
            findings = ngettext("{n} open warning", "{n} open warnings", warnings).format(
                n=warnings
            )
            headline = _(STATUS_WARNINGS[scope]).format(findings=findings, title=title)
            level = "warning"
        else:
            headline = _(STATUS_OK[scope])
            level = "ok"
        return {
            "level": level,
            "title": _(STATUS_TITLES[level]),
            "errors": errors,
            "warnings": warnings,
            "infos": counts["info"],
            "headline": headline,
            "checked": self.checks.completeness is not None or self.checks.tier is not None,
        }

    def identity(self) -> dict[str, Any]:
        r = self.record
        life = r.lifecycle
        owner = r.owner
        due = None
        overdue = None
        due_date = review_due(r, self.checks.policy)
        if due_date is not None:
            due = due_date.isoformat()
            overdue = due_date < self.today
        return {
            "id": r.id,
            "name": r.name,
            "summary": self.val("summary", r.summary),
            "version": self.val("version", r.version),
            "tags": list(r.tags),
            "stage": self.val("lifecycle.stage", life.stage if life else None),
            "stage_since": self.val("lifecycle.stage_since", life.stage_since if life else None),
            "last_review": self.val("lifecycle.last_review", life.last_review if life else None),
            "review_cadence_days": self.val(
                "lifecycle.review_cadence_days", life.review_cadence_days if life else None
            ),
            "next_review": due,
            "review_overdue": overdue,
            "owner": self.facts(
                "owner",
                owner,
                [
                    ("team", "Owning team"),
                    ("accountable", "Accountable person"),
                    ("contact", "Contact"),
                    ("product_manager", "Product manager"),
                    ("technical_lead", "Technical lead"),
                ],
            ),
            "team": self.val("owner.team", owner.team if owner else None),
            "accountable": self.val("owner.accountable", owner.accountable if owner else None),
            "history": [
                {
                    "stage": plain(h.stage),
                    "stage_label": display(h.stage),
                    "date": plain(h.date),
                    "note": h.note or "",
                }
                for h in (life.history if life else [])
            ],
        }

    def tier_view(self) -> dict[str, Any]:
        """The declared tiers, the derived ones (`aigov check`), and where the record declares
        less than derived. The comparison is `aigov.checks.tier`'s, on the card's own record
        (a public edition may withhold the declaration)."""
        ia = self.record.impact_assessment
        decl = ia.risk_tier if ia else None
        derived = self.checks.tier
        mismatches = []
        if (
            derived is not None
            and decl
            and decl.internal
            and tier_below(decl.internal, derived.internal)
        ):
            mismatches.append(
                f"The declared internal tier ({decl.internal.value}) is lower than the derived "
                f"one ({derived.internal.value}); the derived tier applies."
            )
        if derived is not None and decl and decl.eu_ai_act and eu_below(decl.eu_ai_act, derived.eu):
            mismatches.append(
                f"The declared EU AI Act tier ({decl.eu_ai_act.value}) is lower than the "
                f"derived one ({plain(derived.eu)})."
            )
        return {
            "declared_internal": self.val(
                "impact_assessment.risk_tier.internal", decl.internal if decl else None
            ),
            "declared_eu": self.val(
                "impact_assessment.risk_tier.eu_ai_act", decl.eu_ai_act if decl else None
            ),
            "rationale": self.val(
                "impact_assessment.risk_tier.rationale", decl.rationale if decl else None
            ),
            "derived": derived is not None,
            "derived_internal": plain(derived.internal) if derived else None,
            "derived_eu": plain(derived.eu) if derived else None,
            "effective": plain(derived.effective) if derived else None,
            "reasons": list(derived.reasons) if derived else [],
            "eu_reasons": list(derived.eu_reasons) if derived else [],
            "internal_reasons": list(derived.internal_reasons) if derived else [],
            "mismatches": mismatches,
        }

    def metric_index(self) -> dict[str, Metric]:
        ms = self.record.metrics
        return {m.id: m for _, m in ms.all()} if ms else {}

    def confidential_parts(self) -> list[str]:
        """Labels of the parts the record marks confidential (internal editions show them,
        flagged; public editions have none left)."""
        if self.audience == "public":
            return []
        from aigov.audience import confidential_paths
        from aigov.review.labels import label

        return [label(p, self.loaded.data) for p in confidential_paths(self.loaded.data)]

    def links(self) -> list[dict[str, str]]:
        return [{"title": ln.title, "url": ln.url} for ln in self.record.links]

    def common(self, kind: str, title: str, diags: list[Diagnostic], scope: str) -> dict[str, Any]:
        return {
            "format": "aigov-card",
            "format_version": CARD_FORMAT_VERSION,
            "kind": kind,
            "title": title,
            "system": self.identity(),
            "status": self.status(diags, scope),
            "findings": self.findings(diags),
            "completeness": completeness_view(self.checks.completeness),
            "withheld": [w.label for w in self.loaded.edition.withheld],
            "confidential": self.confidential_parts(),
            "provenance": self.prov.to_dict(),
            "today": self.today.isoformat(),
            "audience": self.audience,
            "link_base": self.options.link_base,
        }


def has_content(obj: BaseModel) -> bool:
    return bool(obj.model_dump(exclude_defaults=True, exclude_none=True))


def risk_matrix(harms: list[Any]) -> dict[str, Any]:
    """A severity × likelihood grid with the harms placed before and after mitigation."""
    rows = []
    for sev in reversed(list(HarmSeverity)):
        cells = []
        for lik in Likelihood:
            r = rating(sev, lik)
            assert r is not None
            cells.append(
                {
                    "likelihood": lik.value,
                    "score": r["score"],
                    "rating": r["rating"],
                    "label": r["label"],
                    "inherent": [h.id for h in harms if h.severity == sev and h.likelihood == lik],
                    "residual": [
                        h.id
                        for h in harms
                        if h.residual_severity == sev and h.residual_likelihood == lik
                    ],
                }
            )
        rows.append({"severity": sev.value, "label": humanize(sev.value), "cells": cells})
    unrated = [h.id for h in harms if h.severity is None or h.likelihood is None]
    return {
        "likelihoods": [{"id": lik.value, "label": humanize(lik.value)} for lik in Likelihood],
        "rows": rows,
        "unrated": unrated,
    }


def component_index(record: Record, name: str) -> int | None:
    comps = record.approach.components if record.approach else []
    for i, c in enumerate(comps):
        if c.id == name:
            return i
    lowered = name.strip().lower()
    for i, c in enumerate(comps):
        if c.name.strip().lower() == lowered:
            return i
    return None


def find_component(record: Record, name: str) -> ModelComponent | None:
    """The model component with this id (or, failing that, this name, case-insensitive)."""
    i = component_index(record, name)
    return record.approach.components[i] if i is not None and record.approach else None


# --- public builders ---------------------------------------------------------------------


def component_ids(loaded: LoadedRecord) -> list[str]:
    rec = loaded.record
    return [c.id for c in rec.approach.components] if rec and rec.approach else []
