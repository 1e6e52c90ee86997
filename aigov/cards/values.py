"""The small value types a card context is made of.

A card never hides a gap: every field it shows is a `Value` whose `state` says whether the
record gives it (`given`), answers it explicitly (`unknown`, `not_applicable` with a
justification), leaves it out (`missing`), or whether it is held back from this edition
(`withheld`, public builds only). Templates print `value.text` for given values and
`value.label` otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from aigov.dates import PartialDate
from aigov.fieldmodel.titles import label, slice_words, value_label, value_phrase
from aigov.fieldmodel.walk import choices, every_field
from aigov.i18n import N_, _, current, shown_date

State = Literal["given", "unknown", "not_applicable", "missing", "withheld"]

GAP_LABELS: dict[str, str] = {
    "unknown": N_("Unknown (not yet answered)"),
    "not_applicable": N_("Not applicable"),
    "missing": N_("Not provided"),
    "withheld": N_("Withheld from this edition"),
}


def humanize(code: str) -> str:
    """A vocabulary code as people say it, through the one label table
    (`aigov.fieldmodel.titles.value_label`): `human_in_the_loop` → "Human in the loop (a
    person approves each output)"; `llm` → "Large language model"; `ab_test` → "A/B test"."""
    return value_label(code)


def fmt_number(value: float | int) -> str:
    """Numbers as people write them: 0.88, 12, 1.5e-05 — no float noise; in Dutch and
    German with their separators (0,88, 14.000)."""
    if isinstance(value, bool):
        return yes_no(value)
    text = english_number(value)
    return text if current() == "en" else text.translate(SWAP_SEPARATORS)


#: English's decimal point and thousands comma, the other way round (Dutch, German)
SWAP_SEPARATORS = str.maketrans({".": ",", ",": "."})


def shown_when(when: object) -> str:
    """A sign-off's time as `Signoff.when` writes it ("2026-12-03 10:14 UTC" or a date
    alone) with its date in the language's form (English keeps it as it is)."""
    text = "" if when is None else str(when)
    day, sep, rest = text.partition(" ")
    return shown_date(day) + sep + rest


def in_sentence(label: object) -> str:
    """A label inside a sentence: lower-cased, except in German, whose nouns keep their
    capital ("in Umsetzung", "unter Auflagen freigegeben")."""
    text = "" if label is None else str(label)
    return text if current() == "de" else text.lower()


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def english_number(value: float | int) -> str:
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if math.isnan(value) or math.isinf(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}" if abs(value) < 1e-3 else f"{round(value, 4):g}"


def plain(raw: Any) -> Any:
    """A machine value for JSON: enums as codes, dates as ISO strings, lists element-wise."""
    if isinstance(raw, Enum):
        return raw.value
    if isinstance(raw, dt.date | dt.datetime | PartialDate):
        return raw.isoformat()
    if isinstance(raw, list | tuple):
        return [plain(x) for x in raw]
    if isinstance(raw, BaseModel):
        return raw.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return raw


def display(raw: Any) -> Any:
    """Human text for a value: enum codes humanized, booleans Yes/No, numbers tidy."""
    if isinstance(raw, Enum):
        return value_label(raw)
    if isinstance(raw, bool):
        return yes_no(raw)
    if isinstance(raw, int | float):
        return fmt_number(raw)
    if isinstance(raw, dt.datetime | PartialDate):
        return raw.isoformat()
    if isinstance(raw, dt.date):
        return shown_date(raw)
    if isinstance(raw, list | tuple):
        return [display(x) for x in raw]
    if isinstance(raw, BaseModel):
        return str(getattr(raw, "title", None) or getattr(raw, "name", None) or raw)
    return "" if raw is None else str(raw)


@dataclass(frozen=True)
class Value:
    """One shown field: its state, its machine value, its display text."""

    state: State
    value: Any = None
    text: Any = None  # str, or list[str] for list values
    justification: str = ""

    @property
    def given(self) -> bool:
        return self.state == "given"

    @property
    def is_list(self) -> bool:
        return isinstance(self.text, list)

    @property
    def label(self) -> str:
        """What to print when the value is not given."""
        if self.state == "not_applicable" and self.justification:
            return _("Not applicable: {reason}").format(reason=self.justification)
        return GAP_LABELS.get(self.state, "")

    def to_json(self) -> dict[str, Any]:
        if self.state == "given":
            return {"state": "given", "value": self.value}
        out: dict[str, Any] = {"state": self.state}
        if self.justification:
            out["justification"] = self.justification
        return out

    @classmethod
    def of(cls, raw: Any) -> Value:
        if raw is None or (isinstance(raw, list | tuple | dict | str) and len(raw) == 0):
            return cls("missing")
        return cls("given", plain(raw), display(raw))

    @classmethod
    def gap(cls, state: State, justification: str = "") -> Value:
        return cls(state, justification=justification)


@dataclass(frozen=True)
class Fact:
    """A labelled value in a facts table. `kind` tells templates how to lay it out:
    `text` (inline), `block` (paragraphs), `list` (bullets), `link` (value is a URL)."""

    key: str
    label: str
    value: Value
    kind: Literal["text", "block", "list", "link"] = "text"
    quoted: bool = False  # restates a field another card shows in full (kept out of search)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, **self.value.to_json()}


@dataclass
class Section:
    """A numbered card section. `state` is the state of the record part behind it as a whole:
    a section that is not given shows its heading and the gap label, nothing else."""

    id: str
    number: int
    title: str
    state: Value
    intro: str = ""
    facts: list[Fact] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Jinja looks attributes up first: `section.harms` reads parts["harms"]; a typo in a
        # template still fails loudly (StrictUndefined) because a KeyError becomes AttributeError.
        parts = self.__dict__.get("parts", {})
        if name in parts:
            return parts[name]
        raise AttributeError(name)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            **({"state": self.state.state} if self.state.given else self.state.to_json()),
            "facts": self.facts,
            **self.parts,
        }


@cache
def vocabulary() -> frozenset[str]:
    """Every code of the record's closed vocabularies that reads as code (has an underscore)."""
    codes: set[str] = set()
    for trail in every_field():
        codes.update(c for c in choices(trail[-1].base) if "_" in c)
    return frozenset(codes)


def plain_words(message: str) -> str:
    """A finding's message with vocabulary codes and dotted field paths said in words."""
    words = []
    for word in message.split(" "):
        core = word.strip("()[],;:'\"`")
        if not core:
            words.append(word)
            continue
        said = core
        if core in vocabulary():
            said = value_phrase(core)
        elif word.startswith("[") and "=" in core and core.split("=", 1)[0].isidentifier():
            # a slice as the checks write it: "[language=pl]"
            said = slice_words(core)
        elif (
            "." in core
            and core.split(".")[0].isidentifier()
            and all(p.isidentifier() or p.isdigit() or p == "*" for p in core.split("."))
        ):
            said = label([int(p) if p.isdigit() else p for p in core.split(".") if p != "*"])
        words.append(word.replace(core, said, 1) if said != core else word)
    return " ".join(words)
