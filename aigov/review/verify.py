"""Is a sign-off what its reviewer made? Verified from git history, never believed.

For every sign-off entry in the record file, the file's history is searched for the commit
that brought the entry, exactly as it is now, into the file:

- When that commit changed an existing sign-off into this one (the entry it replaced is gone),
  the sign-off was *edited after it was made*: it is invalid. So is an entry edited in the
  working copy.
- Otherwise the commit introduced it. The sign-off is *signed* when that commit carries a good
  signature by a key of the reviewer (SSH: a key listed for the reviewer's name in the allowed
  signers file `.aigov/allowed_signers`; GPG: a valid key whose user id names the reviewer),
  *committed* when the commit's author is the reviewer, and *foreign* when neither.
- Its `record_hash` must be the content hash of the record at the `revision` it names.

Outside git, and where the history is shallow, nothing can be verified: the trust is *unknown*.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from aigov.hashing import canonical_json, content_hash
from aigov.i18n import N_, _
from aigov.review import splice
from aigov.review.git import Commit, GitError, Repo, Signature, find_repo
from aigov.yamlload import Document, load_bytes

ALLOWED_SIGNERS = ".aigov/allowed_signers"
ENV_ALLOWED_SIGNERS = "AIGOV_ALLOWED_SIGNERS"  # a file outside the repository, e.g. in CI
FIELDS = (
    "reviewer",
    "role",
    "decision",
    "date",
    "time",
    "conditions",
    "comment",
    "scope",
    "valid_until",
    "record_hash",
    "revision",
    "evidence_hashes",
    "component_hashes",
)


class Trust(StrEnum):
    SIGNED = "signed"  # introduced by a commit signed with the reviewer's key
    COMMITTED = "committed"  # introduced by a commit the reviewer authored, unsigned
    PENDING = "pending"  # in the working copy only: not committed yet
    FOREIGN = "foreign"  # committed by someone else, not signed by the reviewer
    UNKNOWN = "unknown"  # no history to check against (no git, shallow clone, revision gone)


@dataclass(frozen=True)
class Verdict:
    """What git history says about one sign-off entry."""

    trust: Trust
    reason: str = ""  # the trust in words ("committed by Dana Whitfield, not by ...")
    invalid: str = ""  # why the sign-off is invalid, or ""
    commit: Commit | None = None  # the commit that introduced (or last edited) the entry
    in_repo: bool = True  # False: the record is not in a git repository (or git is missing)
    # what it approved (`approved_revision`): the revision it records, else the first commit
    # of the run holding its content; and the commit that first held that content
    approved: Commit | None = None
    first_held: Commit | None = None
    backdated: str = ""  # "dated 2026-08-26, before the version it approves (... 2026-11-26)"

    def counts(self, level: str) -> bool:
        """Does the sign-off count under the policy's trust `level` (`committed`, `signed`)?
        Outside a repository nothing can be checked: a copy counts under `committed` (cards
        say "unverified") and never under `signed`."""
        if self.invalid:
            return False
        if self.trust == Trust.SIGNED:
            return True
        if level == "signed":
            return False
        if self.trust in (Trust.COMMITTED, Trust.PENDING):
            return True
        return self.trust == Trust.UNKNOWN and not self.in_repo

    def to_dict(self) -> dict[str, Any]:
        return {
            "trust": self.trust.value,
            "reason": self.reason,
            "invalid": self.invalid or None,
            "commit": self.commit.sha if self.commit else None,
            "approved": self.approved.sha if self.approved else None,
            "first_held": self.first_held.sha if self.first_held else None,
            "backdated": self.backdated or None,
        }


# shown in the language aigov writes in (`_(SHALLOW)` where a verdict is made)
SHALLOW = N_("the git history here is shallow, so who made it cannot be checked (fetch all of it)")
NO_GIT = N_("the record is not in a git repository, so who made it cannot be checked")
UNBORN = N_("not committed yet (the repository has no commits), so who made it cannot be checked")


def same_person(name: str, other: str) -> bool:
    return " ".join(name.split()).casefold() == " ".join(other.split()).casefold()


def other_committer(path: Path, reviewer: str) -> str | None:
    """The name git would commit `path` under (`user.name`) when it is not `reviewer`: such a
    commit would not make the reviewer's sign-off count. None when it is them, or unknown."""
    repo = find_repo(path)
    if repo is None:
        return None
    name = repo.run("config", "user.name", check=False).decode("utf-8", "replace").strip()
    return name if name and not same_person(name, reviewer) else None


def entries_of(data: Any) -> list[Any]:
    """The sign-off entries of a record's data, as written (an empty list when there are none)."""
    found = data.get("signoffs") if isinstance(data, dict) else None
    return found if isinstance(found, list) else []


def _reviewer(entry: Any) -> str:
    return str(entry.get("reviewer", "")) if isinstance(entry, dict) else ""


def _key(entry: Any) -> str:
    return canonical_json(entry)


def verify_signoffs(
    source: Path,
    data: Any,
    repo: Repo | None = None,
    *,
    doc: Document | None = None,
    data_hash: str = "",
) -> list[Verdict]:
    """A verdict for each sign-off entry of the record file `source` (its data: `data`; its
    parse `doc` and content hash `data_hash`, when known, spare reading it again)."""
    return verify_keyed(source, data, repo, doc=doc, data_hash=data_hash)[1]


def verify_keyed(
    source: Path,
    data: Any,
    repo: Repo | None = None,
    *,
    doc: Document | None = None,
    data_hash: str = "",
) -> tuple[tuple[str, str] | None, list[Verdict]]:
    """`verify_signoffs`, with what the verdicts were computed for (`verdict_key`), or None
    when no history was read (outside git, nothing committed, git failed)."""
    entries = entries_of(data)
    if not entries:
        return None, []
    repo = repo if repo is not None else find_repo(source)
    if repo is None:
        return None, [Verdict(Trust.UNKNOWN, _(NO_GIT), in_repo=False) for _entry in entries]
    try:
        head = repo.current_head()
        if head is None:  # a new repository: nothing is committed yet
            return None, [Verdict(Trust.PENDING, _(UNBORN)) for _entry in entries]
        rel = repo.rel(source)
        key = verdict_key(head, rel, entries)
        if key not in repo.verdicts:
            current = _current(source, data, data_hash or content_hash(data))
            history = _History(repo, rel, head, entries, current=current, doc=doc)
            repo.verdicts[key] = history.verdicts(entries)
            repo.forget(history.wanted)  # a worker sees thousands of files: keep no versions
        return key, list(repo.verdicts[key])
    except GitError as exc:
        why = _("git history could not be read ({error})").format(error=exc)
        return None, [Verdict(Trust.UNKNOWN, why) for _entry in entries]


def verdict_key(head: str, rel: str, entries: Sequence[Any]) -> tuple[str, str]:
    """What the verdicts of a record's sign-offs depend on: the commit checked out, the file,
    and its entries as written."""
    return f"{head}:{rel}", _key(list(entries))


def signoff_keys(blob: bytes, name: str) -> list[str] | None:
    """The sign-off entries of one committed version of a record (their canonical keys), None
    when it does not load. The whole file is read: a part of it could read differently."""
    parsed = _parse(blob, name)
    return None if parsed is None else parsed.keys


@dataclass
class _Read:
    """One version of a record as verification needs it: its sign-off entries' keys, and its
    content hash (computed from its data on first use)."""

    keys: list[str]
    data: Any = None
    known_hash: str | None = None

    @property
    def content_hash(self) -> str:
        if self.known_hash is None:
            self.known_hash = content_hash(self.data)
        return self.known_hash


def _parse(blob: bytes, name: str) -> _Read | None:
    """A committed version read in full, None when it does not load."""
    doc, _problems = load_bytes(blob, name)
    if doc is None:
        return None
    return _Read([_key(e) for e in entries_of(doc.data)], doc.data)


def _current(source: Path, data: Any, data_hash: str) -> tuple[bytes, _Read] | None:
    try:
        return source.read_bytes(), _Read([_key(e) for e in entries_of(data)], known_hash=data_hash)
    except OSError:
        return None


class _Lazy(Sequence[Any]):
    """A list whose items are computed on first use (`get(i)`)."""

    def __init__(self, size: int, get: Any) -> None:
        self._size, self._get = size, get
        self._done: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        if i not in self._done:
            self._done[i] = self._get(i)
        return self._done[i]


class _History:
    """The committed versions of one record file and what they say about its sign-offs.

    Versions are read when a question needs them (the search for the commit that introduced
    an entry stops there), and through their `signoffs` block alone where a version read in
    full proves that the same (aigov.review.splice)."""

    def __init__(
        self,
        repo: Repo,
        rel: str,
        head: str,
        entries: Sequence[Any] = (),
        current: tuple[bytes, _Read] | None = None,
        doc: Document | None = None,
    ):
        self.repo = repo
        self.rel = rel
        self.head = head
        # the file's bytes now and what they read as: not parsed again
        self.current = current
        self._seen: dict[bytes, _Read | None] = {}
        self.references: dict[tuple[str, int], splice.Reference] = {}
        if doc is not None and current is not None and current[1].known_hash:
            self._remember(doc, current[1].known_hash)
        self.commits = repo.file_log(rel, head)  # newest first, following renames
        self.shallow = repo.shallow_commits()
        # every version this history reads, in one `git cat-file` call: each commit's, its
        # parent's, and the one each sign-off's revision names
        wanted = [(c.sha, c.path) for c in self.commits]
        wanted += [(f"{c.sha}^", self._older_path(i)) for i, c in enumerate(self.commits)]
        wanted += [(rev, path) for rev in _revisions(entries) for path in self.paths()]
        self.wanted = wanted
        blobs = repo.show_many(wanted)[: len(self.commits)]
        self.versions: Sequence[list[str] | None] = _Lazy(
            len(blobs), lambda i: self._keys(blobs[i])
        )
        self.hashes: Sequence[str | None] = _Lazy(  # each commit's content hash
            len(blobs), lambda i: self.hash_of(blobs[i])
        )

    def paths(self) -> list[str]:
        """The names the file had, newest first, ending with its name now."""
        return list(dict.fromkeys([*(c.path for c in self.commits), self.rel]))

    def _older_path(self, i: int) -> str:
        commit = self.commits[i]
        return self.commits[i + 1].path if i + 1 < len(self.commits) else commit.path

    def _keys(self, blob: bytes | None) -> list[str] | None:
        parsed = self._parsed(blob)
        return parsed.keys if parsed else None

    def hash_of(self, blob: bytes | None) -> str | None:
        """The content hash of a version, None when it does not load."""
        parsed = self._parsed(blob)
        return parsed.content_hash if parsed else None

    def _parsed(self, blob: bytes | None) -> _Read | None:
        if blob is None:
            return None
        if self.current is not None and blob == self.current[0]:
            return self.current[1]  # the committed version is the file now
        if blob not in self._seen:  # a parent's version is usually an older commit's too
            self._seen[blob] = self._read(blob)
        return self._seen[blob]

    def _read(self, blob: bytes) -> _Read | None:
        """Through the sign-offs block when a reference proves that enough, else in full (and
        then a reference for the versions after it)."""
        quick = splice.signoffs_only(blob, self.references, self.rel)
        if quick is not None:
            value, digest = quick
            return _Read([_key(e) for e in value] if isinstance(value, list) else [], None, digest)
        doc, _problems = load_bytes(blob, self.rel)
        if doc is None:
            return None
        read = _Read([_key(e) for e in entries_of(doc.data)], doc.data)
        self._remember(doc, read.content_hash)
        return read

    def _remember(self, doc: Document, digest: str) -> None:
        found = splice.reference_of(doc, digest)
        if found is not None:
            self.references[found[0]] = found[1]

    def verdicts(self, entries: Sequence[Any]) -> list[Verdict]:
        keys = [_key(e) for e in entries]
        events = [self._introduction(k) for k in keys]
        introduced = sorted({e[0].sha for e in events if e is not None and e[1] is None})
        signers_file = allowed_signers(self.repo)
        if introduced:  # asked once for every commit of the shared log, then remembered
            self.repo.folder_signatures(self.rel, self.head, signers_file)
        signatures = self.repo.signatures(introduced, signers_file) if introduced else {}
        principals = principals_by_key(signers_file)
        out = []
        for entry, key, event in zip(entries, keys, events, strict=True):
            if event is None:
                out.append(self._uncommitted(entry, key, keys))
                continue
            commit, replaced = event
            if replaced is not None:
                where = _("in {commit} by {author}").format(
                    commit=commit.short, author=commit.author
                )
                out.append(
                    Verdict(Trust.FOREIGN, invalid=_edited(replaced, entry, where), commit=commit)
                )
            elif commit.sha in self.shallow:
                out.append(Verdict(Trust.UNKNOWN, _(SHALLOW), commit=commit))
            else:
                sig = signatures.get(commit.sha)
                names = signature_names(sig, principals) if sig and sig.status == "G" else []
                verdict = _attribute(commit, _reviewer(entry), names)
                out.append(self._approval(entry, _check_revision(self, entry, verdict)))
        return out

    def _approval(self, entry: Any, verdict: Verdict) -> Verdict:
        """The verdict with what the sign-off approved and whether it is dated before that."""
        if verdict.invalid or not isinstance(entry, dict):
            return verdict
        approved, first = approved_revision(
            str(entry.get("revision") or ""),
            str(entry.get("record_hash") or ""),
            verdict.commit,
            self.commits,
            self.hashes,
            self._resolve,
        )
        if approved is None:
            return verdict
        return replace(
            verdict,
            approved=approved,
            first_held=first,
            backdated=backdated(entry, first, verdict.commit) if first else "",
        )

    def _resolve(self, revision: str) -> Commit | None:
        """The newest commit of the file at or before `revision` (a revision that did not
        touch the file holds the content of that commit)."""
        try:
            sha = self.repo.resolve(revision)
            found = self.repo.log(self.rel, limit=1, start=sha)
        except GitError:
            return None
        return found[0] if found else None

    def _introduction(self, key: str) -> tuple[Commit, Any] | None:
        """The newest commit that brought the entry into the file: (commit, the entry it
        replaced there, or None when it was new), or None when no commit holds it."""
        for i, (commit, keys) in enumerate(zip(self.commits, self.versions, strict=True)):
            if keys is None or key not in keys:
                continue
            before = self._parent_keys(i)
            if before is not None and key in before:
                continue  # already there before this commit: look further back
            return commit, _replaced(before or [], keys, key)
        return None

    def _parent_keys(self, i: int) -> list[str] | None:
        """The sign-offs of the file in the first parent of commit `i` (under the name the
        file had there), or None when the file did not exist there."""
        commit = self.commits[i]
        if commit.sha in self.shallow:
            return None
        return self._keys(self.repo.show(f"{commit.sha}^", self._older_path(i)))

    def _uncommitted(self, entry: Any, key: str, now: list[str]) -> Verdict:
        head = self.versions[0] if self.versions else None
        replaced = _replaced(head or [], now, key)
        if replaced is not None:
            return Verdict(
                Trust.FOREIGN,
                invalid=_edited(replaced, entry, _("in the working copy")),
            )
        return Verdict(Trust.PENDING, _("not committed yet, so who made it cannot be checked"))


def _replaced(before: list[str], after: list[str], key: str) -> Any:
    """The entry that `key` replaced between two versions of the sign-off list: the entries
    that disappeared, paired in order with those that appeared; None when `key` is new."""
    gone = list((Counter(before) - Counter(after)).elements())
    came = list((Counter(after) - Counter(before)).elements())
    gone.sort(key=before.index)
    came.sort(key=after.index)
    if key not in came:
        return None
    at = came.index(key)
    return json.loads(gone[at]) if at < len(gone) else None


def _edited(old: Any, new: Any, where: str) -> str:
    """'the sign-off was edited after it was made (decision, conditions changed in ...)'."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    changed = [k for k in FIELDS if _key(old.get(k)) != _key(new.get(k))]
    changed += sorted(
        k for k in set(old) | set(new) if k not in FIELDS and old.get(k) != new.get(k)
    )
    what = ", ".join(changed) or _("the entry")
    return _("the sign-off was edited after it was made ({what} changed {where})").format(
        what=what, where=where
    )


# --- who made it ----------------------------------------------------------------------------


def _attribute(commit: Commit, reviewer: str, signers: list[str]) -> Verdict:
    """Signed by the reviewer, committed by them, or neither."""
    if any(same_person(s, reviewer) for s in signers):
        signed_by = _("signed by {reviewer} in {commit}").format(
            reviewer=reviewer, commit=commit.short
        )
        return Verdict(Trust.SIGNED, signed_by, commit=commit)
    if same_person(commit.author, reviewer):
        return Verdict(
            Trust.COMMITTED,
            _("committed by {author} in {commit}, not signed").format(
                author=commit.author, commit=commit.short
            ),
            commit=commit,
        )
    text = (
        _(
            "committed by {author} in {commit}, signed by {signers}, not by {reviewer} and not "
            "signed by them"
        )
        if signers
        else _("committed by {author} in {commit}, not by {reviewer} and not signed by them")
    )
    return Verdict(
        Trust.FOREIGN,
        text.format(
            author=commit.author,
            commit=commit.short,
            signers=", ".join(signers),
            reviewer=reviewer,
        ),
        commit=commit,
    )


_PRINCIPALS: dict[Path, tuple[float, dict[str, list[str]]]] = {}


def signature_names(sig: Signature, principals: dict[str, list[str]]) -> list[str]:
    """The names a good signature stands for: for SSH, every principal the allowed signers
    file lists for its key; for GPG, the name in the key's user id."""
    if sig.key.startswith("SHA256:"):
        return [*([sig.signer] if sig.signer else []), *principals.get(sig.key, [])]
    name = gpg_user_name(sig.signer)
    return [name] if name else []


def gpg_user_name(user_id: str) -> str:
    """'Dana Whitfield (work) <dana@example.com>' → 'Dana Whitfield': the e-mail address and
    the comment before it go. String methods, not the pattern
    `\\s*(\\([^)]*\\))?\\s*<[^>]*>\\s*$`, whose adjacent blanks backtrack cubically on a
    user id with long runs of spaces (git output is untrusted text)."""
    name = user_id.strip()
    lt = name.rfind("<")
    if lt < 0 or not name.endswith(">") or ">" in name[lt + 1 : -1]:
        return name
    name = name[:lt].rstrip()
    if name.endswith(")"):
        op = name.rfind("(")
        if op >= 0 and ")" not in name[op + 1 : -1]:
            name = name[:op].rstrip()
    return name.strip()


def allowed_signers(repo: Repo) -> Path:
    """The allowed signers file: $AIGOV_ALLOWED_SIGNERS, else `.aigov/allowed_signers` in the
    repository (it may not exist: then no SSH signature verifies)."""
    given = os.environ.get(ENV_ALLOWED_SIGNERS)
    return Path(given) if given else repo.top / ALLOWED_SIGNERS


def principals_by_key(path: Path) -> dict[str, list[str]]:
    """SHA256 key fingerprint → principals, from an allowed signers file (ssh-keygen(1))."""
    try:
        stamp = path.stat().st_mtime
        cached = _PRINCIPALS.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return {}
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        fields = _split_fields(line.strip())
        if len(fields) < 3 or fields[0].startswith("#"):
            continue
        blob = next(
            (fields[i + 1] for i, f in enumerate(fields[:-1]) if i and _KEY_TYPE.match(f)), None
        )
        if blob is None:
            continue
        try:
            digest = hashlib.sha256(base64.b64decode(blob)).digest()
        except ValueError:
            continue
        fingerprint = "SHA256:" + base64.b64encode(digest).decode().rstrip("=")
        out.setdefault(fingerprint, []).extend(p for p in fields[0].split(",") if p)
    _PRINCIPALS[path] = (stamp, out)
    return out


_KEY_TYPE = re.compile(r"^(ssh-|ecdsa-|sk-)")
_FIELD = re.compile(r'(?:"[^"]*"|[^\s"])+')


def _split_fields(line: str) -> list[str]:
    """Whitespace-separated fields; a double-quoted part is kept whole (the quotes removed),
    so `"Jonas Becker" namespaces="git" ssh-ed25519 AAAA...` has four."""
    return [m.group().replace('"', "") for m in _FIELD.finditer(line)]


# --- what it approved -----------------------------------------------------------------------


def approved_revision(
    revision: str,
    record_hash: str,
    introduced: Commit | None,
    commits: Sequence[Commit],
    hashes: Sequence[str | None],
    resolve: Any = None,
) -> tuple[Commit | None, Commit | None]:
    """Which revision a sign-off approved, and the commit that first held that content.

    The one answer every page uses. The approved revision is the one the sign-off records
    (`revision`), never a later commit that merely has the same content hash (the commit that
    recorded the sign-off has it too: sign-offs are outside the hash). Without a recorded
    revision it is the first commit of the run of versions with that content that led up to
    the commit which introduced the sign-off. `commits` are the file's commits, newest first,
    `hashes` their content hashes; `resolve(revision)` finds a revision that is not one of them.
    Returns (None, None) when no commit holds the content.
    """
    if not record_hash:
        return None, None
    at: int | None = None
    if revision:
        at = next((i for i, c in enumerate(commits) if c.sha.startswith(revision)), None)
        if at is None and resolve is not None:
            found = resolve(revision)
            at = next((i for i, c in enumerate(commits) if found and c.sha == found.sha), None)
        if at is None or hashes[at] != record_hash:
            return None, None
    else:
        start = next(
            (i for i, c in enumerate(commits) if introduced and c.sha == introduced.sha), 0
        )
        at = next((i for i in range(start, len(commits)) if hashes[i] == record_hash), None)
        if at is None:
            return None, None
    first = at
    while first + 1 < len(commits) and hashes[first + 1] == record_hash:
        first += 1
    approved = commits[at] if revision else commits[first]
    return approved, commits[first]


def backdated(entry: dict[str, Any], first: Commit, introduced: Commit | None) -> str:
    """Why a sign-off is dated before the version it approves was first committed, or ''.

    Judged by day (UTC); with a recorded time, also within the day, unless the sign-off was
    committed together with the content (a reviewer approving the working copy)."""
    signed = signed_at(entry)
    if signed is None:
        return ""
    held = utc(first.date)
    if held is None:
        return ""
    # a sign-off's time has minutes, a commit's has seconds: the same minute is not before
    minute = held.replace(second=0, microsecond=0)
    if signed.date() < held.date() or (
        entry.get("time")
        and signed < minute
        and (introduced is None or introduced.sha != first.sha)
    ):
        return _(
            "dated {date}, before the version it approves ({commit}, first committed {held})"
        ).format(
            date=stamp(signed, bool(entry.get("time"))), commit=first.short, held=stamp(held, True)
        )
    return ""


def signed_at(entry: dict[str, Any]) -> dt.datetime | None:
    """The sign-off's date and time (UTC) from its entry; midnight when it has no time."""
    try:
        day = dt.date.fromisoformat(str(entry.get("date")))
    except ValueError:
        return None
    clock = dt.time(0, 0)
    if entry.get("time"):
        with contextlib.suppress(ValueError):
            clock = dt.time.fromisoformat(str(entry.get("time")).removesuffix("Z"))
    return dt.datetime.combine(day, clock.replace(tzinfo=None))


def utc(stamp_text: str) -> dt.datetime | None:
    """An ISO 8601 timestamp (a git date) as naive UTC."""
    try:
        parsed = dt.datetime.fromisoformat(stamp_text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def stamp(when: dt.datetime, with_time: bool) -> str:
    """'2026-12-03 10:14 UTC', or '2026-12-03' without a time."""
    return when.strftime("%Y-%m-%d %H:%M UTC") if with_time else when.date().isoformat()


_HEX = re.compile(r"[0-9a-f]{7,40}")


def _revisions(entries: Sequence[Any]) -> list[str]:
    """The revisions the sign-offs name that look like commit ids (read without asking git)."""
    found = (str(e.get("revision") or "") for e in entries if isinstance(e, dict))
    return list(dict.fromkeys(r for r in found if _HEX.fullmatch(r)))


def _check_revision(history: _History, entry: Any, verdict: Verdict) -> Verdict:
    """A named revision must hold the content the sign-off's record_hash claims."""
    revision = str(entry.get("revision") or "") if isinstance(entry, dict) else ""
    claimed = str(entry.get("record_hash") or "") if isinstance(entry, dict) else ""
    if not revision or not claimed:
        return verdict
    repo = history.repo
    sha = revision if _HEX.fullmatch(revision) else ""  # read in the history's one batch
    if not sha or all(repo.show(sha, path) is None for path in history.paths()):
        try:
            sha = repo.resolve(revision)
        except GitError:
            return Verdict(
                Trust.UNKNOWN,
                _(
                    "the revision it names ({revision}) is not in this repository, so what it "
                    "approved cannot be checked"
                ).format(revision=revision),
                commit=verdict.commit,
            )
    for path in history.paths():
        blob = repo.show(sha, path)
        if blob is None:
            continue
        if history.hash_of(blob) == claimed:
            return verdict
        break
    return Verdict(
        verdict.trust,
        verdict.reason,
        invalid=_(
            "its record_hash is not the content of the revision it names ({revision})"
        ).format(revision=revision),
        commit=verdict.commit,
    )
