"""The documents' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

DocumentKind = Annotated[
    Literal[
        "signed_consent",
        "plan",
        "meeting_minutes",
        "referral_form",
        "transition_form",
        "youth_plan",
        "aftercare_decision",
        "other",
    ],
    VOCABULARIES["DocumentKind"],
]
