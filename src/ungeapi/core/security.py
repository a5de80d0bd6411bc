"""Bearer-token verification. The only module that imports python-jose.

RS256/ES256 tokens are verified against a JWKS (file or URL); HS256 only when a development
secret is configured. The algorithm is checked against the allow-list before any key is used,
so an `alg: none` token or an HS256 token signed with a public key never verifies.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cachetools import TLRUCache
from jose import JWTError, jwk, jwt

from ungeapi.core.settings import Settings

ASYMMETRIC_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"})
# Verified tokens are remembered until they expire: a frontend sends the same token on every
# request, and a signature check costs more than the rest of a simple read.
VERIFIED_TOKENS_KEPT = 10_000
JWKS_REFRESH_SECONDS: float = Settings.model_fields["jwks_refresh_seconds"].default


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: who they are and what the token grants."""

    sub: str
    name: str
    municipality: str
    departments: tuple[str, ...] = ()
    roles: frozenset[str] = field(default_factory=frozenset)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def primary_department(self) -> str | None:
        return self.departments[0] if self.departments else None


class InvalidToken(Exception):
    """The token is missing, malformed, badly signed, expired or not meant for us."""


@dataclass(frozen=True)
class Issuer:
    """One trusted token issuer: where its keys are and what its tokens must say. The employees'
    identity provider is one (`employees`); the citizens' login broker another (core/citizen.py)."""

    issuer: str
    audience: str
    jwks_file: str | None
    jwks_url: str | None
    dev_secret: str | None
    algorithms: tuple[str, ...]
    leeway_seconds: int
    refresh_seconds: float

    @classmethod
    def employees(cls, settings: Settings) -> Issuer:
        return cls(
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            jwks_file=settings.jwks_file,
            jwks_url=settings.jwks_url,
            dev_secret=settings.jwt_dev_secret,
            algorithms=tuple(settings.jwt_algorithms),
            leeway_seconds=settings.jwt_leeway_seconds,
            refresh_seconds=settings.jwks_refresh_seconds,
        )

    def options(self) -> dict[str, Any]:
        """What python-jose must check. It checks `aud` only when the token carries one, so `aud`
        (and `iss`) are required whenever we are configured with one; `exp` and `sub` always are.
        Development (HS256) tokens are held to the same."""
        audience, issuer = bool(self.audience), bool(self.issuer)
        return {
            "require_exp": True,
            "require_sub": True,
            "require_aud": audience,
            "verify_aud": audience,
            "require_iss": issuer,
            "verify_iss": issuer,
            "leeway": self.leeway_seconds,
        }


class TokenVerifier:
    """Verifies one issuer's tokens and turns their claims into a principal (`principal_of`)."""

    def __init__(
        self,
        settings: Settings,
        issuer: Issuer | None = None,
        principal_of: Callable[[dict[str, Any]], Principal] | None = None,
    ) -> None:
        self._issuer = issuer or Issuer.employees(settings)
        self._principal_of = principal_of or principal_from_claims
        self._jwks: dict[str, Any] | None = None
        self._jwks_loaded_at = 0.0
        if self._issuer.jwks_file:
            self._jwks = json.loads(Path(self._issuer.jwks_file).read_text())
            self._jwks_loaded_at = float("inf")
        self._verified: TLRUCache[str, tuple[Principal, float]] = TLRUCache(
            maxsize=VERIFIED_TOKENS_KEPT, ttu=lambda _token, entry, _now: entry[1], timer=time.time
        )

    async def _keys(self) -> list[dict[str, Any]]:
        refresh = self._issuer.refresh_seconds
        if self._issuer.jwks_url and time.monotonic() - self._jwks_loaded_at > refresh:
            async with httpx.AsyncClient(timeout=5.0) as client:
                response = await client.get(self._issuer.jwks_url)
                response.raise_for_status()
                self._jwks = response.json()
                self._jwks_loaded_at = time.monotonic()
        keys = (self._jwks or {}).get("keys", [])
        return [k for k in keys if isinstance(k, dict)]

    async def verify(self, token: str) -> Principal:
        """The token's principal; a token verified before is answered from memory until `exp`."""
        entry = self._verified.get(token)
        if entry is not None:
            return entry[0]
        principal, expires = await self._verify(token)
        # Never remembered longer than the key set is: a key withdrawn from the JWKS stops
        # opening doors as soon as it would have without the memory.
        self._verified[token] = (principal, min(expires, time.time() + self._issuer.refresh_seconds))
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except JWTError as exc:
            raise InvalidToken("malformed token") from exc
        alg = header.get("alg")
        issuer = self._issuer
        options = issuer.options()
        if alg == "HS256" and issuer.dev_secret:
            key: Any = issuer.dev_secret
            algorithms = ["HS256"]
        elif alg in ASYMMETRIC_ALGORITHMS and alg in issuer.algorithms:
            key = await self._key_for(header.get("kid"), alg)
            algorithms = [alg]
        else:
            raise InvalidToken("algorithm not allowed")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=issuer.audience or None,
                issuer=issuer.issuer or None,
                options=options,
            )
        except (JWTError, TypeError, ValueError) as exc:
            # TypeError: python-jose's int() of an `exp` that is null, a list or an object.
            raise InvalidToken(str(exc)) from exc
        return self._principal_of(claims), float(claims["exp"]) + issuer.leeway_seconds

    async def _key_for(self, kid: str | None, alg: str) -> Any:
        for key in await self._keys():
            if kid is not None and key.get("kid") != kid:
                continue
            if key.get("alg") not in (None, alg):
                continue
            if key.get("kty") not in ("RSA", "EC"):
                continue
            return jwk.construct(key, alg)
        raise InvalidToken("no matching key")


def claim_options(settings: Settings) -> dict[str, Any]:
    """What python-jose must check of an employee's token (`Issuer.options`)."""
    return Issuer.employees(settings).options()


def _numeric_date(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_registered_claims(claims: dict[str, Any]) -> None:
    """`exp`, `nbf`, `iat` and `sub` as RFC 7519 has them, whoever issued the token."""
    # NumericDates are JSON numbers (RFC 7519 §2); python-jose would take "1e10" or true.
    for name in ("exp", "nbf", "iat"):
        if name in claims and not _numeric_date(claims[name]):
            raise InvalidToken(f"{name} malformed")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise InvalidToken("sub missing or malformed")


def unverified_issuer(token: str) -> str | None:
    """The `iss` a token claims, before any check: only to choose which issuer verifies it."""
    try:
        issuer = jwt.get_unverified_claims(token).get("iss")
    except JWTError:
        return None
    return issuer if isinstance(issuer, str) else None


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    municipality = claims.get("municipality")
    if not isinstance(municipality, str) or len(municipality) != 3 or not municipality.isdigit():
        raise InvalidToken("municipality claim missing or malformed")
    check_registered_claims(claims)
    roles = claims.get("roles") or []
    departments = claims.get("departments") or []
    if not isinstance(roles, list) or not isinstance(departments, list):
        raise InvalidToken("roles and departments must be lists")
    return Principal(
        sub=str(claims["sub"]),
        name=str(claims.get("name") or claims["sub"]),
        municipality=municipality,
        departments=tuple(str(d) for d in departments),
        roles=frozenset(str(r) for r in roles),
    )


def mint_dev_token(
    settings: Settings,
    *,
    sub: str,
    roles: list[str],
    departments: list[str],
    municipality: str,
    name: str | None = None,
    ttl_seconds: int = 8 * 3600,
    extra: dict[str, Any] | None = None,
) -> str:
    """An HS256 development token; only usable where a development secret is configured."""
    if not settings.jwt_dev_secret:
        raise RuntimeError("no development secret configured (UNGEAPI_JWT_DEV_SECRET)")
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": sub,
        "name": name or sub,
        "municipality": municipality,
        "departments": departments,
        "roles": roles,
        "iat": now,
        "nbf": now,
        "exp": now + ttl_seconds,
        "jti": str(uuid.uuid4()),
    }
    claims.update(extra or {})
    return str(jwt.encode(claims, settings.jwt_dev_secret, algorithm="HS256"))


def sign_token(
    claims: dict[str, Any], key: Any, algorithm: str, headers: dict[str, Any] | None = None
) -> str:
    """Signs arbitrary claims; used by the CLI and tests to produce asymmetric tokens."""
    return str(jwt.encode(claims, key, algorithm=algorithm, headers=headers))
