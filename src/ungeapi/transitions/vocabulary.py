"""The transition forms' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

TransitionIncomeBasis = Annotated[
    Literal[
        "education_grant", "fgu_allowance", "cash_benefit", "early_retirement", "wages", "other", "unknown"
    ],
    VOCABULARIES["TransitionIncomeBasis"],
]
