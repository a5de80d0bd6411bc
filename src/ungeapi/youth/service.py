"""Use cases of the youth registry: register, read, find, change and archive a youth."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import CREATE, Ledger, bump
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.reads import KeysetPage, Row
from ungeapi.models import Youth
from ungeapi.municipality.service import get_policy
from ungeapi.youth import repository, rules
from ungeapi.youth.errors import (
    CprExists,
    ExternalRefTaken,
    OutsideAgeWindow,
    RegisteringDepartmentNotYours,
    YouthArchived,
    YouthNotFound,
)
from ungeapi.youth.schemas import (
    YouthCreate,
    YouthRead,
    YouthUpdate,
)

RESOURCE = repository.RESOURCE
LEDGER = Ledger(RESOURCE, youth="id")


def read_fields(youth: Youth | Row, vault: CprVault, today: date) -> dict[str, Any]:
    """`YouthRead`'s fields from a youth: an ORM row after a write, a read's plain row otherwise."""
    birthdays = rules.relevant_birthdays(youth.birth_date)
    return {
        "id": youth.id,
        "municipality_code": youth.municipality_code,
        "cpr": rules.format_cpr(vault.decrypt(youth.cpr_ciphertext, youth.municipality_code)),
        "birth_date": youth.birth_date,
        "age": rules.age_on(youth.birth_date, today),
        "birthdays": {"turns_15": birthdays[15], "turns_17": birthdays[17], "turns_18": birthdays[18]},
        "given_name": youth.given_name,
        "family_name": youth.family_name,
        "guardians": youth.guardians,
        "target_groups": youth.target_groups,
        "external_ref": (
            {"system": youth.external_system, "id": youth.external_id}
            if youth.external_system and youth.external_id
            else None
        ),
        "registered_by_department": youth.registered_by_department,
        "archived": youth.archived_at is not None,
        "archived_at": youth.archived_at,
        "version": youth.version,
        "created_at": youth.created_at,
        "updated_at": youth.updated_at,
    }


def to_read(youth: Youth | Row, vault: CprVault, today: date) -> YouthRead:
    return YouthRead.model_validate(read_fields(youth, vault, today))


async def check_age_window(
    session: AsyncSession, ctx: Ctx, birth_date: date, *, lower_bound: bool = True
) -> None:
    """R1/R1a, the one check every writer of a KUI record calls: a youth outside the
    municipality's window (`age_min` to `age_max`, on the day of the request) is outside the
    coordinated youth effort, and a record that concerns them is refused with
    `youth.outside_age_window` (422).

    Which writes call it:
    - creating any record about a youth (youth, case, guide offer, plan and its goals and
      measures, referral, agenda item, decision, team and member, team meeting, network meeting,
      transition form, absence, youth plan, aftercare decision) and changing one (PATCH, PUT by
      external reference, bulk import, an action that carries the effort on: accepting a guide,
      submitting or scheduling a referral); a youth's CPR change is checked on the new birth date;
    - not a change that winds the effort down (closing a case, a guide's decline or end, a
      referral withdrawn or concluded, a plan completed or closed, a member leaving a team, a
      consent revoked), so a youth who ages out can be taken out of the effort;
    - `lower_bound=False` for a concern (underretning) and a consent: the municipality must
      receive and assess a concern about any child, and a consent may be given before the
      effort starts, so only the upper bound applies to them; a concern's later handling
      (assessment, acknowledgement, closing) is never refused.
    Offers (the catalogue) and departments concern no youth.
    """
    policy = await get_policy(session)
    age_min = policy.age_min if lower_bound else None
    if rules.outside_age_window(birth_date, ctx.today, age_min, policy.age_max):
        raise OutsideAgeWindow(
            age=rules.age_on(birth_date, ctx.today), age_min=policy.age_min, age_max=policy.age_max
        )


async def check_youth_in_age_window(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, lower_bound: bool = True
) -> None:
    """`check_age_window` for a youth known by id (e.g. the youth of an existing record)."""
    youth = await session.get(Youth, youth_id)
    if youth is None:
        raise YouthNotFound()
    await check_age_window(session, ctx, youth.birth_date, lower_bound=lower_bound)


async def register_youth(session: AsyncSession, ctx: Ctx, data: YouthCreate, *, vault: CprVault) -> YouthRead:
    """Registers a youth. R1/R1a: a youth outside the municipality's age window is refused."""
    cpr = rules.parse_cpr(data.cpr)
    await check_age_window(session, ctx, cpr.birth_date)
    cpr_hash = vault.lookup_hash(cpr.digits)
    if await repository.cpr_hash_taken(session, cpr_hash):
        raise CprExists()
    municipality = ctx.principal.municipality
    youth = Youth(
        municipality_code=municipality,
        cpr_ciphertext=vault.encrypt(cpr.digits, municipality),
        cpr_hash=cpr_hash,
        birth_date=cpr.birth_date,
        given_name=data.given_name,
        family_name=data.family_name,
        given_name_key=rules.name_key(data.given_name),
        family_name_key=rules.name_key(data.family_name),
        guardians=[g.model_dump() for g in data.guardians],
        target_groups=list(data.target_groups),
        external_system=data.external_ref.system if data.external_ref else None,
        external_id=data.external_ref.id if data.external_ref else None,
        registered_by_department=data.registered_by_department or ctx.principal.primary_department,
    )
    session.add(youth)
    await _flush(session)
    await LEDGER.logged(session, ctx, youth, CREATE)
    return to_read(youth, vault, ctx.today)


async def read_youth(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, vault: CprVault) -> YouthRead:
    youth = await repository.read_one(session, ctx, youth_id)
    if youth is None:
        raise YouthNotFound()
    return to_read(youth, vault, ctx.today)


async def lookup_youth(session: AsyncSession, ctx: Ctx, cpr_text: str, *, vault: CprVault) -> YouthRead:
    """Finds a youth by CPR number, if the caller may see them."""
    cpr = rules.parse_cpr(cpr_text)
    youth = await repository.read_by_cpr_hash(session, ctx, vault.lookup_hash(cpr.digits))
    if youth is None:
        raise YouthNotFound()
    return to_read(youth, vault, ctx.today)


async def list_youth(
    session: AsyncSession,
    ctx: Ctx,
    *,
    vault: CprVault,
    limit: int,
    cursor: str | None,
    age_min: int | None,
    age_max: int | None,
    name: str | None,
    archived: bool,
) -> tuple[list[YouthRead], str | None]:
    born_on_or_before = rules.latest_birth_date_for_age(ctx.today, age_min) if age_min is not None else None
    born_after = rules.latest_birth_date_for_age(ctx.today, age_max + 1) if age_max is not None else None
    rows, next_cursor = await repository.PAGE.page(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        born_after=born_after,
        born_on_or_before=born_on_or_before,
        name_pattern=repository.name_pattern(name),
        archived=archived,
    )
    return [to_read(y, vault, ctx.today) for y in rows], next_cursor


async def change_youth(
    session: AsyncSession,
    ctx: Ctx,
    youth_id: uuid.UUID,
    data: YouthUpdate,
    *,
    expected_version: int,
    vault: CprVault,
) -> YouthRead:
    youth = await _locked(session, ctx, youth_id, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("cpr") is not None:
        cpr = rules.parse_cpr(changes["cpr"])
        if cpr.birth_date != youth.birth_date:
            await check_age_window(session, ctx, cpr.birth_date)
        cpr_hash = vault.lookup_hash(cpr.digits)
        if await repository.cpr_hash_taken(session, cpr_hash, except_id=youth.id):
            raise CprExists()
        youth.cpr_ciphertext = vault.encrypt(cpr.digits, youth.municipality_code)
        youth.cpr_hash = cpr_hash
        youth.birth_date = cpr.birth_date
    if "external_ref" in changes:
        ref = data.external_ref
        youth.external_system = ref.system if ref else None
        youth.external_id = ref.id if ref else None
    if data.given_name is not None:
        youth.given_name = data.given_name
        youth.given_name_key = rules.name_key(data.given_name)
    if data.family_name is not None:
        youth.family_name = data.family_name
        youth.family_name_key = rules.name_key(data.family_name)
    handed_over = data.registered_by_department
    if "registered_by_department" in changes and handed_over != youth.registered_by_department:
        check_registering_department(ctx, youth.registered_by_department, handed_over)
        youth.registered_by_department = handed_over
    if "target_groups" in changes:
        youth.target_groups = list(data.target_groups or [])
    if "guardians" in changes:
        youth.guardians = [g.model_dump() for g in data.guardians or []]
    bump(youth)
    await _flush(session)
    await LEDGER.logged(session, ctx, youth, detail={"fields": sorted(changes)})
    return to_read(youth, vault, ctx.today)


async def archive_youth(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, expected_version: int, vault: CprVault
) -> YouthRead:
    """Archives a youth. Archived youth are kept (never deleted) and hidden from default lists."""
    youth = await _locked(session, ctx, youth_id, expected_version)
    youth.archived_at = func.now()
    bump(youth)
    await _flush(session)
    await session.refresh(youth)
    await LEDGER.logged(session, ctx, youth, ("archive", "archived"))
    return to_read(youth, vault, ctx.today)


def check_registering_department(ctx: Ctx, current: str | None, new: str | None) -> None:
    """Who may change the registering department, and to what (youth/rules.py)."""
    if not rules.may_set_registering_department(
        current, new, ctx.principal.departments, sees_whole_municipality(ctx.principal)
    ):
        raise RegisteringDepartmentNotYours(department=new or "-")


async def visible_youth(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> Youth:
    """The youth if the caller may see them (a consent in force included); else YouthNotFound (404).

    For reading only: a path that writes about the youth uses `writable_youth`."""
    youth = await repository.get(session, ctx.principal, ctx.today, youth_id)
    if youth is None:
        raise YouthNotFound()
    return youth


async def check_visible(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> None:
    """YouthNotFound (404) unless the caller may see the youth (a consent in force included)."""
    if not await repository.is_visible(session, ctx, youth_id):
        raise YouthNotFound()


async def youth_records_page(
    session: AsyncSession,
    ctx: Ctx,
    page: KeysetPage,
    limit: int,
    cursor: str | None,
    *,
    youth_id: uuid.UUID | None,
    **given: Any,
) -> tuple[list[Row], str | None]:
    """A page of records about youth the caller may see and its next cursor; asked for one youth's,
    YouthNotFound (404) unless the caller may see that youth, as for reading the youth."""
    if youth_id is not None:
        await check_visible(session, ctx, youth_id)
    return await page.page(session, ctx, limit=limit, cursor=cursor, youth_id=youth_id, **given)


async def writable_youth(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> Youth:
    """The youth if the caller may write about them: seen by their own work, never through a
    consent (access.youth_writable); else YouthNotFound (404), as for a youth they cannot see."""
    youth = await repository.get(session, ctx.principal, ctx.today, youth_id, writable=True)
    if youth is None:
        raise YouthNotFound()
    return youth


async def writes_about(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> bool:
    """The caller may write about the youth (access.youth_writable): no consent counts."""
    return await repository.get(session, ctx.principal, ctx.today, youth_id, writable=True) is not None


async def youth_taken_on_by_cpr(
    session: AsyncSession, ctx: Ctx, cpr_text: str, *, vault: CprVault, department: str
) -> Youth:
    """The youth with this CPR number, whoever may see them, for a department taking the youth on
    because the youth or the family came to it with the number (cases/rules.py `may_take_on`).
    Audited as a `lookup` naming the department; an unknown number is YouthNotFound (404)."""
    cpr = rules.parse_cpr(cpr_text)
    youth = await repository.find_by_cpr_hash(session, vault.lookup_hash(cpr.digits))
    if youth is None:
        raise YouthNotFound()
    await LEDGER.audited(session, ctx, youth, "lookup", {"take_on": department})
    return youth


async def youth_in_municipality(session: AsyncSession, youth_id: uuid.UUID) -> Youth:
    """The youth, whoever may see them: for a concern about any child, and for opening a case once
    cases/rules.py `may_take_on` allowed it."""
    youth = await session.get(Youth, youth_id)
    if youth is None:
        raise YouthNotFound()
    return youth


async def _locked(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, expected_version: int) -> Youth:
    youth = await repository.get(session, ctx.principal, ctx.today, youth_id, for_update=True, writable=True)
    if youth is None:
        raise YouthNotFound()
    check_version(expected_version, youth.version)
    if youth.archived_at is not None:
        raise YouthArchived()
    return youth


async def _flush(session: AsyncSession) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:
        if "cpr_hash" in str(exc.orig):
            raise CprExists() from exc
        if "external_system_external_id" in str(exc.orig):
            raise ExternalRefTaken() from exc
        raise
