"""The coordinating teams' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

TEAM_STATUS = Vocabulary(
    "TeamStatus",
    "Whether a coordinating team is at work (teamets status).",
    {
        "active": text("Active", "Aktivt"),
        "closed": text("Closed", "Afsluttet"),
    },
)
TeamStatus = Annotated[Literal["active", "closed"], TEAM_STATUS]

VOCABULARIES = by_name(TEAM_STATUS)
