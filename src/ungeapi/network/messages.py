"""The texts of network meetings, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "network_meeting.not_found": {
        "en": ("Network meeting not found", "No network meeting with that id is visible to you."),
        "da": ("Netværksmødet blev ikke fundet", "Intet netværksmøde med det id er synligt for dig."),
    },
    "network_meeting.frame_empty": {
        "en": ("Empty record", "Fill in at least one of worries, what works and next steps."),
        "da": ("Tomt referat", "Udfyld mindst én af: bekymringer, hvad der fungerer, og næste skridt."),
    },
    "network_meeting.plan_not_for_youth": {
        "en": ("Not the youth's plan", "The plan does not exist or belongs to another youth."),
        "da": ("Ikke den unges plan", "Planen findes ikke eller tilhører en anden ung."),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
