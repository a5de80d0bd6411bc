"""Roles, what each may do, and the dependencies that check them.

Scope (which youth a caller may see) is not decided here but in the queries
(`ungeapi.access`): a record outside the caller's scope is a 404, a missing right a 403.
"""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request

from ungeapi.core.citizen import refuse_citizen
from ungeapi.core.errors import Denied, DomainError
from ungeapi.core.security import InvalidToken, Principal, TokenVerifier

ROLES = ("caseworker", "guide", "coordinator", "admin", "integration", "analyst", "dpo")

# Roles that see every youth of their municipality (no department scope).
MUNICIPALITY_WIDE_ROLES = frozenset({"admin", "dpo", "integration"})

_READERS = {"caseworker", "guide", "coordinator", "admin", "integration", "dpo"}

PERMISSIONS: dict[str, frozenset[str]] = {
    "youth:read": frozenset(_READERS),
    "youth:write": frozenset({"caseworker", "admin", "integration"}),
    "youth:archive": frozenset({"admin", "integration"}),
    # Which person a login broker's pseudonymous `sub` stands for (/v1/me, core/citizen.py).
    "citizens:map": frozenset({"admin", "integration"}),
    "settings:read": frozenset(_READERS | {"analyst"}),
    "settings:write": frozenset({"admin"}),
    "departments:read": frozenset(_READERS | {"analyst"}),
    "departments:write": frozenset({"admin"}),
    "cases:read": frozenset(_READERS),
    "cases:write": frozenset({"caseworker", "admin", "integration"}),
    "guides:read": frozenset(_READERS),
    "guides:write": frozenset({"caseworker", "guide", "coordinator", "admin"}),
    "plans:read": frozenset(_READERS),
    "plans:write": frozenset({"caseworker", "guide", "coordinator", "admin"}),
    "teams:read": frozenset(_READERS),
    "teams:write": frozenset({"caseworker", "guide", "coordinator", "admin"}),
    "teams:create": frozenset({"coordinator", "admin"}),
    "transition_forms:read": frozenset(_READERS),
    "transition_forms:write": frozenset({"caseworker", "coordinator", "admin"}),
    "obligations:read": frozenset({"caseworker", "guide", "coordinator", "admin", "dpo"}),
    # §8.2: resolving an obligation with a reason; obligations/rules.may_resolve narrows it further.
    "obligations:resolve": frozenset({"caseworker", "guide", "coordinator", "admin"}),
    "audit:read": frozenset({"dpo"}),
    # Consents (samtykker) and the youth's rights: access log (indsigt i opslag) and export.
    "consents:read": frozenset(_READERS),
    "consents:write": frozenset({"caseworker", "coordinator", "admin"}),
    # Recording a giver's revocation: also the dpo; consents/rules.may_act_for_giver narrows it.
    "consents:revoke": frozenset({"caseworker", "coordinator", "admin", "dpo"}),
    "youth:access_log": frozenset({"caseworker", "coordinator", "admin", "dpo"}),
    # R9: recorded disclosures of protected parts (forvaltningslovens § 28); the service checks
    # that the discloser owns the record.
    "disclosures:read": frozenset(_READERS),
    "disclosures:write": frozenset({"caseworker", "coordinator", "admin"}),
    "youth:export": frozenset({"admin", "dpo"}),
    "statistics:read": frozenset({"analyst", "admin", "coordinator"}),
    # The offers catalogue holds no youth's data: the whole municipality reads it, admin keeps it.
    "offers:read": frozenset(_READERS | {"analyst"}),
    "offers:write": frozenset({"admin"}),
    # Concerns (underretninger): any caseworker, admin or an integration enters one; reading is
    # further limited to the receiving department (and admin/dpo) by concerns/repository.py.
    "concerns:read": frozenset({"caseworker", "coordinator", "admin", "dpo", "integration"}),
    "concerns:write": frozenset({"caseworker", "admin", "integration"}),
    "network:read": frozenset(_READERS),
    "network:write": frozenset({"caseworker", "guide", "coordinator", "admin", "integration"}),
    # Referrals: the caseworker (or UE-vejleder) refers; the forum's chair (coordinator) runs the
    # meetings, places cases on the agenda and records decisions (meetings:write).
    "referrals:read": frozenset(_READERS),
    "referrals:write": frozenset({"caseworker", "coordinator", "admin"}),
    "meetings:read": frozenset(_READERS),
    "meetings:write": frozenset({"coordinator", "admin"}),
    # Integration: the change feed, webhook subscriptions and bulk imports (machines and admins);
    # school absence (fravær) is read like any youth data and written by schools' integrations too.
    "events:read": frozenset({"integration", "admin", "dpo"}),
    "webhooks:read": frozenset({"integration", "admin"}),
    "webhooks:write": frozenset({"integration", "admin"}),
    "imports:write": frozenset({"integration", "admin"}),
    "absence:read": frozenset(_READERS),
    "absence:write": frozenset({"caseworker", "coordinator", "admin", "integration"}),
    # The legal-basis catalogue holds no one's data: everyone who works with the records reads it.
    "legal_bases:read": frozenset(_READERS | {"analyst"}),
    # Coordination notes: written by those who work with the youth; a correction only by the
    # author's department (notes/rules.py).
    "notes:read": frozenset(_READERS),
    "notes:write": frozenset({"caseworker", "guide", "coordinator", "admin"}),
    # Documents: the journal system's integration uploads, fetches and writes references back.
    "documents:read": frozenset(_READERS),
    "documents:write": frozenset({"caseworker", "coordinator", "admin", "integration"}),
}


class Unauthenticated(DomainError):
    status = 401
    code = "auth.invalid_token"


class Forbidden(Denied):
    code = "auth.forbidden"


_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="ungeapi"'}


def bearer_token(request: Request) -> str:
    """The request's bearer token; none is 401 with the challenge."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("auth.missing_token", headers=_CHALLENGE)
    return token.strip()


async def authenticated(request: Request) -> Principal:
    """Verifies an employee's bearer token once per request (FastAPI caches the dependency); a
    citizen's token is 403 here, whatever the route (core/citizen.py)."""
    token = bearer_token(request)
    verifier: TokenVerifier = request.app.state.verifier
    try:
        principal = await verifier.verify(token)
    except InvalidToken as exc:
        # Only a token the employees' issuer refuses is looked at as a citizen's: an employee's
        # request pays nothing for the citizens' door.
        await refuse_citizen(request, token)
        raise Unauthenticated(headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from exc
    request.state.principal = principal
    return principal


def require(permission: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    allowed = PERMISSIONS[permission]

    async def dependency(principal: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if not principal.roles & allowed:
            raise Forbidden(permission=permission)
        return principal

    dependency.__name__ = f"require_{permission.replace(':', '_')}"
    return dependency


def sees_whole_municipality(principal: Principal) -> bool:
    return bool(principal.roles & MUNICIPALITY_WIDE_ROLES)
