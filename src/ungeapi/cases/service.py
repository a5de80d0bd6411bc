"""Use cases of cases (sager): open, read, list, change, and upsert from a journal system."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.cases import repository, rules
from ungeapi.cases.errors import (
    CaseNotFound,
    ClosedBeforeOpened,
    ExternalRefOtherYouth,
    NotYourDepartment,
    SupportHoursWithoutExpectation,
    UnknownDepartment,
)
from ungeapi.cases.schemas import CaseCreate, CaseFields, CaseRead, CaseUpdate, CaseUpsert, Caseworker
from ungeapi.core.changes import Ledger
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, named_in
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.law.service import check_reference
from ungeapi.models import Youth, YouthCase
from ungeapi.municipality.service import department_exists
from ungeapi.youth.errors import YouthNotFound
from ungeapi.youth.schemas import ExternalRef
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writes_about,
    youth_in_municipality,
    youth_records_page,
    youth_taken_on_by_cpr,
)

RESOURCE = "case"
LEDGER = Ledger(RESOURCE)


def to_read(case: YouthCase | Row, today: date) -> CaseRead:
    return from_row(
        CaseRead,
        case,
        caseworker=named_in(Caseworker, case, "caseworker_"),
        open=rules.is_open_on(case.opened_on, case.closed_on, today),
        support_hours_after_18=(
            float(case.support_hours_after_18) if case.support_hours_after_18 is not None else None
        ),
        external_ref=(
            ExternalRef(system=case.external_system, id=case.external_id)
            if case.external_system and case.external_id
            else None
        ),
    )


async def _check_department(session: AsyncSession, ctx: Ctx, department_code: str) -> None:
    if not rules.may_write_department(
        department_code, ctx.principal.departments, sees_whole_municipality(ctx.principal)
    ):
        raise NotYourDepartment(department=department_code)
    if not await department_exists(session, department_code):
        raise UnknownDepartment(department=department_code)


def _field_values(data: CaseFields, ctx: Ctx) -> dict[str, Any]:
    opened_on = data.opened_on or ctx.today
    check_event_date("opened_on", opened_on, today=ctx.today)
    if not rules.dates_in_order(opened_on, data.closed_on):
        raise ClosedBeforeOpened()
    check_event_date("closed_on", data.closed_on, today=ctx.today)
    if not rules.support_after_18_consistent(data.support_after_18_expected, data.support_hours_after_18):
        raise SupportHoursWithoutExpectation()
    caseworker = data.caseworker or Caseworker(sub=ctx.principal.sub, name=ctx.principal.name)
    return {
        "kind": data.kind,
        "legal_basis": data.legal_basis,
        "legal_basis_code": data.legal_basis_code,
        "caseworker_sub": caseworker.sub,
        "caseworker_name": caseworker.name,
        "opened_on": opened_on,
        "closed_on": data.closed_on,
        "support_after_18_expected": data.support_after_18_expected,
        "support_hours_after_18": _hours(data.support_hours_after_18),
        "benefit_type": data.benefit_type,
        "has_vocational_education": data.has_vocational_education,
        "has_custody_of_children": data.has_custody_of_children,
        "information_class": data.information_class,
    }


def _hours(hours: float | None) -> Decimal | None:
    return Decimal(str(round(hours, 1))) if hours is not None else None


async def _taken_on(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, department: str) -> Youth:
    """The youth a new case in `department` is opened for, when the department may take the youth
    on (rules.may_take_on); else YouthNotFound (404), as for any youth the caller cannot see."""
    youth = await youth_in_municipality(session, youth_id)
    whole = sees_whole_municipality(ctx.principal)
    if whole or await writes_about(session, ctx, youth_id):
        return youth
    concern, referral = await repository.take_on_bases(session, youth_id, department)
    if not rules.may_take_on(
        municipality_wide=whole,
        writes_youth=False,
        cpr_given=False,
        concern_received=concern,
        named_in_referral=referral,
    ):
        raise YouthNotFound()
    return youth


async def open_case(session: AsyncSession, ctx: Ctx, data: CaseCreate, *, vault: CprVault) -> CaseRead:
    """Opens a case in one of the caller's departments for a youth the department may take on
    (rules.may_take_on): one it already works with, or by CPR, a concern or a forum referral."""
    await _check_department(session, ctx, data.department_code)
    values = _field_values(data, ctx)
    await check_reference(session, values["legal_basis_code"], on=values["opened_on"])
    values["substantial_permanent_disability"] = data.substantial_permanent_disability
    if data.youth_cpr is not None:
        youth = await youth_taken_on_by_cpr(
            session, ctx, data.youth_cpr, vault=vault, department=data.department_code
        )
    else:
        assert data.youth_id is not None  # CaseCreate holds exactly one of the two
        youth = await _taken_on(session, ctx, data.youth_id, data.department_code)
    await check_age_window(session, ctx, youth.birth_date)
    if data.external_ref is not None:
        known = await repository.get_by_external(session, data.external_ref.system, data.external_ref.id)
        if known is not None and known.youth_id != youth.id:
            raise ExternalRefOtherYouth(external=f"{data.external_ref.system}/{data.external_ref.id}")
    case = YouthCase(
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        department_code=data.department_code,
        external_system=data.external_ref.system if data.external_ref else None,
        external_id=data.external_ref.id if data.external_ref else None,
        **values,
    )
    await LEDGER.added(session, ctx, case)
    return await screen_one(session, ctx, RESOURCE, to_read(case, ctx.today))


async def upsert_by_external(
    session: AsyncSession,
    ctx: Ctx,
    system: str,
    external_id: str,
    data: CaseUpsert,
    *,
    expected_version: int | None,
) -> tuple[CaseRead, bool]:
    """Creates or replaces the case a journal system knows as (system, id). Returns (case, created).

    The case stays with its youth: a body naming another youth is refused (409)."""
    await _check_department(session, ctx, data.department_code)
    values = _field_values(data, ctx)
    await check_reference(session, values["legal_basis_code"], on=values["opened_on"])
    values["substantial_permanent_disability"] = data.substantial_permanent_disability
    youth = await youth_in_municipality(session, data.youth_id)
    case = await repository.get_by_external(session, system, external_id)
    if case is not None and case.youth_id != youth.id:
        raise ExternalRefOtherYouth(external=f"{system}/{external_id}")
    if case is None:
        await _taken_on(session, ctx, youth.id, data.department_code)
    elif not rules.may_write_department(
        case.department_code, ctx.principal.departments, sees_whole_municipality(ctx.principal)
    ):
        # A journal system's case stays where it is unless its department (or admin) moves it.
        raise NotYourDepartment(department=case.department_code)
    if case is None or values["closed_on"] is None:  # R1: closing an existing case winds down
        await check_age_window(session, ctx, youth.birth_date)
    detail = {"external": f"{system}/{external_id}"}
    if case is None:
        case = YouthCase(
            municipality_code=ctx.principal.municipality,
            youth_id=youth.id,
            department_code=data.department_code,
            external_system=system,
            external_id=external_id,
            **values,
        )
        await LEDGER.added(session, ctx, case, detail=detail)
        return await screen_one(session, ctx, RESOURCE, to_read(case, ctx.today)), True
    if expected_version is not None:
        check_version(expected_version, case.version)
    changed = {k: v for k, v in values.items() if getattr(case, k) != v}
    if case.department_code != data.department_code:
        changed.update(department_code=data.department_code)
    for field, value in changed.items():
        setattr(case, field, value)
    if changed:
        await LEDGER.saved(session, ctx, case, detail=detail)
    else:  # an unchanged case is no change event, but the journal system's write is audited
        await LEDGER.audited(session, ctx, case, "update", detail)
    return await screen_one(session, ctx, RESOURCE, to_read(case, ctx.today)), False


async def read_case(session: AsyncSession, ctx: Ctx, case_id: uuid.UUID) -> CaseRead:
    case = await repository.read_one(session, ctx, case_id)
    if case is None:
        raise CaseNotFound()
    return await screen_one(session, ctx, RESOURCE, to_read(case, ctx.today))


async def visible_case(session: AsyncSession, ctx: Ctx, case_id: uuid.UUID) -> YouthCase | None:
    """The case, if the caller may see it, without an audit record: for another domain's check
    of a case it refers to."""
    return await repository.get(session, ctx.principal, ctx.today, case_id)


async def open_cases_of(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, limit: int
) -> list[YouthCase]:
    """The youth's cases open today that the caller may see, oldest first, at most `limit`;
    the caller's own read is what is audited (the overview)."""
    return await repository.open_of_youth(session, ctx.principal, ctx.today, youth_id, limit=limit)


class CaseFilters(TypedDict):
    youth_id: uuid.UUID | None
    department: str | None
    kind: str | None
    open_only: bool | None


async def list_cases(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, **filters: Unpack[CaseFilters]
) -> tuple[list[CaseRead], str | None]:
    rows, next_cursor = await youth_records_page(session, ctx, repository.PAGE, limit, cursor, **filters)
    return await screen(session, ctx, RESOURCE, [to_read(c, ctx.today) for c in rows]), next_cursor


async def change_case(
    session: AsyncSession, ctx: Ctx, case_id: uuid.UUID, data: CaseUpdate, *, expected_version: int
) -> CaseRead:
    case = await repository.find(session, ctx, case_id, CaseNotFound, version=expected_version)
    if not rules.may_write_department(
        case.department_code, ctx.principal.departments, sees_whole_municipality(ctx.principal)
    ):
        raise NotYourDepartment(department=case.department_code)
    changes = data.model_dump(exclude_unset=True)
    opened_on = data.opened_on or case.opened_on
    closed_on = data.closed_on if "closed_on" in changes else case.closed_on
    if "opened_on" in changes:
        check_event_date("opened_on", opened_on, today=ctx.today)
    if not rules.dates_in_order(opened_on, closed_on):
        raise ClosedBeforeOpened()
    if "closed_on" in changes:
        check_event_date("closed_on", closed_on, today=ctx.today)
    if closed_on is None:  # R1: closing the case (or correcting a closed one) winds down
        await check_youth_in_age_window(session, ctx, case.youth_id)
    expected = case.support_after_18_expected
    if data.support_after_18_expected is not None:
        expected = data.support_after_18_expected
    if "support_hours_after_18" in changes:
        hours = _hours(data.support_hours_after_18)
    else:
        hours = case.support_hours_after_18 if expected else None
    if not rules.support_after_18_consistent(expected, float(hours) if hours is not None else None):
        raise SupportHoursWithoutExpectation()
    case.support_after_18_expected, case.support_hours_after_18 = expected, hours
    case.opened_on, case.closed_on = opened_on, closed_on
    if "legal_basis_code" in changes or "opened_on" in changes:
        code = changes["legal_basis_code"] if "legal_basis_code" in changes else case.legal_basis_code
        await check_reference(session, code, on=opened_on)
    if data.substantial_permanent_disability is not None:
        case.substantial_permanent_disability = data.substantial_permanent_disability
    for field in (
        "kind",
        "legal_basis",
        "legal_basis_code",
        "benefit_type",
        "has_vocational_education",
        "has_custody_of_children",
        "information_class",
    ):
        if field in changes and (changes[field] is not None or field != "kind"):
            setattr(case, field, changes[field])
    if data.caseworker is not None:
        case.caseworker_sub, case.caseworker_name = data.caseworker.sub, data.caseworker.name
    await LEDGER.saved(session, ctx, case, detail={"fields": sorted(changes)})
    return await screen_one(session, ctx, RESOURCE, to_read(case, ctx.today))
