"""Pure rules of the aggregate figures: small cells are suppressed (diskretionering)."""

from __future__ import annotations

MIN_CELL = 5


def suppressed(count: int, min_cell: int = MIN_CELL) -> bool:
    """A count under `min_cell` (0 included) could point out a person; it is not shown."""
    return count < min_cell


def share(numerator: int, denominator: int, min_cell: int = MIN_CELL) -> float | None:
    """numerator/denominator rounded to 3 places, or None when either cell is suppressed."""
    if suppressed(numerator, min_cell) or suppressed(denominator, min_cell) or denominator == 0:
        return None
    return round(numerator / denominator, 3)
