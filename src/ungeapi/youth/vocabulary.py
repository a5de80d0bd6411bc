"""The youth's vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

TARGET_GROUP = Vocabulary(
    "TargetGroup",
    "A target-group flag of a youth (målgruppe).",
    {
        "placed": text("Placed in care", "Anbragt"),
        "aftercare": text("Aftercare", "Efterværn"),
        "preventive": text("Preventive measure", "Forebyggende foranstaltning"),
        "disability": text("Disability", "Handicap"),
        "education_guidance": text("Education guidance", "Uddannelsesvejledning"),
        "employment": text("Employment", "Beskæftigelse"),
        "absence": text("School absence", "Skolefravær"),
        "other": text("Other", "Andet"),
    },
)
TargetGroup = Annotated[
    Literal[
        "placed",
        "aftercare",
        "preventive",
        "disability",
        "education_guidance",
        "employment",
        "absence",
        "other",
    ],
    TARGET_GROUP,
]

GUARDIAN_RELATION = Vocabulary(
    "GuardianRelation",
    "How a guardian is related to the youth (relation).",
    {
        "mother": text("Mother", "Mor"),
        "father": text("Father", "Far"),
        "guardian": text("Legal guardian", "Værge"),
        "foster_parent": text("Foster parent", "Plejeforælder"),
        "other": text("Other", "Anden"),
    },
)
GuardianRelation = Annotated[
    Literal["mother", "father", "guardian", "foster_parent", "other"], GUARDIAN_RELATION
]

VOCABULARIES = by_name(TARGET_GROUP, GUARDIAN_RELATION)
