"""The header limit of `ungeapi serve`'s server: an 8 MiB header is refused, not read whole."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import uvicorn

from ungeapi.core.server import uvicorn_options


@pytest.fixture
async def served(app, settings) -> Any:
    """The tests' app behind uvicorn on a free port, as `ungeapi serve` runs it."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, lifespan="off", log_level="warning", **uvicorn_options(settings.max_header_bytes)
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    yield server.servers[0].sockets[0].getsockname()[1]
    server.should_exit = True
    await task


async def exchange(port: int, head: bytes, *, chunk: int = 64 * 1024) -> tuple[bytes, int]:
    """Sends `head` in chunks until the server has answered; (its answer, the bytes sent by then)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answer = asyncio.create_task(reader.read())
    sent = 0
    try:
        while sent < len(head) and not answer.done():
            writer.write(head[sent : sent + chunk])
            await writer.drain()
            sent += chunk
            await asyncio.sleep(0)
    except ConnectionError:
        pass
    received = await asyncio.wait_for(answer, timeout=10)
    writer.close()
    return received, sent


async def test_a_huge_header_is_refused_before_it_is_read(served, settings) -> None:
    port = served
    huge = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"x" * (8 * 1024 * 1024) + b"\r\n\r\n"
    answer, sent = await exchange(port, huge)
    assert answer.startswith(b"HTTP/1.1 431 ") and b"request.headers_too_large" in answer
    assert sent < 8 * 1024 * 1024  # the connection was closed long before the header ended


async def test_a_request_under_the_limit_and_one_with_a_body_are_served(served, settings) -> None:
    port = served
    plain = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"x" * 10_000 + b"\r\nConnection: close\r\n\r\n"
    answer, _ = await exchange(port, plain)
    assert answer.startswith(b"HTTP/1.1 200 ")
    body = b"x" * (settings.max_header_bytes * 2)
    post = (
        b"POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )
    answer, _ = await exchange(port, post, chunk=len(post))
    assert answer.startswith(b"HTTP/1.1 405 ")  # read past the headers: the route, not the limit, answers
