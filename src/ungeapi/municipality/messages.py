"""The texts of departments, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.municipality.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "department.not_found": texts(
        "Department not found",
        "There is no such department in the municipality.",
        "Afdelingen findes ikke",
        "Der er ingen sådan afdeling i kommunen.",
    ),
    "department.exists": texts(
        "Department exists",
        "A department with this code already exists.",
        "Afdelingen findes allerede",
        "Der findes allerede en afdeling med denne kode.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
