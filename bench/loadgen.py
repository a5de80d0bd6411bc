"""Fallback load generator when `wrk` is missing: asyncio + httpx, in its own process.

    python -m bench.loadgen URL REQUESTS_FILE TOKENS_FILE random|once CONNECTIONS SECONDS

Reads the same files as `bench/wrk/requests.lua` and prints one JSON line with the same keys. A
Python client saturates long before wrk does, so figures from it understate fast servers (the
baseline most).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import sys
import time
from pathlib import Path

import httpx

Request = tuple[str, str, dict[str, str], bytes | None]


def read_requests(path: str, tokens_file: str) -> list[Request]:
    tokens = dict(line.split(" ", 1) for line in Path(tokens_file).read_text().splitlines() if line)
    out = []
    for line in Path(path).read_text().splitlines():
        method, target, caller, if_match, body = line.split("\t", 4)
        headers = {"Authorization": f"Bearer {tokens[caller]}"}
        if if_match != "-":
            headers["If-Match"] = if_match
        if body != "-":
            headers["Content-Type"] = "application/json"
        out.append((method, target, headers, None if body == "-" else body.encode()))
    return out


async def main(url: str, requests: list[Request], order: str, connections: int, seconds: float) -> None:
    rng = random.Random(8)
    turn = itertools.cycle(requests)
    latencies: list[float] = []
    errors = {"status": 0, "read": 0}
    received = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal received
        while time.perf_counter() < deadline:
            method, target, headers, body = next(turn) if order == "once" else rng.choice(requests)
            t0 = time.perf_counter()
            try:
                response = await client.request(method, target, headers=headers, content=body)
            except httpx.HTTPError:
                errors["read"] += 1
                continue
            latencies.append(time.perf_counter() - t0)
            received += len(response.content)
            if response.status_code >= 400:
                errors["status"] += 1

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as client:
        await asyncio.gather(*(worker(client) for _ in range(connections)))
    duration = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> int:
        return (
            int(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1e6) if latencies else 0
        )

    print(
        json.dumps(
            {
                "requests": len(latencies),
                "duration_us": int(duration * 1e6),
                "bytes": received,
                "p50_us": pct(50),
                "p90_us": pct(90),
                "p99_us": pct(99),
                "max_us": pct(100),
                "connect_errors": 0,
                "read_errors": errors["read"],
                "write_errors": 0,
                "status_errors": errors["status"],
                "timeouts": 0,
            }
        )
    )


if __name__ == "__main__":
    u, r, k, o, c, s = sys.argv[1:7]
    asyncio.run(main(u, read_requests(r, k), o, int(c), float(s)))
