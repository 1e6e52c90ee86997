"""The user's mkdocs.yml stays theirs: aigov reads a few keys and writes a config that
inherits everything else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aigov.site import mkdocs_config as mc


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_a_config_with_python_and_env_tags_without_running_them(tmp_path: Path) -> None:
    _write(
        tmp_path / "mkdocs.yml",
        "site_name: !ENV [SITE_NAME, 'Ours']\n"
        "docs_dir: pages\n"
        "use_directory_urls: false\n"
        "markdown_extensions:\n"
        "  - admonition\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:os.system\n"
        "nav:\n  - Home: home.md\n",
    )
    user = mc.read_user_config(tmp_path)
    assert user.docs_dir == (tmp_path / "pages").resolve()
    assert user.use_directory_urls is False
    assert user.nav == [{"Home": "home.md"}]
    assert user.has_extension("admonition") and not user.has_extension("md_in_html")
    assert user.site_name == mc.DEFAULT_SITE_NAME  # a tagged value is never constructed


def test_follows_the_users_own_inherit_chain(tmp_path: Path) -> None:
    _write(tmp_path / "base.yml", "site_name: Base\ntheme: {name: material, font: false}\n")
    _write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\nsite_dir: public\n")
    user = mc.read_user_config(tmp_path)
    assert user.site_name == "Base" and user.site_dir == "public"
    assert user.data["theme"] == {"name": "material", "font": False}


@pytest.mark.parametrize(
    ("text", "where"),
    [("site_name: [unclosed\n", (1, 12)), ("- just\n- a list\n", (1, 1))],
)
def test_a_broken_config_is_a_positioned_diagnostic(
    tmp_path: Path, text: str, where: tuple[int, int]
) -> None:
    _write(tmp_path / "mkdocs.yml", text)
    with pytest.raises(mc.ConfigError) as err:
        mc.read_user_config(tmp_path)
    d = err.value.diagnostic
    assert d.code == "AIG-SITE-CONFIG" and d.hint
    assert d.line >= 1


def test_generated_config_inherits_and_repoints_relative_paths(tmp_path: Path) -> None:
    _write(
        tmp_path / "mkdocs.yml",
        "site_name: Ours\n"
        "theme: {name: material, custom_dir: overrides}\n"
        "hooks: [hooks/site.py]\n"
        "extra_css: [css/ours.css]\n",
    )
    user = mc.read_user_config(tmp_path)
    build = tmp_path / ".aigov-build"
    cfg = mc.generated_config(
        user,
        build_folder=build,
        site_dir=tmp_path / "site",
        nav=[{"Portfolio": "index.md"}],
        extra_css=["assets/aigov/aigov.css"],
        extra_javascript=["assets/aigov/aigov.js"],
    )
    data = yaml.safe_load(cfg.text)
    assert data["INHERIT"] == "../mkdocs.yml"
    assert data["theme"] == {"custom_dir": "../overrides"}
    assert data["hooks"] == ["../hooks/site.py"]
    assert data["site_dir"] == "../site" and data["docs_dir"] == "docs"
    assert data["extra_css"] == ["css/ours.css", "assets/aigov/aigov.css"]
    assert data["nav"] == [{"Portfolio": "index.md"}]
    # nothing that only some engines honour (Zensical drops these silently)
    assert not {"not_in_nav", "exclude_docs", "draft_docs"} & set(data)
    assert str(tmp_path) not in cfg.text  # relative paths only: the folder can move
    assert not cfg.warnings


def test_a_flat_config_holds_the_users_settings_merged_as_mkdocs_merges_them(
    tmp_path: Path,
) -> None:
    """For Zensical, whose INHERIT appends lists: the user's chain merged by MkDocs' rule
    (lists replaced), their tags written back as written, paths re-pointed."""
    _write(
        tmp_path / "base.yml",
        "site_name: Base\nplugins: [search]\ntheme: {name: material, features: [a]}\n",
    )
    _write(
        tmp_path / "mkdocs.yml",
        "INHERIT: base.yml\n"
        "theme: {custom_dir: overrides}\n"
        "plugins: [search, tags]\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra: {analytics: !ENV [ANALYTICS, none]}\n",
    )
    build = tmp_path / ".aigov-build"
    cfg = mc.generated_config(
        mc.read_user_config(tmp_path),
        build_folder=build,
        site_dir=build / ".site-rendered",
        nav=[{"Portfolio": "index.md"}],
        extra_css=["assets/aigov/aigov.css"],
        extra_javascript=[],
        flat=True,
        engine="zensical",
    )
    assert "INHERIT" not in cfg.text
    assert "!!python/name:material.extensions.emoji.twemoji" in cfg.text
    assert "!ENV" in cfg.text and "ANALYTICS" in cfg.text
    assert "zensical build -f" in cfg.text

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    data = yaml.load(cfg.text, Loader=Tolerant)
    assert data["site_name"] == "Base"
    assert data["plugins"] == ["search", "tags", "offline"]  # replaced, then offline added
    assert data["theme"] == {
        "name": "material",
        "features": ["a"],
        "custom_dir": "../overrides",
        "variant": "classic",  # Zensical's Material look, which aigov's stylesheet is made for
    }
    assert data["site_dir"] == ".site-rendered" and data["nav"] == [{"Portfolio": "index.md"}]


def test_tagged_extra_css_is_left_alone_with_a_warning(tmp_path: Path) -> None:
    _write(tmp_path / "mkdocs.yml", "site_name: x\nextra_css: !ENV [CSS, []]\n")
    cfg = mc.generated_config(
        mc.read_user_config(tmp_path),
        build_folder=tmp_path / ".aigov-build",
        site_dir=tmp_path / "site",
        nav=[],
        extra_css=["a.css"],
        extra_javascript=[],
    )
    assert "extra_css" not in yaml.safe_load(cfg.text)
    assert [w.code for w in cfg.warnings] == ["AIG-SITE-CONFIG"]


def test_without_a_mkdocs_yml_aigov_supplies_an_offline_material_config(tmp_path: Path) -> None:
    cfg = mc.generated_config(
        mc.read_user_config(tmp_path),
        build_folder=tmp_path / ".aigov-build",
        site_dir=tmp_path / "site",
        nav=[],
        extra_css=[],
        extra_javascript=[],
    )
    data = yaml.safe_load(cfg.text)
    assert "INHERIT" not in data
    assert data["theme"]["name"] == "material" and data["theme"]["font"] is False
    assert data["plugins"] == ["search", "tags", "offline"]
    assert data["use_directory_urls"] is False


def _generated(tmp_path: Path, text: str) -> dict[str, object]:
    _write(tmp_path / "mkdocs.yml", text)
    cfg = mc.generated_config(
        mc.read_user_config(tmp_path),
        build_folder=tmp_path / ".aigov-build",
        site_dir=tmp_path / "site",
        nav=[],
        extra_css=[],
        extra_javascript=[],
        polyfill="assets/aigov/iframe-worker.js",
    )
    assert not cfg.warnings
    data = yaml.safe_load(cfg.text)
    assert isinstance(data, dict)
    return data


def test_a_site_for_file_urls_gets_the_offline_plugin_and_the_local_worker_shim(
    tmp_path: Path,
) -> None:
    data = _generated(
        tmp_path,
        "site_name: x\nplugins: [search, tags]\nextra: {polyfills: [theirs.js], team: risk}\n",
    )
    assert data["use_directory_urls"] is False
    assert data["plugins"] == ["search", "tags", "offline"]
    # ours first (the offline plugin then adds no CDN copy); theirs kept, the rest of
    # `extra` still comes from their file through INHERIT (mappings merge)
    assert data["extra"] == {"polyfills": ["assets/aigov/iframe-worker.js", "theirs.js"]}
    assert mc.read_user_config(tmp_path).use_directory_urls is False


def test_plugins_written_as_a_mapping_keep_their_settings(tmp_path: Path) -> None:
    data = _generated(tmp_path, "site_name: x\nplugins:\n  search: {lang: en}\n  offline: {}\n")
    assert data["plugins"] == [{"search": {"lang": "en"}}, {"offline": {}}]


def test_a_site_that_asks_for_directory_urls_is_left_for_serving(tmp_path: Path) -> None:
    data = _generated(tmp_path, "site_name: x\nuse_directory_urls: true\n")
    assert "use_directory_urls" not in data and "plugins" not in data and "extra" not in data
    assert mc.read_user_config(tmp_path).use_directory_urls is True


def _extra(tmp_path: Path, language: str, user_text: str | None = None) -> dict[str, object]:
    """The generated config's `extra` for a build in `language`."""
    if user_text is not None:
        _write(tmp_path / "mkdocs.yml", user_text)
    cfg = mc.generated_config(
        mc.read_user_config(tmp_path),
        build_folder=tmp_path / ".aigov-build",
        site_dir=tmp_path / "site",
        nav=[],
        extra_css=[],
        extra_javascript=[],
        polyfill="assets/aigov/iframe-worker.js",
        language=language,
    )
    extra = yaml.safe_load(cfg.text).get("extra") or {}
    assert isinstance(extra, dict)
    return extra


@pytest.mark.parametrize("language", ["nl", "de"])
def test_a_dutch_or_german_site_hides_materials_english_footer_credit(
    tmp_path: Path, language: str
) -> None:
    # Material writes "Made with Material for MkDocs" in English whatever its language
    assert _extra(tmp_path, language)["generator"] is False
    extra = _extra(tmp_path / "user", language, "site_name: x\nextra: {team: risk}\n")
    # beside the offline polyfills; the rest of their `extra` still comes through INHERIT
    assert extra == {"polyfills": ["assets/aigov/iframe-worker.js"], "generator": False}


def test_an_english_site_and_a_users_own_choice_keep_the_footer_as_they_are(
    tmp_path: Path,
) -> None:
    assert "generator" not in _extra(tmp_path, "en")
    assert "generator" not in _extra(tmp_path / "u1", "en", "site_name: x\n")
    # the user's own `extra.generator` wins in every language (INHERIT brings it in)
    assert "generator" not in _extra(
        tmp_path / "u2", "nl", "site_name: x\nextra: {generator: true}\n"
    )
