"""The plans' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

PLAN_STATUS = Vocabulary(
    "PlanStatus",
    "The status of an education-and-job plan (planens status); active, stuck and interrupted "
    "plans are current.",
    {
        "active": text("Active", "Aktiv"),
        "stuck": text("Stuck", "Kørt fast"),
        "interrupted": text("Interrupted", "Afbrudt"),
        "completed": text("Completed", "Gennemført"),
        "closed": text("Closed", "Lukket"),
    },
)
PlanStatus = Annotated[Literal["active", "stuck", "interrupted", "completed", "closed"], PLAN_STATUS]

PLAN_DESTINATION = Vocabulary(
    "PlanDestination",
    "Where the plan leads the youth (positiv destination).",
    {
        "education": text("Education", "Uddannelse"),
        "job": text("Job", "Job"),
        "other": text("Other", "Andet"),
    },
)
PlanDestination = Annotated[Literal["education", "job", "other"], PLAN_DESTINATION]

GOAL_HORIZON = Vocabulary(
    "GoalHorizon",
    "Whether a goal of the plan is short or long term (tidshorisont).",
    {
        "short": text("Short-term goal", "Delmål (kort sigt)"),
        "long": text("Long-term goal", "Langsigtet mål"),
    },
)
GoalHorizon = Annotated[Literal["short", "long"], GOAL_HORIZON]

GOAL_STATUS = Vocabulary(
    "GoalStatus",
    "The status of a goal of the plan (målets status).",
    {
        "open": text("Open", "Åbent"),
        "achieved": text("Achieved", "Nået"),
        "dropped": text("Dropped", "Opgivet"),
    },
)
GoalStatus = Annotated[Literal["open", "achieved", "dropped"], GOAL_STATUS]

MEASURE_STATUS = Vocabulary(
    "MeasureStatus",
    "The status of a measure of the plan (indsatsens status).",
    {
        "planned": text("Planned", "Planlagt"),
        "active": text("Active", "Aktiv"),
        "completed": text("Completed", "Gennemført"),
        "cancelled": text("Cancelled", "Aflyst"),
    },
)
MeasureStatus = Annotated[Literal["planned", "active", "completed", "cancelled"], MEASURE_STATUS]

PLAN_PART = Vocabulary(
    "PlanPart",
    "What a revision of the plan changed: the plan itself, a goal or a measure (del af planen).",
    {
        "plan": text("Plan", "Plan"),
        "goal": text("Goal", "Mål"),
        "measure": text("Measure", "Indsats"),
    },
)
PlanPart = Annotated[Literal["plan", "goal", "measure"], PLAN_PART]

VOCABULARIES = by_name(PLAN_STATUS, PLAN_DESTINATION, GOAL_HORIZON, GOAL_STATUS, MEASURE_STATUS, PLAN_PART)
