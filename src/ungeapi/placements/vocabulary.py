"""The placements' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

AftercareOutcome = Annotated[
    Literal["granted", "refused", "declined_by_youth"], VOCABULARIES["AftercareOutcome"]
]
