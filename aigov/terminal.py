"""Text for a terminal: kept importable for its callers; the function lives in
`aigov.textsafety` with the other output kinds (`terminal`, `terminal_styled`)."""

from __future__ import annotations

from aigov.textsafety import terminal as escape
from aigov.textsafety import terminal_styled as escape_styled

__all__ = ["escape", "escape_styled"]
