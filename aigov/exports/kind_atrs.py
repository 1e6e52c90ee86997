"""The UK Algorithmic Transparency Recording Standard record (`aigov.exports.atrs`) as a data
kind of `aigov.exports.registry`, so the audit pack and the site include it. Active once that
module is installed (`REQUIRES`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aigov.i18n import N_

if TYPE_CHECKING:
    from aigov.exports.registry import SystemContext

REQUIRES = "aigov.exports.atrs"
TITLE = N_("ATRS record (UK)")
FILE_SUFFIX = ".json"
SITE = False


def render(ctx: SystemContext) -> str:
    import importlib

    module = importlib.import_module(REQUIRES)
    text: str = module.export_atrs(ctx.inputs.loaded).to_json()
    return text
