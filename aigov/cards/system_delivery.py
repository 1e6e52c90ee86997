"""The system card's sections about running the system: controls, the metrics stack,
evaluation results, launch readiness, operations and sign-offs. Each is a builder for one
`SectionSpec` of `system_card.SYSTEM_SECTIONS`."""

from __future__ import annotations

from typing import Any

from aigov.catalog import genai_profile, iso42001, nist
from aigov.fieldmodel.titles import field_title
from aigov.i18n import N_, _
from aigov.model import Direction, Metric, MetricLayer, MonitorKind
from aigov.model.evaluations import written_number
from aigov.review import review_state
from aigov.review.signoffs import binding_text
from aigov.review.views import commit_time, condition_views, stale_blocks

from .builder import FUNCTIONS, LAYER_TITLES, MONITOR_TITLES, CardBuilder
from .results import results_view, with_unit
from .sections import SectionSpec, fact_part, open_section
from .values import Section, display, plain

Spec = SectionSpec[CardBuilder]


def controls_section(b: CardBuilder, spec: Spec) -> Section:
    ctl = b.record.controls
    sec = open_section(b, spec, b.state("controls", ctl))
    catalog = nist()
    functions_meta = {f["id"]: f for f in catalog.functions}
    mitigates: dict[str, list[str]] = {}
    ia = b.record.impact_assessment
    for h in ia.harms if ia else []:
        for cid in h.mitigations:
            mitigates.setdefault(cid, []).append(h.id)
    iso = iso42001()
    functions = []
    for fn in FUNCTIONS:
        items = getattr(ctl, fn) if ctl else []
        path = f"controls.{fn}"
        state = b.state(path, items) if sec.state.given else sec.state
        meta = functions_meta.get(fn.upper(), {})
        rows = []
        for i, c in enumerate(items if state.given else []):
            p = f"{path}.{i}"
            subs = [subcategory_view(sid) for sid in c.nist]
            rows.append(
                {
                    "id": c.id,
                    "title": c.title,
                    "description": b.val(f"{p}.description", c.description),
                    "status": b.val(f"{p}.status", c.status),
                    "owner": b.val(f"{p}.owner", c.owner),
                    "due": b.val(f"{p}.due", c.due),
                    "subcategories": subs,
                    "subcategories_state": b.val(f"{p}.nist", c.nist),
                    "evidence": b.evidence(c.evidence),
                    "evidence_state": b.val(f"{p}.evidence", c.evidence),
                    "mitigates": mitigates.get(c.id, []),
                    "iso_42001": [{"id": i, "title": _iso_title(iso, i)} for i in c.iso_42001],
                    "nist_600_1": list(c.nist_600_1),
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
                    1 for c in items if c.status and c.status.value in ("implemented", "verified")
                )
                if state.given
                else 0,
                "total": len(items) if state.given else 0,
            }
        )
    sec.parts["functions"] = functions
    sec.parts["organisation"] = organisation_rows(b)
    sec.parts["labels"] = framework_labels()
    return sec


def subcategory_view(sid: str) -> dict[str, Any]:
    """A NIST AI RMF subcategory a control cites; the printed card's appendix collects these
    (`appendix.print_appendix`) for their texts."""
    sub = nist().get(sid)
    return {
        "id": sid,
        "known": sub is not None,
        "text": sub.text if sub else "",
        "category": sub.category_text if sub else "",
    }


def organisation_rows(b: CardBuilder) -> list[dict[str, Any]]:
    """The organisation record's controls (`organisation.yaml`), which hold for this system too
    and count for its GOVERN coverage (AIG-CTRL-001). Internal editions only: the organisation
    record has no visibility settings, so a public site leaves it out as well."""
    from aigov.organisation import portfolio_controls
    from aigov.paths import find_root

    if b.audience != "internal":
        return []
    return [
        {
            "id": c.id,
            "title": c.title,
            "status": display(c.status) if c.status else _("No status"),
            "subcategories": [subcategory_view(sid) for sid in c.nist],
        }
        for c in portfolio_controls(find_root(b.loaded.source.parent))
    ]


def framework_labels() -> dict[str, str]:
    """The titles of the framework fields a control or harm cites (the model's own)."""
    return {k: field_title(k) for k in ("iso_42001", "nist_600_1", "gai_risks")}


def _iso_title(catalogue: Any, ident: str) -> str:
    control = catalogue.get(ident)
    return str(control.title) if control is not None else ""


def gai_risk_names(ids: list[str]) -> list[dict[str, str]]:
    """A harm's NIST AI 600-1 risks by id with their names (the catalogue's titles)."""
    profile = genai_profile()
    out = []
    for ident in ids:
        risk = profile.risk(ident)
        out.append({"id": ident, "title": risk.title if risk is not None else ""})
    return out


def metric_row(b: CardBuilder, layer: str, i: int, m: Metric) -> dict[str, Any]:
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
        "description": b.val(f"{p}.description", m.description),
        "target": b.val(f"{p}.target", m.target),
        "threshold": b.val(f"{p}.threshold", m.threshold),
        "threshold_text": with_unit(m.threshold, unit, m.direction),
        "direction": b.val(f"{p}.direction", m.direction),
        "unit": unit,
        "baseline": b.val(f"{p}.baseline", m.baseline),
        "baseline_text": with_unit(m.baseline, unit),
        "current": b.val(f"{p}.current", m.current),
        "current_text": with_unit(m.current, unit),
        "owner": b.val(f"{p}.owner", m.owner),
        "meets": meets,
    }


def metrics(b: CardBuilder, spec: Spec) -> Section:
    ms = b.record.metrics
    sec = open_section(b, spec, b.state("metrics", ms))
    layers = []
    for layer in MetricLayer:
        items = getattr(ms, layer.value) if ms else []
        path = f"metrics.{layer.value}"
        state = b.state(path, items) if sec.state.given else sec.state
        layers.append(
            {
                "id": layer.value,
                "title": _(LAYER_TITLES[layer.value]),
                "state": state,
                "metrics": [metric_row(b, layer.value, i, m) for i, m in enumerate(items)]
                if state.given
                else [],
            }
        )
    sec.parts["layers"] = layers
    return sec


def evaluations(b: CardBuilder, spec: Spec) -> Section:
    ev = b.record.evaluations
    sec = open_section(b, spec, b.state("evaluations", ev))
    plan = ev.plan if ev else None
    sec.parts["plan_state"] = b.state("evaluations.plan", plan) if sec.state.given else (sec.state)
    sec.parts["plan"] = b.facts(
        "evaluations.plan",
        plan,
        [("method", "Method", "block"), ("rubric", "Rubric", "block")],
    )
    test_sets = plan.test_sets if plan else []
    sec.parts["test_sets_state"] = b.state("evaluations.plan.test_sets", test_sets)
    sec.parts["test_sets"] = [
        {
            "id": t.id,
            "name": t.name,
            "description": b.val(f"evaluations.plan.test_sets.{i}.description", t.description),
            "size": b.val(f"evaluations.plan.test_sets.{i}.size", t.size),
            "slices": b.val(f"evaluations.plan.test_sets.{i}.slices", t.slices),
            "link": t.link,
        }
        for i, t in enumerate(test_sets)
    ]
    results = ev.results if ev else []
    sec.parts["results_state"] = (
        b.state("evaluations.results", results) if sec.state.given else sec.state
    )
    sec.parts["results"] = results_view(b, list(enumerate(results)))
    return sec


def launch(b: CardBuilder, spec: Spec) -> Section:
    la = b.record.launch
    sec = open_section(b, spec, b.state("launch", la))
    if not sec.state.given:
        return sec
    assert la is not None
    mvp = la.mvp
    sec.parts["mvp_state"] = b.state("launch.mvp", mvp)
    sec.parts["mvp"] = b.facts(
        "launch.mvp",
        mvp,
        [("scope", "Scope", "block"), ("exit_criteria", "Exit criteria", "list")],
    )
    sec.parts["stop_ship"] = b.val("launch.stop_ship_criteria", la.stop_ship_criteria)
    sec.parts["gates_state"] = b.state("launch.gates", la.gates)
    sec.parts["gates"] = [
        {
            "id": g.id,
            "name": g.name,
            "stage": b.val(f"launch.gates.{i}.stage", g.stage),
            "criteria": b.val(f"launch.gates.{i}.criteria", g.criteria),
            "decision": b.val(f"launch.gates.{i}.decision", g.decision),
            "decision_code": plain(g.decision),
            "date": b.val(f"launch.gates.{i}.date", g.date),
            "decided_by": b.val(f"launch.gates.{i}.decided_by", g.decided_by),
        }
        for i, g in enumerate(la.gates)
    ]
    hr = la.human_review
    fact_part(
        b,
        sec,
        "human_review",
        "launch.human_review",
        hr,
        [
            ("description", "Where people review outputs", "block"),
            ("cases", "Which cases", "block"),
            ("sla", "How fast"),
        ],
    )
    rt = la.red_team
    sec.parts["red_team_state"] = b.state("launch.red_team", rt)
    sec.parts["red_team"] = b.facts(
        "launch.red_team",
        rt,
        [("date", "When"), ("team", "By"), ("scope", "Scope", "block")],
    )
    sec.parts["red_team_findings"] = [
        {
            "id": f.id,
            "description": f.description,
            "severity": b.val(f"launch.red_team.findings.{i}.severity", f.severity),
            "status": b.val(f"launch.red_team.findings.{i}.status", f.status),
            "status_code": plain(f.status),
            "control": f.control,
            "control_title": b.controls[f.control][1].title if f.control in b.controls else "",
        }
        for i, f in enumerate(rt.findings if rt else [])
    ]
    fb = la.feedback_logging
    fact_part(
        b,
        sec,
        "feedback",
        "launch.feedback_logging",
        fb,
        [
            ("mechanism", "How corrections are captured", "block"),
            ("used_for", "What the feedback feeds", "block"),
            ("retention", "Retention"),
        ],
    )
    return sec


def operations(b: CardBuilder, spec: Spec) -> Section:
    op = b.record.operations
    sec = open_section(b, spec, b.state("operations", op))
    if not sec.state.given:
        return sec
    assert op is not None
    dep = op.deployment
    sec.parts["deployment_state"] = b.state("operations.deployment", dep)
    sec.parts["deployment"] = b.facts(
        "operations.deployment",
        dep,
        [("environment", "Runs on"), ("date", deployed_label(b)), ("regions", "Markets")],
    )
    sec.parts["monitoring_state"] = b.state("operations.monitoring", op.monitoring)
    sec.parts["monitors"] = monitors(b, op.monitoring)
    covered = {m.kind.value for m in op.monitoring}
    sec.parts["drift_coverage"] = [
        {"kind": k.value, "label": _(MONITOR_TITLES[k.value]), "covered": k.value in covered}
        for k in MonitorKind
    ]
    rt = op.retraining
    fact_part(
        b,
        sec,
        "retraining",
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
    fact_part(
        b,
        sec,
        "rollback",
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
    sec.parts["incidents_state"] = b.state(inc_path, op.incidents)
    sec.parts["incidents"] = (
        [
            {
                "id": inc.id,
                "date": inc.date.isoformat(),
                "summary": inc.summary,
                "severity": b.val(f"{inc_path}.{i}.severity", inc.severity),
                "status": b.val(f"{inc_path}.{i}.status", inc.status),
                "status_code": plain(inc.status),
                "actions": b.val(f"{inc_path}.{i}.actions", inc.actions),
                "evidence": b.evidence(inc.evidence),
            }
            for i, inc in enumerate(op.incidents)
        ]
        if sec.parts["incidents_state"].given
        else []
    )
    return sec


#: What `operations.deployment.date` means at each stage: a pilot is not in production.
DEPLOYED_SINCE = {
    "mvp": N_("Deployed for the minimum viable proof since"),
    "pilot": N_("Deployed for the pilot since"),
    "production": N_("In production since"),
    "retired": N_("Deployed from"),
}


def deployed_label(b: CardBuilder) -> str:
    life = b.record.lifecycle
    stage = life.stage.value if life and life.stage else ""
    return DEPLOYED_SINCE.get(stage, N_("Deployed since"))


def monitors(b: CardBuilder, items: list[Any]) -> list[dict[str, Any]]:
    path = "operations.monitoring"
    return [
        {
            "id": m.id,
            "kind": plain(m.kind),
            "kind_label": _(MONITOR_TITLES[m.kind.value]),
            "signal": m.signal,
            "threshold": b.val(f"{path}.{i}.threshold", m.threshold),
            "cadence": b.val(f"{path}.{i}.cadence", m.cadence),
            "owner": b.val(f"{path}.{i}.owner", m.owner),
            "alert": b.val(f"{path}.{i}.alert", m.alert),
            **_reading_facts(m),
        }
        for i, m in enumerate(items)
    ]


def _reading_facts(m: Any) -> dict[str, Any]:
    """The monitor's numeric limit and its latest overall reading (the newest by date, as
    rule AIG-OPS-007 judges it), each as written; None when it has none."""
    out: dict[str, Any] = {"limit": None, "latest": None, "past_limit": False}
    below = m.direction != Direction.LOWER_IS_BETTER  # alert below the limit (the default)
    if m.limit is not None:
        out["limit"] = f"{'≥' if below else '≤'} {written_number(m.limit)}"
    overall = [r for r in m.readings if not r.slice]
    if overall:
        latest = max(enumerate(overall), key=lambda p: (p[1].date, p[0]))[1]
        out["latest"] = f"{written_number(latest.value)} on {latest.date.isoformat()}"
        if m.limit is not None:
            out["past_limit"] = latest.value < m.limit if below else latest.value > m.limit
    return out


def signoffs(b: CardBuilder, spec: Spec) -> Section:
    sos = b.record.signoffs
    sec = open_section(b, spec, b.state("signoffs", sos))
    # with git history: what changed since each stale approval (aigov.review)
    review = review_state(b.loaded, today=b.today) if sec.state.given else None
    states = {st.index: st for st in review.signoffs} if review else {}
    sec.parts["signoffs"] = [
        signoff_row(b, i, s, states.get(i)) for i, s in enumerate(sos if sec.state.given else [])
    ]
    sec.parts["stale"] = stale_blocks(review.signoffs, b.loaded.data) if review else []
    derived = _derived_since(b, review.signoffs) if review else {}
    for block in sec.parts["stale"]:
        block["derived"] = derived.get(block["record_hash"] or "", [])
    return sec


def _derived_since(b: CardBuilder, states: list[Any]) -> dict[str, list[str]]:
    """What the changes since each stale approval did to the derived facts. Internal editions
    only: a public copy's data is redacted, so its derived facts would not be the record's."""
    from aigov.checks import CheckOptions, default_policy
    from aigov.review.derived import derived_since_approvals

    if str(b.loaded.edition.audience) != "internal":
        return {}
    options = CheckOptions(today=b.today, policy=b.checks.policy or default_policy())
    return derived_since_approvals(states, b.loaded.data, options, display=b.loaded.path)


def signoff_row(b: CardBuilder, i: int, s: Any, st: Any) -> dict[str, Any]:
    """One sign-off as the card shows it, with exactly what it binds: the revision and content
    hash it approved (`aigov.review.signoffs.locate_approved`, the same on every page), its
    time (UTC), scope, conditions with their status and the date it is valid until."""
    approved = st.approved.commit if st is not None and st.approved else None
    return {
        "reviewer": s.reviewer,
        "role": plain(s.role),
        "role_label": display(s.role),
        "decision": plain(s.decision),
        "decision_label": display(s.decision),
        "date": s.date.isoformat(),
        "when": s.when,
        "conditions": b.val(f"signoffs.{i}.conditions", s.condition_texts),
        "condition_items": condition_views(st) if st is not None else [],
        "comment": s.comment,
        "scope": s.scope,
        "valid_until": s.valid_until.isoformat() if s.valid_until else None,
        "record_hash": s.record_hash,
        "binding": st.status.value if st else "unbound",
        "binding_text": binding_text(st) if st else "",
        "lapses": [lapse.text for lapse in st.lapses] if st else [],
        "backdated": st.backdated if st else "",
        "effective": st.effective if st else True,
        "superseded": st.superseded_note if st else "",
        "revision": s.revision,
        "approved_revision": approved.short if approved else (s.revision or None),
        "approved_at": commit_time(approved.date) if approved else None,
        "evidence": b.evidence(s.evidence),
        "evidence_hashes": [{"path": k, "sha256": v} for k, v in s.evidence_hashes.items()],
    }
