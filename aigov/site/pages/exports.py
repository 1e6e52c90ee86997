"""The data exports on the site and the portfolio inventory: each system page lists its data
kinds (`aigov.exports.registry.data_kinds`: CycloneDX, the national registers) next to the
compliance documents `aigov.exports.build.site_exports` renders in the card workers, and the
home page offers the inventory (`registers/inventory.csv`, `registers/inventory.xlsx`).

What is written at build is what costs little: the data kinds marked `SITE` (the CycloneDX
BOM, about 1.5 ms a system on an idle core, written without the schema check, which costs
15-200 ms a BOM and is the CLI's, the audit pack's and the tests' job) and the inventory (one
pass over the portfolio). The national register exports validate every entry against the
register's schema; for those the page names the command that makes them
(`aigov export KIND SYSTEM`, or all of them in `aigov export audit-pack`).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from aigov.exports.governance import governance_facts
from aigov.exports.inventory import Links, inventory_csv, inventory_rows, inventory_xlsx
from aigov.i18n import gettext

if TYPE_CHECKING:
    from aigov.provenance import GitInfo
    from aigov.site.pages.core import Pages
    from aigov.site.portfolio import SystemView

INVENTORY_CSV = "registers/inventory.csv"
INVENTORY_XLSX = "registers/inventory.xlsx"
# the ISO/IEC 42001 Statement of Applicability over the portfolio, as `aigov export soa` makes it
SOA_FILES = {"html": "registers/soa.html", "json": "registers/soa.json"}
SOA_LINK_BASE = ".."  # from registers/ to the docs root, where the evidence files are copied

_GIT: weakref.WeakKeyDictionary[Any, GitInfo] = weakref.WeakKeyDictionary()


def _git(pages: Pages) -> GitInfo:
    """One GitInfo per generation (the per-file answers come from one git log)."""
    from aigov.provenance import GitInfo

    if pages not in _GIT:
        _GIT[pages] = GitInfo.discover(pages.inputs.root)
    return _GIT[pages]


def data_exports(pages: Pages, view: SystemView) -> list[dict[str, str]]:
    """Write the system's cheap data exports; one entry per data kind for the page's
    downloads (group "data"): `file` (a download) or `command` (made on demand), or `reason`
    (the record cannot supply what the receiver requires)."""
    from aigov.errors import AigovError
    from aigov.exports.build import inputs_for
    from aigov.exports.registry import SystemContext, data_kinds, data_module

    out: list[dict[str, str]] = []
    root = pages.inputs.root
    inputs = inputs_for(view.loaded, root=root, today=view.today, git=_git(pages))
    ctx = SystemContext(inputs, root, view.policy, tuple(view.signoffs))
    for kind in data_kinds():
        module = data_module(kind)
        if not getattr(module, "SITE", False):
            out.append(_entry(gettext(module.TITLE), command=f"aigov export {kind} {view.id}"))
            continue
        try:
            text = module.render_fast(ctx) if hasattr(module, "render_fast") else module.render(ctx)
        except AigovError as err:
            if err.exit_code != 1:
                raise
            out.append(_entry(gettext(module.TITLE), reason=err.message))
            continue
        path = f"systems/{view.id}/exports/{view.id}-{kind}{module.FILE_SUFFIX}"
        pages.add(path, text)
        out.append(_entry(gettext(module.TITLE), file=path))
    return out


def _entry(label: str, *, file: str = "", command: str = "", reason: str = "") -> dict[str, str]:
    return {"group": "data", "label": label, "file": file, "command": command, "reason": reason}


def _site_links(system: str) -> Links:
    card = f"../systems/{system}/{system}.card.html"  # relative to registers/
    return Links(impact_assessment=f"{card}#impact", card=card)


def inventory(pages: Pages) -> dict[str, str]:
    """Write the inventory downloads; their paths for the home page."""
    facts = [governance_facts(v.loaded, v.tier, v.signoffs, v.policy) for v in pages.pf.systems]
    rows = inventory_rows(facts, _site_links)
    pages.add(INVENTORY_CSV, inventory_csv(rows))
    pages.add(INVENTORY_XLSX, inventory_xlsx(rows))
    return {"inventory_csv": INVENTORY_CSV, "inventory_xlsx": INVENTORY_XLSX}


def soa(pages: Pages) -> dict[str, str]:
    """Write the Statement of Applicability (HTML and JSON) from the site's records, its
    organisation and the policy, built as `aigov export soa` builds it; its paths for the
    home page."""
    from aigov.exports.render import render_export
    from aigov.exports.soa import build_from, portfolio_of

    inputs = pages.inputs
    portfolio = portfolio_of(
        [v.loaded for v in pages.pf.systems],
        inputs.organisation,
        inputs.policy,
        root=inputs.root,
        audience=inputs.stamp.audience,
        left_out=tuple(i.shown or i.path for i in pages.pf.invalid),
        generated_at=inputs.stamp.built_at or None,
        git=_git(pages),
    )
    _table, doc = build_from(portfolio)
    for fmt, path in SOA_FILES.items():
        text = render_export(doc, fmt, user_dir=_templates(pages), link_base=SOA_LINK_BASE)
        assert isinstance(text, str)
        pages.add(path, text)
    return {"soa_html": SOA_FILES["html"], "soa_json": SOA_FILES["json"]}


def _templates(pages: Pages) -> Any:
    folder = pages.inputs.root / "templates"
    return folder if folder.is_dir() else None
