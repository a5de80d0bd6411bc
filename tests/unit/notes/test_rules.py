"""Coordination notes' pure rules: who corrects, the subject named whole, which versions show."""

from __future__ import annotations

import pytest

from ungeapi.notes import rules


def test_the_author_or_their_department_corrects() -> None:
    assert rules.may_correct("BFU", "bente", "bente", frozenset())
    assert rules.may_correct("BFU", "bente", "bo", frozenset({"BFU", "SKOLE"}))
    assert not rules.may_correct("BFU", "bente", "arne", frozenset({"ARB"}))
    assert not rules.may_correct(None, "bente", "arne", frozenset({"ARB"}))


def test_versions_are_numbered_on() -> None:
    assert rules.next_number(1) == 2


@pytest.mark.parametrize(
    ("subject_type", "subject_id", "whole"),
    [(None, None, True), ("case", "x", True), ("case", None, False), (None, "x", False)],
)
def test_the_subject_is_named_whole(subject_type: str | None, subject_id: str | None, whole: bool) -> None:
    assert rules.subject_whole(subject_type, subject_id) is whole


@pytest.mark.parametrize(
    ("version", "current", "owns", "shown"),
    [
        ("essential", "essential", False, True),
        ("health", "essential", False, False),
        ("health", "health", False, True),
        ("crime", "health", False, False),
        ("crime", "health", True, True),
        ("essential", "misuse", False, True),
    ],
)
def test_an_earlier_version_of_another_protected_class(
    version: str, current: str, owns: bool, shown: bool
) -> None:
    assert rules.version_shown(version, current, owns=owns) is shown
