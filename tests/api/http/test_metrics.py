"""/metrics: behind a token (a setting), with the pool, the webhook backlog and imports."""

from __future__ import annotations

import re

import httpx

from tests.api.integration.helpers import post_import
from tests.conftest import METRICS_TOKEN, synthetic_cpr
from ungeapi.main import create_app

METRICS = {"Authorization": f"Bearer {METRICS_TOKEN}"}


def figure(text: str, name: str, *, absent: float | None = None, **labels: str) -> float:
    """The value of `name{labels}` in /metrics; `absent` when it is not there (yet), else an error."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = rf"^{re.escape(name)}{re.escape('{' + wanted + '}') if labels else ''} (\S+)$"
    found = re.search(pattern, text, re.MULTILINE)
    if found is None and absent is not None:
        return absent
    assert found, f"{name} {labels} not in /metrics"
    return float(found.group(1))


class TestAccess:
    async def test_the_token_opens_it_and_nothing_else_does(self, client, auth) -> None:
        assert (await client.get("/metrics", headers=METRICS)).status_code == 200
        for headers in ({}, {"Authorization": "Bearer wrong"}, auth("admin"), {"Authorization": METRICS_TOKEN}):
            refused = await client.get("/metrics", headers=headers)
            assert refused.status_code == 401 and "ungeapi_http" not in refused.text

    async def test_without_a_token_it_is_served_in_development_only(self, settings) -> None:
        for env, status in (("production", 404), ("test", 404), ("development", 200)):
            app = create_app(settings.model_copy(update={"metrics_token": None, "env": env}))
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://test") as plain:
                    assert (await plain.get("/metrics")).status_code == status, env


class TestFigures:
    async def test_the_pool_in_use_and_waiting(self, client) -> None:
        text = (await client.get("/metrics", headers=METRICS)).text
        assert figure(text, "ungeapi_db_pool_size") == 10  # twice the setting (core/db.py)
        # The scrape itself holds none: /metrics takes its own connection for the backlog after.
        assert figure(text, "ungeapi_db_pool_connections", state="in_use") >= 0
        assert figure(text, "ungeapi_db_pool_connections", state="waiting") == 0
        assert figure(text, "ungeapi_db_pool_connections", state="idle") >= 1

    async def test_the_webhook_backlog_and_its_oldest_age(self, client, auth) -> None:
        admin = auth("admin")
        before = (await client.get("/metrics", headers=METRICS)).text
        hook = await client.post("/v1/webhooks", json={"url": "https://journal.kommune.dk/hooks"}, headers=admin)
        assert hook.status_code == 201
        body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
        for _ in range(3):
            assert (await client.post("/v1/youth", json=body | {"cpr": synthetic_cpr()}, headers=admin)).status_code == 201
        after = (await client.get("/metrics", headers=METRICS)).text
        unscanned = figure(after, "ungeapi_webhook_backlog", stage="unscanned")
        # No worker runs in the tests: the three events (and the subscription's own) wait.
        assert unscanned >= figure(before, "ungeapi_webhook_backlog", stage="unscanned") + 3
        assert figure(after, "ungeapi_webhook_backlog", stage="pending") >= 0
        assert figure(after, "ungeapi_webhook_oldest_undelivered_seconds") >= 0

    async def test_import_rows_and_failures(self, client, auth) -> None:
        admin = auth("admin")
        await client.post("/v1/settings/seed", headers=admin)

        async def counts() -> tuple[float, float, float]:
            text = (await client.get("/metrics", headers=METRICS)).text
            rows = "ungeapi_import_rows_total"
            return (
                figure(text, rows, absent=0, kind="youth", outcome="valid"),
                figure(text, rows, absent=0, kind="youth", outcome="invalid"),
                figure(text, "ungeapi_import_failures_total", absent=0, kind="youth", code="import.rows_invalid"),
            )

        valid, invalid, failures = await counts()
        csv = f"cpr,given_name,family_name\n{synthetic_cpr()},Testa,Eksempelsen\nnot-a-cpr,Testa,Eksempelsen\n"
        job = await post_import(client, admin, csv, kind="youth", mode="valid_rows")
        assert job["status"] == "completed" and job["valid"] == 1 and job["invalid"] == 1
        assert await counts() == (valid + 1, invalid + 1, failures)
        failed = await post_import(client, admin, csv, kind="youth", mode="all_or_nothing")
        assert failed["status"] == "failed" and failed["error_code"] == "import.rows_invalid"
        assert await counts() == (valid + 2, invalid + 2, failures + 1)
