"""R11 through HTTP (§8 row R11, §8.2): the update window opens on its first day, is due on its
last (31 January, 31 July), overdue after; an update inside closes it, after its end closes it
late; no new window at 18 or without a case that needs the form; only the newest form counts."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr

KIND = "transition_form.update_due"
# Last year's windows (all of it has happened, so every date can be recorded through the API as
# it would be by a journal system), and the December before, when the form was last updated.
YEAR = TODAY.year - 1
JANUARY, END = date(YEAR, 1, 1), date(YEAR, 1, 31)
JUNE, JULY_END = date(YEAR, 6, 1), date(YEAR, 7, 31)
LAST_UPDATE = date(YEAR - 1, 12, 10)
DAY = timedelta(days=1)


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def youth_with_form(
    client, auth, caseworker, admin_db, *, birth: date, **case_fields
) -> tuple[str, str]:
    """A youth with an open disability case expecting support after 18 and a transition form
    last updated on LAST_UPDATE. Returns (youth id, form id)."""
    body = {
        "cpr": synthetic_cpr(birth.strftime("%d%m%y"), 4 if 2000 <= birth.year <= 2036 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    youth_id = response.json()["id"]
    case = {
        "youth_id": youth_id,
        "department_code": "BFU",
        "kind": "disability",
        "opened_on": date(YEAR - 1, 6, 1).isoformat(),
        "support_after_18_expected": True,
        **case_fields,
    }
    response = await client.post("/v1/cases", json=case, headers=caseworker)
    assert response.status_code == 201, response.text
    form_id = await new_form(client, caseworker, youth_id)
    await set_updated_on(admin_db, form_id, LAST_UPDATE)
    return youth_id, form_id


async def new_form(client, headers, youth_id: str) -> str:
    response = await client.post(
        "/v1/transition-forms", json={"youth_id": youth_id, "support_hours_per_week": 12}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def set_updated_on(admin_db, form_id: str, day: date) -> None:
    """The day the form was last updated (as a journal system's historical date would set it)."""
    await admin_db.execute(
        "UPDATE transition_form SET updated_on = $1 WHERE id = $2", day, uuid.UUID(form_id)
    )


async def due(client, headers, youth_id: str, as_of: date) -> list[tuple[str, bool]]:
    params = {"kind": KIND, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [(o["due_on"], o["overdue"]) for o in response.json()["items"]]


def sixteen_in_january() -> date:
    return date(YEAR - 16, 3, 10)


class TestWindow:
    async def test_opens_on_the_first_day_due_on_the_last(
        self, client, auth, seeded, caseworker, admin_db
    ) -> None:
        youth_id, _ = await youth_with_form(client, auth, caseworker, admin_db, birth=sixteen_in_january())
        assert await due(client, caseworker, youth_id, JANUARY - DAY) == []
        assert await due(client, caseworker, youth_id, JANUARY) == [(END.isoformat(), False)]
        assert await due(client, caseworker, youth_id, END - DAY) == [(END.isoformat(), False)]
        assert await due(client, caseworker, youth_id, END) == [(END.isoformat(), False)]
        assert await due(client, caseworker, youth_id, END + DAY) == [(END.isoformat(), True)]
        # Missed, it stays; the June/July window adds its own, due 31 July.
        assert await due(client, caseworker, youth_id, JUNE - DAY) == [(END.isoformat(), True)]
        assert await due(client, caseworker, youth_id, JUNE) == [
            (END.isoformat(), True),
            (JULY_END.isoformat(), False),
        ]
        assert await due(client, caseworker, youth_id, JULY_END + DAY) == [
            (END.isoformat(), True),
            (JULY_END.isoformat(), True),
        ]

    async def test_an_update_inside_the_window_closes_it(
        self, client, auth, seeded, caseworker, admin_db
    ) -> None:
        youth_id, form_id = await youth_with_form(
            client, auth, caseworker, admin_db, birth=sixteen_in_january()
        )
        await set_updated_on(admin_db, form_id, date(YEAR, 1, 15))
        for day in (END, END + DAY, JUNE - DAY):
            assert await due(client, caseworker, youth_id, day) == []
        # On the window's first day counts as inside.
        await set_updated_on(admin_db, form_id, JANUARY)
        assert await due(client, caseworker, youth_id, END + DAY) == []
        # The day before the window does not.
        await set_updated_on(admin_db, form_id, JANUARY - DAY)
        assert await due(client, caseworker, youth_id, END + DAY) == [(END.isoformat(), True)]

    async def test_an_update_after_the_end_closes_it_late(
        self, client, auth, seeded, caseworker, admin_db
    ) -> None:
        youth_id, form_id = await youth_with_form(
            client, auth, caseworker, admin_db, birth=sixteen_in_january()
        )
        assert await due(client, caseworker, youth_id, date(YEAR, 2, 3)) == [(END.isoformat(), True)]
        await set_updated_on(admin_db, form_id, date(YEAR, 2, 3))
        assert await due(client, caseworker, youth_id, date(YEAR, 2, 3)) == []
        assert await due(client, caseworker, youth_id, JUNE - DAY) == []
        assert await due(client, caseworker, youth_id, JUNE) == [(JULY_END.isoformat(), False)]

    async def test_an_update_through_the_api_closes_it(
        self, client, auth, seeded, caseworker, admin_db
    ) -> None:
        youth_id, form_id = await youth_with_form(
            client, auth, caseworker, admin_db, birth=sixteen_in_january()
        )
        current = (await client.get(f"/v1/transition-forms/{form_id}", headers=caseworker)).json()
        assert await due(client, caseworker, youth_id, JANUARY) == [(END.isoformat(), False)]
        # The update as a journal system records it: on the day it really happened, 15 January.
        response = await client.patch(
            f"/v1/transition-forms/{form_id}",
            json={"notes": "Opdateret.", "updated_on": date(YEAR, 1, 15).isoformat()},
            headers={**caseworker, "If-Match": f'"{current["version"]}"'},
        )
        assert response.status_code == 200, response.text
        assert response.json()["updated_on"] == date(YEAR, 1, 15).isoformat()
        assert await due(client, caseworker, youth_id, END + DAY) == []
        assert await due(client, caseworker, youth_id, JUNE) == [(JULY_END.isoformat(), False)]


class TestNoNewWindow:
    async def test_not_after_18(self, client, auth, seeded, caseworker, admin_db) -> None:
        # 18 on 15 March: the January window opened at 17 and stays; June opens no new one.
        youth_id, _ = await youth_with_form(client, auth, caseworker, admin_db, birth=date(YEAR - 18, 3, 15))
        eighteen = date(YEAR, 3, 15)
        for day in (eighteen - DAY, eighteen, eighteen + DAY, JUNE, JULY_END + DAY):
            assert await due(client, caseworker, youth_id, day) == [(END.isoformat(), True)], day

    @pytest.mark.parametrize(
        ("birthday", "opens"),
        [(JUNE - DAY, False), (JUNE, False), (JUNE + DAY, True)],
        ids=["18 the day before", "18 on the first day", "18 the day after"],
    )
    async def test_18_around_the_first_day(
        self, client, auth, seeded, caseworker, admin_db, birthday: date, opens: bool
    ) -> None:
        youth_id, form_id = await youth_with_form(
            client, auth, caseworker, admin_db, birth=birthday.replace(year=birthday.year - 18)
        )
        await set_updated_on(admin_db, form_id, date(YEAR, 1, 15))
        expected = [(JULY_END.isoformat(), False)] if opens else []
        assert await due(client, caseworker, youth_id, JUNE + DAY) == expected

    async def test_not_when_no_case_needs_the_form(self, client, auth, seeded, caseworker, admin_db) -> None:
        # The case closes on 1 March: January opens, June does not.
        youth_id, _ = await youth_with_form(
            client,
            auth,
            caseworker,
            admin_db,
            birth=sixteen_in_january(),
            closed_on=date(YEAR, 3, 1).isoformat(),
        )
        assert await due(client, caseworker, youth_id, END + DAY) == [(END.isoformat(), True)]
        assert await due(client, auth("admin"), youth_id, JUNE) == [(END.isoformat(), True)]

    async def test_not_without_support_expected(self, client, auth, seeded, caseworker, admin_db) -> None:
        youth_id, _ = await youth_with_form(
            client, auth, caseworker, admin_db, birth=sixteen_in_january(), support_after_18_expected=False
        )
        assert await due(client, caseworker, youth_id, END + DAY) == []


class TestNewestForm:
    async def test_only_the_newest_form_counts(self, client, auth, seeded, caseworker, admin_db) -> None:
        youth_id, older = await youth_with_form(
            client, auth, caseworker, admin_db, birth=sixteen_in_january()
        )
        newer = await new_form(client, caseworker, youth_id)
        await set_updated_on(admin_db, newer, date(YEAR, 1, 15))
        assert await due(client, caseworker, youth_id, END + DAY) == []
        # The older form is newest again when the other lies further back: its reminder returns.
        await set_updated_on(admin_db, newer, date(YEAR - 1, 11, 1))
        response = await client.get(
            "/v1/obligations",
            params={"kind": KIND, "youth_id": youth_id, "as_of": (END + DAY).isoformat()},
            headers=caseworker,
        )
        assert [o["subject"]["id"] for o in response.json()["items"]] == [older]


class TestClosedLate:
    async def test_an_update_after_the_window_counts_as_missed(
        self, client, auth, seeded, caseworker, admin_db
    ) -> None:
        """R11 in /v1/statistics/obligations: the versions record each update's day; a window
        that began after one update and ended before the next was closed late."""
        last_year = TODAY.year - 1
        january_end = date(last_year, 1, 31)

        async def form_updated(youth_id: str, form_id: str, *days: date) -> None:
            for number, day in enumerate(days, start=2):
                await admin_db.execute(
                    "INSERT INTO transition_form_version (form_id, number, actor_sub, snapshot, municipality_code) "
                    "SELECT form_id, $2, actor_sub, jsonb_set(snapshot, '{updated_on}', to_jsonb($3::text)), "
                    "municipality_code FROM transition_form_version WHERE form_id = $1 AND number = 1",
                    uuid.UUID(form_id),
                    number,
                    day.isoformat(),
                )

        async def closed_late(as_of: date) -> dict:
            response = await client.get(
                "/v1/statistics/obligations",
                params={"as_of": as_of.isoformat()},
                headers=auth("analyst", "BFU"),
            )
            assert response.status_code == 200, response.text
            [row] = [r for r in response.json()["kinds"] if r["kind"] == KIND]
            return row["closed_late"]

        birth = date(last_year - 15, 3, 10)
        opened = date(last_year - 1, 6, 1).isoformat()
        for i in range(5):
            youth_id, form_id = await youth_with_form(
                client, auth, caseworker, admin_db, birth=birth, opened_on=opened
            )
            await form_updated(youth_id, form_id, date(last_year - 1, 12, 10), date(last_year, 2, 3))
        # Updated inside the window (15 January), or on its last day: in time, not counted.
        for inside in (date(last_year, 1, 15), january_end):
            youth_id, form_id = await youth_with_form(
                client, auth, caseworker, admin_db, birth=birth, opened_on=opened
            )
            await form_updated(youth_id, form_id, date(last_year - 1, 12, 10), inside)

        assert await closed_late(date(last_year, 2, 2)) == {"value": None, "suppressed": True}
        assert await closed_late(date(last_year, 2, 3)) == {"value": 5, "suppressed": False}
        assert await closed_late(TODAY) == {"value": 5, "suppressed": False}
