"""Bearer tokens: every malformed, expired, unsigned or foreign token is a 401."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jose import jwk

from tests import clock
from ungeapi.core.security import claim_options, sign_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi.main import create_app


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(clock.now().timestamp())
    base = {
        "iss": "ungeapi-dev",
        "aud": "ungeapi",
        "sub": "cw-1",
        "name": "Sagsbehandler",
        "municipality": "860",
        "departments": ["BFU"],
        "roles": ["admin"],
        "iat": now,
        "nbf": now,
        "exp": now + 600,
    }
    base.update(overrides)
    return base


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def pem(key: Any) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def public_pem(key: Any) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@pytest.fixture(scope="module")
async def jwks_client(tmp_path_factory, rsa_key, ec_key, database_url: str):
    rsa_jwk = jwk.construct(public_pem(rsa_key).decode(), "RS256").to_dict()
    ec_jwk = jwk.construct(public_pem(ec_key).decode(), "ES256").to_dict()
    rsa_jwk.update(kid="rsa-1", alg="RS256")
    ec_jwk.update(kid="ec-1", alg="ES256")
    path = tmp_path_factory.mktemp("jwks") / "jwks.json"
    path.write_text(json.dumps({"keys": [rsa_jwk, ec_jwk]}, default=lambda b: b.decode()))
    settings = Settings(
        env="test", database_url=database_url, jwks_file=str(path), jwt_dev_secret=None, db_pool_size=2
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            yield c


async def status(client: httpx.AsyncClient, token: str) -> int:
    response = await client.get("/v1/youth", headers={"Authorization": f"Bearer {token}"})
    if response.status_code == 401:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "auth.invalid_token"
    return response.status_code


class TestAsymmetricTokens:
    async def test_rs256_and_es256_tokens_from_the_jwks_are_accepted(
        self, jwks_client, rsa_key, ec_key
    ) -> None:
        assert await status(jwks_client, sign_token(claims(), pem(rsa_key), "RS256", {"kid": "rsa-1"})) == 200
        assert await status(jwks_client, sign_token(claims(), pem(ec_key), "ES256", {"kid": "ec-1"})) == 200

    async def test_hs256_signed_with_the_public_key_is_refused(self, jwks_client, rsa_key) -> None:
        import hashlib
        import hmac

        header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}).encode())
        payload = b64(json.dumps(claims()).encode())
        signature = hmac.new(public_pem(rsa_key), f"{header}.{payload}".encode(), hashlib.sha256).digest()
        assert await status(jwks_client, f"{header}.{payload}.{b64(signature)}") == 401

    async def test_unknown_key_is_refused(self, jwks_client) -> None:
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        assert (
            await status(jwks_client, sign_token(claims(), pem(stranger), "RS256", {"kid": "rsa-1"})) == 401
        )

    async def test_dev_tokens_are_refused_without_a_dev_secret(self, jwks_client) -> None:
        assert await status(jwks_client, sign_token(claims(), DEV_JWT_SECRET, "HS256")) == 401


class TestTokens:
    async def test_valid_dev_token(self, client) -> None:
        assert await status(client, sign_token(claims(), DEV_JWT_SECRET, "HS256")) == 200

    async def test_missing_token_is_401_with_a_challenge(self, client) -> None:
        response = await client.get("/v1/youth")
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "auth.missing_token"
        assert response.headers["www-authenticate"].startswith("Bearer")

    async def test_wrong_scheme_is_401(self, client) -> None:
        response = await client.get("/v1/youth", headers={"Authorization": "Basic dXNlcjpwYXNz"})
        assert response.status_code == 401

    @pytest.mark.parametrize(
        "bad",
        [
            {"exp": int(clock.now().timestamp()) - 3600},
            {"nbf": int(clock.now().timestamp()) + 3600},
            {"aud": "someone-else"},
            {"iss": "evil-issuer"},
            {"municipality": "86"},
            {"municipality": None},
            {"roles": "admin"},
        ],
        ids=[
            "expired",
            "not-yet-valid",
            "wrong-audience",
            "wrong-issuer",
            "short-municipality",
            "no-municipality",
            "roles-not-list",
        ],
    )
    async def test_bad_claims_are_401(self, client, bad: dict[str, Any]) -> None:
        assert await status(client, sign_token(claims(**bad), DEV_JWT_SECRET, "HS256")) == 401

    async def test_missing_exp_is_401(self, client) -> None:
        body = claims()
        del body["exp"]
        assert await status(client, sign_token(body, DEV_JWT_SECRET, "HS256")) == 401

    async def test_alg_none_is_401(self, client) -> None:
        header = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        payload = b64(json.dumps(claims()).encode())
        assert await status(client, f"{header}.{payload}.") == 401

    async def test_tampered_payload_is_401(self, client) -> None:
        token = sign_token(claims(), DEV_JWT_SECRET, "HS256")
        header, _, signature = token.split(".")
        forged = b64(json.dumps(claims(municipality="101", roles=["dpo"])).encode())
        assert await status(client, f"{header}.{forged}.{signature}") == 401

    async def test_wrong_secret_is_401(self, client) -> None:
        assert await status(client, sign_token(claims(), "another-secret", "HS256")) == 401

    @pytest.mark.parametrize("junk", ["x", "a.b.c", "....", "e30.e30.e30"])
    async def test_garbage_is_401(self, client, junk: str) -> None:
        assert await status(client, junk) == 401

    async def test_valid_token_without_the_role_is_403(self, client) -> None:
        response = await client.post(
            "/v1/youth/lookup",
            json={"cpr": "010110-4000"},
            headers={
                "Authorization": f"Bearer {sign_token(claims(roles=['analyst']), DEV_JWT_SECRET, 'HS256')}"
            },
        )
        assert response.status_code == 403


def without(*names: str, **overrides: Any) -> dict[str, Any]:
    body = claims(**overrides)
    for name in names:
        del body[name]
    return body


MISSING = ["aud", "iss", "exp", "sub"]
# Present but not a NumericDate: refused as a bad token, never a 500.
MALFORMED_EXP: list[Any] = [None, "soon", "9999999999", [1], {"at": 1}, True]


class TestRequiredClaims:
    """`aud` and `iss` are required when configured and `exp` always: python-jose checks `aud`
    only when the token carries it, so a token without one must be refused by us."""

    @pytest.mark.parametrize("missing", MISSING)
    @pytest.mark.parametrize("path", ["/v1/youth", "/v1/settings"])
    async def test_an_rs256_token_without_the_claim_is_401(
        self, jwks_client, rsa_key, missing: str, path: str
    ) -> None:
        token = sign_token(without(missing), pem(rsa_key), "RS256", {"kid": "rsa-1"})
        for _ in range(2):  # a refusal is not remembered as anything else
            response = await jwks_client.get(path, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401, response.text
            assert response.json()["code"] == "auth.invalid_token"

    @pytest.mark.parametrize("missing", MISSING)
    async def test_an_es256_token_without_the_claim_is_401(self, jwks_client, ec_key, missing: str) -> None:
        token = sign_token(without(missing), pem(ec_key), "ES256", {"kid": "ec-1"})
        assert await status(jwks_client, token) == 401

    @pytest.mark.parametrize("missing", MISSING)
    @pytest.mark.parametrize("path", ["/v1/youth", "/v1/settings"])
    async def test_a_development_token_without_the_claim_is_401(
        self, client, missing: str, path: str
    ) -> None:
        token = sign_token(without(missing), DEV_JWT_SECRET, "HS256")
        response = await client.get(path, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, response.text
        assert response.json()["code"] == "auth.invalid_token"

    async def test_the_same_token_with_every_claim_is_accepted(self, jwks_client, rsa_key, client) -> None:
        # The refusals above are for the missing claim alone.
        assert await status(jwks_client, sign_token(claims(), pem(rsa_key), "RS256", {"kid": "rsa-1"})) == 200
        assert await status(client, sign_token(claims(), DEV_JWT_SECRET, "HS256")) == 200

    @pytest.mark.parametrize("exp", MALFORMED_EXP, ids=repr)
    async def test_a_malformed_exp_is_401(self, jwks_client, rsa_key, client, exp: Any) -> None:
        assert (
            await status(jwks_client, sign_token(claims(exp=exp), pem(rsa_key), "RS256", {"kid": "rsa-1"}))
            == 401
        )
        assert await status(client, sign_token(claims(exp=exp), DEV_JWT_SECRET, "HS256")) == 401

    @pytest.mark.parametrize("aud", [["ungeapi", "other"], "ungeapi"])
    async def test_an_audience_list_naming_us_is_accepted(self, jwks_client, rsa_key, aud: Any) -> None:
        assert (
            await status(jwks_client, sign_token(claims(aud=aud), pem(rsa_key), "RS256", {"kid": "rsa-1"}))
            == 200
        )

    async def test_an_audience_list_without_us_is_401(self, jwks_client, rsa_key) -> None:
        token = sign_token(claims(aud=["other", "third"]), pem(rsa_key), "RS256", {"kid": "rsa-1"})
        assert await status(jwks_client, token) == 401


class TestSettings:
    def test_production_refuses_development_secrets(self) -> None:
        with pytest.raises(ValueError, match="development secrets"):
            Settings(env="production", jwt_dev_secret="x", jwks_file="/dev/null")

    def test_production_refuses_default_cpr_keys(self) -> None:
        with pytest.raises(ValueError, match="UNGEAPI_CPR_KEY"):
            Settings(env="production", jwks_file="/dev/null")

    def test_production_with_real_keys_starts(self) -> None:
        key = base64.b64encode(b"k" * 32).decode()
        settings = Settings(env="production", jwks_file="/dev/null", cpr_key=key, cpr_hash_key=key)
        assert settings.env == "production"


class TestVerifiedTokensRemembered:
    """A verified token is answered from memory, but never after it expires."""

    @pytest.fixture
    async def strict_client(self, settings: Settings) -> Any:
        application = create_app(settings.model_copy(update={"jwt_leeway_seconds": 0}))
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                yield c

    @pytest.mark.parametrize("path", ["/v1/youth", "/v1/settings"])
    async def test_a_remembered_token_expires(self, strict_client, path: str) -> None:
        expires = int(clock.now().timestamp()) + 2
        token = sign_token(claims(exp=expires), DEV_JWT_SECRET, "HS256")
        headers = {"Authorization": f"Bearer {token}"}
        assert (await strict_client.get(path, headers=headers)).status_code == 200
        assert (await strict_client.get(path, headers=headers)).status_code == 200
        await asyncio.sleep(max(0.0, expires - clock.now().timestamp()) + 1.1)
        late = await strict_client.get(path, headers=headers)
        assert late.status_code == 401
        assert late.json()["code"] == "auth.invalid_token"

    async def test_a_remembered_token_is_not_a_different_token(self, client) -> None:
        good = sign_token(claims(), DEV_JWT_SECRET, "HS256")
        assert await status(client, good) == 200
        tampered = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
        assert await status(client, tampered) == 401


class TestClaimOptions:
    def test_audience_and_issuer_are_required_when_configured(self, settings: Settings) -> None:
        options = claim_options(settings)
        assert options["require_aud"] and options["require_iss"] and options["require_exp"]

    def test_unconfigured_audience_and_issuer_are_not_checked(self, settings: Settings) -> None:
        options = claim_options(settings.model_copy(update={"jwt_audience": "", "jwt_issuer": ""}))
        assert not options["require_aud"] and not options["verify_aud"]
        assert not options["require_iss"] and not options["verify_iss"]
        assert options["require_exp"]
