"""The youth's own statements' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

STATEMENT_KIND = Vocabulary(
    "StatementKind",
    "What the youth wrote (den unges egne ord): their view, a reply to an invitation or a request to talk.",
    {
        "view": text("The youth's own view", "Den unges egen vurdering"),
        "reply": text("Reply to an invitation", "Svar på en invitation"),
        "talk_request": text("Request to talk", "Ønske om en samtale"),
    },
)
StatementKind = Annotated[Literal["view", "reply", "talk_request"], STATEMENT_KIND]

STATEMENT_SUBJECT = Vocabulary(
    "StatementSubject",
    "What the youth's words are about (emne).",
    {
        "plan": text("The plan", "Planen"),
        "forum_meeting": text("A coordination meeting", "Et koordineringsmøde"),
        "team_meeting": text("A team meeting", "Et teammøde"),
        "guide_assignment": text("The guide", "Ungeguiden"),
    },
)
StatementSubject = Annotated[
    Literal["plan", "forum_meeting", "team_meeting", "guide_assignment"], STATEMENT_SUBJECT
]

VIEW_SUBJECT = STATEMENT_SUBJECT.subset(
    "ViewSubject", "What the youth's own view is about (emne).", ("plan", "forum_meeting", "team_meeting")
)
ViewSubject = Annotated[Literal["plan", "forum_meeting", "team_meeting"], VIEW_SUBJECT]

REPLY = Vocabulary(
    "InvitationReply",
    "The youth's reply to a meeting invitation (svar).",
    {
        "attending": text("I will come", "Jeg kommer"),
        "not_attending": text("I cannot come", "Jeg kan ikke komme"),
    },
)
Reply = Annotated[Literal["attending", "not_attending"], REPLY]

VOCABULARIES = by_name(STATEMENT_KIND, STATEMENT_SUBJECT, VIEW_SUBJECT, REPLY)
