"""A coordination meeting's decisions on every door (§8.1).

Decisions only for a meeting held today or earlier; a meeting with recorded decisions cannot
move (PATCH of its start) or be cancelled (DELETE), on the API and in the database. DOORS lists
the writes that change a meeting's day, as (method, path template, body builder), for a door matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.api.referrals.test_referrals_meetings import (
    at_nine,
    decision,
    held,
    placed_youth,
    scheduled,
    series,
    years_ago,
)
from tests.clock import TODAY

NOT_HELD = "meeting.not_held"
HAS_DECISIONS = "meeting.has_decisions"


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


@pytest.fixture
def chair(auth):
    return auth("coordinator", "SAEH", sub="moedeleder", name="Teamleder Hanne")


async def on_agenda(client, auth, caseworker, chair) -> tuple[dict, dict]:
    """A meeting tomorrow with one case on its agenda: (meeting, referral)."""
    meeting = (await series(client, chair, count=1))[0]
    youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
    referral = await scheduled(client, caseworker, chair, youth_id)
    assert referral["meeting_id"] == meeting["id"]
    return meeting, referral


async def decided(client, auth, caseworker, chair) -> tuple[dict, dict]:
    """A meeting held today with a recorded decision: (meeting, decision)."""
    meeting, referral = await on_agenda(client, auth, caseworker, chair)
    meeting = await held(client, chair, meeting)
    response = await client.post(
        f"/v1/meetings/{meeting['id']}/decisions",
        json=decision(referral["id"], TODAY + timedelta(days=20)),
        headers=chair,
    )
    assert response.status_code == 201, response.text
    return meeting, response.json()


# The writes that move or remove a meeting: (method, path template, body builder).
DOORS: list[tuple[str, str, Callable[[dict], Any]]] = [
    ("PATCH", "/v1/meetings/{id}", lambda meeting: {"starts_at": at_nine(TODAY + timedelta(days=3))}),
    ("DELETE", "/v1/meetings/{id}", lambda meeting: None),
]


class DecisionNeedsAHeldMeeting:
    @pytest.mark.parametrize(
        ("offset", "status", "code"),
        [(1, 409, NOT_HELD), (0, 201, None), (-1, 201, None)],
        ids=["tomorrow", "today", "yesterday"],
    )
    async def test_by_the_meeting_day(
        self, client, auth, seeded, caseworker, chair, offset: int, status: int, code: str | None
    ) -> None:
        meeting, referral = await on_agenda(client, auth, caseworker, chair)
        day = TODAY + timedelta(days=offset)
        if offset != 1:
            meeting = await held(client, chair, meeting, day)
        response = await client.post(
            f"/v1/meetings/{meeting['id']}/decisions",
            json=decision(referral["id"], TODAY + timedelta(days=20)),
            headers=chair,
        )
        assert response.status_code == status, response.text
        if code is not None:
            assert response.json()["code"] == code and day.isoformat() in response.json()["detail"]
            read = (await client.get(f"/v1/referrals/{referral['id']}", headers=caseworker)).json()
            assert read["state"] == "scheduled"  # nothing written
        else:
            # The decision carries the meeting's day: never before it, never in the future.
            assert response.json()["decided_on"] == day.isoformat()
            assert response.json()["team"]["decided_on"] == day.isoformat()

    async def test_danish_text(self, client, auth, seeded, caseworker, chair) -> None:
        meeting, referral = await on_agenda(client, auth, caseworker, chair)
        response = await client.post(
            f"/v1/meetings/{meeting['id']}/decisions",
            json=decision(referral["id"], TODAY + timedelta(days=20)),
            headers={**chair, "Accept-Language": "da"},
        )
        assert response.status_code == 409 and response.json()["title"] == "Mødet er ikke holdt endnu"


class AMeetingWithDecisionsStays:
    @pytest.mark.parametrize(("method", "path", "body"), DOORS, ids=[f"{m} {p}" for m, p, _ in DOORS])
    async def test_refused_with_decisions(
        self, client, auth, seeded, caseworker, chair, method, path, body
    ) -> None:
        meeting, _ = await decided(client, auth, caseworker, chair)
        url = path.format(id=meeting["id"])
        headers = {**chair, "If-Match": f'"{meeting["version"]}"'}
        response = await client.request(method, url, json=body(meeting), headers=headers)
        assert response.status_code == 409 and response.json()["code"] == HAS_DECISIONS, response.text
        after = (await client.get(url, headers=chair)).json()
        assert after["starts_at"] == meeting["starts_at"] and after["version"] == meeting["version"]

    @pytest.mark.parametrize(("method", "path", "body"), DOORS, ids=[f"{m} {p}" for m, p, _ in DOORS])
    async def test_allowed_without_decisions(
        self, client, auth, seeded, caseworker, chair, method, path, body
    ) -> None:
        meeting, referral = await on_agenda(client, auth, caseworker, chair)
        url = path.format(id=meeting["id"])
        headers = {**chair, "If-Match": f'"{meeting["version"]}"'}
        response = await client.request(method, url, json=body(meeting), headers=headers)
        assert response.status_code in (200, 204), response.text
        read = (await client.get(f"/v1/referrals/{referral['id']}", headers=caseworker)).json()
        if method == "DELETE":
            # Cancelled: the case goes back to be placed on another meeting.
            assert (await client.get(url, headers=chair)).status_code == 404
            assert read["state"] == "submitted" and read["meeting_id"] is None
        else:
            moved_to = datetime.fromisoformat(response.json()["starts_at"])
            assert moved_to == datetime.fromisoformat(body(meeting)["starts_at"])
            assert read["state"] == "scheduled" and read["meeting_id"] == meeting["id"]

    async def test_other_details_can_still_be_corrected(
        self, client, auth, seeded, caseworker, chair
    ) -> None:
        meeting, _ = await decided(client, auth, caseworker, chair)
        url = f"/v1/meetings/{meeting['id']}"
        headers = {**chair, "If-Match": f'"{meeting["version"]}"'}
        same_start = await client.patch(
            url, json={"location": "Mødelokale 3", "starts_at": meeting["starts_at"]}, headers=headers
        )
        assert same_start.status_code == 200, same_start.text
        assert same_start.json()["location"] == "Mødelokale 3"

    async def test_cancel_needs_if_match(self, client, auth, seeded, caseworker, chair) -> None:
        meeting, _ = await on_agenda(client, auth, caseworker, chair)
        url = f"/v1/meetings/{meeting['id']}"
        assert (await client.delete(url, headers=chair)).status_code == 428
        assert (await client.delete(url, headers={**chair, "If-Match": '"9"'})).status_code == 412
        assert (
            await client.delete(url, headers={**auth("caseworker", "BFU"), "If-Match": '"1"'})
        ).status_code == 403

    async def test_the_database_keeps_a_decided_meeting_in_place(
        self, client, auth, seeded, caseworker, chair, admin_db
    ) -> None:
        meeting, made = await decided(client, auth, caseworker, chair)
        meeting_id = __import__("uuid").UUID(meeting["id"])
        with pytest.raises(Exception, match="cannot move"):
            await admin_db.execute(
                "UPDATE forum_meeting SET starts_at = starts_at + interval '1 day' WHERE id = $1", meeting_id
            )
        with pytest.raises(Exception, match="foreign key"):
            await admin_db.execute("DELETE FROM forum_meeting WHERE id = $1", meeting_id)
        with pytest.raises(Exception, match="first_meeting_after_decision"):
            await admin_db.execute(
                "INSERT INTO meeting_decision (municipality_code, meeting_id, agenda_item_id, referral_id,"
                " youth_id, decided_on, documentation_needed, first_team_meeting_on, first_meeting_deadline,"
                " recorded_by_sub, recorded_by_name)"
                " SELECT municipality_code, meeting_id, gen_random_uuid(), referral_id, youth_id, decided_on,"
                " false, decided_on - 1, decided_on + 10, 'x', 'x' FROM meeting_decision WHERE id = $1",
                __import__("uuid").UUID(made["id"]),
            )
