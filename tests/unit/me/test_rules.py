"""The youth's own door's rules: who answers the youth, by when, and which edition a view is."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.consents.rules import Giver, given_by_youth
from ungeapi.me.rules import Person, may_reply, next_edition, respond_by, responsible
from ungeapi.progression.rules import codes_unique, on_scale, per_phase

GUIDE = Person("guide-1", "Anna Holm", "UNGE")
COORDINATOR = Person("cw-1", "Mette Berg", "BFU")


class TestRespondBy:
    def test_five_weekdays_skip_the_weekend(self) -> None:
        assert respond_by(date(2026, 12, 4), 5) == date(2026, 12, 11)  # Friday -> Friday
        assert respond_by(date(2026, 12, 5), 5) == date(2026, 12, 11)  # Saturday -> Friday
        assert respond_by(date(2026, 12, 7), 1) == date(2026, 12, 8)

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 60))
    def test_always_a_weekday_after_the_day_and_within_the_weeks(self, day: date, weekdays: int) -> None:
        due = respond_by(day, weekdays)
        assert due > day and due.weekday() < 5
        assert due - day <= timedelta(days=(weekdays // 5 + 1) * 7 + 2)


class TestEdition:
    @given(st.one_of(st.none(), st.integers(1, 10_000)))
    def test_next_is_one_more_than_the_latest(self, latest: int | None) -> None:
        assert next_edition(latest) == (latest or 0) + 1


class TestMayReply:
    def test_only_before_the_meeting_begins(self) -> None:
        at = datetime(2026, 12, 3, 8, tzinfo=UTC)
        assert may_reply(at, at - timedelta(seconds=1))
        assert not may_reply(at, at)
        assert not may_reply(at, at + timedelta(days=1))


class TestResponsible:
    def test_a_talk_request_goes_to_the_guide_first(self) -> None:
        assert responsible("talk_request", coordinator=COORDINATOR, guide=GUIDE) == GUIDE
        assert responsible("talk_request", coordinator=COORDINATOR, guide=None) == COORDINATOR

    def test_a_view_or_reply_goes_to_the_coordinating_caseworker_first(self) -> None:
        for kind in ("view", "reply"):
            assert responsible(kind, coordinator=COORDINATOR, guide=GUIDE) == COORDINATOR
            assert responsible(kind, coordinator=None, guide=GUIDE) == GUIDE

    def test_nobody_when_there_is_no_one(self) -> None:
        assert responsible("talk_request", coordinator=None, guide=None) is None


class TestGivenByYouth:
    def test_the_youth_revokes_only_what_they_gave(self) -> None:
        youth = Giver("youth", "Freja", date(2026, 1, 1))
        holder = Giver("custody_holder", "Mor", date(2026, 1, 1))
        assert given_by_youth([youth])
        assert given_by_youth([holder, youth])
        assert not given_by_youth([holder])
        assert not given_by_youth([])


class TestProgressionRules:
    def test_a_scale_names_each_phase_once(self) -> None:
        assert codes_unique(["a", "b"]) and codes_unique([])
        assert not codes_unique(["a", "b", "a"])

    def test_only_a_phase_on_the_scale_now(self) -> None:
        assert on_scale("a", ["a", "b"]) and not on_scale("c", ["a", "b"])

    @given(st.dictionaries(st.sampled_from(["a", "b", "c", "old"]), st.integers(1, 100)))
    def test_per_phase_in_the_scales_order_then_the_retired(self, counts: dict[str, int]) -> None:
        rows = per_phase(["c", "a", "b"], counts)
        assert [k for k, _ in rows][:3] == ["c", "a", "b"]
        assert dict(rows) == {"a": 0, "b": 0, "c": 0, **counts}
