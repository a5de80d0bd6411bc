"""Recorded disclosures (R9, forvaltningslovens § 28): the owning caseworker discloses a record's
protected part to another department, with the legal basis and the reason; audited as a disclosure.
From then on the screen (screen.py) shows that record's protected part to the recipient."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.disclosure import repository, rules
from ungeapi.disclosure.errors import (
    NothingProtected,
    NotOwner,
    RecipientOwns,
    RecordNotFound,
    UnknownRecipient,
)
from ungeapi.disclosure.schemas import Discloser, DisclosureCreate, DisclosureRead
from ungeapi.disclosure.screen import reader_of
from ungeapi.models import (
    AbsenceRecord,
    AftercareDecision,
    Concern,
    Disclosure,
    NetworkMeeting,
    Plan,
    TransitionForm,
    YouthCase,
    YouthPlan,
)
from ungeapi.municipality.service import department_exists, get_policy
from ungeapi.youth.service import youth_records_page

# Each disclosable resource: its table, and the columns of its owning department and person.
_RECORDS: dict[str, tuple[Any, str, str | None]] = {
    "case": (YouthCase, "department_code", "caseworker_sub"),
    "plan": (Plan, "coordinating_department", "coordinating_sub"),
    "transition_form": (TransitionForm, "author_department", "author_sub"),
    "youth_plan": (YouthPlan, "author_department", "author_sub"),
    "aftercare_decision": (AftercareDecision, "author_department", "author_sub"),
    "concern": (Concern, "receiving_department_code", "created_by_sub"),
    "network_meeting": (NetworkMeeting, "organiser_department", "organiser_sub"),
    "absence": (AbsenceRecord, "recorded_by_department", None),
}


async def _record(
    session: AsyncSession, ctx: Ctx, resource_type: str, record_id: uuid.UUID
) -> tuple[Any, uuid.UUID, rules.Owner] | None:
    """The record you may see (the youth's scope; a concern the concern scope), its youth and owner."""
    if resource_type == "team_meeting":
        # A team meeting belongs to the youth through its team; the team's lead's department owns it.
        found = await repository.visible_team_meeting(session, ctx.principal, ctx.today, record_id)
        if found is None:
            return None
        meeting, team = found
        return meeting, team.youth_id, rules.Owner(team.lead_department, meeting.recorded_by_sub)
    model, department_column, sub_column = _RECORDS[resource_type]
    row = await repository.visible_record(session, ctx.principal, ctx.today, model, record_id)
    if row is None:
        return None
    owner = rules.Owner(getattr(row, department_column), getattr(row, sub_column) if sub_column else None)
    return row, row.youth_id, owner


def to_read(row: Disclosure | Row) -> DisclosureRead:
    return from_row(
        DisclosureRead,
        row,
        disclosed_by=from_row(Discloser, row, prefix="disclosed_by_"),
    )


async def disclose(session: AsyncSession, ctx: Ctx, data: DisclosureCreate) -> DisclosureRead:
    """R9: record that the protected part of a record you own is disclosed to a department."""
    found = await _record(session, ctx, data.resource_type, data.record_id)
    if found is None:
        raise RecordNotFound()
    row, youth_id, owner = found
    if not rules.owns(reader_of(ctx), owner):
        raise NotOwner()
    policy = await get_policy(session)
    information_class = rules.class_of(
        data.resource_type, row.information_class, policy.default_information_class
    )
    if information_class not in rules.PROTECTED:
        raise NothingProtected()
    if owner.department is not None and data.recipient_department == owner.department:
        raise RecipientOwns(department=data.recipient_department)
    if not await department_exists(session, data.recipient_department):
        raise UnknownRecipient(department=data.recipient_department)
    disclosure = to_row(
        Disclosure,
        data,
        municipality_code=ctx.principal.municipality,
        youth_id=youth_id,
        record_id=row.id,
        information_class=information_class,
        disclosed_on=ctx.today,
        **ctx.as_actor("disclosed_by"),
    )
    session.add(disclosure)
    await session.flush()
    await audit.record(
        session,
        ctx,
        action="disclose",
        resource_type=data.resource_type,
        resource_id=row.id,
        youth_id=youth_id,
        detail={
            "disclosure_id": str(disclosure.id),
            "recipient_department": data.recipient_department,
            "information_class": information_class,
            "legal_basis": data.legal_basis,
        },
    )
    return to_read(disclosure)


async def list_disclosures(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[DisclosureRead], str | None]:
    """The disclosures about the youth you may see, oldest first."""
    rows, next_cursor = await youth_records_page(
        session, ctx, repository.PAGE, limit, cursor, youth_id=youth_id
    )
    return [to_read(r) for r in rows], next_cursor
