"""The texts of the youth's own door, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.me.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "me.not_registered": texts(
        "Not registered",
        "You are not registered in the municipality's youth effort.",
        "Ikke registreret",
        "Du er ikke registreret i kommunens ungeindsats.",
    ),
    "me.subject_not_found": texts(
        "Not found",
        "You have no plan, meeting or guide with that id.",
        "Ikke fundet",
        "Du har ingen plan, intet møde og ingen ungeguide med det id.",
    ),
    "me.meeting_past": texts(
        "The meeting is over",
        "You can only reply to an invitation to a meeting that has not begun.",
        "Mødet er holdt",
        "Du kan kun svare på en invitation til et møde, der ikke er begyndt.",
    ),
    "me.no_guide": texts(
        "No one to ask",
        "You have no guide or coordinating caseworker to ask for a talk.",
        "Ingen at spørge",
        "Du har ingen ungeguide eller koordinerende sagsbehandler at bede om en samtale.",
    ),
    "me.statement_not_found": texts(
        "Statement not found",
        "No statement by this youth with that id is visible to you.",
        "Udtalelsen blev ikke fundet",
        "Ingen udtalelse fra den unge med det id er synlig for dig.",
    ),
    "me.already_answered": texts(
        "Already answered",
        "The youth's statement has been answered already.",
        "Allerede besvaret",
        "Den unges udtalelse er allerede besvaret.",
    ),
    "me.written_concurrently": texts(
        "Written twice at once",
        "Another text about the same thing was saved at the same moment. Send yours again.",
        "Skrevet to gange på én gang",
        "En anden tekst om det samme blev gemt i samme øjeblik. Send din igen.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
