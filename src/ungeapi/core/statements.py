"""Statements compiled once and bound per request.

SQLAlchemy builds and compiles a statement in tens of microseconds to milliseconds; for the reads
asked for all the time (one youth, a page, the worklist) that would be most of the request. A
template is the statement built once for a *shape* of caller (roles x number of departments) from
the domain's own query builder, with placeholders where the request's own values go
(`template_ctx`); binding a request (`values_of`) is a list copy and a few look-ups. Tests compare
a bound template with the request's own compiled statement (tests/unit/core/test_statements.py,
tests/api/obligations/test_compiled.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter

from ungeapi.core.context import Ctx
from ungeapi.core.security import Principal

# Placeholders compiled into a statement where a request's own values go. None can be real data:
# PostgreSQL text never holds NUL, and year 1 is no one's date.
SUB = "\x00sub"
MUNICIPALITY = "\x00municipality"
PURPOSE = "\x00purpose"
REQUEST_ID = "\x00request"
DAY = dt.date(1, 1, 2)
MOMENT = dt.datetime(1, 1, 3, tzinfo=dt.UTC)
NOW = dt.datetime(1, 1, 4, tzinfo=dt.UTC)
ID = uuid.UUID(int=1)
MAX_DEPARTMENTS = 20
DEPARTMENTS = tuple(f"\x00department{i}" for i in range(MAX_DEPARTMENTS))
# Shapes of callers (roles x number of departments) whose statements are kept compiled.
MAX_TEMPLATES = 512

_DIALECT = pg_asyncpg.dialect()  # type: ignore[no-untyped-call]


def template_principal(principal: Principal) -> Principal:
    """A caller of the same shape as `principal`, with placeholders for every value."""
    return Principal(
        sub=SUB,
        name=SUB,
        municipality=MUNICIPALITY,
        departments=DEPARTMENTS[: len(principal.departments)],
        roles=principal.roles,
    )


def template_ctx(principal: Principal) -> Ctx:
    return Ctx(
        principal=template_principal(principal), purpose=PURPOSE, request_id=REQUEST_ID, today=DAY, now=NOW
    )


def shape(principal: Principal) -> tuple[frozenset[str], int] | None:
    """What decides the structure of a caller's scope; None when the lane does not serve them."""
    if len(principal.departments) > MAX_DEPARTMENTS:
        return None
    return principal.roles, len(principal.departments)


def values_of(ctx: Ctx) -> dict[Hashable, Any]:
    """What each placeholder of `template_ctx` stands for in this request."""
    p = ctx.principal
    values: dict[Hashable, Any] = {
        SUB: p.sub,
        MUNICIPALITY: p.municipality,
        PURPOSE: ctx.purpose,
        REQUEST_ID: ctx.request_id,
        DAY: ctx.today,
        NOW: ctx.now,
    }
    for placeholder, department in zip(DEPARTMENTS, p.departments, strict=False):
        values[placeholder] = department
    return values


@dataclass(frozen=True)
class Template:
    """A statement compiled once, with the positions of its placeholders.

    Compiled by SQLAlchemy from the same query builders the FastAPI routes use, so the lane's SQL
    cannot drift from theirs; binding a request is a list copy and a few look-ups.
    """

    sql: str
    constants: tuple[Any, ...]
    slots: tuple[tuple[int, Hashable], ...]
    list_slots: tuple[tuple[int, tuple[Any, ...]], ...]

    @classmethod
    def compile(
        cls, statement: ClauseElement, placeholders: frozenset[Hashable], *, inline_constants: bool = False
    ) -> Template:
        """`inline_constants`: every value but the placeholders is written into the SQL as a
        literal, so that a generic plan of the prepared statement still sees them (partial indexes,
        estimates) and PostgreSQL can keep one plan instead of planning a big statement each time."""
        kwargs = {"render_postcompile": True}
        if inline_constants:
            compiled: Any = _inline_compiler(placeholders)(_DIALECT, statement, compile_kwargs=kwargs)
        else:
            compiled = statement.compile(dialect=_DIALECT, compile_kwargs=kwargs)
        assert isinstance(compiled, SQLCompiler)  # a statement, so positional parameters
        values = [compiled.params[name] for name in compiled.positiontup or ()]
        slots: list[tuple[int, Hashable]] = []
        list_slots: list[tuple[int, tuple[Any, ...]]] = []
        for position, value in enumerate(values):
            if isinstance(value, list | tuple):
                if any(_is_placeholder(v, placeholders) for v in value):
                    list_slots.append((position, tuple(value)))
            elif _is_placeholder(value, placeholders):
                slots.append((position, value))
        return cls(compiled.string, tuple(values), tuple(slots), tuple(list_slots))

    def bind(self, values: Mapping[Hashable, Any]) -> list[Any]:
        args = list(self.constants)
        for position, placeholder in self.slots:
            args[position] = values[placeholder]
        for position, items in self.list_slots:
            args[position] = [values.get(item, item) for item in items]
        return args


def _is_placeholder(value: Any, placeholders: frozenset[Hashable]) -> bool:
    try:
        return value in placeholders
    except TypeError:  # unhashable constants are never placeholders
        return False


def _inlinable(value: Any) -> bool:
    """Values written as literals: numbers, dates, and text with nothing a string literal escapes
    (a quote or backslash, e.g. in a municipality's settings, stays a bound value)."""
    if isinstance(value, str):
        return not any(c in value for c in "'\\\x00")
    return value is None or isinstance(value, (bool, int, dt.date))


_INLINE_COMPILERS: dict[frozenset[Hashable], type[SQLCompiler]] = {}


def _inline_compiler(placeholders: frozenset[Hashable]) -> type[SQLCompiler]:
    """The dialect's compiler, rendering every bound value that is no placeholder as a literal."""
    compiler = _INLINE_COMPILERS.get(placeholders)
    if compiler is None:

        class InlineConstants(_DIALECT.statement_compiler):  # type: ignore[name-defined,misc]
            def visit_bindparam(self, bindparam: BindParameter[Any], **kw: Any) -> str:
                value = bindparam.effective_value
                items = value if isinstance(value, (list, tuple)) else (value,)
                if any(_is_placeholder(item, placeholders) or not _inlinable(item) for item in items):
                    return str(super().visit_bindparam(bindparam, **kw))
                kw["literal_execute"] = True
                sql = str(super().visit_bindparam(bindparam, **kw))
                impl = bindparam.type._unwrapped_dialect_impl(self.dialect)
                if not bindparam.expanding and impl.render_bind_cast and not impl.render_literal_cast:
                    # Typed as the bound value would have been ($n::DATE), not left to inference.
                    sql = self.render_bind_cast(bindparam.type, impl, sql)
                return sql

        compiler = _INLINE_COMPILERS[placeholders] = InlineConstants
    return compiler


PLACEHOLDERS: frozenset[Hashable] = frozenset(
    {SUB, MUNICIPALITY, PURPOSE, REQUEST_ID, DAY, MOMENT, NOW, ID, *DEPARTMENTS}
)


class Templates:
    """Compiled statements by caller shape, built on first use.

    `variant`: whatever else decides a statement's structure or its constants (which filters are
    present, a day the rules compute dates from); part of the key, and `build` (for this call
    instead of the one given here) must build the statement for exactly that variant. When full,
    the oldest template gives way, so a key of yesterday's day cannot stop new days being kept.
    """

    def __init__(
        self,
        build: Callable[[Ctx], ClauseElement] | None = None,
        placeholders: frozenset[Hashable] = PLACEHOLDERS,
        *,
        inline_constants: bool = False,
    ) -> None:
        self._build = build
        self._placeholders = placeholders
        self._inline_constants = inline_constants
        self._compiled: dict[Hashable, Template] = {}

    def for_caller(
        self,
        principal: Principal,
        variant: Hashable = None,
        build: Callable[[Ctx], ClauseElement] | None = None,
    ) -> Template | None:
        caller = shape(principal)
        if caller is None:
            return None
        key = caller if variant is None else (caller, variant)
        template = self._compiled.get(key)
        if template is None:
            make = build or self._build
            assert make is not None, "Templates needs a build function"
            template = Template.compile(
                make(template_ctx(principal)), self._placeholders, inline_constants=self._inline_constants
            )
            if len(self._compiled) >= MAX_TEMPLATES:
                del self._compiled[next(iter(self._compiled))]
            self._compiled[key] = template
        return template

    def for_request(
        self, ctx: Ctx, variant: Hashable = None, build: Callable[[Ctx], ClauseElement] | None = None
    ) -> Template:
        """The caller's shape's template; for a caller of a shape not kept (more departments than
        MAX_DEPARTMENTS), the statement compiled for this request alone, bound the same way."""
        template = self.for_caller(ctx.principal, variant, build)
        if template is None:
            make = build or self._build
            assert make is not None, "Templates needs a build function"
            inline = self._inline_constants
            template = Template.compile(make(ctx), self._placeholders, inline_constants=inline)
        return template

