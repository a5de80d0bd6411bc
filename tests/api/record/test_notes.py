"""Coordination notes through HTTP: written, corrected as new versions, read with their history,
listed per youth, withheld by class, refused across municipalities and departments, on the feed."""

from __future__ import annotations

from typing import Any

from tests.api.record.world import World, feed_types, world
from tests.conftest import TokenFactory


async def write(
    client: Any, w: World, headers: dict[str, str] | None = None, **fields: Any
) -> dict[str, Any]:
    body = {"youth_id": w.youth_id, "text": "Aftalt: praktik i fire uger.", **fields}
    response = await client.post("/v1/notes", json=body, headers=headers or w.bfu)
    assert response.status_code == 201, response.text
    return response.json()


class TestNotes:
    async def test_a_correction_is_a_new_version_and_the_old_text_stays(
        self, client, auth: TokenFactory, admin_db
    ) -> None:
        w = await world(client, auth)
        note = await write(client, w)
        assert (note["author"]["department"], note["version"], note["information_class"]) == (
            "BFU",
            1,
            "essential",
        )
        assert [v["number"] for v in note["versions"]] == [1]
        corrected = await client.post(
            f"/v1/notes/{note['id']}/corrections",
            json={"text": "Aftalt: praktik i tre uger.", "reason": "Skrevet forkert."},
            headers={**w.bfu, "If-Match": '"1"'},
        )
        assert corrected.status_code == 200, corrected.text
        read = await client.get(f"/v1/notes/{note['id']}", headers=w.arb)
        assert read.status_code == 200, read.text
        body = read.json()
        assert body["text"] == "Aftalt: praktik i tre uger." and body["version"] == 2
        assert [(v["number"], v["text"], v["reason"]) for v in body["versions"]] == [
            (1, "Aftalt: praktik i fire uger.", None),
            (2, "Aftalt: praktik i tre uger.", "Skrevet forkert."),
        ]
        stale = await client.post(
            f"/v1/notes/{note['id']}/corrections",
            json={"text": "x", "reason": "igen"},
            headers={**w.bfu, "If-Match": '"1"'},
        )
        assert stale.status_code == 412
        assert await feed_types(client, admin_db, auth("admin"), note["id"]) == [
            "note.created",
            "note.updated",
        ]

    async def test_only_the_authors_department_corrects(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        note = await write(client, w)
        refused = await client.post(
            f"/v1/notes/{note['id']}/corrections",
            json={"text": "ARB's version", "reason": "Uenig."},
            headers={**w.arb, "If-Match": '"1"'},
        )
        assert (refused.status_code, refused.json()["code"]) == (403, "note.not_author_department")
        assert (await client.get(f"/v1/notes/{note['id']}", headers=w.bfu)).json()["version"] == 1

    async def test_a_protected_class_withholds_the_text_from_another_department(
        self, client, auth: TokenFactory
    ) -> None:
        w = await world(client, auth)
        note = await write(client, w, text="Misbrug drøftet med forældrene.", information_class="misuse")
        seen_by_arb = (await client.get(f"/v1/notes/{note['id']}", headers=w.arb)).json()
        assert (seen_by_arb["text"], seen_by_arb["versions"]) == (None, None)
        assert seen_by_arb["withheld"] == [{"part": "text", "information_class": "misuse"}]
        listed = await client.get("/v1/notes", params={"youth_id": w.youth_id}, headers=w.arb)
        assert [n["text"] for n in listed.json()["items"]] == [None]
        own = (await client.get(f"/v1/notes/{note['id']}", headers=w.bfu)).json()
        assert own["text"] == "Misbrug drøftet med forældrene." and own["withheld"] == []
        # Corrected to essential: the misuse version before stays withheld from ARB.
        await client.post(
            f"/v1/notes/{note['id']}/corrections",
            json={
                "text": "Møde holdt.",
                "reason": "Kun det væsentlige deles.",
                "information_class": "essential",
            },
            headers={**w.bfu, "If-Match": '"1"'},
        )
        history = (await client.get(f"/v1/notes/{note['id']}", headers=w.arb)).json()["versions"]
        assert [v["text"] for v in history] == [None, "Møde holdt."]

    async def test_listed_per_youth_newest_first_a_page_at_a_time(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        written = [(await write(client, w, text=f"Notat {n}"))["id"] for n in range(3)]
        first = await client.get("/v1/notes", params={"youth_id": w.youth_id, "limit": 2}, headers=w.bfu)
        assert first.status_code == 200, first.text
        second = await client.get(
            "/v1/notes",
            params={"youth_id": w.youth_id, "limit": 2, "cursor": first.json()["next_cursor"]},
            headers=w.bfu,
        )
        ids = [n["id"] for n in first.json()["items"] + second.json()["items"]]
        assert ids == written[::-1] and second.json()["next_cursor"] is None
        assert all(n["versions"] is None for n in first.json()["items"])

    async def test_about_one_record_of_the_youth(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        cases = await client.get("/v1/cases", params={"youth_id": w.youth_id}, headers=auth("admin"))
        case_id = cases.json()["items"][0]["id"]
        note = await write(client, w, subject_type="case", subject_id=case_id)
        about = await client.get(
            "/v1/notes", params={"youth_id": w.youth_id, "subject_id": case_id}, headers=w.bfu
        )
        assert [n["id"] for n in about.json()["items"]] == [note["id"]]
        body = {"youth_id": w.youth_id, "text": "x", "subject_type": "plan", "subject_id": case_id}
        wrong = await client.post("/v1/notes", json=body, headers=w.bfu)
        assert (wrong.status_code, wrong.json()["code"]) == (422, "note.subject_not_found")
        half = await client.post("/v1/notes", json={**body, "subject_type": None}, headers=w.bfu)
        assert (half.status_code, half.json()["code"]) == (422, "note.subject_incomplete")

    async def test_another_municipality_and_a_department_without_the_youth_see_nothing(
        self, client, auth: TokenFactory
    ) -> None:
        w = await world(client, auth)
        note = await write(client, w)
        for headers in (w.other_municipality, auth("caseworker", "SKOLE", sub="s@skole")):
            read = await client.get(f"/v1/notes/{note['id']}", headers=headers)
            assert (read.status_code, read.json()["code"]) == (404, "note.not_found")
            listed = await client.get("/v1/notes", params={"youth_id": w.youth_id}, headers=headers)
            assert (listed.status_code, listed.json()["code"]) == (404, "youth.not_found")
        written = await client.post(
            "/v1/notes", json={"youth_id": w.youth_id, "text": "x"}, headers=w.other_municipality
        )
        assert (written.status_code, written.json()["code"]) == (404, "youth.not_found")
        analyst = await client.get(f"/v1/notes/{note['id']}", headers=auth("analyst", []))
        assert analyst.status_code == 403

    async def test_reads_are_audited(self, client, auth: TokenFactory, admin_db) -> None:
        w = await world(client, auth)
        note = await write(client, w)
        await client.get(f"/v1/notes/{note['id']}", headers=w.arb)
        actions = await admin_db.fetch(
            "SELECT action, sub FROM audit_event WHERE resource_type = 'note' AND resource_id = $1 "
            "ORDER BY id",
            note["id"],
        )
        assert [(a["action"], a["sub"]) for a in actions] == [("create", "bente@bfu"), ("read", "arne@arb")]
