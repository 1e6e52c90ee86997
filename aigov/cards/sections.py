"""A card as a list of sections: each `SectionSpec` names the section (its anchor id and its
title) and the small builder that fills it. The list decides the order, the numbering, the
table of contents and which template renders each section (`<kind>_card/<id>.<ext>.j2`, else
`_section.<ext>.j2`); see templates/README.md."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .builder import CardBuilder
from .values import Fact, Section, Value

B = TypeVar("B", bound=CardBuilder)
FieldSpec = tuple[str, str] | tuple[str, str, str]


@dataclass(frozen=True)
class SectionSpec(Generic[B]):
    """One section of a card: anchor id, title, optional intro, and its builder."""

    id: str
    title: str
    build: Callable[[B, SectionSpec[B]], Section]
    intro: str = ""
    # a section only some records have (From the source): left out, unnumbered, when False
    shown: Callable[[B], bool] | None = None


def open_section(b: CardBuilder, spec: SectionSpec[B], state: Value) -> Section:
    """The numbered, empty section for `spec` (its number is its place in the card)."""
    return b.section(spec.id, spec.title, state, spec.intro)


def build_sections(b: B, specs: Sequence[SectionSpec[B]]) -> list[Section]:
    return [spec.build(b, spec) for spec in specs if spec.shown is None or spec.shown(b)]


def facts_section(path: str, fields: Iterable[FieldSpec]) -> Callable[[B, SectionSpec[B]], Section]:
    """A builder for a section that is one part of the record shown as facts: its heading,
    the part's state and, when given, one fact per field (`(name, label[, kind])`)."""
    spec_fields = tuple(fields)

    def build(b: B, spec: SectionSpec[B]) -> Section:
        part = getattr(b.record, path)
        sec = open_section(b, spec, b.state(path, part))
        if sec.state.given:
            sec.facts = b.facts(path, part, spec_fields)
        return sec

    return build


def fact_part(
    b: CardBuilder, sec: Section, name: str, path: str, obj: object, fields: Iterable[FieldSpec]
) -> None:
    """A part of a section that is one object of the record shown as facts: its state
    (`<name>_state`: given, unknown, not applicable, missing, withheld) and its facts."""
    sec.parts[f"{name}_state"] = b.state(path, obj)
    sec.parts[name] = b.facts(path, obj, fields)


FactSpec = list[tuple[str, str] | tuple[str, str, str]]

#: The Hugging Face card's environmental-impact fields, always listed (a gap is shown).
ENVIRONMENT_FACTS: FactSpec = [
    ("hardware", "Hardware"),
    ("hours", "Hours used"),
    ("cloud_provider", "Cloud provider"),
    ("region", "Compute region"),
    ("co2_eq_kg", "Carbon emitted (kg CO2 eq.)"),
]

#: Compute and emissions totals and offsets, listed where the record states them.
ENVIRONMENT_TOTALS: FactSpec = [
    ("gpu_hours", "Accelerator hours (GPU/TPU)"),
    ("compute_flops", "Training compute (FLOP)"),
    ("energy_kwh", "Energy (kWh)"),
    ("co2_eq_market_based_kg", "Market-based emissions (kg CO2 eq.)"),
    ("co2_eq_offset_kg", "Emissions offset (kg CO2 eq.)"),
    ("notes", "How estimated", "block"),
]


def stated(facts: list[Fact]) -> list[Fact]:
    """The facts the record states (given, unknown or not applicable), not the missing ones."""
    return [f for f in facts if f.value.state != "missing"]
