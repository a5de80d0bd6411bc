"""Property-based attack on every operation of the committed spec, in-process (schemathesis).

Requests are generated from openapi/ungeapi-v1.json (what integrators build against), a few
per operation with a fixed seed, and sent through the test's ASGI client with a valid admin
token of the test's own municipality. Every answer must be a non-5xx that conforms to the
spec: a documented status, the documented content type, a body valid against its schema.
Negative requests (data that breaks the spec) must be refused with a 4xx, never a 5xx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "ungeapi-v1.json"
MAX_EXAMPLES = 5
MAX_NEGATIVE = 3
SCHEMA = schemathesis.openapi.from_path(str(SPEC))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Counted for the closing note: how many requests were generated and sent.
SENT: dict[str, int] = {"positive": 0, "negative": 0}


def generate(operation: Any, mode: GenerationMode, limit: int = MAX_EXAMPLES) -> list[Any]:
    """Up to MAX_EXAMPLES cases, the same ones every run (derandomized, no example database)."""
    cases: list[Any] = []

    @settings(
        max_examples=limit,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def collect(case: Any) -> None:
        cases.append(case)

    try:
        collect()
    except Unsatisfiable:  # nothing to break, e.g. no parameters at all (negative mode)
        pass
    return cases


async def send(client: httpx.AsyncClient, case: Any, token: dict[str, str]) -> httpx.Response:
    kwargs = case.as_transport_kwargs(base_url=str(client.base_url))
    headers = {k: v for k, v in kwargs.get("headers", {}).items() if k.lower() != "authorization"}
    headers.update(token)
    body: dict[str, Any] = {}
    if "json" in kwargs:
        body["json"] = kwargs["json"]
    elif kwargs.get("data") is not None:
        data = kwargs["data"]
        body["content"] = data if isinstance(data, bytes | str) else str(data)
    return await client.request(
        kwargs["method"], kwargs["url"], headers=headers, params=kwargs.get("params") or None, **body
    )


def _id(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


@pytest.fixture
async def admin_token(client, auth) -> dict[str, str]:
    headers = auth("admin", "BFU")
    assert (await client.post("/v1/settings/seed", headers=headers)).status_code == 200
    return headers


@pytest.mark.parametrize("operation", OPERATIONS, ids=_id)
async def test_operation_conforms_and_never_fails(client, admin_token, operation) -> None:
    for case in generate(operation, GenerationMode.POSITIVE):
        response = await send(client, case, admin_token)
        SENT["positive"] += 1
        case.validate_response(response, checks=CONFORMANCE)
    for case in generate(operation, GenerationMode.NEGATIVE, MAX_NEGATIVE):
        response = await send(client, case, admin_token)
        SENT["negative"] += 1
        assert response.status_code < 500, (case.as_curl_command(), response.text)


def test_every_route_of_the_app_is_in_the_committed_spec(app) -> None:
    """The attack covers the app, not just an old spec: every documented route is in it."""
    spec_ops = {(o.method.upper(), o.path) for o in OPERATIONS}
    app_ops = {
        (method, route.path)
        for route in app.routes
        if getattr(route, "include_in_schema", False)
        for method in getattr(route, "methods", set()) - {"HEAD", "OPTIONS"}
    }
    assert app_ops <= spec_ops, sorted(app_ops - spec_ops)
