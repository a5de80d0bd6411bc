"""The municipality's policy parameters (domain.md section 8) with their defaults.

Every POL rule reads its parameters from here; a LAW rule is not configurable.
"""

from __future__ import annotations

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
    "note": "essential",
    "document": "social",
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


class Policy(BaseModel):
    """Municipality settings (kommunens indstillinger) for the configurable rules."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"age_max": 30, "guide_min_authorities": 2, "meeting_interval_days": 14}]
        },
    )

    age_min: int = Field(
        13, ge=10, le=25, description="R1a: youngest age covered by the effort (nedre aldersgrænse)."
    )
    age_max: int = Field(
        30, ge=18, le=35, description="R1a: oldest age covered by the effort (øvre aldersgrænse)."
    )
    guide_min_authorities: int = Field(
        2,
        ge=1,
        le=10,
        description="R8: authority units with open cases before a guide is offered (antal myndigheder).",
    )
    guide_age_min: int = Field(
        15, ge=10, le=30, description="R8: youngest age for a guide offer (ungeguide, min. alder)."
    )
    guide_age_max: int = Field(
        30, ge=15, le=35, description="R8: oldest age for a guide offer (ungeguide, max. alder)."
    )
    guide_decline_quiet_months: int = Field(
        6,
        ge=0,
        le=60,
        description="R8: months after a declined offer before it is due again (karensperiode).",
    )
    transition_form_age: int = Field(
        14, ge=12, le=18, description="R10: age from which a transition form is due (overgangsskema)."
    )
    transition_hours_threshold: float = Field(
        10,
        ge=0,
        le=168,
        description="R10: expected support hours per week after 18 above which a form is due (timer/uge).",
    )
    transition_update_months: list[int] = Field(
        default_factory=lambda: [1, 6, 7],
        min_length=1,
        max_length=12,
        description="R11: months in which the transition form is updated (opdateringsmåneder).",
    )
    referral_age: int = Field(
        15, ge=12, le=18, description="R13: age from which a referral is expected (indstilling)."
    )
    referral_case_kinds: list[str] = Field(
        default_factory=lambda: list(DEFAULT_REFERRAL_CASE_KINDS),
        max_length=10,
        description="R13: open case kinds that call for a referral (sagstyper).",
    )
    meeting_interval_days: int = Field(
        14, ge=1, le=90, description="R15: days between coordination meetings (mødeinterval)."
    )
    conference_interval_days: int = Field(
        7, ge=1, le=90, description="R18: days between phase-2 conferences (ungekonference)."
    )
    slot_minutes: int = Field(15, ge=5, le=120, description="R15: minutes per case (minutter pr. sag).")
    complex_slot_minutes: int = Field(
        30, ge=5, le=240, description="R15: minutes per complex case (komplekse sager)."
    )
    meeting_capacity_minutes: int = Field(
        120, ge=15, le=600, description="R15: agenda capacity in minutes (mødets længde)."
    )
    late_team_days: int = Field(
        30,
        ge=1,
        le=180,
        description="R16: days for a first team meeting when the youth is already 17 (sen visitation).",
    )
    conference_age_min: int = Field(
        13, ge=10, le=18, description="R18: youngest age for the phase-2 conference (fra 7. klasse)."
    )
    conference_age_max: int = Field(
        30, ge=18, le=35, description="R18: oldest age for the phase-2 conference."
    )
    absence_warning_pct: float = Field(
        10,
        ge=0,
        le=100,
        description="R22/R23: unlawful absence share that raises a warning (fravær, advarsel).",
    )
    absence_notify_pct: float = Field(
        15, ge=0, le=100, description="R22: unlawful absence share to notify (fravær, underretning)."
    )
    retention_inactive_years: int = Field(
        5,
        ge=1,
        le=50,
        description="Data retention: a youth past the age window (age_max) with no activity for this many "
        "years is pseudonymized by `ungeapi retention` (opbevaringsperiode, år).",
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
