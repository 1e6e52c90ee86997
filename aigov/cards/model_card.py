"""A model card (after Mitchell et al., *Model Cards for Model Reporting*) for one model
component of a record: its own fields, and the system's where the component has none.

`MODEL_SECTIONS` is the card: one `SectionSpec` (anchor id, title, builder) per section, in
card order, each builder reading one part of the component through a `ModelCardBuilder`."""

from __future__ import annotations

from typing import Any

from aigov.diagnostics import Severity
from aigov.i18n import N_, _, ngettext
from aigov.model import EvalResult
from aigov.project import LoadedRecord
from aigov.provenance import Provenance

from .builder import CardBuilder, CardOptions, CheckInputs, component_index
from .decision import fill_model_decision, model_decision_shell
from .results import results_view, with_unit
from .sections import (
    ENVIRONMENT_FACTS,
    ENVIRONMENT_TOTALS,
    FactSpec,
    SectionSpec,
    build_sections,
    open_section,
    stated,
)
from .signature import INTRO as SIGNATURE_INTRO
from .signature import signature_page
from .values import Fact, Section, Value, display, plain


class ModelCardBuilder(CardBuilder):
    """A card builder for one model component: the component, its record path, and the
    evaluation results attributed to it (or the system's, when it is the only model)."""

    def __init__(
        self,
        loaded: LoadedRecord,
        component: str,
        provenance: Provenance,
        options: CardOptions,
        checks: CheckInputs,
    ):
        super().__init__(loaded, provenance, options, checks)
        r = self.record
        idx = component_index(r, component)
        if idx is None or r.approach is None:
            raise KeyError(component)
        self.idx = idx
        self.c = r.approach.components[idx]
        self.p = f"approach.components.{idx}"
        self.single = len(r.approach.components) == 1
        self.sys_href = (
            options.system_href.format(system=r.id, model=self.c.id)
            if options.system_href
            else None
        )
        # Results for this model: attributed to it, or system-level ones when it is the only model.
        self.results: list[tuple[int, EvalResult]] = [
            (i, res)
            for i, res in enumerate(r.evaluations.results if r.evaluations else [])
            if res.component == self.c.id or (self.single and res.component is None)
        ]


Spec = SectionSpec[ModelCardBuilder]
GIVEN = Value("given")

#: A model family's published facts, listed where the record states them.
FAMILY_FACTS: FactSpec = [
    ("family", "Model family"),
    ("parameter_count", "Parameters"),
    ("context_length", "Context length (tokens)"),
    ("knowledge_cutoff", "Knowledge cut-off"),
]

#: One published variant of a model family.
VARIANT_FACTS: FactSpec = [
    ("kind", "Kind"),
    ("parameter_count", "Parameters"),
    ("context_length", "Context length (tokens)"),
    ("languages", "Languages"),
    ("knowledge_cutoff", "Knowledge cut-off"),
    ("release_date", "Released"),
    ("base_model", "Tuned from"),
    ("notes", "Notes", "block"),
]


def details(b: ModelCardBuilder, spec: Spec) -> Section:
    c, p = b.c, b.p
    sec = open_section(b, spec, GIVEN)
    sec.facts = b.facts(
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
    ) + stated(b.facts(p, c, FAMILY_FACTS))
    sec.parts["owners_state"] = b.state(f"{p}.owners", c.owners)
    sec.parts["owners"] = [
        {"name": o.name, "role": o.role or "", "contact": o.contact or ""} for o in c.owners
    ]
    sec.parts["references"] = [{"title": ln.title, "url": ln.url} for ln in c.references]
    sec.parts["citations"] = [{"style": ct.style or "", "text": ct.text} for ct in c.citations]
    sec.parts["variants"] = [
        {
            "id": v.id,
            "name": v.name or v.id,
            "facts": stated(b.facts(f"{p}.variants.{i}", v, VARIANT_FACTS)),
            "environment": stated(
                b.facts(
                    f"{p}.variants.{i}.environmental_impact",
                    v.environmental_impact,
                    [*ENVIRONMENT_FACTS, *ENVIRONMENT_TOTALS],
                )
            ),
        }
        for i, v in enumerate(c.variants)
    ]
    env = c.environmental_impact
    sec.parts["environment_state"] = b.state(f"{p}.environmental_impact", env)
    sec.parts["environment"] = b.facts(
        f"{p}.environmental_impact", env, ENVIRONMENT_FACTS
    ) + stated(b.facts(f"{p}.environmental_impact", env, ENVIRONMENT_TOTALS))
    sec.parts["system_href"] = b.sys_href
    return sec


def intended_use(b: ModelCardBuilder, spec: Spec) -> Section:
    c, p = b.c, b.p
    uc, doc = b.record.use_case, b.record.documentation
    sec = open_section(b, spec, GIVEN)
    own_use = b.val(f"{p}.intended_use", c.intended_use)
    sec.facts = [
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
        sec.facts.insert(
            1,
            Fact(
                "system_intended_use",
                "Intended use of the system",
                b.val("documentation.intended_use", doc.intended_use if doc else None),
                "block",
                quoted=True,
            ),
        )
    return sec


def factors(b: ModelCardBuilder, spec: Spec) -> Section:
    sec = open_section(b, spec, GIVEN)
    slices = sorted({res.slice.split("=")[0] for _, res in b.results if res.slice})
    sec.facts = [
        Fact("factors", "Relevant factors", b.val(f"{b.p}.factors", b.c.factors), "list"),
        Fact(
            "evaluation_factors",
            "Slices reported in the evaluation",
            Value.of(slices) if slices else Value("missing"),
            "list",
        ),
    ]
    return sec


def metrics(b: ModelCardBuilder, spec: Spec) -> Section:
    """The metrics this model's results name, as the metrics stack defines them."""
    sec = open_section(b, spec, GIVEN)
    metric_index = b.metric_index()
    used = []
    seen: set[str] = set()
    for _n, res in b.results:
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
    sec.parts["metrics"] = used
    sec.parts["metrics_state"] = Value("given") if used else Value("missing")
    return sec


def dataset_rows(b: ModelCardBuilder, names: list[str]) -> list[dict[str, Any]]:
    """Each named dataset: a test set of the evaluation plan, a data source, or just a name."""
    r = b.record
    plan = r.evaluations.plan if r.evaluations else None
    test_sets = {t.id: t for t in (plan.test_sets if plan else [])}
    sources = {s.id: s for s in (r.data.sources if r.data else [])}
    out = []
    for n in names:
        row: dict[str, Any] = {"id": n, "sensitive": [], "personal_data": None, "legal_basis": None}
        if n in test_sets:
            t = test_sets[n]
            row.update(name=t.name, description=t.description or "", kind=N_("test set"))
            row.update(size=plain(t.size), link=t.link)
        elif n in sources:
            s = sources[n]
            row.update(name=s.name, description=s.description or "", kind=N_("data source"))
            row.update(size=s.size, link=s.link, sensitive=display(s.sensitive_categories))
            row.update(personal_data=s.personal_data)
            row.update(legal_basis=display(s.legal_basis) if s.legal_basis else None)
        else:
            row.update(name=n, description="", kind=N_("named dataset"), size=None, link=None)
        out.append(row)
    return out


def evaluation_data(b: ModelCardBuilder, spec: Spec) -> Section:
    sec = open_section(b, spec, GIVEN)
    sec.parts["data_state"] = b.val(f"{b.p}.evaluation_data", b.c.evaluation_data)
    sec.parts["datasets"] = dataset_rows(b, b.c.evaluation_data)
    return sec


def training_data(b: ModelCardBuilder, spec: Spec) -> Section:
    sec = open_section(b, spec, GIVEN)
    sec.parts["data_state"] = b.val(f"{b.p}.training_data", b.c.training_data)
    sec.parts["datasets"] = dataset_rows(b, b.c.training_data)
    sec.facts = b.facts(
        b.p,
        b.c,
        [
            ("datasets", "Hugging Face datasets"),
            ("training_procedure", "Training procedure", "block"),
        ],
    )
    return sec


def quantitative_analyses(b: ModelCardBuilder, spec: Spec) -> Section:
    sec = open_section(b, spec, GIVEN)
    sec.parts["results"] = results_view(b, b.results)
    sec.parts["results_state"] = Value("given") if b.results else b.val("evaluations.results", None)
    sec.parts["includes_system_level"] = b.single and any(
        res.component is None for _, res in b.results
    )
    return sec


def ethical_considerations(b: ModelCardBuilder, spec: Spec) -> Section:
    c, p = b.c, b.p
    doc, ia = b.record.documentation, b.record.impact_assessment
    sec = open_section(b, spec, GIVEN)
    sec.parts["risks_state"] = b.val(f"{p}.ethical_considerations", c.ethical_considerations)
    sec.parts["risks"] = [
        {
            "risk": e.risk,
            "mitigation": b.val(f"{p}.ethical_considerations.{i}.mitigation", e.mitigation),
        }
        for i, e in enumerate(c.ethical_considerations)
    ]
    sec.facts = [
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
    sec.parts["harms_count"] = len(ia.harms) if ia else 0
    return sec


def caveats(b: ModelCardBuilder, spec: Spec) -> Section:
    c, p, doc = b.c, b.p, b.record.documentation
    sec = open_section(b, spec, GIVEN)
    sec.facts = [
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
    return sec


MODEL_SECTIONS: tuple[Spec, ...] = (
    Spec("decision", "Decision summary", model_decision_shell),
    Spec("details", "Model details", details),
    Spec("intended-use", "Intended use", intended_use),
    Spec("factors", "Factors", factors),
    Spec("metrics", "Metrics", metrics),
    Spec("evaluation-data", "Evaluation data", evaluation_data),
    Spec("training-data", "Training data", training_data),
    Spec("quantitative-analyses", "Quantitative analyses", quantitative_analyses),
    Spec("ethical-considerations", "Ethical considerations", ethical_considerations),
    Spec("caveats", "Caveats and recommendations", caveats),
    Spec("signature-page", "Signature page", signature_page, intro=SIGNATURE_INTRO),
)


def model_status(b: ModelCardBuilder, card: dict[str, Any]) -> None:
    """A model card with no errors of its own still warns when the system record has some."""
    record_errors = sum(1 for d in b.loaded.diagnostics if d.severity == Severity.ERROR)
    card["status"]["system_errors"] = record_errors
    if record_errors and not card["status"]["errors"]:
        card["status"]["level"] = "error"
        card["status"]["title"] = _("Not approved")
        card["status"]["headline"] = ngettext(
            "The system record has {n} open error (none in this model's part), so it is not "
            "approved; see the system card.",
            "The system record has {n} open errors (none in this model's part), so it is not "
            "approved; see the system card.",
            record_errors,
        ).format(n=record_errors)


def model_card_context(
    loaded: LoadedRecord,
    component: str,
    provenance: Provenance,
    *,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
) -> dict[str, Any]:
    """The context of the model card for one model component (Mitchell et al. 2019 sections)."""
    b = ModelCardBuilder(
        loaded, component, provenance, options or CardOptions(), checks or CheckInputs()
    )
    c, p = b.c, b.p
    mine = [d for d in loaded.diagnostics if d.field == p or d.field.startswith(p + ".")]
    card = b.common("model", _("Model card: {name}").format(name=c.name), mine, "model card")
    model_status(b, card)
    sections = build_sections(b, MODEL_SECTIONS)
    card["component"] = {
        "id": c.id,
        "name": c.name,
        "index": b.idx,
        "path": p,
        "tags": list(c.tags),
        "metadata": plain(c.metadata),
    }
    card["system_href"] = b.sys_href
    card["sections"] = {s.id: s for s in sections}
    card["section_order"] = [s.id for s in sections]
    card["toc"] = b.toc
    card["links"] = card["sections"]["details"].parts["references"]
    fill_model_decision(b, card)
    return card
