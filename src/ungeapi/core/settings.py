"""Service settings, read from UNGEAPI_* environment variables.

There is no import-time instance: `create_app(settings)` receives one, so tests and tools can
build apps with their own settings.
"""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEV_JWT_SECRET = "ungeapi-development-secret-do-not-use-in-production"  # noqa: S105
# 32 zero-ish bytes, base64: only ever accepted when UNGEAPI_ENV=development.
DEV_CPR_KEY = base64.b64encode(b"ungeapi-dev-cpr-encryption-key!!").decode()
DEV_CPR_HASH_KEY = base64.b64encode(b"ungeapi-dev-cpr-lookup-hash-key!").decode()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="UNGEAPI_", extra="ignore")

    env: Literal["development", "test", "production"] = "production"
    database_url: str = "postgresql+asyncpg://127.0.0.1:5432/ungeapi"
    # Migrations run as the schema owner; the app runs as a role subject to row-level security.
    migration_database_url: str | None = None
    db_app_role: str | None = "ungeapi_app"
    db_pool_size: int = 10
    # Connections go through PgBouncer in transaction pooling: a server connection is the app's
    # for one transaction only, so nothing may be kept on it beyond that (core/db.py
    # PGBOUNCER_CONNECT_ARGS, `_begin_sql`; docs/operating.md).
    db_pgbouncer: bool = False
    # A streaming replica (or several hosts with target_session_attrs=standby) for the reads that
    # tolerate a little lag and carry no youth's own data: the aggregate statistics and the
    # transition forecast (core/db.py `Database.read_transaction`; docs/operating.md). Unset,
    # they read from the primary.
    database_replica_url: str | None = None
    # A replica further behind than this is passed over for the primary (measured per request on
    # the replica: core/db.py REPLICA_LAG_SQL).
    replica_max_lag_seconds: float = Field(default=10.0, ge=0)
    # A replica that cannot be reached is not tried again for this long: every request in between
    # would wait for its connection attempt (at most replica_connect_timeout_seconds) first.
    replica_retry_seconds: float = Field(default=5.0, ge=0)
    replica_connect_timeout_seconds: float = Field(default=2.0, gt=0)
    # FastAPI's own OpenTelemetry spans and metrics, for operators who configure OpenTelemetry;
    # off, a request does not even ask whether a provider is set up.
    opentelemetry: bool = False

    jwt_issuer: str = "ungeapi-dev"
    jwt_audience: str = "ungeapi"
    jwt_dev_secret: str | None = None
    jwks_file: str | None = None
    jwks_url: str | None = None
    # How long a key set fetched from jwks_url, and a token verified with it, are trusted before
    # the key set is fetched again: the longest a key withdrawn at the identity provider still
    # opens doors, in each API process (core/security.py).
    jwks_refresh_seconds: float = 300
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["RS256", "ES256"])
    jwt_leeway_seconds: int = 30

    # The citizens' door (/v1/me, core/citizen.py): tokens from the municipality's citizen portal,
    # as it gets them from the national login broker. Its own issuer, audience and keys; the
    # development secret (HS256) opens it in development and tests only, as for employees.
    citizen_jwt_issuer: str = "ungeapi-dev-citizen"
    citizen_jwt_audience: str = "ungeapi-citizen"
    citizen_jwks_file: str | None = None
    citizen_jwks_url: str | None = None
    # The claim holding the citizen's CPR number (NemLog-in's OIOSAML/OIDC name by default). It is
    # matched only through the keyed CPR hash, never stored or logged.
    citizen_cpr_claim: str = "dk:gov:saml:attribute:CprNumberIdentifier"
    # The municipality whose youth the token opens: the token's `municipality` claim if the
    # portal adds one, else this (a portal serves one municipality).
    citizen_municipality: str | None = None
    # Weekdays the responsible caseworker has to answer what a youth wrote (me/rules.py).
    citizen_reply_weekdays: int = Field(5, ge=1, le=60)

    cpr_key: str | None = None
    cpr_hash_key: str | None = None

    max_body_bytes: int = 1_048_576
    # POST /v1/imports streams its file to disk (encrypted), so it may be far larger than any other body.
    max_import_bytes: int = 2 * 1024**3
    # Browser origins allowed to call the API (the municipal single-page apps); none by default.
    # UNGEAPI_CORS_ORIGINS takes a JSON list or a comma-separated string.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"
    # The request line and headers together; a larger request is refused (431) by the server
    # (`ungeapi serve`) before it is read whole, and by the app whatever server runs it.
    max_header_bytes: int = 32 * 1024
    # GET /metrics answers only `Authorization: Bearer <this>`; without it, only in development.
    metrics_token: str | None = None
    # Webhook targets on loopback, private, link-local or other non-public addresses are refused
    # (at registration and at every delivery) unless this is set; development allows them anyway.
    webhook_private_targets: bool = False
    # Uploaded documents (documents/): the largest accepted and the content types accepted
    # (UNGEAPI_DOCUMENT_CONTENT_TYPES: a JSON list or comma-separated). `document_scan` names the
    # virus scan every upload passes before it is stored: a command that reads the bytes on stdin
    # and exits 0 when clean, 1 when infected (e.g. `clamdscan --no-summary -`), or a Python
    # callable `module:function` taking the bytes and answering True when clean; none: no scan.
    document_max_bytes: int = 20 * 1024**2
    document_content_types: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["application/pdf", "image/png", "image/jpeg", "image/tiff"]
    )
    document_scan: str | None = None
    document_scan_timeout_seconds: float = 60

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: Any) -> Any:
        return _trimmed(_listed(value), strip="/")

    @field_validator("document_content_types", mode="before")
    @classmethod
    def _parse_content_types(cls, value: Any) -> Any:
        return _trimmed(_listed(value), strip="")

    @model_validator(mode="after")
    def _refuse_dev_secrets_outside_development(self) -> Settings:
        dev_values = {
            "jwt_dev_secret": self.jwt_dev_secret is not None,
            "cpr_key": self.cpr_key in (None, DEV_CPR_KEY),
            "cpr_hash_key": self.cpr_hash_key in (None, DEV_CPR_HASH_KEY),
        }
        # The issuer is what tells a citizen's token from an employee's (core/citizen.py).
        if self.citizen_jwt_issuer == self.jwt_issuer:
            raise ValueError("UNGEAPI_CITIZEN_JWT_ISSUER must differ from UNGEAPI_JWT_ISSUER")
        if self.env == "production":
            offending = [name for name, is_dev in dev_values.items() if is_dev]
            if offending:
                raise ValueError(
                    "development secrets are refused unless UNGEAPI_ENV=development: "
                    + ", ".join(f"UNGEAPI_{n.upper()}" for n in offending)
                )
            if not (self.jwks_file or self.jwks_url):
                raise ValueError("production needs UNGEAPI_JWKS_FILE or UNGEAPI_JWKS_URL")
        return self

    @property
    def metrics_open(self) -> bool:
        """/metrics without a token: in development only."""
        return self.env == "development" and not self.metrics_token

    @property
    def private_webhook_targets(self) -> bool:
        return self.webhook_private_targets or self.env == "development"

    @property
    def effective_cpr_key(self) -> bytes:
        return base64.b64decode(self.cpr_key or DEV_CPR_KEY)

    @property
    def effective_cpr_hash_key(self) -> bytes:
        return base64.b64decode(self.cpr_hash_key or DEV_CPR_HASH_KEY)

    @property
    def owner_database_url(self) -> str:
        return self.migration_database_url or self.database_url


def _listed(value: Any) -> Any:
    """A list setting given as text: a JSON list, or comma-separated values."""
    if isinstance(value, str):
        text = value.strip()
        return json.loads(text) if text.startswith("[") else text.split(",")
    return value


def _trimmed(value: Any, *, strip: str) -> Any:
    """The list's values without blanks; `strip` also off their ends (an origin has no path:
    "https://ung.kommune.dk/" would never match the browser's Origin)."""
    if isinstance(value, list | tuple):
        return [str(v).strip().rstrip(strip) for v in value if str(v).strip()]
    return value
