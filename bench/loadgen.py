"""Fallback load generator when `wrk` is missing: asyncio + httpx, in its own process.

    python -m bench.loadgen URL one|page CONNECTIONS SECONDS TARGETS_FILE TOKENS_FILE

Prints one JSON line with the same keys as `bench/wrk/youth.lua`. A Python client saturates
long before wrk does, so figures from it understate fast servers (the baseline most).
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from pathlib import Path

import httpx


def _pairs(path: str) -> list[tuple[str, str]]:
    return [tuple(line.split(" ", 1)) for line in Path(path).read_text().splitlines() if line]  # type: ignore[misc]


async def main(
    url: str, mode: str, connections: int, seconds: float, targets_file: str, tokens_file: str
) -> None:
    targets = _pairs(targets_file)
    tokens = dict(_pairs(tokens_file))
    rng = random.Random(8)
    latencies: list[float] = []
    errors = {"status": 0, "read": 0}
    received = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal received
        while time.perf_counter() < deadline:
            muni, youth_id = rng.choice(targets)
            path = "/v1/youth?limit=50" if mode == "page" else f"/v1/youth/{youth_id}"
            headers = {"Authorization": f"Bearer {tokens[muni]}", "X-Bench-Municipality": muni}
            t0 = time.perf_counter()
            try:
                response = await client.get(path, headers=headers)
            except httpx.HTTPError:
                errors["read"] += 1
                continue
            latencies.append(time.perf_counter() - t0)
            received += len(response.content)
            if response.status_code >= 300:
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
    u, m, c, s, t, k = sys.argv[1:7]
    asyncio.run(main(u, m, int(c), float(s), t, k))
