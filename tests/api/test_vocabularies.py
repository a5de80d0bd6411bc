"""GET /v1/vocabularies: every vocabulary with Danish and English labels, for any authenticated
caller, cacheable by ETag, not audited; and a Danish refusal names values by those labels."""

from __future__ import annotations

import pytest

from tests.conftest import synthetic_cpr
from ungeapi.api.messages import CATALOGUE
from ungeapi.core.permissions import ROLES

DA = {"Accept-Language": "da"}


class TestVocabularies:
    async def test_needs_a_token(self, client) -> None:
        response = await client.get("/v1/vocabularies")
        assert response.status_code == 401
        assert response.json()["code"] == "auth.missing_token"

    @pytest.mark.parametrize("role", ROLES)
    async def test_every_role_reads_every_vocabulary(self, client, auth, role) -> None:
        response = await client.get("/v1/vocabularies", headers=auth(role))
        assert response.status_code == 200, response.text
        vocabularies = {v["name"]: v for v in response.json()["vocabularies"]}
        assert set(vocabularies) == set(CATALOGUE.vocabularies)
        guide = vocabularies["GuideState"]
        assert guide["values"][0] == {"value": "offered", "labels": {"da": "Tilbudt", "en": "Offered"}}
        assert [v["value"] for v in guide["values"]] == ["offered", "accepted", "declined", "active", "ended"]
        departments = {v["value"]: v["labels"] for v in vocabularies["DepartmentKind"]["values"]}
        assert departments["children_family"] == {"da": "Børn og familie", "en": "Children and family"}

    async def test_an_etag_that_is_current_gets_304(self, client, auth) -> None:
        first = await client.get("/v1/vocabularies", headers=auth("caseworker"))
        etag = first.headers["etag"]
        assert etag.startswith('"') and first.headers["cache-control"] == "private, max-age=3600"
        again = await client.get("/v1/vocabularies", headers={**auth("analyst"), "If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        listed = await client.get(
            "/v1/vocabularies", headers={**auth("guide"), "If-None-Match": f'"other", W/{etag}'}
        )
        assert listed.status_code == 304
        stale = await client.get("/v1/vocabularies", headers={**auth("guide"), "If-None-Match": '"other"'})
        assert stale.status_code == 200 and stale.json() == first.json()

    async def test_not_audited(self, client, auth, admin_db, muni) -> None:
        """The vocabularies hold no personal data: reading them writes no audit row."""
        response = await client.get("/v1/vocabularies", headers=auth("caseworker"))
        assert response.status_code == 200
        request_id = response.headers["x-request-id"]
        rows = await admin_db.fetchval("SELECT count(*) FROM audit_event WHERE request_id = $1", request_id)
        assert rows == 0
        # The same caller's read of a youth is audited, so the count above can see a row.
        made = await client.post(
            "/v1/youth",
            json={"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"},
            headers=auth("admin"),
        )
        read = await client.get(f"/v1/youth/{made.json()['id']}", headers=auth("admin"))
        audited = await admin_db.fetchval(
            "SELECT count(*) FROM audit_event WHERE request_id = $1", read.headers["x-request-id"]
        )
        assert audited == 1


class TestDanishRefusals:
    async def test_a_refused_step_names_the_state_and_the_action_by_their_labels(self, client, auth) -> None:
        assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200
        youth = await client.post(
            "/v1/youth",
            json={"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"},
            headers=auth("admin", "BFU"),
        )
        caseworker = auth("caseworker", "BFU", sub="cw-bfu", name="Rådgiver B")
        offer = await client.post(
            "/v1/guides",
            json={"youth_id": youth.json()["id"], "guide": {"sub": "g1", "name": "Guide En", "department": "UU"}},
            headers=caseworker,
        )
        assert offer.status_code == 201, offer.text
        url = f"/v1/guides/{offer.json()['id']}/activate"
        danish = await client.post(url, headers={**caseworker, **DA, "If-Match": '"1"'})
        assert danish.status_code == 409
        body = danish.json()
        assert body["code"] == "guide.invalid_transition" and body["title"] == "Ikke muligt nu"
        assert body["detail"] == (
            "Handlingen »Start forløbet« kan ikke udføres på et ungeguideforløb med status »Tilbudt«."
        )
        english = await client.post(url, headers={**caseworker, "If-Match": '"1"'})
        assert english.json()["detail"] == "The action `activate` is not possible for a guide offer that is `offered`."
