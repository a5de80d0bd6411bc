"""Compiled templates (core/statements.py): placeholders land where the request's values go."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import column, select, table

from ungeapi.core import statements as templates
from ungeapi.core.context import Ctx
from ungeapi.core.security import Principal

thing = table("thing", column("id"), column("owner"), column("dept"), column("day"), column("kind"))


def caller(departments: tuple[str, ...] = ("BFU", "ARB"), roles: frozenset[str] = frozenset({"caseworker"})) -> Ctx:
    principal = Principal(sub="cw-1", name="CW", municipality="860", departments=departments, roles=roles)
    return Ctx(principal=principal, purpose="casework", request_id="r-1", today=dt.date(2026, 11, 23))


def statement(ctx: Ctx, ident: uuid.UUID = templates.ID):  # type: ignore[no-untyped-def]
    p = ctx.principal
    return select(thing.c.id).where(
        thing.c.owner == p.sub,
        thing.c.dept.in_(p.departments),
        thing.c.day <= ctx.today,
        thing.c.kind == "constant",
        thing.c.id == ident,
    )


class TestTemplate:
    def test_binds_what_compiling_the_request_itself_would(self) -> None:
        ctx = caller()
        template = templates.Template.compile(statement(templates.template_ctx(ctx.principal)), templates.PLACEHOLDERS)
        wanted = uuid.uuid4()
        values = templates.values_of(ctx)
        values[templates.ID] = wanted
        direct = templates.Template.compile(statement(ctx, wanted), frozenset())
        args = template.bind(values)
        assert direct.sql == template.sql
        assert args == list(direct.constants)
        assert not any(isinstance(a, str) and "\x00" in a for a in args)

    def test_lists_are_bound_element_by_element(self) -> None:
        ctx = caller(departments=("UU",))
        built = select(thing.c.id).where(
            thing.c.dept.op("&&")(templates.template_principal(ctx.principal).departments)
        )
        template = templates.Template.compile(built, templates.PLACEHOLDERS)
        assert template.bind(templates.values_of(ctx)) == [["UU"]]

    def test_missing_value_is_an_error_not_a_placeholder_sent_to_the_database(self) -> None:
        template = templates.Template.compile(
            statement(templates.template_ctx(caller().principal)), templates.PLACEHOLDERS
        )
        with pytest.raises(KeyError):
            template.bind({})

    @given(st.lists(st.text(min_size=1, max_size=8).filter(lambda s: "\x00" not in s), max_size=6))
    def test_any_number_of_departments(self, departments: list[str]) -> None:
        ctx = caller(departments=tuple(departments))
        cache = templates.Templates(statement)
        template = cache.for_caller(ctx.principal)
        assert template is not None
        values = templates.values_of(ctx)
        values[templates.ID] = uuid.UUID(int=5)
        args = template.bind(values)
        for department in departments:
            assert department in args

    def test_callers_of_one_shape_share_a_template_and_others_do_not(self) -> None:
        cache = templates.Templates(statement)
        a = cache.for_caller(caller(departments=("BFU",)).principal)
        b = cache.for_caller(caller(departments=("ARB",)).principal)
        c = cache.for_caller(caller(departments=("ARB", "UU")).principal)
        assert a is b and a is not c

    def test_too_many_departments_are_compiled_per_request(self) -> None:
        many = tuple(f"D{i}" for i in range(templates.MAX_DEPARTMENTS + 1))
        assert templates.Templates(statement).for_caller(caller(departments=many).principal) is None
