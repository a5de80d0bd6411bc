"""The youth registry's busiest reads in the hot lane (core/hotpath.py): one youth, and a page of
youth without filters. The FastAPI routes in router.py answer everything else, and are the
reference the lane is tested against (tests/api/youth/test_hot_lane.py)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl

import asyncpg
from pydantic import TypeAdapter
from sqlalchemy import Select, String, cast, select
from starlette.datastructures import URL

from ungeapi.access import disclosure_insert
from ungeapi.core import audit, hotpath, templates
from ungeapi.core.concurrency import etag
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.hotpath import HotAnswer, HotCall
from ungeapi.core.pagination import MAX_LIMIT, InvalidCursor, Page, decode_keyset, next_link, split_page
from ungeapi.core.templates import Templates
from ungeapi.models import Youth
from ungeapi.youth import repository
from ungeapi.youth.schemas import YouthRead
from ungeapi.youth.service import RESOURCE, read_fields, to_read

PERMISSION = "youth:read"
PURPOSE = "casework"
DEFAULT_LIMIT = 50
MAX_CURSOR_LENGTH = 500
# Placeholders for the page size: `page_query` asks for one row more than it shows.
PAGE_ROWS = 1_000_001
SHOWN_ROWS = 1_000_003
_PAGE_PLACEHOLDERS = templates.PLACEHOLDERS | {PAGE_ROWS, SHOWN_ROWS}

YOUTH_PAGE = TypeAdapter(Page[YouthRead])

_ONE_PATH = re.compile(r"/v1/youth/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def _row(record: asyncpg.Record) -> Any:
    """A record read by attribute, as `read_fields` reads an ORM row."""
    return SimpleNamespace(**dict(record.items()))


def _subjects(rows: Any) -> Select[Any]:
    return select(cast(rows.c.id, String).label("resource_id"), rows.c.id.label("youth_id"))


def _read_one(ctx: Ctx) -> Select[Any]:
    # The municipality named as well as set for row-level security (see core.db.use_tenant).
    own = Youth.municipality_code == templates.MUNICIPALITY
    seen = repository.by_id(ctx.principal, ctx.today, templates.ID).where(own).cte("seen")
    logged = audit.insert_from(ctx, _subjects(seen), action="read", resource_type=RESOURCE).cte("logged")
    return _disclosing(ctx, select(seen).add_cte(logged), _subjects(seen))


def _disclosing(ctx: Ctx, statement: Select[Any], subjects: Select[Any]) -> Select[Any]:
    """The statement that also audits what a consent disclosed, as the route does (access.py)."""
    disclosed = disclosure_insert(ctx, RESOURCE, subjects, resource_type=RESOURCE)
    return statement if disclosed is None else statement.add_cte(disclosed.cte("disclosed"))


def _read_page(ctx: Ctx, *, after: bool) -> Select[Any]:
    query = repository.page_query(
        ctx.principal,
        ctx.today,
        limit=PAGE_ROWS - 1,
        after=(templates.MOMENT, templates.ID) if after else None,
        born_after=None,
        born_on_or_before=None,
        name_prefix=None,
        archived=False,
    )
    page = query.where(Youth.municipality_code == templates.MUNICIPALITY).cte("page")
    shown = _subjects(page).order_by(page.c.created_at, page.c.id).limit(SHOWN_ROWS)
    logged = audit.insert_from(ctx, shown, action="search", resource_type=RESOURCE).cte("logged")
    return _disclosing(ctx, select(page).add_cte(logged), shown).order_by(page.c.created_at, page.c.id)


class ReadYouth:
    """GET /v1/youth/{youth_id}"""

    def __init__(self) -> None:
        self.templates = Templates(_read_one)

    def match(self, path: str) -> dict[str, str] | None:
        found = _ONE_PATH.fullmatch(path)
        return {"youth_id": found.group(1)} if found else None

    async def answer(self, call: HotCall) -> HotAnswer | None:
        template = self.templates.for_caller(call.principal)
        if template is None or not call.may(PERMISSION):
            return None
        ctx = call.ctx(PURPOSE)
        values = templates.values_of(ctx)
        # asyncpg takes the canonical text of a UUID as it is; the path pattern checked it.
        values[templates.ID] = call.path_params["youth_id"]
        pool = await call.db.raw_pool()
        municipality = ctx.principal.municipality
        rows = await hotpath.fetch_in_tenant(pool, municipality, template.sql, template.bind(values))
        if not rows:
            return None
        vault: CprVault = call.state.vault
        youth = to_read(_row(rows[0]), vault, ctx.today)
        return HotAnswer(youth.model_dump_json().encode(), [(b"etag", etag(youth.version).encode())])


class ListYouth:
    """GET /v1/youth with no filter but `limit` and `cursor`."""

    def __init__(self) -> None:
        self.first_pages = Templates(lambda ctx: _read_page(ctx, after=False), _PAGE_PLACEHOLDERS)
        self.next_pages = Templates(lambda ctx: _read_page(ctx, after=True), _PAGE_PLACEHOLDERS)

    def match(self, path: str) -> dict[str, str] | None:
        return {} if path == "/v1/youth" else None

    async def answer(self, call: HotCall) -> HotAnswer | None:
        query = _page_query(call.scope["query_string"])
        if query is None or not call.may(PERMISSION):
            return None
        limit, after = query
        pages = self.first_pages if after is None else self.next_pages
        template = pages.for_caller(call.principal)
        if template is None:
            return None
        ctx = call.ctx(PURPOSE)
        values = templates.values_of(ctx)
        values[PAGE_ROWS] = limit + 1
        values[SHOWN_ROWS] = limit
        if after is not None:
            values[templates.MOMENT], values[templates.ID] = after
        pool = await call.db.raw_pool()
        municipality = ctx.principal.municipality
        rows = await hotpath.fetch_in_tenant(pool, municipality, template.sql, template.bind(values))
        if not rows:
            return None  # an empty page is rare; the route answers it (see fetch_in_tenant)
        shown, next_cursor = split_page(rows, limit, lambda r: (r["created_at"], r["id"]))
        vault: CprVault = call.state.vault
        items = [read_fields(_row(r), vault, ctx.today) for r in shown]
        page = YOUTH_PAGE.validate_python({"items": items, "next_cursor": next_cursor})
        headers: list[tuple[bytes, bytes]] = []
        if next_cursor:
            headers.append((b"link", next_link(URL(scope=call.scope), next_cursor).encode("latin-1")))
        return HotAnswer(YOUTH_PAGE.dump_json(page), headers)


def _page_query(query_string: bytes) -> tuple[int, tuple[datetime, uuid.UUID] | None] | None:
    """`limit` and `cursor` when they are all the query holds and both are valid; else None."""
    limit, cursor = DEFAULT_LIMIT, None
    seen: set[str] = set()
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name in seen:
            return None
        seen.add(name)
        if name == "limit" and len(value) <= 3 and value.isascii() and value.isdigit() and int(value) >= 1:
            limit = int(value)
            if limit > MAX_LIMIT:
                return None
        elif name == "cursor" and len(value) <= MAX_CURSOR_LENGTH:
            cursor = value
        else:
            return None
    try:
        return limit, decode_keyset(cursor, datetime.fromisoformat)
    except InvalidCursor:
        return None


ROUTES = (ReadYouth(), ListYouth())
