"""Evidence links and audience rules: cited files exist inside the repository, URLs are well
formed, visibility paths name real fields (a typo there would publish internal content)."""

from __future__ import annotations

from typing import Any

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.evidence import check_url, path_problem
from aigov.fieldmodel.paths import explain_path, rules_of


def _data(ctx: Context) -> Any:
    return ctx.dump()  # one dump per record, shared by the three rules


def _cites_paths(ctx: Context) -> bool:
    return ctx.root is not None and any(r.path for r in ctx.evidence())


def _evidence_entries(ctx: Context) -> list[Any]:
    """Evidence entries only (not record links, model references or data-source links)."""
    return [r for r in ctx.evidence() if r.kind == "evidence"]


@check("AIG-EVIDENCE-001", when=_cites_paths)
def evidence_files(ctx: Context) -> None:
    assert ctx.root is not None
    for ref in ctx.evidence():
        if ref.path is None:
            continue
        broken = path_problem(ctx.root, ref)
        if broken is not None:
            _code, message, hint = broken
            ctx.fail((*ref.where, ref.key), message, hint)


@check("AIG-EVIDENCE-002", when=lambda ctx: bool(_evidence_entries(ctx)))
def evidence_urls(ctx: Context) -> None:
    for ref in _evidence_entries(ctx):
        if ref.url is None and ref.path is None:
            ctx.fail(
                ref.where,
                f"evidence '{ref.title}' cites neither a path nor a url",
                "Add `path:` (a file in this repository) or `url:` (an http(s) link).",
            )
        if ref.url is None:
            continue
        problem = check_url(ref.url)
        if problem:
            shown = ref.url if len(ref.url) <= 80 else ref.url[:77] + "..."
            ctx.fail((*ref.where, "url"), f"evidence url '{shown}' {problem}")


@check("AIG-VISIBILITY-001", when=lambda ctx: ctx.record.visibility is not None)
def visibility_paths(ctx: Context) -> None:
    data = _data(ctx)
    for rule in rules_of(data):
        problem, hint = explain_path(rule.steps, data)
        if problem:
            ctx.fail(
                ("visibility", rule.level, rule.index),
                f"visibility path '{rule.path}' {problem}",
                hint,
            )
