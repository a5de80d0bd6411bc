"""Every query about the statutory assessments, scoped through the youth they belong to."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import DisabilityTransitionAssessment, TargetGroupAssessment

TARGET_GROUP = "target_group_assessment"
DISABILITY_TRANSITION = "disability_transition_assessment"

TARGET_GROUPS = YouthRecords(TargetGroupAssessment, TARGET_GROUP)
DISABILITY_TRANSITIONS = YouthRecords(DisabilityTransitionAssessment, DISABILITY_TRANSITION)
# By id (ix_<table>_listing): the id is the key and its own tie-break.
TARGET_GROUP_PAGE = TARGET_GROUPS.page(TargetGroupAssessment.id)
DISABILITY_TRANSITION_PAGE = DISABILITY_TRANSITIONS.page(DisabilityTransitionAssessment.id)


async def latest_target_group(session: AsyncSession, youth_id: uuid.UUID) -> TargetGroupAssessment | None:
    """The youth's latest referral or assessment (ix_target_group_assessment_youth)."""
    t = TargetGroupAssessment
    query = (
        select(t)
        .where(t.youth_id == youth_id)
        .order_by(func.coalesce(t.assessed_on, t.referred_on).desc(), t.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()
