"""The coordination notes' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

NOTE_SUBJECT = Vocabulary(
    "NoteSubject",
    "The kind of record a coordination note is about, besides the youth (notatet vedrører).",
    {
        "case": text("Case", "Sag"),
        "plan": text("Education and job plan", "Uddannelses- og jobplan"),
        "referral": text("Referral", "Indstilling"),
        "meeting": text("Coordination meeting", "Koordineringsmøde"),
        "team": text("Coordinating team", "Koordinerende team"),
    },
)
NoteSubject = Annotated[Literal["case", "plan", "referral", "meeting", "team"], NOTE_SUBJECT]

VOCABULARIES = by_name(NOTE_SUBJECT)
