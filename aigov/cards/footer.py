"""The running footer of a printed card (PDF and DOCX alike): which system, at which
revision, with which content hash and of which date, on every page, so a loose page still
says what it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aigov.i18n import _, shown_date


@dataclass(frozen=True)
class Footer:
    """The footer's three parts; the page number ("Page 3 of 12") follows them."""

    title: str  # "System card: Health and life claims triage"
    revision: str  # "Revision b698c3853105 of 2026-12-03" (or why there is none)
    content_hash: str  # "sha256:2bdc8194fbf065c4…"
    date: str  # "Generated 2026-12-03"

    @property
    def parts(self) -> tuple[str, str, str, str]:
        return (self.title, self.revision, self.content_hash, self.date)


def footer_for(title: str, provenance: dict[str, Any]) -> Footer:
    """The footer of a card from its title and its provenance (`card["provenance"]`)."""
    revision = provenance.get("revision") or ""
    if revision:
        when = shown_date((provenance.get("revision_date") or "")[:10])
        short = revision[:12]
        dirty = bool(provenance.get("dirty"))
        if when:
            text = (
                _("Revision {revision} of {date} with uncommitted changes")
                if dirty
                else _("Revision {revision} of {date}")
            ).format(revision=short, date=when)
        else:
            text = (
                _("Revision {revision} with uncommitted changes")
                if dirty
                else _("Revision {revision}")
            ).format(revision=short)
    else:
        text = _("Revision: not in a git repository")
    digest = provenance.get("content_hash") or ""
    generated = (provenance.get("generated_at") or "")[:10]
    return Footer(
        title=title,
        revision=text,
        content_hash=f"{digest[:23]}…" if len(digest) > 23 else digest,
        date=_("Generated {date}").format(date=shown_date(generated)) if generated else "",
    )
