"""Reads that audit what they answer in the same statement, compiled once per shape of caller.

Every read of a youth's data writes an audit row per record answered, and a `disclose` row per
record that only a consent opened (access.py). Written as data-modifying CTEs of the read itself,
read and audit are one statement and one round trip. Built once per shape of caller from the
domain's own query builder and then only bound (core/statements.py), a request builds no SQL.
PostgreSQL runs a data-modifying CTE exactly once, whether or not the outer query reads it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import asyncpg
from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    String,
    Table,
    cast,
    func,
    literal,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.base import ColumnCollection

from ungeapi.core import audit, statements
from ungeapi.core.context import Ctx
from ungeapi.core.db import fetch
from ungeapi.core.pagination import decode_keyset, decode_single, split_page, split_single_page

# Placeholders for a page's sizes: it reads one row more than it shows, to know of a next page.
PAGE_ROWS = 1_000_001
SHOWN_ROWS = 1_000_003

Build = Callable[[Ctx, Hashable], Select[Any]]
Scope = Callable[[Ctx], Select[Any]]


@dataclass(frozen=True)
class Slot:
    """A placeholder for one of a request's values in a compiled statement; no value a caller
    sends is ever a `Slot`, so it cannot be mistaken for data."""

    name: str


AFTER_KEY = Slot("after_key")
AFTER_ID = Slot("after_id")
Disclosures = Callable[[Ctx, Select[Any]], Any]


class Row:
    """A record read by attribute, as the domains' `to_read` functions read an ORM object."""

    __slots__ = ("_record",)

    def __init__(self, record: asyncpg.Record | Mapping[str, Any]) -> None:
        self._record = record

    def __getattr__(self, name: str) -> Any:
        try:
            return self._record[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._record[name]

    def picked(self, columns: Callable[[Any], Any]) -> Any:
        """`columns` (an itemgetter) of the record itself, without an attribute look-up each."""
        return columns(self._record)


def youth_subjects(rows: FromClause) -> Select[Any]:
    """Audit subjects of rows that are youth themselves."""
    return select(cast(rows.c.id, String).label("resource_id"), rows.c.id.label("youth_id"))


def owned_subjects(rows: FromClause) -> Select[Any]:
    """Audit subjects of rows that belong to a youth (`youth_id`)."""
    return select(cast(rows.c.id, String).label("resource_id"), rows.c.youth_id.label("youth_id"))


@dataclass(frozen=True)
class Audit:
    """What a read writes to the audit log for each row it answers.

    `disclosures`: builds the INSERT of `disclose` rows for the subjects, or None when the caller
    cannot be answered anything through a consent (access.disclosure_insert, bound to a resource).
    """

    action: str
    resource_type: str
    subjects: Callable[[FromClause], Select[Any]] = owned_subjects
    disclosures: Disclosures | None = None


class AuditedRead:
    """A domain read (one record, or a page ordered by `order` of the read's columns) and its
    audit, as one statement.

    `build(ctx, variant)` is the domain's query for the caller; `variant` is whatever changes its
    structure (which filters are given). Request values go in as `placeholders`, bound per call.
    """

    def __init__(
        self,
        build: Build,
        audit_as: Audit,
        *,
        placeholders: frozenset[Hashable] = frozenset(),
        order: Callable[[ColumnCollection[str, Any]], Sequence[ColumnElement[Any]]] | None = None,
    ) -> None:
        self._build = build
        self._audit = audit_as
        self._order = order
        paged = {PAGE_ROWS, SHOWN_ROWS} if order is not None else set()
        self._placeholders = statements.PLACEHOLDERS | placeholders | paged
        self._templates = statements.Templates(placeholders=self._placeholders)

    def statement(self, ctx: Ctx, variant: Hashable = None) -> Select[Any]:
        read = self._build(ctx, variant)
        if self._order is not None:
            read = read.order_by(*self._order(read.selected_columns)).limit(PAGE_ROWS)
        rows = read.cte("answered")
        subjects = self._audit.subjects(rows)
        if self._order is not None:
            subjects = subjects.order_by(*self._order(rows.c)).limit(SHOWN_ROWS)
        kind = self._audit
        logged = audit.insert_from(ctx, subjects, action=kind.action, resource_type=kind.resource_type)
        statement = select(rows).add_cte(logged.cte("logged"))
        if self._audit.disclosures is not None:
            disclosed = self._audit.disclosures(ctx, subjects)
            if disclosed is not None:
                statement = statement.add_cte(disclosed.cte("disclosed"))
        if self._order is not None:
            statement = statement.order_by(*self._order(rows.c))
        return statement

    async def rows(
        self,
        session: AsyncSession,
        ctx: Ctx,
        values: Mapping[Hashable, Any] | None = None,
        *,
        variant: Hashable = None,
        limit: int | None = None,
    ) -> list[Row]:
        template = self._templates.for_request(ctx, variant, lambda c: self.statement(c, variant))
        bound = statements.values_of(ctx)
        if values:
            bound.update(values)
        if limit is not None:
            bound[PAGE_ROWS] = limit + 1
            bound[SHOWN_ROWS] = limit
        return [Row(r) for r in await fetch(session, template.sql, template.bind(bound))]

    async def one(
        self, session: AsyncSession, ctx: Ctx, values: Mapping[Hashable, Any], *, variant: Hashable = None
    ) -> Row | None:
        found = await self.rows(session, ctx, values, variant=variant)
        return found[0] if found else None


class KeysetPage:
    """A page of the records `scope` lets the caller see, ordered by (`key`, id), newest first when
    `descending`, and audited as `audit_as`: the read-page every list repeats, written once.

    `equal`: filters that compare a column with the request's value; `where`: filters whose
    condition is built around the request's value (given as its placeholder: a range, a pattern);
    `shaped`: filters whose value decides the condition itself (a state, a flag), so each value is
    a statement of its own.
    """

    def __init__(
        self,
        scope: Scope,
        audit_as: Audit,
        *,
        key: tuple[Any, Any],
        descending: bool = False,
        equal: Mapping[str, Any] | None = None,
        where: Mapping[str, Callable[[Any], ColumnElement[bool]]] | None = None,
        shaped: Mapping[str, Callable[[Ctx, Any], ColumnElement[bool]]] | None = None,
    ) -> None:
        self._scope = scope
        self._key = key
        # The cursor holds the key's value as text (one value when the key is the id itself).
        self._key_name = str(key[0].key)
        self._single = key[0] is key[1]
        parse = _from_json(key[0].type.python_type)
        assert parse is not None, f"no cursor for a key of {key[0].type}"
        self._parse = parse
        self._descending = descending
        self._where: dict[str, Callable[[Any], ColumnElement[bool]]] = {
            **{name: column.__eq__ for name, column in (equal or {}).items()},
            **(where or {}),
        }
        self._shaped = dict(shaped or {})
        slots = frozenset({AFTER_KEY, AFTER_ID, *(Slot(name) for name in self._where)})
        self._read = AuditedRead(self._build, audit_as, placeholders=slots, order=self._order)

    def _build(self, ctx: Ctx, shape: Hashable) -> Select[Any]:
        assert isinstance(shape, tuple)
        equal: frozenset[str] = shape[0]
        shaped: tuple[tuple[str, Any], ...] = shape[1]
        after: bool = shape[2]
        query = self._scope(ctx)
        for name in sorted(equal):
            query = query.where(self._where[name](Slot(name)))
        for name, value in shaped:
            query = query.where(self._shaped[name](ctx, value))
        if after:
            key, at = tuple_(*self._key), tuple_(AFTER_KEY, AFTER_ID)
            query = query.where(key < at if self._descending else key > at)
        return query

    def _order(self, columns_of: ColumnCollection[str, Any]) -> list[ColumnElement[Any]]:
        columns = [columns_of[str(column.key)] for column in self._key]
        return [c.desc() for c in columns] if self._descending else list(columns)

    async def rows(
        self,
        session: AsyncSession,
        ctx: Ctx,
        *,
        limit: int,
        after: tuple[Any, Any] | None,
        **given: Any,
    ) -> list[Row]:
        """`limit` rows and one more when a next page exists; `given` names the filters (None: not
        filtered)."""
        equal = {name: value for name, value in given.items() if name in self._where and value is not None}
        shaped = tuple(sorted((n, v) for n, v in given.items() if n in self._shaped and v is not None))
        unknown = set(given) - set(self._where) - set(self._shaped)
        assert not unknown, f"no such filter: {unknown}"
        values: dict[Hashable, Any] = {Slot(name): value for name, value in equal.items()}
        if after is not None:
            values[AFTER_KEY], values[AFTER_ID] = after
        shape = (frozenset(equal), shaped, after is not None)
        return await self._read.rows(session, ctx, values, variant=shape, limit=limit)

    async def page(
        self, session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, **given: Any
    ) -> tuple[list[Row], str | None]:
        """The page after `cursor` (a previous page's next cursor; a malformed one is 400) and the
        cursor of the page after it (None on the last); `given` as for `rows`."""
        name = self._key_name
        if self._single:
            one = decode_single(cursor, self._parse)
            after = None if one is None else (one, one)
            rows = await self.rows(session, ctx, limit=limit, after=after, **given)
            return split_single_page(rows, limit, lambda r: r[name])
        rows = await self.rows(session, ctx, limit=limit, after=decode_keyset(cursor, self._parse), **given)
        return split_page(rows, limit, lambda r: (r[name], r.id))


def json_rows(query: Select[Any], *order: Any, name: str) -> Any:
    """The rows of `query` as one JSON array (each row's columns by name), in `order` (columns of
    `query`, by name): several small reads of one record's parts in a single statement."""
    rows = query.subquery(name)
    ordered = [rows.c[column] if isinstance(column, str) else column(rows.c) for column in order]
    each = func.to_jsonb(literal_column(rows.name))
    aggregated = func.jsonb_agg(aggregate_order_by(each, *ordered)) if ordered else func.jsonb_agg(each)
    return select(func.coalesce(aggregated, cast(literal("[]"), JSONB))).select_from(rows).scalar_subquery()


def _from_json(kind: type) -> Callable[[Any], Any] | None:
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is uuid.UUID:
        return uuid.UUID
    if kind is Decimal:
        return Decimal
    return None


_CONVERTERS: dict[Table, list[tuple[str, Callable[[Any], Any]]]] = {}


def _converters(table: Table) -> list[tuple[str, Callable[[Any], Any]]]:
    found = _CONVERTERS.get(table)
    if found is None:
        found = []
        for column in table.columns:
            try:
                kind = column.type.python_type
            except NotImplementedError:
                continue
            convert = _from_json(kind)
            if convert is not None:
                found.append((column.key, convert))
        _CONVERTERS[table] = found
    return found


def typed(model: Any, values: Mapping[str, Any]) -> Any:
    """A row of `model`'s table that came through JSON (`json_rows`): its dates, moments, ids and
    numbers back in their Python types, so a domain's `to_read` reads it as it reads the ORM's
    object (typed as Any: it stands in for one)."""
    row = dict(values)
    for key, convert in _converters(model.__table__):
        value = row.get(key)
        if value is not None:
            row[key] = convert(str(value))
    return Row(row)


# Where a page ordered by a moment and an id goes on: after this (moment, id), or from the start.
MomentAfter = tuple[datetime, uuid.UUID] | None


async def keyset_rows(
    session: AsyncSession,
    query: Select[Any],
    moment: Any,
    row_id: Any,
    *,
    limit: int,
    after: MomentAfter,
    newest_first: bool = True,
) -> list[Any]:
    """`query`'s rows ordered by (`moment`, `row_id`), newest or soonest first: `limit + 1` of
    them (core/pagination `split_page`) from after the cursor's (moment, id)."""
    key = tuple_(moment, row_id)
    if newest_first:
        query = query.order_by(moment.desc(), row_id.desc())
        query = query if after is None else query.where(key < tuple_(*after))
    else:
        query = query.order_by(moment, row_id)
        query = query if after is None else query.where(key > tuple_(*after))
    return list(await session.scalars(query.limit(limit + 1)))
