"""Pure rules of the change feed and the webhooks: event types, signatures, retries.

Deliveries are retried with exponential backoff and jitter for at least `RETRY_WINDOW` (24 h)
after the first try (or the last replay), then dead-lettered; a dead-lettered delivery can be
replayed. Signatures follow the common `t=<unix>,v1=<hex>` scheme: HMAC-SHA256 with the
subscription's secret over `f"{t}.{body}"`, so a receiver can refuse replays of old bodies.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from datetime import datetime, timedelta

RETRY_WINDOW = timedelta(hours=24)
FIRST_DELAY = timedelta(seconds=10)
MAX_DELAY = timedelta(hours=1)
SIGNATURE_TOLERANCE = timedelta(minutes=5)

TYPE_PATTERN = re.compile(r"^(\*|[a-z_]+\.(\*|[a-z_]+))$")


def event_type(resource_type: str, action: str) -> str:
    """`youth.created`, `case.updated`, `referral.state_changed`, ..."""
    return f"{resource_type}.{action}"


def type_matches(patterns: list[str] | tuple[str, ...], kind: str) -> bool:
    """No patterns, or `*`, match every event; `youth.*` every youth event; else exact names."""
    if not patterns:
        return True
    resource = kind.split(".", 1)[0]
    return any(p == "*" or p == kind or p == f"{resource}.*" for p in patterns)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Ungeapi-Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t.body)>`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_signature(
    secret: str, header: str, body: bytes, now: datetime, tolerance: timedelta = SIGNATURE_TOLERANCE
) -> bool:
    """What a receiver does: the header parses, a v1 matches, and the timestamp is recent."""
    parts: dict[str, list[str]] = {}
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        return False
    if abs(now.timestamp() - timestamp) > tolerance.total_seconds():
        return False
    expected = signature(secret, timestamp, body).rsplit("v1=", 1)[1]
    return any(hmac.compare_digest(expected, given) for given in parts.get("v1", []))


def retry_delay(failed_attempts: int, jitter: float) -> timedelta:
    """Backoff after the n-th failed attempt: 10 s, 20 s, 40 s, ... capped at 1 h, times a
    jitter factor in [0.5, 1.5) so that many failed deliveries do not retry in lockstep."""
    if failed_attempts < 1:
        raise ValueError("failed_attempts starts at 1")
    jitter = min(max(jitter, 0.5), 1.5)
    base = FIRST_DELAY * (2 ** min(failed_attempts - 1, 20))
    delay: timedelta = min(base, MAX_DELAY) * jitter
    return delay


def dead_letter(window_started_at: datetime, now: datetime, window: timedelta = RETRY_WINDOW) -> bool:
    """After a failed attempt: give up (dead-letter) once the retry window has passed."""
    return now - window_started_at >= window


def is_success(status_code: int) -> bool:
    """Any 2xx is a delivery; redirects are not followed, so a 3xx is a failure."""
    return 200 <= status_code < 300


def public_address(address: str) -> bool:
    """A webhook may be sent to `address` (an IP address as text): a public internet address,
    not loopback, private, link-local (cloud metadata at 169.254.169.254), shared, reserved,
    documentation or multicast. An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged
    as itself."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:  # e.g. a link-local address with its zone (fe80::1%eth0)
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
