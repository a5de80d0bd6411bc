"""The `Call` of a /v1/me route: the citizen the token names, in their municipality's
transaction, for the purpose `own_access` whatever the request says (every citizen read is
audited so, and an X-Purpose header does not change it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Request, Response, params

from ungeapi.core.citizen import Citizen, NotACitizen, is_citizen_token
from ungeapi.core.concurrency import parse_if_match
from ungeapi.core.context import request_ctx
from ungeapi.core.db import Database
from ungeapi.core.http import Call
from ungeapi.core.openapi import declare_own_scheme, declare_purpose
from ungeapi.core.permissions import Unauthenticated, bearer_token
from ungeapi.core.security import InvalidToken, TokenVerifier
from ungeapi.core.settings import Settings

OWN_ACCESS = "own_access"
CITIZEN_SCHEME = "citizenAuth"
_CITIZEN_SCHEME_SPEC = {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "JWT",
    "description": "The youth's own token from the national login broker, as the citizen portal gets it "
    "(in development: `mint_citizen_dev_token`); it opens /v1/me only.",
}


async def citizen(request: Request) -> Citizen:
    """The citizen calling; an employee's token is 403 `auth.not_citizen`, a bad token 401."""
    token = bearer_token(request)
    settings: Settings = request.app.state.settings
    if not is_citizen_token(settings, token):
        employees: TokenVerifier = request.app.state.verifier
        try:
            await employees.verify(token)
        except InvalidToken:
            pass
        else:
            raise NotACitizen()
    verifier: TokenVerifier = request.app.state.citizen_verifier
    try:
        principal = await verifier.verify(token)
    except InvalidToken as exc:
        raise Unauthenticated(headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from exc
    if not isinstance(principal, Citizen):
        raise NotACitizen()
    request.state.principal = principal
    return principal


declare_own_scheme(citizen, CITIZEN_SCHEME, _CITIZEN_SCHEME_SPEC)


def own_call() -> params.Depends:
    async def dependency(
        request: Request, response: Response, principal: Annotated[Citizen, Depends(citizen)]
    ) -> AsyncIterator[Call]:
        db: Database = request.app.state.db
        async with db.transaction(principal.municipality) as session:
            ctx = request_ctx(principal, OWN_ACCESS, getattr(request.state, "request_id", None))
            yield Call(request, response, session, ctx)

    declare_purpose(dependency, OWN_ACCESS)
    return params.Depends(dependency, scope="function")


OwnCall = Annotated[Call, own_call()]


async def own_if_match(
    # The citizen first, as core/concurrency.py `if_match` has the employee first.
    _citizen: Annotated[Citizen, Depends(citizen)],
    if_match: Annotated[
        str | None,
        Header(description="The ETag of the version you read; required to change it. Weak tags are refused."),
    ] = None,
) -> int:
    return parse_if_match(if_match)


OwnIfMatch = Annotated[int, Depends(own_if_match)]


async def reply_weekdays(request: Request) -> int:
    settings: Settings = request.app.state.settings
    return settings.citizen_reply_weekdays


ReplyWeekdays = Annotated[int, Depends(reply_weekdays)]
