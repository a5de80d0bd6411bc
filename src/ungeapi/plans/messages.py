"""The texts of the education-and-job plan, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.plans.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "plan.not_found": texts(
        "Plan not found",
        "No plan with that id is visible to you.",
        "Planen blev ikke fundet",
        "Ingen plan med det id er synlig for dig.",
    ),
    "plan.not_yet_made": texts(
        "No plan on that date",
        "The plan had not been made yet on {on}.",
        "Ingen plan på den dato",
        "Planen var endnu ikke lavet den {on}.",
    ),
    "plan.revision_not_found": texts(
        "Revision not found",
        "The plan has no revision number {number}.",
        "Revisionen blev ikke fundet",
        "Planen har ingen revision nummer {number}.",
    ),
    "plan.goal_not_found": texts(
        "Goal not found",
        "The plan has no goal with that id.",
        "Målet blev ikke fundet",
        "Planen har intet mål med det id.",
    ),
    "plan.measure_not_found": texts(
        "Measure not found",
        "The plan has no measure with that id.",
        "Indsatsen blev ikke fundet",
        "Planen har ingen indsats med det id.",
    ),
    "plan.active_exists": texts(
        "The youth already has a plan",
        "A youth has one plan at a time; change the current plan, or complete or close it first.",
        "Den unge har allerede en plan",
        "En ung har én plan ad gangen; ret den nuværende plan, eller afslut eller luk den først.",
    ),
    "plan.finished": texts(
        "Plan finished",
        "A plan that is `{plan_status}` cannot be changed; make a new plan instead.",
        "Planen er afsluttet",
        "En plan med status »{plan_status:PlanStatus}« kan ikke ændres. Lav en ny plan i stedet.",
    ),
    "plan.reason_required": texts(
        "Reason required",
        "Give a `status_reason` when the plan is `{plan_status}`.",
        "Begrundelse påkrævet",
        "Angiv en begrundelse, når planen får status »{plan_status:PlanStatus}«.",
    ),
    "plan.unknown_offer": texts(
        "Unknown offer",
        "The municipality's offers catalogue has no such offer.",
        "Ukendt tilbud",
        "Kommunens tilbudsvifte har ikke det tilbud.",
    ),
    "plan.unknown_department": texts(
        "Unknown department",
        "The municipality has no department {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
    "plan.invalid_dropout_dates": texts(
        "Dates out of order",
        "The interruption must fall between the plan's start and today, and the contact after it "
        "between the interruption and today.",
        "Datoerne passer ikke",
        "Afbrydelsen skal ligge mellem planens start og i dag, og kontakten efter den mellem "
        "afbrydelsen og i dag.",
    ),
    "plan.measure_ends_before_start": texts(
        "Ends before it starts",
        "A measure cannot end before the day it starts.",
        "Slutter før start",
        "En indsats kan ikke slutte før den dag, den starter.",
    ),
    "plan.measure_department_not_yours": texts(
        "Another department's measure",
        "Measures of {department} are read-only for you; only that department changes them.",
        "En anden afdelings indsats",
        "Du kan kun læse indsatser i {department}. Kun den afdeling kan ændre dem.",
    ),
    # R4: an exemption from the duty to be in education or work.
    "plan.exemption_reason_required": texts(
        "Exemption without a reason",
        "An exemption from the duty to be in education or work needs its reason: disability, illness "
        "or serious social problems (`duty_exemption_reason`).",
        "Fritagelse uden begrundelse",
        "En fritagelse fra pligten til uddannelse eller beskæftigelse skal have en begrundelse: "
        "handicap, sygdom eller alvorlige sociale problemer.",
    ),
    "plan.exemption_ends_before_start": texts(
        "Exemption ends before it starts",
        "An exemption cannot end before the day it starts.",
        "Fritagelsen slutter før start",
        "En fritagelse kan ikke slutte før den dag, den starter.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
