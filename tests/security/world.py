"""A municipality with one of everything, built from the app's own spec, for the attack tests.

Routes are read from the app (so a route added tomorrow is attacked tomorrow). A path
parameter `{x_id}` of `/v1/things/{x_id}` is filled by creating a thing: POST to
`/v1/things` with the request example from the spec (every request schema has one; the
`youth_id` in it is replaced by the world's youth), as the municipality's admin. Parameters
that no POST creates come from OVERRIDES. What could not be created gets a random id and is
listed in `World.unseeded`, so the report says what the matrix could not make real.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
from fastapi.routing import iter_route_contexts

from tests.api.privacy.helpers import born_years_ago, cpr_for
from tests.clock import TODAY

MARKER_GIVEN = "Bolaprobe"
MARKER_FAMILY = "Hemmeligsen"
# Example fields left out when the world makes a record: a fixed day that only fits near the day
# the example was written (a team's first meeting must lie between today and the 17th birthday).
UNDATED = {"/v1/teams": ("first_meeting_on",)}
IDLE_DEPARTMENT = "PPRX"  # a department with nothing to do with the youth
CONSENT_DEPARTMENT = "KFUX"  # the department whose consent was revoked


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    params: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


def api_routes(app: Any) -> list[Route]:
    """Every documented route of the app under /v1, one per method."""
    routes: list[Route] = []
    for route in iter_route_contexts(app.routes):
        path = getattr(route, "path", "")
        if not path.startswith("/v1") or not getattr(route.original_route, "include_in_schema", True):
            continue
        params = tuple(p.strip("{}").split(":")[0] for p in path.split("/") if p.startswith("{"))
        for method in sorted((route.methods or set()) - {"HEAD", "OPTIONS"}):
            routes.append(Route(method, path, params))
    return sorted(set(routes), key=lambda r: (r.path, r.method))


def request_example(spec: dict[str, Any], method: str, path: str) -> Any:
    operation = spec["paths"].get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return None
    schema = content.get("schema", {})
    for branch in [schema, *schema.get("anyOf", [])]:
        ref = branch.get("$ref")
        if ref:
            examples = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]].get("examples") or []
            if examples:
                return copy.deepcopy(examples[0])
    return content.get("example")


def enum_of(spec: dict[str, Any], path: str, name: str) -> list[Any]:
    for operation in spec["paths"].get(path, {}).values():
        for parameter in operation.get("parameters", []):
            if parameter["name"] == name:
                schema = parameter.get("schema", {})
                if "$ref" in schema:  # a named vocabulary, e.g. GuideAction
                    schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
                return list(schema.get("enum") or [])
    return []


def _key(prefix: str, name: str) -> str:
    return f"{prefix}/{{{name}}}"


def replace_youth(value: Any, youth_id: str) -> Any:
    if isinstance(value, dict):
        return {k: (youth_id if k == "youth_id" else replace_youth(v, youth_id)) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_youth(v, youth_id) for v in value]
    return value


@dataclass
class World:
    municipality: str
    admin: dict[str, str]
    spec: dict[str, Any]
    youth: dict[str, Any]
    values: dict[str, str] = field(default_factory=dict)
    unseeded: set[str] = field(default_factory=set)

    @property
    def secrets(self) -> list[str]:
        """What must never appear in an answer to an attacker."""
        return [MARKER_GIVEN, MARKER_FAMILY, self.youth["cpr"], self.youth["cpr"].replace("-", "")]

    def fill(self, path: str) -> str:
        """The path with each parameter replaced by the value made for its collection
        (`/v1/meetings/{meeting_id}` and `/v1/network-meetings/{meeting_id}` differ)."""
        filled = path
        for name in [p.strip("{}") for p in path.split("/") if p.startswith("{")]:
            prefix = path.split("/{" + name + "}")[0]
            value = self.values.get(_key(prefix, name), self.values.get(name))
            if value is not None:
                filled = filled.replace("{" + name + "}", value, 1)
        return filled

    def unseeded_in(self, path: str) -> bool:
        return any(path.startswith(key) for key in self.unseeded)

    def body(self, route: Route) -> Any:
        example = request_example(self.spec, route.method, route.path)
        return replace_youth(example, self.youth["id"]) if example is not None else None


async def build(
    client: httpx.AsyncClient, spec: dict[str, Any], routes: list[Route], token: Any, muni: str
) -> World:
    admin = token("admin", "BFU", muni)
    assert (await client.post("/v1/settings/seed", headers=admin)).status_code == 200
    for code in (IDLE_DEPARTMENT, CONSENT_DEPARTMENT):
        created = await client.post(
            "/v1/departments",
            json={"code": code, "name": f"Afdeling {code}", "kind": "other", "authority_unit": False},
            headers=admin,
        )
        assert created.status_code == 201, created.text
    birth = born_years_ago(16, days=40)
    youth = await client.post(
        "/v1/youth",
        json={
            "cpr": cpr_for(birth),
            "given_name": MARKER_GIVEN,
            "family_name": MARKER_FAMILY,
            "registered_by_department": "BFU",
            "guardians": [{"name": "Mor Hemmeligsen", "relation": "mother", "has_custody": True}],
        },
        headers=admin,
    )
    assert youth.status_code == 201, youth.text
    world = World(municipality=muni, admin=admin, spec=spec, youth=youth.json())
    world.values["youth_id"] = world.youth["id"]
    case = await client.post(
        "/v1/cases",
        json={
            "youth_id": world.youth["id"],
            "department_code": "BFU",
            "kind": "placement",
            "external_ref": {"system": "journal", "id": f"SAG-{uuid.uuid4().hex[:8]}"},
        },
        headers=admin,
    )
    assert case.status_code == 201, case.text
    world.values.update(
        {
            _key("/v1/cases", "case_id"): case.json()["id"],
            "system": "journal",
            "external_id": case.json()["external_ref"]["id"],
            "number": "1",
        }
    )
    consent = await client.post(
        "/v1/consents",
        json={
            "youth_id": world.youth["id"],
            "given_by": [{"kind": "youth", "name": MARKER_GIVEN, "given_on": TODAY.isoformat()}],
            "categories": ["cases", "plan", "health", "social", "education", "absence"],
            "recipient_departments": [CONSENT_DEPARTMENT],
            "purpose": "Samarbejde",
            "valid_until": (TODAY + timedelta(days=30)).isoformat(),
        },
        headers=admin,
    )
    assert consent.status_code == 201, consent.text
    revoked = await client.post(
        f"/v1/consents/{consent.json()['id']}/revoke", headers={**admin, "If-Match": '"1"'}
    )
    assert revoked.status_code == 200, revoked.text
    world.values[_key("/v1/consents", "consent_id")] = consent.json()["id"]
    departments = await client.get("/v1/departments", headers=admin)
    world.values[_key("/v1/departments", "department_id")] = next(
        d["id"] for d in departments.json()["items"] if d["code"] == IDLE_DEPARTMENT
    )
    known = {"youth_id", "system", "external_id", "number"}
    for route in routes:
        for name in route.params:
            prefix = route.path.split("/{" + name + "}")[0]
            key = _key(prefix, name)
            if name in known or key in world.values:
                continue
            options = enum_of(spec, route.path, name)
            if options:
                world.values[key] = str(options[0])
                continue
            made = None
            example = request_example(spec, "POST", prefix)
            if isinstance(example, dict):
                # The spec's examples carry fixed days; the world lives on the tests' day.
                example = {k: v for k, v in example.items() if k not in UNDATED.get(prefix, ())}
            if example is not None and "{" not in world.fill(prefix):
                response = await client.post(
                    world.fill(prefix), json=replace_youth(example, world.youth["id"]), headers=admin
                )
                if response.status_code == 201 and "id" in response.json():
                    made = str(response.json()["id"])
            if made is None:
                world.unseeded.add(key)
                made = str(uuid.uuid4())
            world.values[key] = made
    return world


def app_routes() -> list[Route]:
    """The routes of a freshly made app, for parametrizing at collection time."""
    from ungeapi.core.settings import DEV_JWT_SECRET, Settings
    from ungeapi.main import create_app

    return api_routes(create_app(Settings(env="test", jwt_dev_secret=DEV_JWT_SECRET)))
