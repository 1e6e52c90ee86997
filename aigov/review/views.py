"""Review state as plain values for templates: changes, sign-offs, stale groups.

Cards and the site's history page show sign-offs and changes the same way; both read these.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from aigov.model import unwrap
from aigov.review.diff import Change, show, word_diff
from aigov.review.labels import SEP, field_title, item_name, model_at
from aigov.review.signoffs import SignOffState, Status

LONG = 80  # text values longer than this are shown as a word redline
MAX_CHANGES = 200  # per timeline entry; the rest is summarised


def change_view(c: Change, data: Any = None, old_data: Any = None) -> dict[str, Any]:
    """A change as plain strings for a template: values spelled out, long texts redlined as
    "was: … / now: …" (each side whole, so copied text reads right), added or removed items
    as rows of field and value. With the record's data (`data`, and `old_data` for removals),
    a change to a control is named by the harms it mitigates."""
    old = show(c.old) if c.kind in ("changed", "removed", "reordered") else None
    new = show(c.new) if c.kind in ("changed", "added", "reordered") else None
    if c.kind == "reordered":
        old = ", ".join(map(str, c.old or []))
        new = ", ".join(map(str, c.new or []))
    names = tuple(str(x) for x in c.path if isinstance(x, str))
    if c.kind == "changed" and names and names[-1] in _enum_fields(names[:-1]):
        old = field_title(old) if isinstance(c.old, str) and old else old
        new = field_title(new) if isinstance(c.new, str) and new else new
    words = None
    was = now = None
    if (
        c.kind == "changed"
        and isinstance(c.old, str)
        and isinstance(c.new, str)
        and max(len(c.old), len(c.new)) > LONG
    ):
        pairs = word_diff(c.old, c.new)
        words = [{"op": op, "text": text} for op, text in pairs]
        was = [{"op": op, "text": text} for op, text in pairs if op != "insert"]
        now = [{"op": op, "text": text} for op, text in pairs if op != "delete"]
    value = c.new if c.kind == "added" else c.old if c.kind == "removed" else None
    return {
        "kind": c.kind,
        "label": reviewer_label(c, old_data if c.kind == "removed" else data),
        "field": c.field,
        "old": old,
        "new": new,
        "words": words,
        "was": was,
        "now": now,
        "rows": value_rows(value, names),
    }


def value_rows(value: Any, where: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """An added or removed item as rows a reader scans (field, value), [] for a plain value.
    `where` (the field names of its path) finds the model, so enum codes read as words."""
    if isinstance(value, dict) and set(value) != {"not_applicable"}:
        enums = _enum_fields(where)
        return [
            {
                "field": field_title(str(k)),
                "value": field_title(v) if k in enums and isinstance(v, str) else _one_line(v),
            }
            for k, v in value.items()
            if v not in (None, [], {})
        ]
    if isinstance(value, list) and value:
        return [{"field": "", "value": _one_line(v)} for v in value]
    return []


def _enum_fields(where: tuple[str, ...]) -> set[str]:
    """The fields of the model at `where` that hold a closed vocabulary (an enum)."""
    model = model_at(where)
    if model is None:
        return set()
    out = set()
    for name, info in model.model_fields.items():
        tp, _ = unwrap(info.annotation)
        if isinstance(tp, type) and issubclass(tp, Enum):
            out.add(name)
    return out


def _one_line(value: Any) -> str:
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(show(v) for v in value) or "(none)"
    if isinstance(value, dict) and set(value) != {"not_applicable"}:
        return "; ".join(f"{field_title(str(k))}: {_one_line(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(item_name(v) for v in value)
    return " ".join(show(value).split())


def reviewer_label(c: Change, data: Any) -> str:
    """The change's label the way a reviewer knows it: a control's change is the change to
    the mitigation of the harms it serves ("Mitigation of “Wrong refund promise” › Agent
    reviews and sends every draft › Status"); every other label as the record model gives it."""
    path = c.path
    if len(path) < 3 or path[0] != "controls" or not isinstance(path[2], int):
        return c.label
    controls = data.get("controls") if isinstance(data, dict) else None
    items = controls.get(path[1]) if isinstance(controls, dict) else None
    control = items[path[2]] if isinstance(items, list) and path[2] < len(items) else None
    ident = control.get("id") if isinstance(control, dict) else None
    harms = _harms_of(data, ident) if isinstance(ident, str) else []
    if not harms:
        return c.label
    names = " and ".join(f"“{h}”" for h in harms)
    rest = c.label.split(SEP)[2:]  # after "Controls › Manage"
    return SEP.join([f"Mitigation of {names}", *rest])


def _harms_of(data: Any, control_id: str) -> list[str]:
    ia = data.get("impact_assessment") if isinstance(data, dict) else None
    harms = ia.get("harms") if isinstance(ia, dict) else None
    return [
        item_name(h)
        for h in harms or []
        if isinstance(h, dict) and control_id in (h.get("mitigations") or [])
    ]


def changes_view(
    changes: list[Change] | None, data: Any = None, old_data: Any = None
) -> dict[str, Any]:
    if changes is None:
        return {"known": False, "items": [], "more": 0}
    return {
        "known": True,
        "items": [change_view(c, data, old_data) for c in changes[:MAX_CHANGES]],
        "more": max(0, len(changes) - MAX_CHANGES),
    }


def signoff_view(st: SignOffState, data: Any = None) -> dict[str, Any]:
    s = st.signoff
    return {
        "reviewer": s.reviewer,
        "role": st.role_title,
        "decision": s.decision.value.replace("_", " "),
        "date": s.date.isoformat(),
        "when": s.when,
        "conditions": [c.text for c in s.condition_items],
        "condition_items": condition_views(st),
        "comment": s.comment,
        "scope": s.scope,
        "valid_until": s.valid_until.isoformat() if s.valid_until else None,
        "record_hash": s.record_hash,
        "backdated": st.backdated,
        "lapses": [lapse.text for lapse in st.lapses],
        "status": st.status.value,
        "effective": st.effective,
        "superseded": st.superseded_note,
        "headline": st.headline,
        "summary": st.change_summary,
        "approved_commit": st.approved.commit.short if st.approved else None,
        "approved_date": st.approved.commit.day if st.approved else None,
        "approved_at": commit_time(st.approved.commit.date) if st.approved else None,
        "revision": s.revision,
        "changes": changes_view(st.changes if st.status == Status.STALE else [], data),
    }


def condition_views(st: SignOffState) -> list[dict[str, Any]]:
    """Each condition with its status in words, owner and due date."""
    return [
        {
            "text": c.text,
            "status": c.status.value,
            "status_label": field_title(c.status.value),
            "owner": c.owner,
            "due": c.due.isoformat() if c.due else None,
            "note": c.note,
        }
        for c in st.signoff.condition_items
    ]


def commit_time(stamp: str) -> str:
    """A git timestamp as '2026-11-26 15:34 UTC'."""
    from aigov.review.verify import utc

    parsed = utc(stamp)
    return parsed.strftime("%Y-%m-%d %H:%M UTC") if parsed else stamp


def stale_blocks(states: list[SignOffState], data: Any = None) -> list[dict[str, Any]]:
    """One block per stale sign-off (never merged across reviewers): "Changed since the
    legal approval of 2026-12-03 10:14 UTC by Jonas Becker", what it approved, why it no
    longer binds (the record, an evidence file, its expiry) and the changes since."""
    out = []
    for st in states:
        if not (st.effective and st.status == Status.STALE):
            continue
        # a public copy names removed items from the current (redacted) data only
        old = st.approved.data if st.approved and not st.redacted else data
        out.append(
            {
                "headline": st.changed_since,
                "role": st.role_title,
                "reviewer": st.signoff.reviewer,
                "reviewers": [st.signoff.reviewer],
                "when": st.signoff.when,
                "summary": st.change_summary,
                "sentence": st.change_summary[:1].upper() + st.change_summary[1:],
                "approved_commit": st.approved.commit.short if st.approved else None,
                "approved_at": commit_time(st.approved.commit.date) if st.approved else None,
                "record_hash": st.signoff.record_hash,
                "lapses": [lapse.text for lapse in st.lapses if lapse.kind != "content"],
                "content_changed": st.content_changed,
                "changes": changes_view(st.changes if st.content_changed else [], data, old),
            }
        )
    return out


def stale_groups(states: list[SignOffState], data: Any = None) -> list[dict[str, Any]]:
    """The "changed since" blocks of a card or page: one per stale sign-off."""
    return stale_blocks(states, data)
