"""The user's `mkdocs.yml` stays theirs; aigov writes a small config that inherits it.

`.aigov-build/mkdocs.yml` says `INHERIT: ../mkdocs.yml` and overrides only what aigov must:
the docs folder (generated pages plus a copy of the user's own pages), the navigation (aigov's
sections first, then the user's own nav or pages), the output folder, and its stylesheet and
script appended to the user's `extra_css` / `extra_javascript`, and what makes the site work opened from a folder
or a zip (`offline`, below). Relative paths the user wrote
(theme `custom_dir`, `hooks`, `watch`) are re-pointed so they still resolve from the build
folder. Everything else — theme settings, palette, plugins, Markdown extensions — comes from
the user's file untouched, so `mkdocs build -f .aigov-build/mkdocs.yml` builds the same site.

Offline: unless the user's file says `use_directory_urls: true` (a site meant to be served),
the site is built to be opened over `file://`: pages link as `x/index.html`
(`use_directory_urls: false`), Material's `offline` plugin inlines the search index into
`search/search_index.js`, and aigov's own `iframe-worker.js` runs the search worker in a hidden
frame, which browsers allow over `file://` where they refuse a Web Worker (Material's default
would load that shim from a CDN; the site makes no request outside itself). Other engines read
the same decision from `UserConfig.offline` and the same generated settings.

The user's file is read with a tolerant YAML loader that never constructs tags (`!ENV`,
`!!python/name:`): aigov only needs a few plain keys from it, and MkDocs reads the rest itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from aigov.diagnostics import Diagnostic, Severity
from aigov.paths import display_path

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
DEFAULT_SITE_NAME = "AI governance portfolio"


class Tagged:
    """A value written with a YAML tag; kept opaque, never constructed. Its plain value is
    kept so a config of its own (for Zensical) can write it back as it was written."""

    def __init__(self, tag: str, value: Any = None) -> None:
        self.tag = tag
        self.value = value

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Tagged({self.tag!r})"


class _TolerantLoader(yaml.SafeLoader):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_TolerantLoader.add_multi_constructor("!", _tagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class ConfigError(Exception):
    """The user's mkdocs.yml cannot be used; carries a Diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class UserConfig:
    """What aigov needs to know about the user's MkDocs configuration."""

    path: Path | None  # None: the repository has no mkdocs.yml
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        assert self.path is not None
        return self.path.parent

    @property
    def docs_dir(self) -> Path | None:
        if self.path is None:
            return None
        value = self.data.get("docs_dir", "docs")
        if not isinstance(value, str):
            return None
        return (self.folder / value).resolve()

    @property
    def site_dir(self) -> str:
        value = self.data.get("site_dir", "site")
        return value if isinstance(value, str) else "site"

    @property
    def offline(self) -> bool:
        """Whether the site is built to be opened from a folder or a zip (`file://`): always,
        unless the user's file asks for directory URLs, which only a served site can follow."""
        return self.data.get("use_directory_urls") is not True

    @property
    def use_directory_urls(self) -> bool:
        """What the built site uses (the offline build never does)."""
        return not self.offline

    @property
    def nav(self) -> list[Any] | None:
        value = self.data.get("nav")
        return value if isinstance(value, list) else None

    def has_extension(self, name: str) -> bool:
        """Whether the Markdown extension is enabled (always true without a mkdocs.yml: aigov's
        default configuration enables what the cards use)."""
        if self.path is None:
            return True
        for item in self.data.get("markdown_extensions") or []:
            if item == name or (isinstance(item, dict) and name in item):
                return True
        return False

    @property
    def site_name(self) -> str:
        value = self.data.get("site_name")
        return value if isinstance(value, str) and value.strip() else DEFAULT_SITE_NAME


def find_user_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def read_user_config(root: Path, config_file: Path | None = None) -> UserConfig:
    """Read the user's mkdocs.yml (following its own INHERIT chain) without running any tag."""
    path = config_file or find_user_config(root)
    if path is None:
        return UserConfig(None)
    path = path.resolve()
    return UserConfig(path, _read_chain(path, seen=()))


def _read_chain(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    shown = display_path(path)
    if path in seen:
        raise ConfigError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-CONFIG",
                "INHERIT forms a loop",
                hint="Make the chain of INHERIT files end in a file without INHERIT.",
            )
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-CONFIG",
                f"cannot read the MkDocs configuration: {exc}",
                hint="Check the file exists, is readable and is UTF-8 text.",
            )
        ) from exc
    try:
        data = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ConfigError(
            Diagnostic(
                shown,
                line,
                col,
                "AIG-SITE-CONFIG",
                f"the MkDocs configuration is not valid YAML: {getattr(exc, 'problem', exc)}",
                hint="Fix the YAML syntax; `mkdocs build` would fail on it too.",
            )
        ) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            Diagnostic(
                shown,
                1,
                1,
                "AIG-SITE-CONFIG",
                "the MkDocs configuration must be a mapping of settings",
                hint="Start from `site_name: ...` and `theme: {name: material}`.",
            )
        )
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        base = _read_chain((path.parent / parent).resolve(), (*seen, path))
        data = _merge(base, data)
    return data


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT rule: mappings merge recursively, everything else is replaced."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _plain(value: Any) -> bool:
    if isinstance(value, Tagged):
        return False
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def _relocate(value: Any, user_folder: Path, build_folder: Path) -> Any:
    """A path the user wrote relative to their config, re-expressed from the build folder."""
    if not isinstance(value, str) or os.path.isabs(value):
        return value
    return Path(os.path.relpath(user_folder / value, build_folder)).as_posix()


@dataclass
class GeneratedConfig:
    text: str
    warnings: list[Diagnostic] = field(default_factory=list)


def generated_config(
    user: UserConfig,
    *,
    build_folder: Path,
    site_dir: Path,
    nav: list[Any],
    extra_css: list[str],
    extra_javascript: list[str],
    polyfill: str = "",
    flat: bool = False,
    engine: str = "mkdocs",
    language: str = "en",
) -> GeneratedConfig:
    """The text of `.aigov-build/mkdocs.yml`: deterministic, relative paths only.

    `polyfill` is the docs path of the script that lets search run over `file://` (its name
    contains `iframe-worker`, so Material's offline plugin adds no CDN copy of its own).
    `flat`: the user's settings written out in full instead of inherited (for an engine
    whose INHERIT appends lists, Zensical), merged by MkDocs' own rule.

    Only settings every engine honours: no `not_in_nav`, `exclude_docs` or `draft_docs`
    (Zensical drops them silently), so what is in the docs folder is what is published."""
    warnings: list[Diagnostic] = []
    shown = display_path(user.path) if user.path else "mkdocs.yml"
    cfg: dict[str, Any] = {}
    if user.path is not None:
        cfg["INHERIT"] = _relative(user.path, build_folder)
        folder = user.folder
        theme = user.data.get("theme")
        if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
            cfg["theme"] = {"custom_dir": _relocate(theme["custom_dir"], folder, build_folder)}
        if not isinstance(user.data.get("site_name"), str) or not user.data["site_name"].strip():
            cfg["site_name"] = DEFAULT_SITE_NAME  # MkDocs requires one
        if "theme" not in user.data:  # MkDocs' own default theme has no tabs, tags or search UI
            cfg["theme"] = {"name": "material", "font": False, "features": ["navigation.tabs"]}
        for key in ("hooks", "watch"):
            value = user.data.get(key)
            if isinstance(value, list) and _plain(value):
                cfg[key] = [_relocate(v, folder, build_folder) for v in value]
    else:
        cfg["site_name"] = DEFAULT_SITE_NAME
        cfg["theme"] = {"name": "material", "font": False, "features": ["navigation.tabs"]}
        cfg["plugins"] = ["search", "tags"]
        cfg["markdown_extensions"] = [{"toc": {"permalink": True}}, "admonition", "tables"]
    if language != "en":
        # Material's own words (search, navigation, skip link) and <html lang> follow aigov's
        cfg["theme"] = {**(cfg.get("theme") or {}), "language": language}
    cfg["docs_dir"] = "docs"
    cfg["site_dir"] = _relative(site_dir, build_folder)
    if user.offline:
        warnings.extend(_offline(user, cfg, shown, polyfill))
    if language != "en" and not _sets_generator(user):
        # Material writes its footer credit ("Made with Material for MkDocs") in English in
        # every language; a Dutch or German site hides it, unless the user chose themselves
        cfg["extra"] = {**(cfg.get("extra") or {}), "generator": False}
    cfg["nav"] = nav
    for key, ours in (("extra_css", extra_css), ("extra_javascript", extra_javascript)):
        theirs = user.data.get(key, []) if user.path is not None else []
        if not isinstance(theirs, list) or not _plain(theirs):
            warnings.append(
                Diagnostic(
                    shown,
                    0,
                    0,
                    "AIG-SITE-CONFIG",
                    f"`{key}` uses YAML tags, so aigov cannot add its own files to it; "
                    "the systems table will not sort or filter",
                    severity=Severity.WARNING,
                    hint=f"Write `{key}` as a plain list of paths.",
                )
            )
            continue
        cfg[key] = [*theirs, *[v for v in ours if v not in theirs]]
    if flat and user.path is not None:
        cfg.pop("INHERIT")
        cfg = _merge(_flat_user(user, build_folder), cfg)
    if flat and isinstance(cfg.get("theme"), dict) and "variant" not in cfg["theme"]:
        # Zensical's own look otherwise; the classic one is Material's, which aigov's
        # stylesheet and the pages' search box are made for
        cfg["theme"] = {**cfg["theme"], "variant": "classic"}
    where = _relative(user.path, build_folder) if user.path is not None else None
    header = (
        "# Generated by `aigov build`; do not edit. Your settings live in "
        f"{where or 'your own mkdocs.yml'}"
        f"{' (copied in here: this engine appends inherited lists)' if flat and where else ''}.\n"
        f"# Rebuild by hand with: {engine} build -f <this file>\n"
    )
    body = yaml.dump(
        cfg,
        Dumper=_BlockDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,
    )
    return GeneratedConfig(header + body, warnings)


def _sets_generator(user: UserConfig) -> bool:
    """Whether the user's own mkdocs.yml decides Material's footer credit (`extra.generator`)."""
    extra = user.data.get("extra") if user.path is not None else None
    return isinstance(extra, dict) and "generator" in extra


def _flat_user(user: UserConfig, build_folder: Path) -> dict[str, Any]:
    """The user's whole configuration (their INHERIT chain merged), its relative paths
    re-pointed from the build folder."""
    data = dict(user.data)
    for key in ("docs_dir", "site_dir"):
        data.pop(key, None)  # aigov's own, always set
    theme = data.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        data["theme"] = {
            **theme,
            "custom_dir": _relocate(theme["custom_dir"], user.folder, build_folder),
        }
    for key in ("hooks", "watch"):
        value = data.get(key)
        if isinstance(value, list) and _plain(value):
            data[key] = [_relocate(v, user.folder, build_folder) for v in value]
    return data


OFFLINE_PLUGIN = "offline"


def _offline(user: UserConfig, cfg: dict[str, Any], shown: str, polyfill: str) -> list[Diagnostic]:
    """Settings for a site opened over `file://`, written into `cfg`: no directory URLs, the
    offline plugin after the user's plugins, aigov's worker shim first among the polyfills.
    Returns a warning when the user's plugins cannot be extended (YAML tags)."""
    cfg["use_directory_urls"] = False
    theirs = cfg.get("plugins", user.data.get("plugins", ["search"]))
    if isinstance(theirs, dict):
        theirs = [{k: v} for k, v in theirs.items()]
    warnings: list[Diagnostic] = []
    if not isinstance(theirs, list) or not _plain(theirs):
        warnings.append(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-CONFIG",
                "`plugins` uses YAML tags, so aigov cannot add the offline plugin; "
                "search will only work on a served site",
                severity=Severity.WARNING,
                hint="Write `plugins` as a plain list.",
            )
        )
    else:
        names = {p if isinstance(p, str) else next(iter(p), "") for p in theirs}
        cfg["plugins"] = theirs if OFFLINE_PLUGIN in names else [*theirs, OFFLINE_PLUGIN]
    if polyfill:
        extra = user.data.get("extra") if user.path is not None else None
        extra = extra if isinstance(extra, dict) else {}
        polyfills = extra.get("polyfills")
        polyfills = polyfills if isinstance(polyfills, list) and _plain(polyfills) else []
        cfg["extra"] = {"polyfills": [polyfill, *[p for p in polyfills if p != polyfill]]}
    return warnings


class _BlockDumper(yaml.SafeDumper):
    """Multi-line strings as `|` blocks; tagged values as they were written."""


def _str_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _tagged_back(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    """A tagged value written back as the user wrote it (`!ENV [X, y]`, `!!python/name:m.f`)."""
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    if isinstance(value.value, dict):
        return dumper.represent_mapping(value.tag, value.value)
    return dumper.represent_scalar(value.tag, str(value.value or ""))


_BlockDumper.add_representer(str, _str_block)
_BlockDumper.add_representer(Tagged, _tagged_back)


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def nav_pages(nav: list[Any]) -> set[str]:
    """Every local page path named in a MkDocs nav."""
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if "://" not in item:
                found.add(item.lstrip("/"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found
