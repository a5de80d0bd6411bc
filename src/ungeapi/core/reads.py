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
from datetime import date
from typing import Any

import asyncpg
from sqlalchemy import ColumnElement, FromClause, Select, String, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit, statements
from ungeapi.core.context import Ctx
from ungeapi.core.db import fetch

# Placeholders for a page's sizes: it reads one row more than it shows, to know of a next page.
PAGE_ROWS = 1_000_001
SHOWN_ROWS = 1_000_003
# Placeholders for a keyset cursor's values (a day or a moment, and an id): none is real, as in
# core/statements.py.
AFTER_DAY = date(1, 1, 8)
AFTER_ID = uuid.UUID(int=4)

Build = Callable[[Ctx, Hashable], Select[Any]]
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
    """A domain read (one record, or a page ordered by `order`) and its audit, as one statement.

    `build(ctx, variant)` is the domain's query for the caller; `variant` is whatever changes its
    structure (which filters are given). Request values go in as `placeholders`, bound per call.
    """

    def __init__(
        self,
        build: Build,
        audit_as: Audit,
        *,
        placeholders: frozenset[Hashable] = frozenset(),
        order: Callable[[FromClause], Sequence[ColumnElement[Any]]] | None = None,
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
            read = read.limit(PAGE_ROWS)
        rows = read.cte("answered")
        subjects = self._audit.subjects(rows)
        if self._order is not None:
            subjects = subjects.order_by(*self._order(rows)).limit(SHOWN_ROWS)
        kind = self._audit
        logged = audit.insert_from(ctx, subjects, action=kind.action, resource_type=kind.resource_type)
        statement = select(rows).add_cte(logged.cte("logged"))
        if self._audit.disclosures is not None:
            disclosed = self._audit.disclosures(ctx, subjects)
            if disclosed is not None:
                statement = statement.add_cte(disclosed.cte("disclosed"))
        if self._order is not None:
            statement = statement.order_by(*self._order(rows))
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
