"""The disclosures' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name
from ungeapi.municipality.vocabulary import INFORMATION_CLASS

PROTECTED_CLASS = INFORMATION_CLASS.subset(
    "ProtectedClass",
    "R9: a protected information class (beskyttet oplysningsklasse), read outside the owning "
    "department only with consent or a recorded disclosure.",
    ("health", "social", "misuse", "crime"),
)
ProtectedClass = Annotated[Literal["health", "social", "misuse", "crime"], PROTECTED_CLASS]

DISCLOSURE_LEGAL_BASIS = Vocabulary(
    "DisclosureLegalBasis",
    "The legal basis of a disclosure (hjemmel).",
    {
        "fvl_28_stk_2": text("Public Administration Act § 28(2)", "Forvaltningslovens § 28, stk. 2"),
        "fvl_28_stk_3": text("Public Administration Act § 28(3)", "Forvaltningslovens § 28, stk. 3"),
        "serviceloven_49b": text("Social Services Act § 49 b", "Servicelovens § 49 b"),
        "barnets_lov_178": text("Children's Act § 178", "Barnets lov § 178"),
        "other_law": text("Another law", "Anden lov"),
    },
)
DisclosureLegalBasis = Annotated[
    Literal["fvl_28_stk_2", "fvl_28_stk_3", "serviceloven_49b", "barnets_lov_178", "other_law"],
    DISCLOSURE_LEGAL_BASIS,
]

RECORD_TYPE = Vocabulary(
    "RecordType",
    "A kind of record whose protected parts have an information class (posttype, R9).",
    {
        "case": text("Case", "Sag"),
        "plan": text("Education-and-job plan", "Uddannelses- og jobplan"),
        "transition_form": text("Transition form", "Overgangsskema"),
        "youth_plan": text("Youth plan", "Ungeplan"),
        "aftercare_decision": text("Decision on support after 18", "Afgørelse om ungestøtte"),
        "team_meeting": text("Team meeting", "Teammøde"),
        "concern": text("Concern notification", "Underretning"),
        "network_meeting": text("Network meeting", "Netværksmøde"),
        "absence": text("School absence", "Skolefravær"),
    },
)
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
    RECORD_TYPE,
]

VOCABULARIES = by_name(PROTECTED_CLASS, DISCLOSURE_LEGAL_BASIS, RECORD_TYPE)
