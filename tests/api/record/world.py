"""A youth to write the record about, seen by two departments: BFU registered them, and ARB
has an open case (so ARB sees the youth but does not own BFU's records)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.api.integration.helpers import all_events, wait_until_settled
from tests.conftest import TokenFactory, synthetic_cpr


@dataclass
class World:
    youth_id: str
    bfu: dict[str, str]
    arb: dict[str, str]
    other_municipality: dict[str, str]


async def world(client: Any, auth: TokenFactory) -> World:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen",
            "registered_by_department": "BFU"}  # fmt: skip
    youth = await client.post("/v1/youth", json=body, headers=auth("admin"))
    assert youth.status_code == 201, youth.text
    youth_id = youth.json()["id"]
    case = {"youth_id": youth_id, "department_code": "ARB", "kind": "employment"}
    opened = await client.post("/v1/cases", json=case, headers=auth("admin"))
    assert opened.status_code == 201, opened.text
    return World(
        youth_id=youth_id,
        bfu=auth("caseworker", "BFU", sub="bente@bfu"),
        arb=auth("caseworker", "ARB", sub="arne@arb"),
        other_municipality=auth("admin", "BFU", municipality="998"),
    )


async def feed_types(client: Any, admin_db: Any, headers: dict[str, str], resource_id: str) -> list[str]:
    """The change feed's event types about one resource, in order, once the feed's horizon has
    passed what the test committed."""
    await wait_until_settled(admin_db)
    return [e["type"] for e in await all_events(client, headers) if e["resource_id"] == resource_id]
