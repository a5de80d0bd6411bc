"""The visibility matrix (issue 16, item 6): every GET operation of the spec, called by each kind of
caller, class by class (R9).

Callers: the owning department (BFU, where the world's records were written), a department with
nothing to do with the youth, another municipality, a department whose consent was revoked, one
whose consent expired, and for each protected class X a department holding a consent in force for
`cases` and X. The protected parts of the world's classified records (collected from the owner's
own reads) may appear in an answer only to the owner, and to a consent holder only when the
consent names the record's class and opens the record. Every GET operation must have a row in
ROWS: a new one fails `test_every_get_operation_has_a_row` until someone says what it shows.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from tests.clock import TODAY
from tests.security.world import MARKER_GIVEN, World, app_routes

# What each GET operation shows. `classified:<resource>`: records with protected parts (the same
# filter, screen.py); `overview`/`export`/`feed`/`ics`: the composite reads; `youth`: records of a
# youth without protected parts (record-level scope only); `catalogue`: the municipality's own, or
# the API's own (its vocabularies); `restricted`: admin, dpo or analyst only; `own`: the caller's own (feed tokens); `ops`: outside /v1.
ROWS: dict[str, str] = {
    "/v1/youth": "youth",
    "/v1/youth/{youth_id}": "youth",
    "/v1/youth/{youth_id}/cases": "classified:case",
    "/v1/settings": "catalogue",
    "/v1/departments": "catalogue",
    "/v1/departments/{department_id}": "catalogue",
    "/v1/cases": "classified:case",
    "/v1/cases/{case_id}": "classified:case",
    "/v1/guides": "youth",
    "/v1/guides/{guide_id}": "youth",
    "/v1/obligations": "youth",
    "/v1/youth/{youth_id}/obligations": "youth",
    "/v1/plans": "classified:plan",
    "/v1/plans/{plan_id}": "classified:plan",
    "/v1/plans/{plan_id}/document": "classified:plan",
    "/v1/plans/{plan_id}/revisions": "classified:plan",
    "/v1/plans/{plan_id}/revisions/{number}": "classified:plan",
    "/v1/offers": "catalogue",
    "/v1/offers/{offer_id}": "catalogue",
    "/v1/concerns": "classified:concern",
    "/v1/concerns/{concern_id}": "classified:concern",
    "/v1/network-meetings": "classified:network_meeting",
    "/v1/network-meetings/{meeting_id}": "classified:network_meeting",
    "/v1/referrals": "youth",
    "/v1/referrals/{referral_id}": "youth",
    "/v1/meetings.ics": "ics",
    "/v1/feed-tokens": "own",
    "/v1/meetings": "catalogue",
    "/v1/meetings/{meeting_id}": "catalogue",
    "/v1/meetings/{meeting_id}/agenda": "catalogue",
    "/v1/meetings/{meeting_id}/decisions": "catalogue",
    "/v1/meetings/{meeting_id}/document": "catalogue",
    "/v1/consents": "youth",
    "/v1/consents/{consent_id}": "youth",
    "/v1/disclosures": "youth",
    "/v1/youth/{youth_id}/access-log": "youth",
    "/v1/youth/{youth_id}/export": "export",
    "/v1/audit": "restricted",
    "/v1/statistics/target-groups": "restricted",
    "/v1/statistics/guide-coverage": "restricted",
    "/v1/statistics/destinations": "restricted",
    "/v1/statistics/teams": "restricted",
    "/v1/statistics/obligations": "restricted",
    "/v1/statistics/transition-forecast": "restricted",
    "/v1/absence": "classified:absence",
    "/v1/absence/{record_id}": "classified:absence",
    "/v1/events": "feed",
    "/v1/webhooks": "restricted",
    "/v1/webhooks/{subscription_id}": "restricted",
    "/v1/webhooks/{subscription_id}/deliveries": "restricted",
    "/v1/imports/{import_id}": "restricted",
    "/v1/imports/{import_id}/problems": "restricted",
    "/v1/youth/{youth_id}/overview": "overview",
    "/v1/transition-forms": "classified:transition_form",
    "/v1/transition-forms/{form_id}": "classified:transition_form",
    "/v1/transition-forms/{form_id}/versions": "classified:transition_form",
    "/v1/teams": "youth",
    "/v1/teams/{team_id}": "youth",
    "/v1/teams/{team_id}/members": "youth",
    "/v1/teams/{team_id}/meetings": "classified:team_meeting",
    "/v1/youth-plans": "classified:youth_plan",
    "/v1/youth-plans/{plan_id}": "classified:youth_plan",
    "/v1/aftercare-decisions": "classified:aftercare_decision",
    "/v1/aftercare-decisions/{decision_id}": "classified:aftercare_decision",
    # R6/R21: scoped by the youth; no protected parts yet (no R9 class of their own).
    "/v1/target-group-assessments": "youth",
    "/v1/target-group-assessments/{assessment_id}": "youth",
    "/v1/disability-transition-assessments": "youth",
    "/v1/disability-transition-assessments/{assessment_id}": "youth",
    "/v1/education-orders": "youth",
    "/v1/education-orders/{order_id}": "youth",
    "/v1/vocabularies": "catalogue",
    "/v1/notes": "classified:note",
    "/v1/notes/{note_id}": "classified:note",
    "/v1/documents/{document_id}": "classified:document",
    "/v1/documents/{document_id}/content": "classified:document",
    "/v1/legal-bases": "catalogue",
    "/v1/legal-bases/lookup": "catalogue",
    "/v1/legal-bases/{basis_id}": "catalogue",
    "/v1/youth/{youth_id}/statements": "youth",
    "/v1/plans/{plan_id}/progression": "youth",
    "/v1/progression-scale": "catalogue",
    "/v1/statistics/progression": "restricted",
    # The youth's own door: a citizen's token only, the caller's own records (403 to employees).
    **{
        f"/v1/me{tail}": "own"
        for tail in (
            "",
            "/plan",
            "/meetings",
            "/meetings.ics",
            "/consents",
            "/access-log",
            "/export",
            "/statements",
        )
    },
}

GETS = [r for r in app_routes() if r.method == "GET"]
PROTECTED_CLASSES = ("health", "social", "misuse", "crime")
# The single reads of the world's classified records: resource -> (path, protected fields).
SINGLE = {
    "case": ("/v1/cases/{case_id}", ("legal_basis", "legal_basis_code")),
    "plan": ("/v1/plans/{plan_id}", ("status_reason", "readiness", "guardian_remarks")),
    "transition_form": ("/v1/transition-forms/{form_id}", ("needs", "notes", "yearly_costs", "income_basis")),
    "youth_plan": ("/v1/youth-plans/{plan_id}", ("goals", "notes")),
    "aftercare_decision": ("/v1/aftercare-decisions/{decision_id}", ("notes", "legal_basis_code")),
    "concern": ("/v1/concerns/{concern_id}", ("frame", "outcome_note")),
    "network_meeting": ("/v1/network-meetings/{meeting_id}", ("frame",)),
}
# Required query parameters of a GET, so that the matrix calls it as a client would.
QUERIES = {
    "/v1/legal-bases/lookup": {"reference": "BL § 46", "on": TODAY.isoformat()},
    "/v1/notes": {"youth_id": "{youth_id}"},
}
TEAM_NOTES = "Matrixreferat: angst og medicin"
CASE_BASIS = "Matrixhjemmel for anbringelse"


def test_every_get_operation_has_a_row() -> None:
    missing = sorted({r.path for r in GETS} - set(ROWS))
    assert not missing, f"GET operations without a row in the visibility matrix: {missing}"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if len(value) >= 6 else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="session")
async def protected(client, world: World) -> dict[str, tuple[str, list[str]]]:
    """resource -> (its class, the protected values the owner reads in it)."""
    case_path = world.fill("/v1/cases/{case_id}")
    current = await client.get(case_path, headers=world.admin)
    changed = await client.patch(
        case_path,
        json={"legal_basis": CASE_BASIS, "legal_basis_code": "BL § 46"},
        headers={**world.admin, "If-Match": current.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    # The spec's examples carry dates and a case of their own: make the Barnets lov records here.
    case_id = world.values["/v1/cases/{case_id}"]
    for path, key, body in [
        (
            "/v1/youth-plans",
            "plan_id",
            {"youth_involved": True, "parents_involved": True, "goals": "Matrixmål: stabil skolegang"},
        ),
        ("/v1/aftercare-decisions", "decision_id", {"outcome": "refused", "notes": "Matrixnote: misbrug"}),
    ]:
        made = await client.post(
            path, json={"youth_id": world.youth["id"], "case_id": case_id, **body}, headers=world.admin
        )
        assert made.status_code == 201, made.text
        world.values[f"{path}/{{{key}}}"] = made.json()["id"]
        world.unseeded.discard(f"{path}/{{{key}}}")
    found: dict[str, tuple[str, list[str]]] = {}
    for resource, (path, fields) in SINGLE.items():
        response = await client.get(world.fill(path), headers=world.admin)
        assert response.status_code == 200, (path, response.text)
        body = response.json()
        assert body["withheld"] == []
        found[resource] = (body["information_class"], [s for f in fields for s in _strings(body.get(f))])
    # A team meeting (the world's team is led from BFU): its frame and minutes.
    meetings = world.fill("/v1/teams/{team_id}") + "/meetings"
    made = await client.post(
        meetings,
        json={
            "held_on": (TODAY - timedelta(days=1)).isoformat(),
            "youth_present": True,
            "parents_present": True,
            "frame": {"worries": "Matrixbekymring: skolevægring"},
            "notes": TEAM_NOTES,
        },
        headers=world.admin,
    )
    assert made.status_code == 201, made.text
    assert made.json()["lead_department"] == "BFU" and made.json()["withheld"] == []
    found["team_meeting"] = (made.json()["information_class"], ["Matrixbekymring: skolevægring", TEAM_NOTES])
    assert found["case"][1] and found["aftercare_decision"][1] and found["transition_form"][1]
    assert found["concern"][1] and found["network_meeting"][1]
    return found


@pytest.fixture(scope="session")
async def callers(
    client, token, world: World, admin_db, attackers
) -> dict[str, tuple[dict[str, str], frozenset[str]]]:
    """name -> (headers, the classes the caller's consent in force names)."""
    from tests.security.conftest import CONSENT_DEPARTMENT, IDLE_DEPARTMENT

    muni = world.municipality
    made: dict[str, tuple[dict[str, str], frozenset[str]]] = {
        "own_department": (token("caseworker", "BFU", muni), frozenset()),
        "other_department": (token("caseworker", IDLE_DEPARTMENT, muni), frozenset()),
        "other_municipality": (attackers["other_municipality"], frozenset()),
        "revoked_consent": (token("caseworker", CONSENT_DEPARTMENT, muni), frozenset()),
    }
    today = TODAY
    for name, classes in [("expired", ("health", "social")), *[(c, (c,)) for c in PROTECTED_CLASSES]]:
        code = f"M{name[:4].upper()}"
        created = await client.post(
            "/v1/departments",
            json={"code": code, "name": f"Matrix {name}", "kind": "other", "authority_unit": False},
            headers=world.admin,
        )
        assert created.status_code == 201, created.text
        consent = await client.post(
            "/v1/consents",
            json={
                "youth_id": world.youth["id"],
                "given_by": [{"kind": "youth", "name": MARKER_GIVEN, "given_on": today.isoformat()}],
                "categories": ["cases", *classes],
                "recipient_departments": [code],
                "purpose": "Matrix",
                "valid_until": (today + timedelta(days=30)).isoformat(),
            },
            headers=world.admin,
        )
        assert consent.status_code == 201, consent.text
        if name == "expired":
            await admin_db.execute(
                "UPDATE consent SET valid_from = $2, valid_until = $3 WHERE id = $1",
                uuid.UUID(consent.json()["id"]),
                today - timedelta(days=30),
                today - timedelta(days=1),
            )
            made["expired_consent"] = (token("caseworker", code, muni), frozenset())
        else:
            made[f"consent_{name}"] = (token("caseworker", code, muni), frozenset(classes))
    return made


CALLERS = (
    "own_department",
    "other_department",
    "other_municipality",
    "revoked_consent",
    "expired_consent",
    *(f"consent_{c}" for c in PROTECTED_CLASSES),
)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("route", GETS, ids=lambda r: r.path)
async def test_what_each_caller_sees(client, world: World, protected, callers, route, caller) -> None:
    row = ROWS[route.path]
    headers, classes = callers[caller]
    url = world.fill(route.path)
    params = {name: world.fill(value) for name, value in QUERIES.get(route.path, {}).items()}
    response = await client.get(url, headers=headers, params=params)
    assert response.status_code < 500, (caller, url, response.text)
    text = response.text
    sees_youth = caller == "own_department" or caller.startswith("consent_")
    if not sees_youth and row != "ops":
        # No standing, no consent in force: nothing of the youth, whatever the route.
        assert response.status_code in (200, 403, 404), (caller, url, response.status_code)
        assert MARKER_GIVEN not in text and world.youth["cpr"] not in text, (caller, url)
        if caller == "other_municipality" and route.params:
            assert response.status_code == 404, (caller, url, response.status_code)
    for resource, (information_class, values) in protected.items():
        if caller == "own_department" or row in ("catalogue", "ops"):
            continue
        # A consent opens the case (category `cases`) and, naming its class, its protected part.
        unlocked = caller.startswith("consent_") and resource == "case" and information_class in classes
        if not unlocked:
            for value in values:
                assert value not in text, (caller, url, resource, information_class, value)
    if caller == "own_department" and row.startswith("classified:") and "{" in route.path:
        resource = row.split(":", 1)[1]
        if response.status_code == 200 and resource in SINGLE and route.path == SINGLE[resource][0]:
            assert response.json()["withheld"] == []
            assert all(v in text for v in protected[resource][1]), (url, resource)
    if caller == "consent_social" and route.path == "/v1/cases/{case_id}":
        assert response.status_code == 200 and CASE_BASIS in text
    if caller.startswith("consent_") and caller != "consent_social" and route.path == "/v1/cases/{case_id}":
        assert response.status_code == 200 and CASE_BASIS not in text
        assert response.json()["withheld"] == [{"part": "legal_basis", "information_class": "social"}]
    if caller == "own_department" and route.path == "/v1/teams/{team_id}/meetings":
        assert response.status_code == 200 and TEAM_NOTES in text
        assert all(m["withheld"] == [] for m in response.json()["items"])
    if route.path in ("/v1/absence/{record_id}", "/v1/absence") and response.status_code == 200:
        # The world's absence record is the school's (SKOLE): its sick share (class health) is
        # withheld from every caller here, the shares R22/R23 act on are not.
        body = response.json()
        for record in body.get("items", [body]):
            assert record["sick_pct"] is None and record["unlawful_pct"] is not None, (caller, url)
            assert record["withheld"] == [{"part": "sickness", "information_class": "health"}]
    if caller.startswith("consent_") and route.path == "/v1/youth/{youth_id}/overview":
        assert response.status_code == 200
        body = response.json()
        assert body["plan"] is None and body["transition_form"] is None and body["aftercare_decision"] is None
