"""The texts of the offers catalogue, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "offer.not_found": texts(
        "Offer not found",
        "There is no offer with that id in the municipality's catalogue.",
        "Tilbuddet blev ikke fundet",
        "Der er intet tilbud med det id i kommunens tilbudsvifte.",
    ),
    "offer.age_range_invalid": texts(
        "Invalid age range",
        "The youngest age must not be above the oldest age.",
        "Ugyldigt aldersspænd",
        "Den laveste alder må ikke være over den højeste alder.",
    ),
    "offer.period_invalid": texts(
        "Invalid period",
        "An offer cannot end before it starts.",
        "Ugyldig periode",
        "Et tilbud kan ikke slutte, før det begynder.",
    ),
    "offer.provider_required": texts(
        "Provider required",
        "Name the provider: a department code or the provider's name.",
        "Udbyder mangler",
        "Angiv udbyderen: en afdelingskode eller udbyderens navn.",
    ),
    "offer.unknown_department": texts(
        "Unknown department",
        "The municipality has no department {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS)
