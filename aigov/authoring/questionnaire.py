"""The `aigov new` questionnaire: the playbook's questions, as data, asked through a callback.

The questions live in `aigov/data/questions.yaml`, the `--like` starting points in
`aigov/data/kinds.yaml`; help text, examples, types and allowed values come from the record
model. This module turns replies into record data and never prints: the command line passes an
`Asker` that talks to the terminal (tests pass a scripted one).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from aigov.answers import UNKNOWN
from aigov.authoring.fields import FieldDoc, field_doc
from aigov.model import Stage

SKIP = object()  # the reply "nothing yet": leave a placeholder
HELP = object()  # the reply "?": show the help and ask again
UNKNOWN_WORDS = {"u", "unknown", "unknown yet", "?u", "dunno"}
KEEP_DEFAULT = {"-"}  # typed to skip a question that offers a default


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


# --- record data helpers -------------------------------------------------------------------


def get_path(data: dict[str, Any], path: str) -> Any:
    current: Any = data
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def has_path(data: dict[str, Any], path: str) -> bool:
    current: Any = data
    for part in path.split("."):
        if current == UNKNOWN:
            return True  # a whole section answered `unknown` covers its fields
        if not isinstance(current, dict) or part not in current:
            return False
        current = current[part]
    return True


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    current = data
    for part in parts[:-1]:
        nxt = current.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            current[part] = nxt
        current = nxt
    current[parts[-1]] = value


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge, everything else in `extra` wins."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def expand_dotted(data: dict[str, Any]) -> dict[str, Any]:
    """{'use_case.problem': x} → {'use_case': {'problem': x}}, merged with nested keys."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        nested = expand_dotted(value) if isinstance(value, dict) else value
        if isinstance(key, str) and "." in key:
            holder: dict[str, Any] = {}
            set_path(holder, key, nested)
            out = merge(out, holder)
        elif isinstance(nested, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], nested)
        else:
            out[key] = nested
    return out


def slug(text: str, taken: Iterable[str] = (), prefix: str = "") -> str:
    """A record id from free text: lowercase ASCII, hyphens, at most 40 characters, unique."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    base = (prefix + words)[:40].strip("-") or (prefix.strip("-") or "item")
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:36]}-{n}"
        n += 1
    return candidate


# --- parsing replies -----------------------------------------------------------------------


@dataclass(frozen=True)
class Invalid:
    message: str


def _one(doc: FieldDoc, text: str) -> Any:
    text = text.strip()
    kind = doc.kind
    if kind == "choice":
        choices = list(doc.choices)
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1]
        lowered = text.lower().replace(" ", "_").replace("-", "_")
        if lowered in choices:
            return lowered
        starts = [c for c in choices if c.startswith(lowered)]
        if len(starts) == 1:
            return starts[0]
        if len(starts) > 1:
            return Invalid(
                f"'{text}' could be {' or '.join(starts)}; type more letters or a number"
            )
        return Invalid(f"'{text}' is not one of: {', '.join(choices)} (a number works too)")
    if kind == "bool":
        lowered = text.lower()
        if lowered in ("y", "yes", "true", "1", "j", "ja", "oui", "si", "sí"):
            return True
        if lowered in ("n", "no", "false", "0", "nein", "non"):
            return False
        return Invalid("answer yes or no (y/n)")
    if kind == "int":
        try:
            value = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            return Invalid(f"'{text}' is not a whole number")
        limits = dict(doc.constraints)
        if ("ge" in limits and value < limits["ge"]) or ("le" in limits and value > limits["le"]):
            return Invalid(f"{value} is outside {limits.get('ge', '…')}–{limits.get('le', '…')}")
        return value
    if kind == "float":
        try:
            return float(text.replace(",", "").replace("%", "").strip())
        except ValueError:
            return Invalid(f"'{text}' is not a number")
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return Invalid(f"'{text}' is not a date; write YYYY-MM-DD, e.g. 2026-03-31")
    if "pattern" in dict(doc.constraints) and not re.match(dict(doc.constraints)["pattern"], text):
        return Invalid("use lowercase letters, digits and hyphens, e.g. claims-triage")
    return text


def parse_reply(doc: FieldDoc, reply: str | list[str]) -> Any:
    """A reply typed by a person → a value, UNKNOWN, SKIP, HELP or Invalid(message)."""
    if isinstance(reply, list):
        items = [r.strip() for r in reply if r.strip()]
        if not items:
            return SKIP
        if len(items) == 1 and items[0].lower() in UNKNOWN_WORDS:
            return UNKNOWN
        if len(items) == 1 and items[0] == "?":
            return HELP
        if doc.is_list and doc.kind == "choice" and len(items) == 1:
            return parse_reply(doc, items[0])
        values = [_one(doc, i) for i in items]
        bad = next((v for v in values if isinstance(v, Invalid)), None)
        return bad if bad else values
    text = reply.strip()
    if not text:
        return SKIP
    if text == "?":
        return HELP
    if text.lower() in UNKNOWN_WORDS:
        return UNKNOWN
    if doc.is_list:
        parts = (
            [p for p in re.split(r"\s*[,;]\s*|\s+", text) if p] if doc.kind == "choice" else [text]
        )
        return (
            parse_reply(doc, parts)
            if len(parts) > 1
            else ([v] if not isinstance(v := _one(doc, parts[0]), Invalid) else v)
        )
    return _one(doc, text)


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
