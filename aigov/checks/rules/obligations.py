"""EU AI Act obligations (aigov.obligations): an obligation that applies, or applies within the
policy's horizon, and that the record does not evidence; a role Art. 25 changes."""

from __future__ import annotations

from aigov.checks.context import Context, Finding, marked_unknown
from aigov.checks.registry import check
from aigov.i18n import _
from aigov.model import EURole, EUTier
from aigov.obligations.engine import ObligationReport, ObligationStatus
from aigov.obligations.text import citation_of

EU = ("impact_assessment", "eu_ai_act")


def _report(ctx: Context) -> ObligationReport:
    report: ObligationReport = ctx.obligations()
    return report


def _path(dotted: str) -> tuple[str, ...]:
    return tuple(dotted.split("."))


def _gaps(ctx: Context, item: ObligationStatus, when: str) -> None:
    o = item.obligation
    since = when.format(date=f"{item.applies_from.isoformat()} ({citation_of(item.date_article)})")
    for e in item.evidence:
        if e.satisfied:
            continue
        message = _("{citation} ({title}) {since}: {field} does not evidence it").format(
            citation=item.citation, title=_(o.title), since=since, field=e.path
        )
        ctx.findings.append(
            Finding(
                _path(e.path),
                marked_unknown(message) if e.status == "unknown" else message,
                unknown=e.status == "unknown",
            )
        )


@check("AIG-EU-OBL-001")
def applicable_obligations(ctx: Context) -> None:
    for item in _report(ctx).relevant:
        if item.applies != "applicable":
            continue
        if item.status == "prohibited":
            ctx.fail(
                (*EU, "prohibited_practices"),
                _(
                    "{citation} ({title}) applies since {date}: this system may not be placed on "
                    "the market, put into service or used in the EU"
                ).format(
                    citation=item.citation,
                    title=_(item.obligation.title),
                    date=item.applies_from.isoformat(),
                ),
                _(
                    "Stop the practice, or correct impact_assessment.eu_ai_act.prohibited_practices "
                    "if it does not apply."
                ),
            )
        elif item.status in ("missing", "unknown"):
            _gaps(ctx, item, _("applies since {date}"))


@check("AIG-EU-OBL-002")
def upcoming_obligations(ctx: Context) -> None:
    for item in _report(ctx).relevant:
        if not item.within_horizon:
            continue
        if item.obligation.condition.startswith("prohibited"):
            ctx.fail(
                (*EU, "prohibited_practices"),
                _(
                    "{citation} ({title}) applies from {date}: the system must stop the practice "
                    "by then"
                ).format(
                    citation=item.citation,
                    title=_(item.obligation.title),
                    date=item.applies_from.isoformat(),
                ),
            )
        elif item.evidence_status in ("missing", "unknown"):
            days = (item.applies_from - ctx.today).days
            _gaps(ctx, item, _("applies in {n} days, from {date}").format(n=days, date="{date}"))


def _art_25(ctx: Context) -> bool:
    """An Art. 25 situation is recorded for a high-risk system (or a product manufacturer's)."""
    ia = ctx.record.impact_assessment
    eu = ia.eu_ai_act if ia else None
    if eu is None or ctx.tier.eu != EUTier.HIGH:
        return False
    manufacturer = EURole.PRODUCT_MANUFACTURER in {eu.role, *eu.further_roles}
    return (
        bool(eu.art_25)
        or bool(eu.substantial_modification)
        or (manufacturer and bool(eu.annex_i_product))
    )


@check("AIG-EU-OBL-003", when=_art_25)
def art_25_provider(ctx: Context) -> None:
    for note in _report(ctx).role_notes:
        if note.startswith("Art. 25"):
            ctx.fail(
                (*EU, "role"),
                _("{note}: the provider's obligations apply to your organisation").format(
                    note=note
                ),
                _(
                    "Add provider to impact_assessment.eu_ai_act.further_roles (or make it the role), "
                    "and evidence the provider obligations."
                ),
            )
