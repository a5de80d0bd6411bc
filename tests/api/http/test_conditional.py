"""ETags, If-None-Match and If-Match, and what may be cached: through the API."""

from __future__ import annotations

from datetime import datetime

from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.core.clock import COPENHAGEN


async def new_youth(client, headers, cpr: str | None = None) -> dict:
    body = {"cpr": cpr or synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def version_of(etag: str) -> str:
    return etag.strip('"').partition("-")[0]


class TestIfNoneMatch:
    async def test_a_read_answers_304_while_it_is_what_the_caller_holds(self, client, auth) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        url = f"/v1/youth/{youth['id']}"
        first = await client.get(url, headers=admin)
        etag = first.headers["ETag"]
        assert version_of(etag) == "1" and etag != '"1"'
        again = await client.get(url, headers={**admin, "If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == "no-store"
        assert "content-type" not in again.headers
        # Weak comparison, lists and * (RFC 9110 §13.1.2).
        for given in (f"W/{etag}", f'"x", {etag}', "*"):
            assert (await client.get(url, headers={**admin, "If-None-Match": given})).status_code == 304
        changed = await client.patch(url, json={"family_name": "Ny"}, headers={**admin, "If-Match": etag})
        assert changed.status_code == 200 and version_of(changed.headers["ETag"]) == "2"
        after = await client.get(url, headers={**admin, "If-None-Match": etag})
        assert after.status_code == 200 and after.json()["family_name"] == "Ny"
        assert after.headers["ETag"] != etag

    async def test_the_etag_follows_the_answer_not_only_the_version(self, client, auth, time_machine) -> None:
        # The youth turns 17 on 1 January: the answer's age changes, its version does not. A
        # version alone as ETag would tell the caller that its copy (age 16) is still current.
        youth = await new_youth(client, auth())
        url = f"/v1/youth/{youth['id']}"
        before = await client.get(url, headers=auth())
        assert before.json()["age"] == 16
        time_machine.move_to(datetime(TODAY.year + 1, 1, 1, 10, tzinfo=COPENHAGEN))
        after = await client.get(url, headers={**auth(), "If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200 and after.json()["age"] == 17 and after.json()["version"] == 1
        assert version_of(after.headers["ETag"]) == "1" and after.headers["ETag"] != before.headers["ETag"]

    async def test_a_read_is_audited_when_it_answers_304(self, client, auth, admin_db, muni) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        url = f"/v1/youth/{youth['id']}"
        etag = (await client.get(url, headers=admin)).headers["ETag"]
        count = "SELECT count(*) FROM audit_event WHERE municipality_code = $1 AND action = 'read'"
        before = await admin_db.fetchval(count, muni)
        assert (await client.get(url, headers={**admin, "If-None-Match": etag})).status_code == 304
        assert await admin_db.fetchval(count, muni) == before + 1

    async def test_a_single_resource_without_a_version_gets_an_etag_too(self, client, auth) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        url = f"/v1/youth/{youth['id']}/overview"
        first = await client.get(url, headers=admin)
        assert first.status_code == 200 and first.headers["ETag"]
        again = await client.get(url, headers={**admin, "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304

    async def test_pages_and_refusals_get_no_etag(self, client, auth) -> None:
        admin = auth()
        await new_youth(client, admin)
        page = await client.get("/v1/youth", headers=admin)
        assert page.status_code == 200 and "etag" not in page.headers
        missing = await client.get("/v1/youth/00000000-0000-0000-0000-000000000001", headers=admin)
        assert missing.status_code == 404 and "etag" not in missing.headers


class TestIfMatch:
    async def test_the_whole_etag_or_the_bare_version_names_the_version(self, client, auth) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        url = f"/v1/youth/{youth['id']}"
        etag = (await client.get(url, headers=admin)).headers["ETag"]
        first = await client.patch(url, json={"given_name": "A"}, headers={**admin, "If-Match": etag})
        assert first.status_code == 200
        second = await client.patch(url, json={"given_name": "B"}, headers={**admin, "If-Match": '"2"'})
        assert second.status_code == 200
        stale = await client.patch(url, json={"given_name": "C"}, headers={**admin, "If-Match": etag})
        assert stale.status_code == 412 and stale.json()["code"] == "precondition.failed"
        assert stale.headers["ETag"] == '"3"'

    async def test_a_weak_etag_is_refused_with_its_own_code(self, client, auth) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        url = f"/v1/youth/{youth['id']}"
        etag = (await client.get(url, headers=admin)).headers["ETag"]
        weak = await client.patch(url, json={"given_name": "A"}, headers={**admin, "If-Match": f"W/{etag}"})
        assert weak.status_code == 412 and weak.json()["code"] == "precondition.weak_etag"
        danish = await client.patch(
            url, json={"given_name": "A"}, headers={**admin, "If-Match": 'W/"1"', "Accept-Language": "da"}
        )
        assert "W/" in danish.json()["detail"]
        assert (await client.get(url, headers=admin)).json()["given_name"] == "Testa"

    async def test_star_changes_whatever_version_is_current(self, client, auth) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        url = f"/v1/youth/{youth['id']}"
        for name in ("A", "B"):
            changed = await client.patch(url, json={"given_name": name}, headers={**admin, "If-Match": "*"})
            assert changed.status_code == 200
        assert (await client.get(url, headers=admin)).json()["version"] == 3
        for bad in ('"0"', '"x"', '"1", "2"'):
            refused = await client.patch(url, json={"given_name": "C"}, headers={**admin, "If-Match": bad})
            assert refused.status_code == 412


class TestNoStore:
    async def test_every_v1_answer_is_no_store_and_the_public_ones_are_not(self, client, auth) -> None:
        admin = auth()
        youth = await new_youth(client, admin)
        for response in (
            await client.get(f"/v1/youth/{youth['id']}", headers=admin),
            await client.get("/v1/youth", headers=admin),
            await client.post("/v1/youth/lookup", json={"cpr": youth["cpr"]}, headers=admin),
            await client.get("/v1/youth"),  # 401: it says what exists
            await client.get("/v1/nothing", headers=admin),
        ):
            assert response.headers["Cache-Control"] == "no-store", response.request.url
        for public in ("/healthz", "/openapi.json"):
            assert "no-store" not in (await client.get(public)).headers.get("Cache-Control", "")

