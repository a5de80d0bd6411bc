"""Pure rules about the offers catalogue (tilbudsvifte)."""

from __future__ import annotations

from datetime import date


def age_range_valid(age_min: int | None, age_max: int | None) -> bool:
    return age_min is None or age_max is None or age_min <= age_max


def period_valid(active_from: date | None, active_to: date | None) -> bool:
    return active_from is None or active_to is None or active_to >= active_from


def active_on(active_from: date | None, active_to: date | None, today: date) -> bool:
    """An offer is offered from its first day through its last day (both inclusive)."""
    return (active_from is None or active_from <= today) and (active_to is None or active_to >= today)


def fits_age(age_min: int | None, age_max: int | None, age: int) -> bool:
    """The offer's age range (open at either end) includes `age`."""
    return (age_min is None or age_min <= age) and (age_max is None or age_max >= age)


def name_key(name: str) -> str:
    """The sort key of a name: case-folded, surrounding space removed."""
    return name.strip().casefold()


def free_places(capacity: int | None, occupancy: int) -> int | None:
    """Places left; an overbooked offer has 0 free places, an unlimited one None."""
    return None if capacity is None else max(capacity - occupancy, 0)


def has_provider(department_code: str | None, provider_name: str | None) -> bool:
    """An offer names who provides it: a department (maybe an external partner) or a provider's name."""
    return bool(department_code) or bool((provider_name or "").strip())
