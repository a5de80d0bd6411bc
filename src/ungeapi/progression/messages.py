"""The texts of progression phases, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "progression.plan_not_found": texts(
        "Plan not found",
        "No plan with that id is visible to you, or you may not write about its youth.",
        "Planen blev ikke fundet",
        "Ingen plan med det id er synlig for dig, eller du må ikke skrive om den unge.",
    ),
    "progression.plan_finished": texts(
        "The plan has ended",
        "A progression phase is recorded for a current plan only.",
        "Planen er afsluttet",
        "En progressionsfase kan kun registreres på en aktuel plan.",
    ),
    "progression.unknown_phase": texts(
        "Not on the scale",
        "That phase is not on the municipality's progression scale as it is now.",
        "Ikke på skalaen",
        "Fasen findes ikke på kommunens progressionsskala, som den er nu.",
    ),
    "progression.scale_invalid": texts(
        "Invalid scale",
        "Each phase of the scale needs a code of its own.",
        "Ugyldig skala",
        "Hver fase på skalaen skal have sin egen kode.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies={})
