from pathlib import Path

import pytest

from kg.cjk_punctuation import fullwidth_punctuation
from kg.line_wrap import char_width, display_width, hard_wrap, unwrap_lines, wrap_width
from kg.normalize import normalize_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEXTS = sorted(FIXTURES.glob("*/texts/*.txt"))

PARAGRAPH = (
    "人民代表大会制度是实现我国全过程人民民主的重要制度载体。我们要坚持好、完善好、运行好人民代表大会制度，"
    "发挥人大代表作为党和国家联系人民群众的桥梁作用，健全吸纳民意、汇集民智的工作机制，"
    "推进代表联络站建设，让全过程人民民主在基层落地生根。"
)


def test_display_width_counts_cjk_and_quotes_double() -> None:
    assert display_width("民主") == 4
    assert display_width("“两个维护”") == 12
    assert display_width("2023年") == 6
    assert char_width("2023年") == 10


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_a_text_written_one_paragraph_per_line_is_unchanged(path: Path) -> None:
    text = "\n".join(line.rstrip() for line in path.read_text(encoding="utf-8").split("\n")).strip("\n")
    assert unwrap_lines(text) == text
    # two heldout texts keep zero-width spaces of their source, which normalisation drops
    assert normalize_text(text) == fullwidth_punctuation(text.replace("\u200b", ""))


def test_headings_between_long_paragraphs_are_not_wrapped_lines() -> None:
    headings = [
        "（六）着力保障和改善民生，稳步提高人民生活质量",
        "（七）加快发展社会事业，促进社会公平正义建设",
    ]
    paragraph = "全力做好创业就业工作。" * 30  # 330 characters: a paragraph per line
    text = "\n".join(h + "\n" + paragraph for h in headings * 3)
    assert unwrap_lines(text) == text


@pytest.mark.parametrize(
    ("width", "measure", "indent"),
    [
        (40, display_width, ""),
        (30, char_width, ""),
        (70, display_width, "\u3000\u3000"),
        (36, char_width, "  "),
    ],
)
def test_hard_wrapped_paragraphs_are_joined_again(width: int, measure, indent: str) -> None:
    paragraphs = [PARAGRAPH, PARAGRAPH.replace("人民代表大会制度", "人大制度"), PARAGRAPH[::-1]]
    text = "\n".join(indent + p for p in paragraphs)
    wrapped = hard_wrap("\n".join(paragraphs), width, measure=measure, indent=indent)
    assert wrapped.count("\n") > 3 * len(paragraphs)
    assert unwrap_lines(wrapped) == text


def test_a_term_broken_at_a_line_end_is_whole_again() -> None:
    wrapped = hard_wrap(PARAGRAPH * 3, 34)
    assert wrapped.count("全过程人民民主") < 6  # some mention is cut by a line break
    assert unwrap_lines(wrapped).count("全过程人民民主") == 6


def test_lines_ending_a_sentence_headings_and_indented_lines_start_a_new_line() -> None:
    line = "坚持和完善人民代表大会制度，发挥人大代表联系人民群众的桥梁作用，"  # 64 columns
    text = "\n".join(
        [
            line,
            "推进代表联络站建设，让全过程人民民主在基层落地生根。",
            line,
            "一、总体要求",
            line,
            "（二）主要任务",
            line,
            "\u3000\u3000新的段落从缩进开始，",
            line,
            "",
            "空行之后也是新的段落。",
        ]
    )
    lines = unwrap_lines(text).split("\n")
    assert lines[0] == line + "推进代表联络站建设，让全过程人民民主在基层落地生根。"
    assert lines[1:] == text.split("\n")[2:]


def test_laid_out_lines_and_short_lines_are_never_joined() -> None:
    table = "\n".join(
        f"{name}\u3000\u3000{post}国务院第二次全国污染源普查领导小组成员"
        for name, post in [("张\u3000勇", "发展改革委副主任"), ("辛国斌", "工业和信息化部副部长")] * 4
    )
    assert unwrap_lines(table) == table
    short = "\n".join(["各位代表：", "现在，我代表区政府", "向大会作工作报告"] * 3)
    assert unwrap_lines(short) == short


def test_wrap_width_needs_many_lines_of_one_width() -> None:
    assert wrap_width([80, 80, 79, 81]) == 80
    assert wrap_width([80, 80, 79]) is None  # too few lines
    assert wrap_width([80, 80, 79, 81, 200, 150, 120, 96, 230, 60, 44, 180]) is None  # too small a share
    assert wrap_width([400, 400, 401, 399, 402]) is None  # paragraphs, not wrapped lines
    assert wrap_width([20, 20, 20, 20, 20]) is None  # too short to be wrapped


def test_unwrapping_is_idempotent_on_a_wrapped_text() -> None:
    once = unwrap_lines(hard_wrap(PARAGRAPH * 4, 44))
    assert unwrap_lines(once) == once


def test_a_decimal_number_after_a_break_goes_on_the_sentence() -> None:
    line = "实施奋斗镇蔬菜仓储等项目，提高蔬菜储备能力，仓储能力达到"  # 58 columns
    text = "\n".join([line, "1.6万吨。", line, "2. 第二项任务", line, "3）第三项任务", line, "10万吨。"])
    assert unwrap_lines(text).split("\n") == [
        line + "1.6万吨。",
        line,
        "2. 第二项任务",
        line,
        "3）第三项任务",
        line + "10万吨。",
    ]
