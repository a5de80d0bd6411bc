"""The texts of school absence, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.absence.vocabulary import VOCABULARIES
from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "absence.not_found": texts(
        "Absence record not found",
        "No absence record with that id is visible to you.",
        "Fraværsregistreringen blev ikke fundet",
        "Ingen fraværsregistrering med det id er synlig for dig.",
    ),
    "absence.period_invalid": texts(
        "Invalid period",
        "Give either a quarter or both `period_from` and `period_to`, in order.",
        "Ugyldig periode",
        "Angiv enten et kvartal eller en periode med både start- og slutdato, hvor startdatoen ikke ligger "
        "efter slutdatoen.",
    ),
    "absence.shares_exceed_total": texts(
        "Shares exceed 100%",
        "Lawful, unlawful and sick absence together exceed 100% of the period.",
        "Andelene overstiger 100%",
        "Lovligt, ulovligt og sygefravær overstiger tilsammen 100% af perioden.",
    ),
    "absence.exists": texts(
        "Absence already recorded",
        "The youth already has a record for this school and period.",
        "Fraværet er allerede registreret",
        "Den unge har allerede en registrering for denne skole og periode.",
    ),
    "absence.external_ref_other_youth": texts(
        "External reference belongs to another youth",
        "The source system's record {external} belongs to another youth; a record never moves to "
        "another youth.",
        "Den eksterne reference tilhører en anden ung",
        "Registreringen {external} fra kildesystemet tilhører en anden ung, og en registrering kan ikke "
        "flyttes til en anden ung.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
