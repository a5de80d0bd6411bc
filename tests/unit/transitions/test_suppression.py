"""The forecast's small-cell suppression: no published sum lets a reader infer one youth's cost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.transitions.rules import is_small_cell, suppressed_categories


def test_small_cells() -> None:
    assert [n for n in range(8) if is_small_cell(n)] == [1, 2, 3, 4]
    assert is_small_cell(5, k=10)


def test_primary_only_when_the_suppressed_cover_enough_youth() -> None:
    cells = {"housing": 9, "stu": 3, "day": 4}
    assert suppressed_categories(cells, small_union=6, total_published=True) == {"stu", "day"}


def test_secondary_when_the_total_would_give_the_suppressed_away() -> None:
    cells = {"housing": 9, "day": 6, "stu": 1}
    assert suppressed_categories(cells, small_union=1, total_published=True) == {"stu", "day"}


def test_ties_by_name() -> None:
    cells = {"housing": 5, "day": 5, "stu": 1}
    assert suppressed_categories(cells, small_union=1, total_published=True) == {"stu", "day"}


def test_no_secondary_when_the_total_is_suppressed_or_nothing_is() -> None:
    assert suppressed_categories({"housing": 9, "stu": 1}, small_union=1, total_published=False) == {"stu"}
    assert suppressed_categories({"housing": 9, "stu": 5}, small_union=0, total_published=True) == set()


def test_a_sum_nobody_contributes_to_stays() -> None:
    assert suppressed_categories({"housing": 9, "stu": 0}, small_union=0, total_published=True) == set()
    # Nothing else to suppress: every category is small, so the suppressed are the whole total.
    assert suppressed_categories({"stu": 2, "day": 0}, small_union=2, total_published=True) == {"stu"}


@given(
    cells=st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(0, 12), max_size=5),
    union=st.integers(0, 12),
)
def test_published_cells_are_never_small_and_secondary_adds_at_most_one(
    cells: dict[str, int], union: int
) -> None:
    hidden = suppressed_categories(cells, small_union=union, total_published=True)
    assert all(not is_small_cell(n) for c, n in cells.items() if c not in hidden)
    primary = {c for c, n in cells.items() if is_small_cell(n)}
    assert primary <= hidden and len(hidden - primary) <= 1
    if primary and union < 5 and any(n >= 5 for c, n in cells.items()):
        assert len(hidden - primary) == 1
