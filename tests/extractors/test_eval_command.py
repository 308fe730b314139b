import json
from pathlib import Path

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
