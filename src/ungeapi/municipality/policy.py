"""The municipality's policy parameters (domain.md section 8) with their defaults.

Every POL rule reads its parameters from here; a LAW rule is not configurable.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# R9: a record's information class (oplysningsklasse); disclosure/rules.py says who reads which.
from ungeapi.municipality.vocabulary import InformationClass as InformationClass

DEFAULT_REFERRAL_CASE_KINDS = ["placement", "aftercare", "preventive", "efterskole", "disability"]

# The built-in class of each resource whose writer set none (Policy.default_information_class).
DEFAULT_CLASSES: dict[str, InformationClass] = {
    "case": "social",
    "plan": "essential",
    "transition_form": "health",
    "youth_plan": "social",
    "aftercare_decision": "social",
    "team_meeting": "social",
    "concern": "social",
    "network_meeting": "social",
    "absence": "health",
}


class ConcernLevel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: int = Field(ge=1, le=10, description="Level number, 1 is the least worry (niveau).")
    name: str = Field(max_length=100, description="Name of the level (navn).")
    description: str = Field(max_length=1000, description="What the level means (beskrivelse).")


DEFAULT_CONCERN_LEVELS = [
    ConcernLevel(level=1, name="Trivsel", description="Barnet/den unge trives; ingen bekymring."),
    ConcernLevel(level=2, name="Let bekymring", description="Begyndende bekymring; følg op i almenområdet."),
    ConcernLevel(level=3, name="Bekymring", description="Tydelig bekymring; der er behov for en indsats."),
    ConcernLevel(
        level=4, name="Alvorlig bekymring", description="Alvorlig bekymring; barnet/den unge kan være i fare."
    ),
]


def _between(default: float, low: float, high: float, description: str) -> Any:
    """A numeric setting: its default, and the least and most a municipality may set it to."""
    return Field(default, ge=low, le=high, description=description)


class Policy(BaseModel):
    """Municipality settings (kommunens indstillinger) for the configurable rules."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"age_max": 30, "guide_min_authorities": 2, "meeting_interval_days": 14}]
        },
    )

    age_min: int = _between(13, 10, 25, "R1a: youngest age covered by the effort (nedre aldersgrænse).")
    age_max: int = _between(30, 18, 35, "R1a: oldest age covered by the effort (øvre aldersgrænse).")
    guide_min_authorities: int = _between(
        2, 1, 10, "R8: authority units with open cases before a guide is offered (antal myndigheder)."
    )
    guide_age_min: int = _between(15, 10, 30, "R8: youngest age for a guide offer (ungeguide, min. alder).")
    guide_age_max: int = _between(30, 15, 35, "R8: oldest age for a guide offer (ungeguide, max. alder).")
    guide_decline_quiet_months: int = _between(
        6, 0, 60, "R8: months after a declined offer before it is due again (karensperiode)."
    )
    transition_form_age: int = _between(
        14, 12, 18, "R10: age from which a transition form is due (overgangsskema)."
    )
    transition_hours_threshold: float = _between(
        10, 0, 168, "R10: expected support hours per week after 18 above which a form is due (timer/uge)."
    )
    transition_update_months: list[int] = Field(
        default_factory=lambda: [1, 6, 7],
        min_length=1,
        max_length=12,
        description="R11: months in which the transition form is updated (opdateringsmåneder).",
    )
    referral_age: int = _between(15, 12, 18, "R13: age from which a referral is expected (indstilling).")
    referral_case_kinds: list[str] = Field(
        default_factory=lambda: list(DEFAULT_REFERRAL_CASE_KINDS),
        max_length=10,
        description="R13: open case kinds that call for a referral (sagstyper).",
    )
    meeting_interval_days: int = _between(
        14, 1, 90, "R15: days between coordination meetings (mødeinterval)."
    )
    conference_interval_days: int = _between(
        7, 1, 90, "R18: days between phase-2 conferences (ungekonference)."
    )
    slot_minutes: int = _between(15, 5, 120, "R15: minutes per case (minutter pr. sag).")
    complex_slot_minutes: int = _between(30, 5, 240, "R15: minutes per complex case (komplekse sager).")
    meeting_capacity_minutes: int = _between(120, 15, 600, "R15: agenda capacity in minutes (mødets længde).")
    late_team_days: int = _between(
        30, 1, 180, "R16: days for a first team meeting when the youth is already 17 (sen visitation)."
    )
    conference_age_min: int = _between(
        13, 10, 18, "R18: youngest age for the phase-2 conference (fra 7. klasse)."
    )
    conference_age_max: int = _between(30, 18, 35, "R18: oldest age for the phase-2 conference.")
    absence_warning_pct: float = _between(
        10, 0, 100, "R22/R23: unlawful absence share that raises a warning (fravær, advarsel)."
    )
    absence_notify_pct: float = _between(
        15, 0, 100, "R22: unlawful absence share to notify (fravær, underretning)."
    )
    retention_inactive_years: int = _between(
        5,
        1,
        50,
        "Data retention: a youth past the age window (age_max) with no activity for this many years is "
        "pseudonymized by `ungeapi retention` (opbevaringsperiode, år).",
    )
    default_information_class: dict[str, InformationClass] = Field(
        default_factory=lambda: dict(DEFAULT_CLASSES),
        description="R9: the information class (oplysningsklasse) of a record whose writer set none, per "
        "resource: essential (shared with every department in the effort) or a protected class (health, "
        "social, misuse, crime) read outside the owning department only with consent or a recorded "
        "disclosure. Resources: " + ", ".join(sorted(DEFAULT_CLASSES)) + ".",
    )
    concern_levels: list[ConcernLevel] = Field(
        default_factory=lambda: [c.model_copy() for c in DEFAULT_CONCERN_LEVELS],
        min_length=2,
        max_length=10,
        description="The concern scale (bekymringsskala), e.g. after børnelinealen.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        if self.age_min > self.age_max:
            raise ValueError("age_min must not exceed age_max")
        if self.guide_age_min > self.guide_age_max:
            raise ValueError("guide_age_min must not exceed guide_age_max")
        if self.absence_warning_pct > self.absence_notify_pct:
            raise ValueError("absence_warning_pct must not exceed absence_notify_pct")
        unknown = sorted(set(self.default_information_class) - set(DEFAULT_CLASSES))
        if unknown:
            raise ValueError(f"default_information_class names unknown resources: {', '.join(unknown)}")
        if any(m < 1 or m > 12 for m in self.transition_update_months):
            raise ValueError("transition_update_months are month numbers 1-12")
        return self
