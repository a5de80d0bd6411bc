"""The texts of disclosures of protected information, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "disclosure.record_not_found": {
        "en": ("Record not found", "No record with that id is visible to you."),
        "da": ("Oplysningen blev ikke fundet", "Der er ingen post med det id, som du kan se."),
    },
    "disclosure.not_owner": {
        "en": (
            "Not the owning department",
            "Only the department that owns the record, or its own caseworker, "
            "can disclose its protected part.",
        ),
        "da": (
            "Ikke den ejende afdeling",
            "Kun den afdeling, der ejer oplysningen, eller sagsbehandleren selv "
            "kan videregive den beskyttede del.",
        ),
    },
    "disclosure.class_not_owner": {
        "en": (
            "Not the owning department",
            "Only the department that owns the record, or its own author, can change its information class.",
        ),
        "da": (
            "Ikke den ejende afdeling",
            "Kun den afdeling, der ejer oplysningen, eller den, der skrev den, "
            "kan ændre dens oplysningsklasse.",
        ),
    },
    "disclosure.nothing_protected": {
        "en": (
            "Nothing protected",
            "The record holds only essential information; there is nothing to disclose.",
        ),
        "da": ("Intet beskyttet", "Posten rummer kun nødvendige oplysninger, så der er intet at videregive."),
    },
    "disclosure.recipient_owns": {
        "en": (
            "Department owns the record",
            "Department {department} owns the record and reads it already.",
        ),
        "da": (
            "Afdelingen ejer oplysningen",
            "Afdelingen {department} ejer oplysningen og kan allerede læse den.",
        ),
    },
    "disclosure.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
