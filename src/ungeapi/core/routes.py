"""The standard routes of a collection, registered once at import.

Most collections answer some of the same routes in the same way: make one (201 with Location and
ETag, once per Idempotency-Key), list a page of them, read one (its version as ETag), change one
under If-Match. Such routes differ only in name, models, permission, service and description, so
`Collection` writes each from those; a route that does anything more is an ordinary `async def`
beside them.

An endpoint made here is one plain coroutine function carrying the signature FastAPI would read
from the same route written by hand: the same parameters in the same order, the same name (its
operation id) and docstring (its description). The spec, the validation and the request path are
those of that function: no wrapper, no dependency added.
"""

import inspect
import sys
import uuid
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Annotated, Any, Concatenate, Generic, TypeVar

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.context import Ctx
from ungeapi.core.http import CHANGE, CREATE, READ_ONE, READ_PAGE_OF, Call, filed, sub_or_me
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.pagination import Page, PageQuery

R = TypeVar("R", bound=BaseModel)
B = TypeVar("B", bound=BaseModel)
Responses = dict[int | str, dict[str, Any]]
Endpoint = Callable[..., Awaitable[Any]]


class Collection(Generic[R]):
    """The routes of the resources at `router`'s prefix, read as `model`, one named by the path
    parameter `id_name`. A route takes the `Call` (core/http.py `call_as`) `reader` or `writer` unless
    it names its own `call`; its `deps` are further parameters (e.g. `vault=Vault`) that its
    service gets as keywords."""

    def __init__(self, router: APIRouter, model: type[R], id_name: str, *, reader: Any, writer: Any) -> None:
        self.router = router
        self.model = model
        self.id_name = id_name
        self.reader = reader
        self.writer = writer

    def create(
        self,
        name: str,
        body: type[B],
        service: Callable[Concatenate[AsyncSession, Ctx, B, ...], Awaitable[R]],
        doc: str,
        *,
        responses: Responses = CREATE,
        call: Any = None,
        **deps: Any,
    ) -> Endpoint:
        """POST to the collection: one made from `body` by `service`, 201 with its Location and ETag."""
        made: Callable[[Any], dict[str, str]] = filed(self.router.prefix)
        module, attr = _home(service)

        async def endpoint(*, data: Any, call: Call, key: str | None, **values: Any) -> JSONResponse:
            return await call.create(key, made, getattr(module, attr), data, **values)

        params = [_param("data", body), _param("call", call or self.writer), *_deps(deps)]
        params.append(_param("key", IdempotencyKey, None))
        return self._add("", "POST", endpoint, name, doc, params, self.model, responses, status_code=201)

    def page(
        self,
        name: str,
        query: type[PageQuery],
        service: Callable[..., Awaitable[tuple[list[Any], str | None]]],
        doc: str,
        *,
        item: type[BaseModel] | None = None,
        me: str | None = None,
        responses: Responses = READ_PAGE_OF,
        call: Any = None,
        **deps: Any,
    ) -> Endpoint:
        """GET the collection: a page of `item`s (of `model` unless named) that `service` finds by
        the fields of `query`, given as keywords; in the field `me` names, if any, a `sub` filter,
        `me` stands for the caller."""
        model = item or self.model
        module, attr = _home(service)

        async def endpoint(*, call: Call, query: PageQuery, **values: Any) -> Page[Any]:
            if me is not None:
                setattr(query, me, sub_or_me(call.ctx, getattr(query, me)))
            return call.page(model, await call.run(getattr(module, attr), **values, **vars(query)))

        params = [
            _param("call", call or self.reader),
            *_deps(deps),
            _param("query", Annotated[query, Query()]),
        ]
        return self._add("", "GET", endpoint, name, doc, params, Page[model], responses)  # type: ignore[valid-type]

    def read(
        self,
        name: str,
        service: Callable[Concatenate[AsyncSession, Ctx, uuid.UUID, ...], Awaitable[R]],
        doc: str,
        *,
        call: Any = None,
        **deps: Any,
    ) -> Endpoint:
        """GET one: what `service` reads by its id, with its version as ETag."""
        id_name = self.id_name
        module, attr = _home(service)

        async def endpoint(*, call: Call, **values: Any) -> Any:
            found: Any = await call.run(getattr(module, attr), values.pop(id_name), **values)
            return call.with_etag(found)

        params = [_param(id_name, uuid.UUID), _param("call", call or self.reader), *_deps(deps)]
        return self._add(f"/{{{id_name}}}", "GET", endpoint, name, doc, params, self.model, READ_ONE)

    def change(
        self,
        name: str,
        body: type[B],
        service: Callable[Concatenate[AsyncSession, Ctx, uuid.UUID, B, ...], Awaitable[R]],
        doc: str,
        *,
        action: str | None = None,
        optional: bool = False,
        responses: Responses = CHANGE,
        call: Any = None,
        **deps: Any,
    ) -> Endpoint:
        """PATCH one, or POST to its `action`: `service` changes it by its id with `body` if it is
        still the version If-Match names, answered with the new version as ETag. An `optional` body
        may be left out: `service` then gets `body()`, the body of all defaults."""
        id_name = self.id_name
        module, attr = _home(service)

        async def endpoint(*, data: Any, expected: int, call: Call, **values: Any) -> Any:
            given = body() if data is None else data
            changed: Any = await call.run(
                getattr(module, attr), values.pop(id_name), given, expected_version=expected, **values
            )
            return call.with_etag(changed)

        path, method = (
            (f"/{{{id_name}}}", "PATCH") if action is None else (f"/{{{id_name}}}/{action}", "POST")
        )
        data = _param("data", body | None, None) if optional else _param("data", body)
        params = [_param(id_name, uuid.UUID), data, _param("expected", IfMatch)]
        params += [_param("call", call or self.writer), *_deps(deps)]
        return self._add(path, method, endpoint, name, doc, params, self.model, responses)

    def _add(
        self,
        path: str,
        method: str,
        endpoint: Endpoint,
        name: str,
        doc: str,
        params: list[inspect.Parameter],
        model: Any,
        responses: Responses,
        status_code: int | None = None,
    ) -> Endpoint:
        endpoint.__name__ = endpoint.__qualname__ = name
        endpoint.__doc__ = doc
        # What FastAPI reads instead of the function's own `**values`: the route's parameters.
        endpoint.__signature__ = inspect.Signature(params, return_annotation=model)  # type: ignore[attr-defined]
        self.router.add_api_route(
            path,
            endpoint,
            methods=[method],
            status_code=status_code,
            response_model=model,
            responses=responses,
        )
        return endpoint


def _home(service: Callable[..., Any]) -> tuple[ModuleType, str]:
    """Where a route finds `service` at each call, as a hand-written route's `service.x` does: in
    its module, by name (one attribute read), so what replaces it there (a test's monkeypatch) is
    what runs."""
    module, attr = sys.modules[service.__module__], service.__name__
    if getattr(module, attr, None) is not service:
        raise ValueError(f"{service!r} is not {service.__module__}.{attr}")
    return module, attr


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _deps(deps: dict[str, Any]) -> list[inspect.Parameter]:
    return [_param(name, annotation) for name, annotation in deps.items()]
