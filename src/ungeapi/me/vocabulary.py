"""The youth's own statements' vocabularies: the types of their fields, labelled in English and
Danish in `vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

StatementKind = Annotated[Literal["view", "reply", "talk_request"], VOCABULARIES["StatementKind"]]
StatementSubject = Annotated[
    Literal["plan", "forum_meeting", "team_meeting", "guide_assignment"], VOCABULARIES["StatementSubject"]
]
ViewSubject = Annotated[Literal["plan", "forum_meeting", "team_meeting"], VOCABULARIES["ViewSubject"]]
Reply = Annotated[Literal["attending", "not_attending"], VOCABULARIES["InvitationReply"]]
