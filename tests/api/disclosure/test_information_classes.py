"""R9 through HTTP: protected parts are withheld from other departments unless a consent in force
names their class (and the reader's department) or the owner recorded a disclosure (§ 28); the
overview shows exactly what each single read shows (issue 16's reproduction)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

import pytest

from tests.clock import TODAY, years_ago
from tests.conftest import synthetic_cpr

REFUSAL_NOTE = "Afslag pga. misbrug"


@dataclass
class Youth:
    id: str
    case: str
    plan: str
    form: str
    decision: str
    cpr: str


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def bfu(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


@pytest.fixture
def saeh(auth):
    return auth("caseworker", "SAEH", sub="raadgiver-saeh", name="Rådgiver Søren")


@pytest.fixture
async def youth(client, auth, bfu, seeded) -> Youth:
    """A placed 17-year-old in BFU with a plan, a transition form and a refused aftercare decision."""
    born = years_ago(17, 40)
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), 4),
        "given_name": "Klasse",
        "family_name": "Prøvesen",
        "registered_by_department": "BFU",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    youth_id = response.json()["id"]
    case = await client.post(
        "/v1/cases",
        json={
            "youth_id": youth_id,
            "department_code": "BFU",
            "kind": "placement",
            "legal_basis": "Anbringelse pga. misbrug i hjemmet",
            "legal_basis_code": "BL § 46",
        },
        headers=bfu,
    )
    assert case.status_code == 201, case.text
    plan = await client.post(
        "/v1/plans",
        json={
            "youth_id": youth_id,
            "readiness": "Ikke parat: misbrugsbehandling først",
            "information_class": "misuse",
        },
        headers=bfu,
    )
    assert plan.status_code == 201, plan.text
    form = await client.post(
        "/v1/transition-forms",
        json={
            "youth_id": youth_id,
            "support_hours_per_week": 15,
            "needs": {"housing_offer": True},
            "yearly_costs": {"botilbud": 450000},
            "notes": "Autisme; behov for botilbud",
        },
        headers=bfu,
    )
    assert form.status_code == 201, form.text
    decision = await client.post(
        "/v1/aftercare-decisions",
        json={
            "youth_id": youth_id,
            "case_id": case.json()["id"],
            "outcome": "refused",
            "notes": REFUSAL_NOTE,
        },
        headers=bfu,
    )
    assert decision.status_code == 201, decision.text
    return Youth(
        youth_id, case.json()["id"], plan.json()["id"], form.json()["id"], decision.json()["id"], body["cpr"]
    )


async def give_consent(client, auth, youth_id: str, categories: list[str], department: str = "SAEH") -> str:
    response = await client.post(
        "/v1/consents",
        json={
            "youth_id": youth_id,
            "given_by": [{"kind": "youth", "name": "Klasse Prøvesen", "given_on": TODAY.isoformat()}],
            "categories": categories,
            "recipient_departments": [department],
            "purpose": "Overgang til voksenområdet",
            "valid_until": (TODAY + timedelta(days=90)).isoformat(),
        },
        headers=auth("admin", "BFU"),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def revoke(client, auth, consent_id: str) -> None:
    response = await client.post(
        f"/v1/consents/{consent_id}/revoke", headers={**auth("admin", "BFU"), "If-Match": '"1"'}
    )
    assert response.status_code == 200, response.text


async def open_saeh_case(client, saeh, youth: Youth) -> None:
    """SAEH takes part in the effort by its own case (taken on by CPR, as the youth came to it):
    it sees the youth without any consent."""
    response = await client.post(
        "/v1/cases",
        json={"youth_cpr": youth.cpr, "department_code": "SAEH", "kind": "disability"},
        headers=saeh,
    )
    assert response.status_code == 201, response.text


def withheld(body: dict) -> set[tuple[str, str]]:
    return {(w["part"], w["information_class"]) for w in body["withheld"]}


class TestTheReproduction:
    """A consent for `cases` only (recipient SAEH): the overview shows what the single reads show."""

    async def test_overview_withholds_what_the_categories_do_not_open(
        self, client, auth, youth, saeh
    ) -> None:
        consent = await give_consent(client, auth, youth.id, ["cases"])
        assert (await client.get(f"/v1/plans/{youth.plan}", headers=saeh)).status_code == 404
        assert (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).status_code == 404
        assert (
            await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=saeh)
        ).status_code == 404
        response = await client.get(f"/v1/youth/{youth.id}/overview", headers=saeh)
        assert response.status_code == 200, response.text
        overview = response.json()
        assert overview["plan"] is None
        assert overview["guide"] is None
        assert overview["open_referrals"] == []
        assert overview["transition_form"] is None
        assert overview["aftercare_decision"] is None
        assert overview["open_obligations"] == []
        assert REFUSAL_NOTE not in response.text
        assert "botilbud" not in response.text
        # The case is opened by the consent, its legal basis (class social) is not.
        [case] = overview["open_cases"]
        assert case["id"] == youth.case
        assert case["legal_basis"] is None and case["legal_basis_code"] is None
        assert withheld(case) == {("legal_basis", "social")}
        single = await client.get(f"/v1/cases/{youth.case}", headers=saeh)
        assert single.status_code == 200
        assert single.json()["legal_basis"] is None and withheld(single.json()) == {("legal_basis", "social")}

        await revoke(client, auth, consent)
        assert (await client.get(f"/v1/youth/{youth.id}/overview", headers=saeh)).status_code == 404
        assert (await client.get(f"/v1/cases/{youth.case}", headers=saeh)).status_code == 404

    async def test_a_consent_naming_the_class_opens_the_part(self, client, auth, youth, saeh) -> None:
        await give_consent(client, auth, youth.id, ["cases", "social"])
        case = (await client.get(f"/v1/cases/{youth.case}", headers=saeh)).json()
        assert case["legal_basis_code"] == "BL § 46" and case["withheld"] == []
        overview = (await client.get(f"/v1/youth/{youth.id}/overview", headers=saeh)).json()
        assert overview["open_cases"][0]["legal_basis_code"] == "BL § 46"
        # `social` unlocks a class; it opens no record: the decision stays out of the overview.
        assert overview["aftercare_decision"] is None


class TestOtherDepartmentInTheEffort:
    async def test_owner_reads_everything(self, client, youth, bfu) -> None:
        decision = (await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=bfu)).json()
        assert decision["notes"] == REFUSAL_NOTE
        assert decision["information_class"] == "social" and decision["withheld"] == []
        plan = (await client.get(f"/v1/plans/{youth.plan}", headers=bfu)).json()
        assert plan["readiness"].startswith("Ikke parat") and plan["information_class"] == "misuse"

    async def test_protected_parts_withheld_class_by_class(self, client, auth, youth, saeh) -> None:
        await open_saeh_case(client, saeh, youth)
        decision = await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=saeh)
        assert decision.status_code == 200, decision.text
        assert decision.json()["notes"] is None and decision.json()["outcome"] == "refused"
        assert withheld(decision.json()) == {("notes", "social"), ("legal_basis", "social")}
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["needs"] is None and form["notes"] is None and form["yearly_costs"] is None
        assert form["support_hours_per_week"] == 15
        assert withheld(form) == {("needs", "health"), ("costs", "health")}
        plan = (await client.get(f"/v1/plans/{youth.plan}", headers=saeh)).json()
        assert plan["readiness"] is None and withheld(plan) == {("assessment", "misuse")}
        overview = await client.get(f"/v1/youth/{youth.id}/overview", headers=saeh)
        assert REFUSAL_NOTE not in overview.text and "Autisme" not in overview.text
        assert "misbrugsbehandling" not in overview.text
        body = overview.json()
        assert withheld(body["aftercare_decision"]) == {("notes", "social"), ("legal_basis", "social")}
        assert withheld(body["transition_form"]) == {("needs", "health"), ("costs", "health")}
        assert withheld(body["plan"]) == {("assessment", "misuse")}
        listed = (await client.get(f"/v1/aftercare-decisions?youth_id={youth.id}", headers=saeh)).json()
        assert [d["notes"] for d in listed["items"]] == [None]
        # The plan's history does not repeat what its reads withhold.
        revision = await client.get(f"/v1/plans/{youth.plan}/revisions/1", headers=saeh)
        assert revision.status_code == 200 and "misbrugsbehandling" not in revision.text
        revisions = await client.get(f"/v1/plans/{youth.plan}/revisions", headers=saeh)
        assert "misbrugsbehandling" not in revisions.text
        document = await client.get(f"/v1/plans/{youth.plan}/document", headers=saeh)
        assert document.status_code == 200 and "misbrugsbehandling" not in document.text
        versions = await client.get(f"/v1/transition-forms/{youth.form}/versions", headers=saeh)
        assert versions.status_code == 200 and "Autisme" not in versions.text

    async def test_health_consent_opens_health_only(self, client, auth, youth, saeh) -> None:
        await open_saeh_case(client, saeh, youth)
        consent = await give_consent(client, auth, youth.id, ["health"])
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["notes"] == "Autisme; behov for botilbud" and form["withheld"] == []
        decision = (await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=saeh)).json()
        assert decision["notes"] is None
        await revoke(client, auth, consent)
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["notes"] is None

    async def test_consent_for_another_department_opens_nothing(self, client, auth, youth, saeh) -> None:
        await open_saeh_case(client, saeh, youth)
        await give_consent(client, auth, youth.id, ["health", "social", "misuse"], department="ARB")
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["notes"] is None

    async def test_expired_consent_opens_nothing(self, client, auth, youth, saeh, admin_db) -> None:
        await open_saeh_case(client, saeh, youth)
        consent = await give_consent(client, auth, youth.id, ["health"])
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["notes"] is not None
        # Its last valid day was yesterday (a consent's period is not written backwards by the API).
        await admin_db.execute(
            "UPDATE consent SET valid_from = $2, valid_until = $3 WHERE id = $1",
            __import__("uuid").UUID(consent),
            TODAY - timedelta(days=30),
            TODAY - timedelta(days=1),
        )
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["notes"] is None

    async def test_writer_may_mark_a_record_essential(self, client, auth, youth, bfu, saeh) -> None:
        await open_saeh_case(client, saeh, youth)
        current = await client.get(f"/v1/transition-forms/{youth.form}", headers=bfu)
        response = await client.patch(
            f"/v1/transition-forms/{youth.form}",
            json={"information_class": "essential"},
            headers={**bfu, "If-Match": current.headers["etag"]},
        )
        assert response.status_code == 200, response.text
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["information_class"] == "essential" and form["notes"] == "Autisme; behov for botilbud"

    async def test_the_municipality_sets_the_default(self, client, auth, youth, saeh) -> None:
        await open_saeh_case(client, saeh, youth)
        admin = auth("admin", "BFU")
        settings = await client.get("/v1/settings", headers=admin)
        policy = settings.json()["policy"]
        policy["default_information_class"] = {
            **policy["default_information_class"],
            "aftercare_decision": "essential",
        }
        response = await client.put(
            "/v1/settings", json=policy, headers={**admin, "If-Match": settings.headers["etag"]}
        )
        assert response.status_code == 200, response.text
        decision = (await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=saeh)).json()
        assert decision["notes"] == REFUSAL_NOTE and decision["information_class"] == "essential"


class TestDisclosure:
    """Forvaltningslovens § 28: the owner discloses one record's protected part to one department."""

    BODY: ClassVar[dict[str, str]] = {
        "legal_basis": "fvl_28_stk_2",
        "reason": "Voksenområdet skal planlægge botilbud fra 18 år.",
    }

    async def test_recorded_disclosure_opens_that_record_for_that_department(
        self, client, auth, youth, bfu, saeh
    ) -> None:
        await open_saeh_case(client, saeh, youth)
        arb = auth("caseworker", "ARB", sub="raadgiver-arb")
        response = await client.post(
            "/v1/cases",
            json={"youth_cpr": youth.cpr, "department_code": "ARB", "kind": "employment"},
            headers=arb,
        )
        assert response.status_code == 201, response.text
        body = {**self.BODY, "resource_type": "aftercare_decision", "record_id": youth.decision}
        response = await client.post(
            "/v1/disclosures", json={**body, "recipient_department": "SAEH"}, headers=bfu
        )
        assert response.status_code == 201, response.text
        assert response.json()["information_class"] == "social"
        decision = (await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=saeh)).json()
        assert decision["notes"] == REFUSAL_NOTE and decision["withheld"] == []
        other = (await client.get(f"/v1/aftercare-decisions/{youth.decision}", headers=arb)).json()
        assert other["notes"] is None
        # Only that record: the transition form stays withheld.
        form = (await client.get(f"/v1/transition-forms/{youth.form}", headers=saeh)).json()
        assert form["notes"] is None
        listed = await client.get(f"/v1/disclosures?youth_id={youth.id}", headers=bfu)
        assert [d["recipient_department"] for d in listed.json()["items"]] == ["SAEH"]
        log = await client.get(f"/v1/youth/{youth.id}/access-log", headers=auth("dpo", "BFU"))
        assert log.status_code == 200

    async def test_the_list_pages_oldest_first_and_audits_each_disclosure_shown(
        self, client, admin_db, youth, bfu
    ) -> None:
        body = {**self.BODY, "resource_type": "aftercare_decision", "record_id": youth.decision}
        made = []
        for recipient in ("SAEH", "ARB", "UU"):
            response = await client.post(
                "/v1/disclosures", json={**body, "recipient_department": recipient}, headers=bfu
            )
            assert response.status_code == 201, response.text
            made.append(response.json()["id"])
        first = (
            await client.get("/v1/disclosures", params={"youth_id": youth.id, "limit": 2}, headers=bfu)
        ).json()
        rest = (
            await client.get(
                "/v1/disclosures",
                params={"youth_id": youth.id, "limit": 2, "cursor": first["next_cursor"]},
                headers=bfu,
            )
        ).json()
        assert [d["id"] for d in first["items"] + rest["items"]] == made and rest["next_cursor"] is None
        searched = await admin_db.fetch(
            "SELECT resource_id FROM audit_event"
            " WHERE resource_type = 'disclosure' AND action = 'search' AND youth_id = $1",
            uuid.UUID(youth.id),
        )
        assert sorted(r["resource_id"] for r in searched) == sorted(made)

    async def test_only_the_owner_discloses(self, client, auth, youth, saeh) -> None:
        await open_saeh_case(client, saeh, youth)
        body = {**self.BODY, "resource_type": "aftercare_decision", "record_id": youth.decision}
        response = await client.post(
            "/v1/disclosures", json={**body, "recipient_department": "SAEH"}, headers=saeh
        )
        assert response.status_code == 403
        assert response.json()["code"] == "disclosure.not_owner"

    async def test_nothing_to_disclose_in_an_essential_record(self, client, auth, youth, bfu) -> None:
        response = await client.post(
            "/v1/cases",
            json={
                "youth_id": youth.id,
                "department_code": "BFU",
                "kind": "preventive",
                "information_class": "essential",
            },
            headers=bfu,
        )
        body = {
            **self.BODY,
            "resource_type": "case",
            "record_id": response.json()["id"],
            "recipient_department": "SAEH",
        }
        response = await client.post("/v1/disclosures", json=body, headers=bfu)
        assert response.status_code == 422 and response.json()["code"] == "disclosure.nothing_protected"

    async def test_unseen_record_is_404(self, client, auth, youth) -> None:
        body = {**self.BODY, "resource_type": "case", "record_id": youth.case, "recipient_department": "SAEH"}
        response = await client.post("/v1/disclosures", json=body, headers=auth("caseworker", "PPR"))
        assert response.status_code == 404
