"""Operations migrations share: the application role, tenant row-level security, append-only.

Kept in the package (not in a migration) so every later migration can call the same code.
"""

from __future__ import annotations

from alembic import op

APP_ROLE = "ungeapi_app"
TENANT_SETTING = "ungeapi.municipality"


def ensure_app_role() -> None:
    op.execute(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
            CREATE ROLE {APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
          END IF;
        END $$;
        """
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")


def tenant_table(table: str, *, privileges: str = "SELECT, INSERT, UPDATE, DELETE") -> None:
    """Grants the app role `privileges` and hides other municipalities' rows from it."""
    op.execute(f"GRANT {privileges} ON {table} TO {APP_ROLE}")
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON {table} "
        f"USING (municipality_code = current_setting('{TENANT_SETTING}', true)) "
        f"WITH CHECK (municipality_code = current_setting('{TENANT_SETTING}', true))"
    )


def drop_tenant_policy(table: str) -> None:
    op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")


def append_only(table: str) -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION ungeapi_refuse_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION ungeapi_refuse_change()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION ungeapi_refuse_change()"
    )


def drop_append_only(table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
