"""The worklist's compiled statements (obligations/repository.py on core/statements.py): a template
bound with a request's values is exactly the statement built for that request, so no placeholder
meets a real constant (a date the rules compute, a limit, a setting) and no request value is
left to a placeholder."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ungeapi.core import statements as templates
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import MAX_LIMIT
from ungeapi.core.security import Principal
from ungeapi.municipality.policy import Policy
from ungeapi.obligations import repository

CALLERS = [
    (frozenset({"admin"}), ("BFU",)),
    (frozenset({"caseworker"}), ()),
    (frozenset({"caseworker"}), ("BFU",)),
    (frozenset({"caseworker"}), ("BFU", "ARB")),
    (frozenset({"coordinator"}), ("BFU",)),
    (frozenset({"guide"}), ("UU",)),
]
KINDS = tuple(repository.SOURCES)
# Values in the same domains as the placeholders: dates, small ints, text, UUIDs.
SUBS = st.sampled_from(["cw-1", "sag-101-BFU-3", "1000011", "2026-11-23", "x'y\\z"])
DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


def _compiled(statement: Any) -> tuple[str, list[Any]]:
    compiled = statement.compile(dialect=templates._DIALECT, compile_kwargs={"render_postcompile": True})
    return compiled.string, [compiled.params[name] for name in compiled.positiontup or ()]


@settings(max_examples=25, deadline=None)
@given(
    caller=st.sampled_from(CALLERS),
    sub=SUBS,
    today=DAYS,
    policy=st.sampled_from([Policy(), Policy(guide_age_min=13, referral_case_kinds=["a'b", "x"])]),
    kinds=st.sampled_from([KINDS, KINDS[:1], KINDS[2:5], (KINDS[-1],)]),
    limit=st.integers(1, MAX_LIMIT),
    department=st.none() | st.sampled_from(["BFU", "UU"]),
    responsible=st.none() | SUBS,
    due_before=st.none() | DAYS,
    youth_id=st.none() | st.uuids(),
    after=st.none() | st.tuples(DAYS, st.sampled_from(KINDS), st.uuids(), st.sampled_from(["", "x"])),
)
def test_bound_template_is_the_requests_own_statement(
    caller: tuple[frozenset[str], tuple[str, ...]],
    sub: str,
    today: dt.date,
    policy: Policy,
    kinds: tuple[str, ...],
    limit: int,
    department: str | None,
    responsible: str | None,
    due_before: dt.date | None,
    youth_id: uuid.UUID | None,
    after: repository.After | None,
) -> None:
    roles, departments = caller
    principal = Principal(sub=sub, name=sub, municipality="101", departments=departments, roles=roles)
    ctx = Ctx(principal=principal, purpose="worklist", request_id="r-1", today=today)
    variant = repository.Variant(
        today=today,
        policy_key=policy.model_dump_json(),
        kinds=kinds,
        department=department is not None,
        responsible=responsible is not None,
        due_before=due_before is not None,
        youth_id=youth_id is not None,
        after=after is not None,
        policy=policy,
    )
    template = templates.Template.compile(
        repository._template_query(templates.template_ctx(principal), variant), repository.PLACEHOLDERS
    )
    values = templates.values_of(ctx)
    values[repository.ROWS] = limit + 1
    values[repository.RESPONSIBLE] = responsible
    values[repository.DEPARTMENT] = department
    values[repository.DUE_BEFORE] = due_before
    values[repository.YOUTH] = youth_id
    if after is not None:
        values.update(zip(repository.AFTER, after, strict=True))
    own = repository.worklist_query(
        principal,
        today,
        policy,
        kinds,
        rows=limit + 1,
        department=department,
        responsible=responsible,
        due_before=due_before,
        youth_id=youth_id,
        after=after,
    )
    sql, params = _compiled(own)
    args = template.bind(values)
    assert template.sql == sql
    assert args == params
    placeholders = repository.PLACEHOLDERS
    assert not any(isinstance(a, str) and "\x00" in a for a in args)
    assert not any(templates._is_placeholder(a, placeholders) for a in args)
    # Inlining constants keeps the same parameters for the request's values.
    inline = templates.Template.compile(
        repository._template_query(templates.template_ctx(principal), variant),
        repository.PLACEHOLDERS,
        inline_constants=True,
    )
    assert {p for _, p in inline.slots} == {p for _, p in template.slots}
    assert "\x00" not in inline.sql


def test_the_placeholders_are_distinct_and_outside_the_routes_domains() -> None:
    placeholders = [
        repository.RESPONSIBLE,
        repository.DEPARTMENT,
        repository.DUE_BEFORE,
        repository.YOUTH,
        *repository.AFTER,
        repository.ROWS,
    ]
    assert len(set(placeholders)) == len(placeholders)
    assert not set(placeholders) & templates.PLACEHOLDERS
    assert repository.ROWS > MAX_LIMIT + 1
    assert repository.DUE_BEFORE.year == repository.AFTER[0].year == 1  # as_of is 1900-2200
