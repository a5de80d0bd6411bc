"""The texts of guide offers, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "guide.not_found": {
        "en": ("Guide not found", "No guide offer with that id is visible to you."),
        "da": ("Ungeguiden blev ikke fundet", "Intet tilbud om ungeguide med det id er synligt for dig."),
    },
    "guide.already_active": {
        "en": ("Guide already offered", "The youth already has a pending or active guide."),
        "da": ("Ungeguide allerede tilbudt", "Den unge har allerede en tilbudt eller aktiv ungeguide."),
    },
    "guide.invalid_transition": {
        "en": ("Not possible now", "A guide offer that is {state} cannot be {action}ed."),
        "da": ("Ikke muligt nu", "Et tilbud om ungeguide med status {state} kan ikke ændres med {action}."),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
