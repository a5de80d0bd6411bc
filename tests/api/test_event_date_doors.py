"""§8.1 on every door: a date that records when something happened is never after today and
never before the event it answers, whichever write path carries it.

The doors are a table — (method, path template, field, body builder, setup) — so a door matrix
can take them over: each door is tried the day before, the day and the day after its boundary,
today's (`date.in_future`) and, where the date answers an earlier event, that event's
(`date.before_event`). Bulk import rows are a second table with the same codes in the report.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.integration.helpers import post_import
from tests.clock import TODAY, cli_command
from tests.clock import years_ago as born
from tests.conftest import synthetic_cpr

EVENT = TODAY - timedelta(days=10)  # the day of the event a date answers (an offer, a period)
ROOT = Path(__file__).resolve().parents[2]
FRAME = {"worries": "Fravær.", "what_works": "Fodbold.", "next_steps": "Ringer hjem."}


@dataclass
class World:
    client: httpx.AsyncClient
    headers: dict[str, str]
    youth_id: str
    case_id: str | None = None  # the case a door's setup opened, when its body names one


@dataclass(frozen=True)
class Target:
    """What a door's setup made: the path's parameters, the ETag to send, the answered event."""

    params: dict[str, str] = field(default_factory=dict)
    version: int | None = None
    event: date | None = None


async def nothing(world: World) -> Target:
    return Target()


@dataclass(frozen=True)
class Door:
    method: str
    path: str
    field: str
    body: Callable[[World, date], dict[str, Any]]
    setup: Callable[[World], Awaitable[Target]] = nothing

    @property
    def id(self) -> str:
        return f"{self.method} {self.path} {self.field}"


async def call(world: World, method: str, path: str, body: dict[str, Any], version: int | None = None):
    headers = world.headers if version is None else {**world.headers, "If-Match": f'"{version}"'}
    return await world.client.request(method, path, json=body, headers=headers)


async def created(world: World, method: str, path: str, body: dict[str, Any], version: int | None = None):
    response = await call(world, method, path, body, version)
    assert response.status_code < 300, response.text
    return response.json()


# --- setups: the record a door changes, with the event its date answers ----------------------


async def guide_offered(world: World) -> Target:
    guide = await created(world, "POST", "/v1/guides", guide_offer(world, EVENT))
    return Target({"id": guide["id"]}, guide["version"], EVENT)


async def guide_accepted(world: World) -> Target:
    guide = await created(world, "POST", "/v1/guides", guide_offer(world, EVENT - timedelta(days=2)))
    accepted = await created(world, "POST", f"/v1/guides/{guide['id']}/accept", {"on": EVENT.isoformat()}, 1)
    return Target({"id": guide["id"]}, accepted["version"], EVENT)


async def guide_active(world: World) -> Target:
    guide = await created(world, "POST", "/v1/guides", guide_offer(world, EVENT - timedelta(days=4)))
    url = f"/v1/guides/{guide['id']}"
    await created(world, "POST", f"{url}/accept", {"on": (EVENT - timedelta(days=2)).isoformat()}, 1)
    active = await created(world, "POST", f"{url}/activate", {"on": EVENT.isoformat()}, 2)
    return Target({"id": guide["id"]}, active["version"], EVENT)


async def case_opened(world: World) -> Target:
    case = await created(world, "POST", "/v1/cases", case_body(world, opened_on=EVENT.isoformat()))
    return Target({"id": case["id"]}, case["version"])


async def network_meeting(world: World) -> Target:
    row = await created(world, "POST", "/v1/network-meetings", meeting_body(world, EVENT))
    return Target({"id": row["id"]}, row["version"])


async def absence_record(world: World) -> Target:
    row = await created(world, "POST", "/v1/absence", absence_body(world))
    return Target({"id": row["id"]}, row["version"], EVENT)


async def transition_form(world: World) -> Target:
    form = await created(world, "POST", "/v1/transition-forms", form_body(world, EVENT))
    return Target({"id": form["id"]}, form["version"], EVENT)


async def youth_plan(world: World) -> Target:
    row = await created(world, "POST", "/v1/youth-plans", youth_plan_body(world, EVENT))
    return Target({"id": row["id"]}, row["version"])


async def aftercare_decision(world: World) -> Target:
    row = await created(world, "POST", "/v1/aftercare-decisions", aftercare_body(world, EVENT))
    return Target({"id": row["id"]}, row["version"])


async def team(world: World) -> Target:
    lead = {
        "sub": "raadgiver-bfu",
        "name": "Rådgiver Bente",
        "department": "BFU",
        "role": "Rådgiver",
        "lead": True,
    }
    row = await created(world, "POST", "/v1/teams", {"youth_id": world.youth_id, "members": [lead]})
    return Target({"id": row["id"]}, row["version"])


async def plan_made(world: World) -> Target:
    plan = await created(
        world, "POST", "/v1/plans", {"youth_id": world.youth_id, "started_on": EVENT.isoformat()}
    )
    return Target({"id": plan["id"]}, plan["version"], EVENT)


async def plan_to_change(world: World) -> Target:
    """A plan whose change answers no event of its own (R4's warning may precede the plan)."""
    made = await plan_made(world)
    return Target(made.params, made.version)


async def plan_interrupted(world: World) -> Target:
    made = await plan_made(world)
    body = {"status": "interrupted", "status_reason": "Stoppet på FGU.", "interrupted_on": EVENT.isoformat()}
    plan = await created(world, "PATCH", f"/v1/plans/{made.params['id']}", body, made.version)
    return Target(made.params, plan["version"], EVENT)


async def jobcentre_case(world: World) -> Target:
    """R24: the youth's jobcentre case an education order's body names."""
    case = await created(
        world, "POST", "/v1/cases", case_body(world, department_code="ARB", kind="employment")
    )
    world.case_id = case["id"]
    return Target()


async def education_order_assessed(world: World) -> Target:
    await jobcentre_case(world)
    row = await created(world, "POST", "/v1/education-orders", assessment(world, EVENT))
    return Target({"id": row["id"]}, row["version"])


async def education_order_made(world: World) -> Target:
    await jobcentre_case(world)
    body = {**assessment(world, EVENT), "outcome": "ordered", "proposal_due_on": TODAY.isoformat(),
            "application_due_on": (TODAY + timedelta(days=10)).isoformat()}  # fmt: skip
    row = await created(world, "POST", "/v1/education-orders", body)
    return Target({"id": row["id"]}, row["version"], EVENT)


# --- body builders ---------------------------------------------------------------------------


def guide_offer(world: World, day: date) -> dict[str, Any]:
    return {
        "youth_id": world.youth_id,
        "guide": {"sub": "g1", "name": "Guide En"},
        "offered_on": day.isoformat(),
    }


def case_body(world: World, **fields: Any) -> dict[str, Any]:
    return {"youth_id": world.youth_id, "department_code": "BFU", "kind": "preventive", **fields}


def meeting_body(world: World, day: date) -> dict[str, Any]:
    return {"youth_id": world.youth_id, "held_on": day.isoformat(), "title": "Netværksmøde", "frame": FRAME}


def absence_body(world: World, **fields: Any) -> dict[str, Any]:
    return {
        "youth_id": world.youth_id,
        "school_name": "Nordbyskolen",
        "period_from": EVENT.isoformat(),
        "period_to": (TODAY - timedelta(days=1)).isoformat(),
        "lawful_pct": 2.0,
        "unlawful_pct": 16.0,
        "sick_pct": 1.0,
        **fields,
    }


def youth_plan_body(world: World, day: date) -> dict[str, Any]:
    return {"youth_id": world.youth_id, "made_on": day.isoformat(), "youth_involved": True,
            "parents_involved": True, "goals": "Gennemføre 10. klasse."}  # fmt: skip


def aftercare_body(world: World, day: date, **fields: Any) -> dict[str, Any]:
    return {"youth_id": world.youth_id, "decided_on": day.isoformat(), "outcome": "refused", **fields}


def team_meeting_body(world: World, day: date) -> dict[str, Any]:
    return {"held_on": day.isoformat(), "youth_present": True, "parents_present": False, "frame": FRAME}


def interruption(world: World, day: date) -> dict[str, Any]:
    return {"status": "interrupted", "status_reason": "Stoppet på FGU.", "interrupted_on": day.isoformat()}


def form_body(world: World, day: date) -> dict[str, Any]:
    return {"youth_id": world.youth_id, "support_hours_per_week": 12, "updated_on": day.isoformat()}


def assessment(world: World, day: date) -> dict[str, Any]:
    return {
        "youth_id": world.youth_id,
        "case_id": world.case_id,
        "outcome": "not_ordered",
        "assessed_on": day.isoformat(),
    }


def on(world: World, day: date) -> dict[str, Any]:
    return {"on": day.isoformat()}


def only(name: str) -> Callable[[World, date], dict[str, Any]]:
    return lambda world, day: {name: day.isoformat()}


SECTIONS = {
    "support_need": "Bostøtte.",
    "education": "STU.",
    "employment": "Ikke aktuelt.",
    "income_basis": "Førtidspension.",
    "housing": "Bofællesskab.",
    "social_conditions": "Tæt på forældrene.",
}


async def referral_to_fgu(world: World) -> Target:
    body = {"youth_id": world.youth_id, "referred_on": EVENT.isoformat()}
    row = await created(world, "POST", "/v1/target-group-assessments", body)
    return Target({"id": row["id"]}, row["version"], EVENT)


async def referral_to_fgu_to_correct(world: World) -> Target:
    return await referral_to_fgu(world)


async def assessment_started(world: World) -> Target:
    body = {"youth_id": world.youth_id, "started_on": EVENT.isoformat(), **SECTIONS}
    row = await created(world, "POST", "/v1/disability-transition-assessments", body)
    return Target({"id": row["id"]}, row["version"], EVENT)


async def assessment_to_correct(world: World) -> Target:
    return await assessment_started(world)


async def absence_notified(world: World) -> Target:
    body = absence_body(world, municipality_notified_on=EVENT.isoformat())
    row = await created(world, "POST", "/v1/absence", body)
    return Target({"id": row["id"]}, row["version"], EVENT)


def assessed(world: World, day: date) -> dict[str, Any]:
    return {"assessed_on": day.isoformat(), "fgu_target_group": True}


def benefit_decided(world: World, day: date) -> dict[str, Any]:
    return {
        "child_benefit_outcome": "stopped",
        "child_benefit_decided_on": day.isoformat(),
        "child_benefit_decided_by": "Udbetaling Danmark",
    }


DOORS: list[Door] = [
    # guides: the offer, and each step answering the one before (R7, R8)
    Door("POST", "/v1/guides", "offered_on", guide_offer),
    Door("POST", "/v1/guides/{id}/accept", "on", on, guide_offered),
    Door("POST", "/v1/guides/{id}/decline", "on", on, guide_offered),
    Door("POST", "/v1/guides/{id}/activate", "on", on, guide_accepted),
    Door("POST", "/v1/guides/{id}/end", "on", on, guide_active),
    # cases: create, PATCH, PUT by external reference (imports below)
    Door("POST", "/v1/cases", "opened_on", lambda w, d: case_body(w, opened_on=d.isoformat())),
    Door(
        "POST",
        "/v1/cases",
        "closed_on",
        lambda w, d: case_body(w, opened_on=EVENT.isoformat(), closed_on=d.isoformat()),
    ),
    Door("PATCH", "/v1/cases/{id}", "opened_on", only("opened_on"), case_opened),
    Door("PATCH", "/v1/cases/{id}", "closed_on", only("closed_on"), case_opened),
    Door(
        "PUT",
        "/v1/cases/by-external/sbsys/DOOR-1",
        "opened_on",
        lambda w, d: case_body(w, opened_on=d.isoformat()),
    ),
    Door(
        "PUT",
        "/v1/cases/by-external/sbsys/DOOR-2",
        "closed_on",
        lambda w, d: case_body(w, opened_on=EVENT.isoformat(), closed_on=d.isoformat()),
    ),
    # network meetings
    Door("POST", "/v1/network-meetings", "held_on", meeting_body),
    Door("PATCH", "/v1/network-meetings/{id}", "held_on", only("held_on"), network_meeting),
    # plans: the day the plan was made
    Door(
        "POST", "/v1/plans", "started_on", lambda w, d: {"youth_id": w.youth_id, "started_on": d.isoformat()}
    ),
    # absence: R22's steps answer the period's absence
    *(
        Door("POST", "/v1/absence", name, lambda w, d, name=name: absence_body(w, **{name: d.isoformat()}))
        for name in ("parents_warned_on", "municipality_notified_on")
    ),
    *(
        Door("PATCH", "/v1/absence/{id}", name, only(name), absence_record)
        for name in ("parents_warned_on", "municipality_notified_on")
    ),
    *(
        Door(
            "PUT",
            "/v1/absence/by-external/elevsys/DOOR-1",
            name,
            lambda w, d, name=name: absence_body(w, **{name: d.isoformat()}),
        )
        for name in ("parents_warned_on", "municipality_notified_on")
    ),
    # plans: the day the youth left the plan (after it was made), the contact after it (R5)
    Door("PATCH", "/v1/plans/{id}", "interrupted_on", interruption, plan_made),
    Door("PATCH", "/v1/plans/{id}", "dropout_contact_on", only("dropout_contact_on"), plan_interrupted),
    # plans: the day the ungeydelse warning was given (R4); it may precede the plan's writing
    Door(
        "POST",
        "/v1/plans",
        "ungeydelse_warning_on",
        lambda w, d: {"youth_id": w.youth_id, "ungeydelse_warning_on": d.isoformat()},
    ),
    Door("PATCH", "/v1/plans/{id}", "ungeydelse_warning_on", only("ungeydelse_warning_on"), plan_to_change),
    # youth plans and aftercare decisions (R19, R20): made, decided, the plan revised
    Door("POST", "/v1/youth-plans", "made_on", youth_plan_body),
    Door("PATCH", "/v1/youth-plans/{id}", "made_on", only("made_on"), youth_plan),
    Door("POST", "/v1/aftercare-decisions", "decided_on", aftercare_body),
    Door("PATCH", "/v1/aftercare-decisions/{id}", "decided_on", only("decided_on"), aftercare_decision),
    Door(
        "POST",
        "/v1/aftercare-decisions",
        "youth_plan_revised_on",
        lambda w, d: aftercare_body(w, EVENT, youth_plan_revised_on=d.isoformat()),
    ),
    Door(
        "PATCH",
        "/v1/aftercare-decisions/{id}",
        "youth_plan_revised_on",
        only("youth_plan_revised_on"),
        aftercare_decision,
    ),
    # team meetings (R17): recorded once held
    Door("POST", "/v1/teams/{id}/meetings", "held_on", team_meeting_body, team),
    # education orders (R24): the assessment, and the youth's proposal and application after the order
    Door("POST", "/v1/education-orders", "assessed_on", assessment, jobcentre_case),
    Door("PATCH", "/v1/education-orders/{id}", "assessed_on", only("assessed_on"), education_order_assessed),
    Door("PATCH", "/v1/education-orders/{id}", "proposed_on", only("proposed_on"), education_order_made),
    Door("PATCH", "/v1/education-orders/{id}", "applied_on", only("applied_on"), education_order_made),
    # transition forms: the day the update really happened, after the previous version's
    Door("POST", "/v1/transition-forms", "updated_on", form_body),
    Door("PATCH", "/v1/transition-forms/{id}", "updated_on", only("updated_on"), transition_form),
    # R6: the referral to FGU and the assessment, not before the referral
    Door(
        "POST",
        "/v1/target-group-assessments",
        "referred_on",
        lambda w, d: {"youth_id": w.youth_id, "referred_on": d.isoformat()},
    ),
    Door(
        "POST",
        "/v1/target-group-assessments",
        "assessed_on",
        lambda w, d: {"youth_id": w.youth_id, **assessed(w, d)},
    ),
    Door(
        "PATCH",
        "/v1/target-group-assessments/{id}",
        "referred_on",
        only("referred_on"),
        referral_to_fgu_to_correct,
    ),
    Door("PATCH", "/v1/target-group-assessments/{id}", "assessed_on", assessed, referral_to_fgu),
    # R21: started, and completed not before the start
    Door(
        "POST",
        "/v1/disability-transition-assessments",
        "started_on",
        lambda w, d: {"youth_id": w.youth_id, "started_on": d.isoformat()},
    ),
    Door(
        "POST",
        "/v1/disability-transition-assessments",
        "completed_on",
        lambda w, d: {
            "youth_id": w.youth_id,
            "started_on": (d - timedelta(days=1)).isoformat(),
            "completed_on": d.isoformat(),
            **SECTIONS,
        },
    ),
    Door(
        "PATCH",
        "/v1/disability-transition-assessments/{id}",
        "started_on",
        only("started_on"),
        assessment_to_correct,
    ),
    Door(
        "PATCH",
        "/v1/disability-transition-assessments/{id}",
        "completed_on",
        only("completed_on"),
        assessment_started,
    ),
    # R22's follow-up: its steps answer the notification; back at school and the contact person's
    # contact answer the period
    *(
        Door("PATCH", "/v1/absence/{id}", name, only(name), absence_notified)
        for name in ("parents_heard_on", "child_heard_on", "back_at_school_on", "guide_contacted_on")
    ),
    Door("PATCH", "/v1/absence/{id}", "child_benefit_decided_on", benefit_decided, absence_notified),
]
# Creating doors whose date answers an event carried in the same body.
EVENT_IN_BODY = {("POST", "/v1/absence"), ("PUT", "/v1/absence/by-external/elevsys/DOOR-1")}


def answers_an_event(door: Door) -> bool:
    answered = (
        referral_to_fgu,
        assessment_started,
        absence_notified,
        guide_offered,
        guide_accepted,
        guide_active,
        absence_record,
        transition_form,
        plan_made,
        plan_interrupted,
        education_order_made,
    )
    return door.setup in answered or ((door.method, door.path) in EVENT_IN_BODY)


@pytest.fixture
async def world(client, auth) -> World:
    admin = auth("admin", "BFU")
    assert (await client.post("/v1/settings/seed", headers=admin)).status_code == 200
    birth = born(15, 30)
    body = {"cpr": synthetic_cpr(birth.strftime("%d%m%y"), 4 if 2000 <= birth.year <= 2036 else 0),
            "given_name": "Testa", "family_name": "Eksempelsen"}  # fmt: skip
    response = await client.post("/v1/youth", json=body, headers=admin)
    assert response.status_code == 201, response.text
    return World(client, admin, response.json()["id"])


async def knock(world: World, door: Door, day: date) -> httpx.Response:
    target = await door.setup(world)
    return await call(
        world, door.method, door.path.format(**target.params), door.body(world, day), target.version
    )


def refused(response: httpx.Response, code: str, door: Door) -> bool:
    body = response.json()
    return (
        response.status_code == 422
        and body["code"] == code
        and [(e["loc"], e["code"]) for e in body["errors"]] == [(["body", door.field], code)]
    )


@pytest.mark.parametrize("door", DOORS, ids=lambda d: d.id)
class NotInTheFuture:
    async def test_yesterday_is_accepted(self, world, door) -> None:
        response = await knock(world, door, TODAY - timedelta(days=1))
        assert response.status_code < 300, response.text

    async def test_today_is_accepted(self, world, door) -> None:
        response = await knock(world, door, TODAY)
        assert response.status_code < 300, response.text

    async def test_tomorrow_is_refused(self, world, door) -> None:
        response = await knock(world, door, TODAY + timedelta(days=1))
        assert refused(response, "date.in_future", door), response.text


@pytest.mark.parametrize("door", [d for d in DOORS if answers_an_event(d)], ids=lambda d: d.id)
class NotBeforeTheEventItAnswers:
    async def test_the_day_before_the_event_is_refused(self, world, door) -> None:
        response = await knock(world, door, EVENT - timedelta(days=1))
        assert refused(response, "date.before_event", door), response.text
        assert (
            response.json()["errors"][0]["message"] == f"The date can be {EVENT.isoformat()} at the earliest."
        )

    async def test_the_event_s_own_day_is_accepted(self, world, door) -> None:
        response = await knock(world, door, EVENT)
        assert response.status_code < 300, response.text

    async def test_the_day_after_the_event_is_accepted(self, world, door) -> None:
        response = await knock(world, door, EVENT + timedelta(days=1))
        assert response.status_code < 300, response.text


# --- bulk import (the HTTP door; the CLI runs the same service) -------------------------------


@dataclass(frozen=True)
class ImportDoor:
    kind: str
    field: str
    text: Callable[[World, date], str]
    answers: bool = False

    @property
    def id(self) -> str:
        return f"import {self.kind} {self.field}"


def case_csv(column: str) -> Callable[[World, date], str]:
    def text(world: World, day: date) -> str:
        opened = day if column == "opened_on" else EVENT
        closed = day.isoformat() if column == "closed_on" else ""
        return (
            "youth_id;department_code;kind;opened_on;closed_on;external_system;external_id\n"
            f"{world.youth_id};BFU;preventive;{opened.isoformat()};{closed};sbsys;IMPORT-1\n"
        )

    return text


def absence_csv(column: str) -> Callable[[World, date], str]:
    def text(world: World, day: date) -> str:
        period_to = (TODAY - timedelta(days=1)).isoformat()
        return (
            f"youth_id;school_name;period_from;period_to;lawful_pct;unlawful_pct;sick_pct;{column}\n"
            f"{world.youth_id};Nordbyskolen;{EVENT.isoformat()};{period_to};2;16;1;{day.isoformat()}\n"
        )

    return text


IMPORT_DOORS = [
    ImportDoor("cases", "opened_on", case_csv("opened_on")),
    ImportDoor("cases", "closed_on", case_csv("closed_on")),
    ImportDoor("absence", "parents_warned_on", absence_csv("parents_warned_on"), answers=True),
    ImportDoor("absence", "municipality_notified_on", absence_csv("municipality_notified_on"), answers=True),
]


async def imported(world: World, door: ImportDoor, day: date, auth) -> list[tuple[int, str | None, str]]:
    headers = auth("integration", "BFU")
    job = await post_import(world.client, headers, door.text(world, day), kind=door.kind, mode="valid_rows")
    assert job["status"] == "completed", job
    return [(p["line"], p["field"], p["code"]) for p in job["report"]]


@pytest.mark.parametrize("door", IMPORT_DOORS, ids=lambda d: d.id)
class ImportRows:
    async def test_yesterday_and_today_are_imported(self, world, door, auth) -> None:
        assert await imported(world, door, TODAY - timedelta(days=1), auth) == []
        assert await imported(world, door, TODAY, auth) == []

    async def test_tomorrow_is_refused(self, world, door, auth) -> None:
        assert await imported(world, door, TODAY + timedelta(days=1), auth) == [
            (2, door.field, "date.in_future")
        ]

    async def test_before_the_event_it_answers(self, world, door, auth) -> None:
        if not door.answers:
            pytest.skip("this date answers no earlier event")
        assert await imported(world, door, EVENT - timedelta(days=1), auth) == [
            (2, door.field, "date.before_event")
        ]
        assert await imported(world, door, EVENT, auth) == []


# --- the reproductions, the texts, and what a transition form's versions keep --------


class TestReproductions:
    async def test_a_decline_in_2030_or_before_its_offer_and_an_offer_ahead_are_refused(self, world) -> None:
        target = await guide_offered(world)
        url = f"/v1/guides/{target.params['id']}/decline"
        ahead = await call(world, "POST", url, {"on": "2030-01-01"}, target.version)
        assert refused(ahead, "date.in_future", Door("POST", url, "on", on))
        before = await call(
            world, "POST", url, {"on": (EVENT - timedelta(days=1)).isoformat()}, target.version
        )
        assert refused(before, "date.before_event", Door("POST", url, "on", on))
        offer = await call(world, "POST", "/v1/guides", guide_offer(world, TODAY + timedelta(days=30)))
        assert offer.status_code == 422 and offer.json()["code"] == "date.in_future"

    async def test_a_network_meeting_a_year_ahead_is_refused(self, world) -> None:
        body = meeting_body(world, TODAY + timedelta(days=365))
        response = await call(world, "POST", "/v1/network-meetings", body)
        assert response.status_code == 422 and response.json()["code"] == "date.in_future"

    async def test_danish_texts(self, world) -> None:
        body = meeting_body(world, TODAY + timedelta(days=1))
        response = await world.client.post(
            "/v1/network-meetings", json=body, headers={**world.headers, "Accept-Language": "da"}
        )
        problem = response.json()
        assert problem["title"] == "Dato i fremtiden"
        assert problem["errors"][0]["message"] == f"Datoen kan senest være i dag ({TODAY.isoformat()})."


class TestTransitionFormDates:
    async def test_versions_keep_the_given_days(self, world) -> None:
        first, second = TODAY - timedelta(days=20), TODAY - timedelta(days=3)
        form = await created(world, "POST", "/v1/transition-forms", form_body(world, first))
        assert form["updated_on"] == first.isoformat()
        url = f"/v1/transition-forms/{form['id']}"
        updated = await created(
            world, "PATCH", url, {"notes": "Rettet.", "updated_on": second.isoformat()}, 1
        )
        assert updated["updated_on"] == second.isoformat()
        # Without a day the update happened today; the same day as the previous one is fine.
        today = await created(world, "PATCH", url, {"notes": "Igen."}, 2)
        again = await created(world, "PATCH", url, {"updated_on": TODAY.isoformat()}, 3)
        assert today["updated_on"] == again["updated_on"] == TODAY.isoformat()
        late = await call(world, "PATCH", url, {"updated_on": second.isoformat()}, 4)
        assert refused(late, "date.before_event", Door("PATCH", url, "updated_on", only("updated_on")))
        versions = (await world.client.get(f"{url}/versions", headers=world.headers)).json()["items"]
        assert [(v["number"], v["form"]["updated_on"]) for v in versions] == [
            (1, first.isoformat()),
            (2, second.isoformat()),
            (3, TODAY.isoformat()),
            (4, TODAY.isoformat()),
        ]


class TestCliImport:
    """The CLI runs the same import service as POST /v1/imports, with the same codes."""

    async def test_a_case_closed_tomorrow_is_refused(self, world, auth, muni, database_url, tmp_path) -> None:
        tomorrow, today = TODAY + timedelta(days=1), TODAY
        path = tmp_path / "sager.csv"
        path.write_text(
            "youth_id;department_code;kind;opened_on;closed_on;external_system;external_id\n"
            f"{world.youth_id};BFU;preventive;{EVENT.isoformat()};{tomorrow.isoformat()};sbsys;CLI-1\n"
            f"{world.youth_id};BFU;preventive;{EVENT.isoformat()};{today.isoformat()};sbsys;CLI-2\n",
            encoding="utf-8",
        )
        env = {**os.environ, "UNGEAPI_ENV": "test", "UNGEAPI_DATABASE_URL": database_url}

        def run() -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                cli_command("import", str(path), "--kind", "cases", "--municipality", muni,
                            "--departments", "BFU", "--mode", "valid_rows"),
                capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
            )  # fmt: skip

        done = run()
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert (summary["invalid"], summary["created"]) == (1, 1)
        job = (await world.client.get(f"/v1/imports/{summary['id']}", headers=auth("admin"))).json()
        assert [(p["line"], p["field"], p["code"]) for p in job["report"]] == [
            (2, "closed_on", "date.in_future")
        ]
