"""The `SystemContext` of one loaded record: its export inputs with the sign-off states git
history gives and the policy. The one way the CLI and the audit pack make it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.exports.build import inputs_for
from aigov.exports.registry import SystemContext

if TYPE_CHECKING:
    from aigov.checks.policy import Policy
    from aigov.project import LoadedRecord


def system_context(
    loaded: LoadedRecord,
    *,
    root: Path,
    today: dt.date,
    policy: Policy | None,
    generated_at: dt.datetime | str | None = None,
    git: Any = None,
) -> SystemContext:
    from aigov.review.signoffs import signoff_states

    inputs = inputs_for(loaded, root=root, today=today, generated_at=generated_at, git=git)
    states = tuple(signoff_states(loaded, root, today=today))
    return SystemContext(inputs=inputs, root=root, policy=policy, signoffs=states)
