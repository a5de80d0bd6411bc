"""The texts of youth plans and aftercare decisions of placed youth, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.placements.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "youth_plan.not_found": texts(
        "Youth plan not found",
        "No youth plan with that id is visible to you.",
        "Ungeplanen blev ikke fundet",
        "Ingen ungeplan med det id er synlig for dig.",
    ),
    "aftercare_decision.not_found": texts(
        "Aftercare decision not found",
        "No decision on support after 18 with that id is visible to you.",
        "Afgørelsen blev ikke fundet",
        "Ingen afgørelse om ungestøtte med det id er synlig for dig.",
    ),
    "placement.case_not_of_youth": texts(
        "Case of another youth",
        "The case is not a visible case of this youth.",
        "Sag for en anden ung",
        "Sagen er ikke en synlig sag for denne unge.",
    ),
    "aftercare_decision.support_until_invalid": texts(
        "Support end not possible",
        "An end date of the support is given only when support is granted, and falls after the day of "
        "the decision.",
        "Slutdato ikke mulig",
        "En slutdato for støtten kan kun angives, når støtten bevilges, og den skal ligge efter "
        "afgørelsens dato.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
