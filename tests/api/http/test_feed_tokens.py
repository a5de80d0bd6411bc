"""The meetings feed for calendars: a per-user feed token, made, listed and revoked through the
API, with its maker's rights, stored hashed, audited on use; never a bearer token in a URL."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from icalendar import Calendar

from tests.clock import TODAY, now

CHAIR = {"sub": "moedeleder", "name": "Teamleder Hanne", "department": "BFU"}


async def meetings(client, coordinator, count: int = 2) -> list[dict]:
    starts = f"{(TODAY + timedelta(days=3)).isoformat()}T09:00:00+01:00"
    body = {"forum": "coordination", "first_starts_at": starts, "count": count, "chair": CHAIR}
    response = await client.post("/v1/meetings/series", json=body, headers=coordinator)
    assert response.status_code == 201, response.text
    return response.json()["items"]


async def make(client, headers, **body) -> dict:
    response = await client.post("/v1/feed-tokens", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


class TestFlow:
    async def test_a_calendar_subscribes_with_the_feed_url_and_no_bearer_token(
        self, client, auth, admin_db, muni
    ) -> None:
        coordinator = auth("coordinator", sub="hanne")
        made = await meetings(client, coordinator)
        token = await make(client, coordinator, label="Outlook")
        assert token["token"].startswith(f"ugf_{muni}_") and token["feed_url"] == f"/v1/meetings.ics?token={token['token']}"
        assert token["sub"] == "hanne" and token["label"] == "Outlook" and token["last_used_at"] is None

        feed = await client.get(token["feed_url"])  # no Authorization: a calendar's request
        assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
        assert feed.headers["Cache-Control"] == "no-store"
        uids = {str(e["uid"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")}
        assert uids == {f"{m['id']}@ungeapi.dk" for m in made}

        # The same events whatever name the API is reached by.
        elsewhere = await client.get(token["feed_url"], headers={"Host": "kalender.kommune.dk"})
        assert {str(e["uid"]) for e in Calendar.from_ical(elsewhere.content).walk("VEVENT")} == uids

        used = await admin_db.fetch(
            "SELECT sub, resource_id, purpose FROM audit_event WHERE municipality_code = $1 "
            "AND resource_type = 'feed_token' AND action = 'use'",
            muni,
        )
        assert [(r["sub"], r["resource_id"]) for r in used] == [("hanne", token["id"])] * 2
        listed = (await client.get("/v1/feed-tokens", headers=coordinator)).json()["items"]
        assert [t["id"] for t in listed] == [token["id"]] and listed[0]["last_used_at"] is not None
        assert "token" not in listed[0]

    async def test_the_token_is_stored_hashed(self, client, auth, admin_db, muni) -> None:
        token = await make(client, auth("coordinator"))
        row = await admin_db.fetchrow("SELECT * FROM feed_token WHERE municipality_code = $1", muni)
        assert bytes(row["token_hash"]) == hashlib.sha256(token["token"].encode()).digest()
        secret = token["token"].rsplit("_", 1)[1]
        assert all(secret not in str(value) for value in dict(row).values())
        assert await admin_db.fetchval(
            "SELECT count(*) FROM idempotency_record WHERE municipality_code = $1", muni
        ) == 0

    async def test_the_bearer_token_still_reads_the_feed(self, client, auth) -> None:
        assert (await client.get("/v1/meetings.ics", headers=auth("caseworker"))).status_code == 200


class TestScope:
    async def test_it_reads_with_its_makers_rights_and_municipality(self, client, auth, muni) -> None:
        token = (await make(client, auth("caseworker")))["token"]
        assert (await client.get("/v1/meetings.ics", params={"token": token})).status_code == 200
        # Another municipality's code in it finds no token there.
        moved = token.replace(f"ugf_{muni}_", "ugf_998_")
        refused = await client.get("/v1/meetings.ics", params={"token": moved})
        assert refused.status_code == 401 and refused.json()["code"] == "feed_token.invalid"

    async def test_only_who_may_read_the_meetings_makes_one(self, client, auth) -> None:
        assert (await client.post("/v1/feed-tokens", json={}, headers=auth("analyst"))).status_code == 403
        assert (await client.post("/v1/feed-tokens", json={})).status_code == 401

    async def test_a_list_holds_your_own_and_an_admins_the_municipalitys(self, client, auth) -> None:
        mine = await make(client, auth("caseworker", sub="karin"))
        theirs = await make(client, auth("coordinator", sub="hanne"))
        listed = (await client.get("/v1/feed-tokens", headers=auth("caseworker", sub="karin"))).json()["items"]
        assert [t["id"] for t in listed] == [mine["id"]]
        everyone = (await client.get("/v1/feed-tokens", headers=auth("admin"))).json()["items"]
        assert {t["id"] for t in everyone} == {mine["id"], theirs["id"]}
        other = await client.get("/v1/feed-tokens", headers=auth("admin", municipality="997"))
        assert other.json()["items"] == []


class TestRevocationAndExpiry:
    async def test_a_revoked_token_opens_nothing(self, client, auth) -> None:
        karin = auth("caseworker", sub="karin")
        token = await make(client, karin)
        assert (await client.delete(f"/v1/feed-tokens/{token['id']}", headers=auth("caseworker", sub="ole"))).status_code == 404
        assert (await client.get(token["feed_url"])).status_code == 200
        assert (await client.delete(f"/v1/feed-tokens/{token['id']}", headers=karin)).status_code == 204
        refused = await client.get(token["feed_url"])
        assert refused.status_code == 401 and refused.json()["code"] == "feed_token.invalid"
        assert (await client.delete(f"/v1/feed-tokens/{token['id']}", headers=karin)).status_code == 404
        assert (await client.get("/v1/feed-tokens", headers=karin)).json()["items"] == []

    async def test_an_admin_revokes_anyones(self, client, auth) -> None:
        token = await make(client, auth("caseworker", sub="karin"))
        assert (await client.delete(f"/v1/feed-tokens/{token['id']}", headers=auth("admin"))).status_code == 204
        assert (await client.get(token["feed_url"])).status_code == 401

    async def test_it_expires(self, client, auth, time_machine) -> None:
        token = await make(client, auth("caseworker"), valid_days=1)
        assert (await client.get(token["feed_url"])).status_code == 200
        time_machine.move_to(now() + timedelta(days=1, minutes=1))
        assert (await client.get(token["feed_url"])).status_code == 401
        too_long = await client.post("/v1/feed-tokens", json={"valid_days": 367}, headers=auth("caseworker"))
        assert too_long.status_code == 422


class TestNeverABearerTokenInAUrl:
    async def test_a_jwt_as_token_is_refused_with_its_own_problem(self, client, auth) -> None:
        jwt = auth("caseworker")["Authorization"].removeprefix("Bearer ")
        refused = await client.get("/v1/meetings.ics", params={"token": jwt})
        assert refused.status_code == 400 and refused.json()["code"] == "feed_token.bearer_in_url"

    async def test_a_feed_token_opens_only_the_feed(self, client, auth) -> None:
        token = (await make(client, auth("admin")))["token"]
        for url in ("/v1/meetings", "/v1/youth", "/v1/feed-tokens"):
            assert (await client.get(url, params={"token": token})).status_code == 401
            assert (await client.get(url, headers={"Authorization": f"Bearer {token}"})).status_code == 401
