"""The education orders' vocabularies, labelled in English and Danish in `vocabulary.toml` beside
this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

EducationOrderOutcome = Annotated[Literal["ordered", "not_ordered"], VOCABULARIES["EducationOrderOutcome"]]
