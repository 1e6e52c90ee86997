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
from aigov.diagnostics import Diagnostic, Severity
from aigov.evidence import EvidencePathError, check_url, relative_link, resolve_evidence
from aigov.hashing import content_hash
from aigov.model import Evidence, ReviewDecision, ReviewRole, SignOff
from aigov.paths import find_root
from aigov.review.git import GitError, find_repo
from aigov.validate import validate_document
from aigov.yamlload import load_bytes, load_file, load_text


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
) -> Approval:
    """Record a sign-off in the record at `path` for its current content. `evidence`: the
    review memo and other documents, each a path to a file in the repository at `root` or an
    http(s) link."""
    result = Approval(display)
    memos, problems = evidence_entries(evidence or [], root or find_root(path.parent), display)
    if problems:
        result.diagnostics = problems
        return result
    conditions = [c.strip() for c in conditions or [] if c.strip()]
    reviewer = " ".join(reviewer.split())
    doc, diags = load_file(path, display)
    if doc is None:
        result.diagnostics = diags
        return result
    record, _, vdiags = validate_document(doc)
    errors = [d for d in vdiags if d.severity == Severity.ERROR]
    if record is None or errors:
        result.diagnostics = [
            *vdiags,
            Diagnostic(
                display,
                0,
                0,
                "AIG-APPROVE-INVALID",
                "the record has errors, so it cannot be approved",
                hint=f"Fix the problems above (`aigov validate {display}`), then approve again.",
            ),
        ]
        return result
    digest = content_hash(doc.data)
    result.record_hash = digest
    for existing in record.signoffs:
        if (
            existing.record_hash == digest
            and existing.role == role
            and existing.reviewer == reviewer
            and existing.decision == decision
            and list(existing.conditions) == conditions
            and [e.model_dump(exclude_none=True) for e in existing.evidence] == memos
        ):
            result.already = True
            result.signoff = existing
            return result
    revision, uncommitted = _revision(path, digest)
    result.revision, result.uncommitted = revision, uncommitted

    entry: dict[str, Any] = {}
    entry["reviewer"] = reviewer
    entry["role"] = role.value
    entry["decision"] = decision.value
    entry["date"] = date
    if conditions:
        entry["conditions"] = conditions
    entry["record_hash"] = digest
    if revision:
        entry["revision"] = revision
    if memos:
        entry["evidence"] = memos
    result.signoff = SignOff(
        reviewer=reviewer,
        role=role,
        decision=decision,
        date=date,
        conditions=conditions,
        record_hash=digest,
        revision=revision,
        evidence=[Evidence(**m) for m in memos],
    )

    raw = path.read_bytes()
    text = raw.decode("utf-8")
    new_text = ""
    problem = "not attempted"
    for method in (_insert_text, _round_trip):
        try:
            candidate = method(text, doc.root, entry)
        except Exception:  # an edit method that cannot handle this file: try the next
            continue
        if candidate is None:
            continue
        problem = _verify(candidate, display, digest, len(record.signoffs) + 1, result.signoff)
        if not problem:
            new_text = candidate
            break
    if problem:
        result.diagnostics.append(
            Diagnostic(
                display,
                0,
                0,
                "AIG-APPROVE-WRITE",
                f"the sign-off was not written: {problem}",
                hint="This is a bug in aigov; the record is unchanged. Add the sign-off by hand "
                f"with record_hash: {digest}",
            )
        )
        return result
    if not dry_run:
        try:
            write_atomic(path, new_text)
        except OSError as exc:
            result.diagnostics.append(
                Diagnostic(
                    display,
                    0,
                    0,
                    "AIG-IO",
                    f"cannot write the record: {exc.strerror or exc}",
                    hint="Check that the file and its folder are writable.",
                )
            )
            return result
        result.written = True
    return result


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
