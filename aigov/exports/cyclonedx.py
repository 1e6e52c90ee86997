"""A system as a CycloneDX 1.6 ML-BOM (JSON): the system is the BOM's subject, an
`application` component; each model component is a `machine-learning-model` component with
its `modelCard`; each data source and test set is a `data` component; the governance facts
(EU AI Act tier, Annex III area, oversight, sign-offs, review dates) are properties named
`aigov:…`.

CycloneDX 1.6 rather than 1.7: it is the version BOM consumers (Dependency-Track, the
CycloneDX CLI) read today, and its model card is unchanged in 1.7.

The BOM is a pure function of its inputs: the serial number is a UUID derived from the rest
of the BOM, the timestamp is the record's provenance moment (as a card's "generated at": the
commit's time when the record is committed, SOURCE_DATE_EPOCH when set), so exporting the
same record twice gives the same bytes. `validate_bom` checks a BOM against the official
CycloneDX JSON Schema that `cyclonedx-python-lib` ships; the exporter runs it on every BOM it
writes, so aigov never hands out a BOM a receiver would refuse.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from aigov import __version__
from aigov.checks.facts import latest_results
from aigov.errors import AigovError
from aigov.evidence import check_url
from aigov.exports.governance import GovernanceFacts, governance_facts
from aigov.i18n import N_
from aigov.model import HarmCategory, Record, Stage
from aigov.textsafety import json_text

if TYPE_CHECKING:
    from aigov.checks.tier import TierAssessment
    from aigov.exports.registry import SystemContext
    from aigov.model import DataSource, ModelComponent, TestSet
    from aigov.project import LoadedRecord
    from aigov.review.signoffs import SignOffState

TITLE = N_("CycloneDX ML-BOM")
FILE_SUFFIX = ".cdx.json"
SITE = True  # about 1.5 ms a system without the schema check (render_fast)
SPEC_VERSION = "1.6"
SCHEMA_URL = "http://cyclonedx.org/schema/bom-1.6.schema.json"
# the serial number's UUID namespace: uuid5 of the URL namespace and aigov's name for it
_SERIAL_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://aigov.dev/cyclonedx/serial")

# lifecycle stage → CycloneDX lifecycle phase
PHASES = {
    Stage.IDEA: "design",
    Stage.FEASIBILITY: "design",
    Stage.MVP: "build",
    Stage.PILOT: "operations",
    Stage.PRODUCTION: "operations",
    Stage.RETIRED: "decommission",
}

Property = dict[str, str]


def prop(name: str, value: Any) -> list[Property]:
    """One `aigov:` property, or none for an empty value (CycloneDX values are strings)."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(getattr(value, "value", value))
    return [{"name": f"aigov:{name}", "value": text}]


def props(name: str, values: Iterable[Any]) -> list[Property]:
    """A property per value (CycloneDX allows repeated names)."""
    return [p for v in values for p in prop(name, v)]


def _ref(system: str, kind: str, item: str = "") -> str:
    return f"aigov:{system}" + (f"/{kind}/{item}" if kind else "")


def _web(url: str | None) -> str | None:
    """An http(s) link as it is, else None (relative paths name files in the repository, which
    a receiver of the BOM cannot open)."""
    if not url or check_url(url) or not url.strip().lower().startswith(("http://", "https://")):
        return None
    return url.strip()


# --- governance properties -------------------------------------------------------------------


def governance_properties(
    record: Record,
    facts: GovernanceFacts,
    tier: TierAssessment | None,
    states: Sequence[SignOffState],
    content_hash: str,
    record_path: str,
    revision: str | None,
) -> list[Property]:
    owner = record.owner
    ia = record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    oversight = ia.human_oversight if ia else None
    out = [
        *prop("record:path", record_path),
        *prop("record:content-hash", content_hash),
        *prop("record:revision", revision),
        *prop("owner:team", facts.team),
        *prop("owner:accountable", facts.accountable),
        *prop("owner:contact", owner.contact if owner else None),
        *prop("owner:legal-entity", owner.legal_entity if owner else None),
        *prop("lifecycle:stage", facts.stage),
        *prop("lifecycle:stage-since", record.lifecycle.stage_since if record.lifecycle else None),
        *prop("lifecycle:deployed-since", facts.deployed_since),
        *prop("lifecycle:last-review", facts.last_review),
        *prop("lifecycle:next-review-due", facts.next_review_due),
        *prop("risk-tier:internal", facts.internal_tier),
        *prop("risk-tier:internal:declared", facts.declared_internal),
        *prop("eu-ai-act:tier", facts.eu_tier),
        *prop("eu-ai-act:tier:declared", facts.declared_eu),
        *props("eu-ai-act:tier:reason", tier.eu_reasons if tier else ()),
        *prop("eu-ai-act:annex-iii-area", facts.annex_iii_area),
    ]
    if eu is not None:
        out += [
            *prop("eu-ai-act:annex-iii-point", eu.annex_iii_point),
            *prop("eu-ai-act:role", eu.role),
            *props("eu-ai-act:further-role", eu.further_roles),
            *props("eu-ai-act:prohibited-practice", eu.prohibited_practices),
            *props("eu-ai-act:transparency-obligation", eu.transparency_obligations),
            *prop("eu-ai-act:annex-i-product", eu.annex_i_product),
            *prop("eu-ai-act:profiling", eu.profiling),
            *prop("eu-ai-act:gpai", eu.gpai),
            *prop("eu-ai-act:derogation", eu.derogation.applies if eu.derogation else None),
            *prop("eu-ai-act:registration", eu.registration),
            *prop("eu-ai-act:conformity-assessment", eu.conformity_assessment),
            *prop("eu-ai-act:placed-on-market", eu.placed_on_market),
        ]
    if ia is not None:
        out += prop("fundamental-rights-assessment", ia.fundamental_rights_assessment)
    if oversight is not None:
        out += [
            *prop("oversight:mode", oversight.mode),
            *prop("oversight:description", oversight.description),
            *prop("oversight:can-override", oversight.can_override),
            *prop("oversight:can-stop", oversight.can_stop),
        ]
    if record.use_case is not None:
        out += prop("use-case:autonomy", record.use_case.autonomy)
    out += prop("signoffs:state", facts.signoffs.text)
    for state in states:
        s = state.signoff
        key = f"signoff:{s.role.value}"
        if not state.effective:
            continue  # superseded sign-offs are history (the audit pack has it)
        out += [
            *prop(f"{key}:decision", s.decision),
            *prop(f"{key}:reviewer", s.reviewer),
            *prop(f"{key}:date", s.when),
            *prop(f"{key}:status", state.status),
            *prop(f"{key}:record-hash", s.record_hash),
            *prop(f"{key}:revision", s.revision),
            *prop(f"{key}:valid-until", s.valid_until),
            *props(f"{key}:condition", s.condition_texts),
        ]
    return out


# --- components --------------------------------------------------------------------------------


def _licenses(text: str | None) -> list[dict[str, Any]]:
    if not text:
        return []
    from cyclonedx.spdx import fixup_id

    spdx = fixup_id(text.strip())
    return [{"license": {"id": spdx} if spdx else {"name": text.strip()}}]


def _dataset_refs(system: str, names: Sequence[str], known: dict[str, str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in names:
        if name in known:
            out.append({"ref": known[name]})
        else:  # a dataset named but not described in the record
            out.append({"type": "dataset", "name": name})
    return out


def _fairness(record: Record, component: ModelComponent) -> list[dict[str, str]]:
    """The fairness harms of the impact assessment, with the controls that mitigate them (a
    system's harms concern every model in it)."""
    ia = record.impact_assessment
    if ia is None:
        return []
    titles = {c.id: c.title for _, c in (record.controls.all() if record.controls else [])}
    out = []
    for harm in ia.harms:
        if harm.category != HarmCategory.FAIRNESS:
            continue
        item = {"harms": harm.description}
        if harm.affected_group:
            item["groupAtRisk"] = harm.affected_group
        if harm.mitigations:
            item["mitigationStrategy"] = "; ".join(titles.get(m, m) for m in harm.mitigations)
        out.append(item)
    return out


def _metrics(record: Record, component_id: str, single: bool) -> list[dict[str, Any]]:
    """The current result of each metric series for the model (a single-model system's
    system-level results count as the model's)."""
    evals = record.evaluations
    if evals is None:
        return []
    names = {m.id: m.name for _, m in (record.metrics.all() if record.metrics else [])}
    out = []
    for _, r in latest_results(evals.results):
        if r.component != component_id and not (single and r.component is None):
            continue
        metric: dict[str, Any] = {"type": names.get(r.metric, r.metric), "value": repr(r.value)}
        if r.slice:
            metric["slice"] = r.slice
        if r.confidence_interval is not None:
            metric["confidenceInterval"] = {
                "lowerBound": repr(r.confidence_interval.lower),
                "upperBound": repr(r.confidence_interval.upper),
            }
        out.append(metric)
    return out


def model_component(
    record: Record, component: ModelComponent, known: dict[str, str], single: bool
) -> dict[str, Any]:
    ref = _ref(record.id, "model", component.id)
    uc = record.use_case
    params: dict[str, Any] = {}
    if component.pipeline_tag:
        params["task"] = component.pipeline_tag
    if component.kind:
        params["architectureFamily"] = component.kind.value
    if component.architecture:
        params["modelArchitecture"] = component.architecture
    datasets = _dataset_refs(
        record.id, [*component.training_data, *component.evaluation_data], known
    )
    datasets += [{"type": "dataset", "name": d} for d in component.datasets]
    if datasets:
        params["datasets"] = datasets
    if component.input_format:
        params["inputs"] = [{"format": component.input_format}]
    if component.output_format:
        params["outputs"] = [{"format": component.output_format}]
    considerations: dict[str, Any] = {}
    if uc is not None and uc.users:
        considerations["users"] = list(uc.users)
    uses = [component.intended_use] if component.intended_use else []
    if not uses and uc is not None:
        uses = list(uc.intended_uses)
    if uses:
        considerations["useCases"] = uses
    if component.limitations:
        considerations["technicalLimitations"] = list(component.limitations)
    if component.caveats:
        considerations["performanceTradeoffs"] = list(component.caveats)
    if component.ethical_considerations:
        considerations["ethicalConsiderations"] = [
            {"name": e.risk, **({"mitigationStrategy": e.mitigation} if e.mitigation else {})}
            for e in component.ethical_considerations
        ]
    env = component.environmental_impact
    if env is not None:
        env_props = [
            *prop("environment:hardware", env.hardware),
            *prop("environment:hours", env.hours),
            *prop("environment:cloud-provider", env.cloud_provider),
            *prop("environment:region", env.region),
            *prop("environment:co2-eq-kg", env.co2_eq_kg),
        ]
        if env_props:
            considerations["environmentalConsiderations"] = {"properties": env_props}
    fairness = _fairness(record, component)
    if fairness:
        considerations["fairnessAssessments"] = fairness
    card: dict[str, Any] = {"bom-ref": f"{ref}/model-card"}
    if params:
        card["modelParameters"] = params
    performance = _metrics(record, component.id, single)
    if performance:
        card["quantitativeAnalysis"] = {"performanceMetrics": performance}
    if considerations:
        card["considerations"] = considerations
    out: dict[str, Any] = {"type": "machine-learning-model", "bom-ref": ref, "name": component.name}
    if component.version:
        out["version"] = component.version
    if component.provider:
        out["supplier"] = {"name": component.provider}
    if component.role:
        out["description"] = component.role
    licences = _licenses(component.license)
    if licences:
        out["licenses"] = licences
    refs = [
        {"type": "documentation", "url": url, "comment": link.title}
        for link in component.references
        if (url := _web(link.url))
    ]
    if refs:
        out["externalReferences"] = refs
    out["modelCard"] = card
    extra = [
        *prop("model:id", component.id),
        *prop("model:kind", component.kind),
        *prop("model:source", component.source),
        *prop("model:version-date", component.version_date),
        *prop("model:base-model", component.base_model),
        *prop("model:library", component.library),
    ]
    if extra:
        out["properties"] = extra
    if component.tags:
        out["tags"] = sorted(set(component.tags))
    return out


def data_component(system: str, source: DataSource) -> dict[str, Any]:
    ref = _ref(system, "data", source.id)
    data: dict[str, Any] = {"type": "dataset", "name": source.name}
    if source.description:
        data["description"] = source.description
    url = _web(source.link)
    if url:
        data["contents"] = {"url": url}
    if source.personal_data is not None:
        data["classification"] = "personal data" if source.personal_data else "no personal data"
    if source.sensitive_categories:
        data["sensitiveData"] = [c.value for c in source.sensitive_categories]
    if source.owner:
        data["governance"] = {"owners": [{"organization": {"name": source.owner}}]}
    out: dict[str, Any] = {"type": "data", "bom-ref": ref, "name": source.name, "data": [data]}
    if source.description:
        out["description"] = source.description
    extra = [
        *prop("data:id", source.id),
        *props("data:role", source.roles),
        *prop("data:personal-data", source.personal_data),
        *prop("data:legal-basis", source.legal_basis),
        *prop("data:retention", source.retention),
        *prop("data:representativeness", source.representativeness),
        *prop("data:size", source.size),
        *prop("data:license", source.license),
    ]
    if extra:
        out["properties"] = extra
    return out


def test_set_component(system: str, test_set: TestSet) -> dict[str, Any]:
    ref = _ref(system, "test-set", test_set.id)
    data: dict[str, Any] = {"type": "dataset", "name": test_set.name}
    if test_set.description:
        data["description"] = test_set.description
    url = _web(test_set.link)
    if url:
        data["contents"] = {"url": url}
    out: dict[str, Any] = {"type": "data", "bom-ref": ref, "name": test_set.name, "data": [data]}
    extra = [
        *prop("data:id", test_set.id),
        *prop("data:role", "evaluation"),
        *prop("data:size", test_set.size),
        *props("data:slice", test_set.slices),
    ]
    out["properties"] = extra
    return out


test_set_component.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


# --- the BOM -----------------------------------------------------------------------------------


def cyclonedx_bom(
    loaded: LoadedRecord,
    facts: GovernanceFacts,
    tier: TierAssessment | None,
    states: Sequence[SignOffState],
    *,
    timestamp: str,
    record_path: str,
    revision: str | None = None,
) -> dict[str, Any]:
    """The BOM of one validated record (whatever edition `loaded` is: a public copy gives a
    public BOM). `timestamp` is ISO 8601 UTC (`aigov.provenance.iso_utc`)."""
    record = loaded.record
    assert record is not None, "a BOM needs a validated record"
    system_ref = _ref(record.id, "")
    sources = list(record.data.sources) if record.data else []
    plan = record.evaluations.plan if record.evaluations else None
    test_sets = list(plan.test_sets) if plan else []
    known: dict[str, str] = {}
    for ts in test_sets:
        known.setdefault(ts.id, _ref(record.id, "test-set", ts.id))
    for src in sources:
        known[src.id] = _ref(record.id, "data", src.id)  # a data source wins a shared id
    components_ = list(record.approach.components) if record.approach else []
    single = len(components_) == 1
    seen: set[str] = set()
    components: list[dict[str, Any]] = []
    for item in [
        *(model_component(record, c, known, single) for c in components_),
        *(data_component(record.id, s) for s in sources),
        *(test_set_component(record.id, t) for t in test_sets),
    ]:
        if item["bom-ref"] not in seen:  # a duplicate id is the checks' to report
            seen.add(item["bom-ref"])
            components.append(item)
    system: dict[str, Any] = {"type": "application", "bom-ref": system_ref, "name": record.name}
    if record.version:
        system["version"] = record.version
    if record.summary:
        system["description"] = record.summary
    if record.owner and record.owner.team:
        system["group"] = record.owner.team
    links = [
        {"type": "documentation", "url": url, "comment": link.title}
        for link in record.links
        if (url := _web(link.url))
    ]
    if links:
        system["externalReferences"] = links
    system["properties"] = [
        *prop("system:id", record.id),
        *governance_properties(
            record, facts, tier, states, loaded.content_hash, record_path, revision
        ),
    ]
    if record.tags:
        system["tags"] = sorted(set(record.tags))
    dependencies = [{"ref": system_ref, "dependsOn": sorted(c["bom-ref"] for c in components)}]
    for c in components:
        datasets = c.get("modelCard", {}).get("modelParameters", {}).get("datasets", [])
        on = sorted({d["ref"] for d in datasets if "ref" in d})
        dependencies.append({"ref": c["bom-ref"], "dependsOn": on} if on else {"ref": c["bom-ref"]})
    metadata: dict[str, Any] = {"timestamp": timestamp}
    if record.stage is not None:
        metadata["lifecycles"] = [{"phase": PHASES[record.stage]}]
    metadata["tools"] = {
        "components": [
            {"type": "application", "name": "aigov", "version": __version__, "group": "aigov"}
        ]
    }
    metadata["component"] = system
    if record.owner and record.owner.legal_entity:
        metadata["supplier"] = {"name": record.owner.legal_entity}
    bom: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": "",
        "version": 1,
        "metadata": metadata,
        "components": components,
        "dependencies": dependencies,
    }
    bom["serialNumber"] = serial_number(bom)
    return bom


def serial_number(bom: dict[str, Any]) -> str:
    """`urn:uuid:…` derived from the BOM's content without its serial number and timestamp:
    the same record content gives the same serial number (a receiver sees a new version of the
    same BOM only when something in it changed)."""
    body = {k: v for k, v in bom.items() if k != "serialNumber"}
    body["metadata"] = {k: v for k, v in bom["metadata"].items() if k != "timestamp"}
    # ASCII JSON: every string (even a lone surrogate) has one spelling; key order is the
    # builder's, which is fixed
    canonical = json.dumps(body, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    digest = hashlib.sha256(canonical.encode("ascii")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(_SERIAL_NAMESPACE, digest)}"


def bom_json(bom: dict[str, Any]) -> str:
    return json_text(bom, indent=2) + "\n"


def validate_bom(text: str) -> list[str]:
    """What the official CycloneDX 1.6 JSON Schema (shipped with cyclonedx-python-lib) says
    is wrong with the BOM; empty when it is valid."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    validator = JsonStrictValidator(SchemaVersion.V1_6)
    errors = validator.validate_str(text, all_errors=True)
    if errors is None:
        return []
    return [str(e) for e in (errors if isinstance(errors, Iterable) else [errors])]


class InvalidBom(AigovError):
    """aigov made a BOM the CycloneDX schema refuses: a bug in aigov, never handed out."""


def render(ctx: SystemContext) -> str:
    """The BOM of the system as JSON text, checked against the official schema first."""
    text = render_fast(ctx)
    problems = validate_bom(text)
    if problems:
        raise InvalidBom(
            f"the CycloneDX BOM of {ctx.inputs.loaded.id} does not validate: {problems[0]}",
            hint="This is a bug in aigov; report it with the record.",
            exit_code=2,
        )
    return text


def render_fast(ctx: SystemContext) -> str:
    """The BOM without the schema check (15-200 ms a BOM): for the site, which writes one per
    system; the tests validate what it makes."""
    loaded = ctx.inputs.loaded
    summary = ctx.inputs.summary
    tier = summary.tier if summary is not None else None
    facts = governance_facts(loaded, tier, ctx.signoffs, ctx.policy)
    prov = ctx.inputs.provenance
    bom = cyclonedx_bom(
        loaded,
        facts,
        tier,
        ctx.signoffs,
        timestamp=prov.get("generated_at") or "1970-01-01T00:00:00Z",
        record_path=prov.get("record_path") or loaded.path,
        revision=prov.get("record_revision"),
    )
    return bom_json(bom)
