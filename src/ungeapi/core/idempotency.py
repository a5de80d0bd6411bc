"""Idempotency-Key for POSTs: a retry with the same key and body replays the first answer and
creates nothing; the same key with another body is refused.

One request per key runs at a time: each takes a transaction-scoped advisory lock on its key
first. A retry while the first still runs finds the lock taken and answers 409
`idempotency.in_progress` (Retry-After: 1) at once, before it could meet the first one's data
(a CPR number already registered, a referral already sent) and answer that conflict instead; a
retry after the first committed finds its record and replays its answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.errors import Conflict, Invalid
from ungeapi.models import IdempotencyRecord

IdempotencyKey = Annotated[
    str | None,
    Header(
        # Its name whatever a route calls the parameter.
        alias="idempotency-key",
        max_length=200,
        description="Any unique string; retrying with the same key and body returns the first "
        "answer and creates nothing (idempotensnøgle).",
    ),
]

REPLAYED_HEADERS = ("location", "etag")


class KeyReused(Invalid):
    code = "idempotency.key_reused"


class InProgress(Conflict):
    code = "idempotency.in_progress"


def lock_id(ctx: Ctx, key: str) -> int:
    """The advisory lock of one caller's key: 64 bits of its hash (a clash only serializes two keys)."""
    digest = hashlib.sha256(f"{ctx.principal.municipality}/{ctx.principal.sub}/{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def stored_key(vault: CprVault, key: str) -> str:
    """The key as stored: HMAC-SHA256 under the CPR hash key, in hex (64 characters)."""
    return vault.lookup_hash("idempotency-key:" + key).hex()


async def run_idempotent(
    request: Request,
    session: AsyncSession,
    ctx: Ctx,
    key: str | None,
    produce: Callable[[], Awaitable[tuple[BaseModel, dict[str, str]]]],
    *,
    status_code: int = 201,
) -> JSONResponse:
    body_hash = hashlib.sha256(await request.body()).digest()
    route = f"{request.method} {request.url.path}"
    vault: CprVault = request.app.state.vault
    if key is not None:
        # Kept as a keyed hash: a client may use anything as its key, a CPR number too.
        key = stored_key(vault, key)
        # The lock, then the look-up in a statement of its own: a statement sees what committed
        # before it began, and the first request may commit just before the lock is granted.
        locked = select(func.pg_try_advisory_xact_lock(lock_id(ctx, key)))
        if not (await session.execute(locked)).scalar_one():
            raise InProgress(headers={"Retry-After": "1"})
        previous = (
            await session.execute(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.sub == ctx.principal.sub, IdempotencyRecord.key == key
                )
            )
        ).scalar_one_or_none()
        if previous is not None:
            if previous.request_hash != body_hash or previous.route != route:
                raise KeyReused()
            body = json.loads(vault.decrypt(previous.response_ciphertext, ctx.principal.municipality))
            return JSONResponse(
                body,
                status_code=previous.status_code,
                headers={**previous.response_headers, "Idempotent-Replayed": "true"},
            )
    model, headers = await produce()
    payload = model.model_dump(mode="json")
    if key is not None:
        try:
            async with session.begin_nested():
                await session.execute(
                    insert(IdempotencyRecord).values(
                        municipality_code=ctx.principal.municipality,
                        sub=ctx.principal.sub,
                        key=key,
                        route=route,
                        request_hash=body_hash,
                        status_code=status_code,
                        response_ciphertext=vault.encrypt(json.dumps(payload), ctx.principal.municipality),
                        response_headers={k: v for k, v in headers.items() if k.lower() in REPLAYED_HEADERS},
                    )
                )
        except IntegrityError as exc:
            # A concurrent request with the same key won; this one must write nothing.
            raise InProgress(headers={"Retry-After": "1"}) from exc
    return JSONResponse(payload, status_code=status_code, headers=headers)
