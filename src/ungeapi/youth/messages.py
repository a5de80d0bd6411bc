"""The texts of the youth register and CPR numbers, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, Texts, text, texts
from ungeapi.youth.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "youth.not_found": texts(
        "Youth not found",
        "No youth with that id is visible to you.",
        "Den unge blev ikke fundet",
        "Ingen ung med det id er synlig for dig.",
    ),
    "youth.cpr_exists": texts(
        "CPR number already registered",
        "A youth with this CPR number already exists in the municipality.",
        "CPR-nummeret er allerede registreret",
        "Der findes allerede en ung med dette CPR-nummer i kommunen.",
    ),
    # R1/R1a: the age window on every record about a youth; an external reference stays with its youth.
    "youth.outside_age_window": texts(
        "Outside the age window",
        "The youth is {age} years old; the coordinated youth effort covers ages {age_min} to {age_max}.",
        "Uden for aldersgruppen",
        "Den unge er {age} år; den kommunale ungeindsats dækker unge fra {age_min} til {age_max} år.",
    ),
    "youth.external_ref_taken": texts(
        "External reference taken",
        "Another youth of the municipality already has this external reference; a reference "
        "never moves to another youth.",
        "Den eksterne reference er optaget",
        "En anden ung i kommunen har allerede denne eksterne reference, og en reference kan ikke "
        "flyttes til en anden ung.",
    ),
    "youth.archived": texts(
        "Youth archived",
        "The youth is archived and cannot be changed.",
        "Den unge er arkiveret",
        "Den unge er arkiveret og kan ikke ændres.",
    ),
    "youth.registering_department_not_yours": texts(
        "Not the registering department",
        "Only the registering department hands a youth over, and only to one of your own "
        "departments, not {department}.",
        "Ikke den registrerende afdeling",
        "Kun den afdeling, der har registreret den unge, kan overdrage den unge, og kun til en af "
        "dine egne afdelinger, ikke {department}.",
    ),
}

FIELD_MESSAGES: Texts = {
    "cpr.format": text(
        "A CPR number is 10 digits, optionally with a dash after the sixth (DDMMYY-SSSS).",
        "Et CPR-nummer består af 10 cifre, eventuelt med bindestreg efter det sjette (DDMMÅÅ-SSSS).",
    ),
    "cpr.date": text(
        "The first six digits of the CPR number are not a real date.",
        "De første seks cifre i CPR-nummeret er ikke en gyldig dato.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, fields=FIELD_MESSAGES, vocabularies=VOCABULARIES)
