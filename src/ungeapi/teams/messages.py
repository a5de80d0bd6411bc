"""The texts of coordinating teams, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.teams.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "team.not_found": texts(
        "Team not found",
        "No coordinating team with that id is visible to you.",
        "Teamet blev ikke fundet",
        "Intet koordinerende team med det id er synligt for dig.",
    ),
    "team.member_not_found": texts(
        "Member not found",
        "No current member with that id on this team.",
        "Medlemmet blev ikke fundet",
        "Teamet har intet nuværende medlem med det id.",
    ),
    "team.invalid_period": texts(
        "Invalid date",
        "A member leaves on or after joining, and a meeting is recorded once held.",
        "Ugyldig dato",
        "Et medlem udtræder tidligst på indtrædelsesdagen, og et møde registreres, når det er holdt.",
    ),
    "team.goal_not_in_plan": texts(
        "Goal not in the plan",
        "Goal {goal_id} is not a goal of the youth's current plan.",
        "Målet er ikke i planen",
        "Målet med id {goal_id} er ikke et mål i den unges nuværende plan.",
    ),
    "team.goal_horizon_mismatch": texts(
        "Wrong horizon",
        "Goal {goal_id} is a {horizon}-term goal and cannot be linked as {linked_as}.",
        "Forkert tidshorisont",
        "Målet med id {goal_id} er et »{horizon:GoalHorizon}« og kan ikke knyttes til teamet som "
        "»{linked_as:GoalHorizon}«.",
    ),
    "team.lead_required": texts(
        "One lead required",
        "The team needs exactly one lead (tovholder), a member with a user id and a name (R16).",
        "Én tovholder påkrævet",
        "Teamet skal have præcis én tovholder, et medlem med bruger-id og navn.",
    ),
    "team.first_meeting_after_17": texts(
        "First meeting too late",
        "The team's first meeting must be no later than {deadline} (the 17th birthday, R16).",
        "Første møde for sent",
        "Teamets første møde skal holdes senest {deadline} (når den unge fylder 17).",
    ),
    "team.first_meeting_before_decision": texts(
        "First meeting too early",
        "The team's first meeting cannot be before {decided_on}.",
        "Første møde for tidligt",
        "Teamets første møde kan ikke ligge før {decided_on}, da teamet blev besluttet.",
    ),
    "team.already_active": texts(
        "Team already active",
        "The youth already has an active coordinating team.",
        "Der er allerede et team",
        "Den unge har allerede et aktivt koordinerende team.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
