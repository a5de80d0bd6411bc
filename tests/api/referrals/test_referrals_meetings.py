"""Referrals, coordination meetings, agendas and decisions through HTTP (R13-R16, R18; seed S4)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.youth.rules import date_turning

CPH = ZoneInfo("Europe/Copenhagen")
PLACED = "Anbragt i plejefamilie siden 2022; forventes at have brug for bostøtte efter 18."


def years_ago(years: int, days: int = 0) -> date:
    """The birth date of someone who turned `years` `days` days ago (never 29 February)."""
    born = TODAY - timedelta(days=days)
    if born.month == 2 and born.day == 29:
        born -= timedelta(days=1)
    return born.replace(year=born.year - years)


def at_nine(day: date) -> str:
    return datetime.combine(day, time(9, 0), tzinfo=CPH).isoformat()


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


@pytest.fixture
def chair(auth):
    """The chair (mødeleder) is a coordinator from SÆH: no case of their own opens the youth."""
    return auth("coordinator", "SAEH", sub="moedeleder", name="Teamleder Hanne")


async def new_youth(client, auth, born: date, given_name: str = "Testa") -> str:
    digit = 4 if 2000 <= born.year <= 2036 else 0
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), digit),
        "given_name": given_name,
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def placed_youth(client, auth, caseworker, born: date, given_name: str = "Testa") -> str:
    youth_id = await new_youth(client, auth, born, given_name)
    body = {
        "youth_id": youth_id,
        "department_code": "BFU",
        "kind": "placement",
        "opened_on": f"{TODAY.year - 1}-01-06",
    }
    response = await client.post("/v1/cases", json=body, headers=caseworker)
    assert response.status_code == 201, response.text
    return youth_id


async def series(
    client, chair, count: int = 3, capacity: int = 60, forum: str = "coordination"
) -> list[dict]:
    body = {
        "forum": forum,
        "first_starts_at": at_nine(TODAY + timedelta(days=1)),
        "count": count,
        "chair": {"sub": "moedeleder", "name": "Teamleder Hanne", "department": "BFU"},
        "participants": [
            {"name": "Teamleder BFU", "department": "BFU", "role": "Teamleder"},
            {"name": "Faglig konsulent", "department": "SAEH", "role": "Myndighed Handicap"},
        ],
        "capacity_minutes": capacity,
        "location": "Rådhuset, mødelokale 2",
    }
    response = await client.post("/v1/meetings/series", json=body, headers=chair)
    assert response.status_code == 201, response.text
    return response.json()["items"]


async def held(client, chair, meeting: dict, day: date = TODAY) -> dict:
    """Moves a meeting to `day` at nine: cases are placed before a meeting, decided at it."""
    response = await client.patch(
        f"/v1/meetings/{meeting['id']}",
        json={"starts_at": at_nine(day)},
        headers={**chair, "If-Match": f'"{meeting["version"]}"'},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def refer(client, headers, youth_id: str, **fields) -> dict:
    body = {"youth_id": youth_id, "category": "placed", "summary": PLACED, **fields}
    response = await client.post("/v1/referrals", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def act(client, headers, referral: dict, action: str, **body):
    return await client.post(
        f"/v1/referrals/{referral['id']}/{action}",
        json=body or None,
        headers={**headers, "If-Match": f'"{referral["version"]}"'},
    )


async def submitted(client, caseworker, youth_id: str, **fields) -> dict:
    referral = await refer(client, caseworker, youth_id, **fields)
    response = await act(client, caseworker, referral, "submit")
    assert response.status_code == 200, response.text
    return response.json()


async def scheduled(client, caseworker, chair, youth_id: str, **fields) -> dict:
    referral = await submitted(client, caseworker, youth_id, **fields)
    response = await act(client, chair, referral, "schedule")
    assert response.status_code == 200, response.text
    return response.json()


async def kinds(client, headers, youth_id: str) -> list[str]:
    response = await client.get("/v1/obligations", params={"youth_id": youth_id}, headers=headers)
    assert response.status_code == 200, response.text
    return [o["kind"] for o in response.json()["items"]]


def team(first_meeting_on: date, lead: str = "raadgiver-bfu") -> dict:
    return {
        "members": [
            {"sub": lead, "name": "Rådgiver Bente", "department": "BFU", "role": "Rådgiver", "lead": True},
            {"department": "SAEH", "role": "Sagsbehandler, Myndighed Handicap"},
            {"sub": "ue-vejleder", "name": "UE-vejleder Ulla", "department": "UU", "role": "UE-vejleder"},
        ],
        "first_meeting_on": first_meeting_on.isoformat(),
    }


def decision(referral_id: str, first_meeting_on: date | None, **fields) -> dict:
    body = {
        "referral_id": referral_id,
        "documentation_needed": False,
        "education_perspective": "Ønsker at blive tømrer; FGU som første skridt.",
        "recommended_measures": ["Afklaring af bostøttebehov", "Brobygning til FGU"],
        "income_basis_after_18": "fgu_allowance",
        "housing_need": "housing_support",
        "day_offer_need": "none",
        "lab_measures": ["Mentor"],
        "evaluation": {"preparation": 4, "meeting": 5, "note": "God forberedelse."},
        **fields,
    }
    if first_meeting_on is not None and "team" not in fields:
        body["team"] = team(first_meeting_on)
    return body


class TestHjorringFlow:
    async def test_refer_schedule_decide_conclude(
        self, client, auth, seeded, caseworker, chair, admin_db, muni
    ) -> None:
        born = years_ago(15, 40)
        youth_id = await placed_youth(client, auth, caseworker, born)

        # R13: a 15-year-old with a placement case and no referral is "the forgotten case".
        assert "referral.missing" in await kinds(client, caseworker, youth_id)
        missing = (
            await client.get(
                "/v1/obligations",
                params={"kind": "referral.missing", "youth_id": youth_id},
                headers={**caseworker, "Accept-Language": "da"},
            )
        ).json()["items"]
        assert missing[0]["due_on"] == date_turning(born, 15).isoformat()
        assert missing[0]["responsible_departments"] == ["BFU"]
        assert missing[0]["responsible_subs"] == ["raadgiver-bfu"]
        assert missing[0]["title"].startswith("Indstil den unge til ungekoordineringsmødet")

        meetings = await series(client, chair)
        first, second = meetings[0], meetings[1]
        assert [m["starts_at"][:10] for m in meetings] == [
            (TODAY + timedelta(days=d)).isoformat() for d in (1, 15, 29)
        ]

        # The caseworker refers: a draft does not yet count as a referral.
        referral = await refer(client, caseworker, youth_id)
        assert referral["state"] == "draft" and referral["slot_minutes"] == 15
        assert referral["referrer"] == {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"}
        assert "referral.missing" in await kinds(client, caseworker, youth_id)
        # The chair (a coordinator from another department) does not see a draft.
        assert (await client.get(f"/v1/referrals/{referral['id']}", headers=chair)).status_code == 404

        response = await act(client, caseworker, referral, "submit")
        assert response.status_code == 200, response.text
        referral = response.json()
        assert referral["state"] == "submitted" and referral["submitted_on"] == TODAY.isoformat()
        assert "referral.missing" not in await kinds(client, caseworker, youth_id)

        # The chair schedules it: the next meeting with room, a 15-minute slot.
        response = await act(client, chair, referral, "schedule")
        assert response.status_code == 200, response.text
        referral = response.json()
        assert referral["state"] == "scheduled"
        assert referral["meeting_id"] == first["id"] and referral["slot_minutes"] == 15

        # A complex case takes 30 minutes, after the first one.
        complex_youth = await placed_youth(client, auth, caseworker, years_ago(15, 100), "Kalle")
        complex_referral = await scheduled(client, caseworker, chair, complex_youth, complex=True)
        assert complex_referral["meeting_id"] == first["id"] and complex_referral["slot_minutes"] == 30

        # 45 of 60 minutes are taken: a third 30-minute case is refused on this meeting ...
        third_youth = await placed_youth(client, auth, caseworker, years_ago(16), "Tredje")
        third = await submitted(
            client, caseworker, third_youth, professionals=[{"name": "Lærer Lis", "role": "Klasselærer"}]
        )
        full = await client.post(
            f"/v1/meetings/{first['id']}/agenda", json={"referral_id": third["id"]}, headers=chair
        )
        assert full.status_code == 409 and full.json()["code"] == "meeting.agenda_full"
        # ... and goes to the next meeting with room when no meeting is named.
        moved = await act(client, chair, third, "schedule")
        assert moved.status_code == 200 and moved.json()["meeting_id"] == second["id"]

        # The agenda the chair prints: names, referrer, times from the order, category.
        agenda = (await client.get(f"/v1/meetings/{first['id']}/agenda", headers=chair)).json()
        start = datetime.fromisoformat(first["starts_at"])
        assert [
            (i["youth_name"], i["slot_minutes"], i["category"], i["referrer"]["name"])
            for i in agenda["items"]
        ] == [
            ("Testa Eksempelsen", 15, "placed", "Rådgiver Bente"),
            ("Kalle Eksempelsen", 30, "placed", "Rådgiver Bente"),
        ]
        assert [
            (datetime.fromisoformat(i["starts_at"]), datetime.fromisoformat(i["ends_at"]))
            for i in agenda["items"]
        ] == [
            (start, start + timedelta(minutes=15)),
            (start + timedelta(minutes=15), start + timedelta(minutes=45)),
        ]
        assert agenda["meeting"]["used_minutes"] == 45 and agenda["meeting"]["free_minutes"] == 15
        assert agenda["hidden_items"] == 0 and agenda["items"][0]["age"] == 15

        # The chair records the decision. Not before the meeting is held; then a first team
        # meeting after the 17th birthday is refused.
        turns_17 = date_turning(born, 17)
        url = f"/v1/meetings/{first['id']}/decisions"
        ahead = await client.post(
            url, json=decision(referral["id"], TODAY + timedelta(days=30)), headers=chair
        )
        assert ahead.status_code == 409 and ahead.json()["code"] == "meeting.not_held"
        first = await held(client, chair, first)
        late = await client.post(
            url, json=decision(referral["id"], turns_17 + timedelta(days=1)), headers=chair
        )
        assert late.status_code == 422 and late.json()["code"] == "team.first_meeting_after_17"
        assert turns_17.isoformat() in late.json()["detail"]
        # The forum grants nothing: a grant field is refused.
        grant = await client.post(
            url, json={**decision(referral["id"], turns_17), "grant": {"measure": "botilbud"}}, headers=chair
        )
        assert grant.status_code == 422 and grant.json()["errors"][0]["loc"] == ["body", "grant"]
        # A team needs exactly one lead.
        no_lead = decision(
            referral["id"], None, team={**team(turns_17), "members": team(turns_17)["members"][1:]}
        )
        refused = await client.post(url, json=no_lead, headers=chair)
        assert refused.status_code == 422 and refused.json()["code"] == "team.lead_required"

        first_team_meeting = TODAY + timedelta(days=30)
        response = await client.post(url, json=decision(referral["id"], first_team_meeting), headers=chair)
        assert response.status_code == 201, response.text
        decided = response.json()
        assert decided["late"] is False and decided["first_meeting_deadline"] == turns_17.isoformat()
        assert decided["decided_on"] == TODAY.isoformat()
        assert decided["team"]["lead"] == {
            "sub": "raadgiver-bfu",
            "name": "Rådgiver Bente",
            "department": "BFU",
        }
        assert sorted(m["department"] for m in decided["team"]["members"]) == ["BFU", "SAEH", "UU"]
        assert decided["team"]["first_meeting_on"] == first_team_meeting.isoformat()
        assert "grant" not in decided

        read = (await client.get(f"/v1/referrals/{referral['id']}", headers=caseworker)).json()
        assert read["state"] == "concluded"
        again = await client.post(url, json=decision(referral["id"], first_team_meeting), headers=chair)
        assert again.status_code == 409 and again.json()["code"] == "decision.exists"
        # An illegal transition: a concluded referral cannot be resubmitted.
        illegal = await act(client, caseworker, read, "submit")
        assert illegal.status_code == 409 and illegal.json()["code"] == "referral.invalid_transition"

        listed = (await client.get(url, headers=chair)).json()["items"]
        assert [d["id"] for d in listed] == [decided["id"]] and listed[0]["team"]["id"] == decided["team"][
            "id"
        ]
        agenda = (await client.get(f"/v1/meetings/{first['id']}/agenda", headers=chair)).json()
        assert [i["decided"] for i in agenda["items"]] == [True, False]

        # A team member from another department now sees the youth.
        member = auth("guide", "UU", sub="ue-vejleder")
        assert (await client.get(f"/v1/youth/{youth_id}", headers=member)).status_code == 200
        assert (await client.get(f"/v1/youth/{complex_youth}", headers=member)).status_code == 404

        # The calendar feed parses with the library, holds the meetings and no youth's data.
        feed = await client.get("/v1/meetings.ics", params={"forum": "coordination"}, headers=caseworker)
        assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
        calendar = Calendar.from_ical(feed.content)
        events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
        assert set(events) == {m["id"] for m in meetings}
        event = events[first["id"]]
        assert event.decoded("dtstart") == datetime.fromisoformat(first["starts_at"])
        assert str(event["summary"]) == "Ungekoordineringsmøde"
        assert "Sager på dagsordenen: 2" in str(event["description"])
        text = feed.content.decode()
        for secret in ("Testa", "Kalle", "Eksempelsen", born.strftime("%d%m%y"), youth_id):
            assert secret not in text
        assert (
            await client.get("/v1/meetings.ics", params={"forum": "conference"}, headers=caseworker)
        ).status_code == 200

        rows = await admin_db.fetch(
            "SELECT resource_type, action FROM audit_event WHERE municipality_code = $1 AND youth_id = $2 ORDER BY id",
            muni,
            youth_id,
        )
        audited = {(r["resource_type"], r["action"]) for r in rows}
        assert {
            ("referral", "create"),
            ("referral", "submit"),
            ("referral", "schedule"),
            ("agenda_item", "create"),
            ("agenda_item", "read"),
            ("decision", "create"),
            ("referral", "decide"),
            ("team", "create"),
            ("referral", "read"),
            ("decision", "search"),
        } <= audited
        changes = await admin_db.fetch(
            "SELECT resource_type, action FROM change_event WHERE municipality_code = $1 AND youth_id = $2",
            muni,
            youth_id,
        )
        assert {("referral", "state_changed"), ("decision", "created"), ("team", "created")} <= {
            (c["resource_type"], c["action"]) for c in changes
        }
        # The decision is append-only.
        with pytest.raises(Exception, match="append-only"):
            await admin_db.execute("UPDATE meeting_decision SET late = true WHERE id = $1", decided["id"])


class TestRefusals:
    async def test_scope_and_roles(self, client, auth, seeded, caseworker, chair) -> None:
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await refer(client, caseworker, youth_id)
        url = f"/v1/referrals/{referral['id']}"
        assert (await client.get(url, headers=caseworker)).status_code == 200
        # Another municipality, another department: 404, never a leak.
        assert (
            await client.get(url, headers=auth("caseworker", "BFU", municipality="999"))
        ).status_code == 404
        assert (await client.get(url, headers=auth("caseworker", "ARB"))).status_code == 404
        other = await client.post(
            "/v1/referrals",
            json={"youth_id": youth_id, "category": "placed", "summary": "x"},
            headers=auth("caseworker", "ARB"),
        )
        assert other.status_code == 404
        # Wrong role: 403.
        guide = await client.post(
            "/v1/referrals",
            json={"youth_id": youth_id, "category": "placed", "summary": "x"},
            headers=auth("guide", "BFU"),
        )
        assert guide.status_code == 403
        meeting = await client.post(
            "/v1/meetings",
            json={
                "forum": "coordination",
                "starts_at": at_nine(TODAY + timedelta(days=2)),
                "chair": {"sub": "x", "name": "X"},
            },
            headers=caseworker,
        )
        assert meeting.status_code == 403
        # A coordinator of another department sees the youth only while a sent referral is open.
        assert (await client.get(f"/v1/youth/{youth_id}", headers=chair)).status_code == 404
        submitted_referral = (await act(client, caseworker, referral, "submit")).json()
        assert (await client.get(f"/v1/youth/{youth_id}", headers=chair)).status_code == 200
        assert (await client.get(url, headers=chair)).status_code == 200
        # Scheduling and rejecting are the chair's; submitting is the referrer's.
        assert (await act(client, caseworker, submitted_referral, "schedule")).status_code == 403
        assert (await act(client, caseworker, submitted_referral, "reject", reason="Nej")).status_code == 403
        assert (await act(client, chair, submitted_referral, "withdraw", reason="x")).status_code == 200
        assert (await client.get(f"/v1/youth/{youth_id}", headers=chair)).status_code == 404
        assert (await client.get(f"/v1/youth/{youth_id}", headers=auth("guide", "SAEH"))).status_code == 404

    async def test_if_match_open_referral_editing(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await refer(client, caseworker, youth_id)
        url = f"/v1/referrals/{referral['id']}"
        twice = await client.post(
            "/v1/referrals",
            json={"youth_id": youth_id, "category": "placed", "summary": "igen"},
            headers=caseworker,
        )
        assert twice.status_code == 409 and twice.json()["code"] == "referral.open_exists"
        assert (await client.post(f"{url}/submit", headers=caseworker)).status_code == 428
        stale = await client.post(f"{url}/submit", headers={**caseworker, "If-Match": '"9"'})
        assert stale.status_code == 412
        changed = await client.patch(url, json={"complex": True}, headers={**caseworker, "If-Match": '"1"'})
        assert changed.status_code == 200 and changed.json()["slot_minutes"] == 30
        assert changed.headers["etag"].startswith('"2-')
        sent = (await act(client, caseworker, changed.json(), "submit")).json()
        locked = await client.patch(url, json={"complex": False}, headers={**caseworker, "If-Match": '"3"'})
        assert (
            sent["version"] == 3
            and locked.status_code == 409
            and locked.json()["code"] == "referral.not_editable"
        )
        no_reason = await act(client, caseworker, sent, "withdraw")
        assert no_reason.status_code == 422 and no_reason.json()["code"] == "referral.reason_required"
        withdrawn = await act(client, caseworker, sent, "withdraw", reason="Flyttet til anden kommune")
        assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
        # A withdrawn referral no longer counts: the obligation is back.
        assert "referral.missing" in await kinds(client, caseworker, youth_id)
        # ... and a new one may be made.
        assert (await refer(client, caseworker, youth_id))["state"] == "draft"

    async def test_unknown_action_and_conclude_are_not_actions(
        self, client, auth, seeded, caseworker
    ) -> None:
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await refer(client, caseworker, youth_id)
        for action in ("conclude", "grant"):
            response = await act(client, caseworker, referral, action)
            assert response.status_code == 422
        illegal = await act(client, caseworker, referral, "discuss")
        assert illegal.status_code == 403  # the forum's move, and the caseworker is not the forum


class TestAgenda:
    async def test_withdrawing_a_scheduled_referral_frees_its_slot(
        self, client, auth, seeded, caseworker, chair
    ) -> None:
        meeting = (await series(client, chair, count=1, capacity=30))[0]
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await scheduled(client, caseworker, chair, youth_id, complex=True)
        assert referral["meeting_id"] == meeting["id"]
        read = (await client.get(f"/v1/meetings/{meeting['id']}", headers=chair)).json()
        assert read["free_minutes"] == 0 and read["agenda_size"] == 1
        other = await submitted(
            client, caseworker, await placed_youth(client, auth, caseworker, years_ago(16))
        )
        none = await act(client, chair, other, "schedule")
        assert none.status_code == 409 and none.json()["code"] == "meeting.none_available"
        # Capacity cannot shrink below the agenda.
        shrink = await client.patch(
            f"/v1/meetings/{meeting['id']}",
            json={"capacity_minutes": 15},
            headers={**chair, "If-Match": '"1"'},
        )
        assert shrink.status_code == 409 and shrink.json()["code"] == "meeting.capacity_below_agenda"
        withdrawn = await act(client, caseworker, referral, "withdraw", reason="Sagen er lukket")
        assert withdrawn.status_code == 200 and withdrawn.json()["meeting_id"] is None
        read = (await client.get(f"/v1/meetings/{meeting['id']}", headers=chair)).json()
        assert read["free_minutes"] == 30 and read["agenda_size"] == 0
        assert (await act(client, chair, other, "schedule")).json()["meeting_id"] == meeting["id"]

    async def test_the_last_slot_goes_to_one_of_two_concurrent_requests(
        self, client, auth, seeded, caseworker, chair
    ) -> None:
        meeting = (await series(client, chair, count=1, capacity=15))[0]
        referrals = [
            await submitted(
                client, caseworker, await placed_youth(client, auth, caseworker, years_ago(15, d))
            )
            for d in (10, 20)
        ]
        url = f"/v1/meetings/{meeting['id']}/agenda"
        responses = await asyncio.gather(
            *(client.post(url, json={"referral_id": r["id"]}, headers=chair) for r in referrals)
        )
        assert sorted(r.status_code for r in responses) == [201, 409]
        agenda = (await client.get(url, headers=chair)).json()
        assert agenda["meeting"]["used_minutes"] == 15 and len(agenda["items"]) == 1

    async def test_wrong_forum_past_meeting_and_hidden_items(
        self, client, auth, seeded, caseworker, chair
    ) -> None:
        conference = (await series(client, chair, count=1, forum="conference"))[0]
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await submitted(client, caseworker, youth_id)
        wrong = await client.post(
            f"/v1/meetings/{conference['id']}/agenda", json={"referral_id": referral["id"]}, headers=chair
        )
        assert wrong.status_code == 422 and wrong.json()["code"] == "meeting.wrong_forum"
        past = await client.post(
            "/v1/meetings",
            json={
                "forum": "coordination",
                "starts_at": at_nine(TODAY - timedelta(days=1)),
                "chair": {"sub": "moedeleder", "name": "Hanne"},
            },
            headers=chair,
        )
        assert past.status_code == 201 and past.json()["capacity_minutes"] == 120
        held = await client.post(
            f"/v1/meetings/{past.json()['id']}/agenda", json={"referral_id": referral["id"]}, headers=chair
        )
        assert held.status_code == 422 and held.json()["code"] == "meeting.already_held"
        # No future coordination meeting yet.
        assert (await act(client, chair, referral, "schedule")).json()["code"] == "meeting.none_available"
        future = (await series(client, chair, count=1))[0]
        placed = await client.post(
            f"/v1/meetings/{future['id']}/agenda", json={"referral_id": referral["id"]}, headers=chair
        )
        assert placed.status_code == 201 and placed.json()["position"] == 1
        # A caseworker of another department sees the times but not the case.
        arb = auth("caseworker", "ARB")
        agenda = (await client.get(f"/v1/meetings/{future['id']}/agenda", headers=arb)).json()
        assert agenda["items"] == [] and agenda["hidden_items"] == 1
        assert (
            await client.get(
                f"/v1/meetings/{future['id']}/agenda", headers=auth("caseworker", "BFU", municipality="998")
            )
        ).status_code == 404

    async def test_create_is_idempotent(self, client, auth, seeded, chair) -> None:
        body = {
            "forum": "conference",
            "starts_at": at_nine(TODAY + timedelta(days=3)),
            "chair": {"sub": "moedeleder", "name": "Hanne"},
            "capacity_minutes": 45,
        }
        headers = {**chair, "Idempotency-Key": "moede-1"}
        first = await client.post("/v1/meetings", json=body, headers=headers)
        again = await client.post("/v1/meetings", json=body, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.json()["id"] == first.json()["id"] and again.headers["idempotent-replayed"] == "true"
        listed = (await client.get("/v1/meetings", params={"forum": "conference"}, headers=chair)).json()
        assert [m["id"] for m in listed["items"]] == [first.json()["id"]]
        ends_at = datetime.fromisoformat(listed["items"][0]["ends_at"])
        assert ends_at == datetime.fromisoformat(at_nine(TODAY + timedelta(days=3))) + timedelta(minutes=45)

    async def test_a_new_or_moved_meeting_answers_as_it_reads_back(self, client, auth, seeded, chair) -> None:
        made = await series(client, chair, count=2)
        body = {
            "forum": "conference",
            "starts_at": at_nine(TODAY + timedelta(days=3)),
            "chair": {"sub": "m", "name": "H"},
        }
        one = await client.post("/v1/meetings", json=body, headers=chair)
        assert one.status_code == 201, one.text
        moved = await held(client, chair, made[1], TODAY + timedelta(days=9))
        for meeting in [made[0], one.json(), moved]:
            assert meeting == (await client.get(f"/v1/meetings/{meeting['id']}", headers=chair)).json()
        assert moved["starts_at"].endswith("Z")

    async def test_meetings_list_pages(self, client, auth, seeded, chair) -> None:
        await series(client, chair, count=3)
        first = await client.get("/v1/meetings", params={"limit": 2, "forum": "coordination"}, headers=chair)
        body = first.json()
        assert len(body["items"]) == 2 and body["next_cursor"] and 'rel="next"' in first.headers["link"]
        rest = (
            await client.get(
                "/v1/meetings", params={"limit": 2, "cursor": body["next_cursor"]}, headers=chair
            )
        ).json()
        assert len(rest["items"]) == 1 and rest["next_cursor"] is None


class TestDecisions:
    async def test_youth_already_17_gets_late_team_days(
        self, client, auth, seeded, caseworker, chair
    ) -> None:
        meeting = (await series(client, chair, count=1))[0]
        youth_id = await placed_youth(client, auth, caseworker, years_ago(17, 10))
        referral = await scheduled(client, caseworker, chair, youth_id)
        meeting = await held(client, chair, meeting)
        decided_on = TODAY
        url = f"/v1/meetings/{meeting['id']}/decisions"
        too_late = await client.post(
            url, json=decision(referral["id"], decided_on + timedelta(days=31)), headers=chair
        )
        assert too_late.status_code == 422 and too_late.json()["code"] == "team.first_meeting_after_17"
        early = await client.post(
            url, json=decision(referral["id"], TODAY - timedelta(days=1)), headers=chair
        )
        assert early.status_code == 422 and early.json()["code"] == "team.first_meeting_before_decision"
        response = await client.post(
            url, json=decision(referral["id"], decided_on + timedelta(days=30)), headers=chair
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["late"] is True and body["team"]["decided_late"] is True
        assert body["first_meeting_deadline"] == (decided_on + timedelta(days=30)).isoformat()

    async def test_documentation_needed_sends_it_back(self, client, auth, seeded, caseworker, chair) -> None:
        meeting = (await series(client, chair, count=2))[0]
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await scheduled(client, caseworker, chair, youth_id)
        meeting = await held(client, chair, meeting)
        url = f"/v1/meetings/{meeting['id']}/decisions"
        body = decision(
            referral["id"], None, documentation_needed=True, documentation_note="Udtalelse fra PPR"
        )
        with_team = await client.post(
            url, json={**body, "team": team(TODAY + timedelta(days=5))}, headers=chair
        )
        assert with_team.status_code == 422 and with_team.json()["code"] == "decision.team_not_allowed"
        no_team = await client.post(url, json={**body, "documentation_needed": False}, headers=chair)
        assert no_team.status_code == 422 and no_team.json()["code"] == "decision.team_required"
        abolished = await client.post(
            url, json={**body, "income_basis_after_18": "education_benefit"}, headers=chair
        )
        assert abolished.status_code == 422 and abolished.json()["code"] == "decision.income_basis_abolished"
        response = await client.post(url, json=body, headers=chair)
        assert response.status_code == 201 and response.json()["team"] is None
        read = (await client.get(f"/v1/referrals/{referral['id']}", headers=caseworker)).json()
        assert read["state"] == "documentation_requested"
        # The referrer adds the documentation and resubmits; it goes on the next meeting.
        changed = await client.patch(
            f"/v1/referrals/{referral['id']}",
            json={"summary": PLACED + " PPR-udtalelse vedlagt."},
            headers={**caseworker, "If-Match": f'"{read["version"]}"'},
        )
        assert changed.status_code == 200
        again = (await act(client, caseworker, changed.json(), "submit")).json()
        assert again["state"] == "submitted"
        rescheduled = (await act(client, chair, again, "schedule")).json()
        assert rescheduled["meeting_id"] != meeting["id"]

    async def test_the_decisions_list_pages_in_recorded_order_and_audits_each_decision_shown(
        self, client, auth, admin_db, seeded, caseworker, chair
    ) -> None:
        meeting = (await series(client, chair, count=1))[0]
        youth = [await placed_youth(client, auth, caseworker, years_ago(15, d)) for d in (10, 20)]
        referrals = [await scheduled(client, caseworker, chair, y) for y in youth]
        meeting = await held(client, chair, meeting)
        url = f"/v1/meetings/{meeting['id']}/decisions"
        made = []
        for referral in referrals:
            body = decision(referral["id"], None, documentation_needed=True, documentation_note="PPR")
            response = await client.post(url, json=body, headers=chair)
            assert response.status_code == 201, response.text
            made.append(response.json()["id"])
        first = (await client.get(url, params={"limit": 1}, headers=chair)).json()
        rest = (
            await client.get(url, params={"limit": 1, "cursor": first["next_cursor"]}, headers=chair)
        ).json()
        assert [d["id"] for d in first["items"] + rest["items"]] == made and rest["next_cursor"] is None
        assert rest["items"][0]["documentation_note"] == "PPR" and rest["items"][0]["team"] is None
        searched = await admin_db.fetch(
            "SELECT resource_id, youth_id::text AS youth_id FROM audit_event"
            " WHERE resource_type = 'decision' AND action = 'search' AND youth_id = ANY($1::uuid[])",
            youth,
        )
        assert sorted(tuple(r) for r in searched) == sorted(zip(made, youth, strict=True))

    async def test_decision_needs_the_case_on_this_agenda(
        self, client, auth, seeded, caseworker, chair
    ) -> None:
        meetings = await series(client, chair, count=2)
        youth_id = await placed_youth(client, auth, caseworker, years_ago(15, 10))
        referral = await scheduled(client, caseworker, chair, youth_id)
        meetings = [await held(client, chair, m) for m in meetings]
        other = await client.post(
            f"/v1/meetings/{meetings[1]['id']}/decisions",
            json=decision(referral["id"], TODAY + timedelta(days=20)),
            headers=chair,
        )
        assert other.status_code == 422 and other.json()["code"] == "meeting.not_on_agenda"
        caseworker_try = await client.post(
            f"/v1/meetings/{meetings[0]['id']}/decisions",
            json=decision(referral["id"], TODAY + timedelta(days=20)),
            headers=caseworker,
        )
        assert caseworker_try.status_code == 403


class TestConference:
    async def test_phase_two_needs_a_stuck_plan_and_the_age(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker, years_ago(16, 10))
        body = {
            "youth_id": youth_id,
            "forum": "conference",
            "category": "stuck_plan",
            "summary": "Planen er kørt fast.",
        }
        not_stuck = await client.post("/v1/referrals", json=body, headers=caseworker)
        assert not_stuck.status_code == 422 and not_stuck.json()["code"] == "referral.plan_not_stuck"
        plan = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=caseworker)
        assert plan.status_code == 201, plan.text
        stuck = await client.patch(
            f"/v1/plans/{plan.json()['id']}",
            json={"status": "stuck", "status_reason": "Intet tilbud har holdt."},
            headers={**caseworker, "If-Match": f'"{plan.json()["version"]}"'},
        )
        assert stuck.status_code == 200, stuck.text
        created = await client.post("/v1/referrals", json=body, headers=caseworker)
        assert created.status_code == 201 and created.json()["forum"] == "conference"
        # Phase 1 and phase 2 referrals are separate: one open of each.
        assert (await refer(client, caseworker, youth_id))["forum"] == "coordination"

        # Younger than the conference takes (14 here), though inside the effort's window (13-30).
        version = (await client.get("/v1/settings", headers=auth("admin"))).json()["version"]
        moved = await client.put(
            "/v1/settings",
            json={"conference_age_min": 14},
            headers={**auth("admin"), "If-Match": f'"{version}"'},
        )
        assert moved.status_code == 200, moved.text
        child = await placed_youth(client, auth, caseworker, years_ago(13, 10))
        young = await client.post("/v1/referrals", json={**body, "youth_id": child}, headers=caseworker)
        assert young.status_code == 422 and young.json()["code"] == "referral.outside_forum_age"

    async def test_conference_series_is_weekly(self, client, auth, seeded, chair) -> None:
        meetings = await series(client, chair, count=2, forum="conference")
        days = [datetime.fromisoformat(m["starts_at"]).date() for m in meetings]
        assert (days[1] - days[0]).days == 7


class TestReferralList:
    async def test_list_filters_and_pages(self, client, auth, seeded, caseworker) -> None:
        ids = []
        for days in (10, 20, 30):
            youth_id = await placed_youth(client, auth, caseworker, years_ago(15, days))
            ids.append((await refer(client, caseworker, youth_id))["id"])
        page = await client.get("/v1/referrals", params={"limit": 2, "referrer": "me"}, headers=caseworker)
        body = page.json()
        assert [r["id"] for r in body["items"]] == ids[:2] and body["next_cursor"]
        rest = await client.get(
            "/v1/referrals",
            params={"limit": 2, "referrer": "me", "cursor": body["next_cursor"]},
            headers=caseworker,
        )
        assert [r["id"] for r in rest.json()["items"]] == ids[2:]
        drafts = await client.get("/v1/referrals", params={"state": "submitted"}, headers=caseworker)
        assert drafts.json()["items"] == []
        assert (await client.get("/v1/referrals", headers=auth("caseworker", "ARB"))).json()["items"] == []


class TestRowLevelSecurityOnFreshConnections:
    async def test_a_failing_first_request_keeps_the_app_role(self, app, client, auth, seeded) -> None:
        """Found with the concurrent-agenda test: the app role was set in the connection's first
        transaction, so a refused (rolled-back) first request left a superuser connection in the
        pool and the next request on it saw every municipality."""
        other = await client.post("/v1/settings/seed", headers=auth("admin", municipality="997"))
        assert other.status_code == 200
        await app.state.db.engine.dispose()  # the next request opens a fresh connection
        missing = await client.get(
            f"/v1/referrals/{'0' * 8}-0000-4000-8000-{'0' * 12}", headers=auth("admin")
        )
        assert missing.status_code == 404
        for _ in range(3):
            settings = await client.get("/v1/settings", headers=auth("admin"))
            assert settings.status_code == 200, settings.text
            departments = (await client.get("/v1/departments", headers=auth("admin"))).json()["items"]
            assert len(departments) == 6
