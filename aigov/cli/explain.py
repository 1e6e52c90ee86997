from __future__ import annotations

import json
import textwrap

import click

from aigov.authoring.explain import (
    NIST_FUNCTIONS,
    ArticleExplanation,
    Explanation,
    UnknownField,
    article_lookup,
    explain,
    nist_lookup,
    top_level,
)
from aigov.authoring.fields import FieldDoc
from aigov.catalog import Subcategory
from aigov.cli.common import TEXT_OR_JSON, color_option, format_option, use_color
from aigov.obligations.text import act, citation_of
from aigov.terminal import escape, escape_styled

WIDTH = 96


def _wrap(text: str, indent: int = 2) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * indent)


@click.command(short_help="Explain a record field: meaning, type, example, rules.")
@click.argument("field", required=False)
@click.option(
    "--nist",
    "show_nist",
    is_flag=True,
    help="List the NIST AI RMF 1.0 subcategories controls can cite (all, or one function's "
    "for controls.govern / map / measure / manage).",
)
@format_option(choices=TEXT_OR_JSON)
@color_option
def command(field: str | None, show_nist: bool, fmt: str, color: bool | None) -> None:
    """Explain FIELD of a record: what it means, its type, the allowed values, an example,
    and which governance rules need it.

    FIELD is a dotted path; list positions are optional. Without FIELD, the record's sections
    are listed. A NIST AI RMF subcategory id (e.g. "MEASURE 2.11") and an EU AI Act article
    or point (e.g. art-27, "Art. 26(6)") are explained too.

    \b
    Examples:
      aigov explain impact_assessment.harms
      aigov explain impact_assessment.harms.severity
      aigov explain controls --nist
      aigov explain "MEASURE 2.11"
      aigov explain art-27
    """
    colour = use_color(color)
    if not field:
        _sections(fmt, colour)
        return
    sub = nist_lookup(field)
    if sub is not None:
        _subcategory(sub, fmt, colour)
        return
    article = article_lookup(field)
    if article is not None:
        _article(article, fmt, colour)
        return
    try:
        result = explain(field, with_nist=show_nist)
    except UnknownField as exc:
        if exc.matches:
            _matches(field, exc.matches, fmt, colour)
            return
        hint = (
            " Did you mean: " + ", ".join(exc.suggestions) + "?"
            if exc.suggestions
            else " `aigov explain` lists the sections."
        )
        shown = escape(field, one_line=True)
        raise click.UsageError(f"'{shown}' is not a field of an aigov record.{hint}") from None
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    click.echo(escape_styled(render(result, colour)), color=colour)


def _title(text: str, colour: bool) -> str:
    return click.style(text, bold=True) if colour else text


def render(e: Explanation, colour: bool = False) -> str:
    d = e.doc
    out = [_title(d.path, colour) + f" — {d.type_label}", ""]
    if d.description:
        out += [_wrap(d.description), ""]
    if d.required:
        out.append("  Required  yes")
    else:
        out.append(
            '  Required  no; when you cannot answer, write `unknown` or {not_applicable: "why"}'
        )
    if d.choices:
        out.append(
            textwrap.fill(
                ", ".join(d.choices),
                WIDTH,
                initial_indent="  Allowed   ",
                subsequent_indent=" " * 12,
            )
        )
    limits = dict(d.constraints)
    if "ge" in limits or "le" in limits:
        out.append(f"  Range     {limits.get('ge', '…')} to {limits.get('le', '…')}")
    if e.children:
        out += ["", _title("Fields of each item" if d.is_list else "Fields", colour)]
        width = max(len(c.name) for c in e.children) + 2
        for c in e.children:
            flag = "required" if c.required else ""
            out.append(
                textwrap.fill(
                    c.type_label,
                    WIDTH,
                    initial_indent=f"  {c.name:<{width}}{flag:<10}",
                    subsequent_indent=" " * (width + 12),
                )
            )
            if c.description:
                out.append(_wrap(c.description, width + 12))
    out += ["", _title("Example", colour)]
    out += ["  " + line if line else "" for line in e.example.rstrip("\n").split("\n")]
    out += ["", _title("Rules that need it", colour)]
    if e.rules is None:
        out.append("  (the rule registry is not available in this installation)")
    elif not e.rules:
        out.append("  No rule reads this field; it is documentation shown on the cards.")
    else:
        for r in e.rules:
            where = ", ".join(r.stages)
            inside = "" if r.direct else f"  [reads {r.reads}]"
            out.append(f"  {r.id:<16}{r.severity:<9}{r.title}{inside}")
            out.append(f"  {'':<16}{'':<9}stages: {where}")
        out.append("  `aigov rules ID` explains a rule.")
    if e.nist:
        out += ["", _title("NIST AI RMF 1.0 subcategories a control can cite", colour)]
        out += _nist_lines(e.nist)
    elif d.path.startswith("controls"):
        out += [
            "",
            f"  `aigov explain {d.path} --nist` lists the NIST AI RMF subcategories to cite.",
        ]
    if e.namesakes:
        out += ["", _wrap("Other fields with this name: " + ", ".join(e.namesakes) + ".")]
    if e.children:
        out += [
            "",
            f"  Each field has its own page, e.g. `aigov explain {d.path}.{e.children[-1].name}`.",
        ]
    return "\n".join(out)


def _nist_lines(items: list[Subcategory]) -> list[str]:
    out: list[str] = []
    for function in NIST_FUNCTIONS:
        group = [s for s in items if s.function == function]
        if not group:
            continue
        out.append(f"  {function}")
        for s in group:
            out.append(
                textwrap.fill(
                    s.text, WIDTH, initial_indent=f"    {s.id:<14}", subsequent_indent=" " * 18
                )
            )
    return out


def _sections(fmt: str, colour: bool) -> None:
    docs = top_level()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "field": d.path,
                        "type": d.type_label,
                        "required": d.required,
                        "description": d.description,
                    }
                    for d in docs
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    click.echo(_title("The fields of an aigov record", colour), color=colour)
    width = max(len(d.name) for d in docs) + 2
    for d in docs:
        click.echo(escape(f"  {d.name:<{width}}{d.description}"))
    click.echo("\n`aigov explain FIELD` explains one, e.g. `aigov explain use_case.before`.")


def _article(a: ArticleExplanation, fmt: str, colour: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps(a.to_dict(), indent=2, ensure_ascii=False))
        return
    p = a.provision
    click.echo(_title(f"{p.citation}  {p.title}  (EU AI Act)", colour), color=colour)
    click.echo(_wrap(f"Text: {a.text.short}, {a.text.source}"))
    if not a.obligations:
        click.echo("")
        click.echo(_wrap("aigov derives no obligation from this provision; it is cited by rules."))
    for o in a.obligations:
        click.echo("")
        click.echo(_title(f"{citation_of(o.article)}: {o.title}", colour), color=colour)
        click.echo(_wrap(o.summary))
        click.echo(_wrap("Addressed to: " + ", ".join(r.value.replace("_", " ") for r in o.roles)))
        click.echo(_wrap("Applies when: " + act().conditions[o.condition]))
        for route, d in o.applies_from.items():
            where = {"annex_iii": "Annex III systems", "annex_i": "Annex I systems"}.get(route, "")
            click.echo(
                _wrap(
                    f"Applies from: {d.date.isoformat()}"
                    + (f" for {where}" if where else "")
                    + f" ({citation_of(d.article)})"
                )
            )
        if o.grace is not None:
            click.echo(
                _wrap(
                    f"Already on the market before {o.grace.placed_before.date.isoformat()}: "
                    f"until {o.grace.until.date.isoformat()} ({citation_of(o.grace.article)})"
                )
            )
        click.echo(_wrap("Evidenced by: " + ", ".join(o.evidence)))
    if a.rules:
        click.echo("")
        click.echo(_title("Rules citing it", colour), color=colour)
        for rid, title in a.rules:
            click.echo(_wrap(f"{rid}  {title}"))


def _matches(word: str, docs: list[FieldDoc], fmt: str, colour: bool) -> None:
    """A name several fields have (`threshold`): offer each, with what it means."""
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {"field": d.path, "type": d.type_label, "description": d.description}
                    for d in docs
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    shown = escape(word, one_line=True)
    click.echo(
        _title(f"No field is called exactly '{shown}'; {len(docs)} fields match it:", colour),
        color=colour,
    )
    width = max(len(d.path) for d in docs) + 2
    for d in docs:
        click.echo(escape(f"  {d.path:<{width}}{d.description}"))
    click.echo(f"\n`aigov explain FIELD` explains one, e.g. `aigov explain {docs[0].path}`.")


def _subcategory(sub: Subcategory, fmt: str, colour: bool) -> None:
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "id": sub.id,
                    "function": sub.function,
                    "category": sub.category_id,
                    "category_text": sub.category_text,
                    "text": sub.text,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    click.echo(_title(f"{sub.id}  (NIST AI RMF 1.0, {sub.function})", colour), color=colour)
    click.echo("")
    click.echo(escape(_wrap(sub.text)))
    click.echo("")
    click.echo(escape(_wrap(f"Category {sub.category_id}: {sub.category_text}")))
    click.echo("")
    click.echo(
        _wrap(
            f'Cite it from a control: controls.{sub.function.lower()}[].nist: ["{sub.id}"]. '
            f"`aigov explain controls --nist` lists every subcategory."
        )
    )
