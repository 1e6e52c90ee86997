"""The `aigov new` questionnaire: the playbook's questions, as data, asked through a callback.

The questions live in `aigov/data/questions.yaml`, the `--like` starting points in
`aigov/data/kinds.yaml`; help text, examples, types and allowed values come from the record
model. This module turns replies into record data and never prints: the command line passes an
`Asker` that talks to the terminal (tests pass a scripted one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from aigov.answers import UNKNOWN
from aigov.authoring.fields import FieldDoc, field_doc
from aigov.authoring.recorddata import expand_dotted, get_path, has_path, merge, set_path, slug
from aigov.authoring.replies import HELP, KEEP_DEFAULT, SKIP, UNKNOWN_WORDS, Invalid, parse_reply
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
    "Prompt",
    "Question",
    "QuestionsError",
    "Section",
    "Session",
    "all_sections",
    "expand_dotted",
    "get_path",
    "has_path",
    "kind_names",
    "kinds",
    "merge",
    "next_gate",
    "parse_reply",
    "sections_for",
    "set_path",
    "slug",
]


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

    @property
    def is_group(self) -> bool:
        return bool(self.item)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    description: str
    record: dict[str, Any]
    defaults: dict[str, Any]
    tips: dict[str, str]


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


@cache
def kinds() -> dict[str, Kind]:
    raw = _read("kinds.yaml")["kinds"]
    out = {}
    for name, spec in raw.items():
        for path in [*spec.get("defaults", {}), *spec.get("tips", {})]:
            if field_doc(path) is None:
                raise QuestionsError(
                    f"kinds.yaml: {name} names '{path}', which is not a record field"
                )
        out[name] = Kind(
            name,
            spec["title"],
            spec["description"],
            spec.get("record", {}),
            spec.get("defaults", {}),
            spec.get("tips", {}),
        )
    return out


def kind_names() -> list[str]:
    return list(kinds())


def sections_for(kind: str | None, gate: Stage) -> list[Section]:
    """The questions to ask for this kind of system, aimed at `gate`."""
    out = []
    for section in all_sections():
        questions = tuple(
            q
            for q in section.questions
            if (not q.kinds or kind is None or kind in q.kinds)
            and (q.gate is None or q.gate.order <= gate.order)
        )
        if questions:
            out.append(Section(section.id, section.title, section.intro, questions))
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
    number: int  # 1-based position among the questions asked
    total: int
    tip: str = ""
    default: Any = None
    item_label: str = ""  # "Harm 2" for questions about one list item
    optional_item: bool = False  # Enter ends the list instead of skipping

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
class Session:
    """One run of the questionnaire, filling `data` (a partial record) from the replies."""

    sections: list[Section]
    kind: Kind | None = None
    data: dict[str, Any] = field(default_factory=dict)
    asked: int = 0

    def defaults(self) -> dict[str, Any]:
        if self.kind is None:
            return {}
        flat = dict(_flatten(self.kind.record))
        flat.update(self.kind.defaults)
        return flat

    def pending(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions if self._wanted(q)]

    def _wanted(self, q: Question) -> bool:
        if has_path(self.data, q.path):
            return False
        if q.needs and not _answered(self.data, q.needs):
            return False
        parent = q.path.rsplit(".", 1)[0] if "." in q.path else ""
        return not (parent and get_path(self.data, parent) == UNKNOWN)

    def run(self, asker: Asker) -> dict[str, Any]:
        total = len(self.pending())
        defaults = self.defaults()
        live = [s for s in self.sections if any(self._wanted(q) for q in s.questions)]
        for index, section in enumerate(live, 1):
            asker.section(section, index, len(live))
            for q in section.questions:
                if not self._wanted(q):
                    continue
                self.asked += 1
                tip = self.kind.tips.get(q.path, "") if self.kind else ""
                prompt = Prompt(q, q.ask, self.asked, total, tip, defaults.get(q.path))
                if q.is_group:
                    self._group(asker, prompt)
                else:
                    value = self._ask(asker, prompt)
                    if value is not SKIP:
                        self._store(q, value)
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
                    prompt, "this one is needed; answer it, or press Enter to leave it for later"
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

    def _group(self, asker: Asker, prompt: Prompt) -> None:
        q = prompt.question
        items: list[dict[str, Any]] = []
        noun = _noun(q)
        while True:
            item: dict[str, Any] = {}
            label = f"{noun} {len(items) + 1}"
            for n, sub in enumerate(q.item):
                if sub.needs and not _answered_item(item, sub.needs, q.path):
                    continue
                text = (
                    (prompt.text if not items else (q.more or prompt.text)) if n == 0 else sub.ask
                )
                sub_prompt = Prompt(
                    sub,
                    text,
                    prompt.number,
                    prompt.total,
                    prompt.tip if n == 0 else "",
                    None,
                    label,
                    optional_item=n == 0,
                )
                value = self._ask_item(asker, sub_prompt, first=n == 0 and not items)
                if n == 0 and value is UNKNOWN:
                    set_path(self.data, q.path, UNKNOWN)
                    return
                if n == 0 and value is SKIP:
                    item = {}
                    break
                if value is SKIP:
                    continue
                if sub.control:
                    item[sub.doc.name] = self._controls(sub.control, value)
                else:
                    item[sub.doc.name] = value
            if not item:
                break
            items.append(self._with_id(q, item, items))
        if items:
            existing = get_path(self.data, q.path)
            set_path(self.data, q.path, [*(existing if isinstance(existing, list) else []), *items])

    def _ask_item(self, asker: Asker, prompt: Prompt, *, first: bool) -> Any:
        while True:
            value = self._ask(asker, prompt)
            if value is UNKNOWN and not first and prompt.optional_item:
                asker.invalid(prompt, "press Enter to stop adding, or describe the next one")
                continue
            if value is UNKNOWN and not prompt.optional_item and prompt.doc.required:
                asker.invalid(prompt, "this one is needed for the item")
                continue
            return value

    def _with_id(
        self, q: Question, item: dict[str, Any], siblings: list[dict[str, Any]]
    ) -> dict[str, Any]:
        model = q.doc.model
        if model is None or "id" not in model.model_fields or "id" in item:
            return item
        source = str(item.get(q.id_from) or next(iter(item.values()), ""))
        taken = {s.get("id") for s in siblings} | self._existing_ids(q.path)
        return {"id": slug(source, {t for t in taken if t}), **item}

    def _existing_ids(self, path: str) -> set[str]:
        current = get_path(self.data, path)
        return (
            {str(i.get("id")) for i in current if isinstance(i, dict) and i.get("id")}
            if isinstance(current, list)
            else set()
        )

    def _controls(self, function: str, value: Any) -> list[str]:
        """Turn mitigation text into planned controls under controls.<function>; return ids."""
        texts = value if isinstance(value, list) else [value]
        path = f"controls.{function}"
        existing = get_path(self.data, path)
        controls = existing if isinstance(existing, list) else []
        taken = {c.get("id") for c in controls if isinstance(c, dict)}
        ids = []
        for text in texts:
            same = next((c for c in controls if c.get("title") == text), None)
            if same is not None:
                ids.append(same["id"])
                continue
            cid = slug(str(text), {t for t in taken if t}, prefix="ctl-")
            taken.add(cid)
            controls.append({"id": cid, "title": str(text), "status": "planned"})
            ids.append(cid)
        set_path(self.data, path, controls)
        return ids


def _noun(q: Question) -> str:
    name = q.doc.name.replace("_", " ")
    words = {
        "harms": "Harm",
        "sources": "Data source",
        "components": "Model",
    }
    return words.get(
        q.doc.name, "Metric" if q.path.startswith("metrics.") else name.capitalize().rstrip("s")
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
