"""The `aigov new` questionnaire: the playbook's questions, as data, asked through a callback.

The questions live in `aigov/data/questions.yaml`, the `--like` starting points and their
examples in `aigov/data/kinds.yaml`; help text, types and allowed values come from the record
model. This module turns replies into record data and never prints: the command line passes an
`Asker` that talks to the terminal (tests pass a scripted one), and an `on_answer` callback
that saves the progress after every answer.

Numbering: every prompt that moves the questionnaire on gets the next number; its total is the
number of prompts asked so far plus those still to come as the answers stand (a list counts one
item and the "another?" prompt; a follow-up counts once its condition is answered), so the total
moves as answers open or close branches and a number never exceeds its total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from aigov.answers import UNKNOWN
from aigov.authoring.fields import FieldDoc, field_doc
from aigov.authoring.recorddata import (
    expand_dotted,
    get_path,
    has_path,
    merge,
    set_path,
    short_id,
    slug,
)
from aigov.authoring.replies import HELP, KEEP_DEFAULT, SKIP, UNKNOWN_WORDS, Invalid, parse_reply
from aigov.fieldmodel.titles import OWNERS
from aigov.i18n import N_, _
from aigov.model import Stage

# the record-data and reply helpers were defined here first; they stay importable from here
__all__ = [
    "HELP",
    "KEEP_DEFAULT",
    "SKIP",
    "UNKNOWN",
    "UNKNOWN_WORDS",
    "Asker",
    "Invalid",
    "Kind",
    "Progress",
    "Prompt",
    "Question",
    "QuestionsError",
    "Section",
    "Session",
    "all_sections",
    "expand_dotted",
    "for_owner",
    "get_path",
    "has_path",
    "kind_names",
    "kinds",
    "merge",
    "next_gate",
    "owned_placeholders",
    "parse_reply",
    "sections_for",
    "set_path",
    "short_id",
    "slug",
]

PM = "pm"
ASKED_ONLY_WITH_ALL = frozenset({"legal"})  # `aigov new --all` asks these owners' questions too
_PEOPLE = frozenset({"pm", "ml_lead"})  # owners that are one person ("for the ML lead")


class QuestionsError(Exception):
    """The shipped question or kind data is inconsistent with the model (a bug in aigov)."""


# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    path: str  # dotted record path (for item questions: the field inside the item)
    doc: FieldDoc
    ask: str
    item: tuple[Question, ...] = ()
    more: str = ""
    id_from: str = ""
    control: str = ""  # NIST function whose controls the answers become
    needs: str = ""
    kinds: tuple[str, ...] = ()
    gate: Stage | None = None
    owner: str = PM  # who usually answers it (a key of aigov.fieldmodel.titles.OWNERS)
    offer: str = ""  # "today": the day of the run is offered as the answer

    @property
    def is_group(self) -> bool:
        return bool(self.item)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    owner: str = PM


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    description: str
    record: dict[str, Any]
    defaults: dict[str, Any]
    tips: dict[str, str]
    examples: dict[str, str] = field(default_factory=dict)


def _read(name: str) -> Any:
    text = resources.files("aigov.data").joinpath(name).read_text("utf-8")
    return yaml.safe_load(text)


def _question(raw: Any, prefix: str = "") -> Question:
    spec = {"field": raw} if isinstance(raw, str) else dict(raw)
    path = f"{prefix}.{spec['field']}" if prefix else spec["field"]
    doc = field_doc(path)
    if doc is None:
        raise QuestionsError(f"questions.yaml names '{path}', which is not a record field")
    item = tuple(_question(sub, path) for sub in spec.get("item", ()))
    if item and (doc.model is None or not doc.is_list):
        raise QuestionsError(
            f"questions.yaml: '{path}' has item questions but is not a list of mappings"
        )
    needs = spec.get("needs", "")
    if needs and prefix:
        needs = f"{prefix}.{needs}"
    if needs and field_doc(needs) is None:
        raise QuestionsError(
            f"questions.yaml: '{path}' needs '{needs}', which is not a record field"
        )
    owner = spec.get("owner", PM)
    if owner not in OWNERS:
        raise QuestionsError(f"questions.yaml: '{path}' has the unknown owner '{owner}'")
    offer = spec.get("offer", "")
    if offer not in ("", "today"):
        raise QuestionsError(f"questions.yaml: '{path}' offers '{offer}'; only today is known")
    gate = Stage(spec["gate"]) if spec.get("gate") else None
    return Question(
        path=path,
        doc=doc,
        ask=spec.get("ask") or doc.description,
        item=item,
        more=spec.get("more", ""),
        id_from=spec.get("id_from", ""),
        control=spec.get("control", ""),
        needs=needs,
        kinds=tuple(spec.get("kinds", ())),
        gate=gate,
        owner=owner,
        offer=offer,
    )


@cache
def all_sections() -> tuple[Section, ...]:
    raw = _read("questions.yaml")
    return tuple(
        Section(
            s["id"],
            s["title"],
            " ".join(s.get("intro", "").split()),
            tuple(_question(q) for q in s["questions"]),
        )
        for s in raw["sections"]
    )


def _paths(table: dict[str, Any], name: str, what: str) -> None:
    for path in table:
        if field_doc(path) is None:
            raise QuestionsError(f"kinds.yaml: {name} {what} '{path}', which is not a record field")


@cache
def kinds() -> dict[str, Kind]:
    raw = _read("kinds.yaml")["kinds"]
    shared = general_examples()
    out = {}
    for name, spec in raw.items():
        for what in ("defaults", "tips", "examples"):
            _paths(spec.get(what, {}), name, f"{what} names")
        out[name] = Kind(
            name,
            spec["title"],
            spec["description"],
            spec.get("record", {}),
            spec.get("defaults", {}),
            spec.get("tips", {}),
            {**shared, **{k: str(v) for k, v in spec.get("examples", {}).items()}},
        )
    return out


@cache
def general_examples() -> dict[str, str]:
    """The neutral examples every kind shares, also shown without --like where the model's own
    would mislead (one per metric layer, a control's title where a control is named)."""
    table = _read("kinds.yaml").get("any_kind", {}).get("examples", {})
    _paths(table, "any_kind", "examples name")
    return {k: str(v) for k, v in table.items()}


def kind_names() -> list[str]:
    return list(kinds())


def for_owner(owner: str) -> str:
    """'for legal', 'for the ML lead': who a question or placeholder is left for (in English:
    the placeholders of the record written say it so, whatever language aigov speaks)."""
    label = OWNERS[owner]
    word = label if label.split()[0].isupper() else label.lower()
    return f"for the {word}" if owner in _PEOPLE else f"for {word}"


def owner_shown(owner: str) -> str:
    """`for_owner` in the language aigov speaks, for the questionnaire's own words."""
    return _(for_owner(owner))


def catalogue_strings() -> list[str]:
    """The questionnaire's words, translated where they are shown: section titles and intros,
    questions and the help's field descriptions, the "another?" prompts, who a
    question is left for, and each kind's title, description and tips. The record written
    stays in the data's words (English), whatever language the questions were asked in."""
    out: list[str] = [for_owner(owner) for owner in OWNERS] + list(OWNERS.values())

    def questions(qs: Iterable[Question]) -> Iterable[str]:
        for q in qs:
            yield from (q.ask, q.more, q.doc.description)  # the description: the help (?)
            yield from questions(q.item)

    for s in all_sections():
        out += [s.title, s.intro, *questions(s.questions)]
    for kind in kinds().values():
        out += [kind.title, kind.description, *kind.tips.values()]
    return [text for text in out if text]


def _matches(q: Question, kind: str | None, gate: Stage) -> bool:
    return (not q.kinds or kind is None or kind in q.kinds) and (
        q.gate is None or q.gate.order <= gate.order
    )


def sections_for(kind: str | None, gate: Stage, *, everyone: bool = False) -> list[Section]:
    """The questions to ask for this kind of system, aimed at `gate`, grouped by who answers
    them: the product manager's first, then each other owner's (legal's only when `everyone`)."""
    out = []
    for owner in OWNERS:
        if owner in ASKED_ONLY_WITH_ALL and not everyone:
            continue
        first = True
        for section in all_sections():
            questions = tuple(
                q for q in section.questions if q.owner == owner and _matches(q, kind, gate)
            )
            if not questions:
                continue
            title, intro = _(section.title), _(section.intro)
            if owner != PM:
                title = f"{title} — {owner_shown(owner)}"
                if first:
                    intro = _(
                        "These usually come from {owner}. Answer what you know; Enter leaves a "
                        "question in the record {left_for}. {intro}"
                    ).format(owner=_(OWNERS[owner]), left_for=owner_shown(owner), intro=intro)
            first = False
            out.append(Section(section.id, title, intro, questions, owner))
    return out


def owned_placeholders() -> dict[str, str]:
    """Field path → 'for legal' for every question someone other than the product manager
    usually answers (whatever the gate): their placeholders say who they are left for."""
    return {
        q.path: for_owner(q.owner) for s in all_sections() for q in s.questions if q.owner != PM
    }


def left_for_others(kind: str | None, gate: Stage, *, everyone: bool = False) -> dict[str, int]:
    """Owner → how many of their questions are not asked (legal's, without --all)."""
    out: dict[str, int] = {}
    if everyone:
        return out
    for s in all_sections():
        for q in s.questions:
            if q.owner in ASKED_ONLY_WITH_ALL and _matches(q, kind, gate):
                out[q.owner] = out.get(q.owner, 0) + 1
    return out


def next_gate(stage: Stage) -> Stage:
    """The gate a record at `stage` is heading for (production and retired stay where they are)."""
    order = list(Stage)
    if stage in (Stage.PRODUCTION, Stage.RETIRED):
        return stage
    return order[order.index(stage) + 1]


# --- asking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    """Everything an Asker needs to put one question to a person."""

    question: Question
    text: str
    number: int  # 1-based position among the prompts asked
    total: int  # prompts asked so far plus those still to come, as the answers stand
    tip: str = ""
    default: Any = None
    item_label: str = ""  # "Harm 2" for questions about one list item
    optional_item: bool = False  # Enter ends the list instead of skipping
    example: str = ""  # from the kind chosen (--like), never from another domain
    confirm: bool = False  # confirms a suggestion (an id) for the answer just given

    @property
    def doc(self) -> FieldDoc:
        return self.question.doc

    @property
    def multi_line(self) -> bool:
        """Free-text lists are typed one item per line, ending with an empty line."""
        return self.doc.is_list and self.doc.kind == "text" and not self.question.is_group


class Asker(Protocol):
    def section(self, section: Section, index: int, total: int) -> None: ...

    def ask(self, prompt: Prompt) -> str | list[str]: ...

    def help(self, prompt: Prompt) -> None: ...

    def invalid(self, prompt: Prompt, message: str) -> None: ...


@dataclass
class Progress:
    """Where a questionnaire stands, so that it can stop and continue: the questions done
    (answered or left for later), the prompts shown, and the list item being described."""

    done: list[str] = field(default_factory=list)
    shown: int = 0
    item_path: str = ""  # the list whose item is being described
    item: dict[str, Any] = field(default_factory=dict)
    item_done: list[str] = field(default_factory=list)  # its fields answered or left

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"done": list(self.done), "shown": self.shown}
        if self.item_path:
            out["item"] = {"path": self.item_path, "answers": self.item, "done": self.item_done}
        return out

    @classmethod
    def from_data(cls, raw: Any) -> Progress:
        raw = raw if isinstance(raw, dict) else {}
        item = raw.get("item") if isinstance(raw.get("item"), dict) else {}
        shown = raw.get("shown")
        return cls(
            done=[str(p) for p in raw.get("done") or []],
            shown=shown if isinstance(shown, int) and shown >= 0 else 0,
            item_path=str(item.get("path") or ""),
            item=dict(item.get("answers") or {}),
            item_done=[str(p) for p in item.get("done") or []],
        )


@dataclass
class Session:
    """One run of the questionnaire, filling `data` (a partial record) from the replies."""

    sections: list[Section]
    kind: Kind | None = None
    data: dict[str, Any] = field(default_factory=dict)
    offered: dict[str, Any] = field(default_factory=dict)  # path → a default to offer
    today: dt.date | None = None
    progress: Progress = field(default_factory=Progress)
    on_answer: Callable[[Session], None] | None = None

    @property
    def asked(self) -> int:
        return self.progress.shown

    def defaults(self) -> dict[str, Any]:
        flat: dict[str, Any] = {}
        if self.kind is not None:
            flat.update(_flatten(self.kind.record))
            flat.update(self.kind.defaults)
        flat.update(self.offered)
        return flat

    def _default(self, q: Question) -> Any:
        if q.offer == "today" and self.today is not None:
            return self.today
        return self.defaults().get(q.path)

    def example(self, q: Question) -> str:
        """The example shown with a question: the kind's when one was chosen (the model's
        examples come from several domains), else a neutral one or the model's."""
        if self.kind is not None:
            return self.kind.examples.get(q.path, "")
        general = general_examples()
        if q.path in general:
            return general[q.path]
        if q.control or q.path.startswith("metrics.") or q.doc.example is None:
            return ""  # one model example under every metric layer would mislead
        if q.doc.is_section or q.doc.kind in ("bool", "choice"):
            return ""
        example = q.doc.example
        return " ".join(str(example).split()) if isinstance(example, str) else str(example)

    def pending(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions if self._wanted(q)]

    def remaining(self) -> int:
        """Prompts still to come, the current one included, as the answers stand."""
        n = 0
        for q in self.pending():
            if not q.is_group:
                n += 1
                continue
            p = self.progress
            started = p.item_path == q.path
            items = get_path(self.data, q.path)
            has_items = isinstance(items, list) and bool(items)
            if started and (p.item or p.item_done):
                n += self._fields_left(q, p.item, p.item_done) + 1
            elif has_items:
                n += 1  # "Another …?"
            else:
                n += self._fields_left(q, {}, []) + 1
        return n

    def _fields_left(self, q: Question, item: dict[str, Any], done: list[str]) -> int:
        return sum(
            1
            for sub in q.item
            if sub.doc.name not in done
            and not (sub.needs and not _answered_item(item, sub.needs, q.path))
        )

    def _wanted(self, q: Question) -> bool:
        if q.path in self.progress.done:
            return False
        if q.path != self.progress.item_path and has_path(self.data, q.path) and not q.is_group:
            return False
        if q.is_group and q.path != self.progress.item_path and has_path(self.data, q.path):
            return False
        if q.needs and not _answered(self.data, q.needs):
            return False
        parent = q.path.rsplit(".", 1)[0] if "." in q.path else ""
        return not (parent and get_path(self.data, parent) == UNKNOWN)

    def _prompt(self, q: Question, text: str, **extra: Any) -> Prompt:
        """The next numbered prompt; its total counts what is still to come. The number is
        taken once the prompt is answered, so a prompt interrupted is asked again as itself."""
        number = self.progress.shown + 1
        total = self.progress.shown + self.remaining()
        return Prompt(q, text, number, max(total, number), **extra)

    def _save(self) -> None:
        if self.on_answer is not None:
            self.on_answer(self)

    def run(self, asker: Asker) -> dict[str, Any]:
        live = [s for s in self.sections if any(self._wanted(q) for q in s.questions)]
        for index, section in enumerate(live, 1):
            shown = False
            for q in section.questions:
                if not self._wanted(q):
                    continue
                if not shown:
                    asker.section(section, index, len(live))
                    shown = True
                if q.is_group:
                    self._group(asker, q)
                else:
                    tip = _(self.kind.tips.get(q.path, "")) if self.kind else ""
                    prompt = self._prompt(
                        q, _(q.ask), tip=tip, default=self._default(q), example=self.example(q)
                    )
                    value = self._ask(asker, prompt)
                    self.progress.shown += 1
                    if value is not SKIP:
                        self._store(q, value)
                self.progress.done.append(q.path)
                self.progress.item_path, self.progress.item, self.progress.item_done = "", {}, []
                self._save()
        return self.data

    def _ask(self, asker: Asker, prompt: Prompt) -> Any:
        while True:
            reply = asker.ask(prompt)
            if (
                isinstance(reply, str)
                and reply.strip() in KEEP_DEFAULT
                and prompt.default is not None
            ):
                return SKIP
            value = parse_reply(prompt.doc, reply)
            if value is SKIP and prompt.default is not None and not prompt.optional_item:
                return prompt.default
            if value is HELP:
                asker.help(prompt)
                continue
            if isinstance(value, Invalid):
                asker.invalid(prompt, value.message)
                continue
            if (
                value is UNKNOWN
                and prompt.doc.required
                and not prompt.optional_item
                and not self._can_be_unknown(prompt)
            ):
                asker.invalid(
                    prompt, _("this one is needed; answer it, or press Enter to leave it for later")
                )
                continue
            return value

    def _can_be_unknown(self, prompt: Prompt) -> bool:
        """A required field of an optional section can be unknown: the section becomes unknown."""
        if prompt.item_label:
            return False
        parent = prompt.question.path.rsplit(".", 1)[0] if "." in prompt.question.path else ""
        return bool(parent) and not get_path(self.data, parent)

    def _store(self, q: Question, value: Any) -> None:
        if value is UNKNOWN and q.doc.required:
            set_path(self.data, q.path.rsplit(".", 1)[0], UNKNOWN)
            return
        set_path(self.data, q.path, value)

    def _group(self, asker: Asker, q: Question) -> None:
        p = self.progress
        if p.item_path != q.path:
            p.item_path, p.item, p.item_done = q.path, {}, []
        noun = _noun(q)
        tip = _(self.kind.tips.get(q.path, "")) if self.kind else ""
        while True:
            existing = get_path(self.data, q.path)
            count = len(existing) if isinstance(existing, list) else 0
            label = _("{noun} {n}").format(noun=noun, n=count + 1)
            for n, sub in enumerate(q.item):
                if sub.doc.name in p.item_done:
                    continue
                if sub.needs and not _answered_item(p.item, sub.needs, q.path):
                    continue
                first = n == 0
                text = _((q.ask if not count else (q.more or q.ask)) if first else sub.ask)
                prompt = self._prompt(
                    sub,
                    text,
                    tip=tip if first else "",
                    item_label=label,
                    optional_item=first,
                    example=self.example(sub) or (self.example(q) if first else ""),
                )
                value = self._ask_item(asker, prompt, first=first and not count)
                self.progress.shown += 1
                if first and value is UNKNOWN:
                    set_path(self.data, q.path, UNKNOWN)
                    return
                if first and value is SKIP:
                    return
                if value is not SKIP:
                    p.item[sub.doc.name] = (
                        self._controls(asker, sub.control, value, label) if sub.control else value
                    )
                p.item_done.append(sub.doc.name)
                self._save()
            item = self._with_id(asker, q, p.item, label)
            set_path(self.data, q.path, [*(existing if isinstance(existing, list) else []), item])
            p.item, p.item_done = {}, []
            self._save()

    def _ask_item(self, asker: Asker, prompt: Prompt, *, first: bool) -> Any:
        while True:
            value = self._ask(asker, prompt)
            if value is UNKNOWN and not first and prompt.optional_item:
                asker.invalid(prompt, _("press Enter to stop adding, or describe the next one"))
                continue
            if value is UNKNOWN and not prompt.optional_item and prompt.doc.required:
                asker.invalid(prompt, _("this one is needed for the item"))
                continue
            return value

    def _confirm_id(
        self, asker: Asker, list_path: str, suggestion: str, taken: set[str], label: str
    ) -> str:
        """Show the id made from her words; Enter keeps it, or she types her own."""
        doc = field_doc(f"{list_path}.id")
        if doc is None:  # pragma: no cover - every list with ids has an id field
            return suggestion
        question = Question(f"{list_path}.id", doc, _("Its short id (in messages, diffs, pages)"))
        prompt = Prompt(
            question,
            question.ask,
            max(self.progress.shown, 1),
            self.progress.shown + self.remaining(),
            default=suggestion,
            item_label=label,
            confirm=True,
        )
        while True:
            value = self._ask(asker, prompt)
            if value is SKIP or value is UNKNOWN:
                return suggestion
            text = str(value[0] if isinstance(value, list) else value)
            if text != suggestion and text in taken:
                asker.invalid(
                    prompt, _("'{id}' is already used here; choose another").format(id=text)
                )
                continue
            return text

    def _with_id(
        self, asker: Asker, q: Question, item: dict[str, Any], label: str
    ) -> dict[str, Any]:
        model = q.doc.model
        if model is None or "id" not in model.model_fields or "id" in item:
            return dict(item)
        source = str(item.get(q.id_from) or next(iter(item.values()), ""))
        taken = self._existing_ids(q.path)
        suggestion = short_id(source, taken)
        return {"id": self._confirm_id(asker, q.path, suggestion, taken, label), **item}

    def _existing_ids(self, path: str) -> set[str]:
        current = get_path(self.data, path)
        return (
            {str(i.get("id")) for i in current if isinstance(i, dict) and i.get("id")}
            if isinstance(current, list)
            else set()
        )

    def _controls(self, asker: Asker, function: str, value: Any, label: str) -> list[str]:
        """Turn mitigation text into controls under controls.<function>; return their ids.
        No status is written: she did not say whether a control is planned or in place."""
        texts = value if isinstance(value, list) else [value]
        path = f"controls.{function}"
        existing = get_path(self.data, path)
        controls = existing if isinstance(existing, list) else []
        taken = {str(c.get("id")) for c in controls if isinstance(c, dict) and c.get("id")}
        ids = []
        for text in texts:
            same = next((c for c in controls if c.get("title") == text), None)
            if same is not None:
                ids.append(same["id"])
                continue
            suggestion = short_id(str(text), taken, prefix="ctl-")
            cid = self._confirm_id(
                asker, path, suggestion, taken, _("Control for {item}").format(item=label.lower())
            )
            taken.add(cid)
            controls.append({"id": cid, "title": str(text)})
            ids.append(cid)
        set_path(self.data, path, controls)
        return ids


def _noun(q: Question) -> str:
    name = q.doc.name.replace("_", " ")
    words = {
        "harms": N_("Harm"),
        "sources": N_("Data source"),
        "components": N_("Model"),
    }
    return _(
        words.get(
            q.doc.name,
            N_("Metric") if q.path.startswith("metrics.") else name.capitalize().rstrip("s"),
        )
    )


def _answered(data: dict[str, Any], path: str) -> bool:
    value = get_path(data, path)
    return value not in (None, UNKNOWN, [], {}, "", False)


def _answered_item(item: dict[str, Any], needs: str, prefix: str) -> bool:
    local = needs[len(prefix) + 1 :] if needs.startswith(prefix + ".") else needs
    value = get_path(item, local)
    return value not in (None, UNKNOWN, [], {}, "", False)


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from _flatten(value, path)
        else:
            yield path, value
