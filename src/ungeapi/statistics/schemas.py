from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.core.schemas import answer_config
from ungeapi.statistics.rules import suppressed

_CELL: JsonDict = {"value": 42, "suppressed": False}


class Cell(BaseModel):
    """A count (antal); under 5 it is not shown: value null and suppressed true (diskretioneret)."""

    model_config = answer_config(_CELL)

    value: int | None = Field(description="The count, or null when suppressed (antal).")
    suppressed: bool = Field(description="True when the count is under 5 and hidden (diskretioneret).")

    @classmethod
    def of(cls, count: int) -> Cell:
        hidden = suppressed(count)
        return cls(value=None if hidden else count, suppressed=hidden)


class CountRow(BaseModel):
    key: str = Field(description="What is counted (kategori).")
    count: Cell = Field(description="How many (antal).")


class TargetGroupStatistics(BaseModel):
    model_config = answer_config(
        {
            "as_of": "2026-11-23",
            "youth": _CELL,
            "target_groups": [{"key": "placed", "count": _CELL}],
        }
    )

    as_of: date = Field(description="The day the figures refer to (opgjort pr.).")
    youth: Cell = Field(description="Youth registered and not archived (unge i alt).")
    target_groups: list[CountRow] = Field(description="Youth per target-group flag (målgrupper).")


class GuideCoverage(BaseModel):
    model_config = answer_config({"as_of": "2026-11-23", "eligible": _CELL, "covered": _CELL, "share": 1.0})

    as_of: date = Field(description="The day the figures refer to (opgjort pr.).")
    eligible: Cell = Field(
        description="Youth with open cases in at least the policy's number of authority units (R8)."
    )
    covered: Cell = Field(description="Of those, youth with an offered, accepted or active guide (dækket).")
    share: float | None = Field(description="covered / eligible, null when a cell is suppressed (andel).")


class DestinationStatistics(BaseModel):
    model_config = answer_config(
        {
            "as_of": "2026-11-23",
            "plans": _CELL,
            "positive": _CELL,
            "share": 1.0,
            "destinations": [{"key": "education", "count": _CELL}],
        }
    )

    as_of: date = Field(description="The day the figures refer to (opgjort pr.).")
    plans: Cell = Field(description="Current plans (planer i alt).")
    positive: Cell = Field(
        description="Current plans with a positive destination: education or job (positiv destination)."
    )
    share: float | None = Field(description="positive / plans, null when a cell is suppressed (andel).")
    destinations: list[CountRow] = Field(description="Plans per destination; `none` when not set.")


class TeamStatistics(BaseModel):
    model_config = answer_config(
        {"as_of": "2026-11-23", "teams": _CELL, "met_before_17": _CELL, "share": 1.0}
    )

    as_of: date = Field(description="The day the figures refer to (opgjort pr.).")
    teams: Cell = Field(description="Coordinating teams (koordinerende teams) of youth decided before 17.")
    met_before_17: Cell = Field(
        description="Of those, teams whose first meeting was before the youth's 17th birthday (R16)."
    )
    share: float | None = Field(description="met_before_17 / teams, null when a cell is suppressed (andel).")


class MissedObligationRow(BaseModel):
    kind: str = Field(description="The obligation's kind, e.g. `aftercare.decision_due` (forpligtelse).")
    missed: Cell = Field(description="Missed (overskredne): open_overdue + resolved_late + closed_late.")
    open_overdue: Cell = Field(description="On the worklist and past due on `as_of` (åbne, overskredne).")
    resolved_late: Cell = Field(description="Resolved with a reason after the due date (afsluttet for sent).")
    resolved_in_time: Cell = Field(description="Resolved with a reason by the due date (afsluttet i tide).")
    closed_late: Cell = Field(
        description="R11: update windows closed by an update after the window's end (opdateret for sent)."
    )


class ObligationStatistics(BaseModel):
    model_config = answer_config(
        {
            "as_of": "2026-11-23",
            "missed": _CELL,
            "kinds": [
                {
                    "kind": "aftercare.decision_due",
                    "missed": _CELL,
                    "open_overdue": _CELL,
                    "resolved_late": _CELL,
                    "resolved_in_time": _CELL,
                    "closed_late": _CELL,
                }
            ],
        }
    )

    as_of: date = Field(description="The day the figures refer to (opgjort pr.).")
    missed: Cell = Field(description="Missed obligations of every kind (overskredne frister i alt, §8.2).")
    kinds: list[MissedObligationRow] = Field(description="Per kind of obligation, every kind listed.")
