"""The hot lane: the busiest reads, served below FastAPI with the same guarantees.

A frontend opens a youth and pages through lists far more often than it does anything else, and
FastAPI's dependency solving, the ORM's unit of work and a statement per audit row cost ten times
what PostgreSQL needs to answer (bench/ANALYSIS.md). A route in this lane answers only the plain
success of a request; anything else (no or a bad token, a missing permission, an id the caller
may not see, a filter the lane does not know, a database error) falls through, untouched, to the
FastAPI route, which stays the reference for every answer and every error.

What the lane keeps: the token is verified (and remembered until it expires), the permission is
checked from the same table, the tenant is set for the session, the scope is the SQL of
`ungeapi.access` compiled once per shape of caller (core/templates.py), and the audit row is
written by the same statement that reads, one statement that is its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import asyncpg
from starlette.types import ASGIApp, Receive, Scope, Send

from ungeapi.core.context import MAX_PURPOSE_LENGTH, Ctx, request_ctx
from ungeapi.core.db import Database, use_tenant
from ungeapi.core.permissions import PERMISSIONS
from ungeapi.core.scrub import clean_text
from ungeapi.core.security import InvalidToken, Principal, TokenVerifier

logger = logging.getLogger("ungeapi")

async def fetch_in_tenant(
    pool: asyncpg.Pool, municipality: str, sql: str, args: Sequence[Any]
) -> list[asyncpg.Record]:
    """One statement in the caller's municipality, as its own transaction: a lane statement reads
    and writes its audit rows at once, so it commits whole or not at all without BEGIN/COMMIT."""
    async with pool.acquire() as conn:
        await use_tenant(conn, municipality)
        rows: list[asyncpg.Record] = await conn.fetch(sql, *args)
        if not rows:
            # Nothing found, or a session set to the wrong municipality (which the statement's own
            # municipality condition turns into nothing): set it afresh next time.
            conn.note_tenant(None)
        return rows


@dataclass(frozen=True)
class HotCall:
    """One request the lane may answer."""

    scope: Scope
    principal: Principal
    path_params: dict[str, str]
    purpose_header: str
    db: Database
    state: Any

    def ctx(self, default_purpose: str) -> Ctx:
        given = clean_text(self.purpose_header, MAX_PURPOSE_LENGTH)
        request_id = self.scope.get("state", {}).get("request_id")
        return request_ctx(self.principal, given or default_purpose, request_id)

    def may(self, permission: str) -> bool:
        return bool(self.principal.roles & PERMISSIONS[permission])


@dataclass(frozen=True)
class HotAnswer:
    body: bytes
    headers: list[tuple[bytes, bytes]]


class HotRoute(Protocol):
    def match(self, path: str) -> dict[str, str] | None:
        """The path parameters when this route serves `path`, else None."""

    async def answer(self, call: HotCall) -> HotAnswer | None:
        """The answer to a plain success; None lets the FastAPI route answer instead."""


class HotLane:
    """ASGI layer in front of FastAPI's routing (inside the request-id, metrics and CORS layers)."""

    def __init__(self, app: ASGIApp, *, routes: Sequence[HotRoute]) -> None:
        self.app = app
        self.routes = tuple(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope["path"]
            for route in self.routes:
                params = route.match(path)
                if params is not None:
                    if await self._serve(route, params, scope, send):
                        return
                    break
        await self.app(scope, receive, send)

    async def _serve(self, route: HotRoute, params: dict[str, str], scope: Scope, send: Send) -> bool:
        token = purpose = ""
        for name, value in scope["headers"]:
            if name == b"authorization":
                token = value.decode("latin-1")
            elif name == b"x-purpose":
                purpose = value.decode("latin-1")
        scheme, _, token = token.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        app = scope["app"]
        verifier: TokenVerifier = app.state.verifier
        try:
            principal = await verifier.verify(token.strip())
        except InvalidToken:
            return False
        call = HotCall(scope, principal, params, purpose, app.state.db, app.state)
        try:
            answer = await route.answer(call)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
            # Nothing was committed; the FastAPI route answers (503, 422, ...) as it always does.
            logger.warning("hot lane fell through", extra={"fields": {"error": type(exc).__name__}})
            return False
        if answer is None:
            return False
        scope["route"] = route
        scope["path_params"] = params
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(answer.body)).encode()),
            *answer.headers,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})
        return True
