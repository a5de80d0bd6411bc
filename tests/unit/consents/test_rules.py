"""The consent rules (domain.md section 6.1 and 6.4), without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.access import categories_opening
from ungeapi.consents import rules
from ungeapi.consents.rules import ConsentRefused, Giver

TODAY = date(2026, 11, 23)
BORN_15_TODAY = date(2011, 11, 23)
BORN_29_FEB = date(2012, 2, 29)


def youth(on: date, name: str = "Testa") -> Giver:
    return Giver("youth", name, on)


def parent(name: str, on: date = TODAY) -> Giver:
    return Giver("custody_holder", name, on)


class TestWhoMayConsent:
    def test_youth_consents_from_the_15th_birthday(self) -> None:
        rules.check_giver(youth(TODAY), BORN_15_TODAY, TODAY, [])
        with pytest.raises(ConsentRefused) as exc:
            rules.check_giver(youth(TODAY - timedelta(days=1)), BORN_15_TODAY, TODAY, [])
        assert exc.value.code == "consent.youth_too_young" and exc.value.params == {"age": 14}

    def test_29_february_turns_15_on_1_march(self) -> None:
        with pytest.raises(ConsentRefused):
            rules.check_giver(youth(date(2027, 2, 28)), BORN_29_FEB, date(2027, 3, 5), [])
        rules.check_giver(youth(date(2027, 3, 1)), BORN_29_FEB, date(2027, 3, 5), [])

    def test_custody_holders_consent_only_under_15(self) -> None:
        rules.check_giver(parent("Mor", TODAY - timedelta(days=1)), BORN_15_TODAY, TODAY, [])
        with pytest.raises(ConsentRefused) as exc:
            rules.check_giver(parent("Mor"), BORN_15_TODAY, TODAY, [])
        assert exc.value.code == "consent.youth_consents_self"

    def test_custody_holder_must_be_in_the_record_when_it_names_any(self) -> None:
        birth = date(2015, 1, 1)
        rules.check_giver(parent("  MOR  Hansen"), birth, TODAY, ["Mor Hansen"])
        with pytest.raises(ConsentRefused) as exc:
            rules.check_giver(parent("Nabo"), birth, TODAY, ["Mor Hansen"])
        assert exc.value.code == "consent.not_custody_holder"
        rules.check_giver(parent("Hvem som helst"), birth, TODAY, [])

    def test_no_consent_from_the_future(self) -> None:
        with pytest.raises(ConsentRefused) as exc:
            rules.check_giver(youth(TODAY + timedelta(days=1)), date(2000, 1, 1), TODAY, [])
        assert exc.value.code == "consent.given_in_future"

    def test_same_person_once(self) -> None:
        with pytest.raises(ConsentRefused):
            rules.check_new_giver([parent("Mor")], parent("mor"))
        rules.check_new_giver([parent("Mor")], parent("Far"))


class TestComplete:
    def test_youth_15_plus_alone_is_complete(self) -> None:
        assert rules.is_complete([youth(TODAY)], BORN_15_TODAY, ["Mor", "Far"])

    def test_under_15_needs_every_custody_holder_in_the_record(self) -> None:
        birth = date(2015, 1, 1)
        assert not rules.is_complete([parent("Mor")], birth, ["Mor", "Far"])
        assert rules.is_complete([parent("Mor"), parent("far")], birth, ["Mor", "Far"])
        assert rules.is_complete([parent("Mor")], birth, ["Mor"])

    def test_under_15_without_record_needs_two_different_holders(self) -> None:
        birth = date(2015, 1, 1)
        assert not rules.is_complete([parent("Mor")], birth, [])
        assert not rules.is_complete([parent("Mor"), parent("MOR")], birth, [])
        assert rules.is_complete([parent("Mor"), parent("Far")], birth, [])

    def test_a_young_childs_own_word_never_completes(self) -> None:
        assert not rules.is_complete([youth(TODAY)], date(2015, 1, 1), [])

    @given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=3))
    def test_complete_iff_youth_15_or_all_holders(self, age: int, holders_given: int) -> None:
        birth = date(TODAY.year - age, 6, 1)
        on = date(TODAY.year, 6, 1)
        names = ["A", "B", "C"][:holders_given]
        givers = [parent(n, on) for n in names]
        expected = age < 15 and set(names) >= {"A", "B"}
        assert rules.is_complete(givers, birth, ["A", "B"]) == expected
        assert rules.is_complete([youth(on)], birth, ["A", "B"]) == (age >= 15)


class TestPeriod:
    def test_not_retroactive(self) -> None:
        rules.check_period([youth(TODAY)], TODAY, TODAY)
        with pytest.raises(ConsentRefused) as exc:
            rules.check_period([youth(TODAY)], TODAY - timedelta(days=1), TODAY)
        assert exc.value.code == "consent.retroactive"
        with pytest.raises(ConsentRefused) as exc:
            rules.check_period(
                [parent("Mor", TODAY - timedelta(days=3)), parent("Far")], TODAY - timedelta(days=3), TODAY
            )
        assert exc.value.params == {"given_on": TODAY.isoformat()}

    def test_ends_on_or_after_start(self) -> None:
        with pytest.raises(ConsentRefused) as exc:
            rules.check_period([], TODAY, TODAY - timedelta(days=1))
        assert exc.value.code == "consent.period_invalid"

    @given(st.integers(min_value=-400, max_value=400), st.integers(min_value=0, max_value=800))
    def test_status(self, from_offset: int, length: int) -> None:
        valid_from = TODAY + timedelta(days=from_offset)
        valid_until = valid_from + timedelta(days=length)
        state = rules.status(
            complete=True, valid_from=valid_from, valid_until=valid_until, revoked=False, today=TODAY
        )
        assert (state == "in_force") == (valid_from <= TODAY <= valid_until)
        assert (
            rules.status(
                complete=True, valid_from=valid_from, valid_until=valid_until, revoked=True, today=TODAY
            )
            == "revoked"
        )
        assert (
            rules.status(
                complete=False, valid_from=valid_from, valid_until=valid_until, revoked=False, today=TODAY
            )
            == "pending"
        )


class TestSspAndMapping:
    def test_ssp_only_to_ssp_departments(self) -> None:
        rules.check_ssp(["ssp"], {"SSP": "ssp"})
        rules.check_ssp(["cases"], {"UU": "education_guidance"})
        with pytest.raises(ConsentRefused) as exc:
            rules.check_ssp(["ssp", "cases"], {"SSP": "ssp", "UU": "education_guidance", "ARB": "employment"})
        assert exc.value.params == {"departments": "ARB, UU"}

    def test_categories_opening(self) -> None:
        assert categories_opening("youth") == {"cases"}
        assert categories_opening("case") == {"cases"}
        assert categories_opening("plan") == frozenset()
        assert categories_opening("unknown") == frozenset()
        for resource in ("youth", "case", "plan", "concern"):
            assert rules.SSP not in categories_opening(resource)


class TestWhoActsForTheGiver:
    """R6.1: a revocation (or another giver) is recorded on the giver's side only."""

    def test_the_owning_departments(self) -> None:
        owner = {"consent_registered_by": "BFU", "youth_registered_by": "UU"}
        assert rules.may_act_for_giver(roles=["caseworker"], departments=["BFU"], **owner)
        assert rules.may_act_for_giver(roles=["caseworker"], departments=["UU"], **owner)
        assert rules.may_act_for_giver(roles=["coordinator"], departments=["ARB", "UU"], **owner)

    def test_a_recipient_or_another_department_does_not(self) -> None:
        owner = {"consent_registered_by": "BFU", "youth_registered_by": "BFU"}
        assert not rules.may_act_for_giver(roles=["caseworker"], departments=["ARB"], **owner)
        assert not rules.may_act_for_giver(roles=["caseworker"], departments=[], **owner)
        nobody = {"consent_registered_by": None, "youth_registered_by": None}
        assert not rules.may_act_for_giver(roles=["caseworker"], departments=["ARB"], **nobody)

    def test_the_dpo_and_admin_do(self) -> None:
        owner = {"consent_registered_by": "BFU", "youth_registered_by": "BFU"}
        assert rules.may_act_for_giver(roles=["dpo"], departments=[], **owner)
        assert rules.may_act_for_giver(roles=["admin"], departments=["ARB"], **owner)
        assert not rules.may_act_for_giver(roles=["integration"], departments=[], **owner)
