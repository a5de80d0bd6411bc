"""Accept-Language: da gives Danish problem titles, details and field messages; English otherwise."""

from __future__ import annotations

import pytest

from tests.conftest import synthetic_cpr
from ungeapi.api.messages import CATALOGUE

DA = {"Accept-Language": "da-DK,da;q=0.9,en;q=0.5"}
UNKNOWN_ID = "00000000-0000-0000-0000-0000000000aa"


async def create_youth(client, headers) -> dict:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201
    return response.json()


async def call(client, auth, case: str, headers: dict[str, str]):
    if case == "401":
        return await client.get("/v1/youth", headers=headers)
    if case == "404":
        return await client.get(f"/v1/youth/{UNKNOWN_ID}", headers={**auth(), **headers})
    if case == "404-route":
        return await client.get("/v1/no-such-resource", headers={**auth(), **headers})
    if case == "405":
        return await client.put("/v1/youth", headers={**auth(), **headers})
    if case == "412":
        youth = await create_youth(client, auth())
        return await client.patch(
            f"/v1/youth/{youth['id']}",
            json={"family_name": "Andersen"},
            headers={**auth(), **headers, "If-Match": '"99"'},
        )
    if case == "413":
        body = {"cpr": synthetic_cpr(), "given_name": "A" * 100_000, "family_name": "B"}
        return await client.post("/v1/youth", json=body, headers={**auth(), **headers})
    if case == "422":
        return await client.post("/v1/youth", json={"given_name": "Testa"}, headers={**auth(), **headers})
    if case == "428":
        youth = await create_youth(client, auth())
        return await client.patch(
            f"/v1/youth/{youth['id']}", json={"family_name": "Andersen"}, headers={**auth(), **headers}
        )
    if case == "400-cpr":
        return await client.get("/v1/youth?name=0101104000", headers={**auth(), **headers})
    raise AssertionError(case)


CASES = [
    ("401", 401, "auth.missing_token"),
    ("404", 404, "youth.not_found"),
    ("404-route", 404, "request.not_found"),
    ("405", 405, "request.method_not_allowed"),
    ("412", 412, "precondition.failed"),
    ("413", 413, "request.too_large"),
    ("422", 422, "request.validation"),
    ("428", 428, "precondition.required"),
    ("400-cpr", 400, "request.cpr_in_url"),
]

PARAMS: dict[str, dict[str, object]] = {"412": {"current": 1}, "413": {"limit": 65536}}


@pytest.mark.parametrize(("case", "status", "code"), CASES)
async def test_danish_with_accept_language_da(client, auth, case, status, code) -> None:
    response = await call(client, auth, case, DA)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert (body["title"], body["detail"]) == CATALOGUE.problem_text(code, "da", PARAMS.get(case, {}))
    assert response.headers["content-language"] == "da"


@pytest.mark.parametrize("accept", [None, "en", "de-DE", "en-GB,da;q=0.2"])
@pytest.mark.parametrize(("case", "status", "code"), CASES)
async def test_english_otherwise(client, auth, case, status, code, accept) -> None:
    response = await call(client, auth, case, {"Accept-Language": accept} if accept else {})
    assert response.status_code == status
    body = response.json()
    assert (body["title"], body["detail"]) == CATALOGUE.problem_text(code, "en", PARAMS.get(case, {}))
    assert response.headers["content-language"] == "en"


async def test_the_detail_is_filled_in_danish(client, auth) -> None:
    response = await call(client, auth, "412", DA)
    assert response.json()["detail"] == (
        "Nogen har ændret det, siden du hentede det (det er nu version 1). Hent det igen, og prøv igen."
    )
    response = await call(client, auth, "413", DA)
    assert response.json()["detail"] == "Forespørgslen er større end de tilladte 65536 bytes."


class TestFieldMessages:
    async def test_body_errors_are_danish(self, client, auth) -> None:
        body = {
            "cpr": "0101",
            "given_name": "",
            "nickname": "Tes",
            "guardians": [{"name": "Forælder Eksempelsen", "relation": "aunt", "has_custody": "maybe"}],
            "target_groups": ["placed"] * 9,
        }
        response = await client.post("/v1/youth", json=body, headers={**auth(), **DA})
        assert response.status_code == 422
        messages = {(tuple(e["loc"]), e["code"]): e["message"] for e in response.json()["errors"]}
        assert messages == {
            (("body", "cpr"), "string_too_short"): "Teksten skal være på mindst 10 tegn.",
            (("body", "given_name"), "string_too_short"): "Teksten skal være på mindst 1 tegn.",
            (("body", "family_name"), "missing"): "Feltet skal udfyldes.",
            (("body", "nickname"), "extra_forbidden"): "Feltet er ikke tilladt.",
            (("body", "guardians", 0, "relation"), "literal_error"): (
                "Værdien skal være en af 'mother', 'father', 'guardian', 'foster_parent' eller 'other'."
            ),
            (("body", "guardians", 0, "has_custody"), "bool_parsing"): "Værdien skal være true eller false.",
            (("body", "target_groups"), "too_long"): "Der må højst være 8 element(er).",
        }

    async def test_rule_codes_from_validators_are_danish(self, client, auth) -> None:
        for cpr, code in (("3102104000", "cpr.date"), ("01011a4000", "cpr.format")):
            response = await client.post("/v1/youth/lookup", json={"cpr": cpr}, headers={**auth(), **DA})
            error = response.json()["errors"][0]
            assert (error["code"], error["message"]) == (code, CATALOGUE.fields[code]["da"])

    @pytest.mark.parametrize(
        ("path", "code", "danish"),
        [
            ("/v1/youth?limit=0", "greater_than_equal", "Værdien skal være mindst 1."),
            ("/v1/youth?limit=500", "less_than_equal", "Værdien må højst være 200."),
            ("/v1/youth?age_min=ti", "int_parsing", "Værdien skal være et heltal."),
            ("/v1/youth?archived=måske", "bool_parsing", "Værdien skal være true eller false."),
            ("/v1/youth/ikke-et-id", "uuid_parsing", "Værdien skal være et gyldigt UUID."),
        ],
    )
    async def test_query_and_path_errors_are_danish(self, client, auth, path, code, danish) -> None:
        response = await client.get(path, headers={**auth(), **DA})
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert (error["code"], error["message"]) == (code, danish)
        english = await client.get(path, headers=auth())
        assert english.json()["errors"][0]["message"] == CATALOGUE.fields[code]["en"].format(ge=1, le=200)

    async def test_malformed_json_is_danish(self, client, auth) -> None:
        response = await client.post(
            "/v1/youth", content=b'{"cpr": ', headers={**auth(), **DA, "Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["title"] == "Ugyldig JSON"
