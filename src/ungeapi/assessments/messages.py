"""The texts of the statutory assessments (R6, R21), in English and Danish, by code."""

from __future__ import annotations

from ungeapi.assessments.vocabulary import VOCABULARIES
from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "target_group_assessment.not_found": texts(
        "Target-group assessment not found",
        "No target-group assessment with that id is visible to you.",
        "Målgruppevurderingen blev ikke fundet",
        "Ingen målgruppevurdering med det id er synlig for dig.",
    ),
    "target_group_assessment.outcome_incomplete": texts(
        "Outcome incomplete",
        "Give the day the youth was referred to FGU, or the day of the assessment; an assessment made "
        "states whether the youth is in FGU's target group, and only an assessment made does.",
        "Resultatet er ufuldstændigt",
        "Angiv datoen for henvisningen til FGU eller datoen for vurderingen. En foretaget vurdering "
        "angiver, om den unge er i FGU's målgruppe, og kun en foretaget vurdering gør det.",
    ),
    "disability_transition.not_found": texts(
        "Transition assessment not found",
        "No disability transition assessment with that id is visible to you.",
        "Overgangsvurderingen blev ikke fundet",
        "Ingen vurdering af overgangen til voksenlivet med det id er synlig for dig.",
    ),
    "disability_transition.sections_incomplete": texts(
        "Assessment not complete",
        "A completed assessment covers support need, education, employment, income basis, housing and "
        "social conditions; `errors` names the sections left empty.",
        "Vurderingen er ikke færdig",
        "En afsluttet vurdering omfatter støttebehov, uddannelse, beskæftigelse, forsørgelsesgrundlag, "
        "bolig og sociale forhold. Udfyld de afsnit, der mangler.",
    ),
    "disability_transition.case_not_of_youth": texts(
        "Case of another youth",
        "The case is not a visible case of this youth.",
        "Sag for en anden ung",
        "Sagen er ikke en synlig sag for denne unge.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
