"""Cross-cutting behaviour: errors, transactions, tenancy, audit, logs, operations."""

from __future__ import annotations

import io
import logging

import asyncpg
import pytest

from tests.conftest import METRICS_TOKEN, synthetic_cpr

PROBLEM = "application/problem+json"


class TestErrors:
    async def test_unknown_route_is_problem_json(self, client) -> None:
        response = await client.get("/v1/nothing-here")
        assert response.status_code == 404
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["code"] == "request.not_found"

    async def test_wrong_method_is_problem_json(self, client, auth) -> None:
        response = await client.put("/v1/youth", headers=auth())
        assert response.status_code == 405
        assert response.json()["code"] == "request.method_not_allowed"

    async def test_malformed_json_is_400(self, client, auth) -> None:
        response = await client.post(
            "/v1/youth", content=b'{"cpr": "0101', headers={**auth(), "Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["code"] == "request.malformed_json"

    async def test_oversized_body_is_413(self, client, auth) -> None:
        body = {"cpr": synthetic_cpr(), "given_name": "A" * 100_000, "family_name": "B"}
        response = await client.post("/v1/youth", json=body, headers=auth())
        assert response.status_code == 413
        assert response.json()["code"] == "request.too_large"

    async def test_oversized_streamed_body_is_413(self, client, auth) -> None:
        async def chunks():
            for _ in range(100):
                yield b"x" * 1024

        response = await client.post(
            "/v1/youth", content=chunks(), headers={**auth(), "Content-Type": "application/json"}
        )
        assert response.status_code == 413

    async def test_danish_problem(self, client) -> None:
        response = await client.get("/v1/youth", headers={"Accept-Language": "da"})
        assert response.json()["title"] == "Login påkrævet"
        assert response.headers["content-language"] == "da"

    async def test_no_stack_trace_or_sql_reaches_the_client(self, client, auth) -> None:
        response = await client.get("/v1/youth/not-a-uuid", headers=auth())
        assert response.status_code == 422
        text = response.text.lower()
        assert "traceback" not in text and "select" not in text


class TestTransactions:
    async def test_a_failing_commit_answers_an_error_and_writes_nothing(
        self, client, auth, admin_db, muni
    ) -> None:
        # A deferred constraint trigger fails only at COMMIT, after the handler has returned.
        await admin_db.execute(
            """
            CREATE OR REPLACE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.family_name = 'FailAtCommit' THEN RAISE EXCEPTION 'forced commit failure'; END IF;
              RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON youth
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit();
            """
        )
        try:
            response = await client.post(
                "/v1/youth",
                json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "FailAtCommit"},
                headers=auth(),
            )
        finally:
            await admin_db.execute(
                "DROP TRIGGER test_fail_at_commit ON youth; DROP FUNCTION test_fail_at_commit()"
            )
        assert response.status_code >= 500
        assert response.headers["content-type"] == PROBLEM
        assert await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni) == 0
        assert (
            await admin_db.fetchval("SELECT count(*) FROM audit_event WHERE municipality_code = $1", muni)
            == 0
        )


class TestTenancy:
    async def test_rls_hides_rows_from_a_query_without_the_tenant(self, client, auth, admin_db, muni) -> None:
        await client.post(
            "/v1/youth", json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "B"}, headers=auth()
        )
        assert await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni) == 1
        async with admin_db.transaction():
            await admin_db.execute("SET LOCAL ROLE ungeapi_app")
            assert await admin_db.fetchval("SELECT count(*) FROM youth") == 0
            assert await admin_db.fetchval("SELECT count(*) FROM audit_event") == 0
            await admin_db.execute("SELECT set_config('ungeapi.municipality', $1, true)", muni)
            assert await admin_db.fetchval("SELECT count(*) FROM youth") == 1

    async def test_rls_refuses_writing_into_another_municipality(self, admin_db, muni) -> None:
        async with admin_db.transaction():
            await admin_db.execute("SET LOCAL ROLE ungeapi_app")
            await admin_db.execute("SELECT set_config('ungeapi.municipality', $1, true)", muni)
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await admin_db.execute(
                    "INSERT INTO audit_event (municipality_code, sub, roles, action, resource_type, purpose) "
                    "VALUES ('999', 'x', '{}', 'read', 'youth', 'test')"
                )


class TestAudit:
    async def test_audit_refuses_update_and_delete(self, client, auth, admin_db, muni) -> None:
        await client.post(
            "/v1/youth", json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "B"}, headers=auth()
        )
        for statement in (
            "UPDATE audit_event SET purpose = 'x' WHERE municipality_code = $1",
            "DELETE FROM audit_event WHERE municipality_code = $1",
        ):
            with pytest.raises(asyncpg.PostgresError, match="append-only"):
                await admin_db.execute(statement, muni)
        with pytest.raises(asyncpg.PostgresError, match="append-only"):
            await admin_db.execute("TRUNCATE audit_event")
        assert (
            await admin_db.fetchval("SELECT count(*) FROM audit_event WHERE municipality_code = $1", muni)
            == 1
        )

    async def test_the_app_role_cannot_change_audit_rows(self, admin_db, muni) -> None:
        async with admin_db.transaction():
            await admin_db.execute("SET LOCAL ROLE ungeapi_app")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await admin_db.execute("DELETE FROM audit_event")


class TestLogs:
    async def test_no_cpr_in_any_log_line(self, client, auth) -> None:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        from ungeapi.core.observability import JsonFormatter

        handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
        # httpx/httpcore log on the test client's side of the wire, not the service's.
        handler.addFilter(lambda record: not record.name.startswith(("httpx", "httpcore")))
        watched = [logging.getLogger(), logging.getLogger("ungeapi"), logging.getLogger("sqlalchemy")]
        levels = [w.level for w in watched]
        for w in watched:
            w.addHandler(handler)
            w.setLevel(logging.DEBUG)
        cpr = synthetic_cpr()
        try:
            headers = {**auth(), "Idempotency-Key": "log-test"}
            created = await client.post(
                "/v1/youth", json={"cpr": cpr, "given_name": "A", "family_name": "B"}, headers=headers
            )
            assert created.status_code == 201
            await client.post("/v1/youth/lookup", json={"cpr": cpr}, headers=auth())
            await client.post(
                "/v1/youth", json={"cpr": cpr, "given_name": "A", "family_name": "B"}, headers=auth()
            )
            for misuse in (
                f"/v1/youth/{cpr}",
                f"/v1/youth?name={cpr}",
                f"/v1/youth?name={cpr.replace('-', '')}",
            ):
                refused = await client.get(misuse, headers=auth())
                assert refused.status_code == 400
                assert refused.json()["code"] == "request.cpr_in_url"
            await client.get(f"/v1/youth/{created.json()['id']}", headers=auth())
        finally:
            for w, level in zip(watched, levels, strict=True):
                w.removeHandler(handler)
                w.setLevel(level)
        text = stream.getvalue()
        assert "request" in text  # the capture really saw the request log lines
        assert cpr not in text and cpr.replace("-", "") not in text
        # The JSON formatter masks CPR-shaped numbers wherever they come from.
        record = logging.LogRecord("ungeapi", logging.INFO, __file__, 1, f"path /v1/youth/{cpr}", None, None)
        assert cpr not in JsonFormatter().format(record)


class TestOperations:
    async def test_healthz(self, client) -> None:
        response = await client.get("/healthz")
        assert response.json() == {"status": "ok"}

    async def test_readyz_checks_the_database_and_migrations(self, client) -> None:
        response = await client.get("/readyz")
        assert response.status_code == 200
        assert response.json()["status"] == "ok"

    async def test_request_id_is_echoed_or_made(self, client) -> None:
        assert (await client.get("/healthz", headers={"X-Request-ID": "abc-123"})).headers[
            "x-request-id"
        ] == "abc-123"
        made = (await client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})).headers[
            "x-request-id"
        ]
        assert made and " " not in made

    async def test_metrics_count_requests_by_route_template(self, client, auth) -> None:
        await client.get("/v1/youth/00000000-0000-0000-0000-000000000001", headers=auth())
        text = (await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})).text
        assert 'route="/v1/youth/{youth_id}"' in text
        assert "ungeapi_http_request_duration_seconds_bucket" in text
        assert "00000000-0000-0000-0000-000000000001" not in text


class TestOpenApi:
    def test_committed_spec_matches_the_code(self) -> None:
        from pathlib import Path

        from ungeapi.cli import render_openapi

        committed = Path(__file__).resolve().parents[2] / "openapi" / "ungeapi-v1.json"
        assert committed.read_text(encoding="utf-8") == render_openapi(), "run `make openapi` and commit"

    def test_spec_is_valid_and_documented(self) -> None:
        from openapi_spec_validator import validate

        from ungeapi.cli import build_openapi

        spec = build_openapi()
        validate(spec)  # type: ignore[arg-type]
        for path, operations in spec["paths"].items():  # type: ignore[union-attr]
            for method, operation in operations.items():
                assert operation.get("summary"), f"{method} {path} has no summary"
                if path.startswith("/v1"):
                    codes = set(operation["responses"])
                    assert "401" in codes, f"{method} {path} does not declare 401"
        for name, schema in spec["components"]["schemas"].items():  # type: ignore[index]
            if name in ("HTTPValidationError", "ValidationError"):
                continue
            for field, prop in schema.get("properties", {}).items():
                assert prop.get("description") or "$ref" in prop or "allOf" in prop, (
                    f"{name}.{field} has no description"
                )
