"""The absence path through HTTP (R22/R23, Hjørring's absence team, Helsingør's trigger): a
notification over the share opens the follow-up — routed to the absence team, the hearing of the
parents and the child, the child-benefit decision as a record, the way back to school — and high
absence or a wellbeing signal prompts the youth's contact person."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.assessments.test_assessments import patch, post
from tests.api.placements.test_placements import born, due, new_youth
from tests.clock import TODAY

HEARING = "absence.hearing_due"
RETURN = "absence.return_follow_up_due"
PROMPT = "absence.guide_prompt_due"
TEAM = "FRAV"
NOTIFIED = TODAY - timedelta(days=2)


@pytest.fixture
def admin(auth):
    return auth("admin", "BFU")


async def settings(client, admin, **values) -> None:
    current = (await client.get("/v1/settings", headers=admin)).json()
    response = await client.put(
        "/v1/settings", json=values, headers={**admin, "If-Match": f'"{current["version"]}"'}
    )
    assert response.status_code == 200, response.text


@pytest.fixture
async def team(client, admin, seeded) -> str:
    body = {"code": TEAM, "name": "Fraværsteamet", "kind": "absence_team", "authority_unit": False}
    await post(client, admin, "/v1/departments", body)
    await settings(client, admin, absence_team_department=TEAM)
    return TEAM


def record(youth_id: str, unlawful: float = 16.0, **fields) -> dict:
    return {
        "youth_id": youth_id,
        "school_name": "Nordbyskolen",
        "period_from": (TODAY - timedelta(days=60)).isoformat(),
        "period_to": (TODAY - timedelta(days=1)).isoformat(),
        "lawful_pct": 2.0,
        "unlawful_pct": unlawful,
        "sick_pct": 1.0,
        **fields,
    }


async def notified(client, admin, birth_years: int = 14) -> tuple[str, dict]:
    youth_id = await new_youth(client, lambda *a, **k: admin, born(birth_years, 10))
    row = await post(
        client, admin, "/v1/absence", record(youth_id, municipality_notified_on=NOTIFIED.isoformat())
    )
    return youth_id, row


class TestTheNotificationOpensTheFollowUp:
    async def test_routed_to_the_absence_team_and_the_hearing_is_due(self, client, admin, team) -> None:
        youth_id, row = await notified(client, admin)
        assert row["follow_up_open"] is True and row["absence_team_department"] == TEAM
        deadline = NOTIFIED + timedelta(days=14)
        assert await due(client, admin, HEARING, youth_id, NOTIFIED - timedelta(days=1)) == []
        assert await due(client, admin, HEARING, youth_id, NOTIFIED) == [(deadline.isoformat(), False)]
        assert await due(client, admin, HEARING, youth_id, deadline) == [(deadline.isoformat(), False)]
        assert await due(client, admin, HEARING, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        item = (await client.get("/v1/obligations", params={"kind": HEARING}, headers=admin)).json()["items"][
            0
        ]
        assert item["responsible_departments"] == ["BFU", TEAM]

        url = f"/v1/absence/{row['id']}"
        # A 14-year-old is heard as well as the parents: the parents alone do not close it.
        row = await patch(client, admin, url, row, {"parents_heard_on": TODAY.isoformat()})
        assert await due(client, admin, HEARING, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        row = await patch(client, admin, url, row, {"child_heard_on": TODAY.isoformat()})
        assert await due(client, admin, HEARING, youth_id, deadline + timedelta(days=1)) == []

        # The child-benefit decision is the competent unit's, recorded whole.
        partial = await patch(client, admin, url, row, {"child_benefit_outcome": "stopped"}, 422)
        assert partial["code"] == "absence.child_benefit_incomplete"
        decided = {
            "child_benefit_outcome": "stopped",
            "child_benefit_decided_on": TODAY.isoformat(),
            "child_benefit_decided_by": "Udbetaling Danmark",
        }
        row = await patch(client, admin, url, row, decided)
        assert row["child_benefit_outcome"] == "stopped"

    async def test_a_child_under_12_is_not_heard(self, client, admin, team) -> None:
        await settings(client, admin, age_min=10)
        youth_id, row = await notified(client, admin, birth_years=11)
        await patch(client, admin, f"/v1/absence/{row['id']}", row, {"parents_heard_on": TODAY.isoformat()})
        assert await due(client, admin, HEARING, youth_id, TODAY) == []

    async def test_the_steps_wait_for_the_notification(self, client, admin, team) -> None:
        youth_id = await new_youth(client, lambda *a, **k: admin, born(14, 10))
        warned = await post(client, admin, "/v1/absence", record(youth_id, unlawful=11.0))
        assert warned["follow_up_open"] is False
        url = f"/v1/absence/{warned['id']}"
        refused = await patch(client, admin, url, warned, {"parents_heard_on": TODAY.isoformat()}, 409)
        assert refused["code"] == "absence.follow_up_not_open"
        assert await due(client, admin, HEARING, youth_id, TODAY) == []
        # Raised to the notification share and notified: the follow-up opens and is routed.
        body = {"unlawful_pct": 17.0, "municipality_notified_on": TODAY.isoformat()}
        opened = await patch(client, admin, url, warned, body)
        assert opened["follow_up_open"] is True and opened["absence_team_department"] == TEAM
        unknown = await patch(client, admin, url, opened, {"absence_team_department": "BFU"}, 422)
        assert unknown["code"] == "absence.team_unknown"


class TestBackToSchool:
    async def test_the_follow_up_date_is_due_until_the_youth_is_back(self, client, admin, team) -> None:
        youth_id, row = await notified(client, admin)
        url = f"/v1/absence/{row['id']}"
        follow_up = TODAY + timedelta(days=5)
        row = await patch(client, admin, url, row, {"next_follow_up_on": follow_up.isoformat()})
        assert await due(client, admin, RETURN, youth_id, follow_up - timedelta(days=1)) == []
        assert await due(client, admin, RETURN, youth_id, follow_up) == [(follow_up.isoformat(), False)]
        assert await due(client, admin, RETURN, youth_id, follow_up + timedelta(days=1)) == [
            (follow_up.isoformat(), True)
        ]
        await patch(client, admin, url, row, {"back_at_school_on": TODAY.isoformat()})
        assert await due(client, admin, RETURN, youth_id, follow_up + timedelta(days=1)) == []


class TestHelsingorsTrigger:
    """S1: high absence or poor wellbeing prompts the contact person (ungekoordinator)."""

    async def guided(self, client, admin) -> str:
        youth_id = await new_youth(client, lambda *a, **k: admin, born(16, 10))
        body = {
            "youth_id": youth_id,
            "guide": {"sub": "uu-koordinator", "name": "Ungekoordinator Ida", "department": "UU"},
        }
        guide = await post(client, admin, "/v1/guides", body)
        url = f"/v1/guides/{guide['id']}"
        accepted = await patch_action(client, admin, f"{url}/accept", guide, None)
        await patch_action(client, admin, f"{url}/activate", accepted, {"on": TODAY.isoformat()})
        return youth_id

    async def test_a_wellbeing_signal_prompts_the_guide_until_contacted(
        self, client, admin, auth, seeded
    ) -> None:
        await settings(client, admin, absence_guide_prompt=True)
        youth_id = await self.guided(client, admin)
        running = {
            "period_from": (TODAY - timedelta(days=30)).isoformat(),
            "period_to": (TODAY + timedelta(days=30)).isoformat(),
        }
        row = await post(
            client, admin, "/v1/absence", record(youth_id, unlawful=3.0, wellbeing_signal=True, **running)
        )
        assert await due(client, admin, PROMPT, youth_id, TODAY - timedelta(days=1)) == []
        assert await due(client, admin, PROMPT, youth_id, TODAY) == [(TODAY.isoformat(), False)]
        assert await due(client, admin, PROMPT, youth_id, TODAY + timedelta(days=1)) == [
            (TODAY.isoformat(), True)
        ]
        guide = auth("guide", "UU", sub="uu-koordinator")
        items = (
            await client.get(
                "/v1/obligations", params={"responsible": "uu-koordinator", "kind": PROMPT}, headers=guide
            )
        ).json()["items"]
        assert [(i["youth_id"], i["responsible_subs"]) for i in items] == [(youth_id, ["uu-koordinator"])]
        await patch(client, admin, f"/v1/absence/{row['id']}", row, {"guide_contacted_on": TODAY.isoformat()})
        assert await due(client, admin, PROMPT, youth_id, TODAY + timedelta(days=1)) == []

    async def test_off_by_default_and_not_for_low_absence(self, client, admin, seeded) -> None:
        youth_id = await self.guided(client, admin)
        await post(client, admin, "/v1/absence", record(youth_id, unlawful=12.0))
        assert await due(client, admin, PROMPT, youth_id, TODAY) == []
        await settings(client, admin, absence_guide_prompt=True)
        assert len(await due(client, admin, PROMPT, youth_id, TODAY)) == 1
        other = await new_youth(client, lambda *a, **k: admin, born(16, 20))
        await post(client, admin, "/v1/absence", record(other, unlawful=3.0))
        assert await due(client, admin, PROMPT, other, TODAY) == []


async def patch_action(client, headers, url: str, row: dict, body: dict | None) -> dict:
    response = await client.post(url, json=body, headers={**headers, "If-Match": f'"{row["version"]}"'})
    assert response.status_code == 200, response.text
    return response.json()
