"""The transition forms' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

TRANSITION_INCOME_BASIS = Vocabulary(
    "TransitionIncomeBasis",
    "The expected income basis after 18 on the transition form (forventet forsørgelsesgrundlag).",
    {
        "education_grant": text("Education grant (SU)", "SU"),
        "fgu_allowance": text("FGU school allowance", "FGU-skoleydelse"),
        "cash_benefit": text("Cash benefit", "Kontanthjælp"),
        "early_retirement": text("Disability pension", "Førtidspension"),
        "wages": text("Wages", "Løn"),
        "other": text("Other", "Andet"),
        "unknown": text("Not yet clarified", "Uafklaret"),
    },
)
TransitionIncomeBasis = Annotated[
    Literal[
        "education_grant", "fgu_allowance", "cash_benefit", "early_retirement", "wages", "other", "unknown"
    ],
    TRANSITION_INCOME_BASIS,
]

VOCABULARIES = by_name(TRANSITION_INCOME_BASIS)
