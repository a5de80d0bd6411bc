"""The concerns' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

ConcernOutcome = Annotated[
    Literal["no_action", "general_support", "screening", "investigation", "support_started", "other"],
    VOCABULARIES["ConcernOutcome"],
]
ConcernSenderKind = Annotated[
    Literal["professional", "citizen", "anonymous"], VOCABULARIES["ConcernSenderKind"]
]
ConcernState = Annotated[Literal["received", "assessed", "closed"], VOCABULARIES["ConcernState"]]
ConcernStep = Annotated[Literal["assess", "acknowledge", "close", "update"], VOCABULARIES["ConcernStep"]]
ConcernAction = Annotated[Literal["assess", "acknowledge", "close"], VOCABULARIES["ConcernAction"]]
