"""Experience design and launch: disclosure, grounding, the MVP, gates, red-teaming, feedback."""

from __future__ import annotations

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import is_generative, is_knowledge_task
from aigov.i18n import _
from aigov.model import FindingStatus, GateDecision, Severity

SERIOUS = (Severity.HIGH, Severity.CRITICAL)


@check("AIG-GEN-001", when=is_generative)
def disclose_ai(ctx: Context) -> None:
    ctx.require(
        ("experience", "ai_disclosure"),
        _(
            "the system generates content but does not say how people learn they are dealing with AI"
        ),
    )


@check("AIG-GEN-002", when=is_generative)
def grounding_stated(ctx: Context) -> None:
    ctx.require(
        ("experience", "source_grounding"),
        _(
            "the system generates content but does not state how outputs are grounded in sources, "
            "or why they are not"
        ),
    )


@check("AIG-GEN-003", when=is_generative)
def red_team(ctx: Context) -> None:
    rt = ("launch", "red_team")
    ctx.require((*rt, "date"), _("no red-team exercise recorded for a generative system"))
    ctx.require(
        (*rt, "scope"), _("the red-team exercise has no scope (what was attacked, and how)")
    )
    ctx.require(
        (*rt, "findings"),
        _(
            "no red-team findings recorded (if the exercise found nothing, say so with "
            "`findings: {not_applicable: ...}`)"
        ),
    )


def _open_serious_findings(ctx: Context) -> bool:
    launch = ctx.record.launch
    rt = launch.red_team if launch else None
    return bool(
        rt
        and any(
            f.severity in SERIOUS and f.status in (None, FindingStatus.OPEN) for f in rt.findings
        )
    )


@check("AIG-GEN-004", when=_open_serious_findings)
def no_open_serious_findings(ctx: Context) -> None:
    assert ctx.record.launch is not None and ctx.record.launch.red_team is not None
    for i, f in enumerate(ctx.record.launch.red_team.findings):
        if f.severity in SERIOUS and f.status in (None, FindingStatus.OPEN):
            assert f.severity is not None
            ctx.fail(
                ("launch", "red_team", "findings", i),
                _(
                    "{severity}-severity red-team finding '{finding}' is still open at {stage}"
                ).format(severity=f.severity.value, finding=f.id, stage=ctx.stage.value),
            )


@check("AIG-EXP-001", when=is_knowledge_task)
def show_sources(ctx: Context) -> None:
    ctx.require(
        ("experience", "source_grounding"),
        _("a knowledge task that does not show users where its answers come from"),
    )


@check("AIG-EXP-002")
def experience_patterns(ctx: Context) -> None:
    x = ("experience",)
    ctx.require((*x, "confidence_cues"), _("no design for showing uncertainty (confidence cues)"))
    ctx.require((*x, "fallbacks"), _("no fallback for when the system is unsure"))
    ctx.require(
        (*x, "expectation_setting"), _("users are not told what the system can and cannot do")
    )
    ctx.require((*x, "editable_outputs"), _("no way for users to edit or correct outputs"))


# --- launch -----------------------------------------------------------------------------


@check("AIG-LAUNCH-001")
def stop_ship_and_gates(ctx: Context) -> None:
    ctx.require(
        ("launch", "stop_ship_criteria"),
        _("no stop-ship criteria: what would stop the launch or pull the system?"),
    )
    ctx.require(("launch", "gates"), _("no go/no-go gates between stages"))


@check("AIG-LAUNCH-002")
def entered_through_gate(ctx: Context) -> None:
    gates = ctx.record.launch.gates if ctx.record.launch else []
    mine = [(i, g) for i, g in enumerate(gates) if g.stage == ctx.stage]
    if not mine:
        ctx.expect(
            ("launch", "gates"),
            False,
            _("no go/no-go gate recorded for entering {stage}").format(stage=ctx.stage.value),
            item=f"launch.gates.{ctx.stage.value}",
        )
        return
    i, gate = max(mine, key=lambda ig: (ig[1].date is not None, ig[1].date, ig[0]))
    ok = gate.decision in (GateDecision.GO, GateDecision.GO_WITH_CONDITIONS)
    decision = gate.decision.value if gate.decision else _("no decision")
    ctx.expect(
        ("launch", "gates", i, "decision"),
        ok,
        _("entering {stage} needs a go decision, but the gate '{gate}' says '{decision}'").format(
            stage=ctx.stage.value, gate=gate.id, decision=decision
        ),
        item=f"launch.gates.{ctx.stage.value}",
    )


@check("AIG-LAUNCH-003")
def mvp_defined(ctx: Context) -> None:
    ctx.require(("launch", "mvp", "scope"), _("no MVP scope: which thin slice proves value?"))
    ctx.require(("launch", "mvp", "exit_criteria"), _("no MVP exit criteria"))


@check("AIG-LAUNCH-004")
def feedback_logging(ctx: Context) -> None:
    fb = ("launch", "feedback_logging")
    ctx.require((*fb, "mechanism"), _("no feedback or correction logging"))
    ctx.require((*fb, "used_for"), _("not stated what the captured feedback is used for"))
