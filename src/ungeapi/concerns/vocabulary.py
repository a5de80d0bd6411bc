"""The concerns' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

CONCERN_OUTCOME = Vocabulary(
    "ConcernOutcome",
    "What came of a concern (udfald).",
    {
        "no_action": text("No action", "Ingen indsats"),
        "general_support": text("General support", "Almen indsats"),
        "screening": text("Screening", "Screening"),
        "investigation": text("Child welfare investigation", "Børnefaglig undersøgelse"),
        "support_started": text("Supportive measure started", "Støttende indsats iværksat"),
        "other": text("Other", "Andet"),
    },
)
ConcernOutcome = Annotated[
    Literal["no_action", "general_support", "screening", "investigation", "support_started", "other"],
    CONCERN_OUTCOME,
]

CONCERN_SENDER_KIND = Vocabulary(
    "ConcernSenderKind",
    "Who sent a concern (underretter); a professional is owed a receipt within 6 weekdays.",
    {
        "professional": text("Professional", "Fagperson"),
        "citizen": text("Citizen", "Borger"),
        "anonymous": text("Anonymous", "Anonym"),
    },
)
ConcernSenderKind = Annotated[Literal["professional", "citizen", "anonymous"], CONCERN_SENDER_KIND]

CONCERN_STATE = Vocabulary(
    "ConcernState",
    "Where a concern stands (status): received, assessed (within 24 hours), closed.",
    {
        "received": text("Received", "Modtaget"),
        "assessed": text("Assessed", "Vurderet"),
        "closed": text("Closed", "Afsluttet"),
    },
)
ConcernState = Annotated[Literal["received", "assessed", "closed"], CONCERN_STATE]

# Every step a message may name: the actions, and `update` (correcting the concern's content).
CONCERN_STEP = Vocabulary(
    "ConcernStep",
    "A step of a concern (handling): its actions, and `update` (correcting it).",
    {
        "assess": text("Assess", "Vurdér"),
        "acknowledge": text("Send the receipt", "Send kvittering"),
        "close": text("Close", "Afslut"),
        "update": text("Correct", "Ret"),
    },
)
CONCERN_ACTION = CONCERN_STEP.subset(
    "ConcernAction",
    "An action on a concern (handling): assess, send the professional sender's receipt, close.",
    ("assess", "acknowledge", "close"),
)
ConcernAction = Annotated[Literal["assess", "acknowledge", "close"], CONCERN_ACTION]

VOCABULARIES = by_name(CONCERN_OUTCOME, CONCERN_SENDER_KIND, CONCERN_STATE, CONCERN_STEP, CONCERN_ACTION)
