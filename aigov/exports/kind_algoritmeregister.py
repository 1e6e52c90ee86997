"""The Dutch Algoritmeregister entry (`aigov.exports.algoritmeregister`, the register's own
form) as a data kind of `aigov.exports.registry`, so the audit pack and the site include it.
Active once that module is installed (`REQUIRES`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aigov.i18n import N_

if TYPE_CHECKING:
    from aigov.exports.registry import SystemContext

REQUIRES = "aigov.exports.algoritmeregister"
TITLE = N_("Algoritmeregister entry (NL)")
FILE_SUFFIX = ".json"
SITE = False  # validated against the register's schema per system: made on demand


def render(ctx: SystemContext) -> str:
    import importlib

    module = importlib.import_module(REQUIRES)
    text: str = module.export_algoritmeregister(ctx.inputs.loaded).to_json()
    return text
