from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path
from typing import Any

import click

from aigov.catalog import nist
from aigov.checks import Policy, Rule, all_rules, get_rule
from aigov.checks import tier as tier_module
from aigov.checks.engine import effective_rule
from aigov.checks.registry import SECTIONS
from aigov.cli.common import (
    TEXT_OR_JSON,
    color_option,
    format_option,
    lang_option,
    root_option,
    use_color,
    workspace,
)
from aigov.formats.contract import versioned
from aigov.i18n import _, ngettext
from aigov.model import RiskTier, Stage

WIDTH = 92

# Rules whose logic deserves its documented algorithm in the explanation.
DETAILS = {"AIG-TIER-002": tier_module.__doc__ or ""}


@click.command(short_help="List the rules, or explain one.")
@click.argument("rule_id", required=False)
@format_option(choices=TEXT_OR_JSON)
@click.option(
    "--stage",
    type=click.Choice([s.value for s in Stage]),
    default=None,
    help="Only rules that apply at this lifecycle stage.",
)
@click.option(
    "--tier",
    type=click.Choice([t.value for t in RiskTier]),
    default=None,
    help="Only rules that apply to this risk tier.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (default: aigov.yaml in the governance repository root).",
)
@color_option
@lang_option
@root_option
def command(
    rule_id: str | None,
    fmt: str,
    stage: str | None,
    tier: str | None,
    config: Path | None,
    color: bool | None,
    root: Path | None,
) -> None:
    """List the governance rules, or explain one.

    Without RULE_ID, lists every rule with its severity and the stages it applies to, after
    your policy (aigov.yaml). With RULE_ID, explains it: why it exists, what it applies to,
    the framework clauses it serves, how to fix a finding and an example.

    \b
    Examples:
      aigov rules
      aigov rules --stage pilot --tier high
      aigov rules AIG-EVAL-003
      aigov rules --lang nl

    --lang nl or de writes the titles, fixes and headings in Dutch or German (the rules' "why"
    and the framework texts stay in English); --format json is the same in every language.
    """
    colour = use_color(color)
    policy = workspace(root, config=config).policy
    if rule_id:
        rule = get_rule(rule_id)
        if rule is None:
            known = [r.id for r in all_rules()]
            guess = difflib.get_close_matches(rule_id.upper(), known, n=1, cutoff=0.6)
            hint = f" Did you mean {guess[0]}?" if guess else " `aigov rules` lists them."
            raise click.UsageError(f"there is no rule '{rule_id}'.{hint}")
        if fmt == "json":
            data = versioned("rules", _rule_dict(rule, policy))
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            click.echo(explain(rule, policy, colour), color=colour)
        return
    rules = [
        r
        for r in all_rules()
        if _matches(r, policy, Stage(stage) if stage else None, RiskTier(tier) if tier else None)
    ]
    if fmt == "json":
        listed = versioned("rules", {"rules": [_rule_dict(r, policy) for r in rules]})
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
    else:
        click.echo(listing(rules, policy, colour), color=colour)


def _matches(rule: Rule, policy: Policy, stage: Stage | None, tier: RiskTier | None) -> bool:
    enabled, _, stages, tiers = effective_rule(rule, policy)
    if (stage or tier) and not enabled:
        return False
    return (stage is None or stage in stages) and (tier is None or tier in tiers)


def _rule_dict(rule: Rule, policy: Policy) -> dict[str, Any]:
    enabled, severity, stages, tiers = effective_rule(rule, policy)
    data = rule.to_dict()
    data["policy"] = {
        "enabled": enabled,
        "severity": severity.value,
        "stages": [s.value for s in stages],
        "tiers": [t.value for t in tiers],
    }
    return data


def _stages_short(stages: tuple[Stage, ...]) -> str:
    if len(stages) == len(Stage):
        return _("all stages")
    order = list(Stage)
    idx = sorted(order.index(s) for s in stages)
    if len(idx) > 2 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{order[idx[0]].value}–{order[idx[-1]].value}"
    return ", ".join(order[i].value for i in idx)


_SEV_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan", "off": "white"}


def listing(rules: list[Rule], policy: Policy, colour: bool) -> str:
    lines: list[str] = []
    section = None
    for rule in rules:
        if rule.section != section:
            section = rule.section
            title = _(SECTIONS.get(section, section))
            lines.append("")
            lines.append(click.style(title, bold=True) if colour else title)
        enabled, severity, stages, tiers = effective_rule(rule, policy)
        sev = severity.value if enabled else "off"
        sev_text = f"{sev:<7}"
        if colour:
            sev_text = click.style(sev_text, fg=_SEV_COLOURS[sev])
        scope = _stages_short(stages)
        if len(tiers) != len(RiskTier):
            scope += "; " + ", ".join(t.value for t in tiers)
        lines.append(f"  {rule.id:<16} {sev_text} {_(rule.title)}  ({scope})")
    changed = sum(1 for r in rules if policy.setting(r.id) is not None)
    lines.append("")
    note = ngettext("{n} rule", "{n} rules", len(rules)).format(n=len(rules))
    if changed:
        note += _(", {n} adjusted by your policy (aigov.yaml)").format(n=changed)
    lines.append(note + ". " + _("`aigov rules ID` explains one."))
    return "\n".join(lines).lstrip("\n")


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def explain(rule: Rule, policy: Policy, colour: bool) -> str:
    def head(text: str) -> str:
        return click.style(text, bold=True) if colour else text

    enabled, severity, stages, tiers = effective_rule(rule, policy)
    out = [head(f"{rule.id}: {_(rule.title)}"), ""]
    sev = _("Severity: {severity}").format(severity=rule.severity.value)
    setting = policy.setting(rule.id)
    if setting is not None:
        sev += (
            " " + _("(switched off by your policy)")
            if not enabled
            else " " + _("(your policy: {severity})").format(severity=severity.value)
            if severity != rule.severity
            else ""
        )
    by_tier = policy.severities_by_tier(rule.id)
    if by_tier and enabled:
        sev += " — " + _("by tier: {tiers}").format(
            tiers=", ".join(f"{t.value} {s.value}" for t, s in by_tier.items())
        )
    out.append(sev)
    out.append(_("Section: {section}").format(section=_(rule.section_title)))
    applies = (
        _stages_short(stages)
        + "; "
        + (
            _("all tiers")
            if len(tiers) == len(RiskTier)
            else _("tiers {tiers}").format(tiers=", ".join(t.value for t in tiers))
        )
    )
    if rule.applies_when:
        applies += "; " + _("when {condition}").format(condition=rule.applies_when)
    out += ["", head(_("Applies to")), _wrap(applies)]
    out += ["", head(_("Why")), _wrap(rule.why)]
    if rule.brief:
        out.append(_wrap(_("From the AI product playbook: {brief}").format(brief=rule.brief)))
    refs: list[str] = []
    catalog = nist()
    for ref in rule.nist:
        sub = catalog.get(ref)
        refs.append(f"NIST AI RMF {ref}" + (f": {sub.text}" if sub else ""))
    refs += [f"EU AI Act {a}" for a in rule.eu_ai_act]
    refs += list(rule.other_refs)
    if refs:
        out += ["", head(_("Serves"))]
        for ref in refs:
            out.append(textwrap.fill(ref, WIDTH, initial_indent="  - ", subsequent_indent="    "))
    if rule.fields:
        out += ["", head(_("Reads")), _wrap(", ".join(rule.fields))]
    if rule.id in DETAILS:
        out += [
            "",
            head(_("How it works")),
            textwrap.indent(textwrap.dedent(DETAILS[rule.id]).strip(), "  "),
        ]
    out += ["", head(_("How to fix")), _wrap(_(rule.hint))]
    if rule.example:
        out += ["", head(_("Example")), textwrap.indent(rule.example.rstrip("\n"), "  ")]
    return "\n".join(out)
