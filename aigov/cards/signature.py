"""The signature page that closes a system card and a model card: the sign-off that counts
for each role (superseded ones are in the Sign-offs section) and exactly what it binds — the system and record file, the approved revision and
content hash (`aigov.review.signoffs.locate_approved`, the same answer as every other page),
the time (UTC), scope, conditions with their status, valid-until, the evidence checksums —
and whether it still binds the content the card shows."""

from __future__ import annotations

from typing import Any

from aigov.i18n import N_, _
from aigov.review import review_state
from aigov.review.signoffs import SignOffState, Status, binding_text
from aigov.review.views import commit_time, condition_views

from .builder import CardBuilder
from .sections import SectionSpec, open_section
from .values import Section, display

INTRO = N_(
    "The sign-off that counts for each role, oldest first, and exactly what it binds. A "
    "sign-off approves one version of the record: the revision and content hash named here. "
    "When the content, a bound evidence file or the date it is valid until no longer matches, "
    "it no longer binds the version this card shows."
)


def signature_page(b: CardBuilder, spec: SectionSpec[Any]) -> Section:
    sos = b.record.signoffs
    state = b.state("signoffs", sos)
    sec = open_section(b, spec, state)
    review = review_state(b.loaded, today=b.today) if state.given else None
    sec.parts["system"] = {"id": b.record.id, "name": b.record.name, "path": b.loaded.path}
    sec.parts["current_hash"] = b.loaded.content_hash
    states = review.signoffs if review else []
    # what the card binds: the sign-off that counts for each role; superseded ones are history,
    # listed in the Sign-offs section
    sec.parts["blocks"] = same_evidence_as_before(
        [signature_block(b, st) for st in states if st.effective]
    )
    sec.parts["superseded"] = sum(1 for st in states if not st.effective)
    return sec


def signature_block(b: CardBuilder, st: SignOffState) -> dict[str, Any]:
    """One sign-off as the signature page shows it."""
    s = st.signoff
    approved = st.approved.commit if st.approved else None
    return {
        "reviewer": s.reviewer,
        "role_label": display(s.role),
        "decision": s.decision.value,
        "decision_label": display(s.decision),
        "when": s.when,
        "revision": approved.short if approved else s.revision,
        "revision_at": commit_time(approved.date) if approved else None,
        "record_hash": s.record_hash,
        "scope": s.scope,
        "comment": s.comment,
        "valid_until": s.valid_until.isoformat() if s.valid_until else None,
        "conditions": condition_views(st),
        "evidence_hashes": [{"path": k, "sha256": v} for k, v in s.evidence_hashes.items()],
        "binds": binds_now(st),
        "verified": _(st.trust_reason) if st.trust_reason else st.trust_reason,
        "backdated": st.backdated,
    }


def same_evidence_as_before(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each block with `evidence_as`: the number of an earlier block that binds exactly the
    same evidence files with the same checksums (0 if none). The page then says so instead
    of printing the same list of paths and SHA-256s again; nothing is left out."""
    out = []
    for i, block in enumerate(blocks):
        same = next(
            (
                j + 1
                for j, earlier in enumerate(blocks[:i])
                if block["evidence_hashes"]
                and earlier["evidence_hashes"] == block["evidence_hashes"]
            ),
            0,
        )
        out.append({**block, "evidence_as": same})
    return out


def binds_now(st: SignOffState) -> str:
    """Whether the sign-off still binds the content on this card, in one sentence."""
    if st.superseded_by is not None:
        return st.superseded_note
    if st.status == Status.CURRENT:
        return _("Yes: this card shows the content it approved")
    if st.status == Status.STALE:
        return _("No: {reasons}").format(reasons="; ".join(_(lapse.text) for lapse in st.lapses))
    if st.status == Status.UNBOUND:
        return _("Not bound: no content hash was recorded, so what it approved cannot be shown")
    if st.status == Status.UNVERIFIED and st.trust_reason:
        # aigov.review's words, translated here where the card shows them
        return _("Unverified: {reason}").format(reason=_(st.trust_reason))
    return binding_text(st)
