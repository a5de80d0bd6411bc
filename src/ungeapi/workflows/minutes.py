"""The minutes of a forum meeting (referat) with its decisions: printed from one template, as
HTML or PDF on request (GET /v1/meetings/{id}/document), and filed as a PDF document about the
youth each time a decision is recorded, so the feed announces `document.ready` to the journal
system (journaliseringspligt, issue 21)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.documents import printing
from ungeapi.documents import service as documents
from ungeapi.documents.schemas import DocumentUpload
from ungeapi.meetings import service as meetings
from ungeapi.meetings.schemas import DecisionRead, MeetingRead
from ungeapi.meetings.vocabulary import VOCABULARIES as MEETING_WORDS
from ungeapi.referrals.vocabulary import VOCABULARIES as REFERRAL_WORDS

TEMPLATE = "meeting_minutes.html"
WORDS = {**MEETING_WORDS, **REFERRAL_WORDS}
# The minutes' document is about one decision: the worklist's journal reminder looks it up so.
SUBJECT = "meeting_decision"


@dataclass(frozen=True)
class Entry:
    youth_name: str
    decision: DecisionRead


def render(meeting: MeetingRead, entries: list[Entry], ctx: Ctx) -> str:
    return printing.render(TEMPLATE, WORDS, meeting=meeting, decisions=entries, printed_on=ctx.today)


async def file_minutes(session: AsyncSession, ctx: Ctx, decision: DecisionRead, youth_name: str) -> None:
    """Files the minutes of one decision as a PDF about its youth (`document.ready`): the extract
    a youth's record holds, without the other youth decided on at the same meeting."""
    meeting = await meetings.read_meeting(session, ctx, decision.meeting_id)
    meta = DocumentUpload(
        youth_id=decision.youth_id,
        kind="meeting_minutes",
        title=f"Referat af møde {printing.dk_time(meeting.starts_at)}",
        subject_type=SUBJECT,
        subject_id=decision.id,
    )
    html = render(meeting, [Entry(youth_name, decision)], ctx)
    await documents.file_rendered(session, ctx, meta, html=html)
