"""Use cases of the youth's own door: what the youth reads of their own records and what they
write. The youth is found by who they are (core/citizen.py: the keyed CPR hash), never by an id
the caller names; every read is audited (purpose `own_access`, me/access.py) and every write
is logged with a change event like any other."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.consents.schemas import ConsentRead, ConsentRevoke
from ungeapi.consents.service import export_section as consents_of
from ungeapi.consents.service import revoke_own_consent
from ungeapi.core import audit
from ungeapi.core.changes import Ledger
from ungeapi.core.citizen import Citizen
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.messages import Language
from ungeapi.core.pagination import decode_keyset, split_page
from ungeapi.core.schemas import from_row
from ungeapi.me import repository, rules
from ungeapi.me.errors import (
    AlreadyAnswered,
    AlreadyWritten,
    MeetingPast,
    NobodyToTalkTo,
    NotRegistered,
    StatementNotFound,
    SubjectNotFound,
)
from ungeapi.me.schemas import (
    CitizenSubjectRead,
    CitizenSubjectWrite,
    Contact,
    MyAccessEntry,
    MyConsents,
    MyGoal,
    MyMeasure,
    MyMeeting,
    MyPlan,
    MyProfile,
    MyProgression,
    StatementRead,
)
from ungeapi.models import ForumMeeting, GuideAssignment, Plan, Youth, YouthStatement
from ungeapi.plans.vocabulary import VOCABULARIES as PLAN_VOCABULARIES
from ungeapi.privacy.audit_log import LogPage, log_of
from ungeapi.privacy.export import Export, export_of, register_section
from ungeapi.privacy.schemas import ExportDocument
from ungeapi.progression.service import current_phase
from ungeapi.referrals.vocabulary import FORUM
from ungeapi.youth.rules import parse_cpr
from ungeapi.youth.service import check_visible, writes_about

RESOURCE = "youth_statement"
LEDGER = Ledger(RESOURCE)
YOUTH = Ledger("youth", youth="id")
PLAN = Ledger("plan")
DA: Language = "da"
ROLE_LABELS = {"guide": "Ungeguide", "coordinating_caseworker": "Koordinerende sagsbehandler"}


async def own_youth(session: AsyncSession, ctx: Ctx) -> Youth:
    """The youth the citizen's token names; someone with no record here is `me.not_registered`."""
    principal = ctx.principal
    if not isinstance(principal, Citizen):
        raise NotRegistered()
    if principal.subject:
        youth = await repository.youth_by_subject(session, principal.subject)
    else:
        youth = await repository.youth_by_cpr_hash(session, principal.cpr_hash)
    if youth is None:
        raise NotRegistered()
    return youth


def _coordinator(plan: Plan | None) -> rules.Person | None:
    if plan is None:
        return None
    return rules.Person(plan.coordinating_sub, plan.coordinating_name, plan.coordinating_department)


def _guide(guide: GuideAssignment | None) -> rules.Person | None:
    return None if guide is None else rules.Person(guide.guide_sub, guide.guide_name, guide.guide_department)


def _contact(role: str, person: rules.Person, names: dict[str, str]) -> Contact:
    department = person.department
    return Contact(
        role=role,
        role_label=ROLE_LABELS[role],
        name=person.name,
        department=department,
        department_name=names.get(department) if department else None,
    )


async def _contacts(session: AsyncSession, youth_id: uuid.UUID, plan: Plan | None) -> list[Contact]:
    people = {
        "guide": _guide(await repository.current_guide(session, youth_id)),
        "coordinating_caseworker": _coordinator(plan),
    }
    found = {role: person for role, person in people.items() if person is not None}
    names = await repository.department_names(session, {p.department for p in found.values() if p.department})
    return [_contact(role, person, names) for role, person in found.items()]


async def read_profile(session: AsyncSession, ctx: Ctx) -> MyProfile:
    youth = await own_youth(session, ctx)
    plan = await repository.current_plan(session, youth.id)
    contacts = await _contacts(session, youth.id, plan)
    await YOUTH.audited(session, ctx, youth)
    return from_row(MyProfile, youth, youth_id=youth.id, contacts=contacts)


async def read_plan(session: AsyncSession, ctx: Ctx) -> MyPlan:
    """The current plan in plain Danish; no plan yet is `me.subject_not_found`."""
    youth = await own_youth(session, ctx)
    plan = await repository.current_plan(session, youth.id)
    if plan is None:
        raise SubjectNotFound()
    goals, measures = await repository.plan_parts(session, plan.id)
    coordinator = _coordinator(plan)
    assert coordinator is not None
    names = await repository.department_names(
        session, {m.department_code for m in measures} | {plan.coordinating_department or ""}
    )
    phase = await current_phase(session, plan.id)
    await PLAN.audited(session, ctx, plan)
    return from_row(
        MyPlan,
        plan,
        status_label=PLAN_VOCABULARIES["PlanStatus"].label(plan.status, DA),
        goals=[
            from_row(
                MyGoal,
                g,
                horizon_label=PLAN_VOCABULARIES["GoalHorizon"].label(g.horizon, DA),
                status_label=PLAN_VOCABULARIES["GoalStatus"].label(g.status, DA),
            )
            for g in goals
        ],
        measures=[
            from_row(
                MyMeasure,
                m,
                status_label=PLAN_VOCABULARIES["MeasureStatus"].label(m.status, DA),
                department=m.department_code,
                department_name=names.get(m.department_code),
            )
            for m in measures
        ],
        coordinating_caseworker=_contact("coordinating_caseworker", coordinator, names),
        progression=None
        if phase is None
        else MyProgression(
            phase=phase.phase, label=phase.label_da, position=phase.position, since=phase.recorded_on
        ),
    )


async def list_meetings(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None
) -> tuple[list[MyMeeting], str | None]:
    """The meetings the youth is invited to that have not ended, soonest first."""
    youth = await own_youth(session, ctx)
    rows = await repository.upcoming_meetings(
        session, youth.id, ctx.now, limit=limit, after=decode_keyset(cursor, datetime.fromisoformat)
    )
    rows, next_cursor = split_page(rows, limit, lambda m: (m.starts_at, m.id))
    replies = await repository.latest_replies(session, youth.id, [m.id for m in rows])
    await audit.record(session, ctx, action="read", resource_type="forum_meeting", youth_id=youth.id)
    return [_meeting(m, replies.get(m.id)) for m in rows], next_cursor


def _meeting(m: ForumMeeting, reply: str | None) -> MyMeeting:
    return MyMeeting(
        id=m.id,
        kind="forum_meeting",
        title=FORUM.label(m.forum, DA),
        starts_at=m.starts_at,
        ends_at=m.starts_at + timedelta(minutes=m.capacity_minutes),
        location=m.location,
        reply=reply,
    )


async def read_consents(session: AsyncSession, ctx: Ctx) -> MyConsents:
    youth = await own_youth(session, ctx)
    items = await consents_of(session, ctx, youth.id)
    await audit.record(session, ctx, action="read", resource_type="consent", youth_id=youth.id)
    return MyConsents(items=items)


async def revoke_consent(
    session: AsyncSession, ctx: Ctx, consent_id: uuid.UUID, data: ConsentRevoke, *, expected_version: int
) -> ConsentRead:
    """The youth revokes a consent they gave: consents' own revocation, effective at once."""
    youth = await own_youth(session, ctx)
    return await revoke_own_consent(
        session, ctx, youth.id, consent_id, data, expected_version=expected_version
    )


async def access_log(
    session: AsyncSession, ctx: Ctx, **page: Unpack[LogPage]
) -> tuple[list[MyAccessEntry], str | None]:
    """The youth's access log: when, why, which department; never which employee."""
    youth = await own_youth(session, ctx)
    entries, next_cursor = await log_of(session, ctx, youth.id, with_identity=False, **page)
    return [from_row(MyAccessEntry, e) for e in entries], next_cursor


async def export(session: AsyncSession, ctx: Ctx, *, vault: CprVault, lang: Language) -> ExportDocument:
    youth = await own_youth(session, ctx)
    return await export_of(session, ctx, youth, vault=vault, lang=lang)


async def list_statements(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None
) -> tuple[list[StatementRead], str | None]:
    youth = await own_youth(session, ctx)
    return await _statements(session, ctx, youth.id, limit=limit, cursor=cursor)


async def _statements(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[StatementRead], str | None]:
    rows = await repository.statements_page(
        session, youth_id, limit=limit, after=decode_keyset(cursor, datetime.fromisoformat)
    )
    rows, next_cursor = split_page(rows, limit, lambda s: (s.written_at, s.id))
    await audit.record(session, ctx, action="read", resource_type=RESOURCE, youth_id=youth_id)
    return [from_row(StatementRead, r) for r in rows], next_cursor


async def _responsible(session: AsyncSession, youth_id: uuid.UUID, kind: str) -> rules.Person | None:
    plan = await repository.current_plan(session, youth_id)
    guide = await repository.current_guide(session, youth_id)
    return rules.responsible(kind, coordinator=_coordinator(plan), guide=_guide(guide))


async def _write(
    session: AsyncSession,
    ctx: Ctx,
    youth: Youth,
    *,
    kind: str,
    subject_type: str,
    subject_id: uuid.UUID,
    text: str | None,
    reply: str | None,
    weekdays: int,
    responsible: rules.Person | None,
) -> StatementRead:
    """The youth's words as the next edition for the subject, owed an answer by `responsible`
    within `weekdays` weekdays (obligation me.response_due, me/obligations.py)."""
    latest = await repository.latest_edition(session, youth.id, kind, subject_id)
    row = YouthStatement(
        municipality_code=youth.municipality_code,
        youth_id=youth.id,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        edition=rules.next_edition(latest),
        text=text,
        reply=reply,
        written_at=ctx.now,
        respond_by=rules.respond_by(ctx.today, weekdays),
        responsible_sub=responsible.sub if responsible else None,
        responsible_name=responsible.name if responsible else None,
        responsible_department=responsible.department if responsible else None,
    )
    about = {"kind": kind, "subject_type": subject_type, "subject_id": str(subject_id)}
    await LEDGER.added(session, ctx, row, conflict=AlreadyWritten, detail=about, data=about)
    return from_row(StatementRead, row)


async def write_view(
    session: AsyncSession, ctx: Ctx, subject_type: str, subject_id: uuid.UUID, text: str, *, weekdays: int
) -> StatementRead:
    """The youth's own view of their plan, a coordination meeting or a team meeting."""
    youth = await own_youth(session, ctx)
    finders = {
        "plan": repository.plan_of,
        "forum_meeting": repository.forum_meeting_of,
        "team_meeting": repository.team_meeting_of,
    }
    if await finders[subject_type](session, youth.id, subject_id) is None:
        raise SubjectNotFound()
    return await _write(
        session,
        ctx,
        youth,
        kind="view",
        subject_type=subject_type,
        subject_id=subject_id,
        text=text,
        reply=None,
        weekdays=weekdays,
        responsible=await _responsible(session, youth.id, "view"),
    )


async def reply_to_invitation(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, reply: str, text: str | None, *, weekdays: int
) -> StatementRead:
    youth = await own_youth(session, ctx)
    meeting = await repository.forum_meeting_of(session, youth.id, meeting_id)
    if meeting is None:
        raise SubjectNotFound()
    if not rules.may_reply(meeting.starts_at, ctx.now):
        raise MeetingPast()
    return await _write(
        session,
        ctx,
        youth,
        kind="reply",
        subject_type="forum_meeting",
        subject_id=meeting.id,
        text=text,
        reply=reply,
        weekdays=weekdays,
        responsible=await _responsible(session, youth.id, "reply"),
    )


async def ask_to_talk(session: AsyncSession, ctx: Ctx, text: str, *, weekdays: int) -> StatementRead:
    """A request to talk to the guide (or, without one, the coordinating caseworker)."""
    youth = await own_youth(session, ctx)
    guide = await repository.current_guide(session, youth.id)
    plan = await repository.current_plan(session, youth.id)
    responsible = rules.responsible("talk_request", coordinator=_coordinator(plan), guide=_guide(guide))
    subject = guide.id if guide is not None else plan.id if plan is not None else None
    if responsible is None or subject is None:
        raise NobodyToTalkTo()
    return await _write(
        session,
        ctx,
        youth,
        kind="talk_request",
        subject_type="guide_assignment" if guide is not None else "plan",
        subject_id=subject,
        text=text,
        reply=None,
        weekdays=weekdays,
        responsible=responsible,
    )


async def list_youth_statements(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[StatementRead], str | None]:
    """Staff read what the youth wrote, in their scope; they never change it."""
    await check_visible(session, ctx, youth_id)
    return await _statements(session, ctx, youth_id, limit=limit, cursor=cursor)


async def answer_statement(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, statement_id: uuid.UUID, answer: str
) -> StatementRead:
    """Staff answer what the youth wrote, once: the obligation to respond is met."""
    if not await writes_about(session, ctx, youth_id):
        raise StatementNotFound()
    row = await repository.statement_for_answer(session, youth_id, statement_id)
    if row is None:
        raise StatementNotFound()
    if row.answered_at is not None:
        raise AlreadyAnswered()
    row.answered_at = ctx.now
    row.answered_by_sub = ctx.principal.sub
    row.answered_by_name = ctx.principal.name
    row.answer = answer
    await LEDGER.saved(session, ctx, row, ("answer", "updated"))
    return from_row(StatementRead, row)


async def register_subject(
    session: AsyncSession, ctx: Ctx, data: CitizenSubjectWrite, *, vault: CprVault
) -> CitizenSubjectRead:
    """The person a pseudonymous `sub` stands for, by keyed CPR hash: a token naming only that
    `sub` then opens the youth's own door. Audited without the number."""
    cpr_hash = vault.lookup_hash(parse_cpr(data.cpr).digits)
    row = await repository.register_subject(
        session,
        {
            "subject": data.subject,
            "cpr_hash": cpr_hash,
            "registered_by_sub": ctx.principal.sub,
            "municipality_code": ctx.principal.municipality,
        },
    )
    youth = await repository.youth_by_cpr_hash(session, cpr_hash)
    await audit.record(
        session,
        ctx,
        action="register",
        resource_type="citizen_subject",
        resource_id=row.id,
        youth_id=None if youth is None else youth.id,
    )
    return CitizenSubjectRead(
        subject=row.subject, registered_at=row.registered_at, youth_registered=youth is not None
    )


async def statements_section(e: Export) -> Any:
    """The youth's own words and the answers, for the export (right of access)."""
    return [
        from_row(StatementRead, r).model_dump(mode="json")
        for r in await repository.statements_of(e.session, e.youth.id)
    ]


register_section("statements", statements_section)
