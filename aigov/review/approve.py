"""`aigov approve`: append a sign-off bound to the record's current content.

The sign-off is written with ruamel.yaml round-trip (comments and layout kept) and atomically.
Before the file is replaced, the new text is loaded again and must have the same content hash
and validate: approving can never change what was approved.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aigov.authoring.atomic import write_atomic
from aigov.authoring.roundtrip import RoundTrip
from aigov.binding import bound_paths, evidence_digests
from aigov.components import used_digests
from aigov.diagnostics import Diagnostic, Severity
from aigov.evidence import EvidencePathError, check_url, relative_link, resolve_evidence
from aigov.hashing import content_hash
from aigov.model import (
    Condition,
    ConditionStatus,
    Evidence,
    Record,
    ReviewDecision,
    ReviewRole,
    SignOff,
)
from aigov.paths import find_root
from aigov.review.git import GitError, find_repo
from aigov.validate import validate_document
from aigov.yamlload import Document, load_bytes, load_file, load_text


@dataclass
class Approval:
    """What `approve` did (or why it did not)."""

    path: str
    signoff: SignOff | None = None
    record_hash: str = ""
    revision: str | None = None
    written: bool = False
    already: bool = False  # the same sign-off was already recorded for this content
    uncommitted: bool = False  # the approved content is not committed to git yet
    commit: str | None = None  # the signed commit of the sign-off (approve --sign)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == Severity.ERROR for d in self.diagnostics)


def approve(
    path: Path,
    *,
    display: str,
    role: ReviewRole,
    reviewer: str,
    decision: ReviewDecision,
    date: dt.date,
    conditions: list[str] | None = None,
    evidence: list[str] | None = None,
    root: Path | None = None,
    dry_run: bool = False,
    sign: bool = False,
    time: dt.time | None = None,
    comment: str | None = None,
    scope: str | None = None,
    valid_until: dt.date | None = None,
    closed: dict[str, ConditionStatus] | None = None,
) -> Approval:
    """Record a sign-off in the record at `path` for its current content. `evidence`: the
    review memo and other documents, each a path to a file in the repository at `root` or an
    http(s) link. With `sign`, the file is then committed with `git commit -S` (the user's
    signing key), which is what makes the sign-off verifiably the reviewer's.

    The sign-off records its time (`time`, UTC), the SHA-256 of every evidence file it rests
    on (its own and the controls'), and the conditions: those given, plus the open conditions
    of the sign-off it supersedes (same role), carried forward unless `closed` records them
    met or waived (by their text)."""
    result = Approval(display)
    base = root or find_root(path.parent)
    memos, problems = evidence_entries(evidence or [], base, display)
    if problems:
        result.diagnostics = problems
        return result
    conditions = [c.strip() for c in conditions or [] if c.strip()]
    reviewer = " ".join(reviewer.split())
    if sign and find_repo(path) is None:
        result.diagnostics = [_problem(display, "AIG-APPROVE-SIGN", NO_REPO, SIGN_HINT)]
        return result
    loaded = _load(path, display, result)
    if loaded is None:
        return result
    doc, record = loaded
    digest = content_hash(doc.data)
    result.record_hash = digest
    items, problem = carried_conditions(record, role, conditions, closed or {})
    if problem:
        result.diagnostics = [_problem(display, "AIG-APPROVE-CONDITIONS", *problem)]
        return result
    if decision == ReviewDecision.APPROVED and any(c.status == ConditionStatus.OPEN for c in items):
        result.diagnostics = [
            _problem(display, "AIG-APPROVE-CONDITIONS", *_open_with_approved(items))
        ]
        return result
    if decision == ReviewDecision.APPROVED_WITH_CONDITIONS and not any(
        c.status == ConditionStatus.OPEN for c in items
    ):
        result.diagnostics = [
            _problem(
                display,
                "AIG-APPROVE-CONDITIONS",
                "--decision approved_with_conditions needs at least one open condition",
                "Give one with --condition TEXT, or decide approved.",
            )
        ]
        return result
    cited = [m["path"] for m in memos if "path" in m]
    hashes = evidence_digests(base, [*cited, *bound_paths(doc.data)])
    wanted = SignOff(
        reviewer=reviewer,
        role=role,
        decision=decision,
        date=date,
        time=time,
        conditions=[_plain(c) for c in items],
        comment=(comment or "").strip() or None,
        scope=(scope or "").strip() or None,
        valid_until=valid_until,
        record_hash=digest,
        evidence=[Evidence(**m) for m in memos],
        evidence_hashes=hashes,
        component_hashes=used_digests(base, record),
    )
    for existing in record.signoffs:
        if existing.model_copy(update={"date": date, "time": time, "revision": None}) == wanted:
            result.already = True
            result.signoff = existing
            return result
    result.revision, result.uncommitted = _revision(path, digest)
    result.signoff = wanted.model_copy(update={"revision": result.revision})
    entry = _entry(result.signoff, memos)
    new_text = _edited_text(path, doc, entry, display, len(record.signoffs) + 1, result)
    if new_text is None or dry_run:
        return result
    try:
        write_atomic(path, new_text)
    except OSError as exc:
        result.diagnostics.append(
            _problem(
                display,
                "AIG-IO",
                f"cannot write the record: {exc.strerror or exc}",
                "Check that the file and its folder are writable.",
            )
        )
        return result
    result.written = True
    if sign:
        _commit_signed(path, display, record.id, result)
    return result


NO_REPO = "--sign commits the sign-off, but the record is not in a git repository"
SIGN_HINT = (
    "Set up commit signing (for an SSH key: git config gpg.format ssh and git config "
    "user.signingkey ~/.ssh/id_ed25519.pub), list the key for your name in "
    ".aigov/allowed_signers, then approve again."
)


def _problem(display: str, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(display, 0, 0, code, message, hint=hint)


def _load(path: Path, display: str, result: Approval) -> tuple[Document, Record] | None:
    """The record's document and typed record, or None with the problems in `result`."""
    doc, diags = load_file(path, display)
    if doc is None:
        result.diagnostics = diags
        return None
    record, _, vdiags = validate_document(doc)
    if record is None or any(d.severity == Severity.ERROR for d in vdiags):
        result.diagnostics = [
            *vdiags,
            _problem(
                display,
                "AIG-APPROVE-INVALID",
                "the record has errors, so it cannot be approved",
                f"Fix the problems above (`aigov validate {display}`), then approve again.",
            ),
        ]
        return None
    return doc, record


def _entry(s: SignOff, memos: list[dict[str, str]]) -> dict[str, Any]:
    """The sign-off as the mapping written into the file, keys in the documented order."""
    entry: dict[str, Any] = {
        "reviewer": s.reviewer,
        "role": s.role.value,
        "decision": s.decision.value,
        "date": s.date,
    }
    if s.time is not None:
        entry["time"] = s.time.strftime("%H:%M")
    if s.conditions:
        entry["conditions"] = [
            c if isinstance(c, str) else c.model_dump(mode="json", exclude_none=True)
            for c in s.conditions
        ]
    for key in ("comment", "scope"):
        if getattr(s, key):
            entry[key] = getattr(s, key)
    if s.valid_until is not None:
        entry["valid_until"] = s.valid_until
    entry["record_hash"] = s.record_hash
    if s.revision:
        entry["revision"] = s.revision
    if memos:
        entry["evidence"] = memos
    if s.evidence_hashes:
        entry["evidence_hashes"] = dict(s.evidence_hashes)
    if s.component_hashes:
        entry["component_hashes"] = dict(s.component_hashes)
    return entry


def carried_conditions(
    record: Record, role: ReviewRole, given: list[str], closed: dict[str, ConditionStatus]
) -> tuple[list[Condition], tuple[str, str] | None]:
    """The new sign-off's conditions: those given (open), then the open conditions of the
    sign-off it supersedes, carried forward (open, with their owner and due date) or closed as
    `closed` says. A closing that names no open condition is a problem (message, hint)."""
    previous = [s for s in record.signoffs if s.role == role]
    latest = max(previous, key=lambda s: s.signed_at) if previous else None
    open_before = [
        c for c in (latest.condition_items if latest else []) if c.status == ConditionStatus.OPEN
    ]
    by_text = {_norm(c.text): c for c in open_before}
    unknown = [t for t in closed if _norm(t) not in by_text]
    if unknown:
        listed = "; ".join(c.text for c in open_before) or "none"
        return [], (
            f"'{unknown[0]}' is not an open condition of the {role.value} sign-off it "
            f"supersedes (open: {listed})",
            "Name the condition exactly as the earlier sign-off words it.",
        )
    shut = {_norm(t): status for t, status in closed.items()}
    out = [Condition(text=t) for t in given]
    seen = {_norm(t) for t in given}
    for c in open_before:
        key = _norm(c.text)
        if key in seen:
            continue
        out.append(c.model_copy(update={"status": shut.get(key, ConditionStatus.OPEN)}))
    return out, None


def _open_with_approved(items: list[Condition]) -> tuple[str, str]:
    texts = "; ".join(c.text for c in items if c.status == ConditionStatus.OPEN)
    return (
        f"the sign-off it supersedes has open conditions ({texts}); an approval without "
        "conditions would let them lapse",
        "Carry them forward (--decision approved_with_conditions) or record them closed "
        "(--condition-met TEXT or --condition-waived TEXT).",
    )


def _plain(c: Condition) -> str | Condition:
    """A bare open condition is written as its sentence; anything more as an item."""
    if c.status == ConditionStatus.OPEN and c.owner is None and c.due is None and not c.note:
        return c.text
    return c


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _edited_text(
    path: Path, doc: Document, entry: dict[str, Any], display: str, count: int, result: Approval
) -> str | None:
    """The file's text with the sign-off appended, proven to change nothing else; None with a
    diagnostic in `result` when no edit method manages."""
    text = path.read_bytes().decode("utf-8")
    problem = "not attempted"
    for method in (_insert_text, _round_trip):
        try:
            candidate = method(text, doc.root, entry)
        except Exception:  # an edit method that cannot handle this file: try the next
            continue
        if candidate is None:
            continue
        problem = _verify(candidate, display, result.record_hash, count, result.signoff)
        if not problem:
            return candidate
    result.diagnostics.append(
        _problem(
            display,
            "AIG-APPROVE-WRITE",
            f"the sign-off was not written: {problem}",
            "This is a bug in aigov; the record is unchanged. Add the sign-off by hand "
            f"with record_hash: {result.record_hash}",
        )
    )
    return None


def _commit_signed(path: Path, display: str, record_id: str, result: Approval) -> None:
    """`git commit -S` of the record with its new sign-off (only that file)."""
    s = result.signoff
    assert s is not None
    message = (
        f"Sign-off: {s.role.value} {s.decision.value.replace('_', ' ')} of {record_id} "
        f"by {s.reviewer} ({s.date.isoformat()})"
    )
    repo = find_repo(path)
    try:
        assert repo is not None
        result.commit = repo.commit(repo.rel(path), message, sign=True)
    except (GitError, AssertionError) as exc:
        result.diagnostics.append(
            _problem(
                display,
                "AIG-APPROVE-SIGN",
                f"the sign-off is written, but the signed commit failed: {exc}",
                SIGN_HINT.replace("then approve again", f"then run: git commit -S {display}"),
            )
        )


def evidence_entries(
    raw: list[str], root: Path, display: str
) -> tuple[list[dict[str, str]], list[Diagnostic]]:
    """Evidence entries for a sign-off (`title` and `path` or `url`), checked exactly as
    AIG-EVIDENCE-001/002 check them, or the problems."""
    entries: list[dict[str, str]] = []
    problems: list[Diagnostic] = []
    for given in (r.strip() for r in raw):
        if not given:
            continue
        if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", given):
            problem = check_url(given)
            if problem:
                problems.append(_evidence_problem(display, f"evidence url '{given}' {problem}"))
            else:
                entries.append({"title": given, "url": given})
            continue
        rel = relative_link(given) or given
        try:
            resolve_evidence(root, rel)
        except EvidencePathError as exc:
            problems.append(_evidence_problem(display, exc.message, exc.hint))
            continue
        entries.append({"title": rel.rsplit("/", 1)[-1], "path": rel})
    return entries, problems


def _evidence_problem(display: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(
        display,
        0,
        0,
        "AIG-APPROVE-EVIDENCE",
        f"{message}; the sign-off was not recorded",
        hint=hint or "Give a path to a file in this repository (evidence/…) or an http(s) link.",
    )


def _verify(text: str, display: str, digest: str, count: int, expected: SignOff | None) -> str:
    """Why the new text is not an exact 'old content + one sign-off', or ''."""
    try:
        doc = load_text(text, display)
    except Exception as exc:  # LoadError or anything unexpected
        return f"the edited file does not load ({exc})"
    if content_hash(doc.data) != digest:
        return "editing the file would have changed its content"
    record, _, vdiags = validate_document(doc)
    if record is None or any(d.severity == Severity.ERROR for d in vdiags):
        return "the edited file does not validate"
    if len(record.signoffs) != count or record.signoffs[-1] != expected:
        return "the sign-off list did not come out as expected"
    return ""


# --- two ways to append the sign-off -----------------------------------------------------------


def _entry_lines(entry: dict[str, Any], pad: str) -> list[str]:
    """The sign-off as a block list item, indented by `pad`; strings JSON-quoted when needed."""
    lines = []
    for i, (key, value) in enumerate(entry.items()):
        lead = f"{pad}- " if i == 0 else f"{pad}  "
        if isinstance(value, list):
            items = ", ".join(_flow(v) for v in value)
            lines.append(f"{lead}{key}: [{items}]")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines.extend(f"{pad}    {_scalar(k)}: {_scalar(v)}" for k, v in value.items())
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return lines


def _flow(value: Any) -> str:
    """A list item in flow style: a scalar, or a mapping such as an evidence entry."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._'()/-]*[A-Za-z0-9.)]$")


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if re.fullmatch(r"sha256:[0-9a-f]{64}", text):
        return text
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "unknown"}


def _last_line(node: yaml.Node) -> int:
    """0-based last line of a node's own content (comments after it excluded)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return max(_last_line(key), _last_line(value))
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return int(end.line) - 1
    return int(end.line)


def _insert_text(text: str, root: yaml.Node | None, entry: dict[str, Any]) -> str | None:
    """Append the entry by inserting lines, leaving every other byte of the file as it was.

    Handles a block `signoffs:` list and a missing one; anything else (a flow list, an
    empty value) is left to the round-trip writer.
    """
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    value = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "signoffs"),
        None,
    )
    if value is None:
        pad = " " * _sequence_offset(root)
        body = ["", "signoffs:", *_entry_lines(entry, pad)]
        while lines and lines[-1] == "":
            lines.pop()
        return newline.join([*lines, *body, ""])
    if not isinstance(value, yaml.SequenceNode) or value.flow_style or not value.value:
        return None
    first = value.value[0]
    dash = _dash_column(lines, first)
    if dash is None:
        return None
    after = _last_line(value.value[-1]) + 1
    return newline.join([*lines[:after], *_entry_lines(entry, " " * dash), *lines[after:]])


def _dash_column(lines: list[str], item: yaml.Node) -> int | None:
    """Column of the `-` that introduces a block list item."""
    line = lines[item.start_mark.line]
    col = line.rfind("-", 0, item.start_mark.column)
    if col < 0 or line[:col].strip():
        return None
    return col


def _sequence_offset(root: yaml.MappingNode) -> int:
    """How far this file indents `-` under a top-level key (0 or 2, as the file does)."""
    for _, v in root.value:
        if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
            return int(v.start_mark.column)
    return 2


def _round_trip(text: str, root: yaml.Node | None, entry: dict[str, Any]) -> str:
    """Append with ruamel.yaml round-trip (comments kept; layout may be normalised)."""
    rt = RoundTrip(text)
    item = CommentedMap()
    for key, value in entry.items():
        item[key] = (
            CommentedSeq(CommentedMap(v) if isinstance(v, dict) else v for v in value)
            if isinstance(value, list)
            else CommentedMap(value)
            if isinstance(value, dict)
            else value
        )
    signoffs = rt.data.get("signoffs")
    if not isinstance(signoffs, list):
        signoffs = CommentedSeq()
        rt.data["signoffs"] = signoffs
    signoffs.append(item)
    return rt.dump()


def _revision(path: Path, digest: str) -> tuple[str | None, bool]:
    """The last commit of the file when it holds the content being approved, and whether the
    approved content is still uncommitted (then no commit holds it yet)."""
    repo = find_repo(path)
    if repo is None:
        return None, False
    try:
        rel = repo.rel(path)
        log = repo.log(rel, limit=1)
        if not log:
            return None, True
        blob = repo.show(log[0].sha, log[0].path)
    except GitError:
        return None, False
    doc, _ = load_bytes(blob, rel) if blob is not None else (None, [])
    if doc is None or content_hash(doc.data) != digest:
        return None, True
    return log[0].short, False
