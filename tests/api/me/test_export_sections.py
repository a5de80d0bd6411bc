"""The youth's own words and their progression phases are in the right-of-access export, on the
youth's own door and in the staff's export alike (privacy/export `register_section`)."""

from __future__ import annotations

from tests.api.me.test_me import citizen, plan_view, world  # noqa: F401
from tests.api.me.test_progression import SCALE, record
from tests.api.referrals.test_referrals_meetings import caseworker, chair  # noqa: F401


async def test_the_youths_words_and_phases_are_exported(client, auth, world) -> None:  # noqa: F811
    admin = world["admin"]
    assert (await client.put("/v1/progression-scale", json=SCALE, headers=admin)).status_code == 200
    view = await client.post("/v1/me/views", json=plan_view(world, "Mine egne ord."), headers=world["me"])
    assert view.status_code == 201, view.text
    phase = await record(client, world["caseworker"], world["plan"], "parat")
    assert phase.status_code == 201, phase.text
    staff_export = await client.get(f"/v1/youth/{world['youth_id']}/export", headers=auth("dpo"))
    assert staff_export.status_code == 200, staff_export.text
    for export in (staff_export, await client.get("/v1/me/export", headers=world["me"])):
        sections = export.json()["sections"]
        assert [s["text"] for s in sections["statements"]] == ["Mine egne ord."]
        assert [p["phase"] for p in sections["progression"]] == ["parat"]
    # Another youth's export holds none of it.
    other = await client.get("/v1/me/export", headers=world["other"])
    assert other.json()["sections"]["statements"] == [] and other.json()["sections"]["progression"] == []
