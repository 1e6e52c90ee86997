"""The organisation record: `organisation.yaml` at the repository root, loaded and validated
like a system record (every problem at its file:line:col), holding the portfolio-wide GOVERN
controls that count for every system.

    loaded = load_organisation(root)   # None when the repository has no organisation file
    loaded.organisation, loaded.diagnostics
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aigov.answers import dotted
from aigov.catalog import nist_ids
from aigov.diagnostics import Diagnostic, Severity
from aigov.model import Control, Organisation
from aigov.paths import display_path
from aigov.validate import framework_diagnostics
from aigov.yamlload import Document, load_file

ORGANISATION_FILES = ("organisation.yaml", "organisation.aigov.yaml")
KIND = "organisation file"


@dataclass
class LoadedOrganisation:
    path: str  # as shown in messages
    source: Path
    organisation: Organisation | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def controls(self) -> list[Control]:
        return list(self.organisation.controls) if self.organisation is not None else []


def find_organisation(root: Path) -> Path | None:
    for name in ORGANISATION_FILES:
        if (root / name).is_file():
            return root / name
    return None


# (file, mtime_ns, size) → its usable controls: every record of a portfolio asks once
_CONTROLS: dict[tuple[str, int, int], tuple[Control, ...]] = {}


def portfolio_controls(root: Path | None) -> tuple[Control, ...]:
    """The controls of the repository's organisation record that hold for every system in it;
    () without a root, without an organisation file or when the file has errors (which a
    whole-portfolio load reports at their positions)."""
    path = find_organisation(root) if root is not None else None
    if path is None:
        return ()
    try:
        st = path.stat()
    except OSError:
        return ()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CONTROLS:
        loaded = load_organisation(root) if root is not None else None
        _CONTROLS[key] = tuple(loaded.controls) if loaded is not None else ()
    return _CONTROLS[key]


def load_organisation(root: Path) -> LoadedOrganisation | None:
    """The repository's organisation record, validated; None when it has none. Never raises
    for bad input: problems come back as diagnostics (and `organisation` is None when the file
    cannot be used)."""
    path = find_organisation(root)
    if path is None:
        return None
    shown = display_path(path)
    doc, diags = load_file(path, shown, kind=KIND)
    loaded = LoadedOrganisation(shown, path, diagnostics=list(diags))
    if doc is None:
        return loaded
    try:
        org = Organisation.model_validate(doc.data)
    except ValidationError as exc:
        loaded.diagnostics += [_from_pydantic(doc, err) for err in exc.errors()]
        return loaded
    loaded.diagnostics += check_controls(doc, org)
    if not any(d.severity == Severity.ERROR for d in loaded.diagnostics):
        loaded.organisation = org
    return loaded


def _diag(doc: Document, where: tuple[str | int, ...], code: str, message: str, hint: str,
          *, key: bool = False) -> Diagnostic:  # fmt: skip
    line, col = doc.position(where, key=key)
    return Diagnostic(doc.path, line, col, code, message, hint=hint, field=dotted(where))


def _from_pydantic(doc: Document, err: Any) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    kind = err["type"]
    where = dotted(loc) or "the file"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        model: Any = Control if len(loc) > 1 else Organisation
        allowed = list(model.model_fields)
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-KEY",
            f"unknown field '{name}'" + (f" in '{dotted(loc[:-1])}'" if len(loc) > 1 else ""),
            (f"Did you mean '{guess[0]}'? " if guess else "") + f"Allowed: {', '.join(allowed)}.",
            key=True,
        )
    if kind == "missing":
        return _diag(
            doc,
            loc[:-1],
            "AIG-SCHEMA-MISSING",
            f"'{where}' is required",
            f"Add `{loc[-1]}:`; `schemas/aigov-organisation.schema.json` describes the file.",
        )
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-VALUE" if kind != "string_pattern_mismatch" else "AIG-SCHEMA-ID",
        f"'{where}': {str(err['msg']).lower()}",
        "`schemas/aigov-organisation.schema.json` describes the file; controls are written "
        "as in a system record.",
    )


def check_controls(doc: Document, org: Organisation) -> list[Diagnostic]:
    """Unique control ids, real NIST AI RMF 1.0 subcategories, and GOVERN ones only: what an
    organisation holds for every system is governance; mapping, measuring and managing a
    system's risks belong in its own record."""
    known = nist_ids()
    seen: set[str] = set()
    out = []
    for i, ctl in enumerate(org.controls):
        if ctl.id in seen:
            out.append(
                _diag(
                    doc,
                    ("controls", i, "id"),
                    "AIG-REF-DUPLICATE",
                    f"control id '{ctl.id}' is used twice",
                    "Give each control its own id.",
                )
            )
        seen.add(ctl.id)
        for j, sub in enumerate(ctl.nist):
            if sub not in known:
                guess = difflib.get_close_matches(sub, sorted(known), n=1, cutoff=0.7)
                out.append(
                    _diag(
                        doc,
                        ("controls", i, "nist", j),
                        "AIG-REF-NIST",
                        f"control '{ctl.id}' cites '{sub}', which is not a NIST AI RMF 1.0 "
                        "subcategory",
                        (f"Did you mean '{guess[0]}'? " if guess else "")
                        + "Use ids like 'GOVERN 1.2'.",
                    )
                )
            elif not sub.startswith("GOVERN "):
                out.append(
                    _diag(
                        doc,
                        ("controls", i, "nist", j),
                        "AIG-ORG-GOVERN",
                        f"control '{ctl.id}' cites '{sub}'; an organisation-wide control "
                        "covers GOVERN subcategories only",
                        "Keep MAP, MEASURE and MANAGE controls in each system's record, where "
                        "they are about that system.",
                    )
                )
        out += framework_diagnostics(
            doc,
            [
                (("controls", i, kind, j), kind, value)
                for kind in ("iso_42001", "nist_600_1")
                for j, value in enumerate(getattr(ctl, kind))
            ],
        )
    return out
