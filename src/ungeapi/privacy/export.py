"""The youth's right of access (GDPR art. 15): everything held on one youth in one document.

Each domain contributes one section through its own service's serializer, listed in SECTIONS
(like the worklist's obligations SOURCES): a new domain adds its section there, and the export,
its test and the audit follow by themselves. The export is privacy's job: the sections live here
and call the domains, never the other way round; only a domain that itself builds on privacy
(the youth's own door and what it shows) registers its section instead (`register_section`).
Sections read unscoped within the municipality (row-level security still applies): the
export is for the data-protection role and admin, who see the whole municipality anyway.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.absence.service import to_read as absence_to_read
from ungeapi.assessments.service import disability_read, target_group_read
from ungeapi.cases.service import to_read as case_to_read
from ungeapi.concerns.service import to_read as concern_to_read
from ungeapi.consents.service import export_section as consents_section
from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.messages import Language
from ungeapi.core.scrub import mask_cpr
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.documents.service import to_read as document_to_read
from ungeapi.education_orders.service import to_read as education_order_read
from ungeapi.guides.service import to_read as guide_to_read
from ungeapi.models import (
    AbsenceRecord,
    AftercareDecision,
    Concern,
    CoordinatingTeam,
    CoordinationNote,
    DisabilityTransitionAssessment,
    Document,
    EducationOrder,
    GuideAssignment,
    MeetingDecision,
    NetworkMeeting,
    Plan,
    Referral,
    TargetGroupAssessment,
    TransitionForm,
    Youth,
    YouthCase,
    YouthPlan,
)
from ungeapi.municipality.service import get_policy
from ungeapi.network.service import to_read as network_to_read
from ungeapi.notes.service import to_read as note_to_read
from ungeapi.obligations.service import list_obligations, resolutions_of
from ungeapi.placements.service import aftercare_read, youth_plan_read
from ungeapi.plans.service import to_read as plan_to_read
from ungeapi.privacy import repository
from ungeapi.privacy.schemas import ExportDocument
from ungeapi.referrals.service import read_model as referral_read
from ungeapi.teams.service import to_read as team_to_read
from ungeapi.transitions.service import to_read as transition_form_to_read
from ungeapi.youth.service import to_read as youth_to_read
from ungeapi.youth.service import visible_youth

OBLIGATIONS_LIMIT = 200
YOUTH = Ledger("youth", youth="id")


@dataclass(frozen=True)
class Export:
    """What a section gets: the request's context, the youth, and what serializers need."""

    session: AsyncSession
    ctx: Ctx
    youth: Youth
    vault: CprVault
    lang: Language


Section = Callable[[Export], Awaitable[Any]]


async def _rows(e: Export, model: Any, *order: Any) -> list[Any]:
    return await repository.records_of_youth(e.session, model, e.youth.id, *order)


def _dump(reads: list[Any]) -> list[Any]:
    return [r.model_dump(mode="json") for r in reads]


# R9: the export goes through the same filter as every read (it is for admin and dpo, who read
# every class, but a narrower export right would get exactly what its holder may read).
async def youth_section(e: Export) -> Any:
    return youth_to_read(e.youth, e.vault, e.ctx.today).model_dump(mode="json")


async def cases_section(e: Export) -> Any:
    rows = await _rows(e, YouthCase, YouthCase.opened_on, YouthCase.id)
    return _dump(await screen(e.session, e.ctx, "case", [case_to_read(r, e.ctx.today) for r in rows]))


async def guides_section(e: Export) -> Any:
    rows = await _rows(e, GuideAssignment, GuideAssignment.offered_on, GuideAssignment.id)
    return [guide_to_read(r).model_dump(mode="json") for r in rows]


async def plans_section(e: Export) -> Any:
    plans = await _rows(e, Plan, Plan.started_on, Plan.id)
    result = []
    for plan in plans:
        goals, measures, revisions = await repository.plan_parts(e.session, plan.id)
        document = (
            await screen_one(e.session, e.ctx, "plan", plan_to_read(plan, goals, measures))
        ).model_dump(mode="json")
        document["revisions"] = [
            {"number": r.number, "occurred_at": r.occurred_at.isoformat(), "actor_name": r.actor_name}
            for r in revisions
        ]
        result.append(document)
    return result


async def concerns_section(e: Export) -> Any:
    policy = await get_policy(e.session)
    rows = await _rows(e, Concern, Concern.created_at, Concern.id)
    return _dump(
        await screen(e.session, e.ctx, "concern", [concern_to_read(r, policy, e.ctx.now) for r in rows])
    )


async def network_meetings_section(e: Export) -> Any:
    rows = await _rows(e, NetworkMeeting, NetworkMeeting.created_at, NetworkMeeting.id)
    return _dump(await screen(e.session, e.ctx, "network_meeting", [network_to_read(r) for r in rows]))


async def referrals_section(e: Export) -> Any:
    rows = await _rows(e, Referral, Referral.created_at, Referral.id)
    return [(await referral_read(e.session, r)).model_dump(mode="json") for r in rows]


async def decisions_section(e: Export) -> Any:
    """The coordination forum's decisions about the youth (advisory only, R16), as stored."""
    rows = await _rows(e, MeetingDecision, MeetingDecision.id)
    return [
        {c.key: getattr(r, c.key) for c in MeetingDecision.__table__.columns if c.key != "municipality_code"}
        for r in rows
    ]


async def teams_section(e: Export) -> Any:
    teams = await _rows(e, CoordinatingTeam, CoordinatingTeam.created_at, CoordinatingTeam.id)
    result = []
    for team in teams:
        members = await repository.team_members(e.session, team.id)
        result.append(team_to_read(team, members).model_dump(mode="json"))
    return result


async def transition_forms_section(e: Export) -> Any:
    rows = await _rows(e, TransitionForm, TransitionForm.created_at, TransitionForm.id)
    return _dump(
        await screen(e.session, e.ctx, "transition_form", [transition_form_to_read(r) for r in rows])
    )


async def youth_plans_section(e: Export) -> Any:
    rows = await _rows(e, YouthPlan, YouthPlan.made_on, YouthPlan.id)
    return _dump(await screen(e.session, e.ctx, "youth_plan", [youth_plan_read(r) for r in rows]))


async def aftercare_decisions_section(e: Export) -> Any:
    rows = await _rows(e, AftercareDecision, AftercareDecision.decided_on, AftercareDecision.id)
    return _dump(await screen(e.session, e.ctx, "aftercare_decision", [aftercare_read(r) for r in rows]))


async def target_group_assessments_section(e: Export) -> Any:
    """R6: referrals to FGU and target-group assessments."""
    rows = await _rows(e, TargetGroupAssessment, TargetGroupAssessment.created_at, TargetGroupAssessment.id)
    return _dump([target_group_read(r) for r in rows])


async def disability_transitions_section(e: Export) -> Any:
    """R21: disability transition assessments."""
    model = DisabilityTransitionAssessment
    return _dump([disability_read(r) for r in await _rows(e, model, model.started_on, model.id)])


async def education_orders_section(e: Export) -> Any:
    """R24: the jobcentre's assessments of education orders and their deadlines."""
    rows = await _rows(e, EducationOrder, EducationOrder.assessed_on, EducationOrder.id)
    return _dump([education_order_read(r) for r in rows])


async def absence_section(e: Export) -> Any:
    policy = await get_policy(e.session)
    rows = await _rows(e, AbsenceRecord, AbsenceRecord.period_from, AbsenceRecord.id)
    return _dump(await screen(e.session, e.ctx, "absence", [absence_to_read(r, policy) for r in rows]))


async def notes_section(e: Export) -> Any:
    """The coordination notes as they read now (the latest version of each; GET /v1/notes/{id}
    has every version)."""
    rows = await _rows(e, CoordinationNote, CoordinationNote.created_at, CoordinationNote.id)
    return _dump(await screen(e.session, e.ctx, "note", [note_to_read(r) for r in rows]))


async def documents_section(e: Export) -> Any:
    """The documents' metadata and journal references; the bytes are fetched one by one
    (GET /v1/documents/{id}/content)."""
    documents = [document_to_read(r) for r in await _rows(e, Document, Document.created_at, Document.id)]
    return _dump(await screen(e.session, e.ctx, "document", documents))


async def consents_export(e: Export) -> Any:
    return await consents_section(e.session, e.ctx, e.youth.id)


async def obligations_section(e: Export) -> Any:
    items, _ = await list_obligations(
        e.session, e.ctx, e.lang, today=e.ctx.today, limit=OBLIGATIONS_LIMIT, youth_id=e.youth.id
    )
    return [i.model_dump(mode="json") for i in items]


async def resolved_obligations_section(e: Export) -> Any:
    """§8.2: obligations resolved with a reason (who, when, why)."""
    rows = await resolutions_of(e.session, e.lang, e.youth.id, limit=OBLIGATIONS_LIMIT)
    return [r.model_dump(mode="json") for r in rows]


async def access_log_section(e: Export) -> Any:
    """Dates, purposes and departments of every look-up (domain.md 6.5), not the employees."""
    return [
        {
            "occurred_at": r.occurred_at.isoformat(),
            "action": r.action,
            "resource_type": r.resource_type,
            "purpose": mask_cpr(r.purpose),
            "department": r.department,
        }
        for r in await repository.access_log_lines(e.session, e.youth.id)
    ]


SECTIONS: dict[str, Section] = {
    "youth": youth_section,
    "cases": cases_section,
    "guides": guides_section,
    "plans": plans_section,
    "concerns": concerns_section,
    "network_meetings": network_meetings_section,
    "referrals": referrals_section,
    "decisions": decisions_section,
    "teams": teams_section,
    "transition_forms": transition_forms_section,
    "youth_plans": youth_plans_section,
    "aftercare_decisions": aftercare_decisions_section,
    "target_group_assessments": target_group_assessments_section,
    "disability_transitions": disability_transitions_section,
    "education_orders": education_orders_section,
    "consents": consents_export,
    "obligations": obligations_section,
    "resolved_obligations": resolved_obligations_section,
    "access_log": access_log_section,
    "absence": absence_section,
    "notes": notes_section,
    "documents": documents_section,
}


def register_section(name: str, section: Section) -> None:
    """A section of a domain that privacy cannot import because it imports privacy itself (the
    youth's own door, ungeapi.me, exports through privacy): the domain registers it when it is
    imported, as the app does with every router at startup. A name given twice is refused."""
    if name in SECTIONS:
        raise ValueError(f"export section {name} registered twice")
    SECTIONS[name] = section


async def export_youth(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, vault: CprVault, lang: Language
) -> ExportDocument:
    """Everything held on the youth, audited as one `export` (right of access, art. 15)."""
    youth = await visible_youth(session, ctx, youth_id)
    return await export_of(session, ctx, youth, vault=vault, lang=lang)


async def export_of(
    session: AsyncSession, ctx: Ctx, youth: Youth, *, vault: CprVault, lang: Language
) -> ExportDocument:
    """The export of a youth the caller was let to already (the staff's scope, or the youth
    themselves through /v1/me)."""
    e = Export(session=session, ctx=ctx, youth=youth, vault=vault, lang=lang)
    sections = {name: await section(e) for name, section in SECTIONS.items()}
    await YOUTH.audited(session, ctx, youth, "export", {"sections": sorted(sections)})
    return ExportDocument(
        youth_id=youth.id,
        municipality_code=youth.municipality_code,
        exported_at=ctx.now,
        exported_on=ctx.today,
        sections=sections,
    )
