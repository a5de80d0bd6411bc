"""The texts of the offers catalogue, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "offer.not_found": {
        "en": ("Offer not found", "There is no offer with that id in the municipality's catalogue."),
        "da": ("Tilbuddet blev ikke fundet", "Der er intet tilbud med det id i kommunens tilbudsvifte."),
    },
    "offer.age_range_invalid": {
        "en": ("Invalid age range", "The youngest age must not be above the oldest age."),
        "da": ("Ugyldigt aldersspænd", "Den laveste alder må ikke være over den højeste alder."),
    },
    "offer.period_invalid": {
        "en": ("Invalid period", "An offer cannot end before it starts."),
        "da": ("Ugyldig periode", "Et tilbud kan ikke slutte, før det begynder."),
    },
    "offer.provider_required": {
        "en": ("Provider required", "Name the provider: a department code or the provider's name."),
        "da": ("Udbyder mangler", "Angiv udbyderen: en afdelingskode eller udbyderens navn."),
    },
    "offer.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
