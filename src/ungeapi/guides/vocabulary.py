"""The guides' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

GUIDE_STATE = Vocabulary(
    "GuideState",
    "Where an offer of a guide stands (status): offered, then accepted or declined, then active, then ended.",
    {
        "offered": text("Offered", "Tilbudt"),
        "accepted": text("Accepted", "Accepteret"),
        "declined": text("Declined", "Afslået"),
        "active": text("Active", "Aktiv"),
        "ended": text("Ended", "Afsluttet"),
    },
)
GuideState = Annotated[Literal["offered", "accepted", "declined", "active", "ended"], GUIDE_STATE]

GUIDE_ACTION = Vocabulary(
    "GuideAction",
    "A step of a guide offer (handling).",
    {
        "accept": text("Accept the offer", "Acceptér tilbuddet"),
        "decline": text("Decline the offer", "Afslå tilbuddet"),
        "activate": text("Start the guidance", "Start forløbet"),
        "end": text("End the guidance", "Afslut forløbet"),
    },
)
GuideAction = Annotated[Literal["accept", "decline", "activate", "end"], GUIDE_ACTION]

GUIDE_ASSIGNED_VIA = Vocabulary(
    "GuideAssignedVia",
    "How the guide was found (tildelt via, R8).",
    {
        "caseworker": text("By the caseworker", "Af sagsbehandleren"),
        "coordination_meeting": text("At the coordination meeting", "På ungekoordineringsmødet"),
        "youth_coordinator": text("By the youth coordinator", "Af ungekoordinatoren"),
        "k_meeting": text("At a k-meeting", "På et k-møde"),
    },
)
GuideAssignedVia = Annotated[
    Literal["caseworker", "coordination_meeting", "youth_coordinator", "k_meeting"], GUIDE_ASSIGNED_VIA
]

VOCABULARIES = by_name(GUIDE_STATE, GUIDE_ACTION, GUIDE_ASSIGNED_VIA)
