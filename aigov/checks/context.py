"""What a rule sees (the typed record, its explicit answers, stage, tier, today, policy) and the
three things a rule can say: a field is required, something is expected, or something is wrong.

Each `require`/`expect` call is also one completeness item, so the completeness score counts
exactly what the applicable rules asked for. `fail` reports a problem that is not about a
missing piece (a result under its threshold, an overdue review).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from aigov.answers import NOT_APPLICABLE, UNKNOWN, Answer, Answers, dotted
from aigov.i18n import _
from aigov.model import Record, RiskTier, Stage
from aigov.yamlload import FieldPath

if TYPE_CHECKING:  # pragma: no cover
    from aigov.checks.policy import Policy
    from aigov.checks.tier import TierAssessment

ItemStatus = Literal["present", "missing", "unknown", "not_applicable"]


def marked_unknown(message: str) -> str:
    """A finding's message for a field answered `unknown`."""
    return _("{message}; marked unknown: a known gap, still to be answered").format(message=message)


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, before it becomes a positioned Diagnostic."""

    path: FieldPath
    message: str
    hint: str = ""
    unknown: bool = False  # the field is explicitly `unknown`: a known gap, not a forgotten one
    key: bool = False  # point at the key rather than the value


@dataclass(frozen=True)
class Item:
    """One thing a rule asked for, counted by the completeness score."""

    path: str
    status: ItemStatus
    justification: str = ""

    @property
    def satisfied(self) -> bool:
        return self.status in ("present", "not_applicable")


def is_present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict | tuple):
        return len(value) > 0
    return True


@dataclass
class Context:
    record: Record
    answers: Answers
    stage: Stage
    tier: TierAssessment
    today: dt.date
    policy: Policy
    content_hash: str = ""
    root: Path | None = None  # the governance repository, for evidence paths
    # what git history says about each sign-off (aigov.review.verify.Verdict), when the record
    # was checked from a file; None: not verified (the sign-off rules believe the entries)
    signoff_verdicts: list[Any] | None = None
    findings: list[Finding] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    _dump: Any = field(default=None, repr=False)
    _evidence: Any = field(default=None, repr=False)
    _obligations: Any = field(default=None, repr=False)
    _organisation: Any = field(default=None, repr=False)

    # --- reading the record ---------------------------------------------------------

    def evidence(self) -> list[Any]:
        """Every evidence entry and relative link of the record (`aigov.evidence.iter_evidence`),
        found once per record and shared by the evidence rules."""
        if self._evidence is None:
            from aigov.evidence import iter_evidence

            self._evidence = iter_evidence(self.dump())
        return list(self._evidence)

    def obligations(self) -> Any:
        """The record's EU AI Act obligations on `today` (`aigov.obligations.engine`), found
        once per record and shared by the obligation rules and the summary."""
        if self._obligations is None:
            from aigov.obligations.engine import obligations_for

            self._obligations = obligations_for(
                self.record,
                self.answers,
                self.tier.eu,
                self.today,
                self.policy.obligation_horizon_days,
                tier_undetermined=self.tier.eu_undetermined,
            )
        return self._obligations

    def organisation_controls(self) -> tuple[Any, ...]:
        """The controls of the repository's organisation record (`organisation.yaml` at the
        root, `aigov.organisation`): GOVERN controls that hold for every system, so they count
        for this record too. () without a root or an organisation record."""
        if self._organisation is None:
            from aigov.organisation import portfolio_controls

            self._organisation = portfolio_controls(self.root)
        return tuple(self._organisation)

    def dump(self) -> Any:
        """The record as plain JSON-like data (defaults left out), made once per record."""
        if self._dump is None:
            self._dump = self.record.model_dump(mode="json", exclude_defaults=True)
        return self._dump

    @property
    def effective_tier(self) -> RiskTier:
        return self.tier.effective

    def value(self, path: FieldPath) -> Any:
        """The typed value at `path`, or None when any step is missing."""
        current: Any = self.record
        for step in path:
            if current is None:
                return None
            if isinstance(step, int):
                current = (
                    current[step] if isinstance(current, list) and step < len(current) else None
                )
            else:
                current = getattr(current, step, None)
        return current

    def answer(self, path: FieldPath) -> Answer | None:
        """The explicit answer covering `path`: on the field itself or on a parent."""
        if not self.answers:
            return None
        parts = [str(p) for p in path]
        for end in range(len(parts), 0, -1):
            found = self.answers.get(".".join(parts[:end]))
            if found is not None:
                return found
        return None

    # --- saying something -------------------------------------------------------------

    def start(self) -> None:
        self.findings = []
        self.items = []

    def require(self, path: FieldPath, message: str, hint: str = "", *, item: str = "") -> bool:
        """`path` must hold a value (or be justified not applicable). One completeness item,
        named by its dotted path unless `item` names it."""
        if is_present(self.value(path)):
            self.items.append(Item(item or dotted(path), "present"))
            return True
        return self._absent(path, message, hint, item)

    def _absent(self, path: FieldPath, message: str, hint: str, item: str) -> bool:
        name = item or dotted(path)
        answer = self.answer(path)
        if answer is not None and answer.kind == NOT_APPLICABLE:
            self.items.append(Item(name, "not_applicable", answer.justification))
            return True
        if answer is not None and answer.kind == UNKNOWN:
            self.items.append(Item(name, "unknown"))
            self.findings.append(
                Finding(
                    path,
                    marked_unknown(message),
                    hint,
                    unknown=True,
                )
            )
            return False
        self.items.append(Item(name, "missing"))
        self.findings.append(Finding(path, message, hint))
        return False

    def expect(
        self, path: FieldPath, ok: bool, message: str, hint: str = "", *, item: str = ""
    ) -> bool:
        """A condition on the record that counts as one completeness item.

        When it does not hold, an explicit answer on `path` is honoured like in `require`."""
        if ok:
            self.items.append(Item(item or dotted(path), "present"))
            return True
        return self._absent(path, message, hint, item)

    def tally(self, item: str, satisfied: bool) -> None:
        """One completeness item whose finding, when it is not satisfied, another rule reports
        (so the problem is stated once and counted once)."""
        self.items.append(Item(item, "present" if satisfied else "missing"))

    def fail(self, path: FieldPath, message: str, hint: str = "", *, key: bool = False) -> None:
        """A problem that is not a missing piece: it does not change completeness."""
        self.findings.append(Finding(path, message, hint, key=key))
