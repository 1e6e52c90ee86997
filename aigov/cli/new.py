from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path
from typing import Any

import click

from aigov.authoring import yamltext
from aigov.authoring.drafts import Draft, discard_draft, draft_path, load_draft, save_draft
from aigov.authoring.new import (
    NewError,
    assemble,
    check_new_id,
    checklist,
    create,
    default_name,
    parse_setting,
    read_answers,
    validate_data,
)
from aigov.authoring.questionnaire import (
    Kind,
    Prompt,
    Section,
    Session,
    for_owner,
    kind_names,
    kinds,
    left_for_others,
    merge,
    next_gate,
    owned_placeholders,
    owner_shown,
    sections_for,
)
from aigov.cli.common import (
    color_option,
    lang_option,
    resolve_root,
    root_option,
    today_option,
    use_color,
)
from aigov.fieldmodel.titles import value_label
from aigov.i18n import DEFAULT, _, current
from aigov.model import Stage

WIDTH = 92


class TerminalAsker:
    """Puts the questionnaire to a person at a terminal."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def _dim(self, text: str) -> str:
        return click.style(text, dim=True) if self.colour else text

    def _say(self, text: str = "") -> None:
        click.echo(text, color=self.colour)

    def _wrapped(self, text: str, indent: int) -> None:
        for line in textwrap.wrap(text, WIDTH - indent) or [""]:
            self._say(" " * indent + self._dim(line))

    def section(self, section: Section, index: int, total: int) -> None:
        title = f"── {section.title} ({index}/{total}) "
        self._say("")
        rule = title + "─" * max(0, WIDTH - len(title))
        self._say(click.style(rule, bold=True) if self.colour else rule)
        if section.intro:
            self._wrapped(section.intro, 0)

    def ask(self, prompt: Prompt) -> str | list[str]:
        doc = prompt.doc
        label = f"[{prompt.number}/{prompt.total}] "
        pad = len(label)
        if prompt.confirm:
            self._wrapped(
                _(
                    "{item} — {question}: {suggestion}. Enter keeps it, or type your own "
                    "(lowercase letters, digits, hyphens)."
                ).format(item=prompt.item_label, question=prompt.text, suggestion=prompt.default),
                pad,
            )
            return str(
                click.prompt(
                    " " * pad + f"> [{prompt.default}]",
                    default="",
                    show_default=False,
                    prompt_suffix=" ",
                )
            )
        head = f"{prompt.item_label} — " if prompt.item_label else ""
        self._say("")
        first, *rest = textwrap.wrap(head + prompt.text, WIDTH - pad) or [""]
        self._say(label + (click.style(first, bold=True) if self.colour else first))
        for line in rest:
            self._say(" " * pad + (click.style(line, bold=True) if self.colour else line))
        if prompt.tip:
            self._wrapped(prompt.tip, pad)
        if doc.choices:
            numbered = " · ".join(
                f"{i} {c}{_choice_words(doc, c)}" for i, c in enumerate(doc.choices, 1)
            )
            self._wrapped(
                numbered + (_("  (several: separate with commas)") if doc.is_list else ""), pad
            )
        elif prompt.example and not (prompt.tip and prompt.tip.startswith(_("e.g."))):
            self._wrapped(_("e.g. {example}").format(example=prompt.example), pad)
        if prompt.optional_item and prompt.item_label and not prompt.item_label.endswith(" 1"):
            self._wrapped(_("Enter when there are no more."), pad)
        default = prompt.default
        shown_default = ""
        if default is not None:
            shown_default = (
                ", ".join(str(d) for d in default)
                if isinstance(default, list)
                else yamltext.scalar(default)
            )
        suffix = f" [{shown_default}]" if shown_default else ""
        if doc.kind == "bool" and not shown_default:
            suffix = " " + _("[y/n]")
        if prompt.multi_line:
            self._wrapped(_("One per line; an empty line ends the list."), pad)
            lines: list[str] = []
            while True:
                line = click.prompt(
                    " " * pad + ">", default="", show_default=False, prompt_suffix=" "
                )
                if not line.strip():
                    return lines
                if not lines and line.strip() in ("?", "u", "unknown", "-"):
                    return line
                lines.append(line)
        return str(
            click.prompt(
                " " * pad + ">" + suffix, default="", show_default=False, prompt_suffix=" "
            )
        )

    def help(self, prompt: Prompt) -> None:
        doc = prompt.doc
        pad = 4
        self._wrapped(f"{doc.path}: {_(doc.description)}", pad)
        self._wrapped(_("Type: {type}.").format(type=doc.type_label), pad)
        if prompt.example:  # the kind's, never one from another domain
            self._wrapped(_("Example: {example}").format(example=prompt.example), pad)
        self._wrapped(
            _(
                "Enter leaves it for later (a commented placeholder stays in the file); u records "
                "'unknown yet'; `aigov explain {field}` says more."
            ).format(field=doc.path),
            pad,
        )

    def invalid(self, prompt: Prompt, message: str) -> None:
        text = f"    {message}"
        self._say(click.style(text, fg="red") if self.colour else text)


def _choice_words(doc: Any, code: str) -> str:
    """A choice's label in the language aigov speaks, after its code (which is what is typed
    and written): nothing in English, where the codes are the words."""
    if current() == DEFAULT:
        return ""
    member = next((m for m in _choice_enum(doc) if m.value == code), None)
    words = _(value_label(member)) if member is not None else ""
    return f" ({words})" if words and words.lower() != code.replace("_", " ") else ""


def _choice_enum(doc: Any) -> list[Any]:
    from enum import Enum

    base = getattr(doc, "base", None)
    return list(base) if isinstance(base, type) and issubclass(base, Enum) else []


def _interactive_default() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command(short_help="Start a record with a guided questionnaire.")
@click.argument("record_id", metavar="ID")
@click.option(
    "--like",
    "kind_name",
    type=click.Choice(kind_names()),
    default=None,
    help="Start from a skeleton for this kind of system: questions, defaults and tips fit it.",
)
@click.option(
    "--stage",
    type=click.Choice([s.value for s in Stage]),
    default="idea",
    show_default=True,
    help="The lifecycle stage the system is in now; the checklist is for the next one.",
)
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A YAML file shaped like (part of) a record, e.g. `use_case: {problem: ...}` or "
    "`use_case.problem: ...`. Implies --no-interactive.",
)
@click.option("--name", default=None, help="The system's human name.")
@click.option("--summary", default=None, help="One sentence: what it does, for whom.")
@click.option("--team", default=None, help="The owning team (owner.team).")
@click.option("--accountable", default=None, help="The accountable person (owner.accountable).")
@click.option(
    "--pm", "product_manager", default=None, help="The product manager (owner.product_manager)."
)
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Answer any field, e.g. --set use_case.autonomy=copilot --set 'tags=[support]'. Repeatable.",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask the questions (default: when run in a terminal without --answers).",
)
@click.option(
    "--all",
    "everyone",
    is_flag=True,
    help="Ask legal's questions too (Annex III and Annex I, Art. 50, the role under the EU AI "
    "Act, the declared tiers); without it they stay in the record as placeholders marked "
    "'for legal'.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue the questionnaire where it stopped (the answers so far are kept in "
    ".aigov/drafts/ID.yaml).",
)
@today_option("The date offered for the stage and the impact assessment (default: today).")
@root_option
@lang_option
@color_option
@click.pass_context
def command(
    ctx: click.Context,
    record_id: str,
    kind_name: str | None,
    stage: str,
    answers_file: Path | None,
    name: str | None,
    summary: str | None,
    team: str | None,
    accountable: str | None,
    product_manager: str | None,
    settings: tuple[str, ...],
    interactive: bool | None,
    everyone: bool,
    resume: bool,
    today: dt.date | None,
    root: Path | None,
    color: bool | None,
) -> None:
    """Start the record systems/ID.yaml with a guided questionnaire.

    The questions follow the AI product playbook: the decision you improve (before and after,
    who benefits), the feasibility sprint (data, baseline, evaluation, risk), buy/build/blend,
    copilot or autopilot, the metrics stack, and the impact assessment (who could be harmed,
    sensitive data, contesting outcomes, disclosures). The product manager's questions come
    first, then those the ML lead and privacy usually answer; legal's are asked only with
    --all and otherwise stay as placeholders marked "for legal". Press Enter to leave a
    question for later, type u for "unknown yet", ? for help. Every unanswered field stays in
    the file as a commented placeholder. Then the checklist for the next lifecycle gate is
    printed.

    Answers are saved as you go (.aigov/drafts/ID.yaml): Ctrl-C stops without writing the
    record, and `aigov new ID --resume` continues where you stopped. An existing record is
    never overwritten.

    --lang nl (or de, or aigov.yaml's `language:`) asks in Dutch (German): the questions, help
    and tips change, and ja/nee (ja/nein) answer yes/no questions; the record written is the
    same, with the same keys and codes.

    \b
    Examples:
      aigov new support-copilot --like generative-assistant
      aigov new support-copilot --resume
      aigov new claims-triage --like classifier-scorer --stage feasibility --all
      aigov new churn-forecast --answers answers.yaml --team "Data Science"
    """
    colour = use_color(color)
    repo = resolve_root(root)
    day = today or dt.date.today()
    named = {
        "name": name,
        "summary": summary,
        "owner.team": team,
        "owner.accountable": accountable,
        "owner.product_manager": product_manager,
    }
    check_new_id(repo, record_id)  # a NewError is printed by the CLI's error handler
    draft = _draft(ctx, repo, record_id, resume, kind_name, answers_file)
    if draft is not None:
        kind_name, stage, everyone = draft.kind, draft.stage.value, draft.everyone
    current = Stage(stage)
    gate = next_gate(current)
    kind = kinds()[kind_name] if kind_name else None
    answers, answers_doc = read_answers(answers_file) if answers_file else ({}, None)
    flags = _flags(named, settings)
    ask = (
        True
        if draft is not None
        else interactive
        if interactive is not None
        else (not answers_file and _interactive_default())
    )
    if draft is not None:
        draft.data = data = merge(draft.data, flags)
    else:
        data = assemble(
            record_id,
            stage=current,
            today=day,
            kind=kind,
            answers=answers,
            settings=flags,
            with_kind_record=not ask,
        )
        if answers_doc is not None or flags:
            _check_given(data, answers_doc)
        draft = Draft(record_id, current, kind_name, everyone, data)
    if ask:
        try:
            data = _ask(repo, draft, kind, gate, day, colour)
        except (click.Abort, EOFError, KeyboardInterrupt):
            _stopped(repo, draft)
    data.setdefault("name", default_name(record_id))
    try:
        result = create(
            repo,
            data,
            today=day,
            tips=kind.tips if kind else None,
            owners=owned_placeholders(),
            examples=kind.examples if kind else None,
        )
    except NewError as exc:
        if ask:
            exc.hint = " ".join(
                [
                    exc.hint,
                    _("Your answers are kept in {file}.").format(
                        file=_shown_draft(repo, record_id)
                    ),
                ]
            ).strip()
        raise
    discard_draft(repo, record_id)
    _report(result, colour, repo, day)


def _draft(
    ctx: click.Context,
    repo: Path,
    record_id: str,
    resume: bool,
    kind_name: str | None,
    answers_file: Path | None,
) -> Draft | None:
    """The draft to continue (--resume), or None; a usage error when the options disagree."""
    draft = load_draft(repo, record_id)
    shown = _shown_draft(repo, record_id)
    if not resume:
        if draft is not None:
            raise click.UsageError(
                f"{shown} holds {draft.answered} answers from an earlier run of "
                f"`aigov new {record_id}`. Continue with `aigov new {record_id} --resume`, "
                "or delete that file to start again."
            )
        return None
    if draft is None:
        raise click.UsageError(
            f"there is no questionnaire to resume for {record_id} ({shown} does not exist)"
        )
    if answers_file is not None:
        raise click.UsageError("--resume continues the questionnaire; it takes no --answers")
    if kind_name is not None and kind_name != draft.kind:
        raise click.UsageError(
            f"the questionnaire for {record_id} was started "
            + (f"--like {draft.kind}" if draft.kind else "without --like")
            + "; --resume continues it as it was started"
        )
    source = ctx.get_parameter_source("stage")
    if source is click.core.ParameterSource.COMMANDLINE and ctx.params["stage"] != (
        draft.stage.value
    ):
        raise click.UsageError(
            f"the questionnaire for {record_id} was started with --stage {draft.stage.value}"
        )
    return draft


def _shown_draft(repo: Path, record_id: str) -> str:
    from aigov.paths import display_path

    return display_path(draft_path(repo, record_id))


def _stopped(repo: Path, draft: Draft) -> None:
    """Ctrl-C or the end of input: the record is not written; the answers so far are kept."""
    rid = draft.record_id
    if draft.answered or draft.progress.item_done:
        save_draft(repo, draft)
        click.echo(
            "\n"
            + _(
                "aigov new: stopped; the record was not written. Your {n} answers are kept in "
                "{file}; `aigov new {id} --resume` continues where you stopped."
            ).format(n=draft.answered, file=_shown_draft(repo, rid), id=rid),
            err=True,
        )
    else:
        click.echo("\n" + _("aigov new: stopped before any answer; nothing was written."), err=True)
    raise SystemExit(130)


def _flags(named: dict[str, str | None], settings: tuple[str, ...]) -> dict[str, Any]:
    """The answers given as options: the named ones, then each --set FIELD=VALUE."""
    flags: dict[str, Any] = {key: value for key, value in named.items() if value}
    for text in settings:
        key, value = parse_setting(text)
        flags[key] = value
    return flags


def _check_given(data: dict[str, Any], answers_doc: Any) -> None:
    """NewError when the answers file or the options do not fit the record format."""
    shown = answers_doc.path if answers_doc is not None else "--set"
    problems = validate_data({**data, "name": data.get("name") or "x"}, shown, answers_doc)
    if problems:
        raise NewError(
            "the answers given do not fit the record format; nothing was written", problems
        )


def _ask(
    repo: Path, draft: Draft, kind: Kind | None, gate: Stage, day: dt.date, colour: bool
) -> dict[str, Any]:
    """Run the questionnaire on the draft, saving it after every answer."""
    asker = TerminalAsker(colour)
    session = Session(
        sections_for(draft.kind, gate, everyone=draft.everyone),
        kind,
        draft.data,
        offered={"name": default_name(draft.record_id)},
        today=day,
        progress=draft.progress,
        on_answer=lambda _s: _save(repo, draft),
    )
    resumed = bool(draft.progress.done or draft.progress.item_path)
    file = f"systems/{draft.record_id}.yaml"
    if kind:
        intro = (
            _("Continuing: {file}, a {kind}, aimed at the {gate} gate.")
            if resumed
            else _("New record: {file}, a {kind}, aimed at the {gate} gate.")
        ).format(file=file, kind=_(kind.title).lower(), gate=gate.value)
    else:
        intro = (
            _("Continuing: {file}, aimed at the {gate} gate.")
            if resumed
            else _("New record: {file}, aimed at the {gate} gate.")
        ).format(file=file, gate=gate.value)
    click.echo(click.style(intro, bold=True) if colour else intro, color=colour)
    for line in textwrap.wrap(_plan_text(session, draft, gate, resumed), WIDTH):
        click.echo(line)
    return session.run(asker)


def _save(repo: Path, draft: Draft) -> None:
    save_draft(repo, draft)


def _plan_text(session: Session, draft: Draft, gate: Stage, resumed: bool) -> str:
    left = session.remaining()
    owners = sorted(
        {s.owner for s in session.sections if s.owner != "pm" and s.questions},
        key=for_owner,
    )
    skipped = left_for_others(draft.kind, gate, everyone=draft.everyone)
    parts = [
        _("{n} questions to go (you answered {answered}).").format(n=left, answered=draft.answered)
        if resumed
        else _("About {n} questions; the count moves as answers open or close follow-ups.").format(
            n=left
        )
    ]
    if owners:
        parts.append(
            _(
                "Yours come first, then those usually answered by {owners}: Enter leaves them "
                "for their owner."
            ).format(owners=_(" and ").join(_owner_noun(o) for o in owners))
        )
    for owner, count in skipped.items():
        parts.append(
            _(
                "{n} questions {left_for} are not asked; they stay in the record as placeholders "
                "marked [{marked}] (--all asks them)."
            ).format(n=count, left_for=owner_shown(owner), marked=for_owner(owner))
        )
    parts.append(
        _(
            "Answer in your own words. Enter leaves a question for later (a commented "
            "placeholder), u records 'unknown yet', ? explains the field. A suggestion in "
            "[brackets] is taken with Enter; type - to leave it out. Answers are saved as you "
            "go: Ctrl-C stops, and `aigov new {id} --resume` continues."
        ).format(id=draft.record_id)
    )
    return " ".join(parts)


def _owner_noun(owner: str) -> str:
    """'the ML lead', 'privacy': who usually answers, as the plan names them."""
    from aigov.fieldmodel.titles import OWNERS

    label = _(OWNERS[owner])
    word = label if OWNERS[owner].split()[0].isupper() else label.lower()
    return _("the {owner}").format(owner=word) if owner in ("pm", "ml_lead") else word


def _report(result: Any, colour: bool, repo: Path, day: dt.date) -> None:
    from aigov.paths import display_path

    shown = display_path(result.path)
    click.echo("")
    ok = _("Wrote {file} with {n} answers; every other field is a commented placeholder.").format(
        file=shown, n=result.answered
    )
    click.echo(click.style(ok, fg="green") if colour else ok, color=colour)
    for note in result.notes:
        click.echo(_("Note: {note}").format(note=note))
    items, why = checklist(result.loaded, result.gate, repo, day)
    click.echo("")
    if items is None:
        click.echo(
            _("The checklist for the {gate} gate is not available: {why}.").format(
                gate=result.gate.value, why=why
            )
        )
        return
    click.echo(render_checklist(result.loaded, result.gate, items, colour), color=colour)


def render_checklist(loaded: Any, gate: Stage, items: list[Any], colour: bool) -> str:
    """The gate checklist, as `aigov check --gate` prints it, with a line before and after."""
    from aigov.formats.checklist import checklist_text

    done = sum(1 for i in items if i.done)
    blocking = sum(1 for i in items if i.blocking)
    return "\n".join(
        [
            _("Before {system} can move to {gate} (`aigov check --gate {gate}`):").format(
                system=loaded.id, gate=gate.value
            ),
            checklist_text(loaded, items, gate, colour),
            "",
            _("{done} of {total} done; {blocking} blocking.").format(
                done=done, total=len(items), blocking=blocking
            )
            + " "
            + (
                _("`aigov explain FIELD` says what a field means.")
                if blocking
                else _("Ready for {gate}.").format(gate=gate.value)
            ),
        ]
    )
