"""The youth's vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

TargetGroup = Annotated[
    Literal[
        "placed", "aftercare", "preventive", "disability", "education_guidance", "employment", "absence",
        "other"
    ],
    VOCABULARIES["TargetGroup"],
]
GuardianRelation = Annotated[
    Literal["mother", "father", "guardian", "foster_parent", "other"], VOCABULARIES["GuardianRelation"]
]

# The statistics count every target group, also those with no youth (statistics/service.py).
TARGET_GROUP = VOCABULARIES["TargetGroup"]
