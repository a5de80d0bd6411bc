"""The texts of the audit log, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "audit.period_invalid": texts(
        "Invalid period",
        "`from` must not be after `to`.",
        "Ugyldig periode",
        "Periodens startdato må ikke ligge efter slutdatoen.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS)
