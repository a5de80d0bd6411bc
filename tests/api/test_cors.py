"""CORS for the municipal single-page apps: allowed origins only, preflight without auth."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.conftest import synthetic_cpr
from ungeapi.main import create_app

ALLOWED = "https://ung.kommune.example"
OTHER = "https://evil.example"
REQUEST_HEADERS = "authorization, content-type, accept-language, if-match, idempotency-key, x-purpose"


@pytest.fixture(scope="module")
async def cors_client(settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings.model_copy(update={"cors_origins": [ALLOWED, "http://localhost:5173"]}))

    @app.get("/boom", include_in_schema=False)
    async def boom() -> None:
        raise RuntimeError("forced")

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


def preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": REQUEST_HEADERS,
    }


def assert_cors(response: httpx.Response, origin: str = ALLOWED) -> None:
    assert response.headers["access-control-allow-origin"] == origin
    exposed = {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"etag", "link", "location", "x-request-id"} <= exposed


class TestPreflight:
    async def test_allowed_origin_gets_the_methods_and_headers_without_a_token(self, cors_client) -> None:
        response = await cors_client.options("/v1/youth/lookup", headers=preflight(ALLOWED))
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == ALLOWED
        allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
        assert set(REQUEST_HEADERS.split(", ")) <= allowed
        methods = set(response.headers["access-control-allow-methods"].split(", "))
        assert {"GET", "POST", "PATCH", "PUT", "DELETE"} <= methods
        assert "access-control-allow-credentials" not in response.headers
        assert int(response.headers["access-control-max-age"]) > 0

    async def test_a_patch_with_if_match_may_be_sent(self, cors_client) -> None:
        response = await cors_client.options(
            "/v1/youth/00000000-0000-0000-0000-000000000001", headers=preflight(ALLOWED, "PATCH")
        )
        assert response.status_code == 200

    async def test_another_origin_gets_no_cors_headers(self, cors_client) -> None:
        response = await cors_client.options("/v1/youth", headers=preflight(OTHER))
        assert response.status_code >= 400
        assert not any(h.startswith("access-control-") for h in response.headers)

    async def test_no_configured_origins_means_no_cors_headers(self, client) -> None:
        response = await client.options("/v1/youth", headers=preflight(ALLOWED))
        assert not any(h.startswith("access-control-") for h in response.headers)
        response = await client.get("/v1/youth", headers={"Origin": ALLOWED})
        assert not any(h.startswith("access-control-") for h in response.headers)


class TestResponses:
    async def test_success_exposes_etag_and_location(self, cors_client, auth) -> None:
        response = await cors_client.post(
            "/v1/youth",
            json={"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"},
            headers={**auth(), "Origin": ALLOWED},
        )
        assert response.status_code == 201
        assert_cors(response)
        assert response.headers["etag"] and response.headers["location"]

    async def test_a_second_allowed_origin_is_echoed(self, cors_client) -> None:
        response = await cors_client.get("/healthz", headers={"Origin": "http://localhost:5173"})
        assert_cors(response, "http://localhost:5173")

    async def test_another_origin_gets_no_cors_headers(self, cors_client) -> None:
        response = await cors_client.get("/healthz", headers={"Origin": OTHER})
        assert response.status_code == 200
        assert not any(h.startswith("access-control-") for h in response.headers)

    @pytest.mark.parametrize(
        ("method", "path", "body", "status"),
        [
            ("GET", "/v1/youth", None, 401),
            ("POST", "/v1/youth", {"given_name": "A" * 100_000}, 413),
            ("GET", "/v1/youth?name=010110-4000", None, 400),
            ("GET", "/v1/nothing-here", None, 404),
            ("GET", "/boom", None, 500),
        ],
    )
    async def test_errors_carry_cors_headers(self, cors_client, method, path, body, status) -> None:
        # A browser hides an answer without CORS headers from the script: it would see a
        # network error instead of the problem+json.
        response = await cors_client.request(method, path, json=body, headers={"Origin": ALLOWED})
        assert response.status_code == status
        assert response.headers["content-type"] == "application/problem+json"
        assert_cors(response)
