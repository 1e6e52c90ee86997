"""A model card (after Mitchell et al., *Model Cards for Model Reporting*) for one model
component of a record: its own fields, and the system's where the component has none."""

from __future__ import annotations

from typing import Any

from aigov.diagnostics import Severity
from aigov.project import LoadedRecord
from aigov.provenance import Provenance

from .builder import (
    CardBuilder,
    CardOptions,
    CheckInputs,
    component_index,
    with_unit,
)
from .values import Fact, Section, Value, display, plain


def model_card_context(
    loaded: LoadedRecord,
    component: str,
    provenance: Provenance,
    *,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
) -> dict[str, Any]:
    """The context of the model card for one model component (Mitchell et al. 2019 sections)."""
    b = CardBuilder(loaded, provenance, options or CardOptions(), checks or CheckInputs())
    r = b.record
    idx = component_index(r, component)
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
                "threshold_text": with_unit(m.threshold, m.unit or "", m.direction)
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
