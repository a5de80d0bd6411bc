"""Citizens' tokens: the second trusted issuer, for the youth's own door (/v1/me).

A municipal citizen portal logs the youth in through the national login broker and calls the
API with the token it gets: signed by the broker's keys (or, in development, the development
secret), with its own `iss` and `aud` (settings `citizen_*`). The token names the person by CPR
number in one claim (`citizen_cpr_claim`); the number is turned into the keyed CPR hash at once
and kept nowhere else, so it reaches neither a log, the audit nor the principal's `sub`.

A citizen's principal has the one role `citizen`, which no permission names, and the employees'
door (`permissions.authenticated`) answers a citizen's token 403 `auth.citizen_token` before any
permission is checked: a citizen token opens /v1/me and nothing else.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace
from typing import Any

from fastapi import Request

from ungeapi.core.crypto import CprVault
from ungeapi.core.errors import DomainError
from ungeapi.core.security import (
    InvalidToken,
    Issuer,
    Principal,
    TokenVerifier,
    check_registered_claims,
    sign_token,
    unverified_issuer,
)
from ungeapi.core.settings import Settings

CITIZEN_ROLE = "citizen"
CPR_DIGITS = 10
# citizen_subject.subject
SUBJECT_LENGTH = 200


@dataclass(frozen=True)
class Citizen(Principal):
    """A youth logged in as themselves: which person (by keyed CPR hash), never the number; or,
    from a token without a CPR claim, the login broker's pseudonymous `subject`, which the
    municipality's integration maps to a person (citizen_subject)."""

    cpr_hash: bytes = b""
    subject: str = ""


class CitizenTokenRefused(DomainError):
    """A citizen's token on an employees' route."""

    status = 403
    code = "auth.citizen_token"


class NotACitizen(DomainError):
    """An employee's token on a citizen's route."""

    status = 403
    code = "auth.not_citizen"


def citizen_issuer(settings: Settings) -> Issuer:
    """The login broker: its own issuer, audience and keys; algorithms, leeway and the key set's
    refresh as the employees' (and the development secret in development and tests only)."""
    return replace(
        Issuer.employees(settings),
        issuer=settings.citizen_jwt_issuer,
        audience=settings.citizen_jwt_audience,
        jwks_file=settings.citizen_jwks_file,
        jwks_url=settings.citizen_jwks_url,
    )


def cpr_digits(value: object) -> str | None:
    """The ten digits of a CPR claim (DDMMYYXXXX or DDMMYY-XXXX), else None."""
    if not isinstance(value, str):
        return None
    digits = value.replace("-", "").strip()
    return digits if len(digits) == CPR_DIGITS and digits.isascii() and digits.isdigit() else None


def citizen_from_claims(claims: dict[str, Any], *, settings: Settings, vault: CprVault) -> Citizen:
    """The citizen a verified token names. The CPR number becomes its keyed hash here; the
    principal's `sub` is derived from that hash, so it is stable per person and says nothing."""
    check_registered_claims(claims)
    municipality = claims.get("municipality") or settings.citizen_municipality
    if not isinstance(municipality, str) or len(municipality) != 3 or not municipality.isdigit():
        raise InvalidToken("no municipality for the citizen")
    who = Citizen(sub="", name="Borger", municipality=municipality, roles=frozenset({CITIZEN_ROLE}))
    claim = claims.get(settings.citizen_cpr_claim)
    if claim is None:
        subject = pseudonymous_subject(claims.get("sub"))
        # The audit's name for the caller: a hash of the broker's pseudonym, as of the CPR hash.
        return replace(who, sub=f"citizen:{vault.lookup_hash(f'sub:{subject}')[:12].hex()}", subject=subject)
    digits = cpr_digits(claim)
    if digits is None:
        raise InvalidToken("CPR claim malformed")
    cpr_hash = vault.lookup_hash(digits)
    return replace(who, sub=f"citizen:{cpr_hash[:12].hex()}", cpr_hash=cpr_hash)


def pseudonymous_subject(value: object) -> str:
    """The broker's pseudonymous `sub` of a token without a CPR claim (at most 200 characters)."""
    if not isinstance(value, str) or not value.strip() or len(value) > SUBJECT_LENGTH:
        raise InvalidToken("neither a CPR claim nor a pseudonymous sub")
    return value


def citizen_verifier(settings: Settings, vault: CprVault) -> TokenVerifier:
    return TokenVerifier(
        settings,
        citizen_issuer(settings),
        lambda claims: citizen_from_claims(claims, settings=settings, vault=vault),
    )


def is_citizen_token(settings: Settings, token: str) -> bool:
    """Whether a token claims to come from the citizens' issuer (not yet verified)."""
    return unverified_issuer(token) == settings.citizen_jwt_issuer


async def refuse_citizen(request: Request, token: str) -> None:
    """For the employees' door, once their verifier refused the token: a verified citizen's token
    is 403 `auth.citizen_token`; anything else stays the 401 it was. (The issuers differ, so the
    employees' verifier never accepts a citizen's token: settings refuse the same `iss` for both.)"""
    settings: Settings = request.app.state.settings
    if not is_citizen_token(settings, token):
        return
    try:
        await request.app.state.citizen_verifier.verify(token)
    except InvalidToken:
        return
    raise CitizenTokenRefused()


def mint_citizen_dev_token(
    settings: Settings,
    *,
    cpr: str | None,
    municipality: str | None = None,
    ttl_seconds: int = 3600,
    sub: str | None = None,
) -> str:
    """An HS256 citizen token for development and tests, shaped as the login broker's; without
    `cpr`, one that names the person only by the pseudonymous `sub`."""
    if not settings.jwt_dev_secret:
        raise RuntimeError("no development secret configured (UNGEAPI_JWT_DEV_SECRET)")
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.citizen_jwt_issuer,
        "aud": settings.citizen_jwt_audience,
        "sub": sub or str(uuid.uuid4()),
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if cpr is not None:
        claims[settings.citizen_cpr_claim] = cpr
    if municipality:
        claims["municipality"] = municipality
    return sign_token(claims, settings.jwt_dev_secret, "HS256")
