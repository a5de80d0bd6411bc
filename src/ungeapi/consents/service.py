"""Use cases of consents (samtykker): register, add a custody holder's consent, revoke, read, list.

The rules are in consents/rules.py (domain.md section 6); the widening of access a consent in
force gives is in ungeapi.access, the one place the scope is decided.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import record_disclosures
from ungeapi.consents import repository, rules
from ungeapi.consents.errors import (
    ConsentNotFound,
    ConsentRevoked,
    ConsentRuleBroken,
    NotGiverSide,
    UnknownDepartment,
)
from ungeapi.consents.schemas import (
    ConsentCreate,
    ConsentGiver,
    ConsentRead,
    ConsentRevoke,
    GiverAdd,
    Registrar,
)
from ungeapi.core.changes import Ledger
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import PageQuery
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row
from ungeapi.models import Consent, Youth
from ungeapi.youth.service import check_age_window, writable_youth, youth_query_page

RESOURCE = "consent"
LEDGER = Ledger(RESOURCE)


def to_read(row: Consent | Row, today: date) -> ConsentRead:
    return from_row(
        ConsentRead,
        row,
        given_by=[ConsentGiver.model_validate(g) for g in row.given_by],
        status=rules.status(
            complete=row.complete,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            revoked=row.revoked_at is not None,
            today=today,
        ),
        registered_by=Registrar(sub=row.registered_by_sub, department=row.registered_by_department),
    )


def _refused(exc: rules.ConsentRefused) -> ConsentRuleBroken:
    error = ConsentRuleBroken(exc.code)
    error.params = dict(exc.params)
    return error


def _custody_holders(youth: Youth) -> list[str]:
    return [str(g.get("name")) for g in youth.guardians if g.get("has_custody") and g.get("name")]


def _giver(data: ConsentGiver | GiverAdd) -> rules.Giver:
    return rules.Giver(kind=data.kind, name=data.name, given_on=data.given_on)


def _stored_givers(row: Consent) -> list[rules.Giver]:
    return [_giver(ConsentGiver.model_validate(g)) for g in row.given_by]


async def register_consent(session: AsyncSession, ctx: Ctx, data: ConsentCreate) -> ConsentRead:
    """Registers a consent about a youth the caller sees; refused when a consent rule is broken."""
    youth = await writable_youth(session, ctx, data.youth_id)
    await check_age_window(session, ctx, youth.birth_date, lower_bound=False)
    holders = _custody_holders(youth)
    givers: list[rules.Giver] = []
    recipients = sorted(set(data.recipient_departments))
    categories = sorted(set(data.categories))
    try:
        for item in data.given_by:
            giver = _giver(item)
            rules.check_giver(giver, youth.birth_date, ctx.today, holders)
            rules.check_new_giver(givers, giver)
            givers.append(giver)
        valid_from = data.valid_from or max(g.given_on for g in givers)
        rules.check_period(givers, valid_from, data.valid_until)
        kinds = await repository.department_kinds(session, recipients)
        unknown = sorted(set(recipients) - set(kinds))
        if unknown:
            raise UnknownDepartment(department=", ".join(unknown))
        rules.check_ssp(categories, kinds)
    except rules.ConsentRefused as exc:
        raise _refused(exc) from exc
    row = Consent(
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        given_by=[g.model_dump(mode="json") for g in data.given_by],
        complete=rules.is_complete(givers, youth.birth_date, holders),
        categories=categories,
        recipient_departments=recipients,
        purpose=data.purpose,
        valid_from=valid_from,
        valid_until=data.valid_until,
        document_ref=data.document_ref,
        registered_by_sub=ctx.principal.sub,
        registered_by_department=ctx.principal.primary_department,
    )
    await LEDGER.added(session, ctx, row, detail={"recipients": recipients, "categories": categories})
    return to_read(row, ctx.today)


async def _locked(session: AsyncSession, ctx: Ctx, consent_id: uuid.UUID, expected_version: int) -> Consent:
    """The consent, to record something for its giver (a revocation, another giver).

    Found in the read scope, so a recipient that reads the consent (its basis) is told 403
    `consent.not_giver_side` rather than a 404 that would contradict its own GET; anyone who
    cannot see the consent gets 404."""
    row = await repository.find(session, ctx, consent_id, ConsentNotFound, for_update=True)
    youth = await session.get(Youth, row.youth_id)
    if not rules.may_act_for_giver(
        roles=ctx.principal.roles,
        departments=ctx.principal.departments,
        consent_registered_by=row.registered_by_department,
        youth_registered_by=youth.registered_by_department if youth is not None else None,
    ):
        raise NotGiverSide()
    check_version(expected_version, row.version)
    if row.revoked_at is not None:
        raise ConsentRevoked()
    return row


async def add_giver(
    session: AsyncSession, ctx: Ctx, consent_id: uuid.UUID, data: GiverAdd, *, expected_version: int
) -> ConsentRead:
    """Records one more giver, e.g. the second custody holder of a youth under 15 (domain.md 6.1).

    A consent that becomes complete this way is in force from that giver's day at the earliest.
    """
    row = await _locked(session, ctx, consent_id, expected_version)
    youth = await writable_youth(session, ctx, row.youth_id)
    await check_age_window(session, ctx, youth.birth_date, lower_bound=False)
    holders = _custody_holders(youth)
    givers = _stored_givers(row)
    giver = _giver(data)
    try:
        rules.check_giver(giver, youth.birth_date, ctx.today, holders)
        rules.check_new_giver(givers, giver)
        givers.append(giver)
        valid_from = row.valid_from if row.complete else max(row.valid_from, giver.given_on)
        rules.check_period(givers if not row.complete else [], valid_from, row.valid_until)
    except rules.ConsentRefused as exc:
        raise _refused(exc) from exc
    row.given_by = [*row.given_by, data.model_dump(mode="json")]
    row.valid_from = valid_from
    row.complete = rules.is_complete(givers, youth.birth_date, holders)
    await LEDGER.saved(session, ctx, row, detail={"added_giver": data.kind})
    return to_read(row, ctx.today)


async def revoke_consent(
    session: AsyncSession, ctx: Ctx, consent_id: uuid.UUID, data: ConsentRevoke, *, expected_version: int
) -> ConsentRead:
    """Revokes a consent: from this moment it opens nothing (not retroactive either way)."""
    row = await _locked(session, ctx, consent_id, expected_version)
    return await _revoke(session, ctx, row, data)


async def revoke_own_consent(
    session: AsyncSession,
    ctx: Ctx,
    youth_id: uuid.UUID,
    consent_id: uuid.UUID,
    data: ConsentRevoke,
    *,
    expected_version: int,
) -> ConsentRead:
    """The youth revokes a consent they gave (/v1/me): the same revocation, at once; a consent
    about another youth, or one the youth did not give, is `not_found`."""
    row = await session.get(Consent, consent_id, with_for_update=True)
    if row is None or row.youth_id != youth_id or not rules.given_by_youth(_stored_givers(row)):
        raise ConsentNotFound()
    check_version(expected_version, row.version)
    if row.revoked_at is not None:
        raise ConsentRevoked()
    return await _revoke(session, ctx, row, data)


async def _revoke(session: AsyncSession, ctx: Ctx, row: Consent, data: ConsentRevoke) -> ConsentRead:
    """From this moment the consent opens nothing (not retroactive either way)."""
    row.revoked_at = ctx.now
    row.revoked_by_sub = ctx.principal.sub
    row.revocation_reason = data.reason
    await LEDGER.saved(session, ctx, row, ("revoke", "state_changed"))
    return to_read(row, ctx.today)


async def read_consent(session: AsyncSession, ctx: Ctx, consent_id: uuid.UUID) -> ConsentRead:
    row = await repository.find(session, ctx, consent_id, ConsentNotFound)
    await LEDGER.audited(session, ctx, row)
    await record_disclosures(session, ctx, "youth", [(row.id, row.youth_id)], resource_type=RESOURCE)
    return to_read(row, ctx.today)


async def list_consents(
    session: AsyncSession, ctx: Ctx, query: PageQuery
) -> tuple[list[ConsentRead], str | None]:
    rows, next_cursor = await youth_query_page(session, ctx, repository.PAGE, query)
    return [to_read(r, ctx.today) for r in rows], next_cursor


async def export_section(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every consent about the youth, for the youth's own export (right of access)."""
    return [
        to_read(r, ctx.today).model_dump(mode="json") for r in await repository.for_youth(session, youth_id)
    ]
