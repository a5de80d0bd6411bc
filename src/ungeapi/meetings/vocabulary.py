"""The forum meetings' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

IncomeBasis = Annotated[
    Literal[
        "su", "apprentice_wage", "wage", "cash_benefit", "education_benefit", "resource_course_benefit",
        "flexjob", "disability_pension", "sickness_benefit", "unemployment_benefit",
        "rehabilitation_benefit", "parents", "fgu_allowance", "unknown"
    ],
    VOCABULARIES["IncomeBasis"],
]
HousingNeed = Annotated[
    Literal["none", "housing_support", "housing_offer", "unknown"], VOCABULARIES["HousingNeed"]
]
DayOfferNeed = Annotated[
    Literal["none", "day_offer", "protected_employment", "stu", "unknown"], VOCABULARIES["DayOfferNeed"]
]
