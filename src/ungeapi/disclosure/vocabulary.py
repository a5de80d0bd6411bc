"""The disclosures' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load
from ungeapi.municipality.vocabulary import INFORMATION_CLASS

VOCABULARIES = load(__name__, INFORMATION_CLASS)

ProtectedClass = Annotated[Literal["health", "social", "misuse", "crime"], VOCABULARIES["ProtectedClass"]]
DisclosureLegalBasis = Annotated[
    Literal["fvl_28_stk_2", "fvl_28_stk_3", "serviceloven_49b", "barnets_lov_178", "other_law"],
    VOCABULARIES["DisclosureLegalBasis"],
]
RecordType = Annotated[
    Literal[
        "case",
        "plan",
        "transition_form",
        "youth_plan",
        "aftercare_decision",
        "team_meeting",
        "concern",
        "network_meeting",
        "absence",
    ],
    VOCABULARIES["RecordType"],
]
