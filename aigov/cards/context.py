"""Build the template context of a card from a loaded record.

The context is plain data (dicts, lists, `Value`, `Fact`, `Section`) that every format shares:
the Markdown and HTML templates render it, the JSON format serialises it. It is documented in
`templates/README.md`; keep the two in step.

Nothing here formats for a medium: no HTML, no Markdown, no escaping. Record text stays raw
text; templates escape it (HTML autoescape, the Markdown filters of `escape.py`).

Where things are: `builder.py` reads a record into values and the views both cards share;
`system_card.py` builds the system card section by section; `model_card.py` a model card.
"""

from __future__ import annotations

from .builder import (
    CARD_FORMAT_VERSION,
    CardOptions,
    CheckInputs,
    check_inputs,
    completeness_view,
    component_ids,
    find_component,
    rating,
    risk_matrix,
)
from .model_card import model_card_context
from .system_card import glance, system_card_context

__all__ = [
    "CARD_FORMAT_VERSION",
    "CardOptions",
    "CheckInputs",
    "check_inputs",
    "completeness_view",
    "component_ids",
    "find_component",
    "glance",
    "model_card_context",
    "rating",
    "risk_matrix",
    "system_card_context",
]
