"""The youth's own door (/v1/me), for a citizen's token only; and the staff's view of what the
youth wrote (/v1/youth/{youth_id}/statements), which staff answer but never change."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from ungeapi.consents.schemas import ConsentRead, ConsentRevoke
from ungeapi.core.http import CHANGE_STATE, CREATE, READ_ONE, READ_PAGE_OF, Call, call_as, text_answer
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.core.vault import Vault
from ungeapi.me import ics, schemas, service
from ungeapi.me.access import OwnCall, OwnIfMatch, ReplyWeekdays
from ungeapi.privacy.router import AccessLogQuery
from ungeapi.privacy.schemas import ExportDocument

router = APIRouter(prefix="/v1/me", tags=["me"])
staff_router = APIRouter(prefix="/v1/youth", tags=["me"])
subjects_router = APIRouter(prefix="/v1/citizen-subjects", tags=["me"])

# The municipality's integration (or an admin) keeps the broker's pseudonyms mapped to people.
SubjectRegistrar = Annotated[Call, call_as("citizens:map", purpose="integration")]
StatementReader = Annotated[Call, call_as("youth:read", purpose="casework")]
# Whoever answers the youth: the coordinating caseworker or the guide (plans:write).
StatementAnswerer = Annotated[Call, call_as("plans:write", purpose="casework")]
OWN = problems(401, 403, 404)
ICS_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ungeapi//Ungekoordineringens møder//DA\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Koordinationsforum\r\nDTSTART:20261203T080000Z\r\n"
    "DTEND:20261203T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@router.get("", response_model=schemas.MyProfile, responses=OWN)
async def read_my_profile(call: OwnCall) -> schemas.MyProfile:
    """Your own profile and who to turn to: your guide and coordinating caseworker (min profil)."""
    return await call.run(service.read_profile)


@router.get("/plan", response_model=schemas.MyPlan, responses=OWN)
async def read_my_plan(call: OwnCall) -> schemas.MyPlan:
    """Your current plan in plain Danish: its phase, goals and measures (min plan)."""
    return await call.run(service.read_plan)


@router.get("/meetings", response_model=Page[schemas.MyMeeting], responses=READ_PAGE_OF)
async def list_my_meetings(call: OwnCall, query: Annotated[PageQuery, Query()]) -> Page[schemas.MyMeeting]:
    """The meetings you are invited to that have not ended, soonest first (mine møder)."""
    return call.page(schemas.MyMeeting, await call.run(service.list_meetings, **vars(query)))


@router.get(
    "/meetings.ics",
    response_class=Response,
    responses={**text_answer("text/calendar", "Your meetings (iCalendar)", ICS_EXAMPLE), **OWN},
)
async def read_my_calendar(call: OwnCall) -> Response:
    """Your next meetings as an iCalendar document, for your calendar (min kalender)."""
    meetings, _ = await call.run(service.list_meetings, limit=100, cursor=None)
    body = ics.render(meetings, now=call.ctx.now)
    return Response(body, media_type="text/calendar; charset=utf-8", headers={"Cache-Control": "no-store"})


@router.get("/consents", response_model=schemas.MyConsents, responses=OWN)
async def list_my_consents(call: OwnCall) -> schemas.MyConsents:
    """Every consent about you (mine samtykker)."""
    return await call.run(service.read_consents)


@router.post("/consents/{consent_id}/revoke", response_model=ConsentRead, responses=CHANGE_STATE)
async def revoke_my_consent(
    consent_id: uuid.UUID, expected: OwnIfMatch, call: OwnCall, data: ConsentRevoke | None = None
) -> ConsentRead:
    """Revoke a consent you gave (tilbagekald samtykke): it opens nothing from now on; needs If-Match."""
    return call.with_etag(
        await call.run(service.revoke_consent, consent_id, data or ConsentRevoke(), expected_version=expected)
    )


@router.get("/access-log", response_model=Page[schemas.MyAccessEntry], responses=READ_PAGE_OF)
async def list_my_access_log(
    call: OwnCall, query: Annotated[AccessLogQuery, Query()]
) -> Page[schemas.MyAccessEntry]:
    """Who looked at your data: when, why and which department, newest first (indsigt i opslag)."""
    return call.page(schemas.MyAccessEntry, await call.run(service.access_log, **vars(query)))


@router.get("/export", response_model=ExportDocument, responses=OWN)
async def export_me(call: OwnCall, vault: Vault) -> ExportDocument:
    """Everything held on you in one document (indsigt, GDPR art. 15)."""
    return await call.run(service.export, vault=vault, lang=call.language)


@router.get("/statements", response_model=Page[schemas.StatementRead], responses=READ_PAGE_OF)
async def list_my_statements(
    call: OwnCall, query: Annotated[PageQuery, Query()]
) -> Page[schemas.StatementRead]:
    """What you have written, and the answers, newest first (mine udtalelser)."""
    return call.page(schemas.StatementRead, await call.run(service.list_statements, **vars(query)))


@router.post("/views", response_model=schemas.StatementRead, status_code=201, responses=CREATE)
async def record_my_view(
    data: schemas.ViewWrite, call: OwnCall, weekdays: ReplyWeekdays
) -> schemas.StatementRead:
    """Your own view of your plan, a coordination meeting or a team meeting, in your own words; a
    new one about the same is its next edition (min vurdering)."""
    return await call.run(
        service.write_view, data.subject_type, data.subject_id, data.text, weekdays=weekdays
    )


@router.post(
    "/meetings/{meeting_id}/reply", response_model=schemas.StatementRead, status_code=201, responses=CREATE
)
async def record_my_meeting_reply(
    meeting_id: uuid.UUID, data: schemas.ReplyWrite, call: OwnCall, weekdays: ReplyWeekdays
) -> schemas.StatementRead:
    """Reply to a meeting invitation before the meeting (svar på invitation)."""
    return await call.run(service.reply_to_invitation, meeting_id, data.reply, data.text, weekdays=weekdays)


@router.post("/talk-requests", response_model=schemas.StatementRead, status_code=201, responses=CREATE)
async def create_my_talk_request(
    data: schemas.TalkRequestWrite, call: OwnCall, weekdays: ReplyWeekdays
) -> schemas.StatementRead:
    """Ask to talk to your guide (or your coordinating caseworker) (ønske om samtale)."""
    return await call.run(service.ask_to_talk, data.text, weekdays=weekdays)


@staff_router.get(
    "/{youth_id}/statements", response_model=Page[schemas.StatementRead], responses=READ_PAGE_OF
)
async def list_youth_statements(
    youth_id: uuid.UUID, call: StatementReader, query: Annotated[PageQuery, Query()]
) -> Page[schemas.StatementRead]:
    """What the youth wrote through their own door, as written, newest first (den unges egne ord)."""
    return call.page(
        schemas.StatementRead, await call.run(service.list_youth_statements, youth_id, **vars(query))
    )


@staff_router.post(
    "/{youth_id}/statements/{statement_id}/answer",
    response_model=schemas.StatementRead,
    responses={**READ_ONE, **problems(401, 403, 404, 409, 422)},
)
async def record_statement_answer(
    youth_id: uuid.UUID, statement_id: uuid.UUID, data: schemas.AnswerWrite, call: StatementAnswerer
) -> schemas.StatementRead:
    """Answer what the youth wrote, once; the youth's words stay as written (svar den unge)."""
    return await call.run(service.answer_statement, youth_id, statement_id, data.answer)


@subjects_router.post(
    "", response_model=schemas.CitizenSubjectRead, responses={**READ_ONE, **problems(401, 403, 422)}
)
async def register_citizen_subject(
    data: schemas.CitizenSubjectWrite, call: SubjectRegistrar, vault: Vault
) -> schemas.CitizenSubjectRead:
    """Map a login broker's pseudonymous `sub` to the person it stands for (pseudonym): a citizen's
    token with that `sub` and no CPR claim then opens /v1/me. The CPR number goes in the body only
    and is kept as its keyed hash; registering a `sub` again replaces its mapping."""
    return await call.run(service.register_subject, data, vault=vault)
