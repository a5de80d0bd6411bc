"""The rules of progression phases, as pure functions over plain data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def codes_unique(codes: Sequence[str]) -> bool:
    """A scale names each phase once."""
    return len(set(codes)) == len(codes)


def on_scale(phase: str, scale: Iterable[str]) -> bool:
    """A phase is recorded only as the municipality's scale has it now."""
    return phase in set(scale)


def per_phase(scale: Sequence[str], counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """The count of plans in each phase of the scale, in the scale's order (0 for none); phases
    recorded on an earlier scale follow, by code."""
    retired = sorted(set(counts) - set(scale))
    return [(code, counts.get(code, 0)) for code in [*scale, *retired]]
