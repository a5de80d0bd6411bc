"""The cases' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

CASE_KIND = Vocabulary(
    "CaseKind",
    "The kind of a case in an authority unit (sagstype).",
    {
        "placement": text("Placement in care", "Anbringelse"),
        "aftercare": text("Aftercare", "Efterværn"),
        "preventive": text("Preventive measure", "Forebyggende foranstaltning"),
        "efterskole": text("Efterskole or free vocational school", "Efterskole eller fri fagskole"),
        "disability": text("Disability", "Handicap"),
        "employment": text("Employment", "Beskæftigelse"),
        "education": text("Education", "Uddannelse"),
        "other": text("Other", "Andet"),
    },
)
CaseKind = Annotated[
    Literal[
        "placement", "aftercare", "preventive", "efterskole", "disability", "employment", "education", "other"
    ],
    CASE_KIND,
]

VOCABULARIES = by_name(CASE_KIND)
