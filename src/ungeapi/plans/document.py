"""The plan as a printable HTML page in Danish, for the meeting with the youth and the parents.

Jinja2 with autoescaping on: every text a user typed is escaped, so the page cannot carry markup
or script from the data.
"""

from __future__ import annotations

from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined

from ungeapi.assessments.schemas import TargetGroupAssessmentRead
from ungeapi.assessments.vocabulary import VOCABULARIES as ASSESSMENT_VOCABULARIES
from ungeapi.plans.schemas import PlanRead
from ungeapi.plans.vocabulary import VOCABULARIES


def _dk_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def _label(value: str | None, vocabulary: str) -> str:
    """`value` as the API's vocabularies label it in Danish, the same words as in every answer."""
    return VOCABULARIES[vocabulary].label(value, "da") if value else "–"


_ENV = Environment(
    loader=PackageLoader("ungeapi.plans", "templates"), autoescape=True, undefined=StrictUndefined
)
_ENV.filters["dk_date"] = _dk_date
_ENV.filters["label"] = _label


def _basis(value: str) -> str:
    return ASSESSMENT_VOCABULARIES["TargetGroupBasis"].label(value, "da")


_ENV.filters["basis"] = _basis


def render(
    plan: PlanRead,
    *,
    youth_name: str,
    birth_date: date,
    printed_on: date,
    target_group: TargetGroupAssessmentRead | None = None,
) -> str:
    return _ENV.get_template("plan_document.html").render(
        plan=plan,
        youth_name=youth_name,
        birth_date=birth_date,
        printed_on=printed_on,
        target_group=target_group,
    )
