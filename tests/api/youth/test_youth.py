"""The youth registry through HTTP."""

from __future__ import annotations

from datetime import date

import asyncpg
import httpx
import pytest

from tests.clock import TODAY
from tests.conftest import TokenFactory, synthetic_cpr

PROBLEM = "application/problem+json"


async def register(client: httpx.AsyncClient, headers: dict[str, str], **fields: object) -> httpx.Response:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen", **fields}
    return await client.post("/v1/youth", json=body, headers=headers)


async def audit_rows(admin_db: asyncpg.Connection, muni: str) -> list[asyncpg.Record]:
    return await admin_db.fetch(
        "SELECT action, resource_type, resource_id, youth_id, purpose, sub, request_id FROM audit_event "
        "WHERE municipality_code = $1 ORDER BY id",
        muni,
    )


class TestRegister:
    async def test_registers_and_derives_birth_date_and_birthdays(self, client, auth: TokenFactory) -> None:
        response = await register(client, auth(), cpr="290208-4123", target_groups=["placed"])
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["cpr"] == "290208-4123"
        assert body["birth_date"] == "2008-02-29"
        assert body["birthdays"] == {
            "turns_15": "2023-03-01",
            "turns_17": "2025-03-01",
            "turns_18": "2026-03-01",
        }
        assert body["registered_by_department"] == "BFU"
        assert body["version"] == 1
        assert response.headers["location"] == f"/v1/youth/{body['id']}"
        assert response.headers["etag"].startswith('"1-')

    async def test_cpr_without_dash_is_accepted(self, client, auth) -> None:
        response = await register(client, auth(), cpr="0101104321")
        assert response.status_code == 201
        assert response.json()["cpr"] == "010110-4321"

    async def test_duplicate_cpr_is_409(self, client, auth) -> None:
        cpr = synthetic_cpr()
        assert (await register(client, auth(), cpr=cpr)).status_code == 201
        response = await register(client, auth(), cpr=cpr.replace("-", ""))
        assert response.status_code == 409
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["code"] == "youth.cpr_exists"

    async def test_same_cpr_in_another_municipality_is_allowed(self, client, auth, muni) -> None:
        cpr = synthetic_cpr()
        assert (await register(client, auth(), cpr=cpr)).status_code == 201
        other = "994"  # outside the per-test range (see conftest)
        assert (await register(client, auth(municipality=other), cpr=cpr)).status_code == 201

    @pytest.mark.parametrize(
        ("cpr", "code"),
        [
            ("320110-4000", "cpr.date"),
            ("310410-4000", "cpr.date"),
            ("290209-4000", "cpr.date"),
            ("010110-400", "cpr.format"),
            ("0101104000123", "string_too_long"),
            ("01a110-4000", "cpr.format"),
        ],
    )
    async def test_bad_cpr_is_422_with_the_field(self, client, auth, cpr: str, code: str) -> None:
        response = await register(client, auth(), cpr=cpr)
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "request.validation"
        assert {"loc": ["body", "cpr"], "code": code} == {k: body["errors"][0][k] for k in ("loc", "code")}

    async def test_every_bad_field_is_listed(self, client, auth) -> None:
        response = await client.post("/v1/youth", json={"cpr": "x", "nickname": "y"}, headers=auth())
        assert response.status_code == 422
        locs = {tuple(e["loc"]) for e in response.json()["errors"]}
        assert {
            ("body", "cpr"),
            ("body", "given_name"),
            ("body", "family_name"),
            ("body", "nickname"),
        } <= locs

    async def test_danish_field_messages(self, client, auth) -> None:
        headers = {**auth(), "Accept-Language": "da"}
        response = await client.post(
            "/v1/youth", json={"cpr": "320110-4000", "given_name": "A", "family_name": "B"}, headers=headers
        )
        body = response.json()
        assert body["title"] == "Ugyldig forespørgsel"
        assert "gyldig dato" in body["errors"][0]["message"]

    async def test_older_than_the_age_window_is_refused(self, client, auth) -> None:
        response = await register(client, auth(), cpr=synthetic_cpr("010180", 0))
        assert response.status_code == 422
        assert response.json()["code"] == "youth.outside_age_window"

    async def test_idempotent_retry_creates_one_youth(self, client, auth, admin_db, muni) -> None:
        headers = {**auth(), "Idempotency-Key": "retry-1"}
        body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
        first = await client.post("/v1/youth", json=body, headers=headers)
        second = await client.post("/v1/youth", json=body, headers=headers)
        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert second.headers["location"] == first.headers["location"]
        assert await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni) == 1

    async def test_same_key_with_another_body_is_refused(self, client, auth) -> None:
        headers = {**auth(), "Idempotency-Key": "retry-2"}
        first = await client.post(
            "/v1/youth", json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "B"}, headers=headers
        )
        assert first.status_code == 201
        second = await client.post(
            "/v1/youth", json={"cpr": synthetic_cpr(), "given_name": "C", "family_name": "D"}, headers=headers
        )
        assert second.status_code == 422
        assert second.json()["code"] == "idempotency.key_reused"

    async def test_cpr_is_not_stored_in_clear_text(self, client, auth, admin_db, muni) -> None:
        cpr = synthetic_cpr()
        await register(client, auth(), cpr=cpr)
        dump = await admin_db.fetchval(
            "SELECT string_agg(y::text, '|') FROM youth y WHERE municipality_code = $1", muni
        )
        assert cpr.replace("-", "") not in dump and cpr not in dump


class TestRead:
    async def test_read_returns_etag_and_is_audited_with_purpose(self, client, auth, admin_db, muni) -> None:
        created = (await register(client, auth())).json()
        response = await client.get(
            f"/v1/youth/{created['id']}",
            headers={**auth(), "X-Purpose": "forberedelse af moede", "X-Request-ID": "req-42"},
        )
        assert response.status_code == 200
        assert response.headers["etag"].startswith('"1-')
        assert response.headers["x-request-id"] == "req-42"
        rows = await audit_rows(admin_db, muni)
        assert [(r["action"], r["purpose"]) for r in rows] == [
            ("create", "casework"),
            ("read", "forberedelse af moede"),
        ]
        assert rows[1]["request_id"] == "req-42"
        assert str(rows[1]["youth_id"]) == created["id"]

    async def test_unknown_id_is_404(self, client, auth) -> None:
        response = await client.get("/v1/youth/00000000-0000-0000-0000-000000000000", headers=auth())
        assert response.status_code == 404
        assert response.json()["code"] == "youth.not_found"

    async def test_another_municipality_gets_404(self, client, auth, muni) -> None:
        created = (await register(client, auth())).json()
        other = "993"
        response = await client.get(f"/v1/youth/{created['id']}", headers=auth(municipality=other))
        assert response.status_code == 404

    async def test_caseworker_of_another_department_gets_404(self, client, auth) -> None:
        created = (await register(client, auth(roles="caseworker", departments="BFU"))).json()
        assert (
            await client.get(
                f"/v1/youth/{created['id']}", headers=auth(roles="caseworker", departments="BFU")
            )
        ).status_code == 200
        response = await client.get(
            f"/v1/youth/{created['id']}", headers=auth(roles="caseworker", departments="ARB")
        )
        assert response.status_code == 404

    async def test_analyst_may_not_read_individuals(self, client, auth) -> None:
        created = (await register(client, auth())).json()
        response = await client.get(f"/v1/youth/{created['id']}", headers=auth(roles="analyst"))
        assert response.status_code == 403
        assert response.json()["code"] == "auth.forbidden"

    async def test_lookup_by_cpr_in_the_body(self, client, auth, admin_db, muni) -> None:
        cpr = synthetic_cpr()
        created = (await register(client, auth(), cpr=cpr)).json()
        response = await client.post("/v1/youth/lookup", json={"cpr": cpr.replace("-", "")}, headers=auth())
        assert response.status_code == 200
        assert response.json()["id"] == created["id"]
        assert (await audit_rows(admin_db, muni))[-1]["action"] == "lookup"

    async def test_lookup_of_unknown_or_invisible_cpr_is_404(self, client, auth) -> None:
        cpr = synthetic_cpr()
        await register(client, auth(roles="caseworker", departments="BFU"), cpr=cpr)
        assert (
            await client.post("/v1/youth/lookup", json={"cpr": synthetic_cpr()}, headers=auth())
        ).status_code == 404
        response = await client.post(
            "/v1/youth/lookup", json={"cpr": cpr}, headers=auth(roles="caseworker", departments="SAEH")
        )
        assert response.status_code == 404


class TestList:
    async def test_pages_through_everything_in_stable_order(self, client, auth, admin_db, muni) -> None:
        ids = [(await register(client, auth())).json()["id"] for _ in range(5)]
        seen: list[str] = []
        url = "/v1/youth?limit=2"
        pages = 0
        while url:
            response = await client.get(url, headers=auth())
            assert response.status_code == 200
            body = response.json()
            seen += [y["id"] for y in body["items"]]
            pages += 1
            if body["next_cursor"]:
                assert 'rel="next"' in response.headers["link"]
                url = f"/v1/youth?limit=2&cursor={body['next_cursor']}"
            else:
                assert "link" not in response.headers
                url = ""
        assert seen == ids
        assert pages == 3
        searches = await admin_db.fetchval(
            "SELECT count(*) FROM audit_event WHERE municipality_code = $1 AND action = 'search'", muni
        )
        assert searches == 5

    async def test_filters_by_age_and_name(self, client, auth) -> None:
        await register(
            client, auth(), cpr=synthetic_cpr(), given_name="Alma", family_name="Østergaard"
        )  # 16
        bo_born = date(TODAY.year - 26, 1, 1).strftime("%d%m%y")
        await register(client, auth(), cpr=synthetic_cpr(bo_born), given_name="Bo", family_name="Nielsen")
        ages = await client.get("/v1/youth?age_min=20&age_max=30", headers=auth())
        assert [y["given_name"] for y in ages.json()["items"]] == ["Bo"]
        names = await client.get("/v1/youth?name=øster", headers=auth())
        assert [y["given_name"] for y in names.json()["items"]] == ["Alma"]
        given = await client.get("/v1/youth?name=bo", headers=auth())
        assert [y["given_name"] for y in given.json()["items"]] == ["Bo"]
        wildcard = await client.get("/v1/youth?name=%25", headers=auth())
        assert wildcard.json()["items"] == []

    async def test_bad_cursor_and_limit_are_4xx(self, client, auth) -> None:
        assert (await client.get("/v1/youth?cursor=notacursor", headers=auth())).status_code == 400
        assert (await client.get("/v1/youth?limit=0", headers=auth())).status_code == 422
        assert (await client.get("/v1/youth?limit=100000", headers=auth())).status_code == 422

    async def test_list_is_scoped_to_the_municipality(self, client, auth, muni) -> None:
        await register(client, auth())
        other = "992"
        response = await client.get("/v1/youth", headers=auth(municipality=other))
        assert all(y["municipality_code"] == other for y in response.json()["items"])


class TestChange:
    async def test_patch_with_if_match(self, client, auth, admin_db, muni) -> None:
        created = (await register(client, auth())).json()
        response = await client.patch(
            f"/v1/youth/{created['id']}",
            json={"family_name": "Nyt-Navn"},
            headers={**auth(), "If-Match": '"1"'},
        )
        assert response.status_code == 200, response.text
        assert response.json()["family_name"] == "Nyt-Navn"
        assert response.json()["version"] == 2
        assert response.headers["etag"].startswith('"2-')
        assert (await audit_rows(admin_db, muni))[-1]["action"] == "update"

    async def test_patch_without_if_match_is_428(self, client, auth) -> None:
        created = (await register(client, auth())).json()
        response = await client.patch(f"/v1/youth/{created['id']}", json={"family_name": "X"}, headers=auth())
        assert response.status_code == 428
        assert response.json()["code"] == "precondition.required"

    async def test_stale_if_match_is_412_and_changes_nothing(self, client, auth) -> None:
        created = (await register(client, auth())).json()
        url = f"/v1/youth/{created['id']}"
        assert (
            await client.patch(url, json={"family_name": "A"}, headers={**auth(), "If-Match": '"1"'})
        ).status_code == 200
        stale = await client.patch(url, json={"family_name": "B"}, headers={**auth(), "If-Match": '"1"'})
        assert stale.status_code == 412
        assert stale.json()["code"] == "precondition.failed"
        assert (await client.get(url, headers=auth())).json()["family_name"] == "A"

    async def test_changing_the_cpr_updates_the_birth_date(self, client, auth) -> None:
        created = (await register(client, auth())).json()
        response = await client.patch(
            f"/v1/youth/{created['id']}", json={"cpr": "150309-4999"}, headers={**auth(), "If-Match": '"1"'}
        )
        assert response.json()["birth_date"] == "2009-03-15"

    async def test_changing_to_a_taken_cpr_is_409(self, client, auth) -> None:
        taken = synthetic_cpr()
        await register(client, auth(), cpr=taken)
        created = (await register(client, auth())).json()
        response = await client.patch(
            f"/v1/youth/{created['id']}", json={"cpr": taken}, headers={**auth(), "If-Match": '"1"'}
        )
        assert response.status_code == 409

    async def test_caseworker_may_not_change_an_invisible_youth(self, client, auth) -> None:
        created = (await register(client, auth(roles="caseworker", departments="BFU"))).json()
        response = await client.patch(
            f"/v1/youth/{created['id']}",
            json={"family_name": "X"},
            headers={**auth(roles="caseworker", departments="ARB"), "If-Match": '"1"'},
        )
        assert response.status_code == 404


class TestArchive:
    async def test_archive_keeps_the_youth_and_hides_it_from_the_default_list(
        self, client, auth, admin_db, muni
    ) -> None:
        created = (await register(client, auth())).json()
        url = f"/v1/youth/{created['id']}"
        assert (await client.post(f"{url}/archive", headers=auth())).status_code == 428
        response = await client.post(f"{url}/archive", headers={**auth(), "If-Match": '"1"'})
        assert response.status_code == 200
        assert response.json()["archived"] is True
        assert (await client.get("/v1/youth", headers=auth())).json()["items"] == []
        archived = (await client.get("/v1/youth?archived=true", headers=auth())).json()["items"]
        assert [y["id"] for y in archived] == [created["id"]]
        assert (await client.get(url, headers=auth())).status_code == 200
        assert await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni) == 1
        changed = await client.patch(url, json={"family_name": "X"}, headers={**auth(), "If-Match": '"2"'})
        assert changed.status_code == 409
        assert changed.json()["code"] == "youth.archived"

    async def test_caseworker_may_not_archive(self, client, auth) -> None:
        created = (await register(client, auth(roles="caseworker"))).json()
        response = await client.post(
            f"/v1/youth/{created['id']}/archive", headers={**auth(roles="caseworker"), "If-Match": '"1"'}
        )
        assert response.status_code == 403
