"""The names clients are generated from: operationIds, schema names, header parameters and the
security scheme, as the committed spec has them and as the app behaves."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from ungeapi.main import OPERATION_IDS

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = json.loads((ROOT / "openapi" / "ungeapi-v1.json").read_text(encoding="utf-8"))
GUIDE = ROOT / "docs" / "integrating.md"
METHODS = {"get", "put", "post", "patch", "delete"}
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in SPEC["paths"].items()
    for method, operation in operations.items()
    if method in METHODS
]
CAMEL_CASE = re.compile(r"^[a-z]+(?:[A-Z][a-z0-9]+)+$")
# The verbs an operationId may start with: a new one is a choice to make here, not an accident.
VERBS = {
    "acknowledge", "add", "archive", "assess", "cancel", "change", "check", "close", "correct",
    "create", "disclose", "end", "export", "list", "lookup", "make", "offer", "open", "place",
    "read", "receive", "record", "register", "replace", "replay", "resolve", "revoke", "schedule",
    "search", "seed", "start", "transition", "update", "upsert",
}  # fmt: skip
HEADER_NAME = re.compile(r"^[A-Z][a-z]*(?:-[A-Z][a-z]*)*$")
GUIDE_ROW = re.compile(r"^\| `(\w+)` \| `(GET|PUT|POST|PATCH|DELETE) (/\S*)` \|", re.MULTILINE)


def operation_id(method: str, path: str) -> str:
    return str(SPEC["paths"][path][method.lower()]["operationId"])


class TestOperationIds:
    def test_every_operation_is_named_verb_noun_in_camel_case_once(self) -> None:
        ids = [operation["operationId"] for _, _, operation in OPERATIONS]
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        for name in ids:
            assert CAMEL_CASE.match(name), name
            verb = re.match(r"^[a-z]+", name).group(0)
            assert verb in VERBS, f"{name}: starts with {verb!r}, not a verb of VERBS"

    def test_the_examples_of_the_issue(self) -> None:
        assert operation_id("GET", "/v1/youth") == "listYouth"
        assert operation_id("GET", "/v1/youth/{youth_id}/overview") == "readYouthOverview"
        assert operation_id("POST", "/v1/meetings/{meeting_id}/decisions") == "recordDecision"
        # Two endpoint functions named list_meetings: the override keeps them apart.
        assert operation_id("GET", "/v1/meetings") == "listMeetings"
        assert operation_id("GET", "/v1/teams/{team_id}/meetings") == "listTeamMeetings"

    def test_they_are_the_names_docs_integrating_lists(self) -> None:
        """Stable: generated clients call these names, so renaming an endpoint function or moving
        a route must not change one unnoticed. Changing one means changing the guide's table."""
        documented = {(method, path): name for name, method, path in GUIDE_ROW.findall(GUIDE.read_text(encoding="utf-8"))}
        in_spec = {(method, path): operation["operationId"] for method, path, operation in OPERATIONS}
        assert documented == in_spec

    def test_every_override_names_an_operation_of_the_spec(self) -> None:
        operations = {f"{method} {path}" for method, path, _ in OPERATIONS}
        assert set(OPERATION_IDS) <= operations, sorted(set(OPERATION_IDS) - operations)
        for key, name in OPERATION_IDS.items():
            method, path = key.split(" ")
            assert operation_id(method, path) == name


class TestSchemaNames:
    def test_each_schema_is_filed_under_its_own_title(self) -> None:
        schemas = SPEC["components"]["schemas"]
        titles = [schema.get("title") for schema in schemas.values()]
        for name, schema in schemas.items():
            assert name.isidentifier() and "__" not in name and not name.startswith("Page_"), name
            assert schema.get("title") == name, f"{name} is titled {schema.get('title')!r}"
            assert titles.count(name) == 1, f"two schemas titled {name}"

    def test_pages_are_named_after_their_items(self) -> None:
        schemas = SPEC["components"]["schemas"]
        assert schemas["YouthPage"]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/YouthRead"}
        assert "PlanSummaryPage" in schemas

    def test_the_two_kinds_of_participant_have_names_of_their_own(self) -> None:
        schemas = SPEC["components"]["schemas"]
        network = SPEC["paths"]["/v1/network-meetings"]["post"]["requestBody"]["content"]["application/json"]
        create = schemas[network["schema"]["$ref"].rsplit("/", 1)[1]]
        assert create["properties"]["participants"]["items"] == {
            "$ref": "#/components/schemas/NetworkParticipant"
        }
        assert "MeetingParticipant" in schemas

    def test_no_response_body_is_titled_after_fastapis_own_operation_id(self) -> None:
        for method, path, operation in OPERATIONS:
            for response in operation["responses"].values():
                for media in response.get("content", {}).values():
                    title = str(media.get("schema", {}).get("title", ""))
                    assert not title.startswith("Response "), (method, path)


class TestHeaders:
    def test_header_parameters_are_written_as_documented(self) -> None:
        for method, path, operation in OPERATIONS:
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header":
                    assert HEADER_NAME.match(parameter["name"]), (method, path, parameter["name"])

    def test_every_v1_operation_documents_x_purpose_with_its_default(self) -> None:
        for method, path, operation in OPERATIONS:
            purposes = [p for p in operation.get("parameters", []) if p["name"] == "X-Purpose"]
            # The vocabularies hold no personal data: nothing is audited, so no purpose is asked.
            if path.startswith("/v1") and path != "/v1/vocabularies":
                assert len(purposes) == 1, (method, path)
                assert purposes[0]["in"] == "header" and not purposes[0]["required"]
                assert re.search(r"`[^`]+` when not sent", purposes[0]["description"]), (method, path)
            else:
                assert purposes == [], (method, path)

    def test_idempotency_key_where_creating_posts_honour_it(self) -> None:
        with_key = {
            (method, path)
            for method, path, operation in OPERATIONS
            if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
        }
        assert ("POST", "/v1/youth") in with_key
        assert ("POST", "/v1/meetings/{meeting_id}/decisions") in with_key
        assert {method for method, _ in with_key} == {"POST"}

    async def test_the_documented_names_reach_the_app(self, client, auth, new_cpr) -> None:
        body = {"cpr": new_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
        headers = {**auth(), "Idempotency-Key": str(uuid.uuid4())}
        first = await client.post("/v1/youth", json=body, headers=headers)
        again = await client.post("/v1/youth", json=body, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.headers["Idempotent-Replayed"] == "true"
        changed = await client.patch(
            first.headers["Location"], json={"given_name": "Testa Marie"}, headers={**auth(), "If-Match": '"1"'}
        )
        assert changed.status_code == 200, changed.text


class TestSecurity:
    def test_the_bearer_scheme_is_declared(self) -> None:
        assert SPEC["components"]["securitySchemes"] == {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "A JWT from the municipality's identity provider (in development: "
                "`ungeapi token`).",
            },
            "feedToken": {
                "type": "apiKey",
                "in": "query",
                "name": "token",
                "description": "A feed token (`ugf_...`, POST /v1/feed-tokens) for a calendar that cannot send "
                "a bearer token; it opens only the calendar feed.",
            },
            "citizenAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "The youth's own token from the national login broker, as the citizen portal "
                "gets it (in development: `mint_citizen_dev_token`); it opens /v1/me only.",
            },
        }

    def test_every_v1_operation_requires_it_and_no_other_does(self) -> None:
        for method, path, operation in OPERATIONS:
            expected = [{"bearerAuth": []}] if path.startswith("/v1") else None
            if path == "/v1/meetings.ics":  # a calendar subscribes with a feed token instead
                expected = [{"bearerAuth": []}, {"feedToken": []}]
            if path == "/v1/me" or path.startswith("/v1/me/"):  # the youth's own token only
                expected = [{"citizenAuth": []}]
            assert operation.get("security") == expected, (method, path)

    @pytest.mark.parametrize(
        ("method", "path"),
        [(method, path) for method, path, operation in OPERATIONS if "security" in operation],
        ids=lambda value: str(value),
    )
    async def test_an_operation_that_requires_the_token_refuses_a_call_without_it(
        self, client, method: str, path: str
    ) -> None:
        url = re.sub(r"\{\w+\}", str(uuid.uuid4()), path)
        response = await client.request(method, url, json={} if method in {"POST", "PUT", "PATCH"} else None)
        assert response.status_code == 401, response.text
        assert response.json()["code"] == "auth.missing_token"

    async def test_the_others_answer_without_it(self, client) -> None:
        for method, path, operation in OPERATIONS:
            if "security" not in operation:
                assert (await client.request(method, path)).status_code != 401, path
