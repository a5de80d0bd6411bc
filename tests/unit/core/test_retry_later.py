"""Which database errors answer 503 with Retry-After (the same request may succeed later) rather
than 500: core/db.py `retry_later`, used by the app's driver and DBAPI error handlers."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError

from ungeapi.core.db import retry_later


def _wrapped(error: Exception) -> DBAPIError:
    return DBAPIError("SELECT 1", None, error)


@pytest.mark.parametrize(
    "error",
    [
        # A replica cancelling a read that conflicts with replaying the primary's WAL says 40001.
        asyncpg.exceptions.SerializationError("canceling statement due to conflict with recovery"),
        asyncpg.exceptions.DeadlockDetectedError("deadlock detected"),
        asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.exceptions.ReadOnlySQLTransactionError("cannot execute INSERT in a read-only transaction"),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
    ],
)
def test_errors_worth_sending_again(error: Exception) -> None:
    assert retry_later(error)
    assert retry_later(_wrapped(error))


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.UniqueViolationError("duplicate key"),
        asyncpg.exceptions.InvalidTextRepresentationError("invalid input syntax"),
        asyncpg.exceptions.UndefinedColumnError("column does not exist"),
        ValueError("not a database error"),
    ],
)
def test_errors_that_would_fail_again(error: Exception) -> None:
    assert not retry_later(error)
    assert not retry_later(_wrapped(error))
