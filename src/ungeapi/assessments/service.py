"""Use cases of the statutory assessments: record, correct, read and list R6 target-group
assessments and R21 disability transition assessments. Recording one satisfies its obligation
(assessments/obligations.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.assessments import repository, rules
from ungeapi.assessments.errors import (
    CaseNotOfYouth,
    DisabilityTransitionNotFound,
    OutcomeIncomplete,
    SectionsIncomplete,
    TargetGroupAssessmentNotFound,
)
from ungeapi.assessments.schemas import (
    Assessor,
    DisabilitySections,
    DisabilityTransitionCreate,
    DisabilityTransitionRead,
    DisabilityTransitionUpdate,
    TargetGroupAssessmentCreate,
    TargetGroupAssessmentRead,
    TargetGroupAssessmentUpdate,
)
from ungeapi.cases.service import visible_case
from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.errors import DomainError, FieldError
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.reads import KeysetPage, Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.models import DisabilityTransitionAssessment, TargetGroupAssessment
from ungeapi.youth.service import check_age_window, writable_youth, youth_records_page

SECTIONS = tuple(DisabilitySections.model_fields)
A = TypeVar("A", TargetGroupAssessmentRead, DisabilityTransitionRead)


def _author(row: Any) -> Assessor:
    return from_row(Assessor, row, prefix="author_")


def target_group_read(row: TargetGroupAssessment | Row) -> TargetGroupAssessmentRead:
    return from_row(TargetGroupAssessmentRead, row, author=_author(row))


def disability_read(row: DisabilityTransitionAssessment | Row) -> DisabilityTransitionRead:
    return from_row(DisabilityTransitionRead, row, author=_author(row))


@dataclass(frozen=True)
class _Kind(Generic[A]):
    """What the two assessments' reads, lists and changes differ by."""

    records: YouthRecords[Any]
    page: KeysetPage
    ledger: Ledger
    read: Callable[[Any], A]
    missing: type[DomainError]

    async def one(self, session: AsyncSession, ctx: Ctx, record_id: uuid.UUID) -> A:
        row = await self.records.read_one(session, ctx, record_id)
        if row is None:
            raise self.missing()
        return self.read(row)

    async def listed(
        self, session: AsyncSession, ctx: Ctx, limit: int, cursor: str | None, youth_id: uuid.UUID | None
    ) -> tuple[list[A], str | None]:
        rows, next_cursor = await youth_records_page(
            session, ctx, self.page, limit, cursor, youth_id=youth_id
        )
        return [self.read(r) for r in rows], next_cursor

    async def locked(self, session: AsyncSession, ctx: Ctx, record_id: uuid.UUID, version: int) -> Any:
        """The record at `version`, of a youth the caller may write inside the age window (R1)."""
        row = await self.records.find(session, ctx, record_id, self.missing, version=version)
        await _youth_municipality(session, ctx, row.youth_id)
        return row

    async def saved(self, session: AsyncSession, ctx: Ctx, row: Any, changes: dict[str, Any]) -> A:
        for field, value in changes.items():
            setattr(row, field, value)
        await self.ledger.saved(session, ctx, row, detail={"fields": sorted(changes)})
        return self.read(row)


TARGET_GROUPS = _Kind(
    repository.TARGET_GROUPS,
    repository.TARGET_GROUP_PAGE,
    Ledger(repository.TARGET_GROUP),
    target_group_read,
    TargetGroupAssessmentNotFound,
)
DISABILITY_TRANSITIONS = _Kind(
    repository.DISABILITY_TRANSITIONS,
    repository.DISABILITY_TRANSITION_PAGE,
    Ledger(repository.DISABILITY_TRANSITION),
    disability_read,
    DisabilityTransitionNotFound,
)


async def _youth_municipality(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> str:
    """The youth may be written by the caller (else 404) and is inside the age window (R1)."""
    youth = await writable_youth(session, ctx, youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    return youth.municipality_code


def _check_target_group(values: dict[str, Any], today: date) -> None:
    """R6 on the record's own values, and §8.1: the referral and the assessment have happened,
    the assessment not before the referral."""
    if not rules.outcome_complete(values["assessed_on"], values["fgu_target_group"], values["referred_on"]):
        raise OutcomeIncomplete()
    check_event_date("referred_on", values["referred_on"], today=today)
    check_event_date("assessed_on", values["assessed_on"], today=today, not_before=values["referred_on"])


async def record_target_group_assessment(
    session: AsyncSession, ctx: Ctx, data: TargetGroupAssessmentCreate
) -> TargetGroupAssessmentRead:
    """R6: record a referral to FGU or a target-group assessment (målgruppevurdering)."""
    municipality = await _youth_municipality(session, ctx, data.youth_id)
    _check_target_group(data.model_dump(), ctx.today)
    row = to_row(TargetGroupAssessment, data, municipality_code=municipality, **ctx.as_actor("author"))
    await TARGET_GROUPS.ledger.added(session, ctx, row)
    return target_group_read(row)


async def change_target_group_assessment(
    session: AsyncSession,
    ctx: Ctx,
    assessment_id: uuid.UUID,
    data: TargetGroupAssessmentUpdate,
    *,
    expected_version: int,
) -> TargetGroupAssessmentRead:
    """R6: record the assessment on a referral, or correct it (If-Match); checked as on recording."""
    row = await TARGET_GROUPS.locked(session, ctx, assessment_id, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("basis", []) is None:
        changes["basis"] = []
    merged = {f: changes.get(f, getattr(row, f)) for f in ("referred_on", "assessed_on", "fgu_target_group")}
    _check_target_group(merged, ctx.today)
    return await TARGET_GROUPS.saved(session, ctx, row, changes)


async def read_target_group_assessment(
    session: AsyncSession, ctx: Ctx, assessment_id: uuid.UUID
) -> TargetGroupAssessmentRead:
    return await TARGET_GROUPS.one(session, ctx, assessment_id)


async def list_target_group_assessments(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[TargetGroupAssessmentRead], str | None]:
    return await TARGET_GROUPS.listed(session, ctx, limit, cursor, youth_id)


async def _check_disability(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, values: dict[str, Any]
) -> None:
    """R21 on the assessment's own values, the case is the youth's, and §8.1: started and
    completed have happened, completed not before started."""
    if values["case_id"] is not None:
        case = await visible_case(session, ctx, values["case_id"])
        if case is None or case.youth_id != youth_id:
            raise CaseNotOfYouth()
    check_event_date("started_on", values["started_on"], today=ctx.today)
    check_event_date("completed_on", values["completed_on"], today=ctx.today, not_before=values["started_on"])
    if not rules.may_complete(values["completed_on"], values):
        missing = rules.missing_sections(values)
        raise SectionsIncomplete(
            errors=[
                FieldError(loc=["body", name], code=SectionsIncomplete.code, message="") for name in missing
            ]
        )


async def record_disability_transition(
    session: AsyncSession, ctx: Ctx, data: DisabilityTransitionCreate
) -> DisabilityTransitionRead:
    """R21: record the start (and perhaps the completion) of the transition assessment."""
    municipality = await _youth_municipality(session, ctx, data.youth_id)
    started_on = data.started_on or ctx.today
    await _check_disability(session, ctx, data.youth_id, {**data.model_dump(), "started_on": started_on})
    row = to_row(
        DisabilityTransitionAssessment,
        data,
        municipality_code=municipality,
        started_on=started_on,
        **ctx.as_actor("author"),
    )
    await DISABILITY_TRANSITIONS.ledger.added(session, ctx, row)
    return disability_read(row)


async def change_disability_transition(
    session: AsyncSession,
    ctx: Ctx,
    assessment_id: uuid.UUID,
    data: DisabilityTransitionUpdate,
    *,
    expected_version: int,
) -> DisabilityTransitionRead:
    """R21: add to, complete or correct the assessment (If-Match); checked as on recording."""
    row = await DISABILITY_TRANSITIONS.locked(session, ctx, assessment_id, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("started_on", row.started_on) is None:
        changes.pop("started_on")
    fields = ("case_id", "started_on", "completed_on", *SECTIONS)
    await _check_disability(session, ctx, row.youth_id, {f: changes.get(f, getattr(row, f)) for f in fields})
    return await DISABILITY_TRANSITIONS.saved(session, ctx, row, changes)


async def read_disability_transition(
    session: AsyncSession, ctx: Ctx, assessment_id: uuid.UUID
) -> DisabilityTransitionRead:
    return await DISABILITY_TRANSITIONS.one(session, ctx, assessment_id)


async def list_disability_transitions(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[DisabilityTransitionRead], str | None]:
    return await DISABILITY_TRANSITIONS.listed(session, ctx, limit, cursor, youth_id)


async def latest_target_group_assessment(
    session: AsyncSession, youth_id: uuid.UUID
) -> TargetGroupAssessmentRead | None:
    """R6 for the printable plan: the youth's latest referral to FGU or assessment. Unscoped and
    unaudited: the caller has checked that the youth is visible and audits its own read."""
    row = await repository.latest_target_group(session, youth_id)
    return target_group_read(row) if row is not None else None
