"""The audited reads of core/reads.py as SQL: a page limits the rows in its own order."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, MetaData, String, Table, Uuid, select

from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, KeysetPage
from ungeapi.core.security import Principal

thing = Table(
    "thing",
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("youth_id", Uuid),
    Column("day", Date),
    Column("kind", String),
)


def ctx() -> Ctx:
    principal = Principal(
        sub="cw", name="CW", municipality="860", departments=("BFU",), roles=frozenset({"admin"})
    )
    return Ctx(principal=principal, purpose="casework", request_id="r", today=dt.date(2026, 12, 5))


def sql(page: KeysetPage, **given: object) -> str:
    shape = (frozenset(k for k in given if k != "after"), (), "after" in given)
    return str(page._read.statement(statements.template_ctx(ctx().principal), shape))


def answered_part(text: str) -> str:
    return text[text.index("answered AS") : text.index("logged AS")]


class TestKeysetPage:
    def test_the_rows_read_are_the_first_in_the_lists_order(self) -> None:
        page = KeysetPage(lambda _ctx: select(thing), Audit("search", "thing"), key=(thing.c.day, thing.c.id))
        read = answered_part(sql(page))
        assert read.index("ORDER BY thing.day, thing.id") < read.index("LIMIT")

    def test_newest_first_reads_and_pages_backwards(self) -> None:
        page = KeysetPage(
            lambda _ctx: select(thing),
            Audit("search", "thing"),
            key=(thing.c.day, thing.c.id),
            descending=True,
        )
        read = answered_part(sql(page, after=True))
        assert "ORDER BY thing.day DESC, thing.id DESC" in read
        assert "(thing.day, thing.id) < (" in read

    def test_the_audit_counts_only_the_rows_shown(self) -> None:
        page = KeysetPage(lambda _ctx: select(thing), Audit("search", "thing"), key=(thing.c.day, thing.c.id))
        text = sql(page)
        logged = text[text.index("logged AS") :]
        assert "ORDER BY answered.day, answered.id" in logged and "LIMIT" in logged

    def test_a_filter_appears_only_when_given(self) -> None:
        page = KeysetPage(
            lambda _ctx: select(thing),
            Audit("search", "thing"),
            key=(thing.c.day, thing.c.id),
            equal={"kind": thing.c.kind},
        )
        assert "thing.kind =" not in answered_part(sql(page))
        assert "thing.kind =" in answered_part(sql(page, kind="x"))
