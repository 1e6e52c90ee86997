"""One base for the problems that stop aigov: what is wrong and the exit code it means.

The core raises these and never prints; the command line (`aigov.cli`) turns any of them into
output once. An error carries a one-line `message`, the positioned `diagnostics` behind it
(either may be empty), a `hint` on what to do, and its `exit_code`: 1 when the records (or the
record being written) have problems, 2 for a usage or environment problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from aigov.diagnostics import Diagnostic

EXIT_PROBLEMS, EXIT_USAGE = 1, 2


class AigovError(Exception):
    """A problem aigov reports and stops on.

    `AigovError("message")` works as a plain exception does; subclasses that know more pass
    `diagnostics`, `hint` and `exit_code`. Without an explicit exit code, an error with
    diagnostics means "the records have problems" (1) and one without means usage (2)."""

    default_exit_code: ClassVar[int | None] = None
    # an error about one place (a BuildError): printed as `error: where: message` with its hint
    diagnostic: Diagnostic | None = None

    def __init__(
        self,
        *args: Any,
        diagnostics: Iterable[Diagnostic] = (),
        hint: str = "",
        exit_code: int | None = None,
    ) -> None:
        super().__init__(*args)
        self.message: str = str(args[0]) if args else ""
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        self.hint = hint
        self._exit_code = exit_code

    @property
    def exit_code(self) -> int:
        if self._exit_code is not None:
            return self._exit_code
        if self.default_exit_code is not None:
            return self.default_exit_code
        return EXIT_PROBLEMS if self.diagnostics else EXIT_USAGE

    @exit_code.setter
    def exit_code(self, value: int) -> None:
        self._exit_code = value


class SetupError(AigovError):
    """The repository's set-up (its policy file, its site) cannot be used: exit 2, since no
    record was judged, whatever diagnostics say where the set-up is broken."""

    default_exit_code = EXIT_USAGE
