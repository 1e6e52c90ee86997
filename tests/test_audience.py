"""Audience builds: what a public edition leaves out, and proof that nothing leaks."""

from __future__ import annotations

import copy
import gzip
import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from aigov.answers import split_answers
from aigov.audience import (
    WITHHELD,
    Audience,
    Edition,
    check_visibility,
    redact,
    redact_data,
    rules_of,
    scrub_diagnostics,
)
from aigov.diagnostics import Diagnostic
from aigov.hashing import content_hash
from aigov.model import Record
from aigov.project import process_file
from aigov.yamlload import load_file
from tests.conftest import engine_params, run_aigov

FULL = Path(__file__).resolve().parent / "fixtures" / "full-record.yaml"


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    doc, _ = load_file(FULL)
    assert doc is not None
    return doc.data  # type: ignore[no-any-return]


def _public(data: dict[str, Any], internal: list[str], confidential: list[str] = ()) -> Any:  # type: ignore[assignment]
    d = copy.deepcopy(data)
    d["visibility"] = {"internal": list(internal), "confidential": list(confidential)}
    return redact_data(d)


def test_sections_leaves_and_items_are_left_out(full: dict[str, Any]) -> None:
    red = _public(
        full,
        [
            "operations.incidents",
            "impact_assessment.harms.wrong-promise.affected_group",
            "use_case.users.0",
        ],
        ["data.data_protection_note", "approach.components.*.base_model"],
    )
    out = red.data
    assert "incidents" not in out["operations"] and "monitoring" in out["operations"]
    assert "affected_group" not in out["impact_assessment"]["harms"][0]
    assert (
        out["impact_assessment"]["harms"][0]["description"]
        == full["impact_assessment"]["harms"][0]["description"]
    )
    assert out["use_case"]["users"] == []
    assert "data_protection_note" not in out["data"]
    assert "base_model" not in out["approach"]["components"][0]
    assert "visibility" not in out
    assert [w.label for w in red.withheld] == [
        "Use case › Users › item 1",
        "Approach › Components › item 1 › Base model",
        "Data › Data protection note",
        "Impact assessment › Harms › item 1 › Affected group",
        "Operations › Incidents",
    ]


def test_a_field_name_after_a_list_means_every_item(full: dict[str, Any]) -> None:
    out = _public(full, ["metrics.business.target", "controls.manage.*.title"]).data
    assert all("target" not in m for m in out["metrics"]["business"])
    # the title is required text: it stays as a marker, so the control still validates
    assert [c["title"] for c in out["controls"]["manage"]] == [WITHHELD]


def test_required_non_text_takes_its_item_along(full: dict[str, Any]) -> None:
    out = _public(full, ["evaluations.results.0.value", "operations.monitoring.mon-data.kind"]).data
    assert (
        len(out["evaluations"]["results"]) == 1
        and out["evaluations"]["results"][0]["value"] == 0.88
    )
    assert out["operations"]["monitoring"] == []


def test_references_to_withheld_items_go_too(full: dict[str, Any]) -> None:
    red = _public(full, ["controls.manage", "metrics.model_quality", "approach.components"])
    out = red.data
    assert out["impact_assessment"]["harms"][0]["mitigations"] == []
    assert "control" not in out["launch"]["red_team"]["findings"][0]
    # results measure a withheld metric: the results are withheld with it
    assert out["evaluations"]["results"] == []
    assert "ctl-review" in red.withheld_ids


def test_internal_keeps_everything_and_marks_confidential(
    full: dict[str, Any], tmp_path: Path
) -> None:
    text = FULL.read_text(encoding="utf-8").replace(
        "visibility: {internal: [operations.incidents]}",
        "visibility: {internal: [operations.incidents], confidential: [data.retention, impact_assessment.harms.0.notes]}",
    )
    path = tmp_path / "full-record.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = process_file(path)
    internal = redact(loaded, "internal")
    assert internal.data == loaded.data and internal.record == loaded.record
    assert internal.confidential == [("data", "retention")]
    assert internal.audience == Audience.INTERNAL
    assert internal.edition == Edition(Audience.INTERNAL, confidential=(("data", "retention"),))
    assert loaded.edition == Edition()  # as loaded: the internal edition, nothing marked
    public = redact(loaded, "public")
    assert public.record is not None and public.record.operations is not None
    assert public.record.operations.incidents == [] and public.record.data.retention is None  # type: ignore[union-attr]
    assert public.content_hash == loaded.content_hash
    assert [w.label for w in public.withheld] == ["Data › Retention", "Operations › Incidents"]
    assert public.edition.audience == Audience.PUBLIC and public.edition.confidential == ()
    assert [r.path for r in public.edition.visibility_rules] == [
        "operations.incidents",
        "data.retention",
        "impact_assessment.harms.0.notes",
    ]


def test_explicit_answers_under_withheld_parts_are_gone(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace(
        "  retention: 30 days\n", "  retention: {not_applicable: no logs kept}\n"
    )
    text = text.replace(
        "visibility: {internal: [operations.incidents]}", "visibility: {internal: [data.retention]}"
    )
    path = tmp_path / "full-record.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = process_file(path)
    assert "data.retention" in loaded.answers
    assert "data.retention" not in redact(loaded, "public").answers


def test_findings_that_would_quote_withheld_text_are_dropped(full: dict[str, Any]) -> None:
    red = _public(full, ["data.data_protection_note", "controls.manage"])
    diags = [
        Diagnostic("x.yaml", 3, 1, "AIG-A", "about the note", field="data.data_protection_note"),
        Diagnostic(
            "x.yaml",
            4,
            1,
            "AIG-B",
            "harm 'wrong-promise' is mitigated by 'ctl-review', which is planned",
        ),
        Diagnostic("x.yaml", 5, 1, "AIG-C", "no owner", field="owner.team"),
    ]
    assert [d.code for d in scrub_diagnostics(diags, red)] == ["AIG-C"]


@pytest.mark.parametrize(
    ("path", "message", "hint"),
    [
        (
            "operations.incident",
            "'incident', which is not a field of operations",
            "Did you mean 'incidents'?",
        ),
        (
            "impact_assessment.harms.wrong-promis",
            "neither an item id",
            "Did you mean 'wrong-promise'?",
        ),
        ("name", "which every audience sees", "always shown"),
        ("impact_assessment..harms", "empty step", "dotted field names"),
    ],
)
def test_visibility_paths_that_hide_nothing_are_errors(
    tmp_path: Path, path: str, message: str, hint: str
) -> None:
    text = FULL.read_text(encoding="utf-8").replace(
        "visibility: {internal: [operations.incidents]}",
        f"visibility:\n  internal:\n    - {path}\n",
    )
    file = tmp_path / "full-record.yaml"
    file.write_text(text, encoding="utf-8")
    (diag,) = check_visibility(process_file(file))
    assert message in diag.message and hint in diag.hint
    assert diag.field == "visibility.internal.0"
    assert file.read_text(encoding="utf-8").splitlines()[diag.line - 1].strip() == f"- {path}"


def test_good_paths_are_clean(full: dict[str, Any]) -> None:
    d = copy.deepcopy(full)
    d["visibility"] = {
        "internal": [
            "operations.incidents",
            "impact_assessment.harms.wrong-promise.notes",
            "approach.components.*.metadata.library_name",
        ],
        "confidential": ["controls.manage.0", "metrics.business.target", "*"],
    }
    assert len(rules_of(d)) == 6
    from aigov.audience import explain_path

    assert [explain_path(r.steps, d)[0] for r in rules_of(d)] == [""] * 6


# --- the leak test: a real public build holds no internal content, anywhere ------------------

SKIP_KEYS = {
    "id",
    "schema_version",
    "mitigations",
    "control",
    "component",
    "metric",
    "dataset",
    "training_data",
    "evaluation_data",
    "record_hash",
    "revision",
}


def _valid(data: dict[str, Any]) -> bool:
    try:
        Record.model_validate(split_answers(data)[0])
    except ValidationError:
        return False
    return True


def _leaves(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    out: list[tuple[str | int, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in SKIP_KEYS or (not path and k in ("name", "visibility")):
                continue
            out += _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _leaves(v, (*path, i))
    elif isinstance(node, str):
        out.append(path)
    return out


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def plant(
    data: dict[str, Any], tag: str, repo: Path
) -> tuple[dict[str, Any], list[str], list[str]]:
    """A sentinel in every text field that can hold one; returns the data, the sentinels and
    the dotted paths they sit at. URLs and evidence paths get the sentinel inside them (the
    evidence file is created with that name)."""
    data = copy.deepcopy(data)
    sentinels, paths = [], []
    for n, path in enumerate(_leaves(data)):
        sentinel = f"sntl{tag}{n:03d}x"
        old = _get(data, path)
        if path[-1] == "path" and "evidence" in path:
            value = f"evidence/{sentinel}.md"
            (repo / "evidence").mkdir(exist_ok=True)
            (repo / value).write_text(f"# Evidence\n\nThe file {sentinel}.\n", encoding="utf-8")
        elif str(old).startswith("http") or path[-1] in ("link",):
            value = f"https://example.com/{sentinel}"
        else:
            value = f"{sentinel} {old}"
        _set(data, path, value)
        if not _valid(data):
            _set(data, path, old)  # an enum, a date, a NIST id: cannot hold text
            continue
        sentinels.append(sentinel)
        paths.append(".".join(str(p) for p in path))
    return data, sentinels, paths


def _git(repo: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "Priya Raman",
        "GIT_AUTHOR_EMAIL": "p@example.com",
        "GIT_COMMITTER_NAME": "Priya Raman",
        "GIT_COMMITTER_EMAIL": "p@example.com",
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def leak_repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two records with a sentinel in every text field, committed twice (so history pages and
    stale sign-offs have diffs), and their cards for the public and the internal audience."""
    repo = tmp_path_factory.mktemp("leak") / "governance"
    (repo / "systems").mkdir(parents=True)
    (repo / "aigov.yaml").write_text("version: 1\n", encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "help.md").write_text("# Help centre\n", encoding="utf-8")
    base = load_file(FULL)[0].data  # type: ignore[union-attr]
    base.pop("visibility")

    # leaf by leaf: every text field marked on its own (every third one confidential)
    leaf, leaf_sentinels, leaf_paths = plant(base, "a", repo)
    leaf["id"] = "leaf-marked"
    leaf["visibility"] = {
        "internal": leaf_paths[0::3] + leaf_paths[1::3],
        "confidential": leaf_paths[2::3],
    }
    # whole sections marked, ids included, while the harms that name the withheld controls stay public
    without_harms = {k: v for k, v in base.items() if k != "impact_assessment"}
    section, section_sentinels, _ = plant(without_harms, "b", repo)
    section["id"] = "section-marked"
    section["impact_assessment"] = copy.deepcopy(base["impact_assessment"])
    for fn in ("govern", "map", "measure", "manage"):
        for c in section["controls"][fn]:
            new_id = f"ctl-sntlb{len(section_sentinels):03d}x"
            section_sentinels.append(new_id)
            for harm in section["impact_assessment"]["harms"]:
                harm["mitigations"] = [new_id if m == c["id"] else m for m in harm["mitigations"]]
            for f in section["launch"]["red_team"]["findings"]:
                if f.get("control") == c["id"]:
                    f["control"] = new_id
            c["id"] = new_id
    tops = [
        k
        for k in section
        if k not in ("schema_version", "id", "name", "impact_assessment", "visibility")
    ]
    section["visibility"] = {
        "internal": tops[: len(tops) // 2],
        "confidential": tops[len(tops) // 2 :],
    }
    assert section_sentinels and _valid(section)

    def write(record: dict[str, Any], old_suffix: str = "") -> Path:
        data = copy.deepcopy(record)
        if old_suffix:  # the older version: every sentinel text changed, and one public number
            data["lifecycle"]["review_cadence_days"] = 60
            for path in _leaves(data):
                value = _get(data, path)
                if isinstance(value, str) and value.startswith("sntl") and " " in value:
                    _set(data, path, value.replace(" ", f"{old_suffix} ", 1))
        file = repo / "systems" / f"{record['id']}.yaml"
        file.write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
        )
        return file

    _git(repo, "init", "-q", "-b", "main")
    for record in (leaf, section):
        write(record, old_suffix="old")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "First version of both records")
    for record in (leaf, section):
        old = load_file(repo / "systems" / f"{record['id']}.yaml")[0].data  # type: ignore[union-attr]
        record["signoffs"] = [
            *record.get("signoffs", []),
            {
                "reviewer": "Jonas Becker",
                "role": "legal",
                "decision": "approved",
                "date": "2026-05-21",
                "record_hash": content_hash(old),
            },
        ]
        write(record)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Second version: every text edited after legal approval")

    out: dict[str, Any] = {"sentinels": leaf_sentinels + section_sentinels, "repo": repo}
    for audience in ("public", "internal"):
        card_dir = repo.parent / f"cards-{audience}"
        card_dir.mkdir()
        for record in (leaf, section):
            for fmt in ("md", "html", "json", "docx"):
                target = card_dir / f"{record['id']}.{fmt}"
                card = run_aigov(
                    "card",
                    f"systems/{record['id']}.yaml",
                    "--format",
                    fmt,
                    "--audience",
                    audience,
                    "-o",
                    str(target),
                    "--root",
                    str(repo),
                    cwd=repo,
                )
                assert card.returncode in (0, 1) and target.exists(), card.stderr
        out[f"cards-{audience}"] = card_dir
    return out


@pytest.fixture(scope="session", params=engine_params())
def leak_builds(request: pytest.FixtureRequest, leak_repo: dict[str, Any]) -> dict[str, Any]:
    """The sentinel records' site built for the public and the internal audience by each
    engine in turn (mkdocs, properdocs, zensical)."""
    engine = str(request.param)
    repo = leak_repo["repo"]
    out = {**leak_repo, "engine": engine}
    for audience in ("public", "internal"):
        site = repo.parent / f"site-{audience}-{engine}"
        run = run_aigov(
            "build",
            "--root",
            str(repo),
            "--site-dir",
            str(site),
            "--audience",
            audience,
            "--engine",
            engine,
            "--today",
            "2026-11-15",
            "--quiet",
            cwd=repo,
            timeout=300,
        )
        assert run.returncode in (0, 1), run.stderr
        out[audience] = site
    return out


def _search_index(builds: dict[str, Any], audience: str) -> Path:
    from aigov.site.engines import ENGINE_INFO

    return builds[audience] / ENGINE_INFO[builds["engine"]].search_index


def _everything(*folders: Path) -> str:
    texts = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            if path.suffix == ".docx":  # a zip of XML parts: their text, tags dropped
                with zipfile.ZipFile(io.BytesIO(raw)) as z:
                    parts = [z.read(n).decode() for n in z.namelist() if n.endswith(".xml")]
                raw = re.sub(r"<[^>]+>", "", "\n".join(parts)).encode()
            texts.append(path.as_posix() + "\n" + raw.decode("utf-8", errors="replace"))
    return "\n".join(texts).lower()


@pytest.mark.slow
def test_no_internal_content_reaches_any_public_output(leak_builds: dict[str, Any]) -> None:
    # the site, the cards, and the public edition's own pages folder (never a shared one
    # whose withheld pages a setting leaves out)
    pages = leak_builds["repo"] / ".aigov-build" / "public"
    assert (pages / "docs" / "index.md").is_file()
    public = _everything(leak_builds["public"], leak_builds["cards-public"], pages)
    assert _search_index(leak_builds, "public").is_file()
    leaked = [s for s in leak_builds["sentinels"] if s.lower() in public]
    assert leaked == [], f"{len(leaked)} of {len(leak_builds['sentinels'])} sentinels leaked"
    assert "sntl" not in public  # not even the older versions' texts, in history diffs
    assert "withheld" in public
    # the history shows the public change since the legal approval, and only that
    history = (leak_builds["public"] / "systems" / "leaf-marked" / "history.html").read_text(
        encoding="utf-8"
    )
    assert "Changed since the legal approval of 2026-05-21" in history
    assert "Lifecycle › Review cadence (days)" in history and "1 change: 1 changed" in history


@pytest.mark.slow
def test_all_internal_content_reaches_the_internal_outputs(leak_builds: dict[str, Any]) -> None:
    internal = _everything(leak_builds["internal"], leak_builds["cards-internal"])
    missing = [s for s in leak_builds["sentinels"] if s.lower() not in internal]
    assert missing == []
    search = _search_index(leak_builds, "internal").read_text(encoding="utf-8").lower()
    assert (
        sum(s.lower() in search for s in leak_builds["sentinels"])
        > len(leak_builds["sentinels"]) // 2
    )


def test_the_checks_summary_keeps_the_tier_but_not_reasons_that_quote_withheld_harms(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from aigov.checks import CheckOptions, make_checker

    text = FULL.read_text(encoding="utf-8").replace(
        "visibility: {internal: [operations.incidents]}",
        "visibility: {internal: [impact_assessment.harms]}",
    )
    path = tmp_path / "full-record.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = process_file(path, make_checker(CheckOptions(today=dt.date(2026, 11, 15))))
    full_reasons = loaded.check_summary.tier.reasons
    assert any("wrong-promise" in r for r in full_reasons)
    public = redact(loaded, "public")
    assert public.check_summary.tier.effective == loaded.check_summary.tier.effective
    assert not any("wrong-promise" in r for r in public.check_summary.tier.reasons)
    assert len(public.check_summary.tier.reasons) == len(full_reasons)
    assert not any("wrong-promise" in d.message for d in public.diagnostics)


# --- fail closed: a public output never runs while a visibility rule does not resolve --------


def _typo_repo(tmp_path: Path) -> Path:
    root = tmp_path / "governance"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").write_text("", encoding="utf-8")
    text = FULL.read_text(encoding="utf-8").replace(
        "visibility: {internal: [operations.incidents]}",
        "visibility: {internal: [operations.incidnets]}",
    )
    assert "incidnets" in text
    (root / "systems" / "full-record.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_a_public_build_refuses_a_visibility_typo(tmp_path: Path, strict: list[str]) -> None:
    root = _typo_repo(tmp_path)
    line = next(
        i
        for i, text in enumerate((root / "systems/full-record.yaml").read_text().splitlines(), 1)
        if "incidnets" in text
    )
    run = run_aigov(
        "build", "--audience", "public", "--today", "2026-09-01", *strict, cwd=root, timeout=300
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert f"systems/full-record.yaml:{line}:" in run.stderr
    assert "visibility path 'operations.incidnets' has 'incidnets'" in run.stderr
    assert "Did you mean 'incidents'?" in run.stderr
    assert "refusing to build the public edition" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (root / "site").exists()
    docs = root / ".aigov-build" / "docs"
    assert not docs.exists() or not any(docs.iterdir())
    # the internal edition publishes nothing withheld, so it still builds
    internal = run_aigov("build", "--today", "2026-09-01", cwd=root, timeout=300)
    assert internal.returncode == 0, internal.stdout + internal.stderr


def test_a_public_card_refuses_a_visibility_typo(tmp_path: Path) -> None:
    root = _typo_repo(tmp_path)
    out = root / "card.md"
    run = run_aigov("card", "full-record", "--audience", "public", "-o", str(out), cwd=root)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "visibility path 'operations.incidnets'" in run.stderr
    assert "refusing to build the public card" in run.stderr
    assert not out.exists()
    internal = run_aigov("card", "full-record", "-o", str(out), cwd=root)
    assert internal.returncode == 0, internal.stdout + internal.stderr
