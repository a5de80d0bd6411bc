"""Log lines are written in batches, but never lost and never late by more than FLUSH_EVERY."""

from __future__ import annotations

import io
import json
import logging
import time

from ungeapi.core import observability
from ungeapi.core.observability import BatchedStreamHandler, JsonFormatter


def handler_and_logger(name: str) -> tuple[io.StringIO, BatchedStreamHandler, logging.Logger]:
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger(name)
    log.handlers[:] = [handler]
    log.setLevel("INFO")
    log.propagate = False
    return stream, handler, log


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_info_lines_arrive_in_order_within_the_flush_interval() -> None:
    stream, _, log = handler_and_logger("batching-1")
    for i in range(3):
        log.info("request", extra={"fields": {"n": i}})
    deadline = time.monotonic() + 5 * observability.FLUSH_EVERY
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [line["n"] for line in lines(stream)] == [0, 1, 2]


def test_a_warning_is_written_at_once_with_what_came_before() -> None:
    stream, _, log = handler_and_logger("batching-2")
    log.info("before")
    log.warning("database unavailable")
    assert [line["msg"] for line in lines(stream)] == ["before", "database unavailable"]


def test_a_full_batch_is_written_at_once() -> None:
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream, max_pending=200)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("batching-3")
    log.handlers[:] = [handler]
    log.setLevel("INFO")
    log.propagate = False
    for i in range(5):
        log.info("request", extra={"fields": {"path": "/v1/youth/" + "x" * 40, "n": i}})
    assert len(lines(stream)) >= 2


def test_flush_writes_everything_pending() -> None:
    stream, handler, log = handler_and_logger("batching-4")
    log.info("last words")
    handler.flush()
    assert [line["msg"] for line in lines(stream)] == ["last words"]
