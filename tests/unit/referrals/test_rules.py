"""Referral rules R13-R15, R18 without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.models.referral import REFERRAL_STATES
from ungeapi.municipality.policy import Policy
from ungeapi.referrals.rules import (
    ACTION_PERMISSION,
    DECISION_FROM,
    TRANSITIONS,
    OpenCase,
    conference_refusal,
    counts_for_referral,
    missing_bounds,
    missing_due_on,
    next_state,
    referral_missing,
    slot_minutes,
)
from ungeapi.referrals.vocabulary import REFERRAL_ACTION
from ungeapi.youth.rules import age_on, date_turning

TODAY = date(2026, 11, 23)
POLICY = Policy()

LEGAL = {
    ("draft", "submit"): "submitted",
    ("documentation_requested", "submit"): "submitted",
    ("submitted", "schedule"): "scheduled",
    ("scheduled", "unschedule"): "submitted",
    ("scheduled", "discuss"): "discussed",
    ("scheduled", "request_documentation"): "documentation_requested",
    ("discussed", "request_documentation"): "documentation_requested",
    ("submitted", "reject"): "rejected",
    ("scheduled", "reject"): "rejected",
    ("discussed", "reject"): "rejected",
    ("draft", "withdraw"): "withdrawn",
    ("submitted", "withdraw"): "withdrawn",
    ("scheduled", "withdraw"): "withdrawn",
    ("documentation_requested", "withdraw"): "withdrawn",
}


class TestTransitions:
    @pytest.mark.parametrize("state", REFERRAL_STATES)
    @pytest.mark.parametrize("action", sorted(TRANSITIONS))
    def test_exactly_the_legal_moves(self, state: str, action: str) -> None:
        assert next_state(state, action) == LEGAL.get((state, action))

    def test_unknown_action_is_refused(self) -> None:
        assert next_state("draft", "conclude") is None
        assert next_state("draft", "grant") is None

    @pytest.mark.parametrize("final", ["concluded", "withdrawn", "rejected"])
    def test_final_states_never_move(self, final: str) -> None:
        assert all(next_state(final, action) is None for action in TRANSITIONS)

    def test_only_a_referral_on_the_agenda_is_decided(self) -> None:
        assert frozenset({"scheduled", "discussed"}) == DECISION_FROM

    def test_every_action_has_a_permission_and_route(self) -> None:
        assert set(ACTION_PERMISSION) == set(TRANSITIONS)
        routed = set(REFERRAL_ACTION.values) | {"schedule"}
        assert routed == set(TRANSITIONS)
        assert ACTION_PERMISSION["submit"] == "referrals:write"
        assert ACTION_PERMISSION["reject"] == "meetings:write"


class TestSlotMinutes:
    def test_plain_case_is_15(self) -> None:
        assert slot_minutes(complex_case=False, professionals=0, policy=POLICY) == 15

    def test_complex_case_is_30(self) -> None:
        assert slot_minutes(complex_case=True, professionals=0, policy=POLICY) == 30

    def test_other_professionals_make_it_30(self) -> None:
        assert slot_minutes(complex_case=False, professionals=1, policy=POLICY) == 30
        assert slot_minutes(complex_case=True, professionals=3, policy=POLICY) == 30

    def test_policy_sets_the_lengths(self) -> None:
        policy = Policy(slot_minutes=20, complex_slot_minutes=40)
        assert slot_minutes(complex_case=False, professionals=0, policy=policy) == 20
        assert slot_minutes(complex_case=True, professionals=0, policy=policy) == 40


def born(age: int, days_after_birthday: int = 10) -> date:
    day = TODAY - timedelta(days=days_after_birthday)
    return day.replace(year=day.year - age)


class TestConference:
    def test_stuck_plan_in_the_age_window_is_taken(self) -> None:
        assert (
            conference_refusal(birth_date=born(16), today=TODAY, plan_status="stuck", policy=POLICY) is None
        )

    @pytest.mark.parametrize("status", [None, "active", "interrupted", "completed", "closed"])
    def test_a_plan_not_stuck_is_refused(self, status: str | None) -> None:
        refusal = conference_refusal(birth_date=born(16), today=TODAY, plan_status=status, policy=POLICY)
        assert refusal == "referral.plan_not_stuck"

    def test_ages_13_to_30_inclusive(self) -> None:
        def refusal(birth: date) -> str | None:
            return conference_refusal(birth_date=birth, today=TODAY, plan_status="stuck", policy=POLICY)

        assert refusal(born(13, 0)) is None  # the 13th birthday is today
        assert refusal(born(13, -1)) == "referral.outside_forum_age"  # 13 tomorrow
        assert refusal(born(30, 364)) is None
        assert refusal(born(31, 0)) == "referral.outside_forum_age"

    def test_age_is_checked_before_the_plan(self) -> None:
        refusal = conference_refusal(birth_date=born(12), today=TODAY, plan_status=None, policy=POLICY)
        assert refusal == "referral.outside_forum_age"


def opened(*kinds: str, on: date = date(2020, 1, 1), support: bool = True) -> list[OpenCase]:
    return [OpenCase(kind=k, opened_on=on, support_after_18_expected=support) for k in kinds]


def missing(**overrides) -> bool:
    args = {
        "birth_date": born(15),
        "today": TODAY,
        "open_cases": opened("placement"),
        "has_referral": False,
        "policy": POLICY,
    }
    args.update(overrides)
    return referral_missing(**args)


class TestReferralMissing:
    def test_unreferred_15_year_old_placed_youth(self) -> None:
        assert missing()

    def test_a_referral_satisfies_it(self) -> None:
        assert not missing(has_referral=True)

    def test_under_15_is_not_yet_due(self) -> None:
        assert not missing(birth_date=born(15, -1))
        assert missing(birth_date=born(15, 0))

    def test_from_18_it_is_no_longer_due(self) -> None:
        assert missing(birth_date=born(17, 364))
        assert not missing(birth_date=born(18, 0))

    def test_only_listed_case_kinds(self) -> None:
        assert not missing(open_cases=opened("employment", "education"))
        assert not missing(open_cases=[])
        fifteen = date_turning(born(15), 15)
        for kind in ("placement", "aftercare", "preventive", "efterskole", "disability"):
            assert missing(open_cases=opened(kind, "other", on=fifteen))

    def test_policy_kinds_and_age(self) -> None:
        policy = Policy(referral_case_kinds=["disability"], referral_age=14)
        assert not missing(policy=policy)
        assert missing(open_cases=opened("disability"), birth_date=born(14), policy=policy)

    def test_a_preventive_measure_counts_from_the_15th_birthday(self) -> None:
        birth = born(16)
        fifteen = date_turning(birth, 15)
        for day, counts in (
            (fifteen - timedelta(days=1), False),
            (fifteen, True),
            (fifteen + timedelta(days=1), True),
        ):
            assert missing(birth_date=birth, open_cases=opened("preventive", on=day)) is counts, day
        # Opened at 12 or 14: not the forgotten case; another listed case still is.
        assert not missing(birth_date=birth, open_cases=opened("preventive", on=date_turning(birth, 12)))
        assert not missing(birth_date=birth, open_cases=opened("preventive", on=date_turning(birth, 14)))
        assert missing(
            birth_date=birth,
            open_cases=opened("preventive", on=date_turning(birth, 12)) + opened("placement"),
        )

    def test_a_preventive_measure_follows_the_policy_age(self) -> None:
        birth = born(16)
        policy = Policy(referral_age=14)
        assert missing(
            birth_date=birth, open_cases=opened("preventive", on=date_turning(birth, 14)), policy=policy
        )
        assert not missing(
            birth_date=birth,
            open_cases=opened("preventive", on=date_turning(birth, 14) - timedelta(days=1)),
            policy=policy,
        )

    def test_a_disability_case_counts_only_with_support_after_18(self) -> None:
        assert missing(open_cases=opened("disability", support=True))
        assert not missing(open_cases=opened("disability", support=False))
        # Support expectation matters only for disability cases.
        assert missing(open_cases=opened("placement", support=False))

    @given(
        birth=st.dates(min_value=date(2005, 1, 1), max_value=date(2012, 12, 31)),
        opened_on=st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 11, 23)),
        kind=st.sampled_from(["placement", "aftercare", "preventive", "efterskole", "disability", "other"]),
        support=st.booleans(),
    )
    def test_counts_for_referral(self, birth: date, opened_on: date, kind: str, support: bool) -> None:
        case = OpenCase(kind=kind, opened_on=opened_on, support_after_18_expected=support)
        expected = (
            kind in POLICY.referral_case_kinds
            and (kind != "preventive" or opened_on >= date_turning(birth, 15))
            and (kind != "disability" or support)
        )
        assert counts_for_referral(case, birth_date=birth, policy=POLICY) is expected

    def test_due_on_is_the_later_of_birthday_and_case(self) -> None:
        birth = date(2011, 3, 10)
        assert missing_due_on(birth, date(2020, 1, 1), POLICY) == date(2026, 3, 10)
        assert missing_due_on(birth, date(2026, 5, 1), POLICY) == date(2026, 5, 1)

    def test_29_february_turns_15_on_1_march(self) -> None:
        assert missing_due_on(date(2012, 2, 29), date(2020, 1, 1), POLICY) == date(2027, 3, 1)

    @given(
        birth=st.dates(min_value=date(1990, 1, 1), max_value=date(2020, 12, 31)),
        today=st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)),
    )
    def test_the_query_bounds_agree_with_the_rule(self, birth: date, today: date) -> None:
        bounds = missing_bounds(today, POLICY)
        in_bounds = bounds.born_after < birth <= bounds.born_on_or_before
        rule = referral_missing(
            birth_date=birth, today=today, open_cases=opened("placement"), has_referral=False, policy=POLICY
        )
        assert in_bounds == rule
        assert rule == (15 <= age_on(birth, today) < 18)
