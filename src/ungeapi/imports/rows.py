"""Each record of an import validated with the same schemas and rules as the API.

Pure: no database. A record becomes a staged row (ready for the bulk write) or a list of
problems (line, field, code, message). CSV headers may be the API's field names or the Danish
column names municipalities' spreadsheets use; both map to the API's fields.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ungeapi.absence import messages as absence_messages
from ungeapi.absence import rules as absence_rules
from ungeapi.absence.schemas import AbsenceFields
from ungeapi.cases import messages as case_messages
from ungeapi.cases import rules as case_rules
from ungeapi.cases.schemas import CaseFields, Caseworker
from ungeapi.core import messages
from ungeapi.core.event_dates import event_date_problem
from ungeapi.core.messages import FIELD_CODE
from ungeapi.core.scrub import has_cpr
from ungeapi.imports import messages as import_messages
from ungeapi.imports.parsing import BadRecord, Record, normalise_header
from ungeapi.law import catalogue as legal_bases
from ungeapi.law import messages as law_messages
from ungeapi.youth import messages as youth_messages
from ungeapi.youth import rules as youth_rules
from ungeapi.youth.schemas import CprNumber, ExternalRef, YouthCreate

# A report names what the import itself refuses and what the youth, case and absence rules and
# core's field checks refuse in its records, so its texts are those domains' and core's.
REPORT_TEXTS = messages.merge(
    messages.CATALOGUE,
    import_messages.CATALOGUE,
    youth_messages.CATALOGUE,
    case_messages.CATALOGUE,
    absence_messages.CATALOGUE,
    law_messages.CATALOGUE,
)

# Danish (and other common) column names -> the API's field names, per kind.
_COMMON_YOUTH_REF = {
    "youth_id": ("youth_id", "ung_id", "den_unges_id"),
    "cpr": ("cpr", "cpr_nummer", "cpr_nr", "cprnr", "personnummer"),
}
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "youth": {
        "cpr": _COMMON_YOUTH_REF["cpr"],
        "given_name": ("given_name", "fornavn", "fornavne"),
        "family_name": ("family_name", "efternavn"),
        "guardians": ("guardians", "foraeldre", "vaerger"),
        "target_groups": ("target_groups", "maalgrupper", "malgrupper", "maalgruppe"),
        "registered_by_department": (
            "registered_by_department",
            "department",
            "department_code",
            "afdeling",
            "registrerende_afdeling",
        ),
        "external_ref": ("external_ref", "ekstern_reference"),
        "external_system": ("external_system", "system", "kildesystem", "ekstern_system"),
        "external_id": ("external_id", "ekstern_id", "eksternt_id"),
    },
    "cases": {
        **_COMMON_YOUTH_REF,
        "department_code": ("department_code", "department", "afdeling"),
        "kind": ("kind", "sagstype"),
        "legal_basis": ("legal_basis", "lovgrundlag"),
        "legal_basis_code": ("legal_basis_code", "paragraf"),
        "caseworker": ("caseworker",),
        "caseworker_sub": ("caseworker_sub", "sagsbehandler", "sagsbehandler_id"),
        "caseworker_name": ("caseworker_name", "sagsbehandler_navn"),
        "opened_on": ("opened_on", "oprettet", "aabnet", "startdato"),
        "closed_on": ("closed_on", "afsluttet", "slutdato"),
        "support_after_18_expected": (
            "support_after_18_expected",
            "stoette_efter_18",
            "forventet_stoette_efter_18",
        ),
        "support_hours_after_18": ("support_hours_after_18", "timer_efter_18", "forventede_timer_efter_18"),
        "external_ref": ("external_ref", "ekstern_reference"),
        "external_system": ("external_system", "journalsystem", "kildesystem", "system"),
        "external_id": ("external_id", "journalnummer", "sagsnummer", "ekstern_id"),
    },
    "absence": {
        **_COMMON_YOUTH_REF,
        "school_name": ("school_name", "skole", "skolenavn"),
        "school_code": ("school_code", "skolekode", "institutionsnummer"),
        "quarter": ("quarter", "kvartal"),
        "period_from": ("period_from", "periode_fra", "fra"),
        "period_to": ("period_to", "periode_til", "til"),
        "school_days": ("school_days", "skoledage"),
        "lawful_pct": ("lawful_pct", "lovligt", "lovligt_fravaer", "lovligt_pct"),
        "unlawful_pct": ("unlawful_pct", "ulovligt", "ulovligt_fravaer", "ulovligt_pct"),
        "sick_pct": ("sick_pct", "sygdom", "sygefravaer", "syg", "syg_pct"),
        "parents_warned_on": ("parents_warned_on", "foraeldre_advaret"),
        "municipality_notified_on": ("municipality_notified_on", "underrettet", "kommunen_underrettet"),
        "recorded_by_department": ("recorded_by_department", "afdeling", "department"),
        "external_ref": ("external_ref", "ekstern_reference"),
        "external_system": ("external_system", "kildesystem", "system"),
        "external_id": ("external_id", "ekstern_id", "eksternt_id"),
    },
}
_LOOKUP: dict[str, dict[str, str]] = {
    kind: {normalise_header(alias): name for name, aliases in table.items() for alias in aliases}
    for kind, table in ALIASES.items()
}
_PCT_FIELDS = ("lawful_pct", "unlawful_pct", "sick_pct", "support_hours_after_18")
_LIST_SPLIT = re.compile(r"[|,]")


@functools.lru_cache(maxsize=4096)
def field_for(kind: str, column: str) -> str | None:
    """The API field a column (or JSON key) stands for, or None if unknown. Cached: a file has
    few distinct column names and every record asks for each of them."""
    return _LOOKUP[kind].get(normalise_header(column))


def header_missing(kind: str, header: list[str] | None) -> bool:
    """A CSV file's first row is data, not column names: one of its cells holds a CPR-shaped
    value, or none of them names a field of this kind of import."""
    cells = [c for c in header or [] if c.strip()]
    if not cells:
        return False
    return any(has_cpr(c) for c in cells) or all(field_for(kind, c) is None for c in cells)


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str | None
    code: str
    message: str
    params: dict[str, Any] | None = None
    column: str | None = None  # the file's own name of the field, set when the report is saved


def problem(line: int, field: str | None, code: str, **params: Any) -> RowProblem:
    """A problem whose English message comes from the report's texts (rendered per language on read)."""
    return RowProblem(line, field, code, render(code, "en", "", params), _jsonable(params) or None)


def render(code: str, lang: Any, fallback: str, params: Mapping[str, Any] | None) -> str:
    if code in REPORT_TEXTS.problems:
        return REPORT_TEXTS.problem_text(code, lang, dict(params or {}))[1]
    return REPORT_TEXTS.field_message(code, lang, fallback, params)


def _jsonable(params: Mapping[str, Any] | None) -> dict[str, Any]:
    return {
        k: v if isinstance(v, int | float | str | bool) or v is None else str(v)
        for k, v in (params or {}).items()
    }


def validation_problems(line: int, exc: ValidationError) -> list[RowProblem]:
    """pydantic's errors as report rows, coded exactly as the API codes them (main._field_errors)."""
    found = []
    for err in exc.errors():
        code = str(err.get("type", "invalid"))
        params = dict(err.get("ctx") or {})
        message = str(err.get("msg", ""))
        if code == "value_error":
            candidate = str(params.get("error", ""))
            if FIELD_CODE.match(candidate):
                code = candidate
            elif candidate:
                message = candidate
            params.pop("error", None)
        field = ".".join(str(p) for p in err.get("loc", ())) or None
        clean = _jsonable(params)
        text = REPORT_TEXTS.field_message(code, "en", message, clean)
        found.append(RowProblem(line, field, code, text, clean or None))
    return found


def shape(kind: str, record: dict[str, Any], *, from_csv: bool) -> dict[str, Any]:
    """The record with the API's field names; CSV's flat columns nested as the schemas want."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = field_for(kind, key) or key
        if from_csv:
            if not isinstance(value, str):
                continue
            value = value.strip()
            if value == "":
                continue
            if name in ("target_groups",):
                value = [v.strip() for v in _LIST_SPLIT.split(value) if v.strip()]
            elif name in _PCT_FIELDS:
                value = value.replace(",", ".")  # Danish decimal comma
        out[name] = value
    system, ext_id = out.pop("external_system", None), out.pop("external_id", None)
    if system is not None or ext_id is not None:
        out["external_ref"] = {"system": system, "id": ext_id}
    sub, name = out.pop("caseworker_sub", None), out.pop("caseworker_name", None)
    if sub is not None or name is not None:
        out["caseworker"] = {"sub": sub, "name": name or sub}
    return out


# --- youth -------------------------------------------------------------------------------


@dataclass(frozen=True)
class YouthRow:
    line: int
    cpr_ciphertext: bytes
    cpr_hash: bytes
    birth_date: date
    given_name: str
    family_name: str
    guardians: list[dict[str, Any]] | None
    target_groups: list[str] | None
    external_system: str | None
    external_id: str | None
    registered_by_department: str | None


def youth_row(
    line: int,
    record: Record,
    *,
    from_csv: bool,
    today: date,
    age_min: int,
    age_max: int,
    departments: set[str],
    hash_cpr: Callable[[str], bytes],
    encrypt_cpr: Callable[[str], bytes],
) -> YouthRow | list[RowProblem]:
    """YouthCreate, then R1/R1a (the age window), as POST /v1/youth does."""
    data = _parsed(YouthCreate, "youth", line, record, from_csv=from_csv)
    if isinstance(data, list):
        return data
    cpr = youth_rules.parse_cpr(data.cpr)
    if youth_rules.outside_age_window(cpr.birth_date, today, age_min, age_max):
        return [
            problem(
                line,
                "cpr",
                "youth.outside_age_window",
                age=youth_rules.age_on(cpr.birth_date, today),
                age_min=age_min,
                age_max=age_max,
            )
        ]
    department = data.registered_by_department
    if department is not None and department not in departments:
        return [problem(line, "registered_by_department", "import.unknown_department", department=department)]
    given = data.model_fields_set
    return YouthRow(
        line=line,
        cpr_ciphertext=encrypt_cpr(cpr.digits),
        cpr_hash=hash_cpr(cpr.digits),
        birth_date=cpr.birth_date,
        given_name=data.given_name,
        family_name=data.family_name,
        guardians=[g.model_dump() for g in data.guardians] if "guardians" in given else None,
        target_groups=list(data.target_groups) if "target_groups" in given else None,
        external_system=data.external_ref.system if data.external_ref else None,
        external_id=data.external_ref.id if data.external_ref else None,
        registered_by_department=data.registered_by_department,
    )


@dataclass(frozen=True)
class RowOfYouth:
    """A staged row about a youth named by id, or by CPR number (its hash) until resolved."""

    line: int
    youth_id: uuid.UUID | None
    youth_cpr_hash: bytes | None


# --- cases -------------------------------------------------------------------------------


class CaseImport(CaseFields):
    """A case row: the API's case fields, the youth by id or CPR, and the journal reference."""

    model_config = ConfigDict(extra="forbid")

    youth_id: uuid.UUID | None = Field(default=None, description="The youth (den unge).")
    cpr: CprNumber | None = None
    department_code: str = Field(max_length=20, description="Department (afdeling).")
    external_ref: ExternalRef | None = None


@dataclass(frozen=True)
class CaseRow(RowOfYouth):
    department_code: str
    kind: str
    legal_basis: str | None
    legal_basis_code: str | None
    caseworker_sub: str
    caseworker_name: str
    opened_on: date
    closed_on: date | None
    external_system: str
    external_id: str
    support_after_18_expected: bool = False
    support_hours_after_18: Decimal | None = None


_Model = TypeVar("_Model", bound=BaseModel)


def _parsed(
    model: type[_Model], kind: str, line: int, record: Record, *, from_csv: bool
) -> _Model | list[RowProblem]:
    """The record of a `kind` file as `model`, as the API's doors read it, or why it is not one."""
    if isinstance(record, BadRecord):
        return [problem(line, None, "import.invalid_record", reason=record.reason)]
    try:
        return model.model_validate(shape(kind, record, from_csv=from_csv))
    except ValidationError as exc:
        return validation_problems(line, exc)


def _cpr_hash(youth_id: uuid.UUID | None, cpr: str | None, hash_cpr: Callable[[str], bytes]) -> bytes | None:
    """The CPR number's hash to find the youth by, when the row names no youth id."""
    return hash_cpr(youth_rules.parse_cpr(cpr).digits) if youth_id is None and cpr else None


def _youth_reference(line: int, youth_id: uuid.UUID | None, cpr: str | None) -> list[RowProblem]:
    """A case or absence row names its youth by id or by CPR number."""
    if youth_id is None and cpr is None:
        return [problem(line, "youth_id", "import.youth_reference_required")]
    return []


def _event_date_problems(
    line: int, today: date, *fields: tuple[str, date | None, date | None]
) -> list[RowProblem]:
    """§8.1, as the API's doors check them: each (field, day, answered event's day) given is
    not after `today` and not before the event it answers."""
    found: list[RowProblem] = []
    for field, day, not_before in fields:
        if day is None:
            continue
        code = event_date_problem(day, today=today, not_before=not_before)
        if code is not None:
            params = {"day": day.isoformat(), "today": today.isoformat()}
            if not_before is not None:
                params["earliest"] = not_before.isoformat()
            found.append(problem(line, field, code, **params))
    return found


def case_row(
    line: int,
    record: Record,
    *,
    from_csv: bool,
    today: date,
    departments: set[str],
    caller_departments: tuple[str, ...],
    municipality_wide: bool,
    caller: Caseworker,
    hash_cpr: Callable[[str], bytes],
) -> CaseRow | list[RowProblem]:
    """CaseFields and the case rules, as POST /v1/cases and PUT /v1/cases/by-external do."""
    data = _parsed(CaseImport, "cases", line, record, from_csv=from_csv)
    if isinstance(data, list):
        return data
    problems = _youth_reference(line, data.youth_id, data.cpr)
    if data.external_ref is None:
        problems.append(problem(line, "external_ref", "import.external_ref_required"))
    if not case_rules.may_write_department(data.department_code, caller_departments, municipality_wide):
        problems.append(
            problem(line, "department_code", "case.department_not_yours", department=data.department_code)
        )
    elif data.department_code not in departments:
        problems.append(
            problem(line, "department_code", "case.unknown_department", department=data.department_code)
        )
    opened_on = data.opened_on or today
    problems += _event_date_problems(line, today, ("opened_on", opened_on, None))
    if not case_rules.dates_in_order(opened_on, data.closed_on):
        problems.append(problem(line, "closed_on", "case.closed_before_opened"))
    else:
        problems += _event_date_problems(line, today, ("closed_on", data.closed_on, None))
    refused = legal_bases.reference_refusal(data.legal_basis_code, opened_on)
    if refused is not None:
        day = opened_on.isoformat()
        problems.append(problem(line, "legal_basis_code", refused, reference=data.legal_basis_code, day=day))
    expected, hours = data.support_after_18_expected, data.support_hours_after_18
    if not case_rules.support_after_18_consistent(expected, hours):
        problems.append(problem(line, "support_hours_after_18", "case.support_hours_without_expectation"))
    if problems:
        return problems
    assert data.external_ref is not None
    caseworker = data.caseworker or caller
    return CaseRow(
        line=line,
        youth_id=data.youth_id,
        youth_cpr_hash=_cpr_hash(data.youth_id, data.cpr, hash_cpr),
        department_code=data.department_code,
        kind=data.kind,
        legal_basis=data.legal_basis,
        legal_basis_code=data.legal_basis_code,
        caseworker_sub=caseworker.sub,
        caseworker_name=caseworker.name,
        opened_on=opened_on,
        closed_on=data.closed_on,
        external_system=data.external_ref.system,
        external_id=data.external_ref.id,
        support_after_18_expected=data.support_after_18_expected,
        support_hours_after_18=(
            Decimal(str(round(data.support_hours_after_18, 1)))
            if data.support_hours_after_18 is not None
            else None
        ),
    )


# --- absence -----------------------------------------------------------------------------


class AbsenceImport(AbsenceFields):
    """An absence row: the API's absence fields and the youth by id or CPR."""

    model_config = ConfigDict(extra="forbid")

    youth_id: uuid.UUID | None = Field(default=None, description="The youth (den unge).")
    cpr: CprNumber | None = None
    external_ref: ExternalRef | None = None


@dataclass(frozen=True)
class AbsenceRow(RowOfYouth):
    school_name: str
    school_code: str | None
    quarter: str | None
    period_from: date
    period_to: date
    school_days: int | None
    lawful_pct: Decimal
    unlawful_pct: Decimal
    sick_pct: Decimal
    parents_warned_on: date | None
    municipality_notified_on: date | None
    recorded_by_department: str | None
    external_system: str | None = None
    external_id: str | None = None


def _share(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def absence_row(
    line: int,
    record: Record,
    *,
    from_csv: bool,
    today: date,
    departments: set[str],
    hash_cpr: Callable[[str], bytes],
) -> AbsenceRow | list[RowProblem]:
    """AbsenceFields and the R22/R23 period and share rules, as POST /v1/absence does."""
    data = _parsed(AbsenceImport, "absence", line, record, from_csv=from_csv)
    if isinstance(data, list):
        return data
    problems = _youth_reference(line, data.youth_id, data.cpr)
    try:
        period_from, period_to, quarter = absence_rules.resolve_period(
            data.quarter, data.period_from, data.period_to
        )
    except absence_rules.InvalidPeriod:
        problems.append(problem(line, "period_from", "absence.period_invalid"))
    else:
        problems += _event_date_problems(
            line,
            today,
            ("parents_warned_on", data.parents_warned_on, period_from),
            ("municipality_notified_on", data.municipality_notified_on, period_from),
        )
    department = data.recorded_by_department
    if department is not None and department not in departments:
        problems.append(
            problem(line, "recorded_by_department", "import.unknown_department", department=department)
        )
    shares = _share(data.lawful_pct), _share(data.unlawful_pct), _share(data.sick_pct)
    if not absence_rules.shares_valid(*shares):
        problems.append(problem(line, "unlawful_pct", "absence.shares_exceed_total"))
    if problems:
        return problems
    return AbsenceRow(
        line=line,
        youth_id=data.youth_id,
        youth_cpr_hash=_cpr_hash(data.youth_id, data.cpr, hash_cpr),
        school_name=data.school_name,
        school_code=data.school_code,
        quarter=quarter,
        period_from=period_from,
        period_to=period_to,
        school_days=data.school_days,
        lawful_pct=shares[0],
        unlawful_pct=shares[1],
        sick_pct=shares[2],
        parents_warned_on=data.parents_warned_on,
        municipality_notified_on=data.municipality_notified_on,
        recorded_by_department=data.recorded_by_department,
        external_system=data.external_ref.system if data.external_ref else None,
        external_id=data.external_ref.id if data.external_ref else None,
    )
