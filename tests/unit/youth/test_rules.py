from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.youth import rules
from ungeapi.youth.rules import (
    CprDateError,
    CprFormatError,
    age_on,
    birthday_in,
    century,
    date_turning,
    latest_birth_date_for_age,
    outside_age_window,
    parse_cpr,
    relevant_birthdays,
)


class TestCentury:
    @pytest.mark.parametrize(
        ("yy", "digit", "expected"),
        [
            (0, 0, 1900),
            (99, 3, 1900),
            (36, 4, 2000),
            (37, 4, 1900),
            (36, 9, 2000),
            (37, 9, 1900),
            (57, 5, 2000),
            (58, 5, 1800),
            (0, 8, 2000),
            (99, 8, 1800),
            (57, 6, 2000),
            (58, 7, 1800),
        ],
    )
    def test_century_from_seventh_digit(self, yy: int, digit: int, expected: int) -> None:
        assert century(yy, digit) == expected


class TestParseCpr:
    def test_with_and_without_dash_give_the_same_number(self) -> None:
        assert parse_cpr("010110-4000") == parse_cpr("0101104000")
        assert parse_cpr(" 0101104000 ").formatted == "010110-4000"

    def test_birth_date_uses_the_century_rule(self) -> None:
        assert parse_cpr("010110-4000").birth_date == date(2010, 1, 1)
        assert parse_cpr("010190-4000").birth_date == date(1990, 1, 1)
        assert parse_cpr("311299-1000").birth_date == date(1999, 12, 31)
        assert parse_cpr("150560-6000").birth_date == date(1860, 5, 15)
        assert parse_cpr("150557-6000").birth_date == date(2057, 5, 15)

    def test_modulus_11_is_never_checked(self) -> None:
        # 010110-4001 fails modulus 11; numbers issued since 2007 need not pass it.
        assert parse_cpr("010110-4001").birth_date == date(2010, 1, 1)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "123",
            "01011040000",
            "010110-400",
            "01O110-4000",
            "abcdefghij",
            "010110--4000",
            "0101-104000",
            "010110 4000",
            "٠١٠١١٠٤٠٠٠",
        ],
    )
    def test_wrong_shape_is_a_format_error(self, text: str) -> None:
        with pytest.raises(CprFormatError):
            parse_cpr(text)

    @pytest.mark.parametrize(
        "text", ["320110-4000", "001010-4000", "311110-4000", "290210-4000", "010010-4000", "011310-4000"]
    )
    def test_impossible_dates_are_date_errors(self, text: str) -> None:
        with pytest.raises(CprDateError):
            parse_cpr(text)

    def test_29_february_in_a_leap_year_is_valid(self) -> None:
        assert parse_cpr("290208-4000").birth_date == date(2008, 2, 29)
        assert parse_cpr("290200-4000").birth_date == date(2000, 2, 29)

    def test_29_february_1900_is_not_a_date(self) -> None:
        with pytest.raises(CprDateError):
            parse_cpr("290200-2000")  # 7th digit 2 -> 1900, not a leap year

    @given(st.dates(min_value=date(1858, 1, 1), max_value=date(2036, 12, 31)), st.integers(0, 999))
    def test_any_real_date_round_trips(self, born: date, serial: int) -> None:
        yy = born.year % 100
        digit = 5 if born.year < 1900 else 0 if born.year < 2000 else 4
        text = f"{born:%d%m}{yy:02d}{digit}{serial:03d}"
        assert parse_cpr(text).birth_date == born


class TestAge:
    def test_age_changes_on_the_birthday(self) -> None:
        born = date(2010, 5, 17)
        assert age_on(born, date(2025, 5, 16)) == 14
        assert age_on(born, date(2025, 5, 17)) == 15
        assert age_on(born, date(2025, 5, 18)) == 15

    def test_leapling_turns_a_year_older_on_1_march_in_common_years(self) -> None:
        born = date(2008, 2, 29)
        assert age_on(born, date(2026, 2, 28)) == 17
        assert age_on(born, date(2026, 3, 1)) == 18
        assert age_on(born, date(2028, 2, 28)) == 19
        assert age_on(born, date(2028, 2, 29)) == 20

    def test_birthday_in_a_common_year_for_29_february(self) -> None:
        assert birthday_in(date(2008, 2, 29), 2026) == date(2026, 3, 1)
        assert birthday_in(date(2008, 2, 29), 2028) == date(2028, 2, 29)

    def test_relevant_birthdays(self) -> None:
        assert relevant_birthdays(date(2009, 2, 28)) == {
            15: date(2024, 2, 28),
            17: date(2026, 2, 28),
            18: date(2027, 2, 28),
        }
        assert relevant_birthdays(date(2008, 2, 29)) == {
            15: date(2023, 3, 1),
            17: date(2025, 3, 1),
            18: date(2026, 3, 1),
        }

    def test_date_turning(self) -> None:
        assert date_turning(date(2010, 12, 31), 17) == date(2027, 12, 31)

    @given(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 60))
    def test_age_on_the_day_of_turning_is_that_age(self, born: date, age: int) -> None:
        day = date_turning(born, age)
        assert age_on(born, day) == age
        assert age_on(born, day - timedelta(days=1)) == age - 1

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 40))
    def test_latest_birth_date_for_age_is_the_boundary(self, today: date, age: int) -> None:
        latest = latest_birth_date_for_age(today, age)
        assert age_on(latest, today) >= age
        assert age_on(latest + timedelta(days=1), today) < age

    def test_latest_birth_date_on_29_february(self) -> None:
        # On 29 February 2028 a youth born 1 March 2010 is 17; one born 29 Feb 2008 is 20.
        assert latest_birth_date_for_age(date(2028, 2, 29), 18) == date(2010, 2, 28)


class TestAgeWindow:
    """R1/R1a: inside from the age_min-th birthday to the day before the (age_max + 1)th."""

    @pytest.mark.parametrize(
        ("birth", "today", "outside"),
        [
            (date(2013, 11, 24), date(2026, 11, 23), True),  # 12, turns 13 tomorrow
            (date(2013, 11, 23), date(2026, 11, 23), False),  # 13 today
            (date(2013, 11, 22), date(2026, 11, 23), False),  # 13 since yesterday
            (date(1995, 11, 24), date(2026, 11, 23), False),  # 30, turns 31 tomorrow
            (date(1995, 11, 23), date(2026, 11, 23), True),  # 31 today
            (date(1995, 11, 22), date(2026, 11, 23), True),  # 31 since yesterday
            # 29 February: the birthday is 1 March in a common year.
            (date(2012, 2, 29), date(2025, 2, 28), True),  # still 12
            (date(2012, 2, 29), date(2025, 3, 1), False),  # 13
            (date(1996, 2, 29), date(2027, 2, 28), False),  # still 30
            (date(1996, 2, 29), date(2027, 3, 1), True),  # 31
            (date(1996, 2, 29), date(2027, 2, 27), False),
            (date(1996, 2, 29), date(2027, 3, 2), True),
            (date(1992, 2, 29), date(2024, 2, 28), True),  # 31 since 1 March 2023
        ],
    )
    def test_13_to_30(self, birth: date, today: date, outside: bool) -> None:
        assert outside_age_window(birth, today, 13, 30) is outside

    def test_the_window_is_configurable(self) -> None:
        # Helsingør: 15-23.
        assert outside_age_window(date(2002, 1, 1), date(2026, 1, 1), 15, 23)
        assert not outside_age_window(date(2002, 1, 2), date(2026, 1, 1), 15, 23)
        assert outside_age_window(date(2011, 1, 2), date(2026, 1, 1), 15, 23)
        assert not outside_age_window(date(2011, 1, 1), date(2026, 1, 1), 15, 23)

    def test_without_a_lower_bound_only_the_upper_counts(self) -> None:
        assert not outside_age_window(date(2020, 1, 1), date(2026, 1, 1), None, 30)
        assert outside_age_window(date(1995, 1, 1), date(2026, 1, 1), None, 30)

    @given(
        birth=st.dates(min_value=date(1960, 1, 1), max_value=date(2030, 12, 31)),
        age_min=st.integers(min_value=10, max_value=25),
        span=st.integers(min_value=0, max_value=20),
    )
    def test_boundaries_are_the_birthdays(self, birth: date, age_min: int, span: int) -> None:
        age_max = age_min + span
        first_day = date_turning(birth, age_min)
        first_day_out = date_turning(birth, age_max + 1)
        for day, outside in (
            (first_day - timedelta(days=1), True),
            (first_day, False),
            (first_day + timedelta(days=1), False),
            (first_day_out - timedelta(days=1), False),
            (first_day_out, True),
            (first_day_out + timedelta(days=1), True),
        ):
            assert outside_age_window(birth, day, age_min, age_max) is outside, (day, age_min, age_max)

    @given(
        birth=st.dates(min_value=date(1960, 1, 1), max_value=date(2030, 12, 31)),
        today=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
        age_min=st.integers(min_value=10, max_value=25),
        age_max=st.integers(min_value=18, max_value=35),
    )
    def test_inside_means_an_age_in_the_window(
        self, birth: date, today: date, age_min: int, age_max: int
    ) -> None:
        inside = age_min <= age_on(birth, today) <= age_max
        assert outside_age_window(birth, today, age_min, age_max) is not inside


class TestRegisteringDepartment:
    """Who registered the youth moves only when its owner (or admin, integration) hands it over."""

    def test_the_owner_names_one_of_its_own_departments(self) -> None:
        assert rules.may_set_registering_department("BFU", "ARB", ("BFU", "ARB"), False)
        assert not rules.may_set_registering_department("BFU", "ARB", ("BFU",), False)
        assert not rules.may_set_registering_department("BFU", None, ("BFU",), False)

    def test_another_department_never_takes_it(self) -> None:
        assert not rules.may_set_registering_department("BFU", "ARB", ("ARB",), False)
        assert not rules.may_set_registering_department("BFU", "SAEH", ("ARB", "SAEH"), False)

    def test_an_unregistered_youth_is_claimed_for_the_callers_own_department(self) -> None:
        assert rules.may_set_registering_department(None, "ARB", ("ARB",), False)
        assert not rules.may_set_registering_department(None, "BFU", ("ARB",), False)

    def test_admin_and_integration_any(self) -> None:
        assert rules.may_set_registering_department("BFU", "ARB", (), True)
        assert rules.may_set_registering_department("BFU", None, (), True)
