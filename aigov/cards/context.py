"""Build the template context of a card from a loaded record.

The context is plain data (dicts, lists, `Value`, `Fact`, `Section`) that every format shares:
the Markdown and HTML templates render it, the JSON format serialises it. It is documented in
`templates/README.md`; keep the two in step.

Nothing here formats for a medium: no HTML, no Markdown, no escaping. Record text stays raw
text; templates escape it (HTML autoescape, the Markdown filters of `escape.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from aigov.answers import Answer
from aigov.catalog import nist
from aigov.checks.facts import result_series, review_due
from aigov.checks.registry import SECTIONS
from aigov.checks.tier import RANK, harm_tier
from aigov.diagnostics import Diagnostic, Severity, count_by_severity
from aigov.model import (
    Direction,
    EvalResult,
    Evidence,
    Likelihood,
    Metric,
    MetricLayer,
    ModelComponent,
    MonitorKind,
    Record,
    RiskTier,
)
from aigov.model import Severity as HarmSeverity
from aigov.project import LoadedRecord
from aigov.provenance import Provenance
from aigov.review import review_state
from aigov.review.page import stale_groups

from .values import Fact, Section, Value, display, fmt_number, humanize, plain

CARD_FORMAT_VERSION = 1

FUNCTIONS = ("govern", "map", "measure", "manage")
LAYER_TITLES = {
    "business": "Business outcomes",
    "user_experience": "User experience",
    "model_quality": "Model quality",
    "guardrail": "Guardrails",
    "operational": "Operations",
}
MONITOR_TITLES = {
    "data": "Data drift",
    "quality": "Quality drift",
    "safety": "Safety drift",
    "cost": "Cost drift",
}


def _risk_order(rated: dict[str, Any]) -> tuple[int, int]:
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
    - `audience`: only a label. A public edition is built from
      `aigov.audience.redact(loaded, "public")`, whose `audience` and `withheld` the card reads:
      sections and fields it removed show as "Withheld from this edition", and the header lists
      everything withheld.
    - `link_base`: prefix for relative links from the record (paths are relative to the
      governance repository root); the CLI sets it so links work from where the file is written.
    - `model_href` / `system_href`: patterns with `{system}` and `{model}` for links between the
      system card and its model cards (`None`: no links).
    """

    today: dt.date | None = None
    audience: str = "internal"
    link_base: str = ""
    model_href: str | None = None
    system_href: str | None = None


@dataclass
class CheckInputs:
    """What `aigov check` contributes to a card, as plain data: `tier` is
    `aigov.checks.derive_tier(loaded).to_dict()`, `completeness` is
    `aigov.checks.completeness(loaded, options).to_dict()` (see `check_inputs`); `policy` is
    `options.policy`, whose default review cadence dates the next review of a record that names
    none (`None`: the default policy)."""

    tier: dict[str, Any] | None = None
    completeness: dict[str, Any] | None = None
    policy: Any = None  # aigov.checks Policy


def check_inputs(loaded: LoadedRecord, options: Any) -> CheckInputs:
    """The tier and completeness of a valid record, reusing the summary the checker left on it
    (so a card does not run every rule a second time)."""
    from aigov.checks import summary_of

    policy = getattr(options, "policy", None)
    summary = summary_of(loaded, options)
    if summary is None:
        return CheckInputs(policy=policy)
    return CheckInputs(
        tier=summary.tier.to_dict(),
        completeness=summary.completeness.to_dict(),
        policy=policy,
    )


def completeness_view(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    """Completeness for templates: percent, explanation, per section and per NIST function."""
    if not raw:
        return None

    def scores(items: dict[str, Any], titles: dict[str, str]) -> list[dict[str, Any]]:
        return [
            {
                "key": key,
                "title": titles.get(key, humanize(key)),
                "filled": sc.get("filled", 0),
                "total": sc.get("total", 0),
                "percent": sc.get("percent"),
            }
            for key, sc in items.items()
            if sc.get("total")
        ]

    return {
        "percent": int(raw.get("percent") or 0),
        "explanation": raw.get("explanation", ""),
        "stage": raw.get("stage"),
        "tier": raw.get("tier"),
        "unknown": raw.get("unknown", 0),
        "not_applicable": raw.get("not_applicable", 0),
        "sections": scores(raw.get("sections", {}), SECTIONS),
        "nist": scores(raw.get("nist", {}), {}),
    }


class _Builder:
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
        self.audience = str(getattr(loaded, "audience", options.audience) or "internal")
        self.hidden = [
            w.field
            for w in getattr(loaded, "withheld", [])
            if w.field and not any(str(p).isdigit() for p in w.path)
        ]
        self.number = 0
        self.toc: list[dict[str, Any]] = []
        self.controls = (
            {c.id: (fn, c) for fn, c in self.record.controls.all()}
            if (self.record.controls)
            else {}
        )

    # --- values ------------------------------------------------------------------------

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
            raw = raw if _has_content(raw) else None
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
        present = obj is not None and (not isinstance(obj, BaseModel) or _has_content(obj))
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
        self.toc.append({"id": sid, "number": self.number, "title": title, "state": state.state})
        return Section(sid, self.number, title, state, intro)

    # --- shared views ---------------------------------------------------------------------

    def evidence(self, items: list[Evidence]) -> list[dict[str, Any]]:
        return [
            {"title": e.title, "url": e.url, "path": e.path, "date": plain(e.date)} for e in items
        ]

    def findings(self, diags: list[Diagnostic]) -> list[dict[str, Any]]:
        ordered = sorted(diags, key=lambda d: (-d.severity.rank, d.line, d.column, d.code))
        return [
            {
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
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
        if errors:
            headline = (
                f"This {scope} has {errors} open error{'s' if errors != 1 else ''}"
                + (f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
                + ". It is not complete enough to rely on; see “Open findings” at the end."
            )
            level = "error"
        elif warnings:
            headline = (
                f"This {scope} has {warnings} open warning{'s' if warnings != 1 else ''}; "
                "see “Open findings” at the end."
            )
            level = "warning"
        else:
            headline = f"No open findings for this {scope}."
            level = "ok"
        return {
            "level": level,
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
        ia = self.record.impact_assessment
        decl = ia.risk_tier if ia else None
        derived = self.checks.tier or {}
        mismatches = []
        d_int, d_eu = derived.get("internal"), derived.get("eu_ai_act")
        tiers = ["low", "medium", "high", "critical"]
        eu_order = ["minimal", "limited", "high", "prohibited"]
        if (
            decl
            and decl.internal
            and d_int in tiers
            and tiers.index(decl.internal.value) < tiers.index(d_int)
        ):
            mismatches.append(
                f"The declared internal tier ({decl.internal.value}) is lower than the derived "
                f"one ({d_int}); the derived tier applies."
            )
        if (
            decl
            and decl.eu_ai_act
            and d_eu in eu_order
            and eu_order.index(decl.eu_ai_act.value) < eu_order.index(d_eu)
        ):
            mismatches.append(
                f"The declared EU AI Act tier ({decl.eu_ai_act.value}) is lower than the "
                f"derived one ({d_eu})."
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
            "derived": bool(derived),
            "derived_internal": derived.get("internal"),
            "derived_eu": derived.get("eu_ai_act"),
            "effective": derived.get("effective"),
            "reasons": list(derived.get("reasons", [])),
            "mismatches": mismatches,
        }

    # --- sections -----------------------------------------------------------------------

    def purpose(self) -> Section:
        uc = self.record.use_case
        sec = self.section("purpose", "Purpose and decision", self.state("use_case", uc))
        if not sec.state.given:
            return sec
        sec.facts = self.facts(
            "use_case",
            uc,
            [
                ("problem", "Problem or decision improved", "block"),
                ("before", "Before: how it works today", "block"),
                ("after", "After: how it works with the system", "block"),
                ("ai_help", "Kind of help"),
                ("autonomy", "Copilot or autopilot"),
                ("decisions_about_people", "Decides or materially influences outcomes for people"),
                ("knowledge_task", "Answers from a body of knowledge"),
                ("geographies", "Where it is used"),
                ("languages", "Languages"),
            ],
        )
        sec.parts["uses"] = self.facts(
            "use_case",
            uc,
            [
                ("intended_uses", "Intended uses", "list"),
                ("out_of_scope_uses", "Out-of-scope uses", "list"),
                ("foreseeable_misuse", "Foreseeable misuse planned against", "list"),
            ],
        )
        return sec

    def people(self) -> Section:
        uc = self.record.use_case
        ia = self.record.impact_assessment
        facts = self.facts(
            "use_case",
            uc,
            [
                ("users", "Users (operate or see the output)", "list"),
                ("affected_people", "People affected who do not operate it", "list"),
                ("beneficiaries", "Who benefits, and how", "list"),
            ],
        )
        path = "impact_assessment.stakeholders"
        stakeholders = ia.stakeholders if ia else []
        st_state = self.state(path, stakeholders)
        answered = [f.value for f in facts if f.value.state != "missing"]
        if st_state.state != "missing":
            answered.append(st_state)
        if any(v.given for v in answered) or answered:
            state = Value("given")
        else:
            state = self.state("use_case", uc) if uc is None else Value("missing")
        sec = self.section("people", "Users and affected people", state)
        sec.facts = facts
        sec.parts["stakeholders_state"] = st_state
        sec.parts["stakeholders"] = (
            [
                {
                    "name": s.name,
                    "kind": self.val(f"{path}.{i}.kind", s.kind and humanize(s.kind)),
                    "benefits": self.val(f"{path}.{i}.benefits", s.benefits),
                    "concerns": self.val(f"{path}.{i}.concerns", s.concerns),
                }
                for i, s in enumerate(stakeholders)
            ]
            if st_state.given
            else []
        )
        return sec

    def approach(self) -> Section:
        ap = self.record.approach
        sec = self.section("approach", "Approach and components", self.state("approach", ap))
        if not sec.state.given:
            sec.parts["components"] = []
            return sec
        assert ap is not None
        sec.facts = self.facts(
            "approach",
            ap,
            [
                ("strategy", "Buy, build or blend"),
                ("patterns", "Patterns"),
                ("rationale", "Why this approach", "block"),
                ("alternatives_considered", "Alternatives considered", "list"),
            ],
        )
        sec.parts["components_state"] = self.state("approach.components", ap.components)
        sec.parts["components"] = [self.component_row(i, c) for i, c in enumerate(ap.components)]
        return sec

    def component_row(self, i: int, c: ModelComponent) -> dict[str, Any]:
        p = f"approach.components.{i}"
        href = None
        if self.options.model_href:
            href = self.options.model_href.format(system=self.record.id, model=c.id)
        return {
            "id": c.id,
            "name": c.name,
            "href": href,
            "kind": self.val(f"{p}.kind", c.kind),
            "role": self.val(f"{p}.role", c.role),
            "source": self.val(f"{p}.source", c.source),
            "provider": self.val(f"{p}.provider", c.provider),
            "version": self.val(f"{p}.version", c.version),
            "license": self.val(f"{p}.license", c.license),
        }

    def data(self) -> Section:
        d = self.record.data
        sec = self.section("data", "Data", self.state("data", d))
        if not sec.state.given:
            sec.parts["sources"] = []
            return sec
        assert d is not None
        sec.facts = self.facts(
            "data",
            d,
            [
                ("personal_data", "Processes personal data"),
                ("sensitive_categories", "Sensitive categories"),
                ("legal_basis", "Legal basis", "block"),
                ("data_protection_note", "Data-protection assessment", "block"),
                ("retention", "Retention of inputs, outputs and logs", "block"),
                ("representativeness", "Representativeness and known gaps", "block"),
            ],
        )
        path = "data.sources"
        sec.parts["sources_state"] = self.state(path, d.sources)
        sec.parts["sources"] = (
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "facts": self.facts(
                        f"{path}.{i}",
                        s,
                        [
                            ("description", "Description", "block"),
                            ("roles", "Used for"),
                            ("owner", "Owner"),
                            ("personal_data", "Personal data"),
                            ("sensitive_categories", "Sensitive categories"),
                            ("legal_basis", "Legal basis"),
                            ("representativeness", "Representativeness", "block"),
                            ("retention", "Retention"),
                            ("size", "Volume"),
                            ("license", "Licence or terms"),
                            ("link", "Where to find it", "link"),
                        ],
                    ),
                    "roles": self.val(f"{path}.{i}.roles", s.roles),
                    "personal_data": self.val(f"{path}.{i}.personal_data", s.personal_data),
                    "sensitive_categories": self.val(
                        f"{path}.{i}.sensitive_categories", s.sensitive_categories
                    ),
                    "legal_basis": self.val(f"{path}.{i}.legal_basis", s.legal_basis),
                }
                for i, s in enumerate(d.sources)
            ]
            if sec.parts["sources_state"].given
            else []
        )
        return sec

    def feasibility(self) -> Section:
        f = self.record.feasibility
        sec = self.section("feasibility", "Feasibility", self.state("feasibility", f))
        if not sec.state.given:
            return sec
        assert f is not None
        baseline = f.baseline
        base_text = None
        if baseline is not None:
            base_text = baseline.description
            extra = ": ".join(x for x in (baseline.metric, baseline.value) if x)
            if extra:
                base_text = f"{base_text} ({extra})"
        sec.facts = [
            *self.facts("feasibility", f, [("completed", "Sprint completed")]),
            *self.facts(
                "feasibility",
                f,
                [("data_readiness", "Data readiness", "block")],
            ),
            Fact("baseline", "Baseline today", self.val("feasibility.baseline", base_text)),
            *self.facts(
                "feasibility",
                f,
                [
                    ("good_enough", "What “good enough” means", "block"),
                    ("offline_evaluation", "Offline evaluation", "block"),
                    ("risk_summary", "Cost of being wrong", "block"),
                    ("decision", "Decision"),
                ],
            ),
        ]
        return sec

    def impact(self) -> Section:
        ia = self.record.impact_assessment
        sec = self.section("impact", "Impact assessment", self.state("impact_assessment", ia))
        sec.parts["tier"] = self.tier_view()
        if not sec.state.given:
            sec.parts.update(harms=[], matrix=None, harms_state=sec.state)
            return sec
        assert ia is not None
        sec.facts = self.facts(
            "impact_assessment",
            ia,
            [
                ("date", "Assessed on"),
                ("assessor", "Assessed by"),
                ("disclosures", "Disclosures to users and affected people", "list"),
                ("fundamental_rights_assessment", "Fundamental-rights impact assessment"),
            ],
        )
        co = ia.contestability
        sec.parts["contestability_state"] = self.state("impact_assessment.contestability", co)
        sec.parts["contestability"] = self.facts(
            "impact_assessment.contestability",
            co,
            [
                ("available", "People can contest or correct outcomes"),
                ("process", "How", "block"),
                ("response_time_days", "Committed response time (days)"),
            ],
        )
        ho = ia.human_oversight
        sec.parts["oversight_state"] = self.state("impact_assessment.human_oversight", ho)
        sec.parts["oversight"] = self.facts(
            "impact_assessment.human_oversight",
            ho,
            [
                ("mode", "Oversight mode"),
                ("description", "Who oversees what, and when", "block"),
                ("can_override", "Overseer can override or reverse an output"),
                ("can_stop", "Overseer can stop the system safely"),
                ("automation_bias_training", "Training against automation bias", "block"),
            ],
        )
        eu = ia.eu_ai_act
        sec.parts["eu_state"] = self.state("impact_assessment.eu_ai_act", eu)
        eu_facts = self.facts(
            "impact_assessment.eu_ai_act",
            eu,
            [
                ("role", "Role under the Act"),
                ("annex_iii_area", "Annex III area"),
                ("annex_i_product", "Annex I product or safety component"),
                ("profiling", "Profiles natural persons"),
                ("prohibited_practices", "Art. 5 prohibited practices"),
                ("transparency_obligations", "Art. 50 transparency obligations"),
                ("gpai", "General-purpose AI model"),
            ],
        )
        eu_facts = [
            Fact(f.key, f.label, Value("given", f.value.value, humanize(f.value.text)), f.kind)
            if f.key == "role" and f.value.given
            else f
            for f in eu_facts
        ]
        der = eu.derogation if eu else None
        if der is not None:
            text = "Claimed" if der.applies else "Not claimed"
            if der.applies and der.reason:
                text += f": {display(der.reason)}"
            if der.reasoning:
                text += f". {der.reasoning}"
            eu_facts.append(
                Fact("derogation", "Art. 6(3) derogation", Value("given", der.applies, text))
            )
        else:
            eu_facts.append(
                Fact(
                    "derogation",
                    "Art. 6(3) derogation",
                    self.val("impact_assessment.eu_ai_act.derogation", None),
                )
            )
        sec.parts["eu"] = eu_facts
        self.harms(sec, ia.harms)
        return sec

    def harms(self, sec: Section, harms: list[Any]) -> None:
        path = "impact_assessment.harms"
        sec.parts["harms_state"] = self.state(path, harms)
        if not sec.parts["harms_state"].given:
            sec.parts["harms"] = []
            sec.parts["matrix"] = None
            return
        rows = []
        for i, h in enumerate(harms):
            p = f"{path}.{i}"
            mitigations = []
            for cid in h.mitigations:
                found = self.controls.get(cid)
                mitigations.append(
                    {
                        "id": cid,
                        "known": found is not None,
                        "title": found[1].title if found else "",
                        "status": plain(found[1].status) if found else None,
                        "status_label": display(found[1].status)
                        if found and found[1].status
                        else "",
                    }
                )
            rows.append(
                {
                    "id": h.id,
                    "description": h.description,
                    "affected_group": self.val(f"{p}.affected_group", h.affected_group),
                    "category": self.val(f"{p}.category", h.category),
                    "severity": self.val(f"{p}.severity", h.severity),
                    "likelihood": self.val(f"{p}.likelihood", h.likelihood),
                    "inherent": rating(h.severity, h.likelihood),
                    "mitigations": mitigations,
                    "mitigations_state": self.val(f"{p}.mitigations", h.mitigations),
                    "residual_severity": self.val(f"{p}.residual_severity", h.residual_severity),
                    "residual_likelihood": self.val(
                        f"{p}.residual_likelihood", h.residual_likelihood
                    ),
                    "residual": rating(h.residual_severity, h.residual_likelihood),
                    "notes": self.val(f"{p}.notes", h.notes),
                }
            )
        sec.parts["harms"] = rows
        sec.parts["matrix"] = risk_matrix(harms)

    def controls_section(self) -> Section:
        ctl = self.record.controls
        sec = self.section(
            "controls",
            "Controls (NIST AI RMF)",
            self.state("controls", ctl),
            intro="Controls grouped by the four functions of the NIST AI Risk Management "
            "Framework 1.0, each mapped to the subcategories it serves.",
        )
        catalog = nist()
        functions_meta = {f["id"]: f for f in catalog.functions}
        mitigates: dict[str, list[str]] = {}
        ia = self.record.impact_assessment
        for h in ia.harms if ia else []:
            for cid in h.mitigations:
                mitigates.setdefault(cid, []).append(h.id)
        functions = []
        for fn in FUNCTIONS:
            items = getattr(ctl, fn) if ctl else []
            path = f"controls.{fn}"
            state = self.state(path, items) if sec.state.given else sec.state
            meta = functions_meta.get(fn.upper(), {})
            rows = []
            for i, c in enumerate(items if state.given else []):
                p = f"{path}.{i}"
                subs = []
                for sid in c.nist:
                    sub = catalog.get(sid)
                    subs.append(
                        {
                            "id": sid,
                            "known": sub is not None,
                            "text": sub.text if sub else "",
                            "category": sub.category_text if sub else "",
                        }
                    )
                rows.append(
                    {
                        "id": c.id,
                        "title": c.title,
                        "description": self.val(f"{p}.description", c.description),
                        "status": self.val(f"{p}.status", c.status),
                        "owner": self.val(f"{p}.owner", c.owner),
                        "due": self.val(f"{p}.due", c.due),
                        "subcategories": subs,
                        "subcategories_state": self.val(f"{p}.nist", c.nist),
                        "evidence": self.evidence(c.evidence),
                        "evidence_state": self.val(f"{p}.evidence", c.evidence),
                        "mitigates": mitigates.get(c.id, []),
                    }
                )
            functions.append(
                {
                    "id": fn,
                    "name": fn.upper(),
                    "summary": meta.get("summary", ""),
                    "outcome": meta.get("figure5", ""),
                    "state": state,
                    "controls": rows,
                    "implemented": sum(
                        1
                        for c in items
                        if c.status and c.status.value in ("implemented", "verified")
                    )
                    if state.given
                    else 0,
                    "total": len(items) if state.given else 0,
                }
            )
        sec.parts["functions"] = functions
        return sec

    def experience(self) -> Section:
        ex = self.record.experience
        sec = self.section("experience", "Experience design", self.state("experience", ex))
        if sec.state.given:
            sec.facts = self.facts(
                "experience",
                ex,
                [
                    ("confidence_cues", "Confidence cues", "block"),
                    ("editable_outputs", "Editable outputs", "block"),
                    ("source_grounding", "Source grounding", "block"),
                    ("fallbacks", "Fallbacks when unsure", "block"),
                    ("expectation_setting", "Expectation setting", "block"),
                    ("ai_disclosure", "AI disclosure", "block"),
                ],
            )
        return sec

    def metric_row(self, layer: str, i: int, m: Metric) -> dict[str, Any]:
        p = f"metrics.{layer}.{i}"
        meets = None
        if m.current is not None and m.threshold is not None:
            meets = (
                m.current <= m.threshold
                if m.direction == Direction.LOWER_IS_BETTER
                else m.current >= m.threshold
            )
        unit = m.unit or ""
        return {
            "id": m.id,
            "name": m.name,
            "layer": layer,
            "description": self.val(f"{p}.description", m.description),
            "target": self.val(f"{p}.target", m.target),
            "threshold": self.val(f"{p}.threshold", m.threshold),
            "threshold_text": _with_unit(m.threshold, unit, m.direction),
            "direction": self.val(f"{p}.direction", m.direction),
            "unit": unit,
            "baseline": self.val(f"{p}.baseline", m.baseline),
            "baseline_text": _with_unit(m.baseline, unit),
            "current": self.val(f"{p}.current", m.current),
            "current_text": _with_unit(m.current, unit),
            "owner": self.val(f"{p}.owner", m.owner),
            "meets": meets,
        }

    def metrics(self) -> Section:
        ms = self.record.metrics
        sec = self.section(
            "metrics",
            "Metrics stack",
            self.state("metrics", ms),
            intro="What success and safety mean, layer by layer, each metric with its target.",
        )
        layers = []
        for layer in MetricLayer:
            items = getattr(ms, layer.value) if ms else []
            path = f"metrics.{layer.value}"
            state = self.state(path, items) if sec.state.given else sec.state
            layers.append(
                {
                    "id": layer.value,
                    "title": LAYER_TITLES[layer.value],
                    "state": state,
                    "metrics": [self.metric_row(layer.value, i, m) for i, m in enumerate(items)]
                    if state.given
                    else [],
                }
            )
        sec.parts["layers"] = layers
        return sec

    def metric_index(self) -> dict[str, Metric]:
        ms = self.record.metrics
        return {m.id: m for _, m in ms.all()} if ms else {}

    def results_view(self, results: list[tuple[int, EvalResult]]) -> dict[str, Any]:
        """Latest value per series, history per series, grouped by metric (overall first).

        A series is what `aigov check` judges (`aigov.checks.result_series`): one metric and
        slice across datasets and splits (per component until a newer system-level result
        supersedes it); the history shows each point's dataset and component."""
        metrics = self.metric_index()
        test_sets = self.test_set_names()
        series = result_series([r for _, r in results])
        rows = []
        history = []
        for positions in series.values():
            items = [(results[j][0], r) for j, r in positions]
            i, latest = items[-1]
            metric = metrics.get(latest.metric)
            unit = metric.unit if metric and metric.unit else ""
            row = self.result_row(i, latest, metric, test_sets)
            if len(items) > 1:
                prev = items[-2][1]
                row["previous"] = {
                    "value": prev.value,
                    "value_text": _with_unit(prev.value, unit),
                    "date": prev.date.isoformat(),
                    "dataset": prev.dataset,
                    "dataset_name": test_sets.get(prev.dataset or "", prev.dataset or ""),
                }
                history.append(
                    {
                        "metric": latest.metric,
                        "metric_name": row["metric_name"],
                        "dataset": row["dataset"],
                        "dataset_name": row["dataset_name"],
                        "split": row["split"],
                        "slice": row["slice"],
                        "component": row["component"],
                        "unit": unit,
                        "points": [
                            {
                                "date": r.date.isoformat(),
                                "dataset": r.dataset,
                                "dataset_name": test_sets.get(r.dataset or "", r.dataset or ""),
                                "component": r.component,
                                "value": r.value,
                                "value_text": _with_unit(r.value, unit),
                                "threshold": r.threshold,
                                "passes": r.passes(),
                            }
                            for _, r in items
                        ],
                        "trend": " → ".join(_with_unit(r.value, unit) for _, r in items),
                    }
                )
            rows.append(row)
        rows.sort(
            key=lambda r: (
                r["metric_name"].lower(),
                r["dataset"] or "",
                r["component"] or "",
                r["slice"] is not None,
                r["slice"] or "",
            )
        )
        groups: list[dict[str, Any]] = []
        for row in rows:
            gkey = (row["metric"], row["dataset"], row["split"], row["component"])
            if not groups or groups[-1]["key"] != gkey:
                groups.append(
                    {
                        "key": gkey,
                        "metric": row["metric"],
                        "metric_name": row["metric_name"],
                        "dataset": row["dataset"],
                        "dataset_name": row["dataset_name"],
                        "split": row["split"],
                        "component": row["component"],
                        "rows": [],
                    }
                )
            groups[-1]["rows"].append(row)
        for g in groups:
            g["key"] = "|".join(x or "" for x in g["key"])
        return {
            "latest": rows,
            "groups": groups,
            "history": history,
            "summary": {
                "series": len(rows),
                "passing": sum(1 for r in rows if r["passes"] is True),
                "failing": sum(1 for r in rows if r["passes"] is False),
                "no_threshold": sum(1 for r in rows if r["passes"] is None),
                "measurements": len(results),
            },
            "rule": LATEST_RULE,
        }

    def test_set_names(self) -> dict[str, str]:
        ev = self.record.evaluations
        names = {t.id: t.name for t in ev.plan.test_sets} if ev and ev.plan else {}
        if self.record.data:
            for s in self.record.data.sources:
                names.setdefault(s.id, s.name)
        return names

    def result_row(
        self, i: int, r: EvalResult, metric: Metric | None, test_sets: dict[str, str]
    ) -> dict[str, Any]:
        unit = metric.unit if metric and metric.unit else ""
        ci = r.confidence_interval
        ci_text = None
        if ci is not None:
            ci_text = f"{fmt_number(ci.lower)}–{fmt_number(ci.upper)}"
            if ci.level:
                ci_text += f" ({fmt_number(ci.level * 100)}%)"
        return {
            "index": i,
            "metric": r.metric,
            "metric_name": metric.name if metric else r.metric,
            "dataset": r.dataset,
            "dataset_name": test_sets.get(r.dataset or "", r.dataset or ""),
            "split": r.split,
            "slice": r.slice,
            "component": r.component,
            "task": r.task,
            "value": r.value,
            "value_text": _with_unit(r.value, unit),
            "threshold": r.threshold,
            "threshold_text": _with_unit(r.threshold, unit, r.direction)
            if r.threshold is not None
            else None,
            "direction": plain(r.direction) or "higher_is_better",
            "passes": r.passes(),
            "date": r.date.isoformat(),
            "confidence_interval": ci_text,
            "verified": r.verified,
            "evidence": self.evidence(r.evidence),
            "notes": r.notes,
            "previous": None,
        }

    def evaluations(self) -> Section:
        ev = self.record.evaluations
        sec = self.section("evaluation", "Evaluation results", self.state("evaluations", ev))
        plan = ev.plan if ev else None
        sec.parts["plan_state"] = (
            self.state("evaluations.plan", plan) if sec.state.given else (sec.state)
        )
        sec.parts["plan"] = self.facts(
            "evaluations.plan",
            plan,
            [("method", "Method", "block"), ("rubric", "Rubric", "block")],
        )
        test_sets = plan.test_sets if plan else []
        sec.parts["test_sets_state"] = self.state("evaluations.plan.test_sets", test_sets)
        sec.parts["test_sets"] = [
            {
                "id": t.id,
                "name": t.name,
                "description": self.val(
                    f"evaluations.plan.test_sets.{i}.description", t.description
                ),
                "size": self.val(f"evaluations.plan.test_sets.{i}.size", t.size),
                "slices": self.val(f"evaluations.plan.test_sets.{i}.slices", t.slices),
                "link": t.link,
            }
            for i, t in enumerate(test_sets)
        ]
        results = ev.results if ev else []
        sec.parts["results_state"] = (
            self.state("evaluations.results", results) if sec.state.given else sec.state
        )
        sec.parts["results"] = self.results_view(list(enumerate(results)))
        return sec

    def launch(self) -> Section:
        la = self.record.launch
        sec = self.section("launch", "Launch readiness", self.state("launch", la))
        if not sec.state.given:
            return sec
        assert la is not None
        mvp = la.mvp
        sec.parts["mvp_state"] = self.state("launch.mvp", mvp)
        sec.parts["mvp"] = self.facts(
            "launch.mvp",
            mvp,
            [("scope", "Scope", "block"), ("exit_criteria", "Exit criteria", "list")],
        )
        sec.parts["stop_ship"] = self.val("launch.stop_ship_criteria", la.stop_ship_criteria)
        sec.parts["gates_state"] = self.state("launch.gates", la.gates)
        sec.parts["gates"] = [
            {
                "id": g.id,
                "name": g.name,
                "stage": self.val(f"launch.gates.{i}.stage", g.stage),
                "criteria": self.val(f"launch.gates.{i}.criteria", g.criteria),
                "decision": self.val(f"launch.gates.{i}.decision", g.decision),
                "decision_code": plain(g.decision),
                "date": self.val(f"launch.gates.{i}.date", g.date),
                "decided_by": self.val(f"launch.gates.{i}.decided_by", g.decided_by),
            }
            for i, g in enumerate(la.gates)
        ]
        hr = la.human_review
        sec.parts["human_review_state"] = self.state("launch.human_review", hr)
        sec.parts["human_review"] = self.facts(
            "launch.human_review",
            hr,
            [
                ("description", "Where people review outputs", "block"),
                ("cases", "Which cases", "block"),
                ("sla", "How fast"),
            ],
        )
        rt = la.red_team
        sec.parts["red_team_state"] = self.state("launch.red_team", rt)
        sec.parts["red_team"] = self.facts(
            "launch.red_team",
            rt,
            [("date", "When"), ("team", "By"), ("scope", "Scope", "block")],
        )
        sec.parts["red_team_findings"] = [
            {
                "id": f.id,
                "description": f.description,
                "severity": self.val(f"launch.red_team.findings.{i}.severity", f.severity),
                "status": self.val(f"launch.red_team.findings.{i}.status", f.status),
                "status_code": plain(f.status),
                "control": f.control,
                "control_title": self.controls[f.control][1].title
                if f.control in self.controls
                else "",
            }
            for i, f in enumerate(rt.findings if rt else [])
        ]
        fb = la.feedback_logging
        sec.parts["feedback_state"] = self.state("launch.feedback_logging", fb)
        sec.parts["feedback"] = self.facts(
            "launch.feedback_logging",
            fb,
            [
                ("mechanism", "How corrections are captured", "block"),
                ("used_for", "What the feedback feeds", "block"),
                ("retention", "Retention"),
            ],
        )
        return sec

    def operations(self) -> Section:
        op = self.record.operations
        sec = self.section("operations", "Operations", self.state("operations", op))
        if not sec.state.given:
            return sec
        assert op is not None
        dep = op.deployment
        sec.parts["deployment_state"] = self.state("operations.deployment", dep)
        sec.parts["deployment"] = self.facts(
            "operations.deployment",
            dep,
            [("environment", "Runs on"), ("date", "In production since"), ("regions", "Markets")],
        )
        mon_path = "operations.monitoring"
        sec.parts["monitoring_state"] = self.state(mon_path, op.monitoring)
        monitors = []
        for i, m in enumerate(op.monitoring):
            p = f"{mon_path}.{i}"
            monitors.append(
                {
                    "id": m.id,
                    "kind": plain(m.kind),
                    "kind_label": MONITOR_TITLES[m.kind.value],
                    "signal": m.signal,
                    "threshold": self.val(f"{p}.threshold", m.threshold),
                    "cadence": self.val(f"{p}.cadence", m.cadence),
                    "owner": self.val(f"{p}.owner", m.owner),
                    "alert": self.val(f"{p}.alert", m.alert),
                }
            )
        sec.parts["monitors"] = monitors
        covered = {m.kind.value for m in op.monitoring}
        sec.parts["drift_coverage"] = [
            {"kind": k.value, "label": MONITOR_TITLES[k.value], "covered": k.value in covered}
            for k in MonitorKind
        ]
        rt = op.retraining
        sec.parts["retraining_state"] = self.state("operations.retraining", rt)
        sec.parts["retraining"] = self.facts(
            "operations.retraining",
            rt,
            [
                ("data_collection", "New training data from", "block"),
                ("trigger", "When to retrain"),
                ("schedule", "Schedule"),
                ("validation", "How updates are validated"),
                ("owner", "Owner"),
            ],
        )
        rb = op.rollback
        sec.parts["rollback_state"] = self.state("operations.rollback", rb)
        sec.parts["rollback"] = self.facts(
            "operations.rollback",
            rb,
            [
                ("mechanisms", "Mechanisms"),
                ("description", "Procedure", "block"),
                ("owner", "Who can trigger it"),
                ("last_tested", "Last rehearsed"),
            ],
        )
        inc_path = "operations.incidents"
        sec.parts["incidents_state"] = self.state(inc_path, op.incidents)
        sec.parts["incidents"] = (
            [
                {
                    "id": inc.id,
                    "date": inc.date.isoformat(),
                    "summary": inc.summary,
                    "severity": self.val(f"{inc_path}.{i}.severity", inc.severity),
                    "status": self.val(f"{inc_path}.{i}.status", inc.status),
                    "status_code": plain(inc.status),
                    "actions": self.val(f"{inc_path}.{i}.actions", inc.actions),
                    "evidence": self.evidence(inc.evidence),
                }
                for i, inc in enumerate(op.incidents)
            ]
            if sec.parts["incidents_state"].given
            else []
        )
        return sec

    def documentation(self) -> Section:
        doc = self.record.documentation
        sec = self.section(
            "documentation",
            "Limitations, ethics and caveats",
            self.state("documentation", doc),
        )
        if sec.state.given:
            sec.facts = self.facts(
                "documentation",
                doc,
                [
                    ("intended_use", "Intended use", "block"),
                    ("limitations", "Known limitations", "list"),
                    ("ethical_considerations", "Ethical considerations", "list"),
                    ("caveats", "Caveats", "list"),
                    ("recommendations", "Recommendations", "list"),
                ],
            )
        return sec

    def signoffs(self) -> Section:
        sos = self.record.signoffs
        sec = self.section("signoffs", "Sign-offs", self.state("signoffs", sos))
        # with git history: what changed since each stale approval (aigov.review)
        review = review_state(self.loaded) if sec.state.given else None
        states = {st.index: st for st in review.signoffs} if review else {}
        rows = []
        for i, s in enumerate(sos if sec.state.given else []):
            st = states.get(i)
            rows.append(
                {
                    "reviewer": s.reviewer,
                    "role": plain(s.role),
                    "role_label": display(s.role),
                    "decision": plain(s.decision),
                    "decision_label": display(s.decision),
                    "date": s.date.isoformat(),
                    "conditions": self.val(f"signoffs.{i}.conditions", s.conditions),
                    "record_hash": s.record_hash,
                    "binding": st.status.value if st else "unbound",
                    "effective": st.effective if st else True,
                    "superseded": st.superseded_note if st else "",
                    "revision": s.revision,
                    "evidence": self.evidence(s.evidence),
                }
            )
        sec.parts["signoffs"] = rows
        sec.parts["stale"] = stale_groups(review.signoffs) if review else []
        return sec

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
            "withheld": [w.label for w in getattr(self.loaded, "withheld", [])],
            "confidential": self.confidential_parts(),
            "provenance": self.prov.to_dict(),
            "today": self.today.isoformat(),
            "audience": self.audience,
            "link_base": self.options.link_base,
        }


#: How the current result of a series is chosen; the cards print it above their results.
LATEST_RULE = (
    "The latest result per metric and slice counts, whatever its test set: a newer evaluation "
    "on a new test set supersedes the older one, and a newer result for the whole system "
    "supersedes an older one for a single model. The governance checks judge the same results."
)


def _with_unit(value: float | None, unit: str, direction: Direction | None = None) -> str:
    if value is None:
        return ""
    text = fmt_number(value)
    if unit:
        text = f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"
    if direction is not None:
        text = ("≤ " if direction == Direction.LOWER_IS_BETTER else "≥ ") + text
    return text


def _has_content(obj: BaseModel) -> bool:
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


def _component_index(record: Record, name: str) -> int | None:
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
    i = _component_index(record, name)
    return record.approach.components[i] if i is not None and record.approach else None


# --- public builders ---------------------------------------------------------------------


def system_card_context(
    loaded: LoadedRecord,
    provenance: Provenance,
    *,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
) -> dict[str, Any]:
    """The full context of a system card (see templates/README.md)."""
    b = _Builder(loaded, provenance, options or CardOptions(), checks or CheckInputs())
    r = b.record
    diags = list(loaded.diagnostics)
    card = b.common("system", f"System card: {r.name}", diags, "card")
    sections = [
        b.purpose(),
        b.people(),
        b.approach(),
        b.data(),
        b.feasibility(),
        b.impact(),
        b.controls_section(),
        b.experience(),
        b.metrics(),
        b.evaluations(),
        b.launch(),
        b.operations(),
        b.documentation(),
        b.signoffs(),
    ]
    card["sections"] = {s.id: s for s in sections}
    card["section_order"] = [s.id for s in sections]
    card["links"] = b.links()
    card["toc"] = b.toc
    card["glance"] = glance(b, card)
    card["models"] = card["sections"]["approach"].parts.get("components", [])
    return card


def glance(b: _Builder, card: dict[str, Any]) -> list[Fact]:
    """The facts a reviewer wants on the first page."""
    r = b.record
    uc = r.use_case
    ia = r.impact_assessment
    sections = card["sections"]
    harms = sections["impact"].parts.get("harms", [])
    worst_residual = None
    for h in harms:
        res = h["residual"] or h["inherent"]
        # the rating decides (critical × rare is high at score 4; medium × possible is
        # medium at 6); the score only breaks ties within a rating
        if res and (worst_residual is None or _risk_order(res) > _risk_order(worst_residual)):
            worst_residual = res
    fns = sections["controls"].parts["functions"]
    implemented = sum(f["implemented"] for f in fns)
    total = sum(f["total"] for f in fns)
    evsum = sections["evaluation"].parts["results"]["summary"]
    signoffs = sections["signoffs"].parts["signoffs"]
    # the sign-off that counts for each role; superseded ones stay in the Sign-offs section
    current = [s for s in signoffs if s["effective"]]
    facts = [
        Fact("owner", "Accountable", card["system"]["accountable"]),
        Fact("team", "Owning team", card["system"]["team"]),
        Fact("stage", "Lifecycle stage", card["system"]["stage"]),
        Fact(
            "autonomy",
            "Copilot or autopilot",
            b.val("use_case.autonomy", uc.autonomy if uc else None),
        ),
        Fact(
            "oversight",
            "Human oversight",
            b.val(
                "impact_assessment.human_oversight.mode",
                ia.human_oversight.mode if ia and ia.human_oversight else None,
            ),
        ),
        Fact(
            "decisions_about_people",
            "Decides about people",
            b.val("use_case.decisions_about_people", uc.decisions_about_people if uc else None),
        ),
        Fact(
            "personal_data",
            "Personal data",
            b.val("data.personal_data", r.data.personal_data if r.data else None),
        ),
        Fact(
            "sensitive",
            "Sensitive categories",
            b.val("data.sensitive_categories", r.data.sensitive_categories if r.data else None),
        ),
        Fact(
            "harms",
            "Harms registered",
            Value(
                "given",
                len(harms),
                f"{len(harms)}"
                + (
                    f"; highest remaining risk: {worst_residual['label']}" if worst_residual else ""
                ),
            )
            if harms
            else sections["impact"].parts["harms_state"],
        ),
        Fact(
            "controls",
            "Controls in place",
            Value("given", implemented, f"{implemented} of {total} implemented or verified")
            if total
            else b.state("controls", r.controls),
        ),
        Fact(
            "evaluations",
            "Latest evaluation results",
            Value(
                "given",
                evsum["series"],
                f"{evsum['passing']} pass, {evsum['failing']} fail, "
                f"{evsum['no_threshold']} without threshold",
            )
            if evsum["series"]
            else sections["evaluation"].parts["results_state"],
        ),
        Fact(
            "signoffs",
            "Sign-offs",
            Value(
                "given",
                len(current),
                [
                    f"{s['role_label']}: {s['decision_label'].lower()} on {s['date']}"
                    + (" (the record changed since)" if s["binding"] == "stale" else "")
                    for s in current
                ],
            )
            if signoffs
            else sections["signoffs"].state,
            "list",
        ),
    ]
    return facts


def model_card_context(
    loaded: LoadedRecord,
    component: str,
    provenance: Provenance,
    *,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
) -> dict[str, Any]:
    """The context of the model card for one model component (Mitchell et al. 2019 sections)."""
    b = _Builder(loaded, provenance, options or CardOptions(), checks or CheckInputs())
    r = b.record
    idx = _component_index(r, component)
    if idx is None or r.approach is None:
        raise KeyError(component)
    c = r.approach.components[idx]
    p = f"approach.components.{idx}"
    mine = [d for d in loaded.diagnostics if d.field == p or d.field.startswith(p + ".")]
    card = b.common("model", f"Model card: {c.name}", mine, "model card")
    record_errors = sum(1 for d in loaded.diagnostics if d.severity == Severity.ERROR)
    card["status"]["system_errors"] = record_errors
    if record_errors and not card["status"]["errors"]:
        card["status"]["level"] = "error"
        card["status"]["headline"] = (
            f"The system record has {record_errors} open error"
            f"{'s' if record_errors != 1 else ''} (none in this model's part); see the system card."
        )
    sys_href = (
        b.options.system_href.format(system=r.id, model=c.id) if b.options.system_href else None
    )
    uc = r.use_case
    doc = r.documentation
    single = len(r.approach.components) == 1

    sections: list[Section] = []

    details = b.section("details", "Model details", Value("given"))
    details.facts = b.facts(
        p,
        c,
        [
            ("kind", "Kind of model"),
            ("role", "Role in the system", "block"),
            ("source", "Source"),
            ("provider", "Provider"),
            ("version", "Version"),
            ("version_date", "Version date"),
            ("version_notes", "What changed in this version", "block"),
            ("base_model", "Fine-tuned or adapted from"),
            ("architecture", "Architecture and objective", "block"),
            ("library", "Library"),
            ("license", "Licence"),
            ("input_format", "Input", "block"),
            ("output_format", "Output", "block"),
            ("languages", "Languages"),
        ],
    )
    details.parts["owners_state"] = b.state(f"{p}.owners", c.owners)
    details.parts["owners"] = [
        {"name": o.name, "role": o.role or "", "contact": o.contact or ""} for o in c.owners
    ]
    details.parts["references"] = [{"title": ln.title, "url": ln.url} for ln in c.references]
    details.parts["citations"] = [{"style": ct.style or "", "text": ct.text} for ct in c.citations]
    env = c.environmental_impact
    details.parts["environment_state"] = b.state(f"{p}.environmental_impact", env)
    details.parts["environment"] = b.facts(
        f"{p}.environmental_impact",
        env,
        [
            ("hardware", "Hardware"),
            ("hours", "Hours used"),
            ("cloud_provider", "Cloud provider"),
            ("region", "Compute region"),
            ("co2_eq_kg", "Carbon emitted (kg CO2 eq.)"),
        ],
    )
    details.parts["system_href"] = sys_href
    sections.append(details)

    intended = b.section("intended-use", "Intended use", Value("given"))
    own_use = b.val(f"{p}.intended_use", c.intended_use)
    intended.facts = [
        Fact("intended_use", "Primary intended use", own_use, "block"),
        Fact(
            "users",
            "Intended users",
            b.val("use_case.users", uc.users if uc else None),
            "list",
            quoted=True,
        ),
        Fact(
            "out_of_scope_uses",
            "Out-of-scope uses of this model",
            b.val(f"{p}.out_of_scope_uses", c.out_of_scope_uses),
            "list",
        ),
        Fact(
            "system_out_of_scope",
            "Out-of-scope uses of the system",
            b.val("use_case.out_of_scope_uses", uc.out_of_scope_uses if uc else None),
            "list",
            quoted=True,
        ),
    ]
    if not own_use.given:
        intended.facts.insert(
            1,
            Fact(
                "system_intended_use",
                "Intended use of the system",
                b.val("documentation.intended_use", doc.intended_use if doc else None),
                "block",
                quoted=True,
            ),
        )
    sections.append(intended)

    # Results for this model: attributed to it, or system-level ones when it is the only model.
    results = [
        (i, res)
        for i, res in enumerate(r.evaluations.results if r.evaluations else [])
        if res.component == c.id or (single and res.component is None)
    ]
    view = b.results_view(results)

    factors = b.section("factors", "Factors", Value("given"))
    slices = sorted({res.slice.split("=")[0] for _, res in results if res.slice})
    factors.facts = [
        Fact("factors", "Relevant factors", b.val(f"{p}.factors", c.factors), "list"),
        Fact(
            "evaluation_factors",
            "Slices reported in the evaluation",
            Value.of(slices) if slices else Value("missing"),
            "list",
        ),
    ]
    sections.append(factors)

    metrics_sec = b.section("metrics", "Metrics", Value("given"))
    metric_index = b.metric_index()
    used = []
    seen: set[str] = set()
    for _, res in results:
        if res.metric in seen:
            continue
        seen.add(res.metric)
        m = metric_index.get(res.metric)
        used.append(
            {
                "id": res.metric,
                "name": m.name if m else res.metric,
                "description": Value.of(m.description if m else None),
                "threshold_text": _with_unit(m.threshold, m.unit or "", m.direction)
                if m and m.threshold is not None
                else "",
                "target": Value.of(m.target if m else None),
                "defined": m is not None,
            }
        )
    metrics_sec.parts["metrics"] = used
    metrics_sec.parts["metrics_state"] = Value("given") if used else Value("missing")
    sections.append(metrics_sec)

    test_sets = {
        t.id: t
        for t in (r.evaluations.plan.test_sets if r.evaluations and r.evaluations.plan else [])
    }
    sources = {s.id: s for s in (r.data.sources if r.data else [])}

    def resolve(names: list[str]) -> list[dict[str, Any]]:
        out = []
        for n in names:
            if n in test_sets:
                t = test_sets[n]
                out.append(
                    {
                        "id": n,
                        "name": t.name,
                        "description": t.description or "",
                        "kind": "test set",
                        "size": plain(t.size),
                        "link": t.link,
                        "sensitive": [],
                        "personal_data": None,
                        "legal_basis": None,
                    }
                )
            elif n in sources:
                s = sources[n]
                out.append(
                    {
                        "id": n,
                        "name": s.name,
                        "description": s.description or "",
                        "kind": "data source",
                        "size": s.size,
                        "link": s.link,
                        "sensitive": display(s.sensitive_categories),
                        "personal_data": s.personal_data,
                        "legal_basis": display(s.legal_basis) if s.legal_basis else None,
                    }
                )
            else:
                out.append(
                    {
                        "id": n,
                        "name": n,
                        "description": "",
                        "kind": "named dataset",
                        "size": None,
                        "link": None,
                        "sensitive": [],
                        "personal_data": None,
                        "legal_basis": None,
                    }
                )
        return out

    eval_data = b.section("evaluation-data", "Evaluation data", Value("given"))
    eval_data.parts["data_state"] = b.val(f"{p}.evaluation_data", c.evaluation_data)
    eval_data.parts["datasets"] = resolve(c.evaluation_data)
    sections.append(eval_data)

    train = b.section("training-data", "Training data", Value("given"))
    train.parts["data_state"] = b.val(f"{p}.training_data", c.training_data)
    train.parts["datasets"] = resolve(c.training_data)
    train.facts = b.facts(
        p,
        c,
        [
            ("datasets", "Hugging Face datasets"),
            ("training_procedure", "Training procedure", "block"),
        ],
    )
    sections.append(train)

    quant = b.section("quantitative-analyses", "Quantitative analyses", Value("given"))
    quant.parts["results"] = view
    quant.parts["results_state"] = Value("given") if results else b.val("evaluations.results", None)
    quant.parts["includes_system_level"] = single and any(
        res.component is None for _, res in results
    )
    sections.append(quant)

    ethics = b.section("ethical-considerations", "Ethical considerations", Value("given"))
    ethics.parts["risks_state"] = b.val(f"{p}.ethical_considerations", c.ethical_considerations)
    ethics.parts["risks"] = [
        {
            "risk": e.risk,
            "mitigation": b.val(f"{p}.ethical_considerations.{i}.mitigation", e.mitigation),
        }
        for i, e in enumerate(c.ethical_considerations)
    ]
    ethics.facts = [
        Fact(
            "system_ethics",
            "Ethical considerations for the system",
            b.val(
                "documentation.ethical_considerations", doc.ethical_considerations if doc else None
            ),
            "list",
            quoted=True,
        )
    ]
    ia = r.impact_assessment
    ethics.parts["harms_count"] = len(ia.harms) if ia else 0
    sections.append(ethics)

    caveats = b.section("caveats", "Caveats and recommendations", Value("given"))
    caveats.facts = [
        Fact("limitations", "Known limitations", b.val(f"{p}.limitations", c.limitations), "list"),
        Fact("caveats", "Caveats", b.val(f"{p}.caveats", c.caveats), "list"),
        Fact(
            "recommendations",
            "Recommendations for deployers and users",
            b.val("documentation.recommendations", doc.recommendations if doc else None),
            "list",
            quoted=True,
        ),
    ]
    sections.append(caveats)

    card["component"] = {
        "id": c.id,
        "name": c.name,
        "index": idx,
        "path": p,
        "tags": list(c.tags),
        "metadata": plain(c.metadata),
    }
    card["system_href"] = sys_href
    card["sections"] = {s.id: s for s in sections}
    card["section_order"] = [s.id for s in sections]
    card["toc"] = b.toc
    card["links"] = details.parts["references"]
    return card


def component_ids(loaded: LoadedRecord) -> list[str]:
    rec = loaded.record
    return [c.id for c in rec.approach.components] if rec and rec.approach else []
