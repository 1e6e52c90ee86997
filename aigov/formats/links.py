"""Where aigov's documentation lives, for output that links to it (SARIF's rule help).

One source for the project's own address: the `Homepage` of pyproject.toml's
`[project.urls]`, read from the installed distribution's metadata (or, in a source checkout
that is not installed, from pyproject.toml itself). A rule's help link is its anchor on the
rule reference page of the governance repository's own site when mkdocs.yml names a
`site_url`, and the same page under that Homepage otherwise.
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

RULES_PAGE = "reference/rules.md"  # the site's rule reference (aigov.site.pages.reference)
FIELDS_PAGE = "reference/fields.md"  # the site's record field reference
_PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _urls_from_metadata() -> dict[str, str]:
    try:
        meta = importlib.metadata.metadata("aigov")
    except importlib.metadata.PackageNotFoundError:
        return {}
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    return urls


def _urls_from_pyproject() -> dict[str, str]:
    try:
        data = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    if data.get("project", {}).get("name") != "aigov":
        return {}
    table = data["project"].get("urls") or {}
    return {str(k).lower(): str(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def homepage() -> str:
    """The project's Homepage ("" when neither the metadata nor pyproject.toml has one)."""
    url = _urls_from_metadata().get("homepage") or _urls_from_pyproject().get("homepage", "")
    return url if is_web_url(url) else ""


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def site_base(site_url: str) -> str:
    """A user's `site_url` as a base ending in `/` ("" when it is not an http(s) address)."""
    url = site_url.strip()
    if not is_web_url(url):
        return ""
    return url if url.endswith("/") else url + "/"


def page_link(page: str, anchor: str, *, site_url: str = "", directory_urls: bool = True) -> str:
    """The address of one generated page (and an anchor on it): on the user's site when
    `site_url` is set, else under the project's Homepage (as a site with directory URLs)."""
    from aigov.site.render import anchor_id, page_url

    base = site_base(site_url)
    if base:
        path = page_url(page, directory_urls)
    else:
        home = homepage()
        if not home:
            return ""
        base = home.rstrip("/") + "/"
        path = page_url(page, True)
    fragment = anchor_id(anchor)
    return base + path + (f"#{fragment}" if fragment else "")


def evidence_link(path: str, *, site_url: str = "", directory_urls: bool = True) -> str:
    """Where the site publishes an evidence file a record names by repository path ("" when
    `site_url` is unknown or the site does not publish files of that type)."""
    from aigov.evidence import publishable
    from aigov.site.render import page_url

    base = site_base(site_url)
    rel = path.strip().removeprefix("./")
    if not base or not rel or rel.startswith(("/", "../")) or not publishable(rel):
        return ""
    return base + quote(page_url(rel, directory_urls))


def rule_help_uri(rule_id: str, *, site_url: str = "", directory_urls: bool = True) -> str:
    """A registry rule's anchor on the rule reference page."""
    return page_link(RULES_PAGE, rule_id, site_url=site_url, directory_urls=directory_urls)


def fields_help_uri(*, site_url: str = "", directory_urls: bool = True) -> str:
    """The record field reference (help for schema and reference problems)."""
    return page_link(FIELDS_PAGE, "", site_url=site_url, directory_urls=directory_urls)
