"""A consent grants reading, never writing, on every door (issue 16, item 2).

The door table of R1 (test_age_window_doors.py) prepares, for each write operation about a youth,
the one request that is the door. Here each door is tried by a caseworker of a department that
sees the youth only through a consent in force naming it for every category: the caseworker
reads the youth (200) and is refused every write (404 as for a youth it cannot see, 403 where the
role lacks the right or the door is the giver's, as the revocation is). Imports are open to admin
and integrations only, who see the whole municipality; `NOT_TRIED` says why the rest are not here.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

import tests.api.youth.test_age_window_doors as doors
from tests.api.privacy.helpers import consent_body as _consent_body

RECIPIENT = "ARB"
NOT_TRIED = {
    "POST /v1/youth": "registers a new youth: there is no youth to have a consent about yet",
    "POST /v1/concerns": "anyone may notify the municipality about any child (a concern is no access)",
}
CONSENT_DOORS = [
    d
    for d in (*doors.DOORS, *doors.WIND_DOWN)
    if "?kind=" not in d.operation and d.operation not in NOT_TRIED
]
# What a recipient gets instead of the write: the youth (or its record) is not there for writing.
REFUSED = {
    404: {
        "youth.not_found", "case.not_found", "absence.not_found", "plan.not_found", "plan.goal_not_found",
        "plan.measure_not_found", "guide.not_found", "referral.not_found", "team.not_found",
        "team.member_not_found", "transition_form.not_found", "network_meeting.not_found",
        "meeting.not_found", "youth_plan.not_found", "aftercare_decision.not_found", "consent.not_found",
        "concern.not_found", "note.not_found", "target_group_assessment.not_found",
        "disability_transition.not_found", "education_order.not_found",
    },
    # A journal system's case of another department stays there, whoever names itself.
    403: {"auth.forbidden", "consent.not_giver_side", "case.department_not_yours"},
}  # fmt: skip


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


class NoDoorOpensToAConsent:
    @pytest.mark.parametrize("door", CONSENT_DOORS, ids=lambda d: d.id)
    async def test_the_recipient_reads_but_never_writes(self, client, auth, admin_db, seeded, door) -> None:
        w = await doors.world(
            client, auth, admin_db, doors.born_turning(16, doors.TODAY - timedelta(days=40))
        )
        call = await door.build(w)
        body = _consent_body(
            w.youth_id,
            recipient_departments=[RECIPIENT],
            categories=["cases", "plan", "health", "social", "education", "absence"],
        )
        consent = await client.post("/v1/consents", json=body, headers=w.headers)
        assert consent.status_code == 201, consent.text
        recipient = auth(["caseworker", "guide"], RECIPIENT, sub="arb-recipient")
        assert (await client.get(f"/v1/youth/{w.youth_id}", headers=recipient)).status_code == 200
        before = (await client.get(f"/v1/youth/{w.youth_id}", headers=w.headers)).json()["version"]
        # A case the recipient opens is in its own department: only the youth is in question.
        own = call
        if call.body is not None and call.body.get("department_code") == "BFU":
            own = dataclasses.replace(call, body={**call.body, "department_code": RECIPIENT})
        outcome = await doors.attempt(dataclasses.replace(w, headers=recipient), own)
        assert not outcome.ok, outcome
        assert outcome.status in REFUSED and outcome.code in REFUSED[outcome.status], outcome
        after = (await client.get(f"/v1/youth/{w.youth_id}", headers=w.headers)).json()["version"]
        assert after == before
        # The same request from the owner goes through: the door was really open.
        assert (await doors.attempt(w, call)).ok

    def test_every_door_about_a_youth_is_tried(self) -> None:
        tried = {d.operation for d in CONSENT_DOORS}
        every = {d.operation for d in (*doors.DOORS, *doors.WIND_DOWN)}
        imports = {op for op in every if "?kind=" in op}
        assert every - tried - imports == set(NOT_TRIED)
