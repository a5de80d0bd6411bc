"""Pure rules of calendar feed tokens: their form, their lifetime, who may revoke them.

A token is `ugf_<municipality>_<64 hex digits>`: 256 random bits, and the municipality the
request's transaction is opened in before the token is looked up (row-level security). Hex keeps
it one word to the CPR guard of URLs: no ten digits in it stand alone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

PREFIX = "ugf"
_FORM = re.compile(r"^ugf_(\d{3})_([0-9a-f]{64})$")
DEFAULT_DAYS = 365
MAX_DAYS = 366
# What a bearer JWT in a URL looks like: its header's base64 of '{"'.
_JWT = re.compile(r"^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.")


def new_token(municipality: str) -> str:
    return f"{PREFIX}_{municipality}_{secrets.token_hex(32)}"


def municipality_of(token: str) -> str | None:
    """The municipality a well-formed token belongs to; None for anything else."""
    found = _FORM.match(token)
    return found.group(1) if found else None


def digest(token: str) -> bytes:
    """What is kept of a token: its SHA-256 (256 random bits need no slow hash)."""
    return hashlib.sha256(token.encode()).digest()


def expires_at(now: datetime, days: int) -> datetime:
    return now + timedelta(days=days)


def looks_like_jwt(token: str) -> bool:
    return _JWT.match(token) is not None


def may_manage(caller_sub: str, caller_roles: frozenset[str], owner_sub: str) -> bool:
    """A token is listed and revoked by its owner; an admin sees and revokes every token of the
    municipality (e.g. when someone leaves)."""
    return caller_sub == owner_sub or "admin" in caller_roles
