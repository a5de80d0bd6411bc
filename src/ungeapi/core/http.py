"""What every route does around its service call, written once.

A route takes one `Call` (`call_as`): the caller's context, checked for a permission, the
request's transaction, and the request and response around them. Its body is one line: run the
service (`call.run`), and answer with the version as ETag (`with_etag`), as a page with its
`Link` to the next (`page`), or as something made once per Idempotency-Key (`create`). The
`problems` each kind of route can answer are named here too.
"""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Concatenate, ParamSpec, Protocol, TypeVar

from fastapi import Depends, Request, Response, params
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.concurrency import etag
from ungeapi.core.context import Ctx, request_context
from ungeapi.core.db import AUDIT_LATER, Database
from ungeapi.core.idempotency import run_idempotent
from ungeapi.core.messages import Language, pick_language
from ungeapi.core.openapi import declare_purpose, problems
from ungeapi.core.pagination import Page, link_next
from ungeapi.core.permissions import PERMISSIONS, Forbidden, authenticated
from ungeapi.core.security import Principal

READ_ONE = problems(401, 403, 404)
READ_PAGE = problems(400, 401, 403, 422)
# A page under, or filtered by, a resource the caller may not see (404).
READ_PAGE_OF = problems(400, 401, 403, 404, 422)
CREATE = problems(401, 403, 404, 409, 422)
CHANGE = problems(401, 403, 404, 412, 422, 428)
# A change the resource's state may refuse (409): a step in its workflow, or a clash with another.
CHANGE_STATE = problems(401, 403, 404, 409, 412, 422, 428)


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


class Resource(Versioned, Protocol):
    @property
    def id(self) -> uuid.UUID: ...


P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
V = TypeVar("V", bound=Versioned)
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Call:
    """One call of a route: who calls and why (`ctx`), in which transaction (`session`)."""

    request: Request
    response: Response
    session: AsyncSession
    ctx: Ctx

    async def run(
        self,
        service: Callable[Concatenate[AsyncSession, Ctx, P], Awaitable[R]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """`service(session, ctx, *args, **kwargs)`: a use case, in this call's transaction and context."""
        return await service(self.session, self.ctx, *args, **kwargs)

    @property
    def language(self) -> Language:
        """The language the caller asks for (Accept-Language): `da` or `en`."""
        return pick_language(self.request.headers.get("accept-language"))

    def with_etag(self, read: V, *, location: str | None = None) -> V:
        """`read`, answered with its version as ETag (and where it is, when this call made it); the
        request layer adds the answer's fingerprint and answers If-None-Match (core/conditional.py)."""
        if location is not None:
            self.response.headers["Location"] = location
        self.response.headers["ETag"] = etag(read.version)
        return read

    def page(self, model: type[T], found: tuple[list[T], str | None]) -> Page[T]:
        """A service's (items, next cursor) as a page of `model`, with `Link` to the next page."""
        items, next_cursor = found
        link_next(self.request, self.response, next_cursor)
        return Page[model](items=items, next_cursor=next_cursor)  # type: ignore[valid-type]

    async def create(
        self,
        key: str | None,
        headers: Callable[[M], dict[str, str]] | None,
        service: Callable[Concatenate[AsyncSession, Ctx, P], Awaitable[M]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> JSONResponse:
        """201 with what `service` made, and `headers` for it; made once per Idempotency-Key `key`:
        a retry with the same key and body is answered as the first time (core/idempotency.py)."""

        async def produce() -> tuple[BaseModel, dict[str, str]]:
            made = await self.run(service, *args, **kwargs)
            return made, headers(made) if headers else {}

        return await run_idempotent(self.request, self.session, self.ctx, key, produce)


@asynccontextmanager
async def _opened(
    request: Request, response: Response, principal: Principal, purpose: str
) -> AsyncIterator[Call]:
    db: Database = request.app.state.db
    async with db.transaction(principal.municipality) as session:
        yield Call(request, response, session, request_context(request, principal, purpose))


READ_SOURCE_HEADER = "X-Read-Source"


@asynccontextmanager
async def _opened_on_replica(
    request: Request, response: Response, principal: Principal, purpose: str
) -> AsyncIterator[Call]:
    """As `_opened`, on the replica when it is current enough (core/db.py `read_transaction`);
    where the read ran is in the answer (`X-Read-Source`) and in /metrics. The audit records the
    replica could not take are written on the primary before the answer is sent."""
    db: Database = request.app.state.db
    async with db.read_transaction(principal.municipality) as (session, where):
        response.headers[READ_SOURCE_HEADER] = where.header
        request.app.state.metrics.read_sources.labels(where.source, where.reason or "current").inc()
        yield Call(request, response, session, request_context(request, principal, purpose))
    later = session.info.get(AUDIT_LATER)
    if later:
        async with db.transaction(principal.municipality) as primary:
            await audit.write_later(primary, later)


def opened_call(
    request: Request, response: Response, principal: Principal, purpose: str
) -> AbstractAsyncContextManager[Call]:
    """A `Call` for `principal` in a transaction of its own, for a dependency that finds its
    caller itself (feeds/access.py: a bearer token or a feed token)."""
    return _opened(request, response, principal, purpose)


def call_as(permission: str, *, purpose: str, replica: bool = False) -> params.Depends:
    """A route's `Call` for a caller with `permission`, for `purpose` unless the caller names another
    (core/context.py). The permission is checked before the transaction begins, and in this one
    dependency rather than a `require` beneath it: one level of dependencies less per request.
    With `replica`, on the read replica when it is current enough: only for a route that reads
    no youth's own data and writes nothing (docs/operating.md, "Read replicas")."""
    allowed = PERMISSIONS[permission]
    opened = _opened_on_replica if replica else _opened

    # This module does not postpone annotations: FastAPI reads them from the closures it is given.
    async def dependency(
        request: Request, response: Response, principal: Annotated[Principal, Depends(authenticated)]
    ) -> AsyncIterator[Call]:
        if not principal.roles & allowed:
            raise Forbidden(permission=permission)
        async with opened(request, response, principal, purpose) as call:
            yield call

    dependency.__name__ = f"call_{permission.replace(':', '_')}"
    declare_purpose(dependency, purpose)
    # Function scope, as the session's: the transaction commits before the response is sent.
    return params.Depends(dependency, scope="function")


def call_by(principal: Callable[..., Awaitable[Principal]], *, purpose: str) -> params.Depends:
    """A route's `Call` for the caller `principal` lets through: a permission that depends on the
    request (e.g. on the step asked for), checked before the transaction begins."""

    async def dependency(
        request: Request, response: Response, caller: Annotated[Principal, Depends(principal)]
    ) -> AsyncIterator[Call]:
        async with _opened(request, response, caller, purpose) as call:
            yield call

    declare_purpose(dependency, purpose)
    return params.Depends(dependency, scope="function")


def filed(collection: str) -> Callable[[Resource], dict[str, str]]:
    """The headers of a resource made in `collection`: its Location there and its ETag."""
    return lambda made: {"Location": f"{collection}/{made.id}", "ETag": etag(made.version)}


def located(location: str) -> Callable[[object], dict[str, str]]:
    """The headers of something made into a list at `location`: its Location, the list's."""
    return lambda _: {"Location": location}


def sub_or_me(ctx: Ctx, sub: str | None) -> str | None:
    """A `sub` filter as asked for, where `me` stands for the caller."""
    return ctx.principal.sub if sub == "me" else sub


def text_answer(media_type: str, description: str, example: str) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry of a route that answers a text document (HTML, iCalendar), not JSON."""
    content = {media_type: {"schema": {"type": "string"}, "example": example}}
    return {200: {"description": description, "content": content}}
