"""The statutory assessments' vocabularies: the types of their fields, labelled in English and
Danish in `vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

TargetGroupBasis = Annotated[
    Literal["lab_offers", "grades", "bridge_building", "internship", "exploration_course"],
    VOCABULARIES["TargetGroupBasis"],
]
