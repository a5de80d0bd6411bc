"""Pure rules of the legal-basis catalogue (hjemmel): which § a reference names, and whether it
was in force on a record's day.

A reference is written as the records already write it, `BL § 46`, `SEL § 85`, `KUI § 2 k`: the
law's abbreviation, the §, the number and an optional letter. Case, spacing and a trailing
`stk.` are forgiven, so `bl §46` and `BL § 46, stk. 2` name the same §. A § may be in the
catalogue more than once, each entry for its own period (a § renumbered, or ended and later given
new content): the reference is valid on a day when one of its entries is in force that day.

Barnets lov took over the children's measures of Serviceloven on 1 January 2024, so `SEL § 52`
on a decision of 2024 is refused while `BL § 32` is accepted; uddannelseshjælp (`LAS § 23`) ended
on 30 June 2025 (domain.md R25).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

# The abbreviation a reference is written with, per law of the vocabulary.
ABBREVIATIONS: dict[str, str] = {
    "barnets_lov": "BL",
    "serviceloven": "SEL",
    "lab": "LAB",
    "aktivloven": "LAS",
    "kui": "KUI",
    "stu": "STU",
    "fgu": "FGU",
    "folkeskoleloven": "FSL",
    "forvaltningsloven": "FVL",
    "retsplejeloven": "RPL",
    "databeskyttelsesloven": "DBL",
}
LAW_OF = {abbreviation: law for law, abbreviation in ABBREVIATIONS.items()}

Refusal = Literal["legal_basis.unknown", "legal_basis.not_in_force"]
UNKNOWN: Refusal = "legal_basis.unknown"
NOT_IN_FORCE: Refusal = "legal_basis.not_in_force"

_REFERENCE = re.compile(
    r"^\s*(?P<law>[A-Za-zÆØÅæøå]+)\s*§\s*(?P<number>\d+)\s*(?P<letter>[a-zæøå])?\s*(?:,?\s*stk\..*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Basis:
    """One entry of the catalogue: a § of a law in force from `valid_from` to `valid_to` (both
    days included; no end: still in force)."""

    law: str
    section: str
    valid_from: date
    valid_to: date | None = None


def code_of(law: str, section: str) -> str:
    """The reference as the records write it: `BL § 46`, `KUI § 2 k`."""
    return f"{ABBREVIATIONS[law]} § {section}"


def parse_reference(reference: str) -> tuple[str, str] | None:
    """(law, section) of a written reference, or None when it names no catalogued law or no §."""
    match = _REFERENCE.match(reference)
    if match is None:
        return None
    law = LAW_OF.get(match["law"].upper())
    if law is None:
        return None
    letter = match["letter"]
    return law, match["number"] + (f" {letter.lower()}" if letter else "")


def normalised(reference: str) -> str | None:
    """The reference in the catalogue's spelling, or None when it cannot be one."""
    found = parse_reference(reference)
    return None if found is None else code_of(*found)


def valid_on(basis: Basis, day: date) -> bool:
    """The § was in force on `day`: on or after its first day and not after its last."""
    return basis.valid_from <= day and (basis.valid_to is None or day <= basis.valid_to)


def refusal(entries: Iterable[Basis], day: date) -> Refusal | None:
    """Why a reference whose catalogue entries are `entries` cannot be a record's legal basis on
    `day`: `legal_basis.unknown` when the catalogue has no such §, `legal_basis.not_in_force` when
    none of its entries was in force that day; None when one was."""
    found = list(entries)
    if not found:
        return UNKNOWN
    if any(valid_on(basis, day) for basis in found):
        return None
    return NOT_IN_FORCE
