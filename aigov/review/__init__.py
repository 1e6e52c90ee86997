"""Legal review and audit trail: sign-offs bound to content, field-level diffs, history.

Public API:

- `signoff_states(loaded)` / `stale_signoffs(loaded)` / `review_state(loaded)`: which
  sign-offs still hold, which went stale, and (from git history) what changed since.
- `aigov check` reports stale and missing sign-offs through the rules AIG-SIGNOFF-001/002
  (aigov/checks/rules/governance.py), with the roles each tier and stage needs from policy.
- `diff(old_data, new_data)`: field-by-field changes with labels from the record model.
- `history(loaded, root)`: git history and sign-offs on one timeline, plus evaluation trends.
- `approve(path, ...)`: append a sign-off bound to the current content (round-trip, atomic).
"""

from aigov.review.approve import Approval, approve
from aigov.review.diff import Change, diff, show, summary, word_diff
from aigov.review.git import GitError, Repo, find_repo, open_repo
from aigov.review.history import History, history, trends
from aigov.review.labels import field_title, label
from aigov.review.signoffs import (
    ReviewState,
    SignOffState,
    Status,
    find_versions,
    review_state,
    signoff_states,
    stale_signoffs,
)

__all__ = [
    "Approval",
    "Change",
    "GitError",
    "History",
    "Repo",
    "ReviewState",
    "SignOffState",
    "Status",
    "approve",
    "diff",
    "field_title",
    "find_repo",
    "find_versions",
    "history",
    "label",
    "open_repo",
    "review_state",
    "show",
    "signoff_states",
    "stale_signoffs",
    "summary",
    "trends",
    "word_diff",
]
