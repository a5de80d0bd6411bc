"""§8.2 without a database: an obligation's key, who may resolve it, when it was missed."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.core.security import Principal
from ungeapi.obligations.rules import ObligationKey, may_resolve, missed, parse_key

YOUTH = uuid.UUID("0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10")
FORM = "6a1e0b52-1f4e-4b47-8a43-0f4f0c3f7a21"


def caller(*roles: str, departments: tuple[str, ...] = ("BFU",), sub: str = "cw-1") -> Principal:
    return Principal(sub=sub, name="X", municipality="860", departments=departments, roles=frozenset(roles))


class TestKey:
    def test_without_a_subject(self) -> None:
        key = ObligationKey("aftercare.decision_due", YOUTH, "", date(2027, 5, 30))
        assert str(key) == f"aftercare.decision_due:{YOUTH}:-:2027-05-30"
        assert parse_key(str(key)) == key

    def test_with_a_subject(self) -> None:
        key = ObligationKey("transition_form.update_due", YOUTH, FORM, date(2027, 1, 31))
        assert str(key) == f"transition_form.update_due:{YOUTH}:{FORM}:2027-01-31"
        assert parse_key(str(key)) == key

    def test_malformed(self) -> None:
        for text in (
            "",
            "x",
            f"a:{YOUTH}:-",
            f"a:{YOUTH}:-:2027-01-31:extra",
            "a:not-a-uuid:-:2027-01-31",
            f"a:{YOUTH}:-:2027-02-30",
            f":{YOUTH}:-:2027-01-31",
            f"a:{YOUTH}::2027-01-31",
        ):
            assert parse_key(text) is None, text

    @given(
        kind=st.sampled_from(["guide.offer_due", "referral.missing", "transition_form.update_due"]),
        youth=st.uuids(),
        subject=st.one_of(st.just(""), st.uuids().map(str)),
        due=st.dates(),
    )
    def test_round_trip(self, kind: str, youth: uuid.UUID, subject: str, due: date) -> None:
        key = ObligationKey(kind, youth, subject, due)
        assert parse_key(str(key)) == key


class TestMayResolve:
    def test_a_responsible_department(self) -> None:
        assert may_resolve(caller("caseworker"), departments=["BFU"], subs=[])
        assert may_resolve(
            caller("caseworker", departments=("ARB", "BFU")), departments=["BFU", "SAEH"], subs=[]
        )

    def test_a_responsible_person(self) -> None:
        assert may_resolve(caller("caseworker", departments=("UU",)), departments=["BFU"], subs=["cw-1"])

    def test_another_department_is_refused(self) -> None:
        assert not may_resolve(caller("caseworker", departments=("ARB",)), departments=["BFU"], subs=["cw-2"])
        assert not may_resolve(caller("coordinator", departments=()), departments=["BFU"], subs=[])
        assert not may_resolve(caller("caseworker"), departments=[], subs=[])

    def test_admin_may_resolve_any(self) -> None:
        assert may_resolve(caller("admin", departments=()), departments=["BFU"], subs=[])


class TestMissed:
    def test_day_before_on_and_after_the_due_date(self) -> None:
        due = date(2027, 1, 31)
        assert not missed(due, due - timedelta(days=1))
        assert not missed(due, due)
        assert missed(due, due + timedelta(days=1))
