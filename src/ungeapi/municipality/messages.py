"""The texts of departments, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "department.not_found": {
        "en": ("Department not found", "There is no such department in the municipality."),
        "da": ("Afdelingen findes ikke", "Der er ingen sådan afdeling i kommunen."),
    },
    "department.exists": {
        "en": ("Department exists", "A department with this code already exists."),
        "da": ("Afdelingen findes allerede", "Der findes allerede en afdeling med denne kode."),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
