"""The door matrix (domain.md §8.1 "Every door"): each rule, every write path that can break it,
the same refusal code on each.

A rule is an invariant of the data, so every operation of the API that writes data the rule
reads is a door, and so is each kind of bulk import (the `ungeapi import` command runs the same
import service as `POST /v1/imports`; test_event_date_doors.py runs it once as a command).
For each rule below:
- `reads` names the resources whose data the rule reads (path prefixes of the OpenAPI spec;
  `""` for all);
- `doors` are the operations its door table tries, each the day before, the day and the day
  after its boundary, expecting the rule's code (the tables live beside the rule's other tests:
  the module named in `table`; their test classes are collected here, so this one module tries
  every door of every rule);
- `not_doors` are the operations under `reads` that cannot break it, each with the reason.
`test_every_write_path_is_a_door_or_says_why` fails when the spec has a write operation (or the
import an entity kind) under a rule's `reads` that is in neither list: a new write path must
either call the rule's check and join its table, or say why it need not. It also fails when a
list names an operation the spec no longer has.

The event-date rule is finer: it is about fields, not operations. Every date or date-time field
of every write body is either one of its doors (DATE_DOORS: tried in test_event_date_doors.py),
a date checked by its own domain's rule (OWN_CHECK), or a planned date that may lie ahead
(PLANNED); `test_every_date_field_is_classified` fails on a field in none of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.api import test_event_date_doors as dates
from tests.api.cases import test_legal_basis_doors as legal_basis
from tests.api.education_orders import test_education_orders as r24
from tests.api.plans import test_duty as r4
from tests.api.referrals import test_meeting_decision_doors as meetings

# The fixtures the door tables' classes ask for, made visible to the classes collected here.
from tests.api.referrals.test_meeting_decision_doors import caseworker, chair  # noqa: F401
from tests.api.teams import test_r16_doors as r16
from tests.api.teams.test_r16_doors import env  # noqa: F401
from tests.api.test_event_date_doors import world  # noqa: F401
from tests.api.youth import test_age_window_doors as age
from tests.api.youth import test_consent_write_doors as consent
from tests.api.youth.test_age_window_doors import seeded  # noqa: F401

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "ungeapi-v1.json"
WRITE_METHODS = ("post", "put", "patch", "delete")


# --- the doors, tried: each rule's table, collected into this module ---------------------------

# R1/R1a: youth.outside_age_window on every record about a youth (and winding down stays open).
TestR1AgeWindowOnEveryDoor = age.EveryDoor
# A consent grants reading, never writing: its recipient is refused every write door (404/403).
TestConsentNeverOpensAWriteDoor = consent.NoDoorOpensToAConsent
# A case's external reference never moves it to another youth: case.external_ref_other_youth.
TestExternalReferenceOnEveryDoor = age.ExternalReferenceStaysWithItsYouth
# §8.1: an event date never in the future (date.in_future), never before what it answers
# (date.before_event), on the API and in import rows.
TestEventDateNotInTheFuture = dates.NotInTheFuture
TestEventDateNotBeforeItsEvent = dates.NotBeforeTheEventItAnswers
TestEventDateInImportRows = dates.ImportRows
# R16: the team's first meeting by the 17th birthday (team.first_meeting_after_17).
TestR16FirstTeamMeetingOnEveryDoor = r16.FirstMeetingOnEveryDoor
# §8.1: decisions only at a held meeting (meeting.not_held); a decided meeting stays put
# (meeting.has_decisions).
TestDecisionsOnlyAtAHeldMeeting = meetings.DecisionNeedsAHeldMeeting
TestADecidedMeetingStaysPut = meetings.AMeetingWithDecisionsStays
# Issue 21: a case's legal basis is a § of the catalogue in force on its day
# (legal_basis.unknown, legal_basis.not_in_force).
TestLegalBasisOnEveryDoor = legal_basis.LegalBasisOnEveryDoor
# R4: an exemption from the duty to be in education or work has its reason
# (plan.exemption_reason_required).
TestR4ExemptionReasonOnEveryDoor = r4.ExemptionReasonOnEveryDoor
# R24: an education order is assessed only while the rule is in force (education_order.not_in_force).
TestR24InForceOnEveryDoor = r24.InForceOnEveryDoor


# --- the coverage: every write path is a door or says why --------------------------------------


def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC.read_text()))


def import_kinds(s: Mapping[str, Any]) -> list[str]:
    parameter = next(p for p in s["paths"]["/v1/imports"]["post"]["parameters"] if p["name"] == "kind")
    # A named vocabulary (ImportKind): its values are in the component the parameter refers to.
    name = parameter["schema"]["$ref"].rsplit("/", 1)[1]
    return list(s["components"]["schemas"][name]["enum"])


def write_paths(s: Mapping[str, Any]) -> set[str]:
    """Every write operation as "METHOD /path", and each import kind as "POST /v1/imports?kind=K"."""
    found = {
        f"{method.upper()} {path}"
        for path, operations in s["paths"].items()
        for method in operations
        if method in WRITE_METHODS
    }
    return (found - {"POST /v1/imports"}) | {f"POST /v1/imports?kind={kind}" for kind in import_kinds(s)}


def path_of(operation: str) -> str:
    return operation.split(" ", 1)[1]


@dataclass(frozen=True)
class Rule:
    name: str
    codes: tuple[str, ...]
    table: str
    reads: tuple[str, ...]
    doors: frozenset[str]
    not_doors: Mapping[str, str] = field(default_factory=dict)

    def concerned(self, operation: str) -> bool:
        path = path_of(operation)
        return any(prefix == "" or re.match(re.escape(prefix) + r"($|[/?])", path) for prefix in self.reads)


def operations_of(doors: Any, operation: Any) -> frozenset[str]:
    return frozenset(operation(d) for d in doors)


NO_TEAM_IN_IMPORTS = "no import kind writes teams or decisions"

RULES = [
    Rule(
        "R1/R1a age window",
        ("youth.outside_age_window",),
        "tests/api/youth/test_age_window_doors.py",
        ("",),
        operations_of(age.DOORS, lambda d: d.operation),
        {
            **{d.operation: f"winds the effort down ({d.build.__name__})" for d in age.WIND_DOWN},
            **age.NOT_ABOUT_A_YOUTH,
            **age.OWN_DOOR,
        },
    ),
    Rule(
        "a consent grants reading, never writing",
        ("youth.not_found", "consent.not_giver_side", "auth.forbidden"),
        "tests/api/youth/test_consent_write_doors.py",
        ("",),
        operations_of(consent.CONSENT_DOORS, lambda d: d.operation),
        {
            **consent.NOT_TRIED,
            **{
                f"POST /v1/imports?kind={k}": "imports are for admin and integrations, who see the whole municipality"
                for k in ("youth", "cases", "absence")
            },
            **{op: f"no youth's record a consent opens: {why}" for op, why in age.NOT_ABOUT_A_YOUTH.items()},
            **age.OWN_DOOR,
        },
    ),
    Rule(
        "external reference stays with its youth",
        ("case.external_ref_other_youth", "youth.external_ref_taken", "absence.external_ref_other_youth"),
        "tests/api/youth/test_age_window_doors.py (ExternalReferenceStaysWithItsYouth)",
        ("/v1/cases", "/v1/youth", "/v1/absence", "/v1/imports"),
        frozenset(
            {
                "POST /v1/cases",
                "PUT /v1/cases/by-external/{system}/{external_id}",
                "POST /v1/imports?kind=cases",
                "POST /v1/youth",
                "PATCH /v1/youth/{youth_id}",
                "POST /v1/imports?kind=youth",
                "PUT /v1/absence/by-external/{system}/{external_id}",
                "POST /v1/imports?kind=absence",
            }
        ),
        {
            "POST /v1/absence": "a record made by POST carries no external reference",
            "PATCH /v1/absence/{record_id}": "an absence record's youth and reference are not in its PATCH body",
            "PATCH /v1/cases/{case_id}": "a case's youth and external reference are not in its PATCH body",
            "POST /v1/youth/lookup": "a read",
            "POST /v1/youth/{youth_id}/archive": "changes no reference",
            "POST /v1/youth/{youth_id}/statements/{statement_id}/answer": "answers the youth's words; no reference",
        },
    ),
    Rule(
        "R16 first team meeting by the 17th birthday",
        ("team.first_meeting_after_17", "team.first_meeting_before_decision"),
        "tests/api/teams/test_r16_doors.py",
        ("/v1/teams", "/v1/meetings/{meeting_id}/decisions", "/v1/imports"),
        operations_of(r16.DOORS, lambda d: f"{d.method} {d.path}"),
        {
            "POST /v1/teams/{team_id}/members": "a member joins; the first meeting's day is not in the body",
            "POST /v1/teams/{team_id}/members/{member_id}/leave": "a member leaves; no meeting day",
            "POST /v1/teams/{team_id}/meetings": "records a meeting held (an event date, §8.1), plans none",
            **{f"POST /v1/imports?kind={k}": NO_TEAM_IN_IMPORTS for k in ("youth", "cases", "absence")},
        },
    ),
    Rule(
        "decisions only at a held meeting; a decided meeting stays put",
        ("meeting.not_held", "meeting.has_decisions"),
        "tests/api/referrals/test_meeting_decision_doors.py",
        ("/v1/meetings", "/v1/imports"),
        frozenset(
            {
                "POST /v1/meetings/{meeting_id}/decisions",
                *(f"{method} /v1/meetings/{{meeting_id}}" for method, _, _ in meetings.DOORS),
            }
        ),
        {
            "POST /v1/meetings": "a new meeting has no decisions",
            "POST /v1/meetings/series": "new meetings have no decisions",
            "POST /v1/meetings/{meeting_id}/agenda": "places a case; a held meeting takes none (meeting.already_held)",
            **{f"POST /v1/imports?kind={k}": NO_TEAM_IN_IMPORTS for k in ("youth", "cases", "absence")},
        },
    ),
    Rule(
        "a case's legal basis is a § in force on its day",
        ("legal_basis.unknown", "legal_basis.not_in_force"),
        "tests/api/cases/test_legal_basis_doors.py",
        ("/v1/cases", "/v1/imports"),
        frozenset(legal_basis.DOORS),
        {
            "POST /v1/imports?kind=youth": "youth rows carry no legal basis",
            "POST /v1/imports?kind=absence": "absence rows carry no legal basis",
        },
    ),
    Rule(
        "R4 an exemption from the duty has its reason",
        ("plan.exemption_reason_required", "plan.exemption_ends_before_start"),
        "tests/api/plans/test_duty.py",
        ("/v1/plans", "/v1/imports"),
        frozenset(r4.DOORS),
        {
            "POST /v1/plans/{plan_id}/goals": "a goal carries no exemption",
            "PATCH /v1/plans/{plan_id}/goals/{goal_id}": "a goal carries no exemption",
            "POST /v1/plans/{plan_id}/measures": "a measure carries no exemption",
            "PATCH /v1/plans/{plan_id}/measures/{measure_id}": "a measure carries no exemption",
            "POST /v1/plans/{plan_id}/progression": "a progression phase carries no exemption",
            **{
                f"POST /v1/imports?kind={k}": "no import kind writes plans"
                for k in ("youth", "cases", "absence")
            },
        },
    ),
    Rule(
        "R24 an education order only while the rule is in force",
        ("education_order.not_in_force",),
        "tests/api/education_orders/test_education_orders.py",
        ("/v1/education-orders", "/v1/imports"),
        frozenset(r24.DOORS),
        {
            f"POST /v1/imports?kind={k}": "no import kind writes education orders"
            for k in ("youth", "cases", "absence")
        },
    ),
]


class TestEveryWritePathIsADoorOrSaysWhy:
    def test_every_write_path_is_a_door_or_says_why(self) -> None:
        writes = write_paths(spec())
        missing = {
            rule.name: sorted(
                op
                for op in writes
                if rule.concerned(op) and op not in rule.doors and op not in rule.not_doors
            )
            for rule in RULES
        }
        assert {name: ops for name, ops in missing.items() if ops} == {}, (
            "a write path that reads a rule's data is neither in its door table nor said not to be a door"
        )

    def test_every_listed_door_exists(self) -> None:
        writes = write_paths(spec())
        stale = {
            rule.name: sorted((rule.doors | set(rule.not_doors)) - writes)
            for rule in RULES
            if (rule.doors | set(rule.not_doors)) - writes
        }
        assert stale == {}

    def test_each_rule_has_doors_and_a_code(self) -> None:
        for rule in RULES:
            assert rule.doors and rule.codes, rule.name


# --- the event-date rule, field by field ---------------------------------------------------------


def template_of(method: str, path: str, s: Mapping[str, Any]) -> str:
    """The spec's operation for a door's concrete path (`/v1/guides/{id}/accept`)."""
    for template in s["paths"]:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        if re.match(pattern, concrete) and method.lower() in s["paths"][template]:
            return f"{method.upper()} {template}"
    raise AssertionError(f"no operation for {method} {path}")


def _schema(s: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    for branch in [schema, *schema.get("anyOf", [])]:
        if "$ref" in branch:
            return dict(s["components"]["schemas"][branch["$ref"].rsplit("/", 1)[-1]])
    return schema


def date_fields(s: Mapping[str, Any], schema: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    """The date and date-time properties of a body, nested objects and lists of objects included."""
    for name, prop in _schema(s, schema).get("properties", {}).items():
        branches = [prop, *prop.get("anyOf", [])]
        if any(b.get("format") in ("date", "date-time") for b in branches):
            yield prefix + name
        inner = _schema(s, prop)
        if inner is not prop and inner.get("properties"):
            yield from date_fields(s, inner, f"{prefix}{name}.")
        for branch in branches:
            if "items" in branch and _schema(s, branch["items"]).get("properties"):
                yield from date_fields(s, branch["items"], f"{prefix}{name}[].")


def body_dates(s: Mapping[str, Any]) -> set[tuple[str, str]]:
    found = set()
    for path, operations in s["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if method in WRITE_METHODS and content:
                found |= {(f"{method.upper()} {path}", f) for f in date_fields(s, content["schema"])}
    return found


# A date a domain checks with a rule of its own, and the test that tries it.
OWN_CHECK = {
    (
        "POST /v1/concerns",
        "received_at",
    ): "a moment with clock skew: concern.received_in_future (test_concerns)",
    **{
        (f"POST /v1/concerns/{{concern_id}}/{action}", "at"): "concern.action_in_future (test_concerns)"
        for action in ("assess", "acknowledge", "close")
    },
    ("POST /v1/consents", "given_by[].given_on"): "consent.given_in_future (test_consents)",
    **{
        (
            operation,
            "ordered_on",
        ): "date.in_future and date.before_event (the assessment) in test_education_orders"
        for operation in ("POST /v1/education-orders", "PATCH /v1/education-orders/{order_id}")
    },
    **{
        ("POST /v1/education-orders", answer): "date.before_event (the order) in test_education_orders; "
        "date.in_future on its PATCH door"
        for answer in ("proposed_on", "applied_on")
    },
    ("POST /v1/consents/{consent_id}/givers", "given_on"): "consent.given_in_future (test_consents)",
    (
        "PUT /v1/documents/{document_id}/journal-reference",
        "journalized_at",
    ): "document.journal_time_invalid (tests/api/record/test_documents.py)",
    ("POST /v1/meetings/{meeting_id}/decisions", "team.first_meeting_on"): "R16, its door table",
    ("POST /v1/teams", "first_meeting_on"): "R16, its door table",
    ("PATCH /v1/teams/{team_id}", "first_meeting_on"): "R16, its door table",
    (
        "POST /v1/teams/{team_id}/members/{member_id}/leave",
        "left_on",
    ): "team.invalid_period: not before joining",
}
# Dates that plan or bound something and may lie ahead.
PLANNED = {
    "next_follow_up_on": "the plan's next follow-up",
    "goals[].target_on": "a goal's target day",
    "target_on": "a goal's target day",
    "measures[].starts_on": "a measure's planned start",
    "measures[].ends_on": "a measure's planned end",
    "starts_on": "a measure's planned start",
    "ends_on": "a measure's planned end",
    "active_from": "an offer's first day",
    "active_to": "an offer's last day",
    "starts_at": "a forum meeting's time",
    "first_starts_at": "a series' first meeting",
    "valid_from": "a consent's period",
    "valid_until": "a consent's period",
    "period_from": "the absence period (may still run)",
    "period_to": "the absence period (may still run)",
    "support_until": "the end of granted support after 18",
    "joined_on": "a member may be added ahead of joining",
    "duty_exemption_from": "an exemption's period (R4), decided ahead",
    "duty_exemption_to": "an exemption's period (R4)",
    "proposal_due_on": "an education order's deadline (R24)",
    "application_due_on": "an education order's deadline (R24)",
    "education_order_valid_from": "the education-order rule's validity (R24), a setting",
    "education_order_valid_to": "the education-order rule's validity (R24), a setting",
}


def date_doors(s: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(template_of(d.method, d.path, s), d.field) for d in dates.DOORS}


class TestEveryDateFieldIsClassified:
    def test_every_date_field_is_classified(self) -> None:
        s = spec()
        doors = date_doors(s)
        unclassified = sorted(
            (operation, name)
            for operation, name in body_dates(s)
            if (operation, name) not in doors and (operation, name) not in OWN_CHECK and name not in PLANNED
        )
        assert unclassified == [], "a date in a write body that is neither a door, checked, nor planned"

    def test_the_doors_are_event_dates_of_the_spec(self) -> None:
        s = spec()
        assert date_doors(s) <= body_dates(s)
        assert {name for _, name in date_doors(s)}.isdisjoint(PLANNED)
