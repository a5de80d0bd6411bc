"""R9 through HTTP for network meetings, team meetings, absence records and concerns: the owning
department reads everything; another department in the effort reads the essential parts and the
answer lists the rest as withheld; a consent in force for the class opens it (revoked or expired,
it does not); a § 28 disclosure opens exactly that record; a part so opened is audited as a
disclosure and shown in the youth's access log; only the owner changes a record's class."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from tests.api.disclosure.test_information_classes import (
    Youth,
    give_consent,
    open_saeh_case,
    revoke,
    withheld,
)
from tests.clock import TODAY

WORRIES = "Bekymret for hash-misbrug og søvn"
NEXT_STEPS = "Misbrugsbehandling i Ungeenheden"
NOTES = "Referat: angst, medicin justeret"
REASON = "Voksenområdet skal planlægge støtten fra 18 år."


async def network_meeting(client, headers, youth_id: str, **extra: object) -> dict:
    body = {
        "youth_id": youth_id,
        "held_on": (TODAY - timedelta(days=2)).isoformat(),
        "title": "Netværksmøde om skolen",
        "frame": {"worries": WORRIES, "what_works": "Fodbold om tirsdagen", "next_steps": NEXT_STEPS},
        **extra,
    }
    response = await client.post("/v1/network-meetings", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def absence(client, headers, youth_id: str, **extra: object) -> dict:
    body = {
        "youth_id": youth_id,
        "school_name": "Nordbyskolen",
        "quarter": f"{TODAY.year - 1}Q3",
        "lawful_pct": 3.2,
        "unlawful_pct": 16.5,
        "sick_pct": 27.75,
        **extra,
    }
    response = await client.post("/v1/absence", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def disclosures_in_log(client, auth, youth_id: str) -> list[dict]:
    log = await client.get(f"/v1/youth/{youth_id}/access-log?limit=200", headers=auth("dpo", "BFU"))
    assert log.status_code == 200, log.text
    return [e for e in log.json()["items"] if e["action"] == "disclose"]


def frame_hidden(body: dict) -> bool:
    frame = body["frame"]
    return frame["worries"] is None and frame["what_works"] is None and frame["next_steps"] is None


class TestNetworkMeetings:
    async def test_owner_reads_everything(self, client, youth: Youth, bfu) -> None:
        made = await network_meeting(client, bfu, youth.id)
        assert made["information_class"] == "social" and made["withheld"] == []
        read = (await client.get(f"/v1/network-meetings/{made['id']}", headers=bfu)).json()
        assert read["frame"]["worries"] == WORRIES and read["withheld"] == []

    async def test_other_department_sees_the_essential_parts(self, client, youth: Youth, bfu, saeh) -> None:
        made = await network_meeting(client, bfu, youth.id)
        await open_saeh_case(client, saeh, youth)
        single = await client.get(f"/v1/network-meetings/{made['id']}", headers=saeh)
        assert single.status_code == 200, single.text
        body = single.json()
        assert frame_hidden(body) and withheld(body) == {("frame", "social")}
        assert body["title"] == "Netværksmøde om skolen" and body["held_on"] == made["held_on"]
        listed = await client.get(f"/v1/network-meetings?youth_id={youth.id}", headers=saeh)
        assert listed.status_code == 200 and WORRIES not in listed.text
        assert [withheld(m) for m in listed.json()["items"]] == [{("frame", "social")}]

    async def test_consent_for_the_class_opens_it_until_revoked(
        self, client, auth, youth: Youth, bfu, saeh
    ) -> None:
        made = await network_meeting(client, bfu, youth.id)
        await open_saeh_case(client, saeh, youth)
        health = await give_consent(client, auth, youth.id, ["health"])
        body = (await client.get(f"/v1/network-meetings/{made['id']}", headers=saeh)).json()
        assert frame_hidden(body), "a consent for another class opens nothing"
        await revoke(client, auth, health)
        consent = await give_consent(client, auth, youth.id, ["social"])
        body = (await client.get(f"/v1/network-meetings/{made['id']}", headers=saeh)).json()
        assert body["frame"]["worries"] == WORRIES and body["withheld"] == []
        listed = await client.get(f"/v1/network-meetings?youth_id={youth.id}", headers=saeh)
        assert WORRIES in listed.text
        # Both reads disclosed the frame to SAEH under the consent: audited, shown in the access log.
        logged = [
            e
            for e in await disclosures_in_log(client, auth, youth.id)
            if e["resource_type"] == "network_meeting"
        ]
        assert len(logged) == 2
        assert {(e["department"], e["consent_id"]) for e in logged} == {("SAEH", consent)}
        await revoke(client, auth, consent)
        body = (await client.get(f"/v1/network-meetings/{made['id']}", headers=saeh)).json()
        assert frame_hidden(body)

    async def test_expired_consent_opens_nothing(
        self, client, auth, youth: Youth, bfu, saeh, admin_db
    ) -> None:
        made = await network_meeting(client, bfu, youth.id)
        await open_saeh_case(client, saeh, youth)
        consent = await give_consent(client, auth, youth.id, ["social"])
        assert not frame_hidden((await client.get(f"/v1/network-meetings/{made['id']}", headers=saeh)).json())
        await admin_db.execute(
            "UPDATE consent SET valid_from = $2, valid_until = $3 WHERE id = $1",
            uuid.UUID(consent),
            TODAY - timedelta(days=30),
            TODAY - timedelta(days=1),
        )
        assert frame_hidden((await client.get(f"/v1/network-meetings/{made['id']}", headers=saeh)).json())

    async def test_disclosure_opens_exactly_that_meeting(self, client, auth, youth: Youth, bfu, saeh) -> None:
        first = await network_meeting(client, bfu, youth.id)
        second = await network_meeting(client, bfu, youth.id, title="Opfølgning")
        await open_saeh_case(client, saeh, youth)
        body = {
            "resource_type": "network_meeting",
            "record_id": first["id"],
            "recipient_department": "SAEH",
            "legal_basis": "fvl_28_stk_2",
            "reason": REASON,
        }
        refused = await client.post("/v1/disclosures", json=body, headers=saeh)
        assert refused.status_code == 403 and refused.json()["code"] == "disclosure.not_owner"
        response = await client.post("/v1/disclosures", json=body, headers=bfu)
        assert response.status_code == 201, response.text
        disclosure = response.json()
        assert disclosure["information_class"] == "social" and disclosure["youth_id"] == youth.id
        opened = (await client.get(f"/v1/network-meetings/{first['id']}", headers=saeh)).json()
        assert opened["frame"]["next_steps"] == NEXT_STEPS and opened["withheld"] == []
        closed = (await client.get(f"/v1/network-meetings/{second['id']}", headers=saeh)).json()
        assert frame_hidden(closed)
        logged = [
            e
            for e in await disclosures_in_log(client, auth, youth.id)
            if e["resource_type"] == "network_meeting"
        ]
        # The disclosure itself, and the read it opened.
        assert len(logged) == 2 and {e["department"] for e in logged} >= {"SAEH"}

    async def test_only_the_owner_changes_the_class(self, client, youth: Youth, bfu, saeh) -> None:
        made = await network_meeting(client, bfu, youth.id, information_class="misuse")
        assert made["information_class"] == "misuse"
        await open_saeh_case(client, saeh, youth)
        url = f"/v1/network-meetings/{made['id']}"
        refused = await client.patch(
            url, json={"information_class": "essential"}, headers={**saeh, "If-Match": '"1"'}
        )
        assert refused.status_code == 403 and refused.json()["code"] == "disclosure.class_not_owner"
        assert withheld((await client.get(url, headers=saeh)).json()) == {("frame", "misuse")}
        # Another change by SAEH is answered without the protected parts.
        changed = await client.patch(url, json={"title": "Nyt møde"}, headers={**saeh, "If-Match": '"1"'})
        assert changed.status_code == 200 and WORRIES not in changed.text
        response = await client.patch(
            url, json={"information_class": "essential"}, headers={**bfu, "If-Match": '"2"'}
        )
        assert response.status_code == 200, response.text
        body = (await client.get(url, headers=saeh)).json()
        assert body["information_class"] == "essential" and body["frame"]["worries"] == WORRIES

    async def test_the_export_goes_through_the_filter(self, client, auth, youth: Youth, bfu) -> None:
        await network_meeting(client, bfu, youth.id)
        export = await client.get(f"/v1/youth/{youth.id}/export", headers=auth("dpo", "BFU"))
        assert export.status_code == 200, export.text
        [meeting] = export.json()["sections"]["network_meetings"]
        assert meeting["frame"]["worries"] == WORRIES and meeting["information_class"] == "social"


class TestAbsence:
    async def test_sick_share_is_health(self, client, auth, youth: Youth, bfu, saeh) -> None:
        made = await absence(client, bfu, youth.id)
        assert made["sick_pct"] == 27.75 and made["information_class"] == "health" and made["withheld"] == []
        await open_saeh_case(client, saeh, youth)
        url = f"/v1/absence/{made['id']}"
        body = (await client.get(url, headers=saeh)).json()
        assert body["sick_pct"] is None and withheld(body) == {("sickness", "health")}
        # The shares R22/R23 act on stay essential.
        assert body["unlawful_pct"] == 16.5 and body["lawful_pct"] == 3.2 and body["level"] == "notification"
        listed = await client.get(f"/v1/absence?youth_id={youth.id}", headers=saeh)
        assert [a["sick_pct"] for a in listed.json()["items"]] == [None]
        social = await give_consent(client, auth, youth.id, ["social"])
        assert (await client.get(url, headers=saeh)).json()["sick_pct"] is None
        await revoke(client, auth, social)
        consent = await give_consent(client, auth, youth.id, ["health"])
        assert (await client.get(url, headers=saeh)).json()["sick_pct"] == 27.75
        logged = [
            e for e in await disclosures_in_log(client, auth, youth.id) if e["resource_type"] == "absence"
        ]
        assert [(e["department"], e["consent_id"]) for e in logged] == [("SAEH", consent)]
        await revoke(client, auth, consent)
        assert (await client.get(url, headers=saeh)).json()["sick_pct"] is None
        refused = await client.patch(
            url, json={"information_class": "essential"}, headers={**saeh, "If-Match": '"1"'}
        )
        assert refused.status_code == 403 and refused.json()["code"] == "disclosure.class_not_owner"

    async def test_writer_may_mark_it_essential(self, client, youth: Youth, bfu, saeh) -> None:
        made = await absence(client, bfu, youth.id, information_class="essential")
        await open_saeh_case(client, saeh, youth)
        body = (await client.get(f"/v1/absence/{made['id']}", headers=saeh)).json()
        assert body["sick_pct"] == 27.75 and body["withheld"] == []

    async def test_disclosure_opens_that_record(self, client, youth: Youth, bfu, saeh) -> None:
        made = await absence(client, bfu, youth.id)
        other = await absence(client, bfu, youth.id, quarter=f"{TODAY.year - 1}Q2")
        await open_saeh_case(client, saeh, youth)
        body = {
            "resource_type": "absence",
            "record_id": made["id"],
            "recipient_department": "SAEH",
            "legal_basis": "fvl_28_stk_3",
            "reason": REASON,
        }
        assert (await client.post("/v1/disclosures", json=body, headers=bfu)).status_code == 201
        assert (await client.get(f"/v1/absence/{made['id']}", headers=saeh)).json()["sick_pct"] == 27.75
        assert (await client.get(f"/v1/absence/{other['id']}", headers=saeh)).json()["sick_pct"] is None


class TestTeamMeetings:
    MEMBERS: ClassVar[list[dict[str, object]]] = [
        {
            "sub": "raadgiver-bfu",
            "name": "Rådgiver Bente",
            "department": "BFU",
            "role": "Rådgiver",
            "lead": True,
        },
        {"department": "SAEH", "role": "Myndighed Handicap"},
    ]

    async def meeting(self, client, auth, youth: Youth, **extra: object) -> tuple[str, dict]:
        lead = auth("coordinator", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        team = await client.post(
            "/v1/teams", json={"youth_id": youth.id, "members": self.MEMBERS}, headers=lead
        )
        assert team.status_code == 201, team.text
        body = {
            "held_on": (TODAY - timedelta(days=1)).isoformat(),
            "youth_present": True,
            "parents_present": False,
            "frame": {"worries": WORRIES, "next_steps": NEXT_STEPS},
            "notes": NOTES,
            **extra,
        }
        meeting = await client.post(f"/v1/teams/{team.json()['id']}/meetings", json=body, headers=lead)
        assert meeting.status_code == 201, meeting.text
        return team.json()["id"], meeting.json()

    async def test_team_notes_withheld_outside_the_leads_department(
        self, client, auth, youth: Youth, bfu, saeh
    ) -> None:
        team_id, made = await self.meeting(client, auth, youth)
        assert made["lead_department"] == "BFU" and made["youth_id"] == youth.id
        assert made["notes"] == NOTES and made["information_class"] == "social" and made["withheld"] == []
        url = f"/v1/teams/{team_id}/meetings"
        own = (await client.get(url, headers=bfu)).json()["items"]
        assert [m["notes"] for m in own] == [NOTES]
        await open_saeh_case(client, saeh, youth)
        response = await client.get(url, headers=saeh)
        assert response.status_code == 200, response.text
        [meeting] = response.json()["items"]
        assert meeting["notes"] is None and frame_hidden(meeting)
        assert withheld(meeting) == {("frame", "social"), ("notes", "social")}
        assert meeting["youth_present"] is True and NOTES not in response.text
        consent = await give_consent(client, auth, youth.id, ["social"])
        [meeting] = (await client.get(url, headers=saeh)).json()["items"]
        assert meeting["notes"] == NOTES and meeting["withheld"] == []
        logged = [
            e
            for e in await disclosures_in_log(client, auth, youth.id)
            if e["resource_type"] == "team_meeting"
        ]
        assert [(e["department"], e["consent_id"]) for e in logged] == [("SAEH", consent)]
        await revoke(client, auth, consent)
        [meeting] = (await client.get(url, headers=saeh)).json()["items"]
        assert meeting["notes"] is None

    async def test_disclosure_of_a_team_meeting(self, client, auth, youth: Youth, bfu, saeh) -> None:
        team_id, made = await self.meeting(client, auth, youth, information_class="health")
        await open_saeh_case(client, saeh, youth)
        body = {
            "resource_type": "team_meeting",
            "record_id": made["id"],
            "recipient_department": "SAEH",
            "legal_basis": "fvl_28_stk_2",
            "reason": REASON,
        }
        response = await client.post("/v1/disclosures", json=body, headers=bfu)
        assert response.status_code == 201, response.text
        assert response.json()["information_class"] == "health" and response.json()["youth_id"] == youth.id
        [meeting] = (await client.get(f"/v1/teams/{team_id}/meetings", headers=saeh)).json()["items"]
        assert meeting["notes"] == NOTES
        arb = auth("caseworker", "ARB", sub="raadgiver-arb")
        taken = await client.post(
            "/v1/cases",
            json={"youth_cpr": youth.cpr, "department_code": "ARB", "kind": "employment"},
            headers=arb,
        )
        assert taken.status_code == 201, taken.text
        [meeting] = (await client.get(f"/v1/teams/{team_id}/meetings", headers=arb)).json()["items"]
        assert meeting["notes"] is None


class TestConcerns:
    """A concern is read only by its receiving department (and admin/dpo): the owner. Its answers
    carry the class all the same, and every read path passes the filter."""

    BODY: ClassVar[dict[str, object]] = {
        "sender": {
            "kind": "professional",
            "name": "Lærer Lise",
            "profession": "Lærer",
            "department_code": "SKOLE",
        },
        "made_in_dialogue": False,
        "level": 3,
        "frame": {"worries": WORRIES},
    }

    async def test_receiving_department_reads_everything(self, client, auth, youth: Youth, bfu) -> None:
        response = await client.post(
            "/v1/concerns",
            json={**self.BODY, "youth_id": youth.id, "information_class": "misuse"},
            headers=bfu,
        )
        assert response.status_code == 201, response.text
        made = response.json()
        assert made["information_class"] == "misuse" and made["withheld"] == []
        single = (await client.get(f"/v1/concerns/{made['id']}", headers=bfu)).json()
        assert single["frame"]["worries"] == WORRIES and single["withheld"] == []
        listed = (await client.get(f"/v1/concerns?youth_id={youth.id}", headers=bfu)).json()["items"]
        assert [(c["information_class"], c["frame"]["worries"]) for c in listed] == [("misuse", WORRIES)]
        # Other departments do not see the concern at all.
        assert (
            await client.get(f"/v1/concerns/{made['id']}", headers=auth("caseworker", "SAEH"))
        ).status_code == 404
        export = await client.get(f"/v1/youth/{youth.id}/export", headers=auth("dpo", "BFU"))
        [exported] = export.json()["sections"]["concerns"]
        assert exported["frame"]["worries"] == WORRIES and exported["information_class"] == "misuse"

    async def test_default_class_is_the_municipalitys(self, client, youth: Youth, bfu) -> None:
        response = await client.post("/v1/concerns", json={**self.BODY, "youth_id": youth.id}, headers=bfu)
        assert response.status_code == 201, response.text
        assert response.json()["information_class"] == "social"
