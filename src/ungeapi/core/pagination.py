"""Keyset (cursor) pagination: opaque cursors, `{"items": [...], "next_cursor": ...}`."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import URL

from ungeapi.core.errors import DomainError

T = TypeVar("T")

MAX_LIMIT = 200


EXAMPLE_CURSOR = "WyIyMDI2LTExLTIzVDA5OjAwOjAwKzAxOjAwIiwiMGI3YzZmMWUiXQ"


def _page_example(schema: dict[str, Any], cls: type[Any]) -> None:
    """`Page[X]`'s example is one page holding X's first example, so every list has one."""
    args = getattr(cls, "__pydantic_generic_metadata__", {}).get("args", ())
    item = args[0] if args else None
    extra = getattr(item, "model_config", {}).get("json_schema_extra")
    examples = extra.get("examples") if isinstance(extra, dict) else None
    if isinstance(examples, list) and examples:
        schema["examples"] = [{"items": [examples[0]], "next_cursor": EXAMPLE_CURSOR}]


class Page(BaseModel, Generic[T]):
    model_config = ConfigDict(json_schema_extra=_page_example)

    items: list[T] = Field(description="This page's items (side).")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page (næste side)."
    )

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """`Page[YouthRead]` is `YouthPage` in the spec (not `Page_YouthRead_`), and so in clients."""
        (item,) = params
        return f"{getattr(item, '__name__', str(item)).removesuffix('Read')}Page"


class InvalidCursor(DomainError):
    status = 400
    code = "request.invalid_cursor"


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, arity: int) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor() from exc
    if not isinstance(values, list) or len(values) != arity:
        raise InvalidCursor()
    return values


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (sidestørrelse).")]
Cursor = Annotated[
    str | None,
    Query(max_length=500, description="Cursor from the previous page's `next_cursor`."),
]


def link_next(request: Request, response: Response, next_cursor: str | None) -> None:
    if next_cursor:
        response.headers["Link"] = next_link(request.url, next_cursor)


def next_link(url: URL, next_cursor: str) -> str:
    """The `Link` header to the next page: this request's URL with `cursor` replaced."""
    return f'<{url.include_query_params(cursor=next_cursor)}>; rel="next"'


K = TypeVar("K")
R = TypeVar("R")


def decode_keyset(cursor: str | None, parse_first: Callable[[str], K]) -> tuple[K, uuid.UUID] | None:
    """A (sort value, id) cursor, as `split_page` writes it; a malformed one is 400."""
    raw = decode_cursor(cursor, 2)
    if raw is None:
        return None
    try:
        return parse_first(str(raw[0])), uuid.UUID(str(raw[1]))
    except ValueError as exc:
        raise InvalidCursor() from exc


def split_page(
    rows: list[R], limit: int, key: Callable[[R], tuple[Any, uuid.UUID]]
) -> tuple[list[R], str | None]:
    """Rows fetched with `limit + 1`: this page, and the cursor after its last row (None at the end)."""
    if len(rows) <= limit:
        return rows, None
    page = rows[:limit]
    value, row_id = key(page[-1])
    first = value.isoformat() if hasattr(value, "isoformat") else value
    return page, encode_cursor([first, str(row_id)])


def decode_single(cursor: str | None, parse: Callable[[str], K]) -> K | None:
    """A one-value cursor (a unique sort key such as an id or a number); a malformed one is 400."""
    raw = decode_cursor(cursor, 1)
    if raw is None:
        return None
    try:
        return parse(str(raw[0]))
    except ValueError as exc:
        raise InvalidCursor() from exc


def split_single_page(rows: list[R], limit: int, key: Callable[[R], object]) -> tuple[list[R], str | None]:
    """Like `split_page`, for lists ordered by one unique key."""
    if len(rows) <= limit:
        return rows, None
    page = rows[:limit]
    value = key(page[-1])
    return page, encode_cursor([value if isinstance(value, int | str) else str(value)])


class PageQuery(BaseModel):
    """A list route's query parameters (FastAPI query-parameter model): the page asked for, and in
    a subclass the list's filters, named as the service's keywords (`**vars(query)`). FastAPI
    validates it in one pass and documents each field as its own parameter, as if they were
    declared one by one; the fields stay in declaration order, page first."""

    limit: Limit = 50
    cursor: Cursor = None


# A list route's page and nothing more, as its one query parameter.
PageParams = Annotated[PageQuery, Query()]
