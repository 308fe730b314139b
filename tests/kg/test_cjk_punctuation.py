from pathlib import Path

import pytest

from kg.cjk_punctuation import ascii_punctuation, fullwidth_punctuation
from kg.normalize import normalize_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEXTS = sorted(FIXTURES.glob("*/texts/*.txt"))


@pytest.mark.parametrize(
    ("typed", "chinese"),
    [
        ("坚持党的领导,人民当家作主;依法治国:有机统一!", "坚持党的领导，人民当家作主；依法治国：有机统一！"),
        ("坚持党的领导, 人民当家作主. 依法治国", "坚持党的领导，人民当家作主。依法治国"),
        ("增长5%,比上年提高.", "增长5%，比上年提高。"),
        ("GDP ,增长", "GDP，增长"),
        ('增强"四个意识" ,坚定"四个自信"', "增强“四个意识”，坚定“四个自信”"),
        ('落实"1+3"旅游线路', "落实“1+3”旅游线路"),
        ("(一)经济实力迈上新台阶", "（一）经济实力迈上新台阶"),
        ("细颗粒物(PM2.5)浓度", "细颗粒物（PM2.5）浓度"),
        ("打响了遭遇战.346支医疗队", "打响了遭遇战。346支医疗队"),
        ("为什么?因为", "为什么？因为"),
        ("结束语.\n各位代表", "结束语。\n各位代表"),
    ],
)
def test_ascii_marks_in_chinese_become_chinese_marks(typed: str, chinese: str) -> None:
    assert fullwidth_punctuation(typed) == chinese


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("共1,000人参加", "1,000"),  # thousands
        ("增长1.6万吨，3.5%", "1.6万吨，3.5%"),  # decimals
        ("上午10:30开会", "10:30"),  # a time
        ("Note: see http://www.gov.cn/a.html", "Note: see http://www.gov.cn/a.html"),  # English
        ("见附件2.docx", "2.docx"),  # a file name
        ("一.总体要求", "一.总体要求"),  # a heading's number
        ("我们... 还有", "..."),  # an ellipsis
        ('he said "OK", then left', 'he said "OK", then left'),  # English quotes
        ("GDP (gross domestic product)", "GDP (gross domestic product)"),
        ('他说"好', '"好'),  # an unpaired quote
    ],
)
def test_ascii_marks_outside_chinese_stay(text: str, kept: str) -> None:
    assert kept in fullwidth_punctuation(text)


def test_an_english_word_keeps_its_space_beside_a_chinese_quote() -> None:
    assert fullwidth_punctuation('使用 "云计算" 技术') == "使用“云计算”技术"
    assert fullwidth_punctuation('the "两个维护" principle') == "the “两个维护” principle"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_chinese_punctuation_is_untouched_and_converting_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = fullwidth_punctuation(text)
    assert fullwidth_punctuation(once) == once
    # only ASCII marks and the spaces typed beside them change
    assert once.translate({ord(c): None for c in '，。；：！？（）“” ,.;:!?()"'}) == text.translate(
        {ord(c): None for c in '，。；：！？（）“” ,.;:!?()"'}
    )
    if not any(c in text for c in ',;:!?.()"'):
        assert once == text


@pytest.mark.parametrize("spaced", [False, True])
def test_a_document_typed_on_an_english_keyboard_reads_as_the_original(spaced: bool) -> None:
    for path in sorted((FIXTURES / "eval" / "texts").glob("*.txt")):
        text = normalize_text(path.read_text(encoding="utf-8"))
        typed = ascii_punctuation(text, spaced=spaced)
        assert "。" not in typed and "（" not in typed
        got = normalize_text(typed)
        # every mark comes back; only a space typed after a full stop in a photo caption may go
        assert got.replace(" ", "") == text.replace(" ", ""), path.name
