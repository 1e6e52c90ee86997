"""Files records link to, copied into the site; Markdown evidence as a page of its own."""

from __future__ import annotations

from aigov.diagnostics import Diagnostic, Severity
from aigov.evidence import publishable
from aigov.i18n import gettext
from aigov.site.pages.core import RESERVED, Pages, front_matter


def linked(pages: Pages) -> None:
    """Files records link to by relative path, at the same path as in the repository, so
    a record's `evidence/x.pdf` link works from every page. Markdown evidence becomes a
    page showing the text verbatim (never rendered: it could carry raw HTML); only the inert
    types of `aigov.evidence.PUBLISHED_TYPES` are copied (an allow-list)."""
    for path, data in sorted(pages.inputs.linked_files.items()):
        if path in pages.names or path.startswith(RESERVED):
            pages.notes.append(
                Diagnostic(
                    path,
                    0,
                    0,
                    "AIG-SITE-FILE",
                    f"{path} is linked from a record but has the path of a generated page; "
                    "it was not copied into the site",
                    Severity.WARNING,
                    hint="Keep evidence in a folder of its own, such as evidence/.",
                )
            )
            continue
        if not publishable(path):  # linked_files never reads one; kept out here too
            continue
        suffix = path.rsplit(".", 1)[-1].lower()
        if suffix == "md":
            evidence_page(pages, path, data)
        else:
            pages.add(path, data)


def evidence_page(pages: Pages, path: str, data: bytes) -> None:
    body = data.decode("utf-8", errors="replace")
    users = sorted(
        {v.id: v for v in pages.pf.systems if path in v.linked_paths}.values(),
        key=lambda v: v.name.casefold(),
    )
    pages.render(
        path,
        "site/evidence.md.j2",
        front_matter(
            gettext("Evidence: {name}").format(name=path.rsplit("/", 1)[-1]), search_exclude=True
        ),
        path=path,
        content=body,
        systems=users,
    )
    pages.evidence_pages.append(path)
