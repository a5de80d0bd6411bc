"""The texts of education orders (uddannelsespålæg, R24), in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.education_orders.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "education_order.not_found": texts(
        "Education order not found",
        "No education order with that id is visible to you.",
        "Uddannelsespålægget blev ikke fundet",
        "Intet uddannelsespålæg med det id er synligt for dig.",
    ),
    "education_order.not_in_force": texts(
        "The rule is not in force",
        "The education-order rule (LAB § 30) is not in force on {on} in the municipality's settings.",
        "Reglen gælder ikke",
        "Reglen om uddannelsespålæg (LAB § 30) gælder ikke den {on} efter kommunens indstillinger.",
    ),
    "education_order.invalid_deadlines": texts(
        "Deadlines do not fit",
        "An order has a day and both deadlines: to propose on or after the order, to apply on or after "
        "that; an assessment without an order has none.",
        "Fristerne passer ikke",
        "Et pålæg har en dato og begge frister: forslag tidligst på pålæggets dato og ansøgning tidligst "
        "på forslagsfristen. En vurdering uden pålæg har ingen frister.",
    ),
    "education_order.case_not_of_youth": texts(
        "Case of another youth",
        "The case is not a visible case of this youth.",
        "Sag for en anden ung",
        "Sagen er ikke en synlig sag for denne unge.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
