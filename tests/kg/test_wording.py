from kg.wording import counted


def test_counted_takes_the_noun_in_its_number() -> None:
    assert [counted(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert counted(1, "typed relation") == "1 typed relation"
    assert counted(3, "co-mention") == "3 co-mentions"
    assert counted(2, "index", "indexes") == "2 indexes"
