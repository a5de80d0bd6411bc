"""The catalogue's data file: well-formed, dated as domain.md says, and covering every § that
domain.md names (parsed from ../shared/domain.md, the rules the API is built from)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from ungeapi.law import rules
from ungeapi.law.catalogue import rows

ROWS = rows("v1")
CODES = {r["code"] for r in ROWS}
ROOT = Path(__file__).resolve().parents[3]
# The shared folder beside the checkout (a worktree under /work/wt, or the main checkout).
DOMAIN_MD = [ROOT.parent / "shared" / "domain.md", ROOT.parent / "wt" / "shared" / "domain.md"]

# A law named in the text before a §, nearest first; in domain.md's own words and abbreviations.
_HINTS = [
    (re.compile(r"\bBarnets lov\b|\bBL\b"), "barnets_lov"),
    (re.compile(r"\bServiceloven\b|\bSEL\b"), "serviceloven"),
    (re.compile(r"\bKUI\b"), "kui"),
    (re.compile(r"\bLAB\b"), "lab"),
    (re.compile(r"[Ff]orvaltningslovens?\b|\bFVL\b"), "forvaltningsloven"),
    (re.compile(r"[Rr]etsplejelovens?\b|\bRPL\b"), "retsplejeloven"),
    (re.compile(r"[Dd]atabeskyttelseslovens?\b|\bDBL\b"), "databeskyttelsesloven"),
]
# A subsection of domain.md §3 whose §§ are of one law unless the line names another.
_SECTION_LAW = {"A": "kui", "B": "kui", "D": "barnets_lov", "F": "lab"}
_PARAGRAPH = re.compile(r"§§?\s+((?:\d+(?:\s[a-z](?![a-zæøå]))?(?:\s*(?:,|/|–|-)\s*(?=\d))?)+)")
_NUMBER = re.compile(r"(\d+)(?:\s([a-z]))?")


def references(text: str) -> set[str]:
    """Every § reference of a domain.md-like text, as catalogue codes."""
    found: set[str] = set()
    default: str | None = None
    for line in text.splitlines():
        heading = re.match(r"^\*\*([A-Z])\. ", line)
        if heading:
            default = _SECTION_LAW.get(heading.group(1))
        elif line.startswith("#"):
            default = None
        for match in _PARAGRAPH.finditer(line):
            before = line[: match.start()]
            named = [(m.start(), law) for pattern, law in _HINTS for m in pattern.finditer(before)]
            law = max(named)[1] if named else default
            assert law is not None, f"no law for {match.group(0)!r} in: {line}"
            found |= {rules.code_of(law, section) for section in _sections(match.group(1))}
    return found


def _sections(listed: str) -> list[str]:
    """`114–116, 120` -> 114, 115, 116, 120; `2 a` -> `2 a`; `107/108` -> 107, 108."""
    sections: list[str] = []
    for part in re.split(r"\s*(?:,|/)\s*", listed.strip()):
        span = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", part)
        if span:
            sections += [str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1)]
            continue
        number = _NUMBER.fullmatch(part)
        if number:
            sections.append(number.group(1) + (f" {number.group(2)}" if number.group(2) else ""))
    return sections


def test_the_parser_on_domain_md_s_ways_of_writing() -> None:
    text = """**D. Barnets lov (in force 1 Jan 2024)**
- **R20 LAW/REM.** decide on ungestøtte (§§ 114–116, 120, ages 18–22) after the ungeplan (§ 111). (old SEL § 76 stk. 4)
- legal basis (BL § 32/46/47/114; SEL § 85/107/108; LAB; STU)
## 6. Privacy
- forvaltningslovens § 28 (the child's interest), **KUI § 15 d (Ungedatabasen).** see §6.3
**A. Scope**
- readiness assessment (§ 2 g); duty (§ 2 a, stk. 5).
"""
    assert references(text) == {
        "BL § 114", "BL § 115", "BL § 116", "BL § 120", "BL § 111", "SEL § 76", "BL § 32", "BL § 46",
        "BL § 47", "SEL § 85", "SEL § 107", "SEL § 108", "FVL § 28", "KUI § 15 d", "KUI § 2 g", "KUI § 2 a",
    }  # fmt: skip


def test_the_catalogue_covers_every_paragraph_domain_md_names() -> None:
    path = next((p for p in DOMAIN_MD if p.is_file()), None)
    if path is None:
        pytest.skip("../shared/domain.md is not beside this checkout")
    named = references(path.read_text(encoding="utf-8"))
    assert len(named) > 25
    assert named - CODES == set()


def test_ids_are_unique_and_each_period_in_order() -> None:
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    for row in ROWS:
        assert row["valid_to"] is None or row["valid_to"] >= row["valid_from"], row["id"]
        assert rules.normalised(row["code"]) == row["code"]
        assert row["title"].strip() and row["source"], row["id"]


def test_the_dates_of_the_law_and_of_domain_md() -> None:
    by_law: dict[str, set[date]] = {}
    for row in ROWS:
        by_law.setdefault(row["law"], set()).add(row["valid_from"])
    # Barnets lov is in force from 1 January 2024; Serviceloven's children's measures end the day before.
    assert by_law["barnets_lov"] == {date(2024, 1, 1)}
    children = {r["code"]: r["valid_to"] for r in ROWS if r["code"] in {"SEL § 52", "SEL § 76", "SEL § 49 b"}}
    assert set(children.values()) == {date(2023, 12, 31)}
    adults = [r for r in ROWS if r["code"] in {"SEL § 85", "SEL § 107", "SEL § 108"}]
    assert [r["valid_to"] for r in adults] == [None, None, None]
    # R25: uddannelseshjælp abolished on 1 July 2025.
    assert next(r for r in ROWS if r["code"] == "LAS § 23")["valid_to"] == date(2025, 6, 30)
