"""The one filter of protected parts (R9): every read path of a classified record passes its
answers through `screen` before they leave, as every query passes through access.py.

Set-based: whatever the number of records, at most four statements (the policy's defaults when a
record has no class of its own, the consents in force, the recorded disclosures, and the audit of
the parts a grant opened), and none at all when the reader owns every record or every record is
essential. The decisions are the pure rules of disclosure/rules.py.

A protected part shown to a reader outside the owning department because a consent names its class
or the owner disclosed it is a disclosure across departments: audited as `disclose` (access.py
`record_class_disclosures`), naming the recipient department and the consent or the disclosure.
A consent that opens the record itself (a case) is audited by the route (`record_disclosures`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import categories_opening, consents_in_force_for, record_class_disclosures
from ungeapi.core.context import Ctx
from ungeapi.disclosure import repository, rules
from ungeapi.disclosure.errors import ClassNotOwner
from ungeapi.disclosure.rules import Owner, Reader, Withheld
from ungeapi.disclosure.schemas import WithheldPart
from ungeapi.municipality.service import get_policy

T = TypeVar("T", bound=BaseModel)


def _author(read: Any) -> Owner:
    return Owner(read.author.department, read.author.sub)


def _case(read: Any) -> Owner:
    return Owner(read.department_code, read.caseworker.sub if read.caseworker else None)


def _plan(read: Any) -> Owner:
    return Owner(read.coordinating_caseworker.department, read.coordinating_caseworker.sub)


def _team_meeting(read: Any) -> Owner:
    # The team's own department: its lead's (tovholder); the writer of the minutes reads them too.
    return Owner(read.lead_department, read.recorded_by)


def _concern(read: Any) -> Owner:
    return Owner(read.receiving_department_code, read.created_by.sub)


def _network_meeting(read: Any) -> Owner:
    return Owner(read.organiser.department, read.organiser.sub)


def _absence(read: Any) -> Owner:
    return Owner(read.recorded_by_department, None)


# Who owns a record of each resource, read from its answer.
OWNERS: dict[str, Callable[[Any], Owner]] = {
    "case": _case,
    "plan": _plan,
    "transition_form": _author,
    "youth_plan": _author,
    "aftercare_decision": _author,
    "team_meeting": _team_meeting,
    "concern": _concern,
    "network_meeting": _network_meeting,
    "absence": _absence,
    "note": _author,
    "document": _author,
}


def _keys(read: Any) -> tuple[uuid.UUID, uuid.UUID]:
    """(youth id, record id) of a classified answer."""
    return read.youth_id, read.id


def reader_of(ctx: Ctx) -> Reader:
    p = ctx.principal
    return rules.reader_of(p.sub, p.departments, p.roles)


@dataclass
class Grants:
    """For the reader: per youth, the consents in force (category -> (consent id, recipient)); per
    record, the classes disclosed to them (class -> (disclosure id, recipient))."""

    consents: dict[uuid.UUID, dict[str, tuple[uuid.UUID, str]]] = field(default_factory=dict)
    disclosures: dict[uuid.UUID, dict[str, tuple[uuid.UUID, str]]] = field(default_factory=dict)

    def consented(self, youth_id: uuid.UUID) -> set[str]:
        return set(self.consents.get(youth_id, {}))

    def disclosed(self, record_id: uuid.UUID) -> set[str]:
        return set(self.disclosures.get(record_id, {}))


async def _grants(
    session: AsyncSession, ctx: Ctx, youth_ids: set[uuid.UUID], record_ids: set[uuid.UUID]
) -> Grants:
    found = Grants()
    departments = ctx.principal.departments
    if not departments:
        return found
    if youth_ids:
        rows = await session.execute(consents_in_force_for(ctx.principal, ctx.today, sorted(youth_ids)))
        for youth_id, categories, consent_id, recipients in rows:
            recipient = next(d for d in sorted(departments) if d in recipients)
            for category in categories:
                found.consents.setdefault(youth_id, {}).setdefault(category, (consent_id, recipient))
    if record_ids:
        disclosures = await repository.disclosed_to(session, sorted(record_ids), sorted(departments))
        for record_id, information_class, disclosure_id, recipient in disclosures:
            found.disclosures.setdefault(record_id, {}).setdefault(
                information_class, (disclosure_id, recipient)
            )
    return found


async def grants(
    session: AsyncSession, ctx: Ctx, youth_ids: set[uuid.UUID], record_ids: set[uuid.UUID]
) -> tuple[dict[uuid.UUID, set[str]], dict[uuid.UUID, set[str]]]:
    """The consent categories in force per youth, and the classes disclosed per record, for the reader."""
    found = await _grants(session, ctx, youth_ids, record_ids)
    return (
        {y: found.consented(y) for y in found.consents},
        {r: found.disclosed(r) for r in found.disclosures},
    )


def _opened_by(
    resource: str, information_class: str, youth_id: uuid.UUID, record_id: uuid.UUID, found: Grants
) -> dict[str, Any] | None:
    """The audit detail of the grant that opened a record's protected part, if it is to be audited
    here: a § 28 disclosure always; a consent unless it opens the record itself (the route audits
    that read with `record_disclosures`)."""
    disclosed = found.disclosures.get(record_id, {}).get(information_class)
    if disclosed is not None:
        return {
            "recipient": disclosed[1],
            "information_class": information_class,
            "disclosure_id": str(disclosed[0]),
        }
    consented = found.consents.get(youth_id, {}).get(information_class)
    if consented is not None and not categories_opening(resource):
        return {
            "recipient": consented[1],
            "information_class": information_class,
            "consent_id": str(consented[0]),
        }
    return None


def check_may_classify(ctx: Ctx, resource: str, read: Any) -> None:
    """R9: a writer outside the owning department may not change a record's class (it could
    otherwise make the protected parts essential and read them): 403 disclosure.class_not_owner."""
    if not rules.owns(reader_of(ctx), OWNERS[resource](read)):
        raise ClassNotOwner()


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
    found = Grants()
    if pending:
        keys = [_keys(items[i][1]) for i in pending]
        found = await _grants(session, ctx, {k[0] for k in keys}, {k[1] for k in keys})
    out: list[BaseModel] = []
    opened: list[tuple[str, uuid.UUID, uuid.UUID, dict[str, Any]]] = []
    for (resource, read), information_class, owner in zip(items, classes, owners, strict=True):
        youth_id, record_id = _keys(read)
        withheld = rules.withheld_parts(
            resource,
            information_class,
            reader=reader,
            owner=owner,
            consented=found.consented(youth_id),
            disclosed=found.disclosed(record_id),
        )
        if not withheld and rules.needs_grant(reader, owner, information_class):
            detail = _opened_by(resource, information_class, youth_id, record_id, found)
            if detail is not None:
                opened.append((resource, record_id, youth_id, detail))
        out.append(strip(resource, read, information_class, withheld, reader))
    await record_class_disclosures(session, ctx, opened)
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
        present = [n for n in names if n.split(".", 1)[0] in type(read).model_fields]
        if present:
            for name in present:
                if "." not in name:
                    update[name] = None
                    continue
                # A field of a nested object (the three-part frame, the assessment): left out
                # inside it, the object itself stays (it may hold essential fields).
                outer, inner = name.split(".", 1)
                nested = update.get(outer, getattr(read, outer))
                if nested is not None:
                    update[outer] = nested.model_copy(update={inner: None})
            shown.append(part)
    update["withheld"] = [WithheldPart(part=w.part, information_class=w.information_class) for w in shown]
    return read.model_copy(update=update)


def protected_fields(resource: str, withheld: Sequence[WithheldPart]) -> set[str]:
    """The fields of the withheld parts (for the answers that repeat them: revisions, versions)."""
    fields = set(rules.fields_withheld(resource, [Withheld(w.part, w.information_class) for w in withheld]))
    if resource == "plan" and any(w.part == "measure_details" for w in withheld):
        fields |= set(rules.PARTS["plan"]["measure_details"])
    return fields
