"""The municipality's vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

DEPARTMENT_KIND = Vocabulary(
    "DepartmentKind",
    "The kind of a department (afdelingstype).",
    {
        "children_family": text("Children and family", "Børn og familie"),
        "adult_disability": text("Adult disability", "Voksenhandicap"),
        "employment": text("Employment", "Beskæftigelse"),
        "education_guidance": text("Education guidance", "Uddannelsesvejledning"),
        "health": text("Health", "Sundhed"),
        "school": text("School", "Skole"),
        "external_partner": text("External partner", "Ekstern samarbejdspartner"),
        "ssp": text("SSP (schools, social services and police)", "SSP (skole, socialforvaltning og politi)"),
        "other": text("Other", "Andet"),
    },
)
DepartmentKind = Annotated[
    Literal[
        "children_family",
        "adult_disability",
        "employment",
        "education_guidance",
        "health",
        "school",
        "external_partner",
        "ssp",
        "other",
    ],
    DEPARTMENT_KIND,
]

# R9: a record's information class; disclosure/rules.py says who reads which.
INFORMATION_CLASS = Vocabulary(
    "InformationClass",
    "R9: the information class of a record's protected parts (oplysningsklasse): `essential` is "
    "shared with every department in the youth's effort, the others only with consent or a "
    "recorded disclosure.",
    {
        "essential": text("Essential", "Nødvendige oplysninger"),
        "health": text("Health", "Helbredsforhold"),
        "social": text("Serious social problems", "Væsentlige sociale problemer"),
        "misuse": text("Substance misuse", "Misbrug"),
        "crime": text("Crime", "Strafbare forhold"),
    },
)
InformationClass = Annotated[Literal["essential", "health", "social", "misuse", "crime"], INFORMATION_CLASS]

VOCABULARIES = by_name(DEPARTMENT_KIND, INFORMATION_CLASS)
