"""Where a webhook may be sent: a public internet address, outside development (SSRF).

A subscription's URL is checked when it is registered or changed, and again at every delivery,
because a name can resolve elsewhere later. The delivery connects to the address it checked
(the request goes to that IP, with the name in Host and in TLS's SNI and certificate check), so
a name that resolves to a public address for the check and to 127.0.0.1 for the connection
(DNS rebinding) reaches nothing it should not.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from typing import Any

import httpx

from ungeapi.events import rules
from ungeapi.events.errors import PrivateTarget

# A registration does not wait long on DNS: a name that does not resolve yet may be registered,
# as every delivery checks it again.
REGISTRATION_LOOKUP_SECONDS = 2.0


class Refused(Exception):
    """The delivery's target resolves to an address it may not be sent to."""


@dataclass(frozen=True)
class Target:
    """Where one delivery goes: `url` (with the checked IP as host), and what the request keeps
    of the name: its Host header and, for https, its TLS server name."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, Any] = field(default_factory=dict)


async def addresses(host: str, port: int) -> list[str]:
    """The IP addresses `host` resolves to (itself when it is one)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _port(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


async def check_registration(url: str, *, allow_private: bool) -> None:
    """422 `webhook.private_target` when `url`'s host is, or resolves to, a non-public address.
    A name that does not resolve (yet) passes: the delivery decides."""
    if allow_private:
        return
    parsed = httpx.URL(url)
    try:
        found = await asyncio.wait_for(addresses(parsed.host, _port(parsed)), REGISTRATION_LOOKUP_SECONDS)
    except (OSError, TimeoutError):
        return
    refused = [a for a in found if not rules.public_address(a)]
    if refused:
        raise PrivateTarget(host=parsed.host, address=refused[0])


async def pinned(url: str, *, allow_private: bool) -> Target:
    """The delivery's target: `url` resolved once, every address public, the first one used."""
    if allow_private:
        return Target(url=url)
    parsed = httpx.URL(url)
    try:
        found = await addresses(parsed.host, _port(parsed))
    except OSError as exc:
        raise Refused(f"{parsed.host} does not resolve") from exc
    refused = [a for a in found if not rules.public_address(a)]
    if refused or not found:
        where = refused[0] if refused else "nothing"
        raise Refused(f"{parsed.host} resolves to {where}, not a public address")
    host = parsed.netloc.decode("ascii")
    extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
    return Target(url=str(parsed.copy_with(host=found[0])), headers={"Host": host}, extensions=extensions)
