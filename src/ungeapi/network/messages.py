"""The texts of network meetings, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "network_meeting.not_found": texts(
        "Network meeting not found",
        "No network meeting with that id is visible to you.",
        "Netværksmødet blev ikke fundet",
        "Intet netværksmøde med det id er synligt for dig.",
    ),
    "network_meeting.frame_empty": texts(
        "Empty record",
        "Fill in at least one of worries, what works and next steps.",
        "Tomt referat",
        "Udfyld mindst ét af felterne bekymringer, hvad der fungerer og næste skridt.",
    ),
    "network_meeting.plan_not_for_youth": texts(
        "Not the youth's plan",
        "The plan does not exist or belongs to another youth.",
        "Ikke den unges plan",
        "Planen findes ikke eller tilhører en anden ung.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS)
