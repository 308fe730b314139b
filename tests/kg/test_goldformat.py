"""The naming rule of the guidelines' format: a concept goes by a form the text uses."""

from __future__ import annotations

from kg.goldformat import display_names


def test_a_name_the_text_uses_is_kept() -> None:
    named = {"习近平": ["习近平总书记"], "全过程人民民主": ["全过程人民民主建设"]}
    assert display_names(named, "习近平总书记指出，推进全过程人民民主建设。") == {
        "习近平": "习近平",
        "全过程人民民主": "全过程人民民主",
    }


def test_a_name_found_only_after_quotes_are_removed_is_kept() -> None:
    # the mention is 三公 (the lexicon folds it into 三公经费); the text, without quotes, says 三公经费
    assert display_names({"三公经费": ["三公"]}, "严控三公经费") == {"三公经费": "三公经费"}


def test_a_canonical_name_the_text_never_writes_gives_way_to_the_longest_form_it_does() -> None:
    named = {"人民代表大会制度": ["人大", "人大制度"]}
    text = "坚持人大制度，发挥人大作用。"
    assert display_names(named, text) == {"人民代表大会制度": "人大制度"}


def test_a_form_another_concept_goes_by_is_not_taken() -> None:
    named = {"人民代表大会制度": ["人大制度"], "人大制度": ["人大制度"]}
    assert display_names(named, "人大制度")["人民代表大会制度"] == "人民代表大会制度"
