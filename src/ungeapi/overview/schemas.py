"""The youth's overview (overblik): everything coordinated around one youth in one read."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ungeapi.assessments.schemas import DisabilityTransitionRead, TargetGroupAssessmentRead
from ungeapi.cases.schemas import CaseRead
from ungeapi.core.fields import YouthId
from ungeapi.core.schemas import answer_config
from ungeapi.education_orders.schemas import EducationOrderRead
from ungeapi.guides.schemas import GuideRead
from ungeapi.obligations.schemas import ObligationRead, ObligationResolutionRead
from ungeapi.placements.schemas import AftercareDecisionRead, YouthPlanRead
from ungeapi.plans.schemas import PlanSummary
from ungeapi.referrals.schemas import ReferralRead
from ungeapi.teams.schemas import TeamRead
from ungeapi.transitions.schemas import TransitionFormRead

OVERVIEW_LIMIT = 100


class OverviewRead(BaseModel):
    """One read of what is coordinated around a youth; the page a frontend opens first."""

    model_config = answer_config(
        {
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "open_cases": [],
            "guide": None,
            "plan": None,
            "open_referrals": [],
            "team": None,
            "transition_form": None,
            "youth_plan": None,
            "aftercare_decision": None,
            "target_group_assessment": None,
            "disability_transition": None,
            "education_order": None,
            "open_obligations": [],
            "resolved_obligations": [],
        }
    )

    youth_id: YouthId
    open_cases: list[CaseRead] = Field(
        description=f"The youth's open cases you may see (åbne sager), at most {OVERVIEW_LIMIT}."
    )
    guide: GuideRead | None = Field(description="The pending or active guide (ungeguide), if any.")
    plan: PlanSummary | None = Field(description="The current plan in short (den unges plan), if any.")
    open_referrals: list[ReferralRead] = Field(
        description=f"Referrals still under way (igangværende indstillinger), at most {OVERVIEW_LIMIT}."
    )
    team: TeamRead | None = Field(
        description="The active coordinating team with its members (koordinerende team), if any."
    )
    transition_form: TransitionFormRead | None = Field(
        description="The latest transition form (overgangsskema), if any."
    )
    youth_plan: YouthPlanRead | None = Field(
        description="R19: the latest youth plan of a placed youth (ungeplan), if any."
    )
    aftercare_decision: AftercareDecisionRead | None = Field(
        description="R20: the latest decision on support after 18 (afgørelse om ungestøtte), if any."
    )
    target_group_assessment: TargetGroupAssessmentRead | None = Field(
        description="R6: the latest target-group assessment or referral to FGU (målgruppevurdering), if any."
    )
    disability_transition: DisabilityTransitionRead | None = Field(
        description="R21: the latest disability transition assessment (overgangsvurdering), if any."
    )
    education_order: EducationOrderRead | None = Field(
        default=None,
        description="R24: the latest assessment of an education order at the jobcentre "
        "(uddannelsespålæg), if any; shown to those who see the youth by their own standing.",
    )
    open_obligations: list[ObligationRead] = Field(
        description=f"Open obligations about the youth (opgaver), earliest first, at most {OVERVIEW_LIMIT}."
    )
    resolved_obligations: list[ObligationResolutionRead] = Field(
        description=(
            "Obligations resolved with a reason (afsluttede opgaver, §8.2), newest first, "
            f"at most {OVERVIEW_LIMIT}; `missed` when resolved after the due date."
        )
    )
