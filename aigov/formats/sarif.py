"""SARIF 2.1.0, so code-scanning UIs (GitHub, GitLab, Azure DevOps) annotate the YAML lines.

One run, with aigov as the driver; every rule that appears in the results, and every rule of
the registry, is described in `tool.driver.rules` with its title, why, hint and references.
Regions use the 1-based line and column of the finding (columns in Unicode code points).

File locations are relative to the repository root (`ReportContext.root`: the git top level
when there is one, so code-scanning UIs find the files) under the `%SRCROOT%` base id, which
`originalUriBaseIds` maps to that root's file URI; a file outside it gets its absolute URI.
Every rule's `helpUri` is its anchor on the rule reference page (`aigov.formats.links`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aigov import __version__
from aigov.diagnostics import Diagnostic, Severity
from aigov.formats import ReportContext
from aigov.formats.links import fields_help_uri, homepage, rule_help_uri

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
# Families whose help is the record field reference rather than the project's home page.
_FIELD_FAMILIES = ("AIG-SCHEMA", "AIG-REF", "AIG-ID")

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# Codes that do not come from the rule registry: validation, loading, references.
_FAMILIES = {
    "AIG-YAML": ("The file is not usable YAML", "Fix the YAML at the reported position."),
    "AIG-SCHEMA": (
        "The record does not match the aigov record format",
        "Correct the field; `aigov explain FIELD` shows its meaning and an example.",
    ),
    "AIG-REF": (
        "A reference inside the record points at nothing",
        "Use an id that exists in the record.",
    ),
    "AIG-ID": (
        "The record id is wrong or used twice",
        "Give each system its own id, matching its file name.",
    ),
    "AIG-IO": ("The file cannot be read", "Check the path and its permissions."),
    "AIG-CONFIG": ("The policy file has a problem", "Correct aigov.yaml at the reported position."),
}


def _family(code: str) -> tuple[str, str]:
    for prefix, text in _FAMILIES.items():
        if code.startswith(prefix):
            return text
    return (code, "")


def _help_uri(code: str, registered: bool, context: ReportContext) -> str:
    site, directory = context.site_url, context.directory_urls
    if registered:
        return rule_help_uri(code, site_url=site, directory_urls=directory)
    if code.startswith(_FIELD_FAMILIES):
        return fields_help_uri(site_url=site, directory_urls=directory)
    return homepage()


def _descriptor(code: str, context: ReportContext) -> dict[str, Any]:
    from aigov.checks import get_rule

    rule = get_rule(code) if code.startswith("AIG-") else None
    help_uri = _help_uri(code, rule is not None, context)
    if rule is None:
        short, fix = _family(code)
        out: dict[str, Any] = {"id": code, "shortDescription": {"text": short}}
        if fix:
            out["help"] = {"text": fix}
        if help_uri:
            out["helpUri"] = help_uri
        return out
    refs = [*rule.nist, *(f"EU AI Act {a}" for a in rule.eu_ai_act), *rule.other_refs]
    help_text = f"{rule.hint}\n\nApplies to: {rule.applies_to()}."
    help_md = f"{rule.hint}\n\n**Applies to:** {rule.applies_to()}."
    if rule.example:
        help_text += f"\n\nExample:\n{rule.example}"
        help_md += f"\n\n**Example**\n\n```yaml\n{rule.example}```"
    if refs:
        help_md += "\n\n**References:** " + ", ".join(refs)
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": [
                "ai-governance",
                rule.section,
                *rule.nist,
                *(f"EU AI Act {a}" for a in rule.eu_ai_act),
            ],
            "stages": [s.value for s in rule.stages],
            "tiers": [t.value for t in rule.tiers],
        },
    }
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def source_root(context: ReportContext) -> Path:
    """The folder `%SRCROOT%` stands for."""
    return context.root if context.root is not None else context.cwd


def artifact_location(path: str, context: ReportContext | None = None) -> dict[str, Any]:
    """`path` (as diagnostics show it: relative to the current folder, or absolute) relative
    to the source root, or as an absolute file URI when it lies outside."""
    if context is None:
        context = ReportContext("")
    given = Path(path)
    full = Path(os.path.normpath(given if given.is_absolute() else context.cwd / given))
    root = source_root(context)
    for candidate in (full, full.resolve()):
        try:
            rel = candidate.relative_to(root)
        except ValueError:
            continue
        return {"uri": quote(rel.as_posix()), "uriBaseId": SRCROOT}
    return {"uri": full.as_uri()}


def _base_ids(context: ReportContext) -> dict[str, Any]:
    return {
        SRCROOT: {
            "uri": source_root(context).as_uri().rstrip("/") + "/",
            "description": {"text": "The repository root the file paths are relative to."},
        }
    }


def _fingerprint(d: Diagnostic) -> str:
    """Stable across edits that move lines and across days (numbers are left out)."""
    message = re.sub(r"\d+", "#", d.message)
    key = "\x1f".join((d.code, d.system or d.path, d.field, message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(d: Diagnostic, index: int, context: ReportContext) -> dict[str, Any]:
    text = d.message + (f" — {d.hint}" if d.hint else "")
    location: dict[str, Any] = {"artifactLocation": artifact_location(d.path, context)}
    if d.line > 0:
        region: dict[str, Any] = {"startLine": d.line}
        if d.column > 0:
            region["startColumn"] = d.column
        location["region"] = region
    properties: dict[str, Any] = {}
    if d.field:
        properties["field"] = d.field
    if d.system:
        properties["system"] = d.system
    for key, value in d.extra:
        properties.setdefault(key, value)
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"aigovFinding/v1": _fingerprint(d)},
    }
    if properties:
        out["properties"] = properties
    return out


def sarif_log(diagnostics: list[Diagnostic], context: ReportContext) -> dict[str, Any]:
    from aigov.checks import all_rules

    codes = [r.id for r in all_rules()]
    for d in diagnostics:
        if d.code not in codes:
            codes.append(d.code)
    index = {code: i for i, code in enumerate(codes)}
    driver: dict[str, Any] = {
        "name": "aigov",
        "version": __version__,
        "semanticVersion": __version__,
    }
    if homepage():
        driver["informationUri"] = homepage()
    driver["rules"] = [_descriptor(c, context) for c in codes]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": _base_ids(context),
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": artifact_location(f, context)} for f in context.files],
        "results": [_result(d, index[d.code], context) for d in diagnostics],
        "invocations": [
            {
                "executionSuccessful": True,
                "arguments": [context.command],
                "properties": {k: v for k, v in context.extra.items() if isinstance(v, str)},
            }
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    return json.dumps(sarif_log(diagnostics, context), indent=2, ensure_ascii=False, default=str)
