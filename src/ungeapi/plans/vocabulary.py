"""The plans' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

PlanStatus = Annotated[
    Literal["active", "stuck", "interrupted", "completed", "closed"], VOCABULARIES["PlanStatus"]
]
PlanDestination = Annotated[Literal["education", "job", "other"], VOCABULARIES["PlanDestination"]]
GoalHorizon = Annotated[Literal["short", "long"], VOCABULARIES["GoalHorizon"]]
GoalStatus = Annotated[Literal["open", "achieved", "dropped"], VOCABULARIES["GoalStatus"]]
MeasureStatus = Annotated[
    Literal["planned", "active", "completed", "cancelled"], VOCABULARIES["MeasureStatus"]
]
PlanPart = Annotated[Literal["plan", "goal", "measure"], VOCABULARIES["PlanPart"]]
