"""The forum meetings' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

INCOME_BASIS = Vocabulary(
    "IncomeBasis",
    "The expected income basis after 18 that the coordination meeting records (forventet "
    "forsørgelsesgrundlag, domain.md §4); `education_benefit` was abolished on 1 July 2025 and is "
    "refused for youth turning 18 after that (R25).",
    {
        "su": text("State education grant (SU)", "SU"),
        "apprentice_wage": text("Apprentice wage", "Elevløn"),
        "wage": text("Wage", "Løn"),
        "cash_benefit": text("Cash benefit", "Kontanthjælp"),
        "education_benefit": text(
            "Education benefit (abolished 1 July 2025)", "Uddannelseshjælp (afskaffet 1. juli 2025)"
        ),
        "resource_course_benefit": text("Resource course benefit", "Ressourceforløbsydelse"),
        "flexjob": text("Flexjob or flexjob unemployment benefit", "Fleksjob eller ledighedsydelse"),
        "disability_pension": text("Disability pension", "Førtidspension"),
        "sickness_benefit": text("Sickness benefit", "Sygedagpenge"),
        "unemployment_benefit": text("Unemployment benefit", "Dagpenge"),
        "rehabilitation_benefit": text("Rehabilitation benefit", "Revalidering"),
        "parents": text("Supported by parents", "Forældre"),
        "fgu_allowance": text("FGU school allowance", "FGU-skoleydelse"),
        "unknown": text("Not yet clarified", "Uafklaret"),
    },
)
IncomeBasis = Annotated[
    Literal[
        "su",
        "apprentice_wage",
        "wage",
        "cash_benefit",
        "education_benefit",
        "resource_course_benefit",
        "flexjob",
        "disability_pension",
        "sickness_benefit",
        "unemployment_benefit",
        "rehabilitation_benefit",
        "parents",
        "fgu_allowance",
        "unknown",
    ],
    INCOME_BASIS,
]

HOUSING_NEED = Vocabulary(
    "HousingNeed",
    "The expected housing need after 18 (bo-behov).",
    {
        "none": text("None", "Intet behov"),
        "housing_support": text("Housing support (SEL § 85)", "Bostøtte (SEL § 85)"),
        "housing_offer": text("Residential offer (SEL §§ 107/108)", "Botilbud (SEL §§ 107/108)"),
        "unknown": text("Not yet clarified", "Uafklaret"),
    },
)
HousingNeed = Annotated[Literal["none", "housing_support", "housing_offer", "unknown"], HOUSING_NEED]

DAY_OFFER_NEED = Vocabulary(
    "DayOfferNeed",
    "The expected need for a day offer after 18 (dagtilbud).",
    {
        "none": text("None", "Intet behov"),
        "day_offer": text("Day offer (SEL § 104)", "Dagtilbud (SEL § 104)"),
        "protected_employment": text(
            "Sheltered employment (SEL § 103)", "Beskyttet beskæftigelse (SEL § 103)"
        ),
        "stu": text("Special youth education (STU)", "STU"),
        "unknown": text("Not yet clarified", "Uafklaret"),
    },
)
DayOfferNeed = Annotated[
    Literal["none", "day_offer", "protected_employment", "stu", "unknown"], DAY_OFFER_NEED
]

VOCABULARIES = by_name(INCOME_BASIS, HOUSING_NEED, DAY_OFFER_NEED)
