"""Every query about the statutory assessments, scoped through the youth they belong to."""

from __future__ import annotations

from ungeapi.access import YouthRecords
from ungeapi.models import DisabilityTransitionAssessment, TargetGroupAssessment

TARGET_GROUP = "target_group_assessment"
DISABILITY_TRANSITION = "disability_transition_assessment"

TARGET_GROUPS = YouthRecords(TargetGroupAssessment, TARGET_GROUP)
DISABILITY_TRANSITIONS = YouthRecords(DisabilityTransitionAssessment, DISABILITY_TRANSITION)
# By id (ix_<table>_listing): the id is the key and its own tie-break.
TARGET_GROUP_PAGE = TARGET_GROUPS.page(TargetGroupAssessment.id)
DISABILITY_TRANSITION_PAGE = DISABILITY_TRANSITIONS.page(DisabilityTransitionAssessment.id)
