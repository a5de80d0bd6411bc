"""R1/R1a on every door: a record about a youth outside the municipality's age window is refused
with 422 `youth.outside_age_window`, whichever path writes it.

The module is a door table: `DOORS` holds, per write operation (OpenAPI method and path), a
builder that prepares what the door needs for a youth (while the youth is inside the default
window 13-30) and returns the one request that is the door. Each door is then tried for two
youth, one who turns 19 tomorrow and one who turns 19 today, after the window is moved so that
its boundary falls between them:
- `age_max` = 18: the youth turning 19 tomorrow is inside (the day before the boundary), the one
  turning 19 today is outside (the boundary);
- `age_min` = 19: the other way round.
`WIND_DOWN` holds the writes that take a youth out of the effort and so stay open for a youth
outside the window; `NOT_ABOUT_A_YOUTH` the write operations that concern no youth. A test
fails when the OpenAPI spec has a write operation that none of the three tables covers.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.api.integration.helpers import post_import
from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.youth.rules import age_on, latest_birth_date_for_age

CPH = ZoneInfo("Europe/Copenhagen")
CODE = "youth.outside_age_window"
SPEC = Path(__file__).resolve().parents[3] / "openapi" / "ungeapi-v1.json"
LEAD = "raadgiver-bfu"
MEMBERS = [
    {"sub": LEAD, "name": "Rådgiver Bente", "department": "BFU", "role": "Rådgiver", "lead": True},
    {"department": "SAEH", "role": "Myndighed Handicap"},
]
FRAME = {
    "worries": "Højt fravær.",
    "what_works": "God kontakt til læreren.",
    "next_steps": "Møde med familien.",
}
FORM = {"support_hours_per_week": 12.5, "needs": {"housing_support": True}, "notes": "Bostøtte efter 18."}
GOAL = {"horizon": "short", "description": "Møde op i FGU fire dage om ugen."}
MEASURE = {
    "department_code": "BFU",
    "title": "Kontaktperson",
    "legal_basis_code": "BL § 32",
    "starts_on": TODAY.isoformat(),
}


def born_turning(age: int, on: date) -> date:
    """The birth date of someone who turns `age` on `on`."""
    return latest_birth_date_for_age(on, age)


def cpr_of(born: date) -> str:
    return synthetic_cpr(born.strftime("%d%m%y"), 4 if 2000 <= born.year <= 2036 else 0)


@dataclass
class World:
    """One municipality and one youth, with what a builder needs to reach a door."""

    client: httpx.AsyncClient
    headers: dict[str, str]
    admin_db: Any
    born: date
    cpr: str
    youth_id: str
    cleanup: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def post(self, url: str, body: dict[str, Any] | None = None, *, version: int | None = None) -> dict:
        headers = self.headers if version is None else {**self.headers, "If-Match": f'"{version}"'}
        response = await self.client.post(url, json=body, headers=headers)
        assert response.status_code in (200, 201), response.text
        return dict(response.json())

    async def put(self, url: str, body: dict[str, Any]) -> dict:
        response = await self.client.put(url, json=body, headers=self.headers)
        assert response.status_code in (200, 201), response.text
        return dict(response.json())


@dataclass(frozen=True)
class Call:
    """The door's request; `kind` names an import (its refusal is a row problem, not a status)."""

    method: str
    url: str
    body: dict[str, Any] | None = None
    version: int | None = None
    kind: str | None = None
    csv: str | None = None
    # A raw body (a document's bytes, sent as a PDF) and the query parameters beside it.
    content: bytes | None = None
    params: dict[str, str] | None = None


@dataclass(frozen=True)
class Outcome:
    ok: bool
    code: str | None
    status: int


async def attempt(w: World, call: Call) -> Outcome:
    if call.kind is not None:
        assert call.csv is not None
        job = await post_import(w.client, w.headers, call.csv, kind=call.kind, mode="valid_rows")
        codes = [p["code"] for p in job["report"]]
        return Outcome(ok=not codes and job["created"] + job["updated"] == 1, code=codes[0] if codes else None,
                       status=422 if codes else 201)  # fmt: skip
    headers = w.headers if call.version is None else {**w.headers, "If-Match": f'"{call.version}"'}
    if call.content is not None:
        headers = {**headers, "Content-Type": "application/pdf"}
    response = await w.client.request(
        call.method, call.url, json=call.body, content=call.content, params=call.params, headers=headers
    )
    body = response.json() if response.content else {}
    return Outcome(ok=response.status_code < 300, code=body.get("code"), status=response.status_code)


# --- what the doors need ------------------------------------------------------------------


async def case(w: World, **fields: Any) -> dict:
    body = {"youth_id": w.youth_id, "department_code": "BFU", "kind": "placement", "opened_on": "2025-01-06"}
    return await w.post("/v1/cases", {**body, **fields})


async def guide(w: World) -> dict:
    return await w.post("/v1/guides", {"youth_id": w.youth_id, "guide": {"sub": "g1", "name": "Guide En"}})


async def plan(w: World) -> dict:
    return await w.post("/v1/plans", {"youth_id": w.youth_id})


async def referral(w: World) -> dict:
    body = {"youth_id": w.youth_id, "category": "placed", "summary": "Anbragt; brug for bostøtte efter 18."}
    return await w.post("/v1/referrals", body)


async def submitted(w: World) -> dict:
    draft = await referral(w)
    return await w.post(f"/v1/referrals/{draft['id']}/submit", version=draft["version"])


async def meeting(w: World) -> dict:
    body = {
        "forum": "coordination",
        "starts_at": datetime.combine(TODAY + timedelta(days=1), time(9, 0), tzinfo=CPH).isoformat(),
        "chair": {"sub": "moedeleder", "name": "Teamleder Hanne", "department": "BFU"},
        "participants": [{"name": "Teamleder BFU", "department": "BFU", "role": "Teamleder"}],
        "capacity_minutes": 120,
    }
    return await w.post("/v1/meetings", body)


async def scheduled(w: World) -> tuple[dict, dict]:
    """A submitted referral on a meeting that has then started (a decision needs a held meeting)."""
    ref, forum_meeting = await submitted(w), await meeting(w)
    ref = await w.post(
        f"/v1/referrals/{ref['id']}/schedule", {"meeting_id": forum_meeting["id"]}, version=ref["version"]
    )
    # Moved to the first minute of the app's day: held today, whatever the clock says.
    await w.admin_db.execute(
        "UPDATE forum_meeting SET starts_at = $1 WHERE id = $2::uuid",
        datetime.combine(TODAY, time(0, 1), tzinfo=CPH),
        forum_meeting["id"],
    )
    return ref, forum_meeting


async def team(w: World) -> dict:
    return await w.post("/v1/teams", {"youth_id": w.youth_id, "members": MEMBERS})


async def form(w: World) -> dict:
    return await w.post("/v1/transition-forms", {"youth_id": w.youth_id, **FORM})


def absence_body(w: World) -> dict:
    return {"youth_id": w.youth_id, "school_name": "Nordbyskolen", "quarter": "2026Q3", "lawful_pct": 2.0,
            "unlawful_pct": 11.3, "sick_pct": 4.0}  # fmt: skip


def network_body(w: World) -> dict:
    return {"youth_id": w.youth_id, "held_on": TODAY.isoformat(), "title": "Netværksmøde",
            "participants": [{"name": "Mor Eksempel", "role": "mor"}], "youth_participated": True,
            "guardians_participated": True, "frame": FRAME}  # fmt: skip


def consent_body(w: World) -> dict:
    return {"youth_id": w.youth_id, "categories": ["cases"], "recipient_departments": ["UU"],
            "given_by": [{"kind": "youth", "name": "Testa Eksempelsen", "given_on": TODAY.isoformat()}],
            "purpose": "Uddannelsesplan", "valid_until": (TODAY + timedelta(days=365)).isoformat()}  # fmt: skip


def concern_body(w: World) -> dict:
    sender = {"kind": "professional", "name": "Lærer Eksempel", "profession": "klasselærer",
              "department_code": "SKOLE", "contact": "laerer@example.dk"}  # fmt: skip
    return {"youth_id": w.youth_id, "sender": sender, "made_in_dialogue": False, "level": 3, "frame": FRAME}


def youth_plan_body(w: World) -> dict:
    return {
        "youth_id": w.youth_id,
        "youth_involved": True,
        "parents_involved": False,
        "goals": "EUD-afklaring.",
    }


def aftercare_body(w: World) -> dict:
    return {"youth_id": w.youth_id, "outcome": "refused", "legal_basis_code": "BL § 114"}


def target_group_body(w: World) -> dict:
    return {"youth_id": w.youth_id, "referred_on": TODAY.isoformat()}


def disability_transition_body(w: World) -> dict:
    return {"youth_id": w.youth_id, "support_need": "Bostøtte efter 18."}


# --- the doors ----------------------------------------------------------------------------

Builder = Callable[[World], Awaitable[Call]]


async def register_youth(w: World) -> Call:
    return Call(
        "POST", "/v1/youth", {"cpr": cpr_of(w.born), "given_name": "Tvilling", "family_name": "Eksempelsen"}
    )


async def change_cpr(w: World) -> Call:
    other = born_turning(22, TODAY - timedelta(days=100))  # inside both moved windows
    created = await w.post("/v1/youth", {"cpr": cpr_of(other), "given_name": "Anden", "family_name": "Ung"})
    return Call("PATCH", f"/v1/youth/{created['id']}", {"cpr": cpr_of(w.born)}, version=created["version"])


async def open_case(w: World) -> Call:
    return Call("POST", "/v1/cases", {"youth_id": w.youth_id, "department_code": "BFU", "kind": "preventive"})


async def upsert_new_case(w: World) -> Call:
    body = {"youth_id": w.youth_id, "department_code": "BFU", "kind": "preventive", "opened_on": "2025-01-06"}
    return Call("PUT", "/v1/cases/by-external/sbsys/NEW-1", body)


async def upsert_open_case(w: World) -> Call:
    body = {"youth_id": w.youth_id, "department_code": "BFU", "kind": "preventive", "opened_on": "2025-01-06"}
    await w.put("/v1/cases/by-external/sbsys/OLD-1", body)
    return Call("PUT", "/v1/cases/by-external/sbsys/OLD-1", {**body, "legal_basis_code": "BL § 32"})


async def change_case(w: World) -> Call:
    c = await case(w)
    return Call("PATCH", f"/v1/cases/{c['id']}", {"legal_basis_code": "BL § 32"}, version=c["version"])


async def offer_guide(w: World) -> Call:
    return Call("POST", "/v1/guides", {"youth_id": w.youth_id, "guide": {"sub": "g1", "name": "Guide En"}})


async def accept_guide(w: World) -> Call:
    g = await guide(w)
    return Call("POST", f"/v1/guides/{g['id']}/accept", version=g["version"])


async def activate_guide(w: World) -> Call:
    g = await guide(w)
    g = await w.post(f"/v1/guides/{g['id']}/accept", version=g["version"])
    return Call("POST", f"/v1/guides/{g['id']}/activate", version=g["version"])


async def make_plan(w: World) -> Call:
    return Call("POST", "/v1/plans", {"youth_id": w.youth_id})


async def change_plan(w: World) -> Call:
    p = await plan(w)
    return Call("PATCH", f"/v1/plans/{p['id']}", {"status": "stuck", "status_reason": "Intet har holdt."},
                version=p["version"])  # fmt: skip


async def add_goal(w: World) -> Call:
    p = await plan(w)
    return Call("POST", f"/v1/plans/{p['id']}/goals", GOAL)


async def record_progression(w: World) -> Call:
    p = await plan(w)
    await w.put(
        "/v1/progression-scale", {"phases": [{"code": "parat", "label_da": "Parat", "label_en": "Ready"}]}
    )
    return Call("POST", f"/v1/plans/{p['id']}/progression", {"phase": "parat"})


async def change_goal(w: World) -> Call:
    p = await plan(w)
    g = await w.post(f"/v1/plans/{p['id']}/goals", GOAL)
    return Call(
        "PATCH", f"/v1/plans/{p['id']}/goals/{g['id']}", {"description": "Fem dage."}, version=g["version"]
    )


async def add_measure(w: World) -> Call:
    p = await plan(w)
    return Call("POST", f"/v1/plans/{p['id']}/measures", MEASURE)


async def change_measure(w: World) -> Call:
    p = await plan(w)
    m = await w.post(f"/v1/plans/{p['id']}/measures", MEASURE)
    return Call("PATCH", f"/v1/plans/{p['id']}/measures/{m['id']}", {"title": "Mentor"}, version=m["version"])


async def create_referral(w: World) -> Call:
    body = {"youth_id": w.youth_id, "category": "placed", "summary": "Anbragt; brug for bostøtte efter 18."}
    return Call("POST", "/v1/referrals", body)


async def change_referral(w: World) -> Call:
    r = await referral(w)
    return Call("PATCH", f"/v1/referrals/{r['id']}", {"summary": "Opdateret."}, version=r["version"])


async def submit_referral(w: World) -> Call:
    r = await referral(w)
    return Call("POST", f"/v1/referrals/{r['id']}/submit", version=r["version"])


async def discuss_referral(w: World) -> Call:
    r, _ = await scheduled(w)
    return Call("POST", f"/v1/referrals/{r['id']}/discuss", version=r["version"])


async def schedule_referral(w: World) -> Call:
    r, m = await submitted(w), await meeting(w)
    return Call("POST", f"/v1/referrals/{r['id']}/schedule", {"meeting_id": m["id"]}, version=r["version"])


async def place_on_agenda(w: World) -> Call:
    r, m = await submitted(w), await meeting(w)
    return Call("POST", f"/v1/meetings/{m['id']}/agenda", {"referral_id": r["id"]})


async def record_decision(w: World) -> Call:
    r, m = await scheduled(w)
    body = {
        "referral_id": r["id"],
        "documentation_needed": False,
        "education_perspective": "FGU som første skridt.",
        "team": {"members": MEMBERS, "first_meeting_on": (TODAY + timedelta(days=7)).isoformat()},
    }
    return Call("POST", f"/v1/meetings/{m['id']}/decisions", body)


async def create_team(w: World) -> Call:
    return Call("POST", "/v1/teams", {"youth_id": w.youth_id, "members": MEMBERS})


async def add_member(w: World) -> Call:
    t = await team(w)
    member = {"sub": "ue-vejleder", "name": "UE-vejleder Ulla", "department": "UU", "role": "UE-vejleder"}
    return Call("POST", f"/v1/teams/{t['id']}/members", member, version=t["version"])


async def plan_team_meeting(w: World) -> Call:
    t = await team(w)
    body = {"first_meeting_on": (TODAY + timedelta(days=5)).isoformat()}
    return Call("PATCH", f"/v1/teams/{t['id']}", body, version=t["version"])


async def record_team_meeting(w: World) -> Call:
    t = await team(w)
    body = {"held_on": TODAY.isoformat(), "youth_present": True, "parents_present": False}
    return Call("POST", f"/v1/teams/{t['id']}/meetings", body)


async def create_form(w: World) -> Call:
    return Call("POST", "/v1/transition-forms", {"youth_id": w.youth_id, **FORM})


async def update_form(w: World) -> Call:
    f = await form(w)
    return Call(
        "PATCH", f"/v1/transition-forms/{f['id']}", {"notes": "Opdateret i juni."}, version=f["version"]
    )


async def record_absence(w: World) -> Call:
    return Call("POST", "/v1/absence", absence_body(w))


async def upsert_absence(w: World) -> Call:
    return Call("PUT", "/v1/absence/by-external/elevsys/F-1", absence_body(w))


async def change_absence(w: World) -> Call:
    a = await w.post("/v1/absence", absence_body(w))
    return Call("PATCH", f"/v1/absence/{a['id']}", {"unlawful_pct": 15}, version=a["version"])


async def import_youth(w: World) -> Call:
    csv = f"CPR-nummer;Fornavn;Efternavn\n{cpr_of(w.born)};Tvilling;Eksempelsen\n"
    return Call("POST", "/v1/imports", kind="youth", csv=csv)


async def import_case(w: World) -> Call:
    csv = f"CPR-nummer;Afdeling;Sagstype;Oprettet;Journalsystem;Journalnummer\n{w.cpr};BFU;placement;2025-01-06;sbsys;I-1\n"
    return Call("POST", "/v1/imports", kind="cases", csv=csv)


async def import_case_update(w: World) -> Call:
    await case(w, external_ref={"system": "sbsys", "id": "I-2"})
    csv = (f"CPR-nummer;Afdeling;Sagstype;Paragraf;Oprettet;Journalsystem;Journalnummer\n"
           f"{w.cpr};BFU;placement;BL § 32;2025-01-06;sbsys;I-2\n")  # fmt: skip
    return Call("POST", "/v1/imports", kind="cases", csv=csv)


async def import_absence(w: World) -> Call:
    csv = f"cpr;skole;kvartal;lovligt;ulovligt;sygdom\n{w.cpr};Nordbyskolen;2026Q1;2,5;16,25;3\n"
    return Call("POST", "/v1/imports", kind="absence", csv=csv)


async def record_network_meeting(w: World) -> Call:
    return Call("POST", "/v1/network-meetings", network_body(w))


async def change_network_meeting(w: World) -> Call:
    m = await w.post("/v1/network-meetings", network_body(w))
    return Call("PATCH", f"/v1/network-meetings/{m['id']}", {"title": "Opfølgning"}, version=m["version"])


async def receive_concern(w: World) -> Call:
    return Call("POST", "/v1/concerns", concern_body(w))


async def register_consent(w: World) -> Call:
    return Call("POST", "/v1/consents", consent_body(w))


async def add_giver(w: World) -> Call:
    # One parent consented when the youth was 14 (not complete alone); the youth adds theirs now.
    at_14 = {
        "kind": "custody_holder",
        "name": "Mor Eksempelsen",
        "given_on": (w.born.replace(year=w.born.year + 14) + timedelta(days=40)).isoformat(),
    }
    c = await w.post("/v1/consents", {**consent_body(w), "given_by": [at_14]})
    giver = {"kind": "youth", "name": "Testa Eksempelsen", "given_on": TODAY.isoformat()}
    return Call("POST", f"/v1/consents/{c['id']}/givers", giver, version=c["version"])


async def record_youth_plan(w: World) -> Call:
    return Call("POST", "/v1/youth-plans", youth_plan_body(w))


async def correct_youth_plan(w: World) -> Call:
    p = await w.post("/v1/youth-plans", youth_plan_body(w))
    return Call("PATCH", f"/v1/youth-plans/{p['id']}", {"parents_involved": True}, version=p["version"])


async def record_aftercare(w: World) -> Call:
    return Call("POST", "/v1/aftercare-decisions", aftercare_body(w))


async def correct_aftercare(w: World) -> Call:
    d = await w.post("/v1/aftercare-decisions", aftercare_body(w))
    return Call("PATCH", f"/v1/aftercare-decisions/{d['id']}", {"notes": "Rettet."}, version=d["version"])


async def write_note(w: World) -> Call:
    return Call("POST", "/v1/notes", {"youth_id": w.youth_id, "text": "Aftalt på mødet."})


async def correct_note(w: World) -> Call:
    n = await w.post("/v1/notes", {"youth_id": w.youth_id, "text": "Aftalt på mødet."})
    body = {"text": "Aftalt på mødet i går.", "reason": "Datoen manglede."}
    return Call("POST", f"/v1/notes/{n['id']}/corrections", body, version=n["version"])


async def upload_document(w: World) -> Call:
    params = {"youth_id": w.youth_id, "kind": "signed_consent", "title": "Samtykke"}
    return Call("POST", "/v1/documents", params=params, content=b"%PDF-1.7 signed")


async def record_target_group(w: World) -> Call:
    return Call("POST", "/v1/target-group-assessments", target_group_body(w))


async def assess_target_group(w: World) -> Call:
    a = await w.post("/v1/target-group-assessments", target_group_body(w))
    body = {"assessed_on": TODAY.isoformat(), "fgu_target_group": True}
    return Call("PATCH", f"/v1/target-group-assessments/{a['id']}", body, version=a["version"])


async def start_disability_transition(w: World) -> Call:
    return Call("POST", "/v1/disability-transition-assessments", disability_transition_body(w))


async def change_disability_transition(w: World) -> Call:
    a = await w.post("/v1/disability-transition-assessments", disability_transition_body(w))
    url = f"/v1/disability-transition-assessments/{a['id']}"
    return Call("PATCH", url, {"housing": "Bofællesskab."}, version=a["version"])


# The order's case is the world's own (BFU): an ARB case would let the consent's ARB recipient in.
async def record_education_order(w: World) -> Call:
    c = await case(w)
    return Call("POST", "/v1/education-orders", education_order_body(w, c["id"]))


async def change_education_order(w: World) -> Call:
    c = await case(w)
    o = await w.post("/v1/education-orders", education_order_body(w, c["id"]))
    return Call("PATCH", f"/v1/education-orders/{o['id']}", {"notes": "Rettet."}, version=o["version"])


def education_order_body(w: World, case_id: str) -> dict:
    return {"youth_id": w.youth_id, "case_id": case_id, "outcome": "not_ordered"}


@dataclass(frozen=True)
class Door:
    operation: str  # "METHOD /path" as in the OpenAPI spec; imports as "POST /v1/imports?kind=..."
    build: Builder
    lower_bound: bool = True  # False: a concern or a consent, refused only above age_max

    @property
    def id(self) -> str:
        return f"{self.operation} ({self.build.__name__})"


DOORS: list[Door] = [
    Door("POST /v1/youth", register_youth),
    Door("PATCH /v1/youth/{youth_id}", change_cpr),
    Door("POST /v1/imports?kind=youth", import_youth),
    Door("POST /v1/cases", open_case),
    Door("PUT /v1/cases/by-external/{system}/{external_id}", upsert_new_case),
    Door("PUT /v1/cases/by-external/{system}/{external_id}", upsert_open_case),
    Door("PATCH /v1/cases/{case_id}", change_case),
    Door("POST /v1/imports?kind=cases", import_case),
    Door("POST /v1/imports?kind=cases", import_case_update),
    Door("POST /v1/guides", offer_guide),
    Door("POST /v1/guides/{guide_id}/{action}", accept_guide),
    Door("POST /v1/guides/{guide_id}/{action}", activate_guide),
    Door("POST /v1/plans", make_plan),
    Door("PATCH /v1/plans/{plan_id}", change_plan),
    Door("POST /v1/plans/{plan_id}/goals", add_goal),
    Door("PATCH /v1/plans/{plan_id}/goals/{goal_id}", change_goal),
    Door("POST /v1/plans/{plan_id}/measures", add_measure),
    Door("POST /v1/plans/{plan_id}/progression", record_progression),
    Door("PATCH /v1/plans/{plan_id}/measures/{measure_id}", change_measure),
    Door("POST /v1/referrals", create_referral),
    Door("PATCH /v1/referrals/{referral_id}", change_referral),
    Door("POST /v1/referrals/{referral_id}/{action}", submit_referral),
    Door("POST /v1/referrals/{referral_id}/{action}", discuss_referral),
    Door("POST /v1/referrals/{referral_id}/schedule", schedule_referral),
    Door("POST /v1/meetings/{meeting_id}/agenda", place_on_agenda),
    Door("POST /v1/meetings/{meeting_id}/decisions", record_decision),
    Door("POST /v1/teams", create_team),
    Door("PATCH /v1/teams/{team_id}", plan_team_meeting),
    Door("POST /v1/teams/{team_id}/members", add_member),
    Door("POST /v1/teams/{team_id}/meetings", record_team_meeting),
    Door("POST /v1/transition-forms", create_form),
    Door("PATCH /v1/transition-forms/{form_id}", update_form),
    Door("POST /v1/absence", record_absence),
    Door("PATCH /v1/absence/{record_id}", change_absence),
    Door("PUT /v1/absence/by-external/{system}/{external_id}", upsert_absence),
    Door("POST /v1/imports?kind=absence", import_absence),
    Door("POST /v1/network-meetings", record_network_meeting),
    Door("PATCH /v1/network-meetings/{meeting_id}", change_network_meeting),
    Door("POST /v1/concerns", receive_concern, lower_bound=False),
    Door("POST /v1/consents", register_consent, lower_bound=False),
    Door("POST /v1/consents/{consent_id}/givers", add_giver, lower_bound=False),
    Door("POST /v1/youth-plans", record_youth_plan),
    Door("PATCH /v1/youth-plans/{plan_id}", correct_youth_plan),
    Door("POST /v1/aftercare-decisions", record_aftercare),
    Door("PATCH /v1/aftercare-decisions/{decision_id}", correct_aftercare),
    Door("POST /v1/notes", write_note),
    Door("POST /v1/notes/{note_id}/corrections", correct_note),
    Door("POST /v1/documents", upload_document, lower_bound=False),
    Door("POST /v1/target-group-assessments", record_target_group),
    Door("PATCH /v1/target-group-assessments/{assessment_id}", assess_target_group),
    Door("POST /v1/disability-transition-assessments", start_disability_transition),
    Door("PATCH /v1/disability-transition-assessments/{assessment_id}", change_disability_transition),
    Door("POST /v1/education-orders", record_education_order),
    Door("PATCH /v1/education-orders/{order_id}", change_education_order),
]


# --- writes that wind the effort down: open to a youth outside the window -------------------


async def close_case(w: World) -> Call:
    c = await case(w)
    return Call("PATCH", f"/v1/cases/{c['id']}", {"closed_on": TODAY.isoformat()}, version=c["version"])


async def close_case_by_external(w: World) -> Call:
    body = {"youth_id": w.youth_id, "department_code": "BFU", "kind": "preventive", "opened_on": "2025-01-06"}
    await w.put("/v1/cases/by-external/sbsys/OLD-2", body)
    return Call("PUT", "/v1/cases/by-external/sbsys/OLD-2", {**body, "closed_on": TODAY.isoformat()})


async def decline_guide(w: World) -> Call:
    g = await guide(w)
    return Call("POST", f"/v1/guides/{g['id']}/decline", version=g["version"])


async def end_guide(w: World) -> Call:
    g = await guide(w)
    g = await w.post(f"/v1/guides/{g['id']}/accept", version=g["version"])
    return Call("POST", f"/v1/guides/{g['id']}/end", {"reason": "Over aldersgrænsen"}, version=g["version"])


async def close_plan(w: World) -> Call:
    p = await plan(w)
    return Call("PATCH", f"/v1/plans/{p['id']}", {"status": "closed", "status_reason": "Over aldersgrænsen."},
                version=p["version"])  # fmt: skip


async def withdraw_referral(w: World) -> Call:
    r = await submitted(w)
    return Call(
        "POST", f"/v1/referrals/{r['id']}/withdraw", {"reason": "Over aldersgrænsen"}, version=r["version"]
    )


async def member_leaves(w: World) -> Call:
    t = await team(w)
    member = {"sub": "ue-vejleder", "name": "UE-vejleder Ulla", "department": "UU", "role": "UE-vejleder"}
    t = await w.post(f"/v1/teams/{t['id']}/members", member, version=t["version"])
    ulla = next(m for m in t["members"] if m["sub"] == "ue-vejleder")
    return Call("POST", f"/v1/teams/{t['id']}/members/{ulla['id']}/leave", version=t["version"])


async def revoke_consent(w: World) -> Call:
    c = await w.post("/v1/consents", consent_body(w))
    return Call("POST", f"/v1/consents/{c['id']}/revoke", {"reason": "Trukket tilbage"}, version=c["version"])


async def assess_concern(w: World) -> Call:
    c = await w.post("/v1/concerns", concern_body(w))
    return Call("POST", f"/v1/concerns/{c['id']}/assess", {"in_danger": False, "note": "Ingen fare."},
                version=c["version"])  # fmt: skip


WIND_DOWN: list[Door] = [
    Door("PATCH /v1/cases/{case_id}", close_case),
    Door("PUT /v1/cases/by-external/{system}/{external_id}", close_case_by_external),
    Door("POST /v1/guides/{guide_id}/{action}", decline_guide),
    Door("POST /v1/guides/{guide_id}/{action}", end_guide),
    Door("PATCH /v1/plans/{plan_id}", close_plan),
    Door("POST /v1/referrals/{referral_id}/{action}", withdraw_referral),
    Door("POST /v1/teams/{team_id}/members/{member_id}/leave", member_leaves),
    Door("POST /v1/consents/{consent_id}/revoke", revoke_consent),
    Door("POST /v1/concerns/{concern_id}/assess", assess_concern),
]

# Write operations that concern no youth, or handle one without carrying the effort on.
# The youth's own door (/v1/me): a citizen's token writes the youth's own words about their own
# record, never as a consent's recipient, and no record of the effort changes.
OWN_WORDS = (
    "the youth's own words through their own door (a citizen's token); no record of the effort changes"
)
OWN_DOOR = {
    "POST /v1/me/views": OWN_WORDS,
    "POST /v1/me/meetings/{meeting_id}/reply": OWN_WORDS,
    "POST /v1/me/talk-requests": OWN_WORDS,
    "POST /v1/me/consents/{consent_id}/revoke": "the youth revokes a consent they gave: it narrows access, "
    "as the giver's side does (consents/rules.given_by_youth)",
    "POST /v1/youth/{youth_id}/statements/{statement_id}/answer": "answers the youth's words, changes no record; "
    "in the write scope (a consent's recipient: 404, tests/api/me/test_me.py)",
}


NOT_ABOUT_A_YOUTH = {
    "POST /v1/youth/lookup": "a read",
    "POST /v1/disclosures": "records that existing information was disclosed (R9, § 28); carries nothing on",
    "POST /v1/youth/{youth_id}/archive": "takes the youth out",
    "PUT /v1/settings": "the window itself",
    "PUT /v1/progression-scale": "the municipality's progression scale",
    "POST /v1/citizen-subjects": "maps a login broker's pseudonym to a person (keyed CPR hash); no record of "
    "the effort, and it may name someone with no youth record at all",
    "POST /v1/settings/seed": "departments",
    "POST /v1/departments": "departments",
    "PATCH /v1/departments/{department_id}": "departments",
    "POST /v1/offers": "the offers catalogue",
    "PATCH /v1/offers/{offer_id}": "the offers catalogue",
    "PATCH /v1/concerns/{concern_id}": "a received concern is handled whatever the age",
    "POST /v1/concerns/{concern_id}/acknowledge": "a received concern is handled whatever the age",
    "POST /v1/concerns/{concern_id}/close": "a received concern is handled whatever the age",
    "POST /v1/meetings": "a forum meeting",
    "POST /v1/meetings/series": "forum meetings",
    "PATCH /v1/meetings/{meeting_id}": "a forum meeting",
    "DELETE /v1/meetings/{meeting_id}": "a forum meeting",
    "POST /v1/obligations/{key}/resolve": "closes a deadline with a reason, whatever the age (§8.2)",
    "POST /v1/webhooks": "integration",
    "PATCH /v1/webhooks/{subscription_id}": "integration",
    "POST /v1/webhooks/{subscription_id}/deliveries/{delivery_id}/replay": "integration",
    "POST /v1/feed-tokens": "a caller's own calendar feed token",
    "DELETE /v1/feed-tokens/{token_id}": "a caller's own calendar feed token",
    "PUT /v1/documents/{document_id}/journal-reference": "records where an existing document was filed "
    "(journaliseringspligt, whatever the age); carries nothing on",
}


# --- the tests ----------------------------------------------------------------------------


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


async def move_window(w: World, **policy: int) -> None:
    current = (await w.client.get("/v1/settings", headers=w.headers)).json()
    response = await w.client.put(
        "/v1/settings", json=policy, headers={**w.headers, "If-Match": f'"{current["version"]}"'}
    )
    assert response.status_code == 200, response.text


async def world(client, auth, admin_db, born: date) -> World:
    headers = auth("admin", "BFU", sub=LEAD, name="Rådgiver Bente")
    cpr = cpr_of(born)
    response = await client.post(
        "/v1/youth", json={"cpr": cpr, "given_name": "Testa", "family_name": "Eksempelsen"}, headers=headers
    )
    assert response.status_code == 201, response.text
    return World(client, headers, admin_db, born, cpr, response.json()["id"])


# (window, the youth's 19th birthday, inside?): the boundary between the day before and the day.
SIDES = [
    pytest.param({"age_max": 18}, TODAY + timedelta(days=1), True, id="age_max-day_before"),
    pytest.param({"age_max": 18}, TODAY, False, id="age_max-on_the_day"),
    pytest.param({"age_min": 19}, TODAY, True, id="age_min-on_the_day"),
    pytest.param({"age_min": 19}, TODAY + timedelta(days=1), False, id="age_min-day_before"),
]


class EveryDoor:
    @pytest.mark.parametrize("window, turns_19_on, inside", SIDES)
    @pytest.mark.parametrize("door", DOORS, ids=lambda d: d.id)
    async def test_refused_outside_the_window_only(
        self, client, auth, admin_db, seeded, door: Door, window: dict, turns_19_on: date, inside: bool
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(19, turns_19_on))
        call = await door.build(w)
        await move_window(w, **window)
        outcome = await attempt(w, call)
        if inside or ("age_min" in window and not door.lower_bound):
            assert outcome.ok, outcome
        else:
            assert (outcome.status, outcome.code) == (422, CODE), outcome

    @pytest.mark.parametrize("door", WIND_DOWN, ids=lambda d: d.id)
    async def test_winding_down_stays_open_outside_the_window(
        self, client, auth, admin_db, seeded, door: Door
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(19, TODAY))
        call = await door.build(w)
        await move_window(w, age_max=18)
        outcome = await attempt(w, call)
        assert outcome.ok, outcome

    def test_every_write_operation_is_in_a_table(self) -> None:
        spec = json.loads(SPEC.read_text())
        writes = {
            f"{method.upper()} {path}"
            for path, operations in spec["paths"].items()
            for method in operations
            if method in ("post", "put", "patch", "delete")
        }
        covered = (
            {d.operation.split("?")[0] for d in (*DOORS, *WIND_DOWN)} | set(NOT_ABOUT_A_YOUTH) | set(OWN_DOOR)
        )
        assert sorted(writes - covered) == [], "a write operation without a door case"
        kinds = {d.operation.split("=")[1] for d in DOORS if "?kind=" in d.operation}
        kind = spec["paths"]["/v1/imports"]["post"]["parameters"][0]["schema"]["$ref"].rsplit("/", 1)[1]
        assert kinds == set(spec["components"]["schemas"][kind]["enum"])


class TestTheIssuesReproduction:
    async def test_a_cpr_changed_to_a_36_year_olds_is_refused_and_so_is_everything_after(
        self, client, auth, admin_db, seeded
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(16, TODAY - timedelta(days=40)))
        youth = (await client.get(f"/v1/youth/{w.youth_id}", headers=w.headers)).json()
        old = cpr_of(born_turning(36, TODAY - timedelta(days=40)))
        response = await client.patch(
            f"/v1/youth/{w.youth_id}",
            json={"cpr": old},
            headers={**w.headers, "If-Match": f'"{youth["version"]}"'},
        )
        assert (response.status_code, response.json()["code"]) == (422, CODE)
        assert response.json()["detail"].startswith("The youth is 36 years old")
        da = await client.patch(
            f"/v1/youth/{w.youth_id}",
            json={"cpr": old},
            headers={**w.headers, "If-Match": f'"{youth["version"]}"', "Accept-Language": "da"},
        )
        assert "fra 13 til 30 år" in da.json()["detail"]
        assert (await client.get(f"/v1/youth/{w.youth_id}", headers=w.headers)).json()["version"] == youth[
            "version"
        ]
        # Had the change gone through (as a journal system's correction of the birth date would
        # make it), nothing more may be written for him: the database says he is 36.
        await admin_db.execute(
            "UPDATE youth SET birth_date = $1 WHERE id = $2::uuid",
            born_turning(36, TODAY - timedelta(days=40)),
            w.youth_id,
        )
        for build in (
            open_case,
            offer_guide,
            create_referral,
            create_form,
            create_team,
            record_absence,
            make_plan,
        ):
            call = await build(w)
            outcome = await attempt(w, call)
            assert (outcome.status, outcome.code) == (422, CODE), (build.__name__, outcome)

    async def test_the_day_after_the_boundary_is_outside_too(self, client, auth, admin_db, seeded) -> None:
        w = await world(client, auth, admin_db, born_turning(19, TODAY - timedelta(days=1)))
        await move_window(w, age_max=18)
        outcome = await attempt(w, await open_case(w))
        assert (outcome.status, outcome.code) == (422, CODE)
        assert age_on(w.born, TODAY) == 19


class TestWindowSettings:
    async def test_age_min_above_age_max_is_refused(self, client, auth, seeded) -> None:
        headers = auth("admin")
        version = (await client.get("/v1/settings", headers=headers)).json()["version"]
        response = await client.put(
            "/v1/settings",
            json={"age_min": 24, "age_max": 23},
            headers={**headers, "If-Match": f'"{version}"'},
        )
        assert response.status_code == 422
        helsingor = await client.put(
            "/v1/settings",
            json={"age_min": 15, "age_max": 23},
            headers={**headers, "If-Match": f'"{version}"'},
        )
        assert helsingor.status_code == 200, helsingor.text
        assert (helsingor.json()["policy"]["age_min"], helsingor.json()["policy"]["age_max"]) == (15, 23)


class ExternalReferenceStaysWithItsYouth:
    async def test_an_upsert_naming_another_youth_is_409(self, client, auth, admin_db, seeded) -> None:
        w = await world(client, auth, admin_db, born_turning(16, TODAY - timedelta(days=40)))
        other = await world(client, auth, admin_db, born_turning(17, TODAY - timedelta(days=40)))
        url = "/v1/cases/by-external/sbsys/S-77"
        body = {
            "youth_id": w.youth_id,
            "department_code": "BFU",
            "kind": "placement",
            "opened_on": "2025-01-06",
        }
        first = await w.put(url, body)
        moved = await client.put(url, json={**body, "youth_id": other.youth_id}, headers=w.headers)
        assert (moved.status_code, moved.json()["code"]) == (409, "case.external_ref_other_youth")
        assert "sbsys/S-77" in moved.json()["detail"]
        case_now = (await client.get(f"/v1/cases/{first['id']}", headers=w.headers)).json()
        assert (case_now["youth_id"], case_now["version"]) == (w.youth_id, first["version"])
        # The same youth may still change the case.
        same = await client.put(url, json={**body, "kind": "preventive"}, headers=w.headers)
        assert same.status_code == 200 and same.json()["kind"] == "preventive"

    async def test_an_import_row_naming_another_youth_is_a_row_problem(
        self, client, auth, admin_db, seeded
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(16, TODAY - timedelta(days=40)))
        other = await world(client, auth, admin_db, born_turning(17, TODAY - timedelta(days=40)))
        first = await case(w, external_ref={"system": "sbsys", "id": "S-78"})
        header = "CPR-nummer;Afdeling;Sagstype;Oprettet;Journalsystem;Journalnummer\n"
        moved = f"{header}{other.cpr};BFU;preventive;2025-01-06;sbsys;S-78\n"
        job = await post_import(client, w.headers, moved, kind="cases", mode="valid_rows")
        assert [(p["line"], p["code"]) for p in job["report"]] == [(2, "case.external_ref_other_youth")]
        assert (job["created"], job["updated"]) == (0, 0)
        case_now = (await client.get(f"/v1/cases/{first['id']}", headers=w.headers)).json()
        assert (case_now["youth_id"], case_now["kind"]) == (w.youth_id, "placement")
        same = f"{header}{w.cpr};BFU;preventive;2025-01-06;sbsys;S-78\n"
        job = await post_import(client, w.headers, same, kind="cases", mode="valid_rows")
        assert (job["report"], job["created"], job["updated"]) == ([], 0, 1)
        case_now = (await client.get(f"/v1/cases/{first['id']}", headers=w.headers)).json()
        assert (case_now["youth_id"], case_now["kind"]) == (w.youth_id, "preventive")

    async def test_an_absence_record_stays_with_its_youth_by_put_and_by_import(
        self, client, auth, admin_db, seeded
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(16, TODAY - timedelta(days=40)))
        other = await world(client, auth, admin_db, born_turning(17, TODAY - timedelta(days=40)))
        url = "/v1/absence/by-external/elevsys/F-77"
        first = await client.put(url, json=absence_body(w), headers=w.headers)
        assert first.status_code == 201 and first.json()["external_ref"] == {
            "system": "elevsys",
            "id": "F-77",
        }
        again = await client.put(url, json=absence_body(w), headers=w.headers)
        assert (again.status_code, again.json()["version"]) == (200, first.json()["version"])
        moved = await client.put(url, json={**absence_body(w), "youth_id": other.youth_id}, headers=w.headers)
        assert (moved.status_code, moved.json()["code"]) == (409, "absence.external_ref_other_youth")
        header = "cpr;skole;kvartal;lovligt;ulovligt;sygdom;kildesystem;ekstern_id\n"
        by_import = f"{header}{other.cpr};Nordbyskolen;2026Q3;2;11,3;4;elevsys;F-77\n"
        job = await post_import(client, w.headers, by_import, kind="absence", mode="valid_rows")
        assert [(p["line"], p["column"], p["code"]) for p in job["report"]] == [
            (2, "cpr", "absence.external_ref_other_youth")
        ]
        # The same youth's row by the reference changes the record, its period too; a rerun is a no-op.
        same = f"{header}{w.cpr};Nordbyskolen;2026Q2;2;12;4;elevsys;F-77\n"
        job = await post_import(client, w.headers, same, kind="absence", mode="valid_rows")
        assert (job["report"], job["created"], job["updated"]) == ([], 0, 1)
        job = await post_import(client, w.headers, same, kind="absence", mode="valid_rows")
        assert (job["report"], job["created"], job["updated"], job["unchanged"]) == ([], 0, 0, 1)
        now = (await client.get(f"/v1/absence/{first.json()['id']}", headers=w.headers)).json()
        assert (now["youth_id"], now["quarter"], now["unlawful_pct"]) == (w.youth_id, "2026Q2", 12.0)

    async def test_opening_a_case_with_another_youths_reference_is_409(
        self, client, auth, admin_db, seeded
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(16, TODAY - timedelta(days=40)))
        other = await world(client, auth, admin_db, born_turning(17, TODAY - timedelta(days=40)))
        await case(w, external_ref={"system": "sbsys", "id": "S-79"})
        body = {"youth_id": other.youth_id, "department_code": "BFU", "kind": "placement",
                "external_ref": {"system": "sbsys", "id": "S-79"}}  # fmt: skip
        response = await client.post("/v1/cases", json=body, headers=w.headers)
        assert (response.status_code, response.json()["code"]) == (409, "case.external_ref_other_youth")

    async def test_a_youths_reference_never_moves_to_another_youth(
        self, client, auth, admin_db, seeded
    ) -> None:
        w = await world(client, auth, admin_db, born_turning(16, TODAY - timedelta(days=40)))
        ref = {"system": "elev", "id": "E-1"}
        youth = (await client.get(f"/v1/youth/{w.youth_id}", headers=w.headers)).json()
        given = await client.patch(
            f"/v1/youth/{w.youth_id}",
            json={"external_ref": ref},
            headers={**w.headers, "If-Match": f'"{youth["version"]}"'},
        )
        assert given.status_code == 200, given.text
        twin = {"cpr": cpr_of(w.born), "given_name": "Anden", "family_name": "Ung", "external_ref": ref}
        response = await client.post("/v1/youth", json=twin, headers=w.headers)
        assert (response.status_code, response.json()["code"]) == (409, "youth.external_ref_taken")
        other = await world(client, auth, admin_db, born_turning(17, TODAY - timedelta(days=40)))
        response = await client.patch(
            f"/v1/youth/{other.youth_id}",
            json={"external_ref": ref},
            headers={**w.headers, "If-Match": '"1"'},
        )
        assert (response.status_code, response.json()["code"]) == (409, "youth.external_ref_taken")
        csv = f"CPR-nummer;Fornavn;Efternavn;Kildesystem;Ekstern id\n{other.cpr};Anden;Ung;elev;E-1\n"
        job = await post_import(client, w.headers, csv, kind="youth", mode="valid_rows")
        assert [(p["line"], p["code"]) for p in job["report"]] == [(2, "youth.external_ref_taken")]
