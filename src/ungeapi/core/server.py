"""How `ungeapi serve` runs uvicorn: with a limit on a request's line and headers, whichever
HTTP parser it uses.

uvicorn's h11 parser has a limit (`h11_max_incomplete_event_size`); its httptools parser, the
faster one it prefers when installed, has none, and would read an 8 MiB header whole before the
app could refuse it. `BoundedHttpTools` counts a request's bytes until its headers are complete
and answers 431 once they pass the limit, without reading on. The app checks the same limit
(core/observability.py) under any other server.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ungeapi.core.errors import Problem, problem_response
from ungeapi.core.messages import CATALOGUE

# How long a refused connection's further bytes are dropped before it is closed.
REFUSED_LINGER_SECONDS = 1.0


def uvicorn_options(max_header_bytes: int) -> dict[str, Any]:
    """`uvicorn.run`'s options for the header limit."""
    return {"http": http_protocol(max_header_bytes), "h11_max_incomplete_event_size": max_header_bytes}


def http_protocol(max_header_bytes: int) -> type[asyncio.Protocol] | str:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # no httptools: h11, with its own limit
        return "h11"

    refusal = problem_response(
        Problem("request.headers_too_large", 431, {"limit": max_header_bytes}), "en", None, CATALOGUE
    )
    answer = b"".join(
        [
            b"HTTP/1.1 431 Request Header Fields Too Large\r\n",
            *(name + b": " + value + b"\r\n" for name, value in refusal.raw_headers),
            b"connection: close\r\n\r\n",
            bytes(refusal.body),
        ]
    )

    class BoundedHttpTools(HttpToolsProtocol):
        """httptools, refusing a request whose line and headers pass `max_header_bytes`."""

        _in_head = True
        _head_bytes = 0
        _refused = False

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return  # what the client still sends is dropped unread until the connection closes
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            # Checked after parsing: a chunk that completes the head (and brings body bytes)
            # has left the head behind.
            if self._in_head and self._head_bytes > max_header_bytes and not self.transport.is_closing():
                self._refuse()

        def _refuse(self) -> None:
            self._refused = True
            self.transport.write(answer)
            # Closed at once, a socket with unread bytes resets the connection, and the client
            # may never read the answer: end our side, drop the rest a moment, then close.
            if self.transport.can_write_eof():
                self.transport.write_eof()
            asyncio.get_running_loop().call_later(REFUSED_LINGER_SECONDS, self.transport.close)

        def on_headers_complete(self) -> None:
            self._in_head, self._head_bytes = False, 0
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._in_head = True
            super().on_message_complete()

    return BoundedHttpTools
