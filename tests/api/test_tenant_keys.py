"""Ready for distribution by municipality: the live schema's keys all include municipality_code.

Citus distributes a table by one column and enforces a primary key, a unique constraint or a
foreign key only when it includes that column (the reference's on both sides, paired). With
every tenant table distributed by municipality_code, a municipality's rows are co-located and
every constraint is checked on one node; docs/operating.md, "When and how to move to Citus", says how.

The check reads the catalogue of the migrated test database (pg_catalog), so a new migration that
adds a table, a unique index or a reference without municipality_code fails here; the second
test shows the check failing on a scratch schema holding each kind of mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

TENANT = "municipality_code"

# The tables without municipality_code, and why each stays global. In Citus they would be
# reference tables (copied to every node), and no tenant table may be referenced from them.
NOT_TENANT_TABLES = {
    "alembic_version": "Alembic's record of the schema's revision: one row for the whole database",
}


@dataclass(frozen=True)
class Key:
    """A primary key, unique constraint, unique index or foreign key, as the catalogue has it."""

    table: str
    name: str
    kind: str  # "primary key", "unique", "unique index", "foreign key"
    columns: tuple[str, ...]
    referenced_table: str | None = None
    referenced_columns: tuple[str, ...] = ()


_KEYS = """
SELECT c.conrelid::regclass::text AS table_name, c.conname AS name,
       CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' ELSE 'foreign key' END AS kind,
       ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
       c.confrelid::regclass::text AS referenced_table,
       ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)
         AS referenced_columns
FROM pg_constraint c
WHERE c.connamespace = $1::regnamespace AND c.contype IN ('p', 'u', 'f')
UNION ALL
-- Unique indexes that back no constraint (the partial "one open ... per youth" ones).
SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, 'unique index',
       ARRAY(SELECT a.attname FROM unnest(i.indkey) k(attnum)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum),
       NULL, '{}'
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relnamespace = $1::regnamespace AND i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))
"""

_TABLES = """
SELECT c.relname AS table_name,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $2
               AND a.attnum > 0 AND NOT a.attisdropped) AS tenant
FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p')
"""


def _unqualified(name: str) -> str:
    return name.rsplit(".", 1)[-1]  # regclass::text qualifies names outside the search path


async def catalogue(conn: asyncpg.Connection, schema: str) -> tuple[dict[str, bool], list[Key]]:
    """The schema's tables (name → has municipality_code) and its keys."""
    tables = {r["table_name"]: r["tenant"] for r in await conn.fetch(_TABLES, schema, TENANT)}
    keys = [
        Key(
            table=_unqualified(r["table_name"]),
            name=_unqualified(r["name"]),
            kind=r["kind"],
            columns=tuple(r["columns"]),
            referenced_table=_unqualified(r["referenced_table"]) if r["referenced_table"] else None,
            referenced_columns=tuple(r["referenced_columns"]),
        )
        for r in await conn.fetch(_KEYS, schema)
    ]
    return tables, keys


def problems(tables: dict[str, bool], keys: list[Key]) -> list[str]:
    """What keeps the schema from being distributed by municipality_code, one line each."""
    found = []
    with_primary_key = {k.table for k in keys if k.kind == "primary key"}
    found += [
        f"{t}: tenant table without a primary key"
        for t, tenant in tables.items()
        if tenant and t not in with_primary_key
    ]
    for key in keys:
        if not tables.get(key.table):
            if key.kind == "foreign key" and tables.get(key.referenced_table or ""):
                found.append(
                    f"{key.table}.{key.name}: a table without {TENANT} references tenant table {key.referenced_table}"
                )
            continue
        if key.kind != "foreign key":
            if TENANT not in key.columns:
                found.append(f"{key.table}.{key.name}: {key.kind} ({', '.join(key.columns)}) lacks {TENANT}")
        elif tables.get(key.referenced_table or "") and (TENANT, TENANT) not in zip(
            key.columns, key.referenced_columns, strict=True
        ):
            found.append(
                f"{key.table}.{key.name}: foreign key ({', '.join(key.columns)}) → {key.referenced_table}"
                f" ({', '.join(key.referenced_columns)}) does not pair {TENANT} with {TENANT}"
            )
    return sorted(found)


async def test_every_key_of_a_tenant_table_includes_the_municipality(admin_db: asyncpg.Connection) -> None:
    tables, keys = await catalogue(admin_db, "public")

    assert {t for t, tenant in tables.items() if not tenant} == set(NOT_TENANT_TABLES)
    assert problems(tables, keys) == []
    # Not vacuous: the schema has references between tenant rows, and partial unique indexes.
    assert sum(k.kind == "foreign key" for k in keys) > 30
    assert any(k.kind == "unique index" for k in keys)


async def test_the_check_names_each_key_that_lacks_the_municipality(admin_db: asyncpg.Connection) -> None:
    """Each kind of mistake in a scratch schema, next to its correct form (which passes)."""
    schema = "tenant_keys_probe"
    await admin_db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    try:
        async with admin_db.transaction():
            await admin_db.execute(
                f"""
            CREATE SCHEMA {schema};
            SET LOCAL search_path = {schema};
            CREATE TABLE country (code text PRIMARY KEY);
            CREATE TABLE parent (id uuid, municipality_code text, code text, PRIMARY KEY (id, municipality_code),
                                 UNIQUE (code, municipality_code));
            CREATE TABLE bad_key (id uuid PRIMARY KEY, municipality_code text, token text UNIQUE);
            CREATE TABLE no_key (municipality_code text);
            CREATE TABLE child (
                id uuid, municipality_code text, parent_id uuid, other_parent_id uuid, parent_code text, country text,
                PRIMARY KEY (id, municipality_code),
                CONSTRAINT good_ref FOREIGN KEY (parent_id, municipality_code)
                    REFERENCES parent (id, municipality_code),
                CONSTRAINT crossed_ref FOREIGN KEY (municipality_code, parent_code)
                    REFERENCES parent (code, municipality_code),
                CONSTRAINT lone_ref FOREIGN KEY (other_parent_id) REFERENCES bad_key (id),
                CONSTRAINT to_reference_table FOREIGN KEY (country) REFERENCES country (code));
            CREATE UNIQUE INDEX one_per_parent ON child (parent_id) WHERE id IS NOT NULL;
            CREATE UNIQUE INDEX one_per_parent_here ON child (parent_id, municipality_code) WHERE id IS NOT NULL;
            CREATE TABLE global_note (parent_id uuid, municipality_code_text text,
                                      CONSTRAINT global_ref FOREIGN KEY (parent_id) REFERENCES bad_key (id));
            """
            )
        tables, keys = await catalogue(admin_db, schema)
    finally:
        await admin_db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    assert problems(tables, keys) == [
        "bad_key.bad_key_pkey: primary key (id) lacks municipality_code",
        "bad_key.bad_key_token_key: unique (token) lacks municipality_code",
        "child.crossed_ref: foreign key (municipality_code, parent_code) → parent (code, municipality_code)"
        " does not pair municipality_code with municipality_code",
        "child.lone_ref: foreign key (other_parent_id) → bad_key (id) does not pair municipality_code"
        " with municipality_code",
        "child.one_per_parent: unique index (parent_id) lacks municipality_code",
        "global_note.global_ref: a table without municipality_code references tenant table bad_key",
        "no_key: tenant table without a primary key",
    ]
