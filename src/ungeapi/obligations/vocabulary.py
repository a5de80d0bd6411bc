"""The obligations' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

ResolutionReason = Annotated[
    Literal["not_applicable", "done_elsewhere", "youth_declined", "moved_away"],
    VOCABULARIES["ResolutionReason"],
]
