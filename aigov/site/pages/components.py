"""The components register: each shared model, dataset and vendor (components/<id>.yaml),
which systems use it and at which version, and whose sign-offs a change to it makes stale."""

from __future__ import annotations

from typing import Any

from aigov.components import FOLDER
from aigov.i18n import gettext
from aigov.site.pages.core import Pages, front_matter

PAGE = "registers/components.md"


def components_register(pages: Pages) -> None:
    found = pages.inputs.components
    files = list(found.files) if found is not None else []
    internal = pages.inputs.stamp.audience == "internal"
    rows: list[dict[str, Any]] = []
    users: list[dict[str, Any]]
    for loaded in sorted(files, key=lambda c: c.id):
        comp = loaded.component
        where = f"{FOLDER}/{loaded.source.name}"
        users = []
        stale_count = 0
        for view in pages.pf.systems:
            for use in view.record.uses:
                if use.component != loaded.id:
                    continue
                stale = [
                    st
                    for st in view.signoffs
                    if st.effective and any(lapse.path == where for lapse in st.lapses)
                ]
                users.append({"view": view, "use": use, "stale": stale})
                stale_count += len(stale)
        rows.append(
            {
                "id": loaded.id,
                "path": where,
                "component": comp,
                "type": comp.type if comp else "",
                "version": (comp.version or "") if comp else "",
                "summary": (comp.summary or "") if comp and internal else "",
                "users": users,
                "stale": stale_count,
            }
        )
    unknown = sorted(
        {
            (view.id, use.component)
            for view in pages.pf.systems
            for use in view.record.uses
            if use.component not in {r["id"] for r in rows}
        }
    )
    pages.render(
        PAGE,
        "site/components.md.j2",
        front_matter(
            gettext("Components register"), search_exclude=True, hide=["navigation", "toc"]
        ),
        rows=rows,
        unknown=unknown,
        systems_using=len({u["view"].id for r in rows for u in r["users"]}),
    )
