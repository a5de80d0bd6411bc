"""Webhook targets outside development: resolved, and refused on loopback, private, link-local
and other non-public addresses, at registration and at every delivery (SSRF)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.api.integration.helpers import wait_until_settled
from tests.api.integration.test_webhooks import new_youth, receiver, subscribe, workers  # noqa: F401
from tests.clock import now
from ungeapi.events.worker import run_once
from ungeapi.main import create_app


@pytest.fixture(scope="module")
async def strict(settings) -> Any:
    """A client of an app configured as production is: no private webhook targets."""
    app = create_app(settings.model_copy(update={"webhook_private_targets": False}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


PRIVATE = [
    "http://127.0.0.1:8080/hooks",
    "http://localhost/hooks",
    "http://[::1]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://10.1.2.3/hooks",
    "https://192.168.0.10/hooks",
    "http://100.64.0.1/hooks",
    "http://0.0.0.0/hooks",
    "http://224.0.0.1/hooks",
]


class TestRegistration:
    @pytest.mark.parametrize("url", PRIVATE)
    async def test_a_non_public_address_is_refused(self, strict, auth, url: str) -> None:
        response = await strict.post("/v1/webhooks", json={"url": url}, headers=auth("admin"))
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "webhook.private_target"

    async def test_a_name_that_does_not_resolve_yet_is_registered(self, strict, auth) -> None:
        response = await strict.post(
            "/v1/webhooks", json={"url": "https://journal.kommune.invalid/hooks"}, headers=auth("admin")
        )
        assert response.status_code == 201

    async def test_a_change_to_a_non_public_address_is_refused(self, strict, auth) -> None:
        admin = auth("admin")
        made = (await strict.post("/v1/webhooks", json={"url": "https://journal.kommune.invalid/h"}, headers=admin)).json()
        changed = await strict.patch(
            f"/v1/webhooks/{made['id']}", json={"url": "http://127.0.0.1/h"}, headers={**admin, "If-Match": '"1"'}
        )
        assert changed.status_code == 422 and changed.json()["code"] == "webhook.private_target"
        assert (await strict.get(f"/v1/webhooks/{made['id']}", headers=admin)).json()["url"] == made["url"]

    async def test_development_allows_them(self, client, auth) -> None:
        # The tests' own app allows them (its receivers listen on 127.0.0.1), as development does.
        assert (await client.post("/v1/webhooks", json={"url": PRIVATE[0]}, headers=auth("admin"))).status_code == 201


class TestDelivery:
    async def test_a_delivery_to_a_non_public_address_is_refused_and_retried(
        self, client, auth, app, admin_db, muni, receiver, workers  # noqa: F811
    ) -> None:
        admin = auth("admin")
        # Registered where private targets are allowed; delivered by a worker where they are not.
        sub = await subscribe(client, admin, receiver.url)
        await new_youth(client, admin)
        await wait_until_settled(admin_db)
        async with httpx.AsyncClient() as http:
            strict = await run_once(workers[0], app.state.vault, http, municipalities=[muni])
            # The subscription's own creation and the youth's: both refused, none sent.
            assert strict.fanned_out == strict.failed == 2 and strict.delivered == 0
            assert receiver.calls == []
            log = (await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin)).json()["items"]
            assert all(d["status"] == "pending" and d["last_error"].startswith("refused: 127.0.0.1") for d in log)
            # The retry, when it is due (the worker's clock, not the database's).
            later = now() + timedelta(minutes=5)
            allowed = await run_once(
                workers[0], app.state.vault, http, municipalities=[muni], allow_private=True, clock=lambda: later
            )
        assert allowed.delivered == 2 and len(receiver.calls) == 2
