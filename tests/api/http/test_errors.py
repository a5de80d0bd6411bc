"""Errors: 5xx logged and counted, malformed bodies typed, header size limited, the CPR guard
where a CPR number can be: through the API."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import asyncpg
import pytest

from tests.clock import TODAY
from tests.conftest import METRICS_TOKEN, purge_municipality, synthetic_cpr
from ungeapi.youth import service as youth_service

METRICS = {"Authorization": f"Bearer {METRICS_TOKEN}"}


def counted(text: str, route: str, status: int) -> float:
    found = re.search(
        rf'ungeapi_http_requests_total\{{method="GET",route="{re.escape(route)}",status="{status}"\}} (\S+)', text
    )
    return float(found.group(1)) if found else 0.0


@pytest.fixture
def records():
    """The service's log records while the test runs."""
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    handler = Keep()
    log = logging.getLogger("ungeapi")
    log.addHandler(handler)
    yield seen
    log.removeHandler(handler)


class TestServerErrors:
    # A bug (answered by Starlette outside the request layer) and a database error (answered by
    # the app's handler inside it).
    @pytest.mark.parametrize("error", [RuntimeError("a bug"), asyncpg.PostgresError("a database error")])
    async def test_a_500_is_logged_with_its_request_id_and_counted(
        self, client, auth, monkeypatch, records, error: Exception
    ) -> None:
        async def broken(*args: object, **kwargs: object) -> None:
            raise error

        monkeypatch.setattr(youth_service, "read_youth", broken)
        route = "/v1/youth/{youth_id}"
        before = counted((await client.get("/metrics", headers=METRICS)).text, route, 500)
        response = await client.get(
            "/v1/youth/00000000-0000-0000-0000-000000000001", headers={**auth(), "X-Request-ID": "trace-500"}
        )
        assert response.status_code == 500 and response.json()["code"] == "internal"
        assert response.json()["request_id"] == "trace-500"
        assert response.headers.get_list("X-Request-ID") == ["trace-500"]
        lines = [r for r in records if getattr(r, "fields", {}).get("request_id") == "trace-500"]
        request_line = [r for r in lines if r.getMessage() == "request"]
        assert [r.fields["status"] for r in request_line] == [500]
        assert request_line[0].levelno == logging.ERROR
        assert any(r.getMessage() == "unhandled error" for r in lines)
        after = counted((await client.get("/metrics", headers=METRICS)).text, route, 500)
        assert after == before + 1


class TestMalformedBodies:
    @pytest.mark.parametrize(
        ("body", "code"),
        [
            (b'{"cpr": "0101', "request.malformed_json"),
            (b'{"given_name": "\xff\xfe"}', "request.malformed_json"),
            (b'{"a":' * 5000 + b"1" + b"}" * 5000, "request.too_deep"),
            (b"[" * 20_000 + b"]" * 20_000, "request.too_deep"),
        ],
        ids=["invalid-json", "bad-utf8", "deep-object", "deep-array"],
    )
    async def test_is_400_with_its_own_type(self, client, auth, body: bytes, code: str) -> None:
        response = await client.post("/v1/youth", content=body, headers={**auth(), "Content-Type": "application/json"})
        assert response.status_code == 400
        problem = response.json()
        assert problem["code"] == code and problem["type"].endswith(code) and "internal" not in problem["type"]
        danish = await client.post(
            "/v1/youth", content=body, headers={**auth(), "Content-Type": "application/json", "Accept-Language": "da"}
        )
        assert danish.json()["title"] != problem["title"]


class TestHeaderSize:
    async def test_headers_over_the_limit_are_431(self, client, auth) -> None:
        response = await client.get("/v1/youth", headers={**auth(), "X-Padding": "x" * 40_000})
        assert response.status_code == 431 and response.json()["code"] == "request.headers_too_large"
        assert (await client.get("/v1/youth", headers={**auth(), "X-Padding": "x" * 10_000})).status_code == 200

    async def test_a_long_query_string_counts_too(self, client, auth) -> None:
        response = await client.get("/v1/youth", params={"name": "x" * 40_000}, headers=auth())
        assert response.status_code == 431


class TestCprGuard:
    @pytest.fixture
    async def purged(self, admin_db, muni):
        # The journal numbers stay in youth_case and the audit log; tests/security's scan of the
        # database at rest would take them for CPR numbers, so they go with the test.
        yield
        await purge_municipality(admin_db, muni)

    async def test_a_ten_digit_external_id_is_no_cpr_number(self, client, auth, purged) -> None:
        admin = auth("admin")
        await client.post("/v1/settings/seed", headers=admin)
        body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
        youth = (await client.post("/v1/youth", json=body, headers=admin)).json()
        case = {
            "youth_id": youth["id"],
            "department_code": "BFU",
            "kind": "placement",
            "legal_basis_code": "BL § 46",
            "opened_on": (TODAY - timedelta(days=30)).isoformat(),
        }
        url = "/v1/cases/by-external/sbsys/2024001234"
        made = await client.put(url, json=case, headers=auth("integration", []))
        assert made.status_code == 201, made.text
        assert made.json()["external_ref"] == {"system": "sbsys", "id": "2024001234"}
        again = await client.put("/v1/cases/by-external/sbsys/202400-1234", json=case, headers=auth("integration", []))
        assert again.status_code == 201

    @pytest.mark.parametrize(
        "url",
        [
            "/v1/youth/0101101234",
            "/v1/youth?name=0101101234",
            "/v1/cases/by-external/sbsys/2024001234?note=0101101234",
            "/v1/cases/by-external/0101101234/SAG-1",
            "/v1/cases/0101101234",
            "/v1/no-such-route/010110-1234",
        ],
    )
    async def test_everywhere_else_a_cpr_shaped_value_is_refused(self, client, auth, url: str) -> None:
        response = await client.request("PUT" if "by-external" in url else "GET", url, headers=auth(), json={})
        assert response.status_code == 400 and response.json()["code"] == "request.cpr_in_url"
