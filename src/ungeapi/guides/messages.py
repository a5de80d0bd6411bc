"""The texts of guide offers, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.guides.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "guide.not_found": texts(
        "Guide not found",
        "No guide offer with that id is visible to you.",
        "Ungeguiden blev ikke fundet",
        "Intet tilbud om ungeguide med det id er synligt for dig.",
    ),
    "guide.already_active": texts(
        "Guide already offered",
        "The youth already has a pending or active guide.",
        "Ungeguide allerede tilbudt",
        "Den unge har allerede en tilbudt eller aktiv ungeguide.",
    ),
    "guide.invalid_transition": texts(
        "Not possible now",
        "A guide offer that is {state} cannot be {action}ed.",
        "Ikke muligt nu",
        "Et tilbud om ungeguide med status {state} kan ikke ændres med {action}.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
