"""The legal-basis rules: references parsed as records write them, in force on a day, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.law import rules
from ungeapi.law.rules import Basis

BL_108 = Basis("barnets_lov", "108", date(2024, 1, 1))
SEL_52 = Basis("serviceloven", "52", date(1998, 7, 1), date(2023, 12, 31))


class TestParse:
    @pytest.mark.parametrize(
        ("written", "code"),
        [
            ("BL § 46", "BL § 46"),
            ("bl §46", "BL § 46"),
            ("  SEL  §  85 ", "SEL § 85"),
            ("KUI § 2 k", "KUI § 2 k"),
            ("KUI § 2k", "KUI § 2 k"),
            ("KUI § 15 D", "KUI § 15 d"),
            ("SEL § 76 stk. 4", "SEL § 76"),
            ("LAB § 30, stk. 2", "LAB § 30"),
        ],
    )
    def test_written_as_records_write_it(self, written: str, code: str) -> None:
        assert rules.normalised(written) == code

    @pytest.mark.parametrize(
        "written", ["", "BL", "§ 46", "Grundloven § 71", "BL § ", "BL § 46 ab", "ungestøtte"]
    )
    def test_not_a_reference(self, written: str) -> None:
        assert rules.normalised(written) is None

    @given(st.sampled_from(sorted(rules.ABBREVIATIONS)), st.integers(1, 999), st.sampled_from(["", "a", "k"]))
    def test_every_code_reads_back_as_itself(self, law: str, number: int, letter: str) -> None:
        code = rules.code_of(law, f"{number} {letter}".strip())
        assert rules.normalised(code) == code
        assert rules.normalised(code.lower().replace(" § ", "§")) == code


class TestValidOn:
    def test_both_ends_are_days_in_force(self) -> None:
        assert rules.valid_on(SEL_52, date(1998, 7, 1)) and rules.valid_on(SEL_52, date(2023, 12, 31))
        assert not rules.valid_on(SEL_52, date(2024, 1, 1)) and not rules.valid_on(SEL_52, date(1998, 6, 30))
        assert not rules.valid_on(BL_108, date(2023, 12, 31)) and rules.valid_on(BL_108, date(2099, 1, 1))

    @given(
        st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
        st.integers(0, 5000),
        st.integers(0, 5000),
    )
    def test_in_force_exactly_within_the_period(self, start: date, length: int, offset: int) -> None:
        basis = Basis("lab", "30", start, start + timedelta(days=length))
        day = start + timedelta(days=offset)
        assert rules.valid_on(basis, day) == (offset <= length)
        assert rules.valid_on(Basis("lab", "30", start), day)


class TestRefusal:
    def test_the_codes(self) -> None:
        assert rules.refusal([], date(2025, 1, 1)) == "legal_basis.unknown"
        assert rules.refusal([SEL_52], date(2024, 1, 1)) == "legal_basis.not_in_force"
        assert rules.refusal([SEL_52], date(2023, 1, 1)) is None

    def test_one_entry_in_force_is_enough(self) -> None:
        renumbered = [
            Basis("kui", "2 a", date(2010, 1, 1), date(2019, 7, 31)),
            Basis("kui", "2 a", date(2019, 8, 1)),
        ]
        assert rules.refusal(renumbered, date(2015, 1, 1)) is None
        assert rules.refusal(renumbered, date(2025, 1, 1)) is None
        assert rules.refusal(renumbered, date(2009, 12, 31)) == "legal_basis.not_in_force"
