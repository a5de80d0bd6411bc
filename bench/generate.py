"""A synthetic nation of youth, deterministic from a seed, loaded with COPY.

    .venv/bin/python -m bench.generate --database-url postgresql://postgres@127.0.0.1:5432/ungeapi_bench \
        [--youth 1000000] [--seed 8] [--municipalities 101,851,860]

Rows are real rows the API reads: CPR numbers are encrypted and hashed with the app's own
`CprVault` (development keys from `ungeapi.core.settings`), name keys come from
`ungeapi.youth.rules.name_key`. Loading is `COPY` (asyncpg `copy_records_to_table`) as the
superuser, which row-level security does not apply to.

Synthetic CPR numbers, never real ones
--------------------------------------
No real CPR number is used, sampled or looked up. Every number is *constructed* from a pattern:

* digits 1-6 are the generated birth date (DDMMYY);
* digit 7 is a century digit valid for that year by the cpr.dk rules (0-3 for 1900-1999, 4-9 for
  2000-2036), so `rules.parse_cpr` gives back the same birth date;
* digits 8-10 come from a counter per birth date (000, 001, ...), so numbers are unique;
* every number whose modulus-11 check holds is skipped: **all synthetic numbers fail
  modulus 11**. Before 2007 the CPR office issued only modulus-11-valid numbers, and after that
  only when a birth date's valid serials ran out, so the pattern keeps clear of real people's
  numbers for the birth years 1995-2006 and mostly beyond. Test code can recognise a bench
  number by that failure. The data live in a local bench database under development keys.

The youth's birth dates, names, departments etc. are deterministic from `--seed`; ciphertexts are
not (AES-GCM takes a fresh random nonce, as in the service), but they decrypt to the same numbers.

Extending it
------------
Generation runs one municipality at a time (every table is tenant-scoped): `youth_rows` builds
the municipality's youth and returns `YouthSummary` values; each function in `EXTENSIONS` gets a
`MunicipalityBatch` (code, rng, today, the youth summaries) and returns more `TableRows` (cases
per department, guides, plans, referrals, teams, transition forms, absence...) that are copied
after the youth, in list order. Add a function there when a resource lands; keep the shares in
named constants so RESULTS.md can quote them.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from bench import effort
from bench.municipalities import MUNICIPALITIES, shares
from ungeapi.core.crypto import CprVault
from ungeapi.core.settings import Settings
from ungeapi.youth.rules import name_key

GENERATOR_VERSION = 2
DEFAULT_YOUTH = 1_000_000
DEFAULT_SEED = 8
# Birth dates are drawn so that ages are 13-30 on this day; a fixed day keeps runs identical.
AS_OF = dt.date(2026, 11, 23)
AGE_MIN, AGE_MAX = 13, 30
# Registrations spread over the three years before AS_OF (created_at orders the list pages).
REGISTRATION_DAYS = 3 * 365

# Which department registered the youth (registrerende afdeling), and the shares.
# Codes as in the app's default departments (municipality.schemas.DEFAULT_DEPARTMENTS): SÆH is `SAEH`.
DEPARTMENTS: tuple[tuple[str, float], ...] = (("BFU", 0.40), ("UU", 0.30), ("ARB", 0.22), ("SAEH", 0.08))
TARGET_GROUPS: tuple[tuple[str, float], ...] = (
    ("education_guidance", 0.30),
    ("employment", 0.12),
    ("preventive", 0.08),
    ("absence", 0.05),
    ("placed", 0.02),
    ("aftercare", 0.015),
    ("disability", 0.02),
)
ARCHIVED_SHARE = 0.03
EXTERNAL_REF_SHARE = 0.5

GIVEN_NAMES = (
    "Emma Ida Clara Freja Alma Ella Sofia Agnes Laura Karla Josefine Olivia Anna Mathilde Nora Lærke "
    "Maja Asta Liva Marie Signe Cecilie Caroline Sara Julie Emilie Frida Astrid Ellen Esther "
    "William Noah Oscar Lucas Carl Oliver Alfred Malthe Emil Victor Aksel Frederik August Magnus "
    "Elias Valdemar Arthur Anton Johan Mikkel Mads Rasmus Søren Jonas Kasper Mathias Sebastian "
    "Ali Mohammed Yusuf Sami Omar Leyla Amira Zainab Aya"
).split()
MIDDLE_NAMES = "Marie Sofie Louise Emil Peter Christian Johan Kristian Elisabeth Maria".split()
FAMILY_NAMES = (
    "Nielsen Jensen Hansen Andersen Pedersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
    "Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen "
    "Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard Mogensen "
    "Nissen Lauridsen Frandsen Østergaard Jepsen Kjær Carlsen Vinther Mølgaard Hald Dahl Bach "
    "Ahmed Hussein Yilmaz Ali Nguyen Kowalski Øberg Ærbø"
).split()

CPR_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)

YOUTH_COLUMNS = (
    "id",
    "municipality_code",
    "cpr_ciphertext",
    "cpr_hash",
    "birth_date",
    "given_name",
    "family_name",
    "guardians",
    "target_groups",
    "given_name_key",
    "family_name_key",
    "external_system",
    "external_id",
    "registered_by_department",
    "archived_at",
    "version",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True)
class YouthSummary:
    """What later generators need to know about a youth (no CPR, no names)."""

    id: uuid.UUID
    birth_date: dt.date
    department: str
    created_at: dt.datetime
    archived: bool


@dataclass
class TableRows:
    table: str
    columns: Sequence[str]
    rows: list[tuple[Any, ...]]


@dataclass
class MunicipalityBatch:
    code: str
    rng: random.Random
    as_of: dt.date
    youth: list[YouthSummary] = field(default_factory=list)
    tables: list[TableRows] = field(default_factory=list)


Extension = Callable[[MunicipalityBatch], list[TableRows]]
# Generators for later resources go here, in load order: bench/effort.py makes the departments,
# cases, guides, plans, concerns, referrals, teams, transition forms and absence records.
EXTENSIONS: list[Extension] = [effort.effort_tables]


class CprFactory:
    """Unique synthetic CPR numbers (see the module docstring): all fail modulus 11."""

    def __init__(self) -> None:
        self._next: dict[dt.date, int] = {}

    def make(self, born: dt.date) -> str:
        century_digits = (0, 1, 2, 3) if born.year < 2000 else (4, 5, 6, 7, 8, 9)
        if born.year > 2036:
            raise ValueError("the synthetic pattern covers birth years 1900-2036")
        stem = born.strftime("%d%m%y")
        k = self._next.get(born, 0)
        while True:
            if k >= 1000 * len(century_digits):
                raise RuntimeError(f"serials exhausted for {born}")
            serial = f"{century_digits[k // 1000]}{k % 1000:03d}"
            k += 1
            digits = stem + serial
            if sum(int(c) * w for c, w in zip(digits, CPR_WEIGHTS, strict=True)) % 11 != 0:
                self._next[born] = k
                return digits


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    x = rng.random() * sum(w for _, w in weighted)
    for value, weight in weighted:
        x -= weight
        if x < 0:
            return value
    return weighted[-1][0]


def _birth_date(rng: random.Random, as_of: dt.date) -> dt.date:
    # Uniform over the days of the age window: born after as_of - 31 years, on/before as_of - 13.
    latest = as_of.replace(year=as_of.year - AGE_MIN)
    earliest = as_of.replace(year=as_of.year - AGE_MAX - 1) + dt.timedelta(days=1)
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def youth_rows(batch: MunicipalityBatch, count: int, vault: CprVault, cprs: CprFactory) -> TableRows:
    rng, code = batch.rng, batch.code
    start = dt.datetime.combine(batch.as_of, dt.time(8), tzinfo=dt.UTC) - dt.timedelta(days=REGISTRATION_DAYS)
    rows: list[tuple[Any, ...]] = []
    for _ in range(count):
        youth_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        born = _birth_date(rng, batch.as_of)
        cpr = cprs.make(born)
        given = rng.choice(GIVEN_NAMES)
        if rng.random() < 0.25:
            given = f"{given} {rng.choice(MIDDLE_NAMES)}"
        family = rng.choice(FAMILY_NAMES)
        if rng.random() < 0.08:
            family = f"{rng.choice(FAMILY_NAMES)}-{family}"
        age = batch.as_of.year - born.year
        guardians = []
        if age < 18:
            guardians.append(
                {
                    "name": f"{rng.choice(GIVEN_NAMES)} {family}",
                    "relation": "mother",
                    "has_custody": True,
                    "involve_until_18": True,
                }
            )
            if rng.random() < 0.6:
                guardians.append(
                    {
                        "name": f"{rng.choice(GIVEN_NAMES)} {family}",
                        "relation": "father",
                        "has_custody": rng.random() < 0.9,
                        "involve_until_18": True,
                    }
                )
        groups = [g for g, share in TARGET_GROUPS if rng.random() < share]
        department = _pick(rng, DEPARTMENTS)
        created = start + dt.timedelta(seconds=rng.randrange(REGISTRATION_DAYS * 86_400))
        archived = rng.random() < ARCHIVED_SHARE
        archived_at = created + dt.timedelta(days=rng.randrange(1, 400)) if archived else None
        external = rng.random() < EXTERNAL_REF_SHARE
        rows.append(
            (
                youth_id,
                code,
                vault.encrypt(cpr, code),
                vault.lookup_hash(cpr),
                born,
                given,
                family,
                json.dumps(guardians),
                groups,
                name_key(given),
                name_key(family),
                "bench-journal" if external else None,
                f"J-{code}-{rng.getrandbits(40):012x}" if external else None,
                department,
                archived_at,
                2 if archived else 1,
                created,
                archived_at or created,
            )
        )
        batch.youth.append(YouthSummary(youth_id, born, department, created, archived))
    return TableRows("youth", YOUTH_COLUMNS, rows)


def vault_for_bench() -> CprVault:
    """The development keys, exactly as a development app built from `Settings` uses them."""
    settings = Settings(env="development")
    return CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)


def batches(
    total: int, *, seed: int = DEFAULT_SEED, codes: list[str] | None = None, as_of: dt.date = AS_OF
) -> Iterator[MunicipalityBatch]:
    """One batch per municipality, largest share first is not needed: catalogue order."""
    vault = vault_for_bench()
    cprs = CprFactory()
    for code, count in shares(total, codes).items():
        batch = MunicipalityBatch(code=code, rng=random.Random(f"{seed}:{code}"), as_of=as_of)
        batch.tables.append(youth_rows(batch, count, vault, cprs))
        for extension in EXTENSIONS:
            batch.tables.extend(extension(batch))
        yield batch


@dataclass
class LoadReport:
    youth: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    generate_seconds: float = 0.0
    load_seconds: float = 0.0
    analyze_seconds: float = 0.0
    wall_seconds: float = 0.0


async def load(
    dsn: str,
    total: int,
    *,
    seed: int = DEFAULT_SEED,
    codes: list[str] | None = None,
    progress: bool = True,
) -> LoadReport:
    """Generates and COPYs the nation. Generation runs in a thread so it overlaps the COPY."""
    report = LoadReport()
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        iterator = batches(total, seed=seed, codes=codes)

        def next_batch() -> tuple[MunicipalityBatch | None, float]:
            t0 = time.perf_counter()
            batch = next(iterator, None)
            return batch, time.perf_counter() - t0

        pending = asyncio.create_task(asyncio.to_thread(next_batch))
        while True:
            batch, gen_seconds = await pending
            report.generate_seconds += gen_seconds
            if batch is None:
                break
            pending = asyncio.create_task(asyncio.to_thread(next_batch))
            t0 = time.perf_counter()
            async with conn.transaction():
                for table in batch.tables:
                    await conn.copy_records_to_table(table.table, records=table.rows, columns=table.columns)
                    report.rows[table.table] = report.rows.get(table.table, 0) + len(table.rows)
            report.load_seconds += time.perf_counter() - t0
            report.youth += len(batch.youth)
            if progress:
                print(f"  {batch.code}: {len(batch.youth):>7} youth  (total {report.youth:,})", flush=True)
        t0 = time.perf_counter()
        await conn.execute("ANALYZE")
        report.analyze_seconds = time.perf_counter() - t0
    finally:
        await conn.close()
    report.wall_seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", required=True, help="postgresql://... of a migrated, empty database"
    )
    parser.add_argument("--youth", type=int, default=DEFAULT_YOUTH)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--municipalities", help="comma-separated kommunekoder (default: all 98)")
    args = parser.parse_args(argv)
    codes = args.municipalities.split(",") if args.municipalities else None
    report = asyncio.run(load(args.database_url, args.youth, seed=args.seed, codes=codes))
    print(json.dumps(report.__dict__, indent=2))


__all__ = ["MUNICIPALITIES", "load", "main"]

if __name__ == "__main__":
    main()
