"""Bulk imports (masseindlæsning) of youth, cases and absence records.

`import_stream` is the one import path (HTTP, the CLI and the benchmark call it). It reads the
file as a stream in batches of `batch_size` records, validates every record with the API's
schemas and rules (imports/rows.py), and writes each batch set-based (imports/bulk.py).

Transactions, and why the job row is readable while an import runs:
- The job row (progress, counters) and the report's problems are written in short transactions
  of their own after every batch, never in the data transaction: a reader sees progress at
  once, and the report survives when the data is rolled back.
- all_or_nothing (and every dry run): all batches are written in ONE data transaction, which
  commits at the end only if no record was bad and it is not a dry run; otherwise it is rolled
  back, so nothing is written. Database-side checks (an external reference taken by another
  youth, a youth not found) thus run in a dry run too. While it runs, the change feed holds
  back later events (they may not pass this transaction's events), so keep such files sensible.
- valid_rows: each batch is its own data transaction, committed when written; bad records are
  skipped and reported. A crash leaves the batches written so far, and re-running the file
  finishes the work: every write is an upsert by the record's key, so nothing is doubled.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, ParamSpec

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.cases.schemas import Caseworker
from ungeapi.core import events
from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Transaction
from ungeapi.core.messages import Language
from ungeapi.core.observability import IMPORT_FAILURES, IMPORT_ROWS
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.schemas import from_row
from ungeapi.core.scrub import mask_cpr, mask_cpr_in
from ungeapi.imports import bulk, parsing, repository, rows
from ungeapi.imports.errors import ImportNotFound
from ungeapi.imports.schemas import CodeTally, EntityTally, ImportProblemRead, ImportRead, ImportTally
from ungeapi.imports.upload import SealedFile
from ungeapi.models import ImportJob, ImportProblem
from ungeapi.municipality.service import get_policy

logger = logging.getLogger("ungeapi.imports")

RESOURCE = "import"
JOBS = Ledger(RESOURCE, youth=None)
BATCH_SIZE = 5000
REPORT_LIMIT = 1000

Progress = Callable[[int, int | None], None]


@dataclass
class ImportOptions:
    kind: str
    format: str
    mode: str = "all_or_nothing"
    dry_run: bool = False
    batch_size: int = BATCH_SIZE
    update_existing: bool = False


@dataclass
class ImportSummary:
    status: str = "running"
    total: int | None = None
    processed: int = 0
    valid: int = 0
    invalid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_code: str | None = None
    error_detail: str | None = None
    bad_lines: set[int] = field(default_factory=set)
    codes: Counter[str] = field(default_factory=Counter)  # the report's problems per error code
    kind: str = ""

    def counts(self) -> dict[str, Any]:
        """Its status, figures and error code: what the job's row and the CLI's answer show."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_COUNTS}


_NOT_COUNTS = frozenset({"error_detail", "bad_lines", "codes"})


class _RollBack(Exception):
    """Leaves the data transaction without committing (dry run, or all_or_nothing with bad rows)."""


# --- the job resource --------------------------------------------------------------------


async def create_job(
    session: AsyncSession, ctx: Ctx, options: ImportOptions, *, filename: str | None
) -> ImportRead:
    job = ImportJob(
        municipality_code=ctx.principal.municipality,
        kind=options.kind,
        format=options.format,
        mode=options.mode,
        dry_run=options.dry_run,
        update_existing=options.update_existing,
        filename=mask_cpr(filename)[:300] if filename else None,
        submitted_by_sub=ctx.principal.sub,
    )
    await JOBS.added(session, ctx, job)
    return await _to_read(session, job, "en")


async def _to_read(session: AsyncSession, job: ImportJob, lang: Language) -> ImportRead:
    found = await repository.problems_page(session, job.id, after=None, limit=REPORT_LIMIT + 1)
    codes = await repository.problem_codes(session, job.id)
    entity = EntityTally(
        entity=job.kind,
        created=job.created,
        updated=job.updated,
        unchanged=job.unchanged,
        invalid=job.invalid,
    )
    return from_row(
        ImportRead,
        job,
        filename=None if job.filename is None else mask_cpr(job.filename),
        report=[_problem_read(p, lang) for p in found[:REPORT_LIMIT]],
        report_complete=len(found) <= REPORT_LIMIT,
        summary=ImportTally(
            entities=[entity], codes=[CodeTally(code=code, count=count) for code, count in codes]
        ),
    )


def _problem_read(p: ImportProblem, lang: Language) -> ImportProblemRead:
    return ImportProblemRead(
        line=p.line,
        field=None if p.field is None else mask_cpr(p.field),
        column=None if p.column is None else mask_cpr(p.column),
        code=p.code,
        message=mask_cpr(rows.render(p.code, lang, p.message, p.params)),
    )


async def read_job(session: AsyncSession, ctx: Ctx, import_id: uuid.UUID, lang: Language) -> ImportRead:
    job = await repository.get_job(session, import_id, fresh=True)
    if job is None:
        raise ImportNotFound()
    return await _to_read(session, job, lang)


async def list_problems(
    session: AsyncSession, import_id: uuid.UUID, lang: Language, *, cursor: str | None, limit: int
) -> tuple[list[ImportProblemRead], str | None]:
    """The whole report, by line."""
    if await repository.get_job(session, import_id) is None:
        raise ImportNotFound()
    raw = decode_cursor(cursor, 2)
    after = None
    if raw is not None:
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in raw):
            raise InvalidCursor()
        after = (raw[0], raw[1])
    found = await repository.problems_page(session, import_id, after=after, limit=limit + 1)
    next_cursor = None
    if len(found) > limit:
        found = found[:limit]
        next_cursor = encode_cursor([found[-1].line, found[-1].id])
    return [_problem_read(p, lang) for p in found], next_cursor


# --- the import itself -------------------------------------------------------------------


@dataclass
class _Batch:
    count: int = 0
    good: list[Any] = field(default_factory=list)
    problems: list[rows.RowProblem] = field(default_factory=list)
    records: list[tuple[Any, ...]] | None = None  # youth: the staging rows, built in the thread
    column_for: Callable[[str | None], str | None] = lambda field: None


# An API field a problem names -> the API fields whose file column stands for it, in turn: a
# nested field comes from a flat column, a youth named by id may be named by CPR number instead.
_COLUMN_OF = {
    "external_ref": ("external_ref", "external_system", "external_id"),
    "external_ref.system": ("external_system", "external_ref"),
    "external_ref.id": ("external_id", "external_ref"),
    "caseworker": ("caseworker", "caseworker_sub", "caseworker_name"),
    "caseworker.sub": ("caseworker_sub", "caseworker"),
    "caseworker.name": ("caseworker_name", "caseworker"),
    "youth_id": ("youth_id", "cpr"),
}


class _Validator:
    """Reads and validates records batch by batch (run in a worker thread: it is CPU work).

    Remembers the keys of the whole file's good records, so that a row repeated anywhere in the
    file is reported, not counted "unchanged": by the key's hash (a 64-bit int per key, so a file
    of millions of rows needs tens of megabytes, not its keys' bytes)."""

    def __init__(
        self,
        kind: str,
        from_csv: bool,
        records: Iterator[tuple[int, parsing.Record]],
        check: Callable[[int, parsing.Record], Any],
        header: list[str] | None = None,
    ) -> None:
        self.kind = kind
        self.from_csv = from_csv
        self.records = records
        self.check = check
        self.seen: dict[int, int] = {}
        self.columns: dict[str, str] = {}
        self.keys_seen: set[str] = set()
        self._learn(header or ())

    def _learn(self, keys: Iterable[str]) -> None:
        """The file's own name of each API field, from the CSV header or the JSON records' keys."""
        for key in keys:
            if key not in self.keys_seen:
                self.keys_seen.add(key)
                name = rows.field_for(self.kind, key)
                if name is not None:
                    self.columns.setdefault(name, key)

    def column_for(self, field: str | None) -> str | None:
        """The file's column for the API field a problem names (None: the file has no such column)."""
        if field is None:
            return None
        head = field.split(".", 1)[0]
        for name in (*_COLUMN_OF.get(field, (field,)), *_COLUMN_OF.get(head, (head,))):
            if name in self.columns:
                return self.columns[name]
        return None

    def next_batch(self, size: int) -> _Batch:
        batch = _Batch(column_for=self.column_for)
        seen = self.seen
        for line, record in itertools.islice(self.records, size):
            batch.count += 1
            if not self.from_csv and isinstance(record, dict):
                self._learn(record)
            result = self.check(line, record)
            if isinstance(result, list):
                batch.problems += result
                continue
            keys = [hash(k) for k in self._keys(result)]
            first = next((seen[k] for k in keys if k in seen), None)
            if first is not None:
                batch.problems.append(rows.problem(line, None, "import.duplicate_row", first_line=first))
                continue
            for k in keys:
                seen[k] = line
            batch.good.append(result)
        if self.kind == "youth":
            batch.records = bulk.youth_records(batch.good)
        return batch

    def _keys(self, row: Any) -> list[object]:
        if isinstance(row, rows.YouthRow):
            keys: list[object] = [("cpr", row.cpr_hash)]
            if row.external_system is not None and row.external_id is not None:
                keys.append(("ext", row.external_system, row.external_id))
            return keys
        if isinstance(row, rows.CaseRow):
            return [("ext", row.external_system, row.external_id)]
        # Absence by the youth as the row names them; one youth named both by id and by CPR
        # number is found when the database has resolved them (bulk.py, within a batch).
        youth = row.youth_id or row.youth_cpr_hash
        keys = [("absence", youth, row.school_name, row.period_from, row.period_to)]
        if row.external_system is not None:
            keys.append(("ext", row.external_system, row.external_id))
        return keys


async def _checker(
    session: AsyncSession, ctx: Ctx, options: ImportOptions, vault: CprVault
) -> Callable[[int, parsing.Record], Any]:
    from_csv = options.format == "csv"
    municipality = ctx.principal.municipality
    departments = await repository.department_codes(session)
    if options.kind == "youth":
        policy = await get_policy(session)

        def check_youth(line: int, record: parsing.Record) -> Any:
            return rows.youth_row(
                line,
                record,
                from_csv=from_csv,
                today=ctx.today,
                age_min=policy.age_min,
                age_max=policy.age_max,
                departments=departments,
                hash_cpr=vault.lookup_hash,
                encrypt_cpr=lambda digits: vault.encrypt(digits, municipality),
            )

        return check_youth
    if options.kind == "cases":
        caller = Caseworker(sub=ctx.principal.sub, name=ctx.principal.name)

        def check_case(line: int, record: parsing.Record) -> Any:
            return rows.case_row(
                line,
                record,
                from_csv=from_csv,
                today=ctx.today,
                departments=departments,
                caller_departments=ctx.principal.departments,
                municipality_wide=sees_whole_municipality(ctx.principal),
                caller=caller,
                hash_cpr=vault.lookup_hash,
            )

        return check_case

    def check_absence(line: int, record: parsing.Record) -> Any:
        return rows.absence_row(
            line,
            record,
            from_csv=from_csv,
            today=ctx.today,
            departments=departments,
            hash_cpr=vault.lookup_hash,
        )

    return check_absence


async def _write(
    session: AsyncSession, ctx: Ctx, job_id: uuid.UUID, options: ImportOptions, batch: _Batch
) -> bulk.BatchOutcome:
    good, kind = batch.good, options.kind
    if kind == "youth":
        return await bulk.write_youth(
            session, ctx, job_id, good, batch.records, update_existing=options.update_existing
        )
    if kind == "cases":
        return await bulk.write_cases(session, ctx, job_id, good)
    return await bulk.write_absence(session, ctx, job_id, good)


async def _save_progress(
    transaction: Transaction,
    ctx: Ctx,
    job_id: uuid.UUID,
    summary: ImportSummary,
    problems: list[rows.RowProblem],
    **extra: Any,
) -> None:
    """A short transaction of its own: the job row and this batch's problems, visible at once."""
    summary.codes.update(p.code for p in problems)
    if summary.status == "failed" and extra.get("finished_at") is not None:
        # Counted before it shows: whoever sees the job failed sees it in /metrics too.
        IMPORT_FAILURES.labels(summary.kind, summary.error_code or "internal").inc()
    async with transaction(ctx.principal.municipality) as session:
        if problems:
            await repository.add_problems(
                session,
                [
                    {
                        "municipality_code": ctx.principal.municipality,
                        "import_id": job_id,
                        "line": p.line,
                        # A bad value, a column name or a broken line may be a CPR number.
                        "field": None if p.field is None else mask_cpr(p.field),
                        "column": None if p.column is None else mask_cpr(p.column),
                        "code": p.code,
                        "message": mask_cpr(p.message),
                        "params": mask_cpr_in(p.params),
                    }
                    for p in problems
                ],
            )
        await repository.save_job(
            session,
            job_id,
            {
                **summary.counts(),
                "error_detail": None if summary.error_detail is None else mask_cpr(summary.error_detail),
                "updated_at": func.now(),
                **extra,
            },
        )


def _header_problems(kind: str, header: list[str] | None) -> list[rows.RowProblem]:
    if header is None:
        return []
    return [
        replace(rows.problem(1, column, "import.unknown_column", column=column), column=column)
        for column in header
        if rows.field_for(kind, column) is None
    ]


async def import_stream(
    transaction: Transaction,
    ctx: Ctx,
    job_id: uuid.UUID,
    path: parsing.Source,
    options: ImportOptions,
    *,
    vault: CprVault,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Imports the file at `path` into the job `job_id` (created by `create_job`)."""
    summary = ImportSummary(kind=options.kind)
    municipality = ctx.principal.municipality
    summary.total = await asyncio.to_thread(parsing.count_records, path, options.format)
    await _save_progress(transaction, ctx, job_id, summary, [], started_at=func.now())
    if on_progress:
        on_progress(0, summary.total)
    try:
        header, records = parsing.records(path, options.format)
        if rows.header_missing(options.kind, header):
            # Every door (the CLI too): the first row is data, never reported as column names.
            summary.status, summary.error_code = "failed", "import.header_missing"
            missing = rows.problem(1, None, "import.header_missing")
            await _save_progress(transaction, ctx, job_id, summary, [missing], finished_at=func.now())
            return summary
        header_problems = _header_problems(options.kind, header)
        if header_problems:
            summary.status, summary.error_code = "failed", "import.unknown_column"
            await _save_progress(transaction, ctx, job_id, summary, header_problems, finished_at=func.now())
            return summary
        async with transaction(municipality) as session:
            check = await _checker(session, ctx, options, vault)
        validator = _Validator(options.kind, options.format == "csv", records, check, header)
        one_transaction = options.dry_run or options.mode == "all_or_nothing"
        if one_transaction:
            try:
                async with transaction(municipality) as data:
                    await _run_batches(
                        transaction, ctx, job_id, options, validator, summary, data, on_progress
                    )
                    if options.dry_run or summary.invalid:
                        raise _RollBack()
            except _RollBack:
                pass
        else:
            await _run_batches(transaction, ctx, job_id, options, validator, summary, None, on_progress)
    except parsing.MalformedFile as exc:
        summary.status, summary.error_code = "failed", "import.invalid_record"
        bad = rows.problem(exc.line, None, "import.invalid_record", reason=exc.reason)
        _zero_writes(summary, options)
        await _save_progress(transaction, ctx, job_id, summary, [bad], finished_at=func.now())
        return summary
    except UnicodeDecodeError:
        summary.status, summary.error_code = "failed", "import.invalid_record"
        bad = rows.problem(
            summary.processed + 1, None, "import.invalid_record", reason="the file is not UTF-8"
        )
        _zero_writes(summary, options)
        await _save_progress(transaction, ctx, job_id, summary, [bad], finished_at=func.now())
        return summary
    failed = options.mode == "all_or_nothing" and summary.invalid > 0
    if failed:
        summary.status, summary.error_code = "failed", "import.rows_invalid"
        _zero_writes(summary, options)
    else:
        summary.status = "completed"
    await _save_progress(transaction, ctx, job_id, summary, [], finished_at=func.now())
    async with transaction(municipality) as session:
        version = await repository.job_version(session, job_id)
        event = events.event_row(
            ctx, action="state_changed", resource_type=RESOURCE, resource_id=job_id, version=version
        )
        await events.record(session, [event])
    return summary


async def import_file(
    transaction: Transaction,
    ctx: Ctx,
    path: Path,
    options: ImportOptions,
    *,
    vault: CprVault,
    on_progress: Progress | None = None,
) -> tuple[uuid.UUID, ImportSummary]:
    """Creates the job and runs `import_stream` in this task (the CLI and the benchmark use it)."""
    async with transaction(ctx.principal.municipality) as session:
        job = await create_job(session, ctx, options, filename=path.name)
    summary = await import_stream(
        transaction, ctx, job.id, path, options, vault=vault, on_progress=on_progress
    )
    return job.id, summary


def _zero_writes(summary: ImportSummary, options: ImportOptions) -> None:
    """Nothing was written (the data transaction was rolled back); a dry run keeps its would-be counts."""
    if not options.dry_run:
        summary.created = summary.updated = summary.unchanged = 0


async def _run_batches(
    transaction: Transaction,
    ctx: Ctx,
    job_id: uuid.UUID,
    options: ImportOptions,
    validator: _Validator,
    summary: ImportSummary,
    data: AsyncSession | None,
    on_progress: Progress | None,
) -> None:
    # The next batch is read and validated in the worker thread while this one is written, so the
    # CPU work of validation overlaps PostgreSQL's; only one batch is ever being read at a time.
    upcoming = asyncio.ensure_future(asyncio.to_thread(validator.next_batch, options.batch_size))
    try:
        while True:
            batch = await upcoming
            if batch.count == 0:
                return
            upcoming = asyncio.ensure_future(asyncio.to_thread(validator.next_batch, options.batch_size))
            await _write_batch(transaction, ctx, job_id, options, batch, summary, data, on_progress)
    finally:
        if not upcoming.done():
            upcoming.cancel()  # the thread finishes its batch; nobody reads it
        elif not upcoming.cancelled():
            upcoming.exception()  # raised already, or nobody wants it: never "never retrieved"


async def _write_batch(
    transaction: Transaction,
    ctx: Ctx,
    job_id: uuid.UUID,
    options: ImportOptions,
    batch: _Batch,
    summary: ImportSummary,
    data: AsyncSession | None,
    on_progress: Progress | None,
) -> None:
    if data is not None:
        outcome = await _write(data, ctx, job_id, options, batch)
    else:
        async with transaction(ctx.principal.municipality) as session:
            outcome = await _write(session, ctx, job_id, options, batch)
    found = [*batch.problems, *outcome.problems]
    problems = sorted(
        (p if p.column else replace(p, column=batch.column_for(p.field)) for p in found), key=lambda p: p.line
    )
    lines = {p.line for p in problems}
    summary.bad_lines |= lines
    summary.processed += batch.count
    summary.invalid += len(lines)
    summary.valid += batch.count - len(lines)
    summary.created += outcome.created
    summary.updated += outcome.updated
    summary.unchanged += outcome.unchanged
    IMPORT_ROWS.labels(options.kind, "valid").inc(batch.count - len(lines))
    IMPORT_ROWS.labels(options.kind, "invalid").inc(len(lines))
    await _save_progress(transaction, ctx, job_id, summary, problems)
    if on_progress:
        on_progress(summary.processed, summary.total)


# --- running in the background -----------------------------------------------------------

_RUNNING: set[asyncio.Task[None]] = set()
P = ParamSpec("P")


async def run_job(
    transaction: Transaction,
    ctx: Ctx,
    job_id: uuid.UUID,
    upload: SealedFile,
    options: ImportOptions,
    *,
    vault: CprVault,
) -> None:
    """import_stream, then the file is removed; an unexpected error fails the job, never silently."""
    try:
        await import_stream(transaction, ctx, job_id, upload, options, vault=vault)
    except Exception as exc:
        logger.exception("import failed", extra={"fields": {"import_id": str(job_id)}})
        summary = ImportSummary(
            status="failed", error_code="internal", error_detail=type(exc).__name__, kind=options.kind
        )
        with contextlib.suppress(Exception):
            await _save_progress(transaction, ctx, job_id, summary, [], finished_at=func.now())
    finally:
        await asyncio.to_thread(upload.remove)


def _in_background(job: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, Awaitable[None]]:
    async def start(*args: P.args, **kwargs: P.kwargs) -> None:
        task = asyncio.create_task(job(*args, **kwargs))
        _RUNNING.add(task)
        task.add_done_callback(_RUNNING.discard)

    start.__doc__ = "Runs the job on the event loop, apart from the request that created it."
    return start


start_in_background = _in_background(run_job)
