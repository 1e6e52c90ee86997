"""JUnit XML: one test case per record, failing when it has findings at `--fail-on` level.

CI systems (Jenkins, GitLab, Azure DevOps, GitHub test reporters) show each system as a test;
the failure text lists the findings with `path:line:col`, so the report stays useful on its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from aigov.diagnostics import Diagnostic, Severity
from aigov.formats import ReportContext

# Characters XML 1.0 cannot carry; record text is untrusted and may contain them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\N{REPLACEMENT CHARACTER}", text)


def _line(d: Diagnostic) -> str:
    text = f"{d.location}: {d.code} {d.message} [{d.severity.value}]"
    if d.hint:
        text += f"\n    hint: {d.hint}"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    fail_on = str(context.extra.get("fail_on", "error"))
    failing = Severity.WARNING.rank if fail_on == "warning" else Severity.ERROR.rank
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    paths = list(dict.fromkeys([*context.files, *by_path]))
    names = {d.path: d.system for d in diagnostics if d.system}
    suite_name = f"aigov {context.command}"
    suite = ET.Element("testsuite", name=suite_name)
    failures = 0
    for path in paths:
        mine = by_path.get(path, [])
        name = f"{names[path]} ({path})" if path in names else path
        case = ET.SubElement(
            suite,
            "testcase",
            name=_clean(name),
            classname=suite_name.replace(" ", "."),
            file=_clean(path),
        )
        bad = [d for d in mine if d.severity.rank >= failing]
        rest = [d for d in mine if d.severity.rank < failing]
        if bad:
            failures += 1
            errors = sum(d.severity == Severity.ERROR for d in bad)
            warnings = len(bad) - errors
            summary = ", ".join(
                part
                for part in (
                    _plural(errors, "error") if errors else "",
                    _plural(warnings, "warning") if warnings else "",
                )
                if part
            )
            failure = ET.SubElement(case, "failure", message=summary, type=bad[0].code)
            failure.text = _clean("\n".join(_line(d) for d in bad))
        if rest:
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(_line(d) for d in rest))
    for key, value in (
        ("tests", len(paths)),
        ("failures", failures),
        ("errors", 0),
        ("skipped", 0),
    ):
        suite.set(key, str(value))
    root = ET.Element(
        "testsuites", name=suite_name, tests=str(len(paths)), failures=str(failures), errors="0"
    )
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
