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
        "The action `{action}` is not possible for a guide offer that is `{state}`.",
        "Ikke muligt nu",
        "Handlingen »{action:GuideAction}« kan ikke udføres på et ungeguideforløb med status "
        "»{state:GuideState}«.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
