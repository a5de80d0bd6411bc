"""§8.2 through HTTP: an obligation resolved with a reason leaves the worklist, is audited,
shows in the youth's overview, and counts as missed in /v1/statistics/obligations when it was
resolved after its due date; only a responsible caller (or admin) who sees the youth may."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from tests.clock import TODAY
from tests.clock import years_ago as born
from tests.conftest import synthetic_cpr
from ungeapi.placements.rules import add_months
from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)
KIND = "aftercare.decision_due"



@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def placed_youth(client, auth, caseworker, birth: date, placed_on: str = "2025-01-06") -> str:
    """A placed youth (since `placed_on`) without an aftercare decision."""
    body = {
        "cpr": synthetic_cpr(birth.strftime("%d%m%y"), 4 if 2000 <= birth.year <= 2036 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    youth_id = response.json()["id"]
    case = {"youth_id": youth_id, "department_code": "BFU", "kind": "placement", "opened_on": placed_on}
    response = await client.post("/v1/cases", json=case, headers=caseworker)
    assert response.status_code == 201, response.text
    return youth_id


async def worklist(client, headers, youth_id: str, as_of: date = TODAY) -> list[dict]:
    params = {"kind": KIND, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def resolve(client, headers, key: str, reason: str = "moved_away", **extra):
    body = {"reason": reason, "note": "Fraflyttet til Aarhus.", **extra}
    return await client.post(f"/v1/obligations/{key}/resolve", json=body, headers=headers)


class TestResolve:
    async def test_resolved_leaves_the_worklist_and_shows_in_the_overview(
        self, client, auth, seeded, caseworker, admin_db, muni
    ) -> None:
        birth = born(18, 20)  # turned 18 twenty days ago, missed the decision at 17½
        youth_id = await placed_youth(client, auth, caseworker, birth)
        deadline = add_months(date_turning(birth, 18), -6)
        [item] = await worklist(client, caseworker, youth_id)
        assert item["key"] == f"{KIND}:{youth_id}:-:{deadline.isoformat()}" and item["overdue"] is True

        response = await resolve(client, {**caseworker, "Accept-Language": "da"}, item["key"])
        assert response.status_code == 201, response.text
        resolution = response.json()
        assert resolution["key"] == item["key"] and resolution["kind"] == KIND
        assert resolution["youth_id"] == youth_id and resolution["due_on"] == deadline.isoformat()
        assert resolution["reason"] == "moved_away" and resolution["note"] == "Fraflyttet til Aarhus."
        assert resolution["resolved_by"] == {
            "sub": "raadgiver-bfu",
            "name": "Rådgiver Bente",
            "department": "BFU",
        }
        assert resolution["resolved_on"] == TODAY.isoformat() and resolution["missed"] is True
        assert resolution["title"].startswith("Træf afgørelse om ungestøtte")

        # Gone from the worklist, today and later; the whole list does not show it either.
        assert await worklist(client, caseworker, youth_id) == []
        assert await worklist(client, caseworker, youth_id, TODAY + timedelta(days=300)) == []
        response = await client.get("/v1/obligations", params={"kind": KIND}, headers=caseworker)
        assert [o["youth_id"] for o in response.json()["items"]] == []

        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=caseworker)).json()
        assert KIND not in [o["kind"] for o in overview["open_obligations"]]
        assert [(r["key"], r["reason"], r["missed"]) for r in overview["resolved_obligations"]] == [
            (item["key"], "moved_away", True)
        ]

        rows = await admin_db.fetch(
            "SELECT sub, youth_id, detail FROM audit_event WHERE municipality_code = $1 AND action = 'resolve'",
            muni,
        )
        assert [(r["sub"], str(r["youth_id"])) for r in rows] == [("raadgiver-bfu", youth_id)]
        assert '"moved_away"' in rows[0]["detail"]

        # The youth's data export holds it too.
        response = await client.get(f"/v1/youth/{youth_id}/export", headers=auth("dpo", "BFU"))
        assert response.status_code == 200, response.text
        exported = response.json()["sections"]["resolved_obligations"]
        assert [(r["key"], r["reason"]) for r in exported] == [(item["key"], "moved_away")]

        # Once only.
        again = await resolve(client, caseworker, item["key"])
        assert again.status_code == 409 and again.json()["code"] == "obligation.already_resolved"

    async def test_resolved_on_the_due_date_is_not_missed(self, client, auth, seeded, caseworker) -> None:
        # Placed today, after 17½: the decision is due today; resolved today it was in time.
        youth_id = await placed_youth(client, auth, caseworker, born(17, 250), placed_on=TODAY.isoformat())
        [item] = await worklist(client, caseworker, youth_id)
        assert (item["due_on"], item["overdue"]) == (TODAY.isoformat(), False)
        response = await resolve(client, caseworker, item["key"], reason="done_elsewhere")
        assert response.status_code == 201, response.text
        assert response.json()["missed"] is False
        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=caseworker)).json()
        assert [r["missed"] for r in overview["resolved_obligations"]] == [False]

    async def test_a_later_due_date_is_another_obligation(self, client, auth, seeded, caseworker) -> None:
        # The key holds the due date: a key of another day is not this obligation.
        youth_id = await placed_youth(client, auth, caseworker, born(18, 20))
        [item] = await worklist(client, caseworker, youth_id)
        other = item["key"].rsplit(":", 1)[0] + ":" + (date.fromisoformat(item["due_on"]) + DAY).isoformat()
        response = await resolve(client, caseworker, other)
        assert response.status_code == 404 and response.json()["code"] == "obligation.not_found"

    async def test_idempotent_retry(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker, born(18, 20))
        [item] = await worklist(client, caseworker, youth_id)
        headers = {**caseworker, "Idempotency-Key": "resolve-1"}
        first = await resolve(client, headers, item["key"])
        second = await resolve(client, headers, item["key"])
        assert first.status_code == second.status_code == 201
        assert second.json()["id"] == first.json()["id"]


class TestRefusals:
    async def test_who_may_resolve(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker, born(18, 20))
        [item] = await worklist(client, caseworker, youth_id)
        key = item["key"]

        # A department that cannot see the youth: 404, not 403.
        response = await resolve(client, auth("caseworker", "ARB", sub="arb-1"), key)
        assert response.status_code == 404 and response.json()["code"] == "youth.not_found"
        # Another department that sees the youth (its own open case) but is not responsible: 403.
        uu = auth("caseworker", "UU", sub="uu-1")
        response = await client.post(
            "/v1/cases",
            json={
                "youth_id": youth_id,
                "department_code": "UU",
                "kind": "education",
                "opened_on": TODAY.isoformat(),
            },
            headers=auth(),
        )
        assert response.status_code == 201, response.text
        response = await resolve(client, {**uu, "Accept-Language": "da"}, key)
        assert response.status_code == 403 and response.json()["code"] == "obligation.not_responsible"
        assert response.json()["title"] == "Ikke ansvarlig for opgaven"
        # A role without the right: 403 before anything is read.
        response = await resolve(client, auth("analyst", "BFU"), key)
        assert response.status_code == 403 and response.json()["code"] == "auth.forbidden"
        # Unknown reason, unknown fields: 422.
        for body in ({"reason": "forgot"}, {"reason": "moved_away", "by": "x"}, {}):
            response = await client.post(f"/v1/obligations/{key}/resolve", json=body, headers=caseworker)
            assert response.status_code == 422, body
        # Still on the worklist after every refusal.
        assert [o["key"] for o in await worklist(client, caseworker, youth_id)] == [key]
        # An admin may resolve it though not responsible.
        response = await resolve(client, auth("admin", "SKOLE"), key, reason="not_applicable")
        assert response.status_code == 201, response.text

    async def test_malformed_and_unknown_keys(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker, born(18, 20))
        for key in (
            "nonsense",
            f"{KIND}:{youth_id}:-",
            f"{KIND}:not-a-uuid:-:2026-01-01",
            f"no.such_kind:{youth_id}:-:2026-01-01",
            f"{KIND}:{uuid.uuid4()}:-:2026-01-01",
        ):
            response = await resolve(client, caseworker, key)
            assert response.status_code == 404, key
            assert response.json()["code"] in ("obligation.not_found", "youth.not_found"), key


class TestStatistics:
    async def test_missed_obligations_are_counted(self, client, auth, seeded, caseworker) -> None:
        analyst = auth("analyst", "BFU")

        async def figures(as_of: date = TODAY) -> dict:
            response = await client.get(
                "/v1/statistics/obligations", params={"as_of": as_of.isoformat()}, headers=analyst
            )
            assert response.status_code == 200, response.text
            body = response.json()
            return {"total": body["missed"], **{row["kind"]: row for row in body["kinds"]}}

        empty = await figures()
        assert empty["total"] == {"value": None, "suppressed": True}
        assert empty[KIND]["open_overdue"]["suppressed"] is True

        youth = [await placed_youth(client, auth, caseworker, born(18, 20 + i)) for i in range(5)]
        counted = await figures()
        assert counted[KIND]["open_overdue"] == {"value": 5, "suppressed": False}
        assert counted[KIND]["missed"] == {"value": 5, "suppressed": False}
        # The day before the deadline nothing was overdue yet (the decisions were due 17½).
        first_deadline = min(add_months(date_turning(born(18, 20 + i), 18), -6) for i in range(5))
        assert (await figures(first_deadline - DAY))[KIND]["open_overdue"]["suppressed"] is True

        # Resolving one late moves it from open to resolved late: still missed.
        [item] = await worklist(client, caseworker, youth[0])
        assert (await resolve(client, caseworker, item["key"])).status_code == 201
        after = await figures()
        assert after[KIND]["open_overdue"] == {"value": None, "suppressed": True}
        assert after[KIND]["resolved_late"] == {"value": None, "suppressed": True}
        assert after[KIND]["missed"] == {"value": 5, "suppressed": False}
        assert after["total"]["value"] is not None and after["total"]["value"] >= 5

        response = await client.get("/v1/statistics/obligations", headers=caseworker)
        assert response.status_code == 403
