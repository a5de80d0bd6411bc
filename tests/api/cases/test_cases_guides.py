"""Departments, cases, guides and the two-authorities rule, through HTTP."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


# Each youth's CPR number by id: a department takes a youth on by CPR (the youth came to it).
CPRS: dict[str, str] = {}


async def new_youth(client, auth, birth: str | None = None, **fields) -> str:
    body = {
        "cpr": synthetic_cpr(birth, 4 if birth is None or int(birth[4:]) <= 36 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
        **fields,
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    CPRS[response.json()["id"]] = body["cpr"]
    return response.json()["id"]


async def open_case(client, headers, youth_id: str, department: str, **fields) -> dict:
    """Opens the case as a department the youth came to: by CPR (cases/rules.py may_take_on)."""
    body = {"youth_cpr": CPRS[youth_id], "department_code": department, "kind": "preventive", **fields}
    response = await client.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def obligations(client, headers, **params) -> list[dict]:
    # Other rules (e.g. referral.missing for the same youth) are not what these tests are about.
    params.setdefault("kind", "guide.offer_due")
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


class TestSettings:
    async def test_defaults_before_seeding_and_admin_only_changes(self, client, auth) -> None:
        response = await client.get("/v1/settings", headers=auth("caseworker"))
        assert response.status_code == 200
        assert response.json()["stored"] is False and response.json()["policy"]["guide_min_authorities"] == 2
        assert (
            await client.put("/v1/settings", json={}, headers={**auth("caseworker"), "If-Match": '"0"'})
        ).status_code == 403
        stored = await client.put(
            "/v1/settings", json={"guide_min_authorities": 3}, headers={**auth("admin"), "If-Match": '"0"'}
        )
        assert stored.status_code == 200, stored.text
        assert stored.json()["version"] == 1 and stored.json()["policy"]["guide_min_authorities"] == 3
        stale = await client.put("/v1/settings", json={}, headers={**auth("admin"), "If-Match": '"0"'})
        assert stale.status_code == 412
        assert (await client.put("/v1/settings", json={}, headers=auth("admin"))).status_code == 428

    async def test_bad_policy_is_422(self, client, auth) -> None:
        response = await client.put(
            "/v1/settings",
            json={"guide_age_min": 25, "guide_age_max": 20},
            headers={**auth("admin"), "If-Match": '"0"'},
        )
        assert response.status_code == 422

    async def test_seed_creates_departments_once(self, client, auth, seeded) -> None:
        again = await client.post("/v1/settings/seed", headers=auth("admin"))
        assert again.status_code == 200
        codes = [
            d["code"]
            for d in (await client.get("/v1/departments", headers=auth("caseworker"))).json()["items"]
        ]
        assert codes == sorted(["ARB", "BFU", "SAEH", "SKOLE", "SUND", "UU"])


class TestDepartments:
    async def test_admin_creates_and_changes_everyone_reads(self, client, auth, seeded) -> None:
        body = {
            "code": "PPR",
            "name": "Pædagogisk Psykologisk Rådgivning",
            "kind": "other",
            "authority_unit": False,
        }
        assert (
            await client.post("/v1/departments", json=body, headers=auth("caseworker"))
        ).status_code == 403
        created = await client.post("/v1/departments", json=body, headers=auth("admin"))
        assert created.status_code == 201
        assert (await client.post("/v1/departments", json=body, headers=auth("admin"))).status_code == 409
        url = f"/v1/departments/{created.json()['id']}"
        changed = await client.patch(
            url, json={"authority_unit": True}, headers={**auth("admin"), "If-Match": '"1"'}
        )
        assert changed.status_code == 200 and changed.json()["authority_unit"] is True
        assert (await client.get(url, headers=auth("guide"))).status_code == 200

    async def test_pages(self, client, auth, seeded) -> None:
        first = (await client.get("/v1/departments?limit=4", headers=auth())).json()
        second = (
            await client.get(f"/v1/departments?limit=4&cursor={first['next_cursor']}", headers=auth())
        ).json()
        assert len(first["items"]) == 4 and len(second["items"]) == 2 and second["next_cursor"] is None


class TestCases:
    async def test_open_read_list_close(self, client, auth, seeded, admin_db, muni) -> None:
        youth_id = await new_youth(client, auth)
        cw = auth("caseworker", "ARB", sub="cw-arb")
        case = await open_case(
            client, cw, youth_id, "ARB", legal_basis_code="LAB § 30", opened_on=(TODAY - timedelta(days=334)).isoformat()
        )
        assert case["caseworker"] == {"sub": "cw-arb", "name": "cw-arb"}
        assert case["open"] is True
        assert (await client.get(f"/v1/cases/{case['id']}", headers=cw)).status_code == 200
        listed = (await client.get(f"/v1/youth/{youth_id}/cases", headers=cw)).json()["items"]
        assert [c["id"] for c in listed] == [case["id"]]
        closed = await client.patch(
            f"/v1/cases/{case['id']}",
            json={"closed_on": TODAY.isoformat()},
            headers={**cw, "If-Match": '"1"'},
        )
        assert closed.status_code == 200 and closed.json()["open"] is False
        actions = [
            r["action"]
            for r in await admin_db.fetch(
                "SELECT action FROM audit_event WHERE municipality_code = $1 AND resource_type = 'case' ORDER BY id",
                muni,
            )
        ]
        assert actions == ["create", "read", "search", "update"]

    async def test_closed_before_opened_is_refused_by_rule_and_database(
        self, client, auth, seeded, admin_db
    ) -> None:
        youth_id = await new_youth(client, auth)
        response = await client.post(
            "/v1/cases",
            json={
                "youth_id": youth_id,
                "department_code": "BFU",
                "kind": "placement",
                "opened_on": (TODAY - timedelta(days=307)).isoformat(),
                "closed_on": (TODAY - timedelta(days=308)).isoformat(),
            },
            headers=auth("caseworker", "BFU"),
        )
        assert response.status_code == 422 and response.json()["code"] == "case.closed_before_opened"
        import asyncpg

        with pytest.raises(asyncpg.CheckViolationError):
            await admin_db.execute("UPDATE youth_case SET closed_on = opened_on - 1")

    async def test_caseworker_writes_only_own_department(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        response = await client.post(
            "/v1/cases",
            json={"youth_id": youth_id, "department_code": "SAEH", "kind": "disability"},
            headers=auth("caseworker", "BFU"),
        )
        assert response.status_code == 403 and response.json()["code"] == "case.department_not_yours"

    async def test_unknown_department_and_unknown_youth(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        unknown = await client.post(
            "/v1/cases",
            json={"youth_id": youth_id, "department_code": "XYZ", "kind": "other"},
            headers=auth("admin"),
        )
        assert unknown.status_code == 422 and unknown.json()["code"] == "case.unknown_department"
        nobody = await client.post(
            "/v1/cases",
            json={
                "youth_id": "00000000-0000-0000-0000-000000000000",
                "department_code": "BFU",
                "kind": "other",
            },
            headers=auth("admin"),
        )
        assert nobody.status_code == 404

    async def test_integration_upserts_by_external_reference_without_duplicates(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth)
        integ = auth("integration", [])
        body = {
            "youth_id": youth_id,
            "department_code": "BFU",
            "kind": "placement",
            "legal_basis_code": "BL § 46",
            "opened_on": (TODAY - timedelta(days=583)).isoformat(),
        }
        first = await client.put("/v1/cases/by-external/journal/SAG-1", json=body, headers=integ)
        second = await client.put("/v1/cases/by-external/journal/SAG-1", json=body, headers=integ)
        assert first.status_code == 201 and second.status_code == 200
        assert first.json()["id"] == second.json()["id"] and second.json()["version"] == 1
        changed = await client.put(
            "/v1/cases/by-external/journal/SAG-1", json={**body, "closed_on": (TODAY - timedelta(days=338)).isoformat()}, headers=integ
        )
        assert changed.json()["version"] == 2 and changed.json()["external_ref"] == {
            "system": "journal",
            "id": "SAG-1",
        }
        stale = await client.put(
            "/v1/cases/by-external/journal/SAG-1", json=body, headers={**integ, "If-Match": '"1"'}
        )
        assert stale.status_code == 412
        assert (
            await admin_db.fetchval("SELECT count(*) FROM youth_case WHERE municipality_code = $1", muni) == 1
        )

    async def test_list_filters(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        await open_case(client, auth("admin"), youth_id, "BFU", kind="placement")
        await open_case(
            client,
            auth("admin"),
            youth_id,
            "ARB",
            kind="employment",
            opened_on=f"{TODAY.year - 1}-01-01",
            closed_on=f"{TODAY.year - 1}-06-01",
        )
        assert len((await client.get("/v1/cases?open=true", headers=auth())).json()["items"]) == 1
        assert len((await client.get("/v1/cases?open=false", headers=auth())).json()["items"]) == 1
        assert len((await client.get("/v1/cases?department=ARB", headers=auth())).json()["items"]) == 1
        assert len((await client.get("/v1/cases?kind=placement", headers=auth())).json()["items"]) == 1


class TestScope:
    async def test_caseworker_sees_youth_with_an_open_case_in_their_department(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth, registered_by_department="SKOLE")
        bfu, arb, saeh = auth("caseworker", "BFU"), auth("caseworker", "ARB"), auth("caseworker", "SAEH")
        assert (await client.get(f"/v1/youth/{youth_id}", headers=bfu)).status_code == 404
        await open_case(client, bfu, youth_id, "BFU")
        await open_case(client, arb, youth_id, "ARB")
        assert (await client.get(f"/v1/youth/{youth_id}", headers=bfu)).status_code == 200
        assert (await client.get(f"/v1/youth/{youth_id}", headers=arb)).status_code == 200
        assert (await client.get(f"/v1/youth/{youth_id}", headers=saeh)).status_code == 404
        assert (await client.get(f"/v1/youth/{youth_id}/cases", headers=saeh)).status_code == 404
        assert (await client.get("/v1/cases", headers=saeh)).json()["items"] == []
        assert (await client.get(f"/v1/youth/{youth_id}/obligations", headers=saeh)).status_code == 404

    async def test_a_closed_case_ends_the_visibility(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, registered_by_department="SKOLE")
        arb = auth("caseworker", "ARB")
        case = await open_case(client, arb, youth_id, "ARB", opened_on=f"{TODAY.year - 1}-01-01")
        await client.patch(
            f"/v1/cases/{case['id']}",
            json={"closed_on": TODAY.isoformat()},
            headers={**arb, "If-Match": '"1"'},
        )
        assert (await client.get(f"/v1/youth/{youth_id}", headers=arb)).status_code == 404

    async def test_the_guide_sees_the_youth(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, registered_by_department="SKOLE")
        guide_headers = auth("guide", "UU", sub="guide-7")
        assert (await client.get(f"/v1/youth/{youth_id}", headers=guide_headers)).status_code == 404
        offer = await client.post(
            "/v1/guides",
            json={"youth_id": youth_id, "guide": {"sub": "guide-7", "name": "Guide Syv"}},
            headers=auth("admin"),
        )
        assert offer.status_code == 201
        assert (await client.get(f"/v1/youth/{youth_id}", headers=guide_headers)).status_code == 200


class TestGuides:
    async def test_lifecycle_and_illegal_moves(self, client, auth, seeded, admin_db, muni) -> None:
        youth_id = await new_youth(client, auth)
        cw = auth("caseworker", "BFU", sub="cw-bfu", name="Rådgiver B")
        offer = await client.post(
            "/v1/guides",
            json={"youth_id": youth_id, "guide": {"sub": "g1", "name": "Guide En", "department": "UU"}},
            headers=cw,
        )
        assert offer.status_code == 201, offer.text
        guide = offer.json()
        assert guide["state"] == "offered"
        assert guide["coordinating_caseworker"] == {
            "sub": "cw-bfu",
            "name": "Rådgiver B",
            "department": "BFU",
        }
        url = f"/v1/guides/{guide['id']}"
        bad = await client.post(f"{url}/activate", headers={**cw, "If-Match": '"1"'})
        assert bad.status_code == 409 and bad.json()["code"] == "guide.invalid_transition"
        assert (await client.post(f"{url}/accept", headers=cw)).status_code == 428
        accepted = await client.post(f"{url}/accept", headers={**cw, "If-Match": '"1"'})
        assert accepted.json()["state"] == "accepted" and accepted.json()["responded_on"] == TODAY.isoformat()
        active = await client.post(
            f"{url}/activate", json={"on": TODAY.isoformat()}, headers={**cw, "If-Match": '"2"'}
        )
        assert active.json()["state"] == "active" and active.json()["started_on"] == TODAY.isoformat()
        second = await client.post(
            "/v1/guides", json={"youth_id": youth_id, "guide": {"sub": "g2", "name": "To"}}, headers=cw
        )
        assert second.status_code == 409 and second.json()["code"] == "guide.already_active"
        ended = await client.post(
            f"{url}/end", json={"reason": "Den unge er i job"}, headers={**cw, "If-Match": '"3"'}
        )
        assert ended.json()["state"] == "ended" and ended.json()["reason"] == "Den unge er i job"
        assert (await client.post(f"{url}/decline", headers={**cw, "If-Match": '"4"'})).status_code == 409
        actions = [
            r["action"]
            for r in await admin_db.fetch(
                "SELECT action FROM audit_event WHERE municipality_code = $1 AND resource_type = 'guide' ORDER BY id",
                muni,
            )
        ]
        assert actions == ["create", "accept", "activate", "end"]

    async def test_the_database_refuses_a_second_open_guide(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth)
        await client.post(
            "/v1/guides", json={"youth_id": youth_id, "guide": {"sub": "g1", "name": "En"}}, headers=auth()
        )
        import asyncpg

        with pytest.raises(asyncpg.UniqueViolationError):
            await admin_db.execute(
                "INSERT INTO guide_assignment (municipality_code, youth_id, state, guide_sub, guide_name, offered_by_sub,"
                " offered_by_name, assigned_via, offered_on) SELECT municipality_code, youth_id, 'active', 'g2', 'To',"
                " 'x', 'x', 'caseworker', $2::date FROM guide_assignment WHERE municipality_code = $1",
                muni,
                TODAY,
            )

    async def test_offer_for_invisible_youth_is_404(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, registered_by_department="SKOLE")
        response = await client.post(
            "/v1/guides",
            json={"youth_id": youth_id, "guide": {"sub": "g", "name": "G"}},
            headers=auth("caseworker", "ARB"),
        )
        assert response.status_code == 404

    async def test_list_my_guidances(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        await client.post(
            "/v1/guides", json={"youth_id": youth_id, "guide": {"sub": "g-me", "name": "Mig"}}, headers=auth()
        )
        mine = await client.get("/v1/guides?guide=me", headers=auth("guide", "UU", sub="g-me"))
        assert [g["youth_id"] for g in mine.json()["items"]] == [youth_id]


class TestGuideOfferDue:
    async def test_the_whole_flow(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, registered_by_department="SKOLE")
        bfu = auth("caseworker", "BFU", sub="cw-bfu")
        arb = auth("caseworker", "ARB", sub="cw-arb")
        # The youth is 16 (turned 15 on 1 January last year): the second authority's case makes it due.
        second_opened = TODAY - timedelta(days=270)
        await open_case(client, bfu, youth_id, "BFU", opened_on=(TODAY - timedelta(days=300)).isoformat())
        assert [o for o in await obligations(client, bfu) if o["youth_id"] == youth_id] == []
        arb_case = await open_case(client, arb, youth_id, "ARB", opened_on=second_opened.isoformat())
        items = await obligations(client, bfu)
        assert [(o["kind"], o["youth_id"], o["due_on"]) for o in items] == [
            ("guide.offer_due", youth_id, second_opened.isoformat())
        ]
        assert items[0]["responsible_departments"] == ["ARB", "BFU"]
        assert items[0]["responsible_subs"] == ["cw-arb", "cw-bfu"]
        assert items[0]["overdue"] is True
        # Visible through the other department, the youth's view and the filters too.
        assert len(await obligations(client, arb, responsible="me")) == 1
        assert (
            len(await obligations(client, auth("caseworker", "SAEH", sub="cw-saeh"), responsible="me")) == 0
        )
        assert len(await obligations(client, bfu, department="ARB")) == 1
        assert len(await obligations(client, bfu, department="UU")) == 0
        day_after = (second_opened + timedelta(days=1)).isoformat()
        assert len(await obligations(client, bfu, kind="guide.offer_due", due_before=day_after)) == 1
        assert len(await obligations(client, bfu, due_before=second_opened.isoformat())) == 0
        youth_view = await client.get(f"/v1/youth/{youth_id}/obligations", headers=bfu)
        assert [o["kind"] for o in youth_view.json()["items"] if o["kind"] == "guide.offer_due"] == ["guide.offer_due"]
        danish = await client.get("/v1/obligations?kind=guide.offer_due", headers={**bfu, "Accept-Language": "da"})
        assert danish.json()["items"][0]["title"].startswith("Tilbyd en ungeguide")
        # Closing one case after the offer fell due no longer removes it (§8.2, it used to): the
        # missed offer stays, overdue, with the departments of the cases open on its last day.
        await client.patch(
            f"/v1/cases/{arb_case['id']}",
            json={"closed_on": TODAY.isoformat()},
            headers={**arb, "If-Match": '"1"'},
        )
        items = await obligations(client, bfu)
        assert [(o["kind"], o["due_on"], o["overdue"]) for o in items] == [
            ("guide.offer_due", second_opened.isoformat(), True)
        ]
        assert (items[0]["responsible_departments"], items[0]["responsible_subs"]) == (
            ["ARB", "BFU"],
            ["cw-arb", "cw-bfu"],
        )

    async def test_offering_a_guide_removes_it_and_a_decline_keeps_it_quiet(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth)
        admin = auth("admin")
        await open_case(client, admin, youth_id, "BFU", opened_on=f"{TODAY.year - 1}-02-01")
        await open_case(client, admin, youth_id, "ARB", opened_on=f"{TODAY.year - 1}-02-01")
        assert len(await obligations(client, admin)) == 1
        declined_on = TODAY - timedelta(days=10)
        offered_on = (declined_on - timedelta(days=5)).isoformat()
        offer = (
            await client.post(
                "/v1/guides",
                json={"youth_id": youth_id, "guide": {"sub": "g", "name": "G"}, "offered_on": offered_on},
                headers=admin,
            )
        ).json()
        assert await obligations(client, admin) == []
        await client.post(
            f"/v1/guides/{offer['id']}/decline",
            json={"on": declined_on.isoformat()},
            headers={**admin, "If-Match": '"1"'},
        )
        assert await obligations(client, admin) == []
        far_ahead = (declined_on + timedelta(days=190)).isoformat()
        assert len(await obligations(client, admin, as_of=far_ahead)) == 1

    async def test_same_department_twice_and_non_authority_units_do_not_count(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth)
        admin = auth("admin")
        await open_case(client, admin, youth_id, "BFU", opened_on=f"{TODAY.year - 1}-02-01")
        await open_case(client, admin, youth_id, "BFU", kind="placement", opened_on=f"{TODAY.year - 1}-03-01")
        await open_case(client, admin, youth_id, "SKOLE", opened_on=f"{TODAY.year - 1}-03-01")
        await open_case(client, admin, youth_id, "SUND", opened_on=f"{TODAY.year - 1}-03-01")
        assert await obligations(client, admin) == []

    async def test_age_window_edges_and_the_policy_threshold(self, client, auth, seeded) -> None:
        admin = auth("admin")
        fifteenth_birthday = TODAY + timedelta(days=300)
        if (fifteenth_birthday.month, fifteenth_birthday.day) == (2, 29):
            fifteenth_birthday += timedelta(days=1)
        born = fifteenth_birthday.replace(year=fifteenth_birthday.year - 15)
        young = await new_youth(client, auth, birth=born.strftime("%d%m%y"))  # 14 years old
        opened_on = (TODAY - timedelta(days=60)).isoformat()
        for youth_id in (young,):
            await open_case(client, admin, youth_id, "BFU", opened_on=opened_on)
            await open_case(client, admin, youth_id, "ARB", opened_on=opened_on)
        assert await obligations(client, admin) == []
        turns_15 = fifteenth_birthday.isoformat()
        assert [o["due_on"] for o in await obligations(client, admin, as_of=turns_15)] == [turns_15]
        day_before = (fifteenth_birthday - timedelta(days=1)).isoformat()
        assert await obligations(client, admin, as_of=day_before) == []
        await client.put(
            "/v1/settings", json={"guide_min_authorities": 3}, headers={**admin, "If-Match": '"1"'}
        )
        assert await obligations(client, admin, as_of=turns_15) == []

    async def test_pages_through_a_larger_worklist(self, client, auth, seeded) -> None:
        admin = auth("admin")
        ids = []
        for _ in range(5):
            youth_id = await new_youth(client, auth)
            await open_case(client, admin, youth_id, "BFU", opened_on=f"{TODAY.year - 1}-02-01")
            await open_case(client, admin, youth_id, "ARB", opened_on=f"{TODAY.year - 1}-02-01")
            ids.append(youth_id)
        seen, cursor = [], None
        while True:
            params = {"limit": 2, "kind": "guide.offer_due", **({"cursor": cursor} if cursor else {})}
            body = (await client.get("/v1/obligations", params=params, headers=admin)).json()
            seen += [o["youth_id"] for o in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(ids) and len(seen) == 5

    async def test_sql_birthday_function_matches_the_rule(self, admin_db) -> None:
        from ungeapi.youth.rules import date_turning

        for born in (date(2008, 2, 29), date(2000, 2, 29), date(2010, 12, 31), date(2011, 3, 1)):
            for age in (15, 16, 17, 18, 92):
                assert await admin_db.fetchval(
                    "SELECT ungeapi_date_turning($1, $2)", born, age
                ) == date_turning(born, age)
