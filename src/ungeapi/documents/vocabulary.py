"""The documents' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

DOCUMENT_KIND = Vocabulary(
    "DocumentKind",
    "What a document is (dokumenttype): uploaded (a signed consent) or made by ungeapi as PDF.",
    {
        "signed_consent": text("Signed consent", "Underskrevet samtykke"),
        "plan": text("Education and job plan", "Uddannelses- og jobplan"),
        "meeting_minutes": text("Minutes of a coordination meeting", "Referat af koordineringsmøde"),
        "referral_form": text("Referral form", "Indstillingsskema"),
        "transition_form": text("Transition form", "Overgangsskema"),
        "youth_plan": text("Youth plan", "Ungeplan"),
        "aftercare_decision": text("Aftercare decision", "Afgørelse om ungestøtte"),
        "other": text("Other document", "Andet dokument"),
    },
)
DocumentKind = Annotated[
    Literal[
        "signed_consent",
        "plan",
        "meeting_minutes",
        "referral_form",
        "transition_form",
        "youth_plan",
        "aftercare_decision",
        "other",
    ],
    DOCUMENT_KIND,
]

VOCABULARIES = by_name(DOCUMENT_KIND)
