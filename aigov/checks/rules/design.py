"""MAP: the feasibility sprint, the buy/build/blend choice, and the documentation a card states."""

from __future__ import annotations

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.i18n import _
from aigov.model import ComponentSource, FeasibilityDecision


@check("AIG-FEAS-001")
def feasibility_sprint(ctx: Context) -> None:
    f = ("feasibility",)
    ctx.require(
        (*f, "data_readiness"),
        _("feasibility: no data check (right inputs, accessible, legal to use, representative?)"),
    )
    ctx.require((*f, "baseline"), _("feasibility: no baseline of how the work performs today"))
    ctx.require((*f, "good_enough"), _("feasibility: no measurable bar for 'good enough'"))
    ctx.require(
        (*f, "offline_evaluation"),
        _("feasibility: no plan for what is measured offline before users see it"),
    )
    ctx.require(
        (*f, "risk_summary"),
        _("feasibility: no risk summary (money, safety, trust, compliance, reputation if wrong)"),
    )


@check("AIG-FEAS-002")
def feasibility_decision(ctx: Context) -> None:
    fz = ctx.record.feasibility
    if not ctx.require(("feasibility", "decision"), _("the feasibility sprint has no decision")):
        return
    assert fz is not None and fz.decision is not None
    if fz.decision in (FeasibilityDecision.NO_GO, FeasibilityDecision.PENDING):
        ctx.fail(
            ("feasibility", "decision"),
            _(
                "a system at {stage} needs a go from its feasibility sprint, but the decision "
                "is '{decision}'"
            ).format(stage=ctx.stage.value, decision=fz.decision.value),
            _(
                "Record the go decision that let the work continue, or move the system back to "
                "feasibility."
            ),
        )
    ctx.require(("feasibility", "completed"), _("no date for the end of the feasibility sprint"))


@check("AIG-APPR-001")
def buy_build_blend(ctx: Context) -> None:
    ctx.require(("approach", "strategy"), _("buy, build or blend is not stated"))
    ctx.require(
        ("approach", "rationale"),
        _("no rationale for the approach in terms of time-to-value, risk, cost and control"),
    )


@check("AIG-APPR-002")
def components_named(ctx: Context) -> None:
    if not ctx.require(("approach", "components"), _("no model components listed")):
        return
    assert ctx.record.approach is not None
    for i, c in enumerate(ctx.record.approach.components):
        where = ("approach", "components", i)
        if c.source != ComponentSource.IN_HOUSE:  # in-house: the owning team is the provider
            ctx.require(
                (*where, "provider"),
                _("component '{component}' has no provider").format(component=c.id),
            )
        ctx.require(
            (*where, "version"), _("component '{component}' has no version").format(component=c.id)
        )


_THIRD_PARTY = (
    ComponentSource.API,
    ComponentSource.OPEN_WEIGHTS,
    ComponentSource.FINE_TUNED,
    ComponentSource.VENDOR_PRODUCT,
)


@check(
    "AIG-APPR-003",
    when=lambda ctx: bool(
        ctx.record.approach
        and any(c.source in _THIRD_PARTY for c in ctx.record.approach.components)
    ),
)
def third_party_license(ctx: Context) -> None:
    assert ctx.record.approach is not None
    for i, c in enumerate(ctx.record.approach.components):
        if c.source in _THIRD_PARTY:
            assert c.source is not None
            ctx.require(
                ("approach", "components", i, "license"),
                _(
                    "component '{component}' comes from a third party ({source}) but its "
                    "licence or terms are not recorded"
                ).format(component=c.id, source=c.source.value),
            )


@check(
    "AIG-APPR-004",
    when=lambda ctx: ctx.root is not None and any(u.version for u in ctx.record.uses),
)
def pinned_component_versions(ctx: Context) -> None:
    from aigov.components import FOLDER, shared_component

    assert ctx.root is not None
    for i, use in enumerate(ctx.record.uses):
        if not use.version:
            continue
        comp = shared_component(ctx.root, use.component)
        if comp is None:
            continue  # AIG-REF-COMPONENT (or the component file's own problems) reports it
        actual = comp.version
        if actual == use.version:
            continue
        file = f"{FOLDER}/{use.component}.yaml"
        ctx.fail(
            ("uses", i, "version"),
            (
                _("'{component}' is pinned at version '{pinned}' but {file} is at '{actual}'")
                if actual
                else _("'{component}' is pinned at version '{pinned}' but {file} is at no version")
            ).format(component=use.component, pinned=use.version, file=file, actual=actual),
            _(
                "Validate this system with {component} {actual} and set `version: {quoted}` here"
            ).format(component=use.component, actual=actual, quoted=repr(actual))
            if actual
            else _("Give {file} its version, or remove the pin here.").format(file=file),
        )


@check("AIG-DOC-001")
def documentation(ctx: Context) -> None:
    ctx.require(("documentation", "intended_use"), _("no intended use in the documentation"))
    ctx.require(("documentation", "limitations"), _("no known limitations documented"))
