"""Use cases of the transition form (overgangsskema): create, read, list, update, versions."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import Ledger, bump
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.pagination import decode_single, split_single_page
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.models import TransitionForm, TransitionFormVersion
from ungeapi.transitions import repository
from ungeapi.transitions.errors import TransitionFormNotFound
from ungeapi.transitions.repository import RESOURCE
from ungeapi.transitions.schemas import (
    Author,
    ExpectedNeeds,
    TransitionFormCreate,
    TransitionFormRead,
    TransitionFormUpdate,
    TransitionFormVersionRead,
)
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_records_page,
)

LEDGER = Ledger(RESOURCE)
VERSIONS = Ledger("transition_form_version")  # read through the form: its id and youth


def to_read(form: TransitionForm | Row) -> TransitionFormRead:
    return from_row(
        TransitionFormRead,
        form,
        author=from_row(Author, form, prefix="author_"),
        support_hours_per_week=(
            float(form.support_hours_per_week) if form.support_hours_per_week is not None else None
        ),
        needs=ExpectedNeeds.model_validate(form.needs),
    )


async def _snapshot(session: AsyncSession, ctx: Ctx, form: TransitionForm, action: str) -> TransitionFormRead:
    await session.flush()
    read = to_read(form)
    session.add(
        TransitionFormVersion(
            municipality_code=form.municipality_code,
            form_id=form.id,
            number=form.version,
            actor_sub=ctx.principal.sub,
            snapshot=read.model_dump(mode="json"),
        )
    )
    await session.flush()
    await LEDGER.logged(session, ctx, form, (action, action))
    return read


async def create_form(session: AsyncSession, ctx: Ctx, data: TransitionFormCreate) -> TransitionFormRead:
    """Write a transition form for a youth you may see (else 404); version 1."""
    youth = await writable_youth(session, ctx, data.youth_id)
    updated_on = data.updated_on or ctx.today
    check_event_date("updated_on", updated_on, today=ctx.today)
    await check_age_window(session, ctx, youth.birth_date)
    form = TransitionForm(
        municipality_code=youth.municipality_code,
        youth_id=youth.id,
        support_hours_per_week=(
            Decimal(str(data.support_hours_per_week)) if data.support_hours_per_week is not None else None
        ),
        needs=data.needs.model_dump(),
        income_basis=data.income_basis,
        yearly_costs=dict(data.yearly_costs),
        notes=data.notes,
        information_class=data.information_class,
        updated_on=updated_on,
        **ctx.as_actor("author"),
    )
    session.add(form)
    return await screen_one(session, ctx, RESOURCE, await _snapshot(session, ctx, form, "create"))


async def read_form(session: AsyncSession, ctx: Ctx, form_id: uuid.UUID) -> TransitionFormRead:
    form = await repository.read_one(session, ctx, form_id)
    if form is None:
        raise TransitionFormNotFound()
    return await screen_one(session, ctx, RESOURCE, to_read(form))


async def list_forms(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[TransitionFormRead], str | None]:
    rows, next_cursor = await youth_records_page(
        session, ctx, repository.PAGE, limit, cursor, youth_id=youth_id
    )
    return await screen(session, ctx, RESOURCE, [to_read(f) for f in rows]), next_cursor


async def update_form(
    session: AsyncSession, ctx: Ctx, form_id: uuid.UUID, expected: int, data: TransitionFormUpdate
) -> TransitionFormRead:
    """Change the form (If-Match); every update appends a version and counts for R11/R12."""
    form = await repository.find(session, ctx, form_id, TransitionFormNotFound, version=expected)
    await check_youth_in_age_window(session, ctx, form.youth_id)
    changes = data.model_dump(exclude_unset=True)
    # §8.1: the day the update really happened, on or after the previous version's day.
    updated_on = data.updated_on or ctx.today
    check_event_date("updated_on", updated_on, today=ctx.today, not_before=form.updated_on)
    if "support_hours_per_week" in changes:
        hours = changes["support_hours_per_week"]
        form.support_hours_per_week = Decimal(str(hours)) if hours is not None else None
    if "needs" in changes:
        form.needs = ExpectedNeeds.model_validate(changes["needs"] or {}).model_dump()
    if "income_basis" in changes:
        form.income_basis = changes["income_basis"]
    if "yearly_costs" in changes:
        form.yearly_costs = dict(changes["yearly_costs"] or {})
    if "notes" in changes:
        form.notes = changes["notes"]
    if "information_class" in changes:
        form.information_class = changes["information_class"]
    for key, value in ctx.as_actor("author").items():
        setattr(form, key, value)
    form.updated_on = updated_on
    bump(form)
    return await screen_one(session, ctx, RESOURCE, await _snapshot(session, ctx, form, "update"))


async def list_versions(
    session: AsyncSession, ctx: Ctx, form_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[TransitionFormVersionRead], str | None]:
    """The form's history, oldest first."""
    form = await repository.find(session, ctx, form_id, TransitionFormNotFound)
    after = decode_single(cursor, int)
    rows = await repository.versions_page(session, form.id, limit=limit, after=after)
    rows, next_cursor = split_single_page(rows, limit, lambda r: r.number)
    await VERSIONS.audited(session, ctx, form)
    # R9: each version is shown under the form's class of today, through the same filter.
    forms = await screen(
        session,
        ctx,
        RESOURCE,
        [
            TransitionFormRead.model_validate({**v.snapshot, "information_class": form.information_class})
            for v in rows
        ],
    )
    return [
        TransitionFormVersionRead(
            number=v.number, occurred_at=v.occurred_at, actor_sub=v.actor_sub, form=shown
        )
        for v, shown in zip(rows, forms, strict=True)
    ], next_cursor
