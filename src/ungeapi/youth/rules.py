"""Pure rules about a youth's identity and age (domain.md section 6 and the R8/R13/R16 ages).

Ages are counted in whole years from the birth date, on a `today` given in Europe/Copenhagen.
Convention for 29 February: in a year without 29 February the birthday is 1 March, so a youth
born 29 February 2008 turns 18 on 1 March 2026.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

CPR_PATTERN = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})$")
RELEVANT_BIRTHDAYS = (15, 17, 18)


class CprFormatError(ValueError):
    """The text is not ten digits (optionally DDMMYY-SSSS)."""


class CprDateError(ValueError):
    """The first six digits and the century digit give no real date."""


@dataclass(frozen=True)
class Cpr:
    digits: str  # ten digits, no dash
    birth_date: date

    @property
    def formatted(self) -> str:
        return format_cpr(self.digits)


def format_cpr(digits: str) -> str:
    """DDMMYY-SSSS from ten digits already known to be a CPR number (e.g. decrypted from storage)."""
    return f"{digits[:6]}-{digits[6:]}"


def century(year_2digit: int, seventh_digit: int) -> int:
    """The birth century from the 7th digit and the two-digit year (cpr.dk, domain.md 6.6)."""
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year_2digit <= 36 else 1900
    return 2000 if year_2digit <= 57 else 1800


def parse_cpr(text: str) -> Cpr:
    """Parses a CPR number. Never rejects on modulus 11: it is not guaranteed since 2007."""
    match = CPR_PATTERN.match(text.strip())
    if not match:
        raise CprFormatError(text)
    dd, mm, yy, serial = match.groups()
    year = century(int(yy), int(serial[0])) + int(yy)
    try:
        born = date(year, int(mm), int(dd))
    except ValueError as exc:
        raise CprDateError(text) from exc
    return Cpr(digits=f"{dd}{mm}{yy}{serial}", birth_date=born)


def birthday_in(birth: date, year: int) -> date:
    """The day the birthday falls on in `year` (1 March for 29 February in common years)."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def date_turning(birth: date, age: int) -> date:
    """The day the youth turns `age`."""
    return birthday_in(birth, birth.year + age)


def age_on(birth: date, today: date) -> int:
    years = today.year - birth.year
    return years if today >= birthday_in(birth, today.year) else years - 1


def latest_birth_date_for_age(today: date, age: int) -> date:
    """The latest birth date of someone who is at least `age` on `today`.

    Used to turn age filters into birth-date ranges (an index range scan).
    """
    year = today.year - age
    try:
        candidate = today.replace(year=year)
    except ValueError:  # today is 29 February and `year` is a common year
        candidate = date(year, 2, 28)
    # The 29-February convention can shift the answer by a day either way.
    while age_on(candidate + timedelta(days=1), today) >= age:
        candidate += timedelta(days=1)
    while age_on(candidate, today) < age:
        candidate -= timedelta(days=1)
    return candidate


# Every youth born on a day shares these; a page of youth asks for them again and again.
@functools.lru_cache(maxsize=40_000)
def relevant_birthdays(birth: date) -> Mapping[int, date]:
    return MappingProxyType({age: date_turning(birth, age) for age in RELEVANT_BIRTHDAYS})


def outside_age_window(birth: date, today: date, age_min: int | None, age_max: int) -> bool:
    """R1/R1a: the coordinated youth effort (KUI) covers youth aged `age_min` to `age_max`.

    A youth is inside from the `age_min`th birthday up to the day before the `(age_max + 1)`th
    birthday (so with 13-30 a youth is covered on the 13th birthday and outside on the 31st);
    birthdays follow the 29 February convention of this module. `age_min=None` checks only the
    upper bound (see `youth.service.check_age_window` for which records that is).
    """
    age = age_on(birth, today)
    return age > age_max or (age_min is not None and age < age_min)


def name_key(name: str) -> str:
    """The form names are searched in: case-folded, surrounding space removed."""
    return " ".join(name.split()).casefold()


def may_set_registering_department(
    current: str | None, new: str | None, departments: tuple[str, ...], municipality_wide: bool
) -> bool:
    """Who registered the youth (registrerende afdeling) decides who owns the record; it moves only
    when the owner hands it over: a caseworker of the registering department (or of no department
    yet registered) may name one of their own departments; admin and integration any. A caller
    never names a department they are not in, and a consent never makes its recipient the owner."""
    if municipality_wide:
        return True
    if current is not None and current not in departments:
        return False
    return new is not None and new in departments
