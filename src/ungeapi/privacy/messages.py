"""The texts of the audit log, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "audit.period_invalid": {
        "en": ("Invalid period", "`from` must not be after `to`."),
        "da": ("Ugyldig periode", "`from` må ikke være efter `to`."),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
