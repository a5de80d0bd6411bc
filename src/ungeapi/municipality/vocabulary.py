"""The municipality's vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

DepartmentKind = Annotated[
    Literal[
        "children_family", "adult_disability", "employment", "education_guidance", "health", "school",
        "external_partner", "ssp", "other"
    ],
    VOCABULARIES["DepartmentKind"],
]
InformationClass = Annotated[
    Literal["essential", "health", "social", "misuse", "crime"], VOCABULARIES["InformationClass"]
]

# disclosure/vocabulary.toml takes its protected classes from it.
INFORMATION_CLASS = VOCABULARIES["InformationClass"]
