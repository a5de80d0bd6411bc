"""R16 on every door that sets or changes a team's first meeting day.

Each door is one row of DOORS: (method, path template, prepare). `prepare` builds what the door
needs for a youth (a team to change, a held meeting with the case on its agenda) and returns the
path parameters, the caller and a body builder taking the first-meeting day. The same cases run
through every door and expect the same answer and code, so the rows can feed a door matrix.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.api.referrals.test_referrals_meetings import decision, held, placed_youth, scheduled, series
from tests.clock import TODAY, years_ago
from ungeapi.youth.rules import date_turning

LATE_TEAM_DAYS = 30  # the default policy
AFTER_17 = "team.first_meeting_after_17"
BEFORE_DECISION = "team.first_meeting_before_decision"
MEMBERS = [
    {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU", "role": "Rådgiver", "lead": True},
    {"department": "SAEH", "role": "Myndighed Handicap"},
]

Body = Callable[[date | None], dict[str, Any]]


@dataclass(frozen=True)
class Env:
    client: httpx.AsyncClient
    auth: Callable[..., dict[str, str]]

    @property
    def caseworker(self) -> dict[str, str]:
        return self.auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")

    @property
    def coordinator(self) -> dict[str, str]:
        return self.auth("coordinator", "BFU", sub="koordinator", name="Koordinator Kim")

    @property
    def chair(self) -> dict[str, str]:
        return self.auth("coordinator", "SAEH", sub="moedeleder", name="Teamleder Hanne")


@dataclass(frozen=True)
class Prepared:
    params: dict[str, str]
    headers: dict[str, str]
    body: Body
    ok: int


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


async def _post_team(env: Env, youth_id: str) -> Prepared:
    """POST /v1/teams: a coordinator composes the team directly, decided today."""
    return Prepared(
        {},
        env.coordinator,
        lambda day: {"youth_id": youth_id, "members": MEMBERS, "first_meeting_on": _iso(day)},
        201,
    )


async def _patch_team(env: Env, youth_id: str) -> Prepared:
    """PATCH /v1/teams/{team_id}: the first meeting of a team composed today is planned later."""
    response = await env.client.post(
        "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=env.coordinator
    )
    assert response.status_code == 201, response.text
    return Prepared(
        {"team_id": response.json()["id"]}, env.coordinator, lambda day: {"first_meeting_on": _iso(day)}, 200
    )


async def _decision(env: Env, youth_id: str) -> Prepared:
    """POST /v1/meetings/{meeting_id}/decisions: the forum composes the team at a meeting held today."""
    meeting = (await series(env.client, env.chair, count=1))[0]
    referral = await scheduled(env.client, env.caseworker, env.chair, youth_id)
    assert referral["meeting_id"] == meeting["id"]
    meeting = await held(env.client, env.chair, meeting, TODAY)
    return Prepared({"meeting_id": meeting["id"]}, env.chair, lambda day: decision(referral["id"], day), 201)


@dataclass(frozen=True)
class Door:
    method: str
    path: str
    prepare: Callable[[Env, str], Awaitable[Prepared]]

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


DOORS = [
    Door("POST", "/v1/teams", _post_team),
    Door("PATCH", "/v1/teams/{team_id}", _patch_team),
    Door("POST", "/v1/meetings/{meeting_id}/decisions", _decision),
]


async def send(env: Env, door: Door, prepared: Prepared, day: date | None) -> httpx.Response:
    url = door.path.format(**prepared.params)
    headers = dict(prepared.headers)
    if door.method == "PATCH":
        current = await env.client.get(url, headers=headers)
        assert current.status_code == 200, current.text
        headers["If-Match"] = current.headers["ETag"]
    return await env.client.request(door.method, url, json=prepared.body(day), headers=headers)


def team_of(door: Door, body: dict[str, Any]) -> dict[str, Any]:
    """The team in the door's answer (a decision holds it under `team`)."""
    return body["team"] if "decisions" in door.path else body



@pytest.fixture
async def env(client, auth) -> Env:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text
    return Env(client, auth)


async def youth(env: Env, born: date) -> str:
    return await placed_youth(env.client, env.auth, env.caseworker, born)


@pytest.mark.parametrize("door", DOORS, ids=lambda d: d.id)
class FirstMeetingOnEveryDoor:
    async def test_after_the_17th_birthday_is_refused_on_it_accepted(self, env: Env, door: Door) -> None:
        born = years_ago(16, 40)
        turns_17 = date_turning(born, 17)
        prepared = await door.prepare(env, await youth(env, born))
        for day in (turns_17 + timedelta(days=395), turns_17 + timedelta(days=1)):  # 13 months; the day after
            response = await send(env, door, prepared, day)
            assert response.status_code == 422, response.text
            assert response.json()["code"] == AFTER_17 and turns_17.isoformat() in response.json()["detail"]
        response = await send(env, door, prepared, turns_17)
        assert response.status_code == prepared.ok, response.text
        team = team_of(door, response.json())
        assert team["first_meeting_on"] == turns_17.isoformat()
        assert team["first_meeting_deadline"] == turns_17.isoformat() and team["decided_late"] is False
        assert team["decided_on"] == TODAY.isoformat()

    async def test_the_day_before_the_17th_birthday_is_accepted(self, env: Env, door: Door) -> None:
        born = years_ago(16, 40)
        day = date_turning(born, 17) - timedelta(days=1)
        prepared = await door.prepare(env, await youth(env, born))
        response = await send(env, door, prepared, day)
        assert response.status_code == prepared.ok, response.text
        assert team_of(door, response.json())["first_meeting_on"] == day.isoformat()

    async def test_already_17_gets_late_team_days_from_today(self, env: Env, door: Door) -> None:
        prepared = await door.prepare(env, await youth(env, years_ago(17, 10)))
        deadline = TODAY + timedelta(days=LATE_TEAM_DAYS)
        response = await send(env, door, prepared, deadline + timedelta(days=1))
        assert response.status_code == 422 and response.json()["code"] == AFTER_17, response.text
        assert deadline.isoformat() in response.json()["detail"]
        response = await send(env, door, prepared, deadline)
        assert response.status_code == prepared.ok, response.text
        team = team_of(door, response.json())
        assert team["decided_late"] is True and team["first_meeting_deadline"] == deadline.isoformat()

    async def test_never_before_the_day_the_team_is_decided(self, env: Env, door: Door) -> None:
        prepared = await door.prepare(env, await youth(env, years_ago(16, 40)))
        response = await send(env, door, prepared, TODAY - timedelta(days=1))
        assert response.status_code == 422 and response.json()["code"] == BEFORE_DECISION, response.text
        response = await send(env, door, prepared, TODAY)
        assert response.status_code == prepared.ok, response.text


class TestPatchTeam:
    async def test_moves_and_clears_the_first_meeting_with_if_match(self, env: Env) -> None:
        born = years_ago(16, 40)
        prepared = await _patch_team(env, await youth(env, born))
        url = f"/v1/teams/{prepared.params['team_id']}"
        missing = await env.client.patch(
            url, json={"first_meeting_on": TODAY.isoformat()}, headers=env.coordinator
        )
        assert missing.status_code == 428
        stale = await env.client.patch(
            url, json={"first_meeting_on": TODAY.isoformat()}, headers={**env.coordinator, "If-Match": '"99"'}
        )
        assert stale.status_code == 412
        moved = await send(env, DOORS[1], prepared, TODAY + timedelta(days=7))
        assert moved.status_code == 200 and moved.json()["version"] == 2
        assert moved.headers["ETag"].startswith('"2-')
        cleared = await send(env, DOORS[1], prepared, None)
        assert cleared.status_code == 200 and cleared.json()["first_meeting_on"] is None
        unknown = await env.client.patch(
            url, json={"lead": "x"}, headers={**env.coordinator, "If-Match": '"3"'}
        )
        assert unknown.status_code == 422

    async def test_the_database_keeps_the_window_too(self, env: Env, admin_db) -> None:
        prepared = await _patch_team(env, await youth(env, years_ago(16, 40)))
        team_id = __import__("uuid").UUID(prepared.params["team_id"])
        with pytest.raises(Exception, match="first_meeting_in_window"):
            await admin_db.execute(
                "UPDATE coordinating_team SET first_meeting_on = first_meeting_deadline + 1 WHERE id = $1",
                team_id,
            )
        with pytest.raises(Exception, match="first_meeting_in_window"):
            await admin_db.execute(
                "UPDATE coordinating_team SET first_meeting_on = decided_on - 1 WHERE id = $1", team_id
            )
