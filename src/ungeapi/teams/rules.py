"""Pure rules about the coordinating team (Det Koordinerende Team), R16."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MemberIn:
    sub: str | None
    name: str | None
    lead: bool


def lead_of(members: Sequence[MemberIn]) -> int | None:
    """R16: a team has exactly one lead (tovholder), who is one of its members and a named
    person (sub and name): the lead is who the others turn to. Returns the lead's index, or
    None when there is no such single lead."""
    leads = [i for i, m in enumerate(members) if m.lead]
    if len(leads) != 1:
        return None
    lead = members[leads[0]]
    if not lead.sub or not lead.name:
        return None
    return leads[0]
