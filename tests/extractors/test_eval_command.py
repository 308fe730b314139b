import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.commands import eval as eval_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"


def _app() -> typer.Typer:
    app = typer.Typer()
    eval_command.register(app)

    @app.command()
    def noop() -> None:  # a second command keeps typer in multi-command mode
        pass

    return app


def test_kg_eval_prints_micro_scores_and_category_recall(tmp_path: Path) -> None:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()
    stem = "zhangqiu-npc-study-speech"
    (gold / f"{stem}.json").write_text((FIXTURES / "gold" / f"{stem}.json").read_text("utf-8"), "utf-8")
    (texts / f"{stem}.txt").write_text((FIXTURES / "texts" / f"{stem}.txt").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert data["micro"]["concepts"]["f1"] > 0.6
    assert set(data["category_recall"]) >= {"idea", "formula", "organization"}
    table = CliRunner().invoke(_app(), ["eval", str(gold), str(texts)])
    assert table.exit_code == 0 and "micro" in table.output and "recall" in table.output


def _gold_and_texts(tmp_path: Path) -> tuple[Path, Path]:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()
    return gold, texts


def test_kg_eval_refuses_a_gold_folder_without_gold_files(tmp_path: Path) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts)])
    assert result.exit_code == 1
    assert f"error: {gold}: no gold .json files" in result.output
    assert "micro" not in result.output


def test_kg_eval_fails_when_no_gold_file_has_its_text(tmp_path: Path) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    stem = "zhangqiu-npc-study-speech"
    (gold / f"{stem}.json").write_text((FIXTURES / "gold" / f"{stem}.json").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts), "--json"])
    assert result.exit_code == 1
    assert f"{stem}.txt" in result.stderr and "not scored" in result.stderr
    assert "error:" in result.stderr and "no text for the only gold file" in result.stderr
    assert "micro" not in result.stdout


def test_kg_eval_leaves_out_a_gold_file_without_its_text_with_a_warning(tmp_path: Path) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    for stem in ("zhangqiu-npc-study-speech", "gov-report-2023-closing"):
        (gold / f"{stem}.json").write_text((FIXTURES / "gold" / f"{stem}.json").read_text("utf-8"), "utf-8")
    stem = "zhangqiu-npc-study-speech"
    (texts / f"{stem}.txt").write_text((FIXTURES / "texts" / f"{stem}.txt").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts), "--json"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "gov-report-2023-closing" in result.stderr
    data = json.loads(result.stdout)
    assert list(data["documents"]) == [stem]  # scored, not counted as an empty prediction
    assert data["micro"]["concepts"]["f1"] > 0.6


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{bad", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"foo": 1}', 'expected a JSON object with "concepts" and "relations"'),  # some other JSON file
        ("{}", 'expected a JSON object with "concepts" and "relations"'),
        ('{"concepts": [{"category": "idea"}]}', 'concepts item 1 has no "name"'),
        ('{"concepts": [], "relations": [{"head": "甲", "tail": "乙"}]}', 'relations item 1 has no "type"'),
    ],
)
def test_kg_eval_names_an_unusable_gold_file_in_one_line(tmp_path: Path, content: str, problem: str) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    (gold / "a.json").write_text(content, "utf-8")
    (texts / "a.txt").write_text("全过程人民民主", "utf-8")
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # not a traceback
    assert result.stderr.startswith(f"error: {gold / 'a.json'}: {problem}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_kg_eval_scores_gold_concepts_without_a_category(tmp_path: Path) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    (gold / "a.json").write_text('{"concepts": [{"name": "全过程人民民主"}], "relations": []}', "utf-8")
    (texts / "a.txt").write_text("发展全过程人民民主。", "utf-8")
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["micro"]["concepts"]["recall"] == 1.0
    assert data["category_recall"] == {"(none)": 1.0}


def test_evaluate_reports_progress_per_document(tmp_path: Path) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    for stem in ("zhangqiu-npc-study-speech", "gov-report-2023-closing"):
        (gold / f"{stem}.json").write_text((FIXTURES / "gold" / f"{stem}.json").read_text("utf-8"), "utf-8")
        (texts / f"{stem}.txt").write_text((FIXTURES / "texts" / f"{stem}.txt").read_text("utf-8"), "utf-8")
    calls: list[tuple[int, int]] = []
    eval_command.evaluate(gold, texts, on_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2), (2, 2)]
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts), "--json"])
    assert result.exit_code == 0 and "2/2" in result.stderr


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_kg_eval_reads_the_texts_kg_extract_and_kg_ingest_read(tmp_path: Path, encoding: str) -> None:
    # a GBK or UTF-16 text was refused ("not UTF-8 text") though kg extract wrote its gold file
    gold, texts = _gold_and_texts(tmp_path)
    stem = "zhangqiu-npc-study-speech"
    (gold / f"{stem}.json").write_text((FIXTURES / "gold" / f"{stem}.json").read_text("utf-8"), "utf-8")
    text = (FIXTURES / "texts" / f"{stem}.txt").read_text("utf-8")
    (texts / f"{stem}.txt").write_bytes(text.encode(encoding))
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert data["micro"]["concepts"]["f1"] > 0.6


def test_kg_eval_names_a_text_it_cannot_decode(tmp_path: Path) -> None:
    gold, texts = _gold_and_texts(tmp_path)
    (gold / "a.json").write_text('{"concepts": [], "relations": []}', "utf-8")
    (texts / "a.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(_app(), ["eval", str(gold), str(texts)])
    assert result.exit_code == 1
    assert f"error: {texts / 'a.txt'}: looks like a binary file" in result.output
