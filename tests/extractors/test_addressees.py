import pytest

from extractors.addressees import addressee_lines
from extractors.pipeline import PolicyExtractor
from kg.model import Document, document_id
from kg.normalize import normalize_text

NOTICE = (
    "国务院办公厅关于深入开展消费扶贫的指导意见\n"
    "国办发〔2018〕129号\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "消费扶贫是社会力量参与脱贫攻坚的重要途径。各省级人民政府要加强组织领导。\n"
)


def _lines(text: str) -> list[str]:
    return [text[a:b] for a, b in addressee_lines(text)]


def test_the_addressee_line_of_a_notice_is_found() -> None:
    assert _lines(NOTICE) == ["各省、自治区、直辖市人民政府，国务院各部委、各直属机构："]


def test_audiences_and_single_receivers_are_addressee_lines() -> None:
    assert _lines("各位代表：\n现在，我代表国务院作政府工作报告。") == ["各位代表："]
    assert _lines("关于同意设立的批复\n河北省人民政府、国家发展改革委：\n你们的请示收悉。") == [
        "河北省人民政府、国家发展改革委："
    ]


def test_a_clause_ending_with_a_colon_is_no_addressee_line() -> None:
    assert _lines("一年来，我们主要做了以下工作：\n（一）稳增长。") == []
    assert _lines("您提出的关于建设地方政府门户网站外文版的建议收悉，现答复如下：\n") == []
    assert _lines("二、主要任务：\n") == []


def test_only_the_first_lines_hold_an_addressee_line() -> None:
    body = "正文。\n" * 20
    assert _lines(body + "各省、自治区、直辖市人民政府：\n") == []


@pytest.fixture(scope="module")
def notice_names() -> set[str]:
    text = normalize_text(NOTICE)
    return {c.name for c in PolicyExtractor().extract(Document(document_id(text), "n", text)).concepts}


def test_a_body_named_only_as_an_addressee_is_no_concept(notice_names: set[str]) -> None:
    assert "消费扶贫" in notice_names
    assert "国务院各部委" not in notice_names


def test_an_addressee_the_text_names_again_stays_a_concept(notice_names: set[str]) -> None:
    assert "人民政府" in notice_names  # 各省级人民政府要…: the body names it again, inside a longer name
