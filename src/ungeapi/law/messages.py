"""The texts of the legal-basis catalogue, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.law.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "legal_basis.not_found": texts(
        "Legal basis not found",
        "The catalogue has no legal basis with that id.",
        "Hjemlen blev ikke fundet",
        "Kataloget har ingen hjemmel med det id.",
    ),
    "legal_basis.unknown": texts(
        "Unknown legal basis",
        "{reference} is not a § of the legal-basis catalogue; GET /v1/legal-bases lists them.",
        "Ukendt hjemmel",
        "Hjemlen »{reference}« findes ikke i kataloget over hjemler. Vælg en paragraf fra kataloget.",
    ),
    "legal_basis.not_in_force": texts(
        "Legal basis not in force",
        "{reference} was not in force on {day}.",
        "Hjemlen var ikke gældende",
        "Hjemlen »{reference}« var ikke gældende den {day}. Vælg den paragraf, der gjaldt på dagen.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
