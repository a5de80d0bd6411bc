"""The texts of disclosures of protected information, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.disclosure.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "disclosure.record_not_found": texts(
        "Record not found",
        "No record with that id is visible to you.",
        "Oplysningen blev ikke fundet",
        "Der er ingen oplysning med det id, som du kan se.",
    ),
    "disclosure.not_owner": texts(
        "Not the owning department",
        "Only the department that owns the record, or its own caseworker, can disclose its protected part.",
        "Ikke den ejende afdeling",
        "Kun den afdeling, der ejer oplysningen, eller sagsbehandleren selv "
        "kan videregive den beskyttede del.",
    ),
    "disclosure.class_not_owner": texts(
        "Not the owning department",
        "Only the department that owns the record, or its own author, can change its information class.",
        "Ikke den ejende afdeling",
        "Kun den afdeling, der ejer oplysningen, eller den, der skrev den, kan ændre dens oplysningsklasse.",
    ),
    "disclosure.nothing_protected": texts(
        "Nothing protected",
        "The record holds only essential information; there is nothing to disclose.",
        "Intet beskyttet",
        "Oplysningen rummer kun nødvendige oplysninger, så der er intet beskyttet at videregive.",
    ),
    "disclosure.recipient_owns": texts(
        "Department owns the record",
        "Department {department} owns the record and reads it already.",
        "Afdelingen ejer oplysningen",
        "Afdelingen {department} ejer oplysningen og kan allerede læse den.",
    ),
    "disclosure.unknown_department": texts(
        "Unknown department",
        "The municipality has no department {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
