"""The texts of transition forms, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.transitions.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "transition_form.not_found": texts(
        "Transition form not found",
        "No transition form with that id is visible to you.",
        "Overgangsskemaet blev ikke fundet",
        "Intet overgangsskema med det id er synligt for dig.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
