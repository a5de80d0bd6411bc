"""R6 target-group assessments and R21 disability transition assessments through HTTP: each
obligation is on the worklist from its first day (not the day before), overdue the day after its
due date, and closes when the data satisfies it."""

from __future__ import annotations

from datetime import date, timedelta

from tests.api.placements.test_placements import born, due, new_youth, open_case
from tests.clock import TODAY
from ungeapi.placements.rules import add_months
from ungeapi.youth.rules import date_turning

TARGET = "target_group_assessment.due"
START = "disability_transition.start_due"
COMPLETION = "disability_transition.completion_due"
SECTIONS = {
    "support_need": "Bostøtte ca. 12 timer om ugen.",
    "education": "STU efter 18.",
    "employment": "Ikke aktuelt.",
    "income_basis": "Førtidspension forventes.",
    "housing": "Bofællesskab.",
    "social_conditions": "Tæt kontakt til forældrene.",
}


async def post(client, headers, url: str, body: dict, status: int = 201) -> dict:
    response = await client.post(url, json=body, headers=headers)
    assert response.status_code == status, response.text
    return response.json()


async def patch(client, headers, url: str, row: dict, body: dict, status: int = 200) -> dict:
    response = await client.patch(url, json=body, headers={**headers, "If-Match": f'"{row["version"]}"'})
    assert response.status_code == status, response.text
    return response.json()


async def interrupted_plan(client, headers, youth_id: str, on: date) -> dict:
    plan = await post(
        client,
        headers,
        "/v1/plans",
        {"youth_id": youth_id, "started_on": (on - timedelta(days=20)).isoformat()},
    )
    body = {
        "status": "interrupted",
        "status_reason": "Stoppet på efterskolen.",
        "interrupted_on": on.isoformat(),
    }
    return await patch(client, headers, f"/v1/plans/{plan['id']}", plan, body)


class TestTargetGroupAssessmentAfterTheActivityEnded:
    """R6: a 15-17-year-old with no current activity gets an assessment within 30 days."""

    async def test_from_the_day_the_activity_ended_until_assessed(
        self, client, auth, seeded, caseworker
    ) -> None:
        youth_id = await new_youth(client, auth, born(16, 100))
        await open_case(client, caseworker, youth_id, kind="preventive")
        ended = TODAY - timedelta(days=5)
        plan = await interrupted_plan(client, caseworker, youth_id, ended)
        deadline = ended + timedelta(days=30)

        assert await due(client, caseworker, TARGET, youth_id, ended - timedelta(days=1)) == []
        assert await due(client, caseworker, TARGET, youth_id, ended) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, TARGET, youth_id, deadline) == [(deadline.isoformat(), False)]
        overdue = [(deadline.isoformat(), True)]
        assert await due(client, caseworker, TARGET, youth_id, deadline + timedelta(days=1)) == overdue
        item = (await client.get("/v1/obligations", params={"kind": TARGET}, headers=caseworker)).json()[
            "items"
        ][0]
        assert item["responsible_subs"] == ["raadgiver-bfu"] and item["subject"]["type"] == "plan"

        body = {"youth_id": youth_id, "assessed_on": TODAY.isoformat(), "fgu_target_group": False,
                "other_offer": "EUD med mentor", "basis": ["grades", "internship"]}  # fmt: skip
        made = await post(client, caseworker, "/v1/target-group-assessments", body)
        assert made["basis"] == ["grades", "internship"] and made["author"]["sub"] == "raadgiver-bfu"
        assert await due(client, caseworker, TARGET, youth_id, TODAY) == []
        assert await due(client, caseworker, TARGET, youth_id, deadline + timedelta(days=1)) == []
        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=caseworker)).json()
        assert overview["target_group_assessment"]["id"] == made["id"]
        printed = await client.get(f"/v1/plans/{plan['id']}/document", headers=caseworker)
        assert printed.status_code == 200, printed.text
        assert "Målgruppevurdering (FGU)" in printed.text and "andet tilbud: EUD med mentor" in printed.text
        assert "Karakterer, Praktik" in printed.text

    async def test_a_resumed_activity_ends_it_unless_it_was_missed(
        self, client, auth, seeded, caseworker
    ) -> None:
        youth_id = await new_youth(client, auth, born(16, 100))
        await open_case(client, caseworker, youth_id, kind="preventive")
        ended = TODAY - timedelta(days=40)
        plan = await interrupted_plan(client, caseworker, youth_id, ended)
        deadline = ended + timedelta(days=30)
        # Resumed after the due day: the missed assessment stays (§8.2).
        await patch(client, caseworker, f"/v1/plans/{plan['id']}", plan, {"status": "active"})
        assert await due(client, caseworker, TARGET, youth_id, TODAY) == [(deadline.isoformat(), True)]
        # Seen on a day before it resumed and before the due day: listed, not overdue.
        assert await due(client, caseworker, TARGET, youth_id, deadline) == [(deadline.isoformat(), False)]

    async def test_an_adult_who_left_the_plan_is_not_concerned(
        self, client, auth, seeded, caseworker
    ) -> None:
        youth_id = await new_youth(client, auth, born(19, 100))
        await open_case(client, caseworker, youth_id, kind="preventive")
        await interrupted_plan(client, caseworker, youth_id, TODAY - timedelta(days=5))
        assert await due(client, caseworker, TARGET, youth_id, TODAY) == []


class TestTargetGroupAssessmentOnAReferralToFgu:
    async def test_due_30_days_after_the_referral_until_assessed(
        self, client, auth, seeded, caseworker
    ) -> None:
        youth_id = await new_youth(client, auth, born(19, 10))
        await open_case(client, caseworker, youth_id, kind="employment")
        referred = TODAY - timedelta(days=3)
        row = await post(client, caseworker, "/v1/target-group-assessments",
                         {"youth_id": youth_id, "referred_on": referred.isoformat()})  # fmt: skip
        deadline = referred + timedelta(days=30)
        assert await due(client, caseworker, TARGET, youth_id, referred - timedelta(days=1)) == []
        assert await due(client, caseworker, TARGET, youth_id, referred) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, TARGET, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        url = f"/v1/target-group-assessments/{row['id']}"
        # An outcome without the day of the assessment is refused, and the day without the outcome.
        refused = await patch(client, caseworker, url, row, {"fgu_target_group": True}, status=422)
        assert refused["code"] == "target_group_assessment.outcome_incomplete"
        early = {"assessed_on": (referred - timedelta(days=1)).isoformat(), "fgu_target_group": True}
        assert (await patch(client, caseworker, url, row, early, status=422))["code"] == "date.before_event"
        await patch(
            client, caseworker, url, row, {"assessed_on": TODAY.isoformat(), "fgu_target_group": True}
        )
        assert await due(client, caseworker, TARGET, youth_id, deadline + timedelta(days=1)) == []
        listed = (
            await client.get(
                "/v1/target-group-assessments", params={"youth_id": youth_id}, headers=caseworker
            )
        ).json()
        assert [a["fgu_target_group"] for a in listed["items"]] == [True]

    async def test_refusals(self, client, auth, seeded, caseworker) -> None:
        youth_id = await new_youth(client, auth, born(17, 10))
        nothing = await post(client, caseworker, "/v1/target-group-assessments", {"youth_id": youth_id}, 422)
        assert nothing["code"] == "target_group_assessment.outcome_incomplete"
        da = await client.post("/v1/target-group-assessments", json={"youth_id": youth_id},
                               headers={**caseworker, "Accept-Language": "da"})  # fmt: skip
        assert da.json()["title"] == "Resultatet er ufuldstændigt"
        other = auth("caseworker", "ARB", sub="arb")
        body = {"youth_id": youth_id, "referred_on": TODAY.isoformat()}
        assert (await post(client, other, "/v1/target-group-assessments", body, 404))[
            "code"
        ] == "youth.not_found"
        analyst = auth("analyst", "BFU")
        assert (
            await client.post("/v1/target-group-assessments", json=body, headers=analyst)
        ).status_code == 403


class TestDisabilityTransitionStart:
    """R21: started promptly after the 16th birthday (30 days by default)."""

    async def test_from_the_16th_birthday_until_started(self, client, auth, seeded, caseworker) -> None:
        birth = born(15, 100)
        youth_id = await new_youth(client, auth, birth)
        case = await open_case(
            client, caseworker, youth_id, kind="disability", substantial_permanent_disability=True
        )
        assert case["substantial_permanent_disability"] is True
        sixteen = date_turning(birth, 16)
        deadline = sixteen + timedelta(days=30)
        assert await due(client, caseworker, START, youth_id, sixteen - timedelta(days=1)) == []
        assert await due(client, caseworker, START, youth_id, sixteen) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, START, youth_id, deadline) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, START, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        # Missed: it stays after 18 (§8.2).
        eighteen = date_turning(birth, 18)
        assert await due(client, caseworker, START, youth_id, eighteen + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        body = {"youth_id": youth_id, "case_id": case["id"], "support_need": "Bostøtte."}
        started = await post(client, caseworker, "/v1/disability-transition-assessments", body)
        assert started["started_on"] == TODAY.isoformat() and started["completed_on"] is None
        assert await due(client, caseworker, START, youth_id, deadline + timedelta(days=1)) == []

    async def test_only_a_case_marked_substantial_and_permanent(
        self, client, auth, seeded, caseworker
    ) -> None:
        birth = born(16, 10)
        youth_id = await new_youth(client, auth, birth)
        case = await open_case(client, caseworker, youth_id, kind="disability")
        assert case["substantial_permanent_disability"] is False
        assert await due(client, caseworker, START, youth_id, TODAY) == []
        await patch(
            client, caseworker, f"/v1/cases/{case['id']}", case, {"substantial_permanent_disability": True}
        )
        # Marked on a case opened today, after the 16th birthday: due 30 days after the opening.
        assert await due(client, caseworker, START, youth_id, TODAY) == [
            ((TODAY + timedelta(days=30)).isoformat(), False)
        ]


class TestDisabilityTransitionCompletion:
    """R21: complete in time for a decision that takes effect at 18 (6 months before, by default)."""

    async def test_from_17_until_completed(self, client, auth, seeded, caseworker) -> None:
        birth = born(16, 100)
        youth_id = await new_youth(client, auth, birth)
        await open_case(
            client, caseworker, youth_id, kind="disability", substantial_permanent_disability=True
        )
        seventeen, eighteen = date_turning(birth, 17), date_turning(birth, 18)
        deadline = add_months(eighteen, -6)
        assert await due(client, caseworker, COMPLETION, youth_id, seventeen - timedelta(days=1)) == []
        assert await due(client, caseworker, COMPLETION, youth_id, seventeen) == [
            (deadline.isoformat(), False)
        ]
        assert await due(client, caseworker, COMPLETION, youth_id, deadline) == [
            (deadline.isoformat(), False)
        ]
        assert await due(client, caseworker, COMPLETION, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        started = await post(client, caseworker, "/v1/disability-transition-assessments",
                             {"youth_id": youth_id, "support_need": "Bostøtte."})  # fmt: skip
        # Started is not complete.
        assert await due(client, caseworker, COMPLETION, youth_id, seventeen) == [
            (deadline.isoformat(), False)
        ]
        url = f"/v1/disability-transition-assessments/{started['id']}"
        incomplete = await patch(client, caseworker, url, started, {"completed_on": TODAY.isoformat()}, 422)
        assert incomplete["code"] == "disability_transition.sections_incomplete"
        assert ["body", "income_basis"] in [e["loc"] for e in incomplete["errors"]]
        done = await patch(client, caseworker, url, started, {"completed_on": TODAY.isoformat(), **SECTIONS})
        assert done["completed_on"] == TODAY.isoformat()
        assert await due(client, caseworker, COMPLETION, youth_id, deadline + timedelta(days=1)) == []
        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=caseworker)).json()
        assert overview["disability_transition"]["id"] == done["id"]
        export = await client.get(f"/v1/youth/{youth_id}/export", headers=auth("dpo", "BFU"))
        assert [a["id"] for a in export.json()["sections"]["disability_transitions"]] == [done["id"]]

    async def test_the_forecast_counts_them(self, client, auth, seeded, caseworker) -> None:
        birth = born(17, 10)
        youth_id = await new_youth(client, auth, birth)
        await open_case(
            client, caseworker, youth_id, kind="disability", substantial_permanent_disability=True
        )
        analyst = auth("analyst", "BFU")
        year = date_turning(birth, 18).year

        async def counts() -> tuple[int, int]:
            response = await client.get(
                "/v1/statistics/transition-forecast", params={"years": 3}, headers=analyst
            )
            assert response.status_code == 200, response.text
            row = next(y for y in response.json()["years"] if y["year"] == year)
            return row["disability_youth"], row["disability_assessed"]

        assert await counts() == (1, 0)
        body = {"youth_id": youth_id, "completed_on": TODAY.isoformat(), **SECTIONS}
        await post(client, caseworker, "/v1/disability-transition-assessments", body)
        assert await counts() == (1, 1)
