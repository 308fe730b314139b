from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.diff import InvalidSide, compare_counts, diff, years
from kg.store.networkx_store import NetworkxStore
from tests.factories import FOUNDING, REPORT

counts = st.dictionaries(st.sampled_from(list("abcdefgh")), st.integers(0, 50), max_size=8)


@given(counts, counts)
def test_compare_counts_partitions_consistently(a: dict[str, int], b: dict[str, int]) -> None:
    new, dropped, rising, falling = compare_counts(a, b, limit=100)
    assert {c.name for c in new} == {n for n in b if b[n] > 0 and a.get(n, 0) == 0}
    assert {c.name for c in dropped} == {n for n in a if a[n] > 0 and b.get(n, 0) == 0}
    assert not {c.name for c in rising} & {c.name for c in falling}
    assert all(c.rate_b > c.rate_a for c in rising) and all(c.rate_b < c.rate_a for c in falling)
    # swapping the sides swaps the answers
    new2, dropped2, rising2, falling2 = compare_counts(b, a, limit=100)
    assert {c.name for c in new2} == {c.name for c in dropped}
    assert {c.name for c in dropped2} == {c.name for c in new}
    assert {c.name for c in rising2} == {c.name for c in falling}
    assert {c.name for c in falling2} == {c.name for c in rising}


def test_compare_counts_uses_shares_not_raw_counts() -> None:
    _, _, rising, falling = compare_counts({"x": 10, "y": 10}, {"x": 100, "y": 10})
    assert [c.name for c in rising] == ["x"]
    assert [c.name for c in falling] == ["y"]  # same count, much smaller share


def test_diff_two_documents_and_two_years(store: NetworkxStore) -> None:
    d = diff(store, FOUNDING.document.id, REPORT.document.id)
    assert "四个意识" in {c.name for c in d.dropped}
    assert not d.new  # every concept of the report is in the founding speech
    assert years(store) == ["2021", "2022", "2023"]
    y = diff(store, "2021", "2023")
    assert "<img src=x onerror=alert(1)>" in {c.name for c in y.new}
    assert y.a.documents[0].id == FOUNDING.document.id


def test_diff_rejects_unknown_sides(store: NetworkxStore) -> None:
    with pytest.raises(InvalidSide):
        diff(store, "1999", "2021")
    with pytest.raises(InvalidSide):
        diff(store, "../x", "2021")
