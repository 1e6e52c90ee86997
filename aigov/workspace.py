"""One way in for the commands: open a governance repository, get its checked records.

`open_repository(root, today=..., audience=..., config=...)` gathers what every command
that judges records needs: the repository root, its policy (aigov.yaml or `config`), the day
to judge as of and who the output is for. `Workspace.load()` loads and checks records under
that policy (and the organisation record, `organisation.yaml`, with the whole portfolio). A broken policy file raises PolicyError (an AigovError: the CLI prints it).
`Workspace.report_context(...)` gives the formatters what they need to know about the
repository: its source root (the git top level, for SARIF paths) and its site's address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from aigov.checks import CheckOptions, Policy, PolicyError, load_policy, make_checker
from aigov.formats import ReportContext
from aigov.git import GitError, run_git
from aigov.organisation import LoadedOrganisation, load_organisation
from aigov.project import Project, load_project

AUDIENCES = ("internal", "public")


@dataclass
class Workspace:
    """A governance repository opened for one command run."""

    root: Path
    as_of: dt.date | None = None  # None: the real today
    audience: str = "internal"
    config: Path | None = None  # the policy file; None: aigov.yaml in the root
    consequence: str = ""  # what a broken policy file stops, for the error's message
    _policy: Policy | None = field(default=None, repr=False)

    @property
    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    @property
    def policy(self) -> Policy:
        """The repository's policy, read on first use; PolicyError when it is broken."""
        if self._policy is None:
            self._policy = self._load_policy()
        return self._policy

    def _load_policy(self) -> Policy:
        try:
            return load_policy(self.root, self.config)
        except PolicyError as err:
            err.message = (
                f"the policy file has problems; {self.consequence}." if self.consequence else ""
            )
            raise

    @cached_property
    def source_root(self) -> Path:
        """The top level of the git repository the governance repository is in (it may be a
        sub-folder of it), or the governance repository itself outside git."""
        try:
            out = run_git(self.root, ["rev-parse", "--show-toplevel"]).decode().strip()
        except (GitError, UnicodeDecodeError):
            return self.root
        return Path(out).resolve() if out else self.root

    @cached_property
    def site_settings(self) -> tuple[str, bool]:
        """(`site_url`, `use_directory_urls` of the built site) from the user's mkdocs.yml; ("", True)
        when it cannot be read (`aigov build` reports that)."""
        from aigov.site.mkdocs_config import ConfigError, read_user_config

        try:
            user = read_user_config(self.root)
        except (ConfigError, OSError):
            return "", True
        url = user.data.get("site_url")
        return (url if isinstance(url, str) else ""), user.use_directory_urls

    def report_context(
        self,
        command: str,
        files: list[str],
        color: bool = False,
        extra: dict[str, Any] | None = None,
        *,
        links: bool = True,
    ) -> ReportContext:
        """The formatters' context for this repository; `links=False` skips reading git and
        mkdocs.yml (for output that names no file URI and no rule page)."""
        site_url, directory_urls = self.site_settings if links else ("", True)
        return ReportContext(
            command,
            files,
            color,
            extra or {},
            root=self.source_root if links else None,
            site_url=site_url,
            directory_urls=directory_urls,
        )

    @cached_property
    def organisation(self) -> LoadedOrganisation | None:
        """The repository's organisation record (`organisation.yaml`), validated; None when it
        has none. `load()` of the whole portfolio carries it too, its problems included."""
        return load_organisation(self.root)

    @cached_property
    def options(self) -> CheckOptions:
        """Check options with the evidence root pinned to this repository."""
        return CheckOptions(today=self.today, policy=self.policy, root=self.root)

    @cached_property
    def record_options(self) -> CheckOptions:
        """Check options that find each record's own repository (for one named record)."""
        return CheckOptions(today=self.today, policy=self.policy)

    def load(
        self,
        paths: Sequence[Path] = (),
        *,
        checked: bool = True,
        jobs: int | None = None,
        keep_docs: bool = False,
        options: CheckOptions | None = None,
    ) -> Project:
        """The records at `paths` (default: systems/), checked under the policy unless
        `checked` is False (schema validation only)."""
        checker = make_checker(options or self.options) if checked else None
        return load_project(
            list(paths) or None, root=self.root, checker=checker, jobs=jobs, keep_docs=keep_docs
        )


def open_repository(
    root: Path,
    *,
    today: dt.date | None = None,
    audience: str = "internal",
    config: Path | None = None,
    consequence: str = "",
) -> Workspace:
    """The governance repository at `root` (already resolved). The policy is read on first
    use, so a command that never needs it never fails on it; `consequence` completes the
    message of a broken policy file ("nothing was checked")."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return Workspace(
        root=root, as_of=today, audience=audience, config=config, consequence=consequence
    )
