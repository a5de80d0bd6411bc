"""Issue 21, done when: a coordination meeting held through the API produces minutes as PDF with
its decisions, the feed announces them (`document.ready`), and a test plays the journal system:
it reads the feed, fetches the PDF, writes the reference back, and the worklist's reminder of a
decision not journalized (due `journal_reminder_days` after the decision) closes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.integration.helpers import all_events, wait_until_settled
from tests.api.record.test_documents import pdf_text
from tests.api.referrals.test_meeting_decision_doors import decided
from tests.clock import TODAY, now
from tests.security.test_cpr_at_rest import cprs_in_text

KIND = "journal.decision_unjournalized"
DAYS = 10  # Policy.journal_reminder_days' default


@pytest.fixture
async def people(client, auth) -> tuple[dict[str, str], dict[str, str]]:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200
    caseworker = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
    chair = auth("coordinator", "SAEH", sub="moedeleder", name="Teamleder Hanne")
    return caseworker, chair


async def reminders(client, headers, decision_id: str, day) -> list[dict]:
    params = {"kind": KIND, "as_of": day.isoformat(), "limit": 200}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [o for o in response.json()["items"] if (o["subject"] or {}).get("id") == decision_id]


class TestTheMinutes:
    async def test_html_and_pdf_by_accept_with_the_decisions(self, client, auth, people) -> None:
        caseworker, chair = people
        meeting, decision = await decided(client, auth, caseworker, chair)
        url = f"/v1/meetings/{meeting['id']}/document"
        html = await client.get(url, headers={**chair, "Accept": "text/html"})
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert "Referat af ungekoordineringsmøde" in html.text and "tømrer" in html.text
        pdf = await client.get(url, headers={**chair, "Accept": "application/pdf"})
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        text = pdf_text(pdf.content)
        assert "Referat" in text and "Brobygning til FGU" in text and "Teamleder Hanne" in text
        refused = await client.get(url, headers={**chair, "Accept": "image/png"})
        assert (refused.status_code, refused.json()["code"]) == (406, "request.not_acceptable")
        other = await client.get(
            url, headers={**auth("admin", "BFU", municipality="998"), "Accept": "text/html"}
        )
        assert other.status_code == 404
        assert decision["id"]


class TestTheJournalSystem:
    async def test_reads_the_feed_fetches_the_pdf_writes_the_reference_and_the_reminder_closes(
        self, client, auth, admin_db, people
    ) -> None:
        caseworker, chair = people
        admin = auth("admin")
        meeting, decision = await decided(client, auth, caseworker, chair)
        decided_on = TODAY
        assert decision["decided_on"] == decided_on.isoformat()
        # The reminder: not the day before its first day, there on it (due that day), for the
        # one who recorded the decision.
        assert await reminders(client, admin, decision["id"], decided_on + timedelta(days=DAYS - 1)) == []
        [due] = await reminders(client, admin, decision["id"], decided_on + timedelta(days=DAYS))
        assert due["due_on"] == (decided_on + timedelta(days=DAYS)).isoformat()
        assert due["youth_id"] == decision["youth_id"] and due["subject"]["type"] == "meeting_decision"
        assert await reminders(client, chair, decision["id"], decided_on + timedelta(days=DAYS + 30))

        # The journal system follows the feed: the minutes are ready.
        journal = auth("integration", [], sub="sbsys")
        await wait_until_settled(admin_db)
        ready = [e for e in await all_events(client, journal) if e["type"] == "document.ready"]
        minutes = []
        for event in ready:
            read = await client.get(f"/v1/documents/{event['resource_id']}", headers=journal)
            if read.status_code == 200 and read.json()["subject_id"] == decision["id"]:
                minutes.append(read.json())
        [doc] = minutes
        assert doc["kind"] == "meeting_minutes" and doc["youth_id"] == decision["youth_id"]
        fetched = await client.get(f"/v1/documents/{doc['id']}/content", headers=journal)
        assert fetched.status_code == 200 and fetched.content.startswith(b"%PDF-")
        text = pdf_text(fetched.content)
        assert "Referat" in text and "tømrer" in text
        assert cprs_in_text(text) == []  # the filed minutes name the youth, never their CPR number

        reference = {
            "journal_system": "SBSYS",
            "journal_id": "27.12.04-G01-7-26",
            "journalized_at": now().isoformat(),
        }
        put = await client.put(
            f"/v1/documents/{doc['id']}/journal-reference", json=reference, headers=journal
        )
        assert put.status_code == 200, put.text
        # Journalized: the reminder is gone, on its first day and later.
        for later in (DAYS, DAYS + 30):
            assert await reminders(client, admin, decision["id"], decided_on + timedelta(days=later)) == []
        assert meeting["id"]

    async def test_the_days_are_the_municipalitys_setting(self, client, auth, people) -> None:
        caseworker, chair = people
        admin = auth("admin")
        current = await client.get("/v1/settings", headers=admin)
        changed = await client.put(
            "/v1/settings",
            json={**current.json()["policy"], "journal_reminder_days": 3},
            headers={**admin, "If-Match": current.headers["etag"]},
        )
        assert changed.status_code == 200, changed.text
        _, decision = await decided(client, auth, caseworker, chair)
        assert await reminders(client, admin, decision["id"], TODAY + timedelta(days=2)) == []
        assert len(await reminders(client, admin, decision["id"], TODAY + timedelta(days=3))) == 1
        too_short = await client.put(
            "/v1/settings",
            json={**current.json()["policy"], "journal_reminder_days": 0},
            headers={**admin, "If-Match": changed.headers["etag"]},
        )
        assert too_short.status_code == 422
