"""MAP / MEASURE 2.10: data sources, legal basis, sensitive data and representativeness."""

from __future__ import annotations

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import has_personal_data, has_sensitive_data, sensitive_categories
from aigov.i18n import _


@check("AIG-DATA-001")
def sources_listed(ctx: Context) -> None:
    if not ctx.require(
        ("data", "sources"),
        _("no data sources listed (training, evaluation, retrieval, runtime inputs, feedback)"),
    ):
        return
    assert ctx.record.data is not None
    for i, s in enumerate(ctx.record.data.sources):
        ctx.require(
            ("data", "sources", i, "roles"),
            _("data source '{source}' has no roles").format(source=s.id),
        )
        ctx.require(
            ("data", "sources", i, "owner"),
            _("data source '{source}' has no owner").format(source=s.id),
        )


@check("AIG-DATA-002", when=has_sensitive_data)
def sensitive_data(ctx: Context) -> None:
    cats = ", ".join(c.value for c in sensitive_categories(ctx))
    ctx.require(
        ("data", "legal_basis"),
        _("sensitive data ({categories}) is processed but no legal basis is recorded").format(
            categories=cats
        ),
    )
    ctx.require(
        ("data", "data_protection_note"),
        _(
            "sensitive data ({categories}) is processed but there is no data-protection note "
            "(DPIA reference, safeguards, minimisation)"
        ).format(categories=cats),
    )
    assert ctx.record.data is not None
    for i, s in enumerate(ctx.record.data.sources):
        if s.sensitive_categories:
            ctx.require(
                ("data", "sources", i, "legal_basis"),
                _(
                    "data source '{source}' holds sensitive data ({categories}) without a legal "
                    "basis"
                ).format(
                    source=s.id, categories=", ".join(c.value for c in s.sensitive_categories)
                ),
            )


@check("AIG-DATA-003", when=has_personal_data)
def personal_data(ctx: Context) -> None:
    ctx.require(
        ("data", "legal_basis"), _("personal data is processed but no legal basis is recorded")
    )
    ctx.require(
        ("data", "retention"),
        _("personal data is processed but the retention of inputs, outputs and logs is not stated"),
    )


@check("AIG-DATA-004")
def representativeness(ctx: Context) -> None:
    ctx.require(
        ("data", "representativeness"),
        _("no statement of how representative the data is, and of its known gaps"),
    )
