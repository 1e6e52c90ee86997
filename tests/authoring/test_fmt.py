"""aigov fmt: canonical order and layout, comments and scalars kept, data never changed."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigov.authoring import yamltext
from aigov.authoring.fmt import FormatError, format_file, format_text
from aigov.cli import cli
from aigov.yamlload import load_text

HERE = Path(__file__).parent
FMT = HERE / "fixtures" / "fmt"
REPO = HERE.parent.parent


def comment_lines(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "systems").mkdir()
    (tmp_path / "aigov.yaml").write_text("version: 1\n")
    return tmp_path


def test_messy_record_becomes_the_reviewed_canonical_text(repo: Path) -> None:
    source = (FMT / "kundenservice-copilot.yaml").read_text("utf-8")
    expected = (FMT / "kundenservice-copilot.formatted").read_text("utf-8")
    assert format_text(source) == expected


def test_comments_scalars_and_unicode_are_kept() -> None:
    source = (FMT / "kundenservice-copilot.yaml").read_text("utf-8")
    out = format_text(source)
    assert comment_lines(out) == comment_lines(source)
    # scalars exactly as written: quotes, the 1.10 string, block text, flow lists, emoji, CJK
    for written in (
        "'Kundenservice-Copilot “Ünïcödé” 🤖'",
        '"1.10"',
        "[kundenservice, 生成AI, \"yes\", 'no']",
        "# this line is text inside a block, not a comment",
        '{not_applicable: "Nur interne Entwürfe, nichts geht ungeprüft raus"}',
        "decisions_about_people: unknown",
    ):
        assert written in out
    # the comment about a key travels with that key
    lines = out.splitlines()
    at = lines.index("  # the accountable person comes after the team in the model")
    assert lines[at + 1].startswith("  accountable:")
    assert lines[at - 1].startswith("  team:")
    assert load_text(out, "x").data == load_text(source, "x").data


def test_keys_follow_the_model_order() -> None:
    out = format_text((FMT / "kundenservice-copilot.yaml").read_text("utf-8"))
    top = [line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()]
    assert top == [
        "schema_version",
        "id",
        "name",
        "version",
        "tags",
        "owner",
        "lifecycle",
        "use_case",
        "feasibility",
        "impact_assessment",
        "controls",
    ]
    harm = out[out.index("- id: falsche-erstattung") :].splitlines()[:4]
    assert [h.strip().split(":")[0].lstrip("- ") for h in harm] == [
        "id",
        "description",
        "severity",
        "mitigations",
    ]


def test_idempotent_on_every_fixture_and_example() -> None:
    paths = [FMT / "kundenservice-copilot.yaml", *sorted((REPO / "systems").glob("*.yaml"))]
    assert len(paths) > 1
    for path in paths:
        text = path.read_text("utf-8")
        once = format_text(text)
        assert format_text(once) == once, path.name
        assert load_text(once, "x").data == load_text(text, "x").data, path.name
        assert comment_lines(once) == comment_lines(text), path.name


def test_invalid_record_is_left_untouched(repo: Path) -> None:
    target = repo / "systems" / "invalid-unknown-key.yaml"
    shutil.copy(FMT / "invalid-unknown-key.yaml", target)
    before = target.read_bytes()
    result = format_file(target, root=repo)
    assert result.status == "invalid"
    assert any(d.code == "AIG-SCHEMA-UNKNOWN-KEY" for d in result.diagnostics)
    assert target.read_bytes() == before
    run = CliRunner().invoke(cli, ["fmt", "--root", str(repo), str(target)])
    assert run.exit_code == 1
    assert "acountable" in run.output and "left untouched" in run.output
    assert target.read_bytes() == before


def test_check_shows_a_diff_and_exits_1_then_fmt_fixes_and_check_passes(repo: Path) -> None:
    target = repo / "systems" / "kundenservice-copilot.yaml"
    shutil.copy(FMT / "kundenservice-copilot.yaml", target)
    before = target.read_text("utf-8")
    runner = CliRunner()
    check = runner.invoke(cli, ["fmt", "--check", "--root", str(repo)])
    assert check.exit_code == 1
    assert "--- systems/kundenservice-copilot.yaml (now)" in check.output or "(now)" in check.output
    assert "+schema_version: 1" in check.output and "-schema_version: 1" in check.output
    assert "would be reformatted" in check.output
    assert target.read_text("utf-8") == before  # --check writes nothing
    fix = runner.invoke(cli, ["fmt", "--root", str(repo)])
    assert fix.exit_code == 0, fix.output
    assert "reformatted" in fix.output
    fixed = target.read_text("utf-8")
    assert fixed != before
    # the repo has no schemas/ folder, so the existing schema line is kept as written
    assert fixed == (FMT / "kundenservice-copilot.formatted").read_text("utf-8")
    again = runner.invoke(cli, ["fmt", "--check", "--root", str(repo)])
    assert again.exit_code == 0 and "already formatted" in again.output


def test_adds_the_schema_line_when_the_repo_has_the_schema(repo: Path) -> None:
    (repo / "schemas").mkdir()
    shutil.copy(REPO / "schemas" / "aigov-record.schema.json", repo / "schemas")
    target = repo / "systems" / "plain.yaml"
    target.write_text("name: Plain\nid: plain\nschema_version: 1\n")
    assert format_file(target, root=repo).status == "changed"
    assert target.read_text().splitlines()[:4] == [
        "# yaml-language-server: $schema=../schemas/aigov-record.schema.json",
        "schema_version: 1",
        "id: plain",
        "name: Plain",
    ]


def test_crlf_and_tab_free_layout_is_normalised() -> None:
    text = "schema_version: 1\r\nname: X\r\nid: x\r\nowner:\r\n      team: T   \r\n"
    assert format_text(text) == "schema_version: 1\nid: x\nname: X\nowner:\n  team: T\n"


def test_a_record_written_as_one_flow_mapping_is_reported_not_rewritten() -> None:
    with pytest.raises(FormatError):
        format_text("{schema_version: 1, id: x, name: X}\n")


def test_write_failure_leaves_the_file_as_it_was(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = repo / "systems" / "kundenservice-copilot.yaml"
    shutil.copy(FMT / "kundenservice-copilot.yaml", target)
    before = target.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = format_file(target, root=repo)
    assert result.status == "error" and "No space" in result.reason
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["kundenservice-copilot.yaml"]


# --- property: fmt never changes a record's data ----------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn")),
    min_size=1,
    max_size=30,
)
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
WORD = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß éλ中-", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def records(draw: st.DrawFn) -> dict:
    rid = draw(SLUG)
    record: dict = {"schema_version": 1, "id": rid, "name": draw(TEXT)}
    if draw(st.booleans()):
        record["tags"] = draw(st.lists(WORD, max_size=3))
    if draw(st.booleans()):
        record["version"] = draw(st.sampled_from(["1.10", "2", "v3", "2026-01-01", "yes"]))
    if draw(st.booleans()):
        owner = {
            k: draw(TEXT)
            for k in draw(
                st.sets(
                    st.sampled_from(["technical_lead", "contact", "accountable", "team"]),
                    min_size=1,
                )
            )
        }
        record["owner"] = owner
    if draw(st.booleans()):
        use_case: dict = {}
        for key in draw(
            st.sets(
                st.sampled_from(
                    ["problem", "before", "after", "beneficiaries", "autonomy", "knowledge_task"]
                )
            )
        ):
            if key == "beneficiaries":
                use_case[key] = draw(st.lists(TEXT, min_size=1, max_size=3))
            elif key == "autonomy":
                use_case[key] = draw(st.sampled_from(["copilot", "autopilot", "unknown"]))
            elif key == "knowledge_task":
                use_case[key] = draw(st.booleans())
            else:
                use_case[key] = draw(
                    st.one_of(
                        TEXT,
                        st.just("line one\nline two\n"),
                        st.just({"not_applicable": "n/a here"}),
                    )
                )
        record["use_case"] = use_case
    if draw(st.booleans()):
        harms = []
        for i in range(draw(st.integers(1, 3))):
            harm = {"id": f"harm-{i}", "description": draw(TEXT)}
            if draw(st.booleans()):
                harm["severity"] = draw(st.sampled_from(["low", "high"]))
            if draw(st.booleans()):
                harm["mitigations"] = []
            harms.append(harm)
        record["impact_assessment"] = {"harms": harms}
        if draw(st.booleans()):
            record["impact_assessment"]["assessor"] = draw(TEXT)
    return record


def _quoted(draw: st.DrawFn, value: object) -> str:
    if not isinstance(value, str):
        return yamltext.scalar(value)
    styles = ["double"]
    if yamltext.plain_ok(value):
        styles.append("plain")
    if "\n" not in value and all(ch.isprintable() for ch in value):
        styles.append("single")
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def messy_text(draw: st.DrawFn) -> tuple[dict, str]:
    """A record as a person might write it: any key order, indentation, quoting, comments."""
    record = draw(records())
    comment = st.text(alphabet="abc XYZ äé-#:", max_size=20).map(
        lambda s: "# " + " ".join(s.split())
    )
    lines: list[str] = []

    def emit_map(data: dict, indent: int, first_prefix: str | None = None) -> None:
        keys = draw(st.permutations(list(data)))
        step = draw(st.sampled_from([2, 3, 4]))
        for n, key in enumerate(keys):
            value = data[key]
            pad = " " * indent
            if draw(st.integers(0, 4)) == 0 and not (n == 0 and first_prefix is not None):
                lines.append(pad + draw(comment))
            lead = pad if not (n == 0 and first_prefix is not None) else first_prefix
            if isinstance(value, dict) and value and set(value) != {"not_applicable"}:
                lines.append(f"{lead}{key}:")
                emit_map(value, indent + step)
            elif isinstance(value, dict):
                lines.append(
                    f"{lead}{key}: {{not_applicable: {json.dumps(value['not_applicable'])}}}"
                    if value
                    else f"{lead}{key}: {{}}"
                )
            elif isinstance(value, list) and value:
                lines.append(f"{lead}{key}:")
                dash = indent + draw(st.sampled_from([0, 2, 4]))
                for item in value:
                    if isinstance(item, dict):
                        emit_map(item, dash + 2, first_prefix=" " * dash + "- ")
                    else:
                        lines.append(" " * dash + "- " + _quoted(draw, item))
            elif isinstance(value, list):
                lines.append(f"{lead}{key}: []")
            elif isinstance(value, str) and "\n" in value and draw(st.booleans()):
                lines.append(f"{lead}{key}: |")
                lines.extend(
                    " " * (indent + step) + part for part in value.rstrip("\n").split("\n")
                )
            else:
                eol = ("   " + draw(comment)) if draw(st.integers(0, 3)) == 0 else ""
                lines.append(f"{lead}{key}: {_quoted(draw, value)}{eol}")

    if draw(st.booleans()):
        lines.append(draw(comment))
    emit_map(record, 0)
    if draw(st.booleans()):
        lines.append(draw(comment))
    return record, "\n".join(lines) + "\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_text())
def test_fmt_never_changes_the_data(case: tuple[dict, str]) -> None:
    _, text = case
    before = load_text(text, "x")
    out = format_text(text)  # block-style records always format (no FormatError)
    after = load_text(out, "x")
    assert after.data == before.data
    assert comment_lines(out) == comment_lines(text)
    assert format_text(out) == out
