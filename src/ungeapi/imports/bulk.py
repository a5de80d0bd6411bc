"""Set-based writes of one batch of validated rows: COPY into a temporary staging table, checks
against the database as set operations, then UPDATE ... FROM and INSERT ... SELECT ... ON
CONFLICT (youth: INSERT first, UPDATE only when some staged youth existed), each with its audit
rows and change events written by the same statement (one audit row and one event per record
written; a record that would not change is not touched at all, so importing the same file again
changes nothing).

The staging tables are `ON COMMIT DROP`: they live exactly as long as the data transaction.
"""

# ruff: noqa: S608 - the statements are built from this module's constant table and column
# names only; every value travels as a bound parameter or through COPY.
from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.core.db import driver_of
from ungeapi.imports.rows import AbsenceRow, CaseRow, RowProblem, YouthRow, problem
from ungeapi.municipality.service import get_policy
from ungeapi.youth.rules import age_on, latest_birth_date_for_age, name_key, outside_age_window

Write = TypeVar("Write", bound=Callable[..., Awaitable["BatchOutcome"]])


@dataclass
class BatchOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def _side_effects(resource: str, source: str, action: str, id_sql: str, youth_sql: str, order: str) -> str:
    """CTEs writing one audit row and one change event per row of `source`, events in `order`."""
    verb = {"created": "create", "updated": "update"}[action]
    return f"""
    , audited AS (
        INSERT INTO audit_event (municipality_code, sub, roles, department, action, resource_type,
                                 resource_id, youth_id, purpose, request_id, detail, occurred_at)
        SELECT :m, :sub, CAST(:roles AS text[]), :department, '{verb}', '{resource}',
               ({id_sql})::text, {youth_sql}, :purpose, :request_id, CAST(:detail AS jsonb),
               CAST(:now AS timestamptz)
        FROM {source}
    )
    , evented AS (
        INSERT INTO change_event (municipality_code, resource_type, resource_id, youth_id, action,
                                  version, actor_sub, data)
        SELECT :m, '{resource}', ({id_sql})::text, {youth_sql}, '{action}', {source}.version, :sub,
               CAST(:data AS jsonb)
        FROM {source} ORDER BY {order}
    )
    SELECT count(*) FROM {source}
    """


def _params(ctx: Ctx, import_id: uuid.UUID) -> dict[str, Any]:
    p = ctx.principal
    return {
        "m": p.municipality,
        "sub": p.sub,
        "roles": sorted(p.roles),
        "department": p.primary_department,
        "purpose": ctx.purpose,
        "request_id": ctx.request_id,
        "now": ctx.now,
        "detail": json.dumps({"import_id": str(import_id)}),
        "data": json.dumps({"import_id": str(import_id)}),
    }


_TEXT_PARAMS = re.compile(r"(?<![:\w]):(m|sub|department|purpose|request_id)\b")


def _typed(sql: str) -> str:
    """Each text parameter cast once, so PostgreSQL need not guess between text and varchar."""
    return _TEXT_PARAMS.sub(r"CAST(:\1 AS text)", sql)


async def _run_count(session: AsyncSession, sql: str, params: dict[str, Any]) -> int:
    return int((await session.execute(text(_typed(sql)), params)).scalar_one())


async def _drop_lines(session: AsyncSession, stage: str, lines: Sequence[int]) -> None:
    if lines:
        await session.execute(
            text(f"DELETE FROM {stage} WHERE line = ANY(CAST(:lines AS int[]))"), {"lines": list(lines)}
        )


async def _lines(session: AsyncSession, sql: str, params: dict[str, Any]) -> list[tuple[int, Any]]:
    result = await session.execute(text(_typed(sql)), params)
    return [(int(r[0]), r[1] if len(r) > 1 else None) for r in result.all()]


def _create_stage(stage: str, columns: dict[str, str]) -> str:
    """The staging table of `columns` (name: type), dropped at commit."""
    typed = ", ".join(f"{name} {sql_type}" for name, sql_type in columns.items())
    return f"CREATE TEMP TABLE IF NOT EXISTS {stage} ({typed}) ON COMMIT DROP"


async def _stage(
    session: AsyncSession, stage: str, columns: dict[str, str], records: Sequence[tuple[Any, ...]]
) -> None:
    """`records` (values of `columns`, in order) as the only rows of the transaction's staging
    table `stage`: created and emptied in one round trip (simple query protocol: no parameters,
    two statements), then copied in."""
    driver = driver_of(session)
    await driver.execute(f"{_create_stage(stage, columns)}; TRUNCATE {stage}")
    await driver.copy_records_to_table(stage, records=records, columns=tuple(columns))


def _records(rows: Sequence[Any], columns: dict[str, str]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(r, c) for c in columns) for r in rows]


def _nothing_when_empty(write: Write) -> Write:
    """A batch without rows writes nothing: no staging table, no round trip."""

    @functools.wraps(write)
    async def guarded(
        session: AsyncSession, ctx: Ctx, import_id: uuid.UUID, rows: list[Any], *rest: Any
    ) -> BatchOutcome:
        return await write(session, ctx, import_id, rows, *rest) if rows else BatchOutcome()

    return cast(Write, guarded)


async def _staged_by_youth(
    session: AsyncSession,
    ctx: Ctx,
    import_id: uuid.UUID,
    stage: str,
    columns: dict[str, str],
    rows: Sequence[Any],
) -> tuple[BatchOutcome, dict[str, Any]]:
    """Rows that name their youth (cases, absence) staged in `stage` and given the youth's id: the
    batch's outcome so far (the rows whose youth is not in the municipality) and the statements'
    parameters."""
    await _stage(session, stage, columns, _records(rows, columns))
    params = _params(ctx, import_id)
    return BatchOutcome(problems=await _resolve_youth(session, stage, params)), params


# --- youth -------------------------------------------------------------------------------

YOUTH_STAGE = "import_youth_stage"
YOUTH_STAGE_COLUMNS = {
    "line": "int PRIMARY KEY", "cpr_ciphertext": "bytea", "cpr_hash": "bytea", "birth_date": "date",
    "given_name": "text", "family_name": "text", "given_name_key": "text", "family_name_key": "text",
    "guardians": "jsonb", "target_groups": "text[]", "external_system": "text", "external_id": "text",
    "registered_by_department": "text",
}  # fmt: skip
YOUTH_COLUMNS = tuple(YOUTH_STAGE_COLUMNS)


def youth_records(rows: Sequence[YouthRow]) -> list[tuple[Any, ...]]:
    """The staging table's rows (YOUTH_COLUMNS). Pure CPU work: the import builds them in its
    worker thread, next to the validation, so the event loop only sends them."""
    return [
        (
            r.line,
            r.cpr_ciphertext,
            r.cpr_hash,
            r.birth_date,
            r.given_name,
            r.family_name,
            name_key(r.given_name),
            name_key(r.family_name),
            None if r.guardians is None else json.dumps(r.guardians),
            r.target_groups,
            r.external_system,
            r.external_id,
            r.registered_by_department,
        )
        for r in rows
    ]


@_nothing_when_empty
async def write_youth(
    session: AsyncSession,
    ctx: Ctx,
    import_id: uuid.UUID,
    rows: list[YouthRow],
    records: list[tuple[Any, ...]] | None = None,
) -> BatchOutcome:
    outcome = BatchOutcome()
    if records is None:
        records = youth_records(rows)
    await _stage(session, YOUTH_STAGE, YOUTH_STAGE_COLUMNS, records)
    params = _params(ctx, import_id)
    # A youth is looked up by index from each staged row (LATERAL ... LIMIT 1: one probe of a
    # unique index). A join would let the planner hash the municipality's whole youth table for
    # every batch, and with statistics that lag behind a running import it does: cost growing
    # with the municipality, not with the batch. Only rows with a reference are looked up here.
    taken = await _lines(
        session,
        f"""SELECT s.line, EXISTS (SELECT 1 FROM youth a WHERE a.municipality_code = :m
                                   AND a.cpr_hash = s.cpr_hash AND a.archived_at IS NOT NULL)
            FROM {YOUTH_STAGE} s CROSS JOIN LATERAL (
                SELECT y.cpr_hash FROM youth y
                WHERE y.municipality_code = :m AND y.external_system = s.external_system
                  AND y.external_id = s.external_id LIMIT 1) y
            WHERE s.external_system IS NOT NULL AND s.external_id IS NOT NULL
              AND y.cpr_hash <> s.cpr_hash""",
        params,
    )
    archived = [line for line, is_archived in taken if is_archived]
    await _drop_lines(session, YOUTH_STAGE, [line for line, _ in taken])
    staged = len(rows) - len(taken)
    # New youth first: ON CONFLICT skips every youth that exists already (archived or not), so a
    # first import needs no look-up of its own. Only when some staged youth exist are they
    # looked up: archived ones refused, the others updated where anything changed.
    outcome.created = await _run_count(
        session,
        f"""WITH created AS (
            INSERT INTO youth (municipality_code, cpr_ciphertext, cpr_hash, birth_date, given_name,
                family_name, given_name_key, family_name_key, guardians, target_groups,
                external_system, external_id, registered_by_department)
            SELECT :m, s.cpr_ciphertext, s.cpr_hash, s.birth_date, s.given_name, s.family_name,
                s.given_name_key, s.family_name_key, COALESCE(s.guardians, '[]'::jsonb),
                COALESCE(s.target_groups, '{{}}'::text[]), s.external_system, s.external_id,
                COALESCE(s.registered_by_department, :department)
            FROM {YOUTH_STAGE} s
            ORDER BY s.line
            ON CONFLICT (municipality_code, cpr_hash) DO NOTHING  -- the youth that exist already
            RETURNING id, version, cpr_hash
        ), ordered AS (
            SELECT c.id, c.version, s.line FROM created c JOIN {YOUTH_STAGE} s ON s.cpr_hash = c.cpr_hash
        )"""
        + _side_effects("youth", "ordered", "created", "ordered.id", "ordered.id", "ordered.line"),
        params,
    )
    if outcome.created < staged:
        found = await _lines(
            session,
            f"""SELECT s.line FROM {YOUTH_STAGE} s CROSS JOIN LATERAL (
                    SELECT y.archived_at FROM youth y
                    WHERE y.municipality_code = :m AND y.cpr_hash = s.cpr_hash LIMIT 1) y
                WHERE y.archived_at IS NOT NULL""",
            params,
        )
        await _drop_lines(session, YOUTH_STAGE, [line for line, _ in found])
        staged -= len(found)
        archived += [line for line, _ in found]
        outcome.updated = await _update_youth(session, params)
    outcome.problems += [problem(line, "cpr", "youth.archived") for line in archived]
    outcome.problems += [problem(line, "external_ref", "youth.external_ref_taken") for line, _ in taken]
    outcome.unchanged = staged - outcome.created - outcome.updated
    return outcome


async def _update_youth(session: AsyncSession, params: dict[str, Any]) -> int:
    """The staged rows of youth that exist and are not archived, where anything changed."""
    return await _run_count(
        session,
        f"""WITH changed AS (
            UPDATE youth y SET
                given_name = s.given_name, family_name = s.family_name,
                given_name_key = s.given_name_key, family_name_key = s.family_name_key,
                guardians = COALESCE(s.guardians, y.guardians),
                target_groups = COALESCE(s.target_groups, y.target_groups),
                external_system = COALESCE(s.external_system, y.external_system),
                external_id = COALESCE(s.external_id, y.external_id),
                registered_by_department = COALESCE(s.registered_by_department, y.registered_by_department),
                version = y.version + 1, updated_at = now()
            FROM {YOUTH_STAGE} s
            WHERE y.municipality_code = :m AND y.cpr_hash = s.cpr_hash AND y.archived_at IS NULL
              AND (y.given_name, y.family_name, y.guardians, y.target_groups, y.external_system,
                   y.external_id, y.registered_by_department)
                  IS DISTINCT FROM
                  (s.given_name, s.family_name, COALESCE(s.guardians, y.guardians),
                   COALESCE(s.target_groups, y.target_groups), COALESCE(s.external_system, y.external_system),
                   COALESCE(s.external_id, y.external_id),
                   COALESCE(s.registered_by_department, y.registered_by_department))
            RETURNING y.id, y.version, s.line
        )"""
        + _side_effects("youth", "changed", "updated", "changed.id", "changed.id", "changed.line"),
        params,
    )


# --- cases -------------------------------------------------------------------------------

CASE_STAGE = "import_case_stage"
CASE_STAGE_COLUMNS = {
    "line": "int PRIMARY KEY", "youth_id": "uuid", "youth_cpr_hash": "bytea", "department_code": "text",
    "kind": "text", "legal_basis": "text", "legal_basis_code": "text", "caseworker_sub": "text",
    "caseworker_name": "text", "opened_on": "date", "closed_on": "date", "external_system": "text",
    "external_id": "text", "support_after_18_expected": "boolean", "support_hours_after_18": "numeric(5, 1)",
}  # fmt: skip
_CASE_FIELDS = (
    "youth_id", "department_code", "kind", "legal_basis", "legal_basis_code", "caseworker_sub",
    "caseworker_name", "opened_on", "closed_on", "support_after_18_expected", "support_hours_after_18",
)  # fmt: skip


async def _resolve_youth(session: AsyncSession, stage: str, params: dict[str, Any]) -> list[RowProblem]:
    """Fills `youth_id` from the CPR hash; rows whose youth is not in the municipality are dropped."""
    await session.execute(
        text(
            f"""UPDATE {stage} s SET youth_id = y.id FROM youth y
                WHERE s.youth_id IS NULL AND y.municipality_code = CAST(:m AS text)
                  AND y.cpr_hash = s.youth_cpr_hash"""
        ),
        params,
    )
    missing = await _lines(
        session,
        f"""SELECT s.line FROM {stage} s WHERE s.youth_id IS NULL
            OR NOT EXISTS (SELECT 1 FROM youth y WHERE y.id = s.youth_id AND y.municipality_code = :m)""",
        params,
    )
    await _drop_lines(session, stage, [line for line, _ in missing])
    return [problem(line, "youth_id", "import.youth_not_found") for line, _ in missing]


async def _outside_age_window(
    session: AsyncSession, ctx: Ctx, stage: str, params: dict[str, Any], *, exempt: str = "false"
) -> list[RowProblem]:
    """R1/R1a, as every other door checks it (youth.service.check_age_window): rows whose youth is
    outside the municipality's age window are dropped. `exempt` is an SQL condition on the staged
    row `s` for the rows that wind the effort down (a case row closing an existing case)."""
    policy = await get_policy(session)
    # The birth-date bounds only narrow the rows looked at; the pure rule decides.
    bounds = {
        **params,
        "youngest": latest_birth_date_for_age(ctx.today, policy.age_min),
        "too_old": latest_birth_date_for_age(ctx.today, policy.age_max + 1),
    }
    found = await _lines(
        session,
        f"""SELECT s.line, y.birth_date FROM {stage} s JOIN youth y ON y.id = s.youth_id
            WHERE y.municipality_code = :m AND (y.birth_date > :youngest OR y.birth_date <= :too_old)
              AND NOT ({exempt})""",
        bounds,
    )
    outside = [
        (line, born)
        for line, born in found
        if outside_age_window(born, ctx.today, policy.age_min, policy.age_max)
    ]
    await _drop_lines(session, stage, [line for line, _ in outside])
    return [
        problem(
            line,
            "youth_id",
            "youth.outside_age_window",
            age=age_on(born, ctx.today),
            age_min=policy.age_min,
            age_max=policy.age_max,
        )
        for line, born in outside
    ]


@_nothing_when_empty
async def write_cases(
    session: AsyncSession, ctx: Ctx, import_id: uuid.UUID, rows: list[CaseRow]
) -> BatchOutcome:
    outcome, params = await _staged_by_youth(session, ctx, import_id, CASE_STAGE, CASE_STAGE_COLUMNS, rows)
    # A journal system's case never moves to another youth (as PUT /v1/cases/by-external).
    moved = await _lines(
        session,
        f"""SELECT s.line, s.external_system || '/' || s.external_id FROM {CASE_STAGE} s
            JOIN youth_case c ON c.municipality_code = :m AND c.external_system = s.external_system
              AND c.external_id = s.external_id
            WHERE c.youth_id <> s.youth_id""",
        params,
    )
    await _drop_lines(session, CASE_STAGE, [line for line, _ in moved])
    outcome.problems += [
        problem(line, "youth_id", "case.external_ref_other_youth", external=external)
        for line, external in moved
    ]
    outcome.problems += await _outside_age_window(
        session,
        ctx,
        CASE_STAGE,
        params,
        exempt="""s.closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM youth_case c
            WHERE c.municipality_code = :m AND c.external_system = s.external_system
              AND c.external_id = s.external_id)""",
    )
    staged = len(rows) - len(outcome.problems)
    sets = ", ".join(f"{f} = s.{f}" for f in _CASE_FIELDS)
    current = ", ".join(f"c.{f}" for f in _CASE_FIELDS)
    given = ", ".join(f"s.{f}" for f in _CASE_FIELDS)
    outcome.updated = await _run_count(
        session,
        f"""WITH changed AS (
            UPDATE youth_case c SET {sets}, version = c.version + 1, updated_at = now()
            FROM {CASE_STAGE} s
            WHERE c.municipality_code = :m AND c.external_system = s.external_system
              AND c.external_id = s.external_id AND ({current}) IS DISTINCT FROM ({given})
            RETURNING c.id, c.version, c.youth_id, s.line
        )"""
        + _side_effects("case", "changed", "updated", "changed.id", "changed.youth_id", "changed.line"),
        params,
    )
    outcome.created = await _run_count(
        session,
        f"""WITH created AS (
            INSERT INTO youth_case (municipality_code, {", ".join(_CASE_FIELDS)},
                                    external_system, external_id)
            SELECT :m, {given}, s.external_system, s.external_id
            FROM {CASE_STAGE} s
            WHERE NOT EXISTS (SELECT 1 FROM youth_case c WHERE c.municipality_code = :m
                              AND c.external_system = s.external_system AND c.external_id = s.external_id)
            ORDER BY s.line
            ON CONFLICT (municipality_code, external_system, external_id) DO NOTHING
            RETURNING id, version, youth_id, external_system, external_id
        ), ordered AS (
            SELECT c.id, c.version, c.youth_id, s.line FROM created c JOIN {CASE_STAGE} s
              ON s.external_system = c.external_system AND s.external_id = c.external_id
        )"""
        + _side_effects("case", "ordered", "created", "ordered.id", "ordered.youth_id", "ordered.line"),
        params,
    )
    outcome.unchanged = staged - outcome.created - outcome.updated
    return outcome


# --- absence -----------------------------------------------------------------------------

ABSENCE_STAGE = "import_absence_stage"
ABSENCE_STAGE_COLUMNS = {
    "line": "int PRIMARY KEY", "youth_id": "uuid", "youth_cpr_hash": "bytea", "school_name": "text",
    "school_code": "text", "quarter": "text", "period_from": "date", "period_to": "date",
    "school_days": "int", "lawful_pct": "numeric(5,2)", "unlawful_pct": "numeric(5,2)",
    "sick_pct": "numeric(5,2)", "parents_warned_on": "date", "municipality_notified_on": "date",
    "recorded_by_department": "text",
}  # fmt: skip
_ABSENCE_KEY = ("youth_id", "school_name", "period_from", "period_to")


@_nothing_when_empty
async def write_absence(
    session: AsyncSession, ctx: Ctx, import_id: uuid.UUID, rows: list[AbsenceRow]
) -> BatchOutcome:
    outcome, params = await _staged_by_youth(
        session, ctx, import_id, ABSENCE_STAGE, ABSENCE_STAGE_COLUMNS, rows
    )
    outcome.problems += await _outside_age_window(session, ctx, ABSENCE_STAGE, params)
    key = ", ".join(_ABSENCE_KEY)
    duplicates = await _lines(
        session,
        f"""SELECT s.line, d.first_line FROM {ABSENCE_STAGE} s JOIN (
                SELECT {key}, min(line) AS first_line FROM {ABSENCE_STAGE} GROUP BY {key} HAVING count(*) > 1
            ) d USING ({key}) WHERE s.line <> d.first_line""",
        params,
    )
    outcome.problems += [
        problem(line, None, "import.duplicate_row", first_line=first) for line, first in duplicates
    ]
    await _drop_lines(session, ABSENCE_STAGE, [line for line, _ in duplicates])
    staged = len(rows) - len(outcome.problems)
    replaced = ("school_code", "quarter", "school_days", "lawful_pct", "unlawful_pct", "sick_pct")
    kept = ("parents_warned_on", "municipality_notified_on", "recorded_by_department")
    sets = ", ".join([f"{f} = s.{f}" for f in replaced] + [f"{f} = COALESCE(s.{f}, a.{f})" for f in kept])
    current = ", ".join(f"a.{f}" for f in (*replaced, *kept))
    given = ", ".join([f"s.{f}" for f in replaced] + [f"COALESCE(s.{f}, a.{f})" for f in kept])
    outcome.updated = await _run_count(
        session,
        f"""WITH changed AS (
            UPDATE absence_record a SET {sets}, version = a.version + 1, updated_at = now()
            FROM {ABSENCE_STAGE} s
            WHERE a.municipality_code = :m AND a.youth_id = s.youth_id AND a.school_name = s.school_name
              AND a.period_from = s.period_from AND a.period_to = s.period_to
              AND ({current}) IS DISTINCT FROM ({given})
            RETURNING a.id, a.version, a.youth_id, s.line
        )"""
        + _side_effects("absence", "changed", "updated", "changed.id", "changed.youth_id", "changed.line"),
        params,
    )
    columns = (*_ABSENCE_KEY, "school_code", "quarter", "school_days", "lawful_pct", "unlawful_pct",
               "sick_pct", "parents_warned_on", "municipality_notified_on")  # fmt: skip
    outcome.created = await _run_count(
        session,
        f"""WITH created AS (
            INSERT INTO absence_record (municipality_code, {", ".join(columns)}, recorded_by_department,
                                        created_at, updated_at)
            SELECT :m, {", ".join(f"s.{c}" for c in columns)},
                   COALESCE(s.recorded_by_department, :department),
                   CAST(:now AS timestamptz), CAST(:now AS timestamptz)
            FROM {ABSENCE_STAGE} s
            WHERE NOT EXISTS (SELECT 1 FROM absence_record a WHERE a.municipality_code = :m
                AND a.youth_id = s.youth_id AND a.school_name = s.school_name
                AND a.period_from = s.period_from AND a.period_to = s.period_to)
            ORDER BY s.line
            ON CONFLICT ON CONSTRAINT uq_absence_record_period DO NOTHING
            RETURNING id, version, {key}
        ), ordered AS (
            SELECT c.id, c.version, c.youth_id, s.line FROM created c JOIN {ABSENCE_STAGE} s USING ({key})
        )"""
        + _side_effects("absence", "ordered", "created", "ordered.id", "ordered.youth_id", "ordered.line"),
        params,
    )
    outcome.unchanged = staged - outcome.created - outcome.updated
    return outcome
