"""The guides' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

GuideState = Annotated[
    Literal["offered", "accepted", "declined", "active", "ended"], VOCABULARIES["GuideState"]
]
GuideAction = Annotated[Literal["accept", "decline", "activate", "end"], VOCABULARIES["GuideAction"]]
GuideAssignedVia = Annotated[
    Literal["caseworker", "coordination_meeting", "youth_coordinator", "k_meeting"],
    VOCABULARIES["GuideAssignedVia"],
]
