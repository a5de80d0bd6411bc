"""Information classes (R9, domain.md §6.2 and §8 row R9): who reads a record's protected parts.

Every field group that can hold purely private information carries a class: `essential` (shared
with every department that takes part in the youth's effort) or a protected class, `health`,
`social`, `misuse` or `crime`. A record's class is the one its writer set, else the
municipality's `default_information_class` for the resource. A reader outside the owning
department sees the protected parts of a record of a protected class only
- with a consent in force that names the class and one of the reader's departments, or
- after the owning caseworker disclosed that record's protected part to one of the reader's
  departments with a legal basis (forvaltningslovens § 28), recorded.
The owning department (and the record's own author or caseworker) always reads everything; so do
the roles in CLASS_WIDE_ROLES (the data-protection role and the municipality's administrator, as
for concerns). The protected parts are left out, not the whole record, and the answer says which
parts were withheld. Which records a reader sees at all is access.py's question, not this one's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The class vocabulary and each resource's built-in default class live with the municipality's
# policy (Policy.default_information_class), which every domain reads and a municipality changes.
from ungeapi.municipality.policy import DEFAULT_CLASSES as DEFAULT_CLASSES
from ungeapi.municipality.policy import InformationClass as InformationClass

CLASSES: tuple[str, ...] = ("essential", "health", "social", "misuse", "crime")
ESSENTIAL = "essential"
PROTECTED: frozenset[str] = frozenset(CLASSES) - {ESSENTIAL}

# Who reads every class of the municipality (like concern_visible's CONCERN_WIDE_ROLES).
CLASS_WIDE_ROLES = frozenset({"admin", "dpo"})

# The protected parts (field groups) of each resource and the fields each holds. A part is left
# out as a whole; the record's other fields are essential and always shown to whoever sees it. A
# dotted name is a field of a nested object (`frame.worries`: the three-part frame's worries).
FRAME = ("frame.worries", "frame.what_works", "frame.next_steps")
PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "case": {"legal_basis": ("legal_basis", "legal_basis_code")},
    "plan": {
        # R4's exemption reason says why (illness, disability, social problems): it goes with them.
        "assessment": ("status_reason", "readiness", "guardian_remarks", "duty_exemption_reason"),
        # each measure of another department than the reader's: its details (see screen.py)
        "measure_details": ("description", "legal_basis", "legal_basis_code"),
    },
    "transition_form": {"needs": ("needs", "notes"), "costs": ("yearly_costs", "income_basis")},
    "youth_plan": {"goals": ("goals",), "notes": ("notes",)},
    "aftercare_decision": {"notes": ("notes",), "legal_basis": ("legal_basis_code",)},
    # The meeting's three-part frame and its minutes; who met, when and the linked goals are essential.
    "team_meeting": {"frame": FRAME, "notes": ("notes",)},
    # What the notifier wrote, and the receiving department's assessment and outcome notes; the
    # level, the state, the deadlines and who sent it are essential.
    "concern": {"frame": FRAME, "notes": ("assessment.note", "outcome_note")},
    "network_meeting": {"frame": FRAME},
    # The shares of lawful and unlawful absence drive R22/R23 and are essential; the sick share
    # says something about the youth's health.
    "absence": {"sickness": ("sick_pct",)},
    # A coordination note is its text; a document's bytes are withheld whole (documents/service.py).
    "note": {"text": ("text", "versions")},
    "document": {"content": ("title", "filename")},
}


@dataclass(frozen=True)
class Reader:
    sub: str
    departments: frozenset[str]
    wide: bool


@dataclass(frozen=True)
class Owner:
    """Who owns a record: its department and the person who wrote or holds it."""

    department: str | None
    sub: str | None


@dataclass(frozen=True)
class Withheld:
    part: str
    information_class: str


def reader_of(sub: str, departments: Iterable[str], roles: Iterable[str]) -> Reader:
    return Reader(sub=sub, departments=frozenset(departments), wide=bool(CLASS_WIDE_ROLES & set(roles)))


def class_of(resource: str, stored: str | None, defaults: Mapping[str, str]) -> str:
    """The record's class: the writer's, else the municipality's default, else the built-in one."""
    if stored is not None:
        return stored
    return defaults.get(resource, DEFAULT_CLASSES.get(resource, ESSENTIAL))


def owns(reader: Reader, owner: Owner) -> bool:
    """The reader is of the owning department or is the record's own author/caseworker."""
    if reader.wide:
        return True
    if owner.sub is not None and owner.sub == reader.sub:
        return True
    return owner.department is not None and owner.department in reader.departments


def needs_grant(reader: Reader, owner: Owner, information_class: str) -> bool:
    """True when the reader sees the protected parts only with a consent or a disclosure."""
    return information_class in PROTECTED and not owns(reader, owner)


def unlocked(information_class: str, consented: Iterable[str], disclosed: Iterable[str]) -> bool:
    """A consent in force naming the class (consent category = class name) or a disclosure of it."""
    return information_class in set(consented) or information_class in set(disclosed)


def withheld_parts(
    resource: str,
    information_class: str,
    *,
    reader: Reader,
    owner: Owner,
    consented: Iterable[str] = (),
    disclosed: Iterable[str] = (),
) -> list[Withheld]:
    """R9: the protected parts of a record this reader may not read, with the record's class."""
    if not needs_grant(reader, owner, information_class):
        return []
    if unlocked(information_class, consented, disclosed):
        return []
    return [Withheld(part, information_class) for part in PARTS.get(resource, {})]


def fields_withheld(resource: str, parts: Iterable[Withheld]) -> set[str]:
    """The top-level fields the withheld parts cover."""
    names = {w.part for w in parts}
    return {f for part, fields in PARTS.get(resource, {}).items() if part in names for f in fields}
