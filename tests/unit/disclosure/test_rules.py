"""R9's pure rules: who reads a record's protected parts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.disclosure import rules
from ungeapi.disclosure.rules import Owner, Withheld

BFU_OWNER = Owner("BFU", "raadgiver-bfu")
SAEH = rules.reader_of("raadgiver-saeh", ["SAEH"], ["caseworker"])


def test_owning_department_reads_every_class() -> None:
    reader = rules.reader_of("someone", ["BFU"], ["caseworker"])
    for cls in rules.CLASSES:
        assert rules.withheld_parts("case", cls, reader=reader, owner=BFU_OWNER) == []


def test_the_records_own_caseworker_reads_it_from_another_department() -> None:
    reader = rules.reader_of("raadgiver-bfu", ["ARB"], ["caseworker"])
    assert rules.withheld_parts("aftercare_decision", "social", reader=reader, owner=BFU_OWNER) == []


def test_essential_is_read_by_everyone_who_sees_the_record() -> None:
    assert rules.withheld_parts("transition_form", "essential", reader=SAEH, owner=BFU_OWNER) == []


def test_protected_class_withheld_part_by_part() -> None:
    assert rules.withheld_parts("transition_form", "health", reader=SAEH, owner=BFU_OWNER) == [
        Withheld("needs", "health"),
        Withheld("costs", "health"),
    ]


@given(st.sampled_from(sorted(rules.PROTECTED)), st.sampled_from(sorted(rules.PROTECTED)))
def test_a_consent_unlocks_exactly_its_class(record_class: str, consented: str) -> None:
    parts = rules.withheld_parts("case", record_class, reader=SAEH, owner=BFU_OWNER, consented=[consented])
    assert (parts == []) == (record_class == consented)


@given(st.sampled_from(sorted(rules.PROTECTED)), st.sampled_from(sorted(rules.PROTECTED)))
def test_a_disclosure_unlocks_exactly_its_class(record_class: str, disclosed: str) -> None:
    parts = rules.withheld_parts("case", record_class, reader=SAEH, owner=BFU_OWNER, disclosed=[disclosed])
    assert (parts == []) == (record_class == disclosed)


def test_wide_roles_read_everything() -> None:
    for role in rules.CLASS_WIDE_ROLES:
        reader = rules.reader_of("x", [], [role])
        assert rules.withheld_parts("case", "crime", reader=reader, owner=BFU_OWNER) == []
    integration = rules.reader_of("x", [], ["integration"])
    assert rules.withheld_parts("case", "crime", reader=integration, owner=BFU_OWNER) != []


def test_class_of_prefers_the_writer_then_the_municipality() -> None:
    assert rules.class_of("case", "health", {"case": "essential"}) == "health"
    assert rules.class_of("case", None, {"case": "essential"}) == "essential"
    assert rules.class_of("case", None, {}) == rules.DEFAULT_CLASSES["case"]


def test_no_owner_department_means_only_the_author_owns() -> None:
    owner = Owner(None, "referent")
    assert rules.needs_grant(SAEH, owner, "social")
    assert not rules.needs_grant(rules.reader_of("referent", [], ["caseworker"]), owner, "social")


def test_meetings_concerns_and_absence_have_their_parts() -> None:
    assert rules.withheld_parts("network_meeting", "social", reader=SAEH, owner=BFU_OWNER) == [
        Withheld("frame", "social")
    ]
    assert rules.withheld_parts("team_meeting", "social", reader=SAEH, owner=BFU_OWNER) == [
        Withheld("frame", "social"),
        Withheld("notes", "social"),
    ]
    assert rules.fields_withheld("concern", [Withheld("notes", "social")]) == {
        "assessment.note",
        "outcome_note",
    }
    # Absence: only the sick share is protected, and by default as health information.
    assert rules.class_of("absence", None, {}) == "health"
    assert rules.fields_withheld("absence", [Withheld("sickness", "health")]) == {"sick_pct"}
    assert rules.withheld_parts("absence", "essential", reader=SAEH, owner=Owner("SKOLE", None)) == []


def test_every_classified_resource_has_parts_and_a_default() -> None:
    assert set(rules.PARTS) == set(rules.DEFAULT_CLASSES)
    assert all(rules.PARTS[r] for r in rules.PARTS)
