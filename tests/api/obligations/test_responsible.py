"""`responsible=` is narrowed into each rule's query (obligations/narrowing.py) so one person's
worklist is found by index; it must give exactly the whole list filtered by `responsible_subs`."""

from __future__ import annotations

from tests.api.test_demo import all_items
from ungeapi_dev.demo import seed_demo


async def test_responsible_is_the_whole_list_filtered_by_its_subs(client, app, settings, auth, muni) -> None:
    await seed_demo(settings, muni, app=app)
    admin = auth("admin", "BFU")
    everything = await all_items(client, "/v1/obligations", admin)
    subs = sorted({sub for item in everything for sub in item["responsible_subs"]})
    named = {item["kind"] for item in everything if item["responsible_subs"]}
    nameless = {item["kind"] for item in everything if not item["responsible_subs"]}
    # The demo data name people in several rules, and leave some rules without anyone.
    assert len(subs) >= 3 and len(named) >= 4, (subs, named)
    assert nameless & {"absence.follow_up_due", "concern.assessment_due"}, nameless

    for sub in subs:
        expected = [item for item in everything if sub in item["responsible_subs"]]
        assert await all_items(client, "/v1/obligations", admin, responsible=sub) == expected, sub
        # and with a small page, so the cursor walks the narrowed list too
        assert await all_items(client, "/v1/obligations", admin, responsible=sub, limit=2) == expected, sub

    assert await all_items(client, "/v1/obligations", admin, responsible="nobody-at-all") == []


async def test_responsible_me_of_a_caseworker_is_their_share(client, app, settings, auth, muni) -> None:
    await seed_demo(settings, muni, app=app)
    everything = await all_items(client, "/v1/obligations", auth("admin", "BFU"))
    sub = max(
        {s for item in everything for s in item["responsible_subs"]},
        key=lambda s: sum(s in item["responsible_subs"] for item in everything),
    )
    departments = sorted(
        {d for item in everything if sub in item["responsible_subs"] for d in item["responsible_departments"]}
    )
    mine = await all_items(
        client, "/v1/obligations", auth("caseworker", departments, sub=sub), responsible="me"
    )
    assert mine, sub
    assert all(sub in item["responsible_subs"] for item in mine)
    assert {(i["kind"], i["youth_id"]) for i in mine} <= {(i["kind"], i["youth_id"]) for i in everything}
