"""Who may open a case for a youth (cases/rules.py `may_take_on`), without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.cases.rules import may_take_on

BASES = ("municipality_wide", "writes_youth", "cpr_given", "concern_received", "named_in_referral")


class TestMayTakeOn:
    def test_an_id_alone_is_no_basis(self) -> None:
        assert may_take_on(**dict.fromkeys(BASES, False)) is False

    def test_each_basis_alone_suffices(self) -> None:
        for basis in BASES:
            assert may_take_on(**{b: b == basis for b in BASES}) is True, basis

    @given(st.lists(st.booleans(), min_size=len(BASES), max_size=len(BASES)))
    def test_any_basis_and_only_a_basis(self, flags: list[bool]) -> None:
        assert may_take_on(**dict(zip(BASES, flags, strict=True))) is any(flags)
