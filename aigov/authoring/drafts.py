"""The questionnaire's progress file, `.aigov/drafts/ID.yaml`: the answers given so far and
where the questionnaire stands, written atomically after every answer, so that stopping
(Ctrl-C, a closed terminal) loses nothing and `aigov new ID --resume` continues. A draft is
never a record: the record is written once, when the questionnaire ends. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov.authoring import yamltext
from aigov.authoring.atomic import write_atomic
from aigov.authoring.fields import field_doc
from aigov.authoring.questionnaire import Progress, kind_names
from aigov.errors import AigovError
from aigov.model import Stage
from aigov.paths import display_path
from aigov.yamlload import LoadError, load_text

DRAFTS = Path(".aigov") / "drafts"
VERSION = 1


class DraftError(AigovError):
    """A draft cannot be read or does not fit the command (exit 2)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message, hint=hint)


@dataclass
class Draft:
    record_id: str
    stage: Stage
    kind: str | None = None
    everyone: bool = False  # --all: legal's questions are asked too
    data: dict[str, Any] = field(default_factory=dict)
    progress: Progress = field(default_factory=Progress)

    @property
    def answered(self) -> int:
        return len(self.progress.done)


def draft_path(root: Path, record_id: str) -> Path:
    return root / DRAFTS / f"{record_id}.yaml"


def _text(draft: Draft) -> str:
    body: dict[str, Any] = {
        "version": VERSION,
        "record": draft.record_id,
        "stage": draft.stage.value,
        "like": draft.kind,
        "all": draft.everyone,
        "progress": draft.progress.to_data(),
        "answers": draft.data,
    }
    if draft.kind is None:
        del body["like"]
    head = (
        f"# aigov new {draft.record_id}: the answers so far. Not a record: "
        f"`aigov new {draft.record_id} --resume` continues\n"
        "# where you stopped and writes the record at the end; delete this file to start again.\n"
    )
    return head + yamltext.dump(body)


def save_draft(root: Path, draft: Draft) -> Path:
    """Write the draft atomically (the old one or the new one, never half of each)."""
    path = draft_path(root, draft.record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _text(draft))
    return path


def _dates(data: Any, prefix: str = "") -> Any:
    """The draft's answers with the dates of date fields as dates again: the loader keeps
    `2026-11-26` as text (YAML 1.2), and a text is written quoted into the record."""
    if isinstance(data, dict):
        return {k: _dates(v, f"{prefix}.{k}" if prefix else str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates(v, prefix) for v in data]
    if isinstance(data, str) and _ISO_DATE.fullmatch(data):
        doc = field_doc(prefix)
        if doc is not None and doc.kind == "date":
            with contextlib.suppress(ValueError):
                return dt.date.fromisoformat(data)
    return data


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def load_draft(root: Path, record_id: str) -> Draft | None:
    """The saved draft of `record_id`, None when there is none; DraftError when unreadable."""
    path = draft_path(root, record_id)
    if not path.is_file():
        return None
    shown = display_path(path)
    try:
        raw = load_text(path.read_text("utf-8"), shown).data
    except (OSError, UnicodeDecodeError, LoadError) as exc:
        raise DraftError(
            f"cannot read the draft {shown}: {getattr(exc, 'message', exc)}",
            hint="Fix or delete it; deleting it starts the questionnaire again.",
        ) from None
    if not isinstance(raw, dict) or raw.get("record") != record_id:
        raise DraftError(
            f"{shown} is not a draft of {record_id}",
            hint="Delete it to start the questionnaire again.",
        )
    try:
        stage = Stage(str(raw.get("stage", "idea")))
    except ValueError:
        raise DraftError(f"{shown}: unknown stage {raw.get('stage')!r}") from None
    kind = raw.get("like")
    if kind is not None and kind not in kind_names():
        raise DraftError(f"{shown}: unknown kind {kind!r}")
    answers = raw.get("answers")
    return Draft(
        record_id,
        stage,
        kind,
        raw.get("all") is True,
        _dates(answers) if isinstance(answers, dict) else {},
        Progress.from_data(raw.get("progress")),
    )


def discard_draft(root: Path, record_id: str) -> None:
    """Remove the draft once its record is written."""
    with contextlib.suppress(FileNotFoundError):
        draft_path(root, record_id).unlink()
