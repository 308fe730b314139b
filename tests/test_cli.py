"""The `kg` command line, end to end on the bundled sample corpus and the real extractor."""

from __future__ import annotations

import errno
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from kg.cli import app, main
from tests.conftest import ROOT, SAMPLES, refuse_writing_store_lock

runner = CliRunner()


def kg(data_dir: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--data-dir", str(data_dir), *args])
    return result.exit_code, result.output


def test_ingest_reports_a_summary_and_reruns_change_nothing(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "ingest", str(SAMPLES))
    assert code == 0, out
    files = len(list(SAMPLES.glob("*.txt")))
    assert f"{files} files: 0 added, {files} already stored" in out
    code, stats = kg(sample_data_dir, "stats")
    assert f"{files} documents" in stats


def test_related_lists_the_carrier_with_its_evidence(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "related", "全过程人民民主", "--json", "--limit", "50")
    assert code == 0, out
    data = json.loads(out)
    related = data["related"]
    carriers = [r for r in related if r["concept"] == "人民代表大会制度" and r["type"] == "CARRIER_OF"]
    assert carriers, [(r["concept"], r["type"]) for r in data["related"]]
    assert carriers[0]["direction"] == "in"
    assert any("人民代表大会制度" in e and "全过程人民民主" in e for e in carriers[0]["evidence"])
    types = [r["type"] for r in data["related"]]
    # typed relations come before co-mentions
    if "CO_OCCURS_WITH" in types:
        first_co = types.index("CO_OCCURS_WITH")
        assert all(t == "CO_OCCURS_WITH" for t in types[first_co:])


def test_alias_finds_the_canonical_concept(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "related", "中国共产党领导", "--json")
    assert code == 0, out
    assert json.loads(out)["concept"] == "党的领导"


def test_a_lexicon_alias_finds_the_concept_though_no_text_uses_it(sample_data_dir: Path) -> None:
    # the README's example: 人大制度 finds 人民代表大会制度
    assert not any("人大制度" in p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt"))
    code, out = kg(sample_data_dir, "related", "人大制度", "--json")
    assert code == 0, out
    assert json.loads(out)["concept"] == "人民代表大会制度"


def test_path_gives_evidence_for_every_step(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "path", "党的领导", "全过程人民民主")
    assert code == 0, out
    steps = [line for line in out.splitlines() if line.startswith("  ")]
    assert steps
    for line in steps:  # "  A TYPE B: evidence sentence"
        _, _, evidence = line.partition(": ")
        assert len(evidence.strip()) >= 4, line


def test_path_states_each_relation_from_its_head_whichever_way_the_path_runs(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "path", "全过程人民民主", "人大制度")
    assert code == 0, out
    assert "path 1: 全过程人民民主 — 人民代表大会制度" in out
    # the evidence: 人民代表大会制度是实现我国全过程人民民主的重要制度载体
    assert "  人民代表大会制度 CARRIER_OF 全过程人民民主: " in out
    assert "全过程人民民主 CARRIER_OF 人民代表大会制度" not in out


def test_unknown_concept_fails_with_close_matches(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "related", "全过程民主")
    assert code == 1
    assert "unknown concept" in out
    assert "全过程人民民主" in out


def test_view_and_map_summaries_put_a_count_in_its_number(sample_data_dir: Path, tmp_path: Path) -> None:
    # they said "(1 concepts, 0 edges)" and "(1 concepts, 0 relations)"
    code, out = kg(
        sample_data_dir, "view", "全过程人民民主", "-o", str(tmp_path / "v.html"), "--max-nodes", "1"
    )
    assert code == 0, out
    assert "(1 concept, 0 edges)" in out
    code, out = kg(sample_data_dir, "map", "lesson", "全过程人民民主", "-o", str(tmp_path / "maps"))
    assert code == 0, out
    assert "(1 concept, 0 relations)" in out


def test_view_writes_an_offline_map(sample_data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    code, out = kg(sample_data_dir, "view", "全过程人民民主", "-o", str(target))
    assert code == 0, out
    html = target.read_text(encoding="utf-8")
    assert "全过程人民民主" in html
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", html)


def test_extract_writes_the_gold_format(tmp_path: Path) -> None:
    texts = ROOT / "tests" / "fixtures" / "eval" / "texts"
    out_dir = tmp_path / "pred"
    code, out = kg(tmp_path / "unused", "extract", str(texts), "--out", str(out_dir))
    assert code == 0, out
    stems = sorted(p.stem for p in texts.glob("*.txt"))
    assert sorted(p.stem for p in out_dir.glob("*.json")) == stems
    data = json.loads((out_dir / "zhangqiu-npc-study-speech.json").read_text(encoding="utf-8"))
    assert data["document"] == "zhangqiu-npc-study-speech.txt"
    names = {c["name"] for c in data["concepts"]}
    assert {"全过程人民民主", "人民代表大会制度"} <= names
    cats = {c["category"] for c in data["concepts"]}
    assert cats <= {"system", "idea", "formula", "practice", "organization", "event", "person"}
    for r in data["relations"]:
        assert r["head"] in names and r["tail"] in names
        assert r["evidence"]


def test_extract_reads_txt_in_any_case(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "Speech.TXT").write_text(
        "人民代表大会制度是实现全过程人民民主的重要制度载体。", encoding="utf-8"
    )
    code, out = kg(tmp_path / "unused", "extract", str(texts), "--out", str(tmp_path / "pred"))
    assert code == 0, out
    assert [p.name for p in (tmp_path / "pred").glob("*.json")] == ["Speech.json"]
    assert f"wrote 1 file to {tmp_path / 'pred'}" in out


def test_extract_does_not_overwrite_one_texts_output_with_anothers(tmp_path: Path) -> None:
    # a.TXT and a.txt both write a.json: the second overwrote the first, and "wrote 2 files"
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.TXT").write_text("人民代表大会制度是实现全过程人民民主的重要制度载体。", encoding="utf-8")
    (texts / "a.txt").write_text("协商民主是实践全过程人民民主的重要形式。", encoding="utf-8")
    code, out = kg(tmp_path / "unused", "extract", str(texts), "--out", str(tmp_path / "pred"))
    assert code == 0, out
    assert json.loads((tmp_path / "pred" / "a.json").read_text(encoding="utf-8"))["document"] == "a.TXT"
    assert f"skipped {texts / 'a.txt'}: a.json is written from {texts / 'a.TXT'} already" in out
    assert f"wrote 1 file to {tmp_path / 'pred'}, 1 skipped" in out


def test_extract_refuses_a_folder_without_texts(tmp_path: Path) -> None:
    code, out = kg(tmp_path, "extract", str(tmp_path), "--out", str(tmp_path / "o"))
    assert code == 1
    assert "no .txt files" in out


def test_delete_removes_a_document(sample_data_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "copy"
    shutil.copytree(sample_data_dir, data_dir)
    _, listing = kg(data_dir, "documents")
    doc_id = listing.split()[0]
    code, out = kg(data_dir, "delete", doc_id)
    assert code == 0, out
    _, stats = kg(data_dir, "stats")
    files = len(list(SAMPLES.glob("*.txt")))
    assert f"{files - 1} documents" in stats
    code, out = kg(data_dir, "delete", doc_id)
    assert code == 1 and "no document" in out


# ---- errors are one line, not tracebacks -----------------------------------------------


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("variable", "value", "accepted"),
    [
        ("KG_MAX_FILE_BYTES", "abc", "integer"),
        ("KG_STORE", "bogus", "'networkx' or 'neo4j'"),
        ("KG_PORT", "abc", "integer"),
        ("NEO4J_TIMEOUT", "soon", "number"),
        ("KG_CORS_ORIGINS", '["https://a.org"', "JSON list"),
        ("NEO4J_URI", "foo://x", "bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc"),
        ("NEO4J_URI", "", "bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc"),
        ("NEO4J_URI", "nonsense", "scheme://host[:port]"),
        ("NEO4J_URI", "http://127.0.0.1:7731", "bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc"),
        ("NEO4J_URI", "bolt://127.0.0.1:7731/extra?x=1", "host[:port]"),
        # one number out of its range; tests/kg/test_settings.py checks every range
        ("KG_PORT", "70000", "less than or equal to 65535"),
    ],
)
def test_an_invalid_setting_is_a_one_line_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, accepted: str
) -> None:
    monkeypatch.setenv(variable, value)
    line = _one_error_line(runner.invoke(app, ["--data-dir", str(tmp_path), "stats"]))
    assert f"{variable}={value!r}" in line and accepted in line


@pytest.mark.parametrize(
    ("variable", "value"),
    [("KG_PORT", "70000"), ("NEO4J_URI", "http://127.0.0.1:7731"), ("NEO4J_TIMEOUT", "-1")],
)
def test_serve_refuses_to_start_on_an_invalid_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    """Not a traceback from uvicorn, nor a server answering 500 to every request."""
    import uvicorn

    def must_not_serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("served despite an invalid setting")

    monkeypatch.setattr(uvicorn, "run", must_not_serve)
    monkeypatch.setenv("KG_STORE", "neo4j")
    monkeypatch.setenv(variable, value)
    line = _one_error_line(runner.invoke(app, ["serve"]))
    assert line.startswith(f"error: invalid setting {variable}={value!r}: ")


def test_serve_refuses_a_port_option_out_of_range(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "serve", "--port", "70000"])
    assert result.exit_code == 2 and "65535" in result.output


def test_an_option_overrides_an_invalid_variable(
    sample_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE", "bogus")
    result = runner.invoke(app, ["--store", "networkx", "--data-dir", str(sample_data_dir), "stats"])
    assert result.exit_code == 0, result.output


def test_a_data_dir_that_is_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    data_file = tmp_path / "kg"
    data_file.write_text("not a folder", encoding="utf-8")
    line = _one_error_line(runner.invoke(app, ["--data-dir", str(data_file), "stats"]))
    assert f"{data_file}: not a folder" in line


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["related", "人大制度"],
        ["path", "人民代表大会制度", "全过程人民民主"],
        ["view", "人大制度", "-o", "{tmp}/map.html"],
        ["documents"],
        ["export", "--format", "json", "--out", "{tmp}/graph.json"],
        ["map", "民主课", "人大制度", "-o", "{tmp}/maps"],
        ["delete", "doc-1"],
    ],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("exists", [False, True], ids=["no-folder", "empty-folder"])
def test_a_read_on_a_folder_without_a_graph_is_an_error_and_creates_nothing(
    tmp_path: Path, command: list[str], exists: bool
) -> None:
    """Not '0 documents' and exit 0 (or 'unknown concept') over an empty store made on the spot."""
    data_dir = tmp_path / "nostore"
    if exists:
        data_dir.mkdir()
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    line = _one_error_line(runner.invoke(app, ["--data-dir", str(data_dir), *args]))
    assert line == f"error: no graph at {data_dir} (--data-dir or KG_DATA_DIR); run kg ingest PATH first"
    assert sorted(p.name for p in tmp_path.rglob("*")) == (["nostore"] if exists else [])


def test_ingest_creates_the_data_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "kg"
    code, out = kg(data_dir, "ingest", str(SAMPLES / sorted(p.name for p in SAMPLES.glob("*.txt"))[0]))
    assert code == 0, out
    code, out = kg(data_dir, "stats")
    assert code == 0 and out.startswith("1 document, "), out


def test_view_into_a_folder_is_a_one_line_error(sample_data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--data-dir", str(sample_data_dir), "view", "全过程人民民主", "-o", str(tmp_path)]
    )
    assert f"{tmp_path}: is a folder" in _one_error_line(result)


def test_extract_into_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    texts = ROOT / "tests" / "fixtures" / "eval" / "texts"
    out = tmp_path / "out.json"
    out.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "extract", str(texts), "--out", str(out)])
    assert f"{out}: not a folder" in _one_error_line(result)


def test_main_turns_any_file_system_error_into_one_line(
    sample_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "maps"
    blocker.write_text("a file where kg map wants a folder", encoding="utf-8")
    argv = ["kg", "--data-dir", str(sample_data_dir), "map", "lesson", "全过程人民民主", "-o", str(blocker)]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1] == f"error: {blocker}: a file, where a folder is needed"


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["documents"],
        ["related", "人大制度"],
        ["export", "--format", "json", "-o", "{tmp}/g.json"],
        ["delete", "dzzz"],
        ["ingest", str(SAMPLES)],
    ],
    ids=lambda c: c[0],
)
def test_a_store_file_without_a_document_is_a_one_line_error_naming_it(
    sample_data_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    """Not a JSONDecodeError traceback: every command refuses the graph, naming the file."""
    data_dir = tmp_path / "copy"
    shutil.copytree(sample_data_dir, data_dir)
    bad = data_dir / "documents" / "dzzz.json"
    bad.write_text("{broken\n", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    line = _one_error_line(runner.invoke(app, ["--data-dir", str(data_dir), *args]))
    assert line.startswith(f"error: store file {bad} is not valid JSON (line 1 col 2: "), line
    assert line.endswith(f"move it out of {bad.parent} (or restore it from a backup) to use the graph again")
    assert bad.exists() and not (tmp_path / "g.json").exists()


def test_export_to_neo4j_names_a_store_file_without_a_document(tmp_path: Path) -> None:
    """`kg export --to neo4j` reads the files itself; its StoreError handling prints the line."""
    from kg.commands.neo4j_tools import read_extractions
    from kg.store import StoreCorrupt

    bad = tmp_path / "dzzz.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(StoreCorrupt, match=re.escape(f'store file {bad} has no "format" field')):
        list(read_extractions([bad]))


def test_reads_need_no_write_access_and_writes_say_the_folder_cannot_be_written(
    sample_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store on a read-only mount: reads worked only with write access to .write.lock before."""
    data_dir = tmp_path / "copy"
    shutil.copytree(sample_data_dir, data_dir)
    refuse_writing_store_lock(monkeypatch, errno.EROFS)
    for args in (
        ["stats"],
        ["documents"],
        ["related", "人大制度"],
        ["export", "--format", "json", "-o", "{tmp}/g.json"],
    ):
        code, out = kg(data_dir, *(a.replace("{tmp}", str(tmp_path)) for a in args))
        assert code == 0, out
    doc_id = kg(data_dir, "documents")[1].split()[0]
    expected = (
        f"error: cannot write to the data folder {data_dir} ({data_dir / '.write.lock'}: Read-only file "
        "system); the graph can be read, but adding or deleting documents needs write access to it"
    )
    assert _one_error_line(runner.invoke(app, ["--data-dir", str(data_dir), "delete", doc_id])) == expected
    new_text = _texts(tmp_path / "new", {"new.txt": "全过程人民民主是社会主义民主政治的本质属性。"})
    result = runner.invoke(app, ["--data-dir", str(data_dir), "ingest", str(new_text)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.stderr.strip().splitlines()[-1] == expected
    assert kg(data_dir, "stats")[1] == kg(sample_data_dir, "stats")[1]


# ---- ingest: every path is accounted for ---------------------------------------------


def _texts(folder: Path, files: dict[str, str]) -> Path:
    """`folder` holding the files named by `files` with their texts."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_ingest_of_a_folder_without_texts_is_an_error(tmp_path: Path) -> None:
    empty = _texts(tmp_path / "empty", {"notes.csv": "a,b"})
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "kg"), "ingest", str(empty)])
    assert f"error: {empty}: no .txt or .md files" in _one_error_line(result)


def test_ingest_skips_a_named_file_of_another_type(tmp_path: Path) -> None:
    src = _texts(
        tmp_path / "src", {"other.csv": "全过程人民民主,人民代表大会制度", "good.txt": "发展全过程人民民主。"}
    )
    code, out = kg(tmp_path / "kg", "ingest", str(src / "other.csv"), str(src / "good.txt"))
    assert code == 0, out
    assert f"skipped {src / 'other.csv'}: not a .txt or .md file" in out
    assert "1 file: 1 added" in out
    assert "graph (networkx): 1 document, " in out
    assert kg(tmp_path / "kg", "stats")[1].startswith("1 document, ")
    _, listing = kg(tmp_path / "kg", "documents")
    assert len(listing.splitlines()) == 1
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "kg"), "ingest", str(src / "other.csv")])
    assert "not a .txt or .md file" in _one_error_line(result)


def test_ingest_goes_on_past_a_missing_path_and_fails_at_the_end(tmp_path: Path) -> None:
    src = _texts(tmp_path / "src", {"good.txt": "发展全过程人民民主。"})
    missing = tmp_path / "missing.txt"
    result = runner.invoke(
        app, ["--data-dir", str(tmp_path / "kg"), "ingest", str(missing), str(src / "good.txt")]
    )
    assert result.exit_code == 1
    assert "1 file: 1 added" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == f"error: {missing}: no such file or folder"
    _, listing = kg(tmp_path / "kg", "documents")
    assert len(listing.splitlines()) == 1


def test_ingest_of_a_device_says_it_is_not_a_regular_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "kg"), "ingest", "/dev/null"])
    assert result.exit_code == 1
    assert _one_error_line(result) == "error: /dev/null: not a regular file or folder"


def test_reingesting_an_edited_file_names_the_old_document(tmp_path: Path) -> None:
    src = _texts(tmp_path / "src", {"report.txt": "发展全过程人民民主。"})
    assert kg(tmp_path / "kg", "ingest", str(src))[0] == 0
    _, listing = kg(tmp_path / "kg", "documents")
    old_id = listing.split()[0]
    (src / "report.txt").write_text("发展全过程人民民主。坚持人民代表大会制度。", encoding="utf-8")
    code, out = kg(tmp_path / "kg", "ingest", str(src))
    assert code == 0, out
    assert (
        f"note: {(src / 'report.txt').resolve()} was ingested before with different text (document {old_id})"
        in out
    )
    assert f"kg delete {old_id}" in out
    code, out = kg(tmp_path / "kg", "ingest", str(src))  # unchanged now: no note
    assert code == 0 and "note:" not in out


def test_a_file_stored_by_an_older_normalisation_is_replaced_not_duplicated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg import sources

    # typed with ASCII marks; the older normalisation kept them, the current one reads ，。
    src = _texts(tmp_path / "src", {"report.txt": "发展全过程人民民主,坚持人民代表大会制度."})
    with monkeypatch.context() as older:
        older.setattr(sources, "normalize_text", lambda text: text.strip("\n"))
        assert kg(tmp_path / "kg", "ingest", str(src))[0] == 0
    _, listing = kg(tmp_path / "kg", "documents")
    old_id = listing.split()[0]
    code, out = kg(tmp_path / "kg", "ingest", str(src))
    assert code == 0, out
    assert f"replaces document {old_id}" in out and "kg delete" not in out
    _, listing = kg(tmp_path / "kg", "documents")
    assert len(listing.splitlines()) == 1 and old_id not in listing
    code, out = kg(tmp_path / "kg", "ingest", str(src))  # a re-run changes nothing
    assert code == 0 and "note:" not in out and "0 added, 1 already stored" in out


def test_the_edited_file_note_matches_files_by_their_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same relative name in two folders is two files; one file named two ways is one
    one = _texts(tmp_path / "one", {"d1.txt": "协商民主是重要形式。全过程人民民主。"})
    two = _texts(tmp_path / "two", {"d1.txt": "基层民主是全过程人民民主的重要体现。"})
    monkeypatch.chdir(one)
    assert kg(tmp_path / "kg", "ingest", "d1.txt")[0] == 0
    _, listing = kg(tmp_path / "kg", "documents")
    old_id = listing.split()[0]
    monkeypatch.chdir(two)
    code, out = kg(tmp_path / "kg", "ingest", "d1.txt")
    assert code == 0 and "note:" not in out, out
    (one / "d1.txt").write_text("协商民主是重要形式。发展全过程人民民主。", encoding="utf-8")
    code, out = kg(tmp_path / "kg", "ingest", str(one / "d1.txt"))
    assert code == 0, out
    assert (
        f"note: {(one / 'd1.txt').resolve()} was ingested before with different text (document {old_id})"
        in out
    )


def test_documents_says_when_more_are_stored_than_shown(sample_data_dir: Path) -> None:
    files = len(list(SAMPLES.glob("*.txt")))
    result = runner.invoke(app, ["--data-dir", str(sample_data_dir), "documents", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    assert f"3 of {files} documents shown; use --limit N" in result.stderr
    result = runner.invoke(app, ["--data-dir", str(sample_data_dir), "documents"])
    assert len(result.stdout.splitlines()) == files and "shown" not in result.stderr


def test_every_commands_help_fits_80_columns_without_cut_words() -> None:
    commands = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert "map" in commands and "ingest" in commands
    for name in commands:
        result = runner.invoke(app, [name, "--help"], terminal_width=80, env={"COLUMNS": "80"})
        assert result.exit_code == 0, (name, result.output)
        assert "…" not in result.output, (name, result.output)


def test_serve_says_when_the_data_folder_holds_no_graph_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "typo"), "serve"])
    assert result.exit_code == 0
    assert f"no graph at {tmp_path / 'typo'} yet" in " ".join(result.output.split())
    assert not (tmp_path / "typo").exists()  # serving makes nothing until a document is added
    (tmp_path / "data" / "documents").mkdir(parents=True)
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "data"), "serve"])
    assert result.exit_code == 0 and "no graph" not in result.output


@pytest.mark.parametrize("host", ["no such host!", "999.1.1.1"])
def test_serve_refuses_a_host_it_cannot_listen_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    import uvicorn

    def must_not_serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("served on a host that does not resolve")

    monkeypatch.setattr(uvicorn, "run", must_not_serve)
    line = _one_error_line(runner.invoke(app, ["--data-dir", str(tmp_path), "serve", "--host", host]))
    assert line.startswith(f"error: cannot listen on {host!r} (--host or KG_HOST): ")


def test_serve_refuses_a_port_another_server_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import uvicorn

    def must_not_serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("served on a port that is taken")

    monkeypatch.setattr(uvicorn, "run", must_not_serve)
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = runner.invoke(
            app, ["--data-dir", str(tmp_path), "serve", "--host", "127.0.0.1", "--port", str(port)]
        )
    line = _one_error_line(result)
    assert line.startswith(f"error: cannot listen on 127.0.0.1:{port} (--port or KG_PORT): ")
    assert "serving" not in result.output


def test_an_unknown_name_pasted_at_length_is_cut_short_in_the_error(sample_data_dir: Path) -> None:
    code, out = kg(sample_data_dir, "related", "民主" * 20_000)
    assert code == 1
    assert "unknown concept '" + "民主" * 30 + "'… (40,000 characters)" in " ".join(out.split())
    assert len(out) < 500


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_failed_write_names_the_file(sample_data_dir: Path) -> None:
    result = runner.invoke(
        app, ["--data-dir", str(sample_data_dir), "view", "全过程人民民主", "-o", "/dev/full"]
    )
    assert _one_error_line(result) == "error: /dev/full: No space left on device"


def test_documents_of_an_empty_store_says_so(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "documents"])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == "no documents stored (kg ingest PATH adds some)"


def test_ingest_reextract_extracts_stored_documents_again(tmp_path: Path) -> None:
    src = _texts(tmp_path / "src", {"report.txt": "人民代表大会制度是实现全过程人民民主的重要制度载体。"})
    assert kg(tmp_path / "kg", "ingest", str(src))[0] == 0
    _, before = kg(tmp_path / "kg", "stats")
    code, out = kg(tmp_path / "kg", "ingest", "--reextract", str(src))
    assert code == 0, out
    assert "1 file: 0 added, 1 extracted again, 0 already stored, 0 duplicate, 0 failed" in out
    assert kg(tmp_path / "kg", "stats")[1] == before
    _, listing = kg(tmp_path / "kg", "documents")
    assert len(listing.splitlines()) == 1


def test_serve_opens_the_graph_before_taking_requests(
    sample_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first requests would otherwise wait for the embedded store to read every document
    import uvicorn

    ready: list[tuple[bool, bool]] = []

    def run(web_app: object, **kwargs: object) -> None:
        state = web_app.state  # type: ignore[attr-defined]
        ready.append((state.store_holder._store is not None, state.graph_cache._communities is not None))

    monkeypatch.setattr(uvicorn, "run", run)
    result = runner.invoke(app, ["--data-dir", str(sample_data_dir), "serve"])
    assert result.exit_code == 0, result.output
    assert ready == [(True, True)]  # the store open, the home page's communities found
    files = len(list(SAMPLES.glob("*.txt")))
    assert re.search(rf"opened {files} documents, \d+ concepts, .* in \d+\.\d s", result.output)
    assert re.search(r"found \d+ communities in \d+\.\d s", result.output)


def test_serve_starts_when_the_communities_cannot_be_found_yet(
    sample_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from api.deps import GraphCache
    from kg.store import GraphStore, StoreUnavailable

    def unavailable(self: GraphCache, store: GraphStore) -> list[object]:
        raise StoreUnavailable("Neo4j timed out")

    served: list[bool] = []
    monkeypatch.setattr(GraphCache, "communities", unavailable)
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: served.append(True))
    result = runner.invoke(app, ["--data-dir", str(sample_data_dir), "serve"])
    assert result.exit_code == 0, result.output
    assert served == [True]
    assert "note: the graph's communities are not ready: Neo4j timed out" in " ".join(result.output.split())
