"""The texts of cases, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.cases.vocabulary import VOCABULARIES
from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "case.external_ref_other_youth": texts(
        "External reference belongs to another youth",
        "The journal system's case {external} belongs to another youth; a case never moves to "
        "another youth. Close it and open a new case for the right youth.",
        "Den eksterne reference tilhører en anden ung",
        "Sagen {external} fra fagsystemet tilhører en anden ung, og en sag kan ikke flyttes til "
        "en anden ung. Luk sagen, og opret en ny sag for den rigtige unge.",
    ),
    "case.not_found": texts(
        "Case not found",
        "No case with that id is visible to you.",
        "Sagen blev ikke fundet",
        "Ingen sag med det id er synlig for dig.",
    ),
    "case.closed_before_opened": texts(
        "Closed before opened",
        "A case cannot be closed before the day it was opened.",
        "Afsluttet før oprettet",
        "En sag kan ikke afsluttes før den dag, den blev oprettet.",
    ),
    "case.unknown_department": texts(
        "Unknown department",
        "The municipality has no department {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
    "case.department_not_yours": texts(
        "Not your department",
        "You may only write cases of your own departments, not {department}.",
        "Ikke din afdeling",
        "Du kan kun oprette og rette sager i dine egne afdelinger, ikke i {department}.",
    ),
    "case.support_hours_without_expectation": texts(
        "Support after 18 not expected",
        "Expected hours a week after 18 are given only when support after 18 is expected.",
        "Der forventes ikke støtte efter 18 år",
        "Forventede timer om ugen efter det fyldte 18. år angives kun, når der forventes støtte efter 18 år.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
