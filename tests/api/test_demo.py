"""The demo data (`ungeapi seed-demo`, ungeapi_dev.demo): about 200 youth in many states, idempotent."""

from __future__ import annotations

from ungeapi_dev.demo import seed_demo


async def all_items(client, url: str, headers, **params) -> list[dict]:
    items: list[dict] = []
    params = {"limit": 100, **params}
    while True:
        response = await client.get(url, params=params, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        if not body.get("next_cursor"):
            return items
        params["cursor"] = body["next_cursor"]


async def test_seed_demo_fills_the_municipality_once(client, app, settings, auth, muni) -> None:
    result = await seed_demo(settings, muni, app=app)
    print(result.summary())
    assert not result.skipped and result.created == 200, result.summary()

    admin = auth("admin", "BFU")
    youth = await all_items(client, "/v1/youth", admin)
    assert len(youth) == 200
    assert all(y["given_name"].startswith("Demo ") for y in youth)

    obligations = await all_items(client, "/v1/obligations", admin)
    kinds = {o["kind"] for o in obligations}
    for kind in (
        "referral.missing",
        "absence.follow_up_due",
        "concern.assessment_due",
        "plan.dropout_contact_due",
        "target_group_assessment.due",
        "disability_transition.start_due",
        "disability_transition.completion_due",
        "absence.hearing_due",
        "absence.return_follow_up_due",
        "absence.guide_prompt_due",
        "plan.duty_unstated",
        "plan.ungeydelse_warning_due",
        "education_order.assessment_due",
        "education_order.proposal_due",
        "education_order.application_due",
    ):
        assert kind in kinds, kinds
    assert len(kinds) >= 5, kinds

    plans = await all_items(client, "/v1/plans", admin, status="stuck")
    assert plans
    scheduled = await all_items(client, "/v1/referrals", admin, state="scheduled")
    assert scheduled
    forms = await all_items(client, "/v1/transition-forms", admin)
    assert forms and all(f["support_hours_per_week"] > 10 for f in forms)

    again = await seed_demo(settings, muni, app=app)
    assert again.skipped and again.created == 0
    assert "already has youth" in again.summary()
    assert len(await all_items(client, "/v1/youth", admin)) == 200
