"""The system card: every part of the record, section by section, for the legal reviewer
and the auditor (`system_card_context`), and its "at a glance" summary (`glance`)."""

from __future__ import annotations

from typing import Any

from aigov.catalog import nist
from aigov.model import (
    Direction,
    Metric,
    MetricLayer,
    ModelComponent,
    MonitorKind,
)
from aigov.project import LoadedRecord
from aigov.provenance import Provenance
from aigov.review import review_state
from aigov.review.signoffs import binding_text
from aigov.review.views import stale_groups

from .builder import (
    FUNCTIONS,
    LAYER_TITLES,
    MONITOR_TITLES,
    CardBuilder,
    CardOptions,
    CheckInputs,
    rating,
    risk_matrix,
    risk_order,
    with_unit,
)
from .values import Fact, Section, Value, display, humanize, plain


class SystemCardBuilder(CardBuilder):
    """The sections of a system card, in card order."""

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
            "threshold_text": with_unit(m.threshold, unit, m.direction),
            "direction": self.val(f"{p}.direction", m.direction),
            "unit": unit,
            "baseline": self.val(f"{p}.baseline", m.baseline),
            "baseline_text": with_unit(m.baseline, unit),
            "current": self.val(f"{p}.current", m.current),
            "current_text": with_unit(m.current, unit),
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
                    "binding_text": binding_text(st) if st else "",
                    "effective": st.effective if st else True,
                    "superseded": st.superseded_note if st else "",
                    "revision": s.revision,
                    "evidence": self.evidence(s.evidence),
                }
            )
        sec.parts["signoffs"] = rows
        sec.parts["stale"] = stale_groups(review.signoffs) if review else []
        return sec


def system_card_context(
    loaded: LoadedRecord,
    provenance: Provenance,
    *,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
) -> dict[str, Any]:
    """The full context of a system card (see templates/README.md)."""
    b = SystemCardBuilder(loaded, provenance, options or CardOptions(), checks or CheckInputs())
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


def glance(b: SystemCardBuilder, card: dict[str, Any]) -> list[Fact]:
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
        if res and (worst_residual is None or risk_order(res) > risk_order(worst_residual)):
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
