"""Is any payload live in this HTML? Parsed with BeautifulSoup, never grepped.

Live means a browser would run it: an event-handler attribute, a script element carrying a
payload, a javascript:/data:/vbscript: URL in an attribute that navigates or loads, or an
element that embeds another document. Text that merely *shows* a payload is inert.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

EVENT = re.compile(r"^on[a-z]+$", re.I)
# browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:")
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster", "data")
EMBEDS = ("iframe", "object", "embed", "frame", "base")


def _scheme_text(value: str) -> str:
    return re.sub(r"[\x00-\x20]", "", value)


def live_payloads(html: str, where: str = "") -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if EVENT.match(attr) or (
                attr.lower() in URL_ATTRS and BAD_SCHEME.match(_scheme_text(text))
            ):
                found.append(f"{where}: <{tag.name} {attr}={text[:60]!r}>")
        if tag.name in EMBEDS:
            found.append(f"{where}: <{tag.name}> element")
        if tag.name == "script" and "alert(" in (tag.string or "") + str(tag.get("src", "")):
            found.append(f"{where}: <script>{(tag.string or '')[:60]}")
        if tag.name == "meta" and "refresh" in str(tag.get("http-equiv", "")).lower():
            found.append(f"{where}: <meta http-equiv=refresh>")
    return found


def strings_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *strings_in(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return [value] if isinstance(value, str) else []
