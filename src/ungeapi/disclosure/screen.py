"""The one filter of protected parts (R9): every read path of a classified record passes its
answers through `screen` before they leave, as every query passes through access.py.

Set-based: whatever the number of records, at most three statements (the policy's defaults when a
record has no class of its own, the consents in force, the recorded disclosures), and none at all
when the reader owns every record or every record is essential. The decisions are the pure rules
of disclosure/rules.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import consents_in_force_for
from ungeapi.core.context import Ctx
from ungeapi.disclosure import rules
from ungeapi.disclosure.rules import Owner, Reader, Withheld
from ungeapi.disclosure.schemas import WithheldPart
from ungeapi.models import Disclosure
from ungeapi.municipality.service import get_policy

T = TypeVar("T", bound=BaseModel)


def _author(read: Any) -> Owner:
    return Owner(read.author.department, read.author.sub)


def _case(read: Any) -> Owner:
    return Owner(read.department_code, read.caseworker.sub if read.caseworker else None)


def _plan(read: Any) -> Owner:
    return Owner(read.coordinating_caseworker.department, read.coordinating_caseworker.sub)


def _team_meeting(read: Any) -> Owner:
    return Owner(None, read.recorded_by)


# Who owns a record of each resource, read from its answer.
OWNERS: dict[str, Callable[[Any], Owner]] = {
    "case": _case,
    "plan": _plan,
    "transition_form": _author,
    "youth_plan": _author,
    "aftercare_decision": _author,
    "team_meeting": _team_meeting,
}


def _keys(read: Any) -> tuple[uuid.UUID, uuid.UUID]:
    """(youth id, record id) of a classified answer."""
    return read.youth_id, read.id


def reader_of(ctx: Ctx) -> Reader:
    p = ctx.principal
    return rules.reader_of(p.sub, p.departments, p.roles)


async def grants(
    session: AsyncSession, ctx: Ctx, youth_ids: set[uuid.UUID], record_ids: set[uuid.UUID]
) -> tuple[dict[uuid.UUID, set[str]], dict[uuid.UUID, set[str]]]:
    """The consent categories in force per youth, and the classes disclosed per record, for the reader."""
    consented: dict[uuid.UUID, set[str]] = {}
    disclosed: dict[uuid.UUID, set[str]] = {}
    if not ctx.principal.departments:
        return consented, disclosed
    if youth_ids:
        rows = await session.execute(consents_in_force_for(ctx.principal, ctx.today, sorted(youth_ids)))
        for youth_id, categories in rows:
            consented.setdefault(youth_id, set()).update(categories)
    if record_ids:
        disclosures = await session.execute(
            select(Disclosure.record_id, Disclosure.information_class).where(
                Disclosure.record_id.in_(sorted(record_ids)),
                Disclosure.recipient_department.in_(list(ctx.principal.departments)),
            )
        )
        for record_id, information_class in disclosures:
            disclosed.setdefault(record_id, set()).add(information_class)
    return consented, disclosed


async def screen(session: AsyncSession, ctx: Ctx, resource: str, reads: Sequence[T]) -> list[T]:
    """The answers with the protected parts the caller may not read left out and listed as withheld."""
    return [cast(T, read) for read in await screen_mixed(session, ctx, [(resource, r) for r in reads])]


async def screen_mixed(
    session: AsyncSession, ctx: Ctx, items: Sequence[tuple[str, BaseModel]]
) -> list[BaseModel]:
    """`screen` over answers of several resources at once (the overview, the export): one load of
    the policy and of the grants for all of them."""
    if not items:
        return []
    reader = reader_of(ctx)
    defaults: Mapping[str, str] = {}
    if any(getattr(read, "information_class", None) is None for _, read in items):
        defaults = (await get_policy(session)).default_information_class
    classes = [rules.class_of(res, getattr(read, "information_class", None), defaults) for res, read in items]
    owners = [OWNERS[res](read) for res, read in items]
    pending = [i for i in range(len(items)) if rules.needs_grant(reader, owners[i], classes[i])]
    consented: dict[uuid.UUID, set[str]] = {}
    disclosed: dict[uuid.UUID, set[str]] = {}
    if pending:
        keys = [_keys(items[i][1]) for i in pending]
        consented, disclosed = await grants(session, ctx, {k[0] for k in keys}, {k[1] for k in keys})
    out: list[BaseModel] = []
    for (resource, read), information_class, owner in zip(items, classes, owners, strict=True):
        youth_id, record_id = _keys(read)
        withheld = rules.withheld_parts(
            resource,
            information_class,
            reader=reader,
            owner=owner,
            consented=consented.get(youth_id, ()),
            disclosed=disclosed.get(record_id, ()),
        )
        out.append(strip(resource, read, information_class, withheld, reader))
    return out


async def screen_one(session: AsyncSession, ctx: Ctx, resource: str, read: T) -> T:
    return (await screen(session, ctx, resource, [read]))[0]


def strip(resource: str, read: T, information_class: str, withheld: list[Withheld], reader: Reader) -> T:
    """The answer without the withheld parts (their fields null), saying what was left out."""
    update: dict[str, Any] = {"information_class": information_class}
    shown: list[Withheld] = []
    for part in withheld:
        if resource == "plan" and part.part == "measure_details":
            # A department reads the details of its own measures in any plan.
            measures = getattr(read, "measures", None)
            if measures is None:
                continue
            foreign = [m for m in measures if m.department_code not in reader.departments]
            if not foreign:
                continue
            fields = rules.PARTS["plan"]["measure_details"]
            update["measures"] = [
                m.model_copy(update=dict.fromkeys(fields)) if m in foreign else m for m in measures
            ]
            shown.append(part)
            continue
        names = rules.fields_withheld(resource, [part])
        present = [n for n in names if n in type(read).model_fields]
        if present:
            update.update(dict.fromkeys(present))
            shown.append(part)
    update["withheld"] = [WithheldPart(part=w.part, information_class=w.information_class) for w in shown]
    return read.model_copy(update=update)


def protected_fields(resource: str, withheld: Sequence[WithheldPart]) -> set[str]:
    """The fields of the withheld parts (for the answers that repeat them: revisions, versions)."""
    fields = set(rules.fields_withheld(resource, [Withheld(w.part, w.information_class) for w in withheld]))
    if resource == "plan" and any(w.part == "measure_details" for w in withheld):
        fields |= set(rules.PARTS["plan"]["measure_details"])
    return fields
