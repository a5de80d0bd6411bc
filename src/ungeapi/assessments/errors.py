from ungeapi.core.errors import Invalid, NotFound


class TargetGroupAssessmentNotFound(NotFound):
    code = "target_group_assessment.not_found"


class OutcomeIncomplete(Invalid):
    """R6: an assessment made has its outcome; a record is a referral or an assessment."""

    code = "target_group_assessment.outcome_incomplete"


class DisabilityTransitionNotFound(NotFound):
    code = "disability_transition.not_found"


class SectionsIncomplete(Invalid):
    """R21: a completed assessment covers every required section."""

    code = "disability_transition.sections_incomplete"


class CaseNotOfYouth(Invalid):
    code = "disability_transition.case_not_of_youth"
