"""Every route refuses every bad token, and no filter value makes the service fail.

tests/api/test_auth.py checks each kind of bad token once, on one route; here the same set
is sent to every route of the app, against the production-like key set (RS256/ES256 from a
JWKS, no development secret). Then every query parameter of every GET route gets SQL-like,
huge and control-character values: the answer is a 4xx (or a harmless empty 200), never 5xx.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any

from tests import clock
from tests.api.test_auth import b64, claims, ec_key, jwks_client, pem, public_pem, rsa_key  # noqa: F401
from tests.security.world import Route, World, app_routes
from ungeapi.core.security import sign_token

ROUTES = app_routes()
GET_ROUTES = [r for r in ROUTES if r.method == "GET"]


def placeholder(name: str) -> str:
    return "1" if name == "number" else "accept" if name == "action" else str(uuid.uuid4())


def concrete(route: Route) -> str:
    path = route.path
    for name in route.params:
        path = path.replace("{" + name + "}", placeholder(name))
    return path


def bad_tokens(rsa: Any) -> dict[str, str]:
    """The attacks from the issue, each otherwise a perfectly good RS256 token."""
    key, kid = pem(rsa), {"kid": "rsa-1"}
    now = int(clock.now().timestamp())
    header_none = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    header_hs = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}).encode())
    payload = b64(json.dumps(claims()).encode())
    hs_signature = hmac.new(public_pem(rsa), f"{header_hs}.{payload}".encode(), hashlib.sha256).digest()
    good = sign_token(claims(), key, "RS256", kid)
    head, _, signature = good.split(".")
    tampered = b64(json.dumps(claims(municipality="101", roles=["dpo"])).encode())
    return {
        "alg-none": f"{header_none}.{payload}.",
        "hs256-with-public-key": f"{header_hs}.{payload}.{b64(hs_signature)}",
        "expired": sign_token(claims(exp=now - 3600, iat=now - 7200, nbf=now - 7200), key, "RS256", kid),
        "not-yet-valid": sign_token(claims(nbf=now + 3600), key, "RS256", kid),
        "wrong-audience": sign_token(claims(aud="someone-else"), key, "RS256", kid),
        "wrong-issuer": sign_token(claims(iss="evil-issuer"), key, "RS256", kid),
        "tampered": f"{head}.{tampered}.{signature}",
        **{
            f"no-{name}": sign_token({k: v for k, v in claims().items() if k != name}, key, "RS256", kid)
            for name in ("aud", "iss", "exp")
        },
    }


async def test_every_bad_token_is_401_on_every_route(jwks_client, rsa_key) -> None:  # noqa: F811
    tokens = bad_tokens(rsa_key)
    good = sign_token(claims(), pem(rsa_key), "RS256", {"kid": "rsa-1"})
    assert (
        await jwks_client.get("/v1/youth", headers={"Authorization": f"Bearer {good}"})
    ).status_code == 200
    refused = 0
    for route in ROUTES:
        url = concrete(route)
        for name, token in tokens.items():
            response = await jwks_client.request(
                route.method, url, headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code == 401, (name, route.id, response.status_code, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "auth.invalid_token"
            refused += 1
    assert refused == len(ROUTES) * len(tokens) and len(tokens) == 10 and len(ROUTES) >= 60


SQL_LIKE = [
    "' OR '1'='1",
    "1; DROP TABLE youth; --",
    "%' UNION SELECT cpr_ciphertext FROM youth --",
    "\\x00",
    "${jndi:ldap://x}",
    "../../../../etc/passwd",
    "-1e309",
    "ÆØÅ\u202e\ufeff",
]
HUGE = ["A" * 20_000, "9" * 5_000]
NUL = ["a\x00b"]  # PostgreSQL cannot hold it: refused (or matched in Python), never a 500
# Full-text search reads operators (`-word` is "not word"): matching something there is its job.
FREE_TEXT = {"q"}
ODD = ["\x01\x02", "\x1b[2J\x7f"]


def query_parameters(spec: dict[str, Any], route: Route) -> list[str]:
    operation = spec["paths"][route.path]["get"]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


async def test_sql_like_huge_and_control_values_in_every_filter(client, app, world: World) -> None:
    spec = app.openapi()
    tried = 0
    for route in GET_ROUTES:
        url = world.fill(route.path)
        for name in query_parameters(spec, route):
            for value in SQL_LIKE + HUGE + NUL + ODD:
                response = await client.get(url, params={name: value}, headers=world.admin)
                tried += 1
                assert response.status_code < 500, (route.id, name, value[:40], response.text)
                if value in HUGE:
                    assert 400 <= response.status_code < 500, (
                        route.id,
                        name,
                        value[:40],
                        response.status_code,
                    )
                elif response.status_code == 200 and "items" in response.json() and name not in FREE_TEXT:
                    # A filter that matched nothing: the value was data, not SQL.
                    assert response.json()["items"] == [], (route.id, name, value)
    assert tried > 100


async def test_a_nul_character_in_a_body_is_422_not_500(client, world: World) -> None:
    body = {"cpr": "010110-4999", "given_name": "a\x00b", "family_name": "Eksempelsen"}
    response = await client.post("/v1/youth", json=body, headers=world.admin)
    assert response.status_code == 422 and response.json()["code"] == "request.invalid_value"
