"""Demo data: about 200 synthetic youth in every state of the flows, made through the API itself.

The seeding drives the real app in-process (httpx + ASGITransport) with development tokens, so
every rule, audit row and outbox event is exactly what the API does. Only synthetic data:
CPR numbers `0101YY-4SSS` (1 January birthdays, serials 4000-4999) and "Demo" given names.
Idempotent: a municipality that already has youth is left alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI

from ungeapi.core.clock import today_in_copenhagen
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import Settings
from ungeapi.transitions.schemas import FIELDS_EXAMPLE

CPH = ZoneInfo("Europe/Copenhagen")
AGE_MIN, AGE_MAX = 13, 29
GIVEN = ["Alfa", "Bravo", "Charlie", "Delta", "Ekko", "Foxtrot", "Golf", "Hotel", "India", "Juliet"]
FAMILY = ["Eksempelsen", "Prøvesen", "Testrup", "Demosen"]
PARALLEL = 8

# (role, departments, sub, name) for each printed development token.
DEV_PRINCIPALS: list[tuple[str, list[str], str, str]] = [
    ("caseworker", ["BFU"], "demo-raadgiver-bfu", "Demo Rådgiver BFU"),
    ("caseworker", ["ARB"], "demo-raadgiver-arb", "Demo Rådgiver Jobcenter"),
    ("guide", ["UU"], "demo-guide", "Demo Ungeguide"),
    ("coordinator", ["BFU"], "demo-koordinator", "Demo Koordinator"),
    ("admin", ["BFU"], "demo-admin", "Demo Administrator"),
    ("integration", [], "demo-integration", "Demo Integration"),
    ("analyst", [], "demo-analytiker", "Demo Analytiker"),
    ("dpo", [], "demo-dpo", "Demo Databeskyttelsesrådgiver"),
]


@dataclass
class SeedResult:
    """What a seeding run did."""

    municipality: str
    created: int = 0
    skipped: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if self.skipped:
            return f"{self.municipality}: the municipality already has youth; demo data not seeded"
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return f"{self.municipality}: seeded {self.created} demo youth ({parts})"


def dev_tokens(settings: Settings, municipality: str, ttl_seconds: int = 30 * 24 * 3600) -> list[str]:
    """One long-lived development token per role, as printable lines."""
    lines = []
    for role, departments, sub, name in DEV_PRINCIPALS:
        token = mint_dev_token(
            settings,
            sub=sub,
            name=name,
            roles=[role],
            departments=departments,
            municipality=municipality,
            ttl_seconds=ttl_seconds,
        )
        label = f"{role} ({','.join(departments)})" if departments else role
        lines.append(f"{label}: {token}")
    return lines


def demo_cpr(index: int, birth_year: int) -> str:
    """A reserved-looking synthetic CPR number: 1 January, century digit 4, serial 4000-4999."""
    return f"0101{birth_year % 100:02d}-{4000 + index % 1000}"


class _Api:
    def __init__(self, client: httpx.AsyncClient, settings: Settings, municipality: str) -> None:
        self.client = client
        self.settings = settings
        self.municipality = municipality
        self.gate = asyncio.Semaphore(PARALLEL)

    def headers(self, role: str, departments: list[str], sub: str, name: str) -> dict[str, str]:
        token = mint_dev_token(
            self.settings,
            sub=sub,
            name=name,
            roles=[role],
            departments=departments,
            municipality=self.municipality,
        )
        return {"Authorization": f"Bearer {token}"}

    async def call(
        self, method: str, url: str, headers: dict[str, str], body: Any = None, version: int | None = None
    ) -> dict[str, Any]:
        if version is not None:
            headers = {**headers, "If-Match": f'"{version}"'}
        async with self.gate:
            response = await self.client.request(method, url, json=body, headers=headers)
        if response.status_code >= 300:
            raise RuntimeError(f"demo seeding: {method} {url} -> {response.status_code}: {response.text}")
        result: dict[str, Any] = response.json()
        return result


@asynccontextmanager
async def _client(app: FastAPI | None, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    if app is None:
        from ungeapi.main import create_app

        application = create_app(settings)
        async with application.router.lifespan_context(application):
            async with _client(application, settings) as c:
                yield c
        return
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://demo") as c:
        yield c


async def seed_demo(
    settings: Settings,
    municipality: str,
    *,
    app: FastAPI | None = None,
    count: int = 200,
    today: date | None = None,
) -> SeedResult:
    """Seeds `count` synthetic youth into `municipality` unless it already has youth."""
    if not 1 <= count <= 1000:
        raise ValueError("count must be 1-1000 (one serial 4000-4999 per youth)")
    today = today or today_in_copenhagen()
    result = SeedResult(municipality)
    async with _client(app, settings) as client:
        api = _Api(client, settings, municipality)
        admin = api.headers("admin", ["BFU"], "demo-admin", "Demo Administrator")
        existing = await api.call("GET", "/v1/youth?limit=1", admin)
        if existing["items"]:
            result.skipped = True
            return result
        await api.call("POST", "/v1/settings/seed", admin)
        seeder = _Seeder(api, today, result)
        await seeder.run(count)
    return result


class _Seeder:
    def __init__(self, api: _Api, today: date, result: SeedResult) -> None:
        self.api = api
        self.today = today
        self.result = result
        self.admin = api.headers("admin", ["BFU"], "demo-admin", "Demo Administrator")
        self.cprs: dict[str, str] = {}
        self.bfu = api.headers("caseworker", ["BFU"], "demo-raadgiver-bfu", "Demo Rådgiver BFU")
        self.arb = api.headers("caseworker", ["ARB"], "demo-raadgiver-arb", "Demo Rådgiver Jobcenter")
        self.chair = api.headers("coordinator", ["BFU"], "demo-koordinator", "Demo Koordinator")
        self.meetings: list[dict[str, Any]] = []
        # Decisions wait until every case is placed: the forum decides at a meeting that is held.
        self.decisions: list[tuple[str, dict[str, Any]]] = []

    def count(self, what: str) -> None:
        self.result.counts[what] = self.result.counts.get(what, 0) + 1

    async def run(self, count: int) -> None:
        first = datetime.combine(self.today + timedelta(days=7), time(9, 0), tzinfo=CPH)
        series = await self.api.call(
            "POST",
            "/v1/meetings/series",
            self.chair,
            {
                "forum": "coordination",
                "first_starts_at": first.isoformat(),
                "count": 3,
                "chair": {"sub": "demo-koordinator", "name": "Demo Koordinator", "department": "BFU"},
                "participants": [
                    {"name": "Demo Teamleder BFU", "department": "BFU", "role": "Teamleder"},
                    {"name": "Demo Konsulent", "department": "SAEH", "role": "Myndighed Handicap"},
                ],
                "capacity_minutes": 600,
                "location": "Rådhuset, mødelokale 2 (demo)",
            },
        )
        self.meetings = series["items"]
        self.count("meetings")
        await self.absence_team()
        await asyncio.gather(*(self.youth(i) for i in range(count)))
        await self.hold_and_decide()
        self.result.created = count

    async def absence_team(self) -> None:
        """Hjørring's absence team (fraværsteam) takes the notifications' follow-up; Helsingør's
        trigger prompts the contact person on high absence or poor wellbeing."""
        team = {"code": "FRAV", "name": "Demo Fraværsteamet", "kind": "absence_team", "authority_unit": False}
        await self.api.call("POST", "/v1/departments", self.admin, team)
        current = await self.api.call("GET", "/v1/settings", self.admin)
        body = {"absence_team_department": "FRAV", "absence_guide_prompt": True}
        await self.api.call("PUT", "/v1/settings", self.admin, body, current["version"])

    async def hold_and_decide(self) -> None:
        """The meetings with cases to decide are held today (moved to this morning, which a
        meeting without decisions may be), and the forum records its decisions."""
        held_at = datetime.combine(self.today, time(8, 0), tzinfo=CPH).isoformat()
        for meeting in self.meetings:
            if any(meeting_id == meeting["id"] for meeting_id, _ in self.decisions):
                await self.api.call(
                    "PATCH",
                    f"/v1/meetings/{meeting['id']}",
                    self.chair,
                    {"starts_at": held_at},
                    meeting["version"],
                )
        for meeting_id, decision in self.decisions:
            await self.api.call("POST", f"/v1/meetings/{meeting_id}/decisions", self.chair, decision)
            self.count("decisions with team")

    async def youth(self, i: int) -> None:
        age = AGE_MIN + i % (AGE_MAX - AGE_MIN + 1)
        # Born 1 January: the age is the same all year.
        birth_year = self.today.year - age
        department = ["BFU", "ARB", "UU", "SKOLE", "SAEH", "SUND"][i % 6]
        youth = await self.api.call(
            "POST",
            "/v1/youth",
            self.api.headers("admin", [department], "demo-admin", "Demo Administrator"),
            {
                "cpr": demo_cpr(i, birth_year),
                "given_name": f"Demo {GIVEN[i % len(GIVEN)]}",
                "family_name": FAMILY[i // len(GIVEN) % len(FAMILY)],
                "registered_by_department": department,
            },
        )
        self.count("youth")
        youth_id = youth["id"]
        self.cprs[youth_id] = demo_cpr(i, birth_year)
        if age < 18:
            await self.minor(i, age, youth_id)
        else:
            await self.adult(i, age, youth_id)

    async def case(
        self, headers: dict[str, str], youth_id: str, department: str, kind: str, **fields: Any
    ) -> dict[str, Any]:
        # The youth came to the department: it takes them on by CPR (cases/rules.py may_take_on).
        youth = {"youth_cpr": self.cprs[youth_id]}
        body = {**youth, "department_code": department, "kind": kind, "opened_on": "2025-01-06", **fields}
        case = await self.api.call("POST", "/v1/cases", headers, body)
        self.count(f"cases {department}")
        return case

    async def education_order(self, i: int, age: int, youth_id: str) -> None:
        """R24: a young benefit recipient at the jobcentre; some have an order with deadlines
        (education_order.proposal_due, .application_due), the rest await the assessment
        (education_order.assessment_due)."""
        benefit = "cash_benefit" if i % 3 else "unemployment_benefit"
        case = await self.case(
            self.arb, youth_id, "ARB", "employment", benefit_type=benefit, has_vocational_education=False
        )
        if age >= 25 or i % 8 != 0:
            return
        body = {
            "youth_id": youth_id,
            "case_id": case["id"],
            "outcome": "ordered",
            "proposal_due_on": (self.today + timedelta(days=7)).isoformat(),
            "application_due_on": (self.today + timedelta(days=30)).isoformat(),
            "notes": "Demo: kan gennemføre en erhvervsuddannelse.",
        }
        await self.api.call("POST", "/v1/education-orders", self.arb, body)
        self.count("education orders")

    async def minor(self, i: int, age: int, youth_id: str) -> None:
        if i % 3 == 0:
            await self.case(self.bfu, youth_id, "BFU", "placement")
            if age >= 14 and i % 2 == 0:
                # R10: support expected after 18; the adult area's forecast reads these.
                body = {"youth_id": youth_id, **FIELDS_EXAMPLE}
                await self.api.call("POST", "/v1/transition-forms", self.bfu, body)
                self.count("transition_forms")
            if age >= 15:
                await self.referral(i, age, youth_id)
        elif i % 3 == 1:
            await self.case(self.bfu, youth_id, "BFU", "preventive")
        if age <= 16 and i % 4 == 1:
            body = self.absence_body(youth_id, 11.3 if i % 8 == 1 else 3.0)
            await self.api.call("POST", "/v1/absence", self.admin, body)
            self.count("absence")
        if age <= 16 and i % 8 == 5:
            await self.notified_absence(youth_id)
        if 16 <= age and i % 6 == 4:
            # R21: a disability case marked substantial and permanent; some assessments started.
            body = {
                "youth_cpr": self.cprs[youth_id],
                "department_code": "BFU",
                "kind": "disability",
                "opened_on": "2025-01-06",
                "substantial_permanent_disability": True,
            }
            await self.api.call("POST", "/v1/cases", self.bfu, body)
            if i % 12 == 4:
                started = {"youth_id": youth_id, "support_need": "Demo: bostøtte efter 18."}
                await self.api.call("POST", "/v1/disability-transition-assessments", self.bfu, started)
                self.count("disability transition assessments")
        if i % 10 == 2:
            await self.concern(youth_id)
        if 15 <= age and i % 3 != 2 and i % 5 == 2:
            plan = await self.plan(self.bfu, youth_id)
            if i % 2 == 0:
                await self.plan_status(plan, "interrupted", "Demo: stoppede på efterskolen.")
        if i % 3 != 2 and i % 4 == 0:
            await self.guide(i, youth_id, self.bfu)
            if age <= 16:
                # Helsingør: poor wellbeing prompts the contact person (an active guide).
                body = {**self.absence_body(youth_id, 3.0), "wellbeing_signal": True}
                await self.api.call("POST", "/v1/absence", self.admin, body)
                self.count("absence with wellbeing signal")

    def absence_body(self, youth_id: str, unlawful: float, school: str = "Demoskolen") -> dict[str, Any]:
        return {
            "youth_id": youth_id,
            "school_name": school,
            "quarter": f"{self.today.year}Q{(self.today.month - 1) // 3 + 1}",
            "lawful_pct": 2.0,
            "unlawful_pct": unlawful,
            "sick_pct": 4.0,
        }

    async def notified_absence(self, youth_id: str) -> None:
        """R22: over the notification share, notified today: routed to the absence team, the
        hearing due, the follow-up on the way back to school set for today."""
        body = {
            **self.absence_body(youth_id, 16.5, "Demo Nordskolen"),
            "municipality_notified_on": self.today.isoformat(),
        }
        row = await self.api.call("POST", "/v1/absence", self.admin, body)
        follow_up = {"next_follow_up_on": self.today.isoformat()}
        await self.api.call("PATCH", f"/v1/absence/{row['id']}", self.admin, follow_up, row["version"])
        self.count("absence notified")

    async def adult(self, i: int, age: int, youth_id: str) -> None:
        if i % 2 == 0:
            await self.education_order(i, age, youth_id)
            if i % 4 == 0 and age <= 22:
                await self.case(self.admin, youth_id, "SAEH", "disability")
        if i % 2 == 1:
            return
        if age <= 25 and i % 3 == 0:
            plan = await self.plan(self.arb, youth_id)
            if i % 9 == 0:
                await self.plan_status(plan, "stuck", "Demo: intet tilbud har holdt.")
        if i % 5 in (1, 2):
            await self.guide(i, youth_id, self.arb)
        if age <= 24 and i % 7 == 3:
            # R6: referred to FGU; the target-group assessment is due.
            body = {"youth_id": youth_id, "referred_on": self.today.isoformat()}
            await self.api.call("POST", "/v1/target-group-assessments", self.arb, body)
            self.count("referrals to FGU")
        if i % 5 == 4:
            await self.concern(youth_id)

    async def plan(self, headers: dict[str, str], youth_id: str) -> dict[str, Any]:
        body = {
            "youth_id": youth_id,
            "destination": "education",
            "destination_text": "Demo: FGU og derefter erhvervsuddannelse.",
            "wishes": "Vil gerne arbejde med hænderne.",
            "next_follow_up_on": (self.today + timedelta(days=30)).isoformat(),
        }
        plan = await self.api.call("POST", "/v1/plans", headers, body)
        self.count("plans")
        return plan

    async def plan_status(self, plan: dict[str, Any], status: str, reason: str) -> None:
        body = {"status": status, "status_reason": reason}
        await self.api.call("PATCH", f"/v1/plans/{plan['id']}", self.admin, body, plan["version"])
        self.count(f"plans {status}")

    async def guide(self, i: int, youth_id: str, headers: dict[str, str]) -> None:
        body = {
            "youth_id": youth_id,
            "guide": {"sub": "demo-guide", "name": "Demo Ungeguide", "department": "UU"},
        }
        guide = await self.api.call("POST", "/v1/guides", headers, body)
        if i % 5 == 1 or i % 8 == 0:
            self.count("guides offered")
            return
        url = f"/v1/guides/{guide['id']}"
        accepted = await self.api.call("POST", f"{url}/accept", headers, None, guide["version"])
        on = {"on": self.today.isoformat()}
        await self.api.call("POST", f"{url}/activate", headers, on, accepted["version"])
        self.count("guides active")

    async def concern(self, youth_id: str) -> None:
        received = datetime.combine(self.today - timedelta(days=3), time(9, 30), tzinfo=CPH)
        body = {
            "youth_id": youth_id,
            "received_at": received.isoformat(),
            "sender": {
                "kind": "professional",
                "name": "Demo Lærer",
                "profession": "klasselærer",
                "department_code": "SKOLE",
                "contact": "demo-laerer@example.dk",
            },
            "made_in_dialogue": True,
            "dialogue_participants": [{"name": "Demo Mor", "role": "mor"}],
            "level": 3,
            "frame": {
                "worries": "Højt fravær; virker trist og træt.",
                "what_works": "God kontakt til klasselæreren.",
                "next_steps": "Møde med familien.",
            },
        }
        await self.api.call("POST", "/v1/concerns", self.admin, body)
        self.count("concerns")

    async def referral(self, i: int, age: int, youth_id: str) -> None:
        """Placed youth of 15-17: some forgotten (R13), some submitted, scheduled, decided."""
        step = (i // 3) % 4
        if step == 0:
            return  # the forgotten case: referral.missing
        body = {
            "youth_id": youth_id,
            "category": "placed",
            "summary": "Demo: anbragt i plejefamilie; forventes at have brug for bostøtte efter 18.",
        }
        referral = await self.api.call("POST", "/v1/referrals", self.bfu, body)
        url = f"/v1/referrals/{referral['id']}"
        referral = await self.api.call("POST", f"{url}/submit", self.bfu, None, referral["version"])
        if step == 1:
            self.count("referrals submitted")
            return
        referral = await self.api.call("POST", f"{url}/schedule", self.chair, None, referral["version"])
        if step == 2 or age > 16:
            self.count("referrals scheduled")
            return
        meeting_id = referral.get("meeting_id") or self.meetings[0]["id"]
        decision = {
            "referral_id": referral["id"],
            "documentation_needed": False,
            "education_perspective": "Demo: ønsker at blive tømrer; FGU som første skridt.",
            "recommended_measures": ["Afklaring af bostøttebehov", "Brobygning til FGU"],
            "income_basis_after_18": "fgu_allowance",
            "housing_need": "housing_support",
            "day_offer_need": "none",
            "lab_measures": ["Mentor"],
            "team": {
                "members": [
                    {
                        "sub": "demo-raadgiver-bfu",
                        "name": "Demo Rådgiver BFU",
                        "department": "BFU",
                        "role": "Rådgiver",
                        "lead": True,
                    },
                    {"department": "SAEH", "role": "Sagsbehandler, Myndighed Handicap"},
                    {
                        "sub": "demo-guide",
                        "name": "Demo Ungeguide",
                        "department": "UU",
                        "role": "UE-vejleder",
                    },
                ],
                "first_meeting_on": min(
                    self.today + timedelta(days=21),
                    date(self.today.year - age + 17, 1, 1) - timedelta(days=1),
                ).isoformat(),
            },
        }
        self.decisions.append((meeting_id, decision))
