"""Request ids, JSON log lines, Prometheus metrics, the body and header limits, the CPR guard of
URLs (core/url_guard.py) and ETags (core/conditional.py), as one ASGI layer.

Log lines carry the route template and the path without its query string, so no CPR number a
client wrongly puts in a query string can reach the log.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
import time
import weakref
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ungeapi.core import conditional
from ungeapi.core.errors import Problem, problem_response
from ungeapi.core.messages import CATALOGUE, Language, pick_language
from ungeapi.core.scrub import MASK, has_cpr, has_cpr_beside_identifiers
from ungeapi.core.url_guard import CPR_LIKE, cpr_in_url

REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def request_id_from(given: str) -> str:
    """The client's X-Request-ID when it is a safe token without a CPR-shaped value (a UUID or
    a hex trace id is an identifier, whatever digits it holds); else ours."""
    if REQUEST_ID_PATTERN.match(given) and not has_cpr_beside_identifiers(given):
        return given
    return new_request_id()


def new_request_id() -> str:
    # 32 hex digits; drawn again in the rare case that ten of them in a row are digits.
    while has_cpr(request_id := os.urandom(16).hex()):
        pass
    return request_id


logger = logging.getLogger("ungeapi")


class JsonFormatter(logging.Formatter):
    _second = -1
    _stamp = ""

    def _timestamp(self, created: float) -> str:
        # One request log line per request: the text of the current second is made once.
        second = int(created)
        if second != self._second:
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(second))
            self._second = second
        return self._stamp

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": self._timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        # Belt and braces: whatever slips into a message, a CPR-shaped number never leaves.
        return CPR_LIKE.sub(MASK, json.dumps(line, default=str, ensure_ascii=False))


class BatchedStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes log lines in batches: at most `FLUSH_EVERY` seconds late, warnings and errors at once.

    One request log line per request, each its own write to stdout, cost a busy server about a
    fifth of its throughput (bench/ANALYSIS.md).
    """

    def __init__(self, stream: Any = None, *, max_pending: int = 64 * 1024) -> None:
        super().__init__(stream)
        self._pending: list[str] = []
        self._pending_size = 0
        self._max_pending = max_pending
        _flusher.watch(self)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
        except Exception:
            self.handleError(record)
            return
        self._pending.append(line)
        self._pending_size += len(line)
        if record.levelno >= logging.WARNING or self._pending_size >= self._max_pending:
            self.flush()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            if self._pending:
                text, self._pending, self._pending_size = "".join(self._pending), [], 0
                self.stream.write(text)
            super().flush()


FLUSH_EVERY = 0.5


class _Flusher:
    """One daemon thread flushing every live batched handler now and then."""

    def __init__(self) -> None:
        self._handlers: weakref.WeakSet[BatchedStreamHandler] = weakref.WeakSet()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def watch(self, handler: BatchedStreamHandler) -> None:
        with self._lock:
            self._handlers.add(handler)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="log-flusher", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(FLUSH_EVERY)
            for handler in list(self._handlers):
                handler.flush()


_flusher = _Flusher()


def configure_logging(level: str) -> None:
    # Our lines name no thread, process or source line: don't gather them for every record
    # (the logging HOWTO's "Optimization" switches).
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging._srcfile = None
    handler = BatchedStreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    for name in ("ungeapi", "uvicorn", "uvicorn.error"):
        log = logging.getLogger(name)
        for replaced in log.handlers:
            replaced.flush()
        log.handlers[:] = [handler]
        log.setLevel(level)
        log.propagate = False


# Imports run wherever they are started (a request's background task, the CLI), so their counts
# are the process's, shown by every app's registry in it.
IMPORT_ROWS = Counter(
    "ungeapi_import_rows_total",
    "Import records read, by kind and whether they were valid",
    ["kind", "outcome"],
    registry=None,
)
IMPORT_FAILURES = Counter(
    "ungeapi_import_failures_total",
    "Imports that failed, by kind and error code",
    ["kind", "code"],
    registry=None,
)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.registry.register(IMPORT_ROWS)
        self.registry.register(IMPORT_FAILURES)
        # Set when /metrics is read (ops.py): what the figures are at that moment.
        self.pool = Gauge(
            "ungeapi_db_pool_connections",
            "Database connections of the request pool, by state (in_use, idle, waiting: requests "
            "waiting for one)",
            ["state"],
            registry=self.registry,
        )
        self.pool_size = Gauge(
            "ungeapi_db_pool_size", "Connections the request pool keeps", registry=self.registry
        )
        self.webhook_backlog = Gauge(
            "ungeapi_webhook_backlog",
            "Webhook work not done: deliveries pending, and events the worker has not yet scanned",
            ["stage"],
            registry=self.registry,
        )
        self.webhook_oldest = Gauge(
            "ungeapi_webhook_oldest_undelivered_seconds",
            "Age of the oldest event not yet delivered to a subscription (0 when none)",
            registry=self.registry,
        )
        self.read_sources = Counter(
            "ungeapi_replica_reads_total",
            "Reads of the routes that may run on the read replica, by where they ran (replica, "
            "primary) and why there: current, lag (behind by more than the bound), "
            "replica-unavailable, no-replica (none set), replica-is-primary",
            ["source", "reason"],
            registry=self.registry,
        )
        self.requests = Counter(
            "ungeapi_http_requests_total",
            "HTTP requests",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "ungeapi_http_request_duration_seconds",
            "HTTP request latency",
            ["method", "route"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        # Label look-ups take a lock and build tuples; the label sets are few (route templates
        # by status), so their children are kept.
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            children = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(method, route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)


IMPORT_PATH = "/v1/imports"
_READ_HEADERS = frozenset({b"x-request-id", b"accept-language", b"content-length", b"if-none-match"})


class RequestLayer:
    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Metrics,
        max_body_bytes: int,
        max_import_bytes: int | None = None,
        max_header_bytes: int = 32 * 1024,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes
        self.max_header_bytes = max_header_bytes
        # POST /v1/imports streams its file to disk (imports/receive.py); it gets its own limit.
        self.max_import_bytes = max_import_bytes or max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # ASGI servers give header names in lower case; only these few are read here, and every
        # one is counted against the header limit.
        headers: dict[str, str] = {}
        header_bytes = len(scope["path"]) + len(scope.get("query_string", b""))
        for name, value in scope["headers"]:
            header_bytes += len(name) + len(value)
            if name in _READ_HEADERS:
                headers[name.decode("latin-1")] = value.decode("latin-1")
        given = headers.get("x-request-id", "")
        request_id = request_id_from(given)
        scope.setdefault("state", {})["request_id"] = request_id
        lang = pick_language(headers.get("accept-language"))
        if_none_match = headers.get("if-none-match") if scope["method"] == "GET" else None
        started = time.perf_counter()
        status_holder = {"status": 500}

        held: Message | None = None

        async def send_with_id(message: Message) -> None:
            # The status is recorded as it is sent: an app that fails before has answered 500.
            nonlocal held
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                if conditional.on_start(message, scope):
                    held = message  # its ETag is made of the body (core/conditional.py)
                    return
                status_holder["status"] = message["status"]
            elif held is not None:
                start, held = held, None
                if not message.get("more_body"):
                    start = conditional.finish(start, message.get("body", b""), if_none_match)
                status_holder["status"] = start["status"]
                await send(start)
                if start["status"] == 304:
                    await send({"type": "http.response.body", "body": b""})
                    return
            await send(message)

        limit = self.max_body_bytes
        if scope["method"] == "POST" and scope["path"] == IMPORT_PATH:
            limit = self.max_import_bytes
        declared = headers.get("content-length")
        refusal: Problem | None = None
        if header_bytes > self.max_header_bytes:
            refusal = Problem("request.headers_too_large", 431, {"limit": self.max_header_bytes})
        elif cpr_in_url(scope):
            # Refused before any handler, logger or SQL sees it: CPR numbers travel in bodies only.
            refusal = Problem("request.cpr_in_url", 400)
        try:
            if refusal is not None:
                response = problem_response(refusal, lang, request_id, CATALOGUE)
                await response(scope, receive, send_with_id)
            elif declared is not None and declared.isdigit() and int(declared) > limit:
                await self._too_large(scope, receive, send_with_id, lang, request_id)
            else:
                await self._answer(scope, receive, send_with_id, lang, request_id, limit, status_holder)
        finally:
            # Also when the app raised: its 500 is answered outside this layer (Starlette's
            # ServerErrorMiddleware), and is counted and logged here all the same.
            self._record(scope, request_id, status_holder["status"], time.perf_counter() - started)

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send_with_id: Send,
        lang: Language,
        request_id: str,
        limit: int,
        status_holder: dict[str, int],
    ) -> None:
        """The app's answer, its body cut off at `limit` bytes with 413."""
        received = 0
        exceeded = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge()
            return message

        async def send_unless_exceeded(message: Message) -> None:
            # The app turns a failed body read into its own error; answer 413 instead.
            if not exceeded:
                await send_with_id(message)
            elif message["type"] == "http.response.start":
                await self._too_large(scope, receive, send_with_id, lang, request_id)

        try:
            await self.app(scope, limited_receive, send_unless_exceeded)
        except BodyTooLarge:
            if status_holder["status"] != 413:
                await self._too_large(scope, receive, send_with_id, lang, request_id)

    def _record(self, scope: Scope, request_id: str, status: int, elapsed: float) -> None:
        template = route_template(scope)
        self.metrics.observe(scope["method"], template, status, elapsed)
        logger.log(
            logging.ERROR if status >= 500 else logging.INFO,
            "request",
            extra={
                "fields": {
                    "request_id": request_id,
                    "method": scope["method"],
                    "route": template,
                    "path": scope["path"],
                    "status": status,
                    "ms": round(elapsed * 1000, 2),
                }
            },
        )

    async def _too_large(
        self, scope: Scope, receive: Receive, send: Send, lang: Language, request_id: str
    ) -> None:
        response = problem_response(
            Problem("request.too_large", 413, {"limit": self.max_body_bytes}), lang, request_id, CATALOGUE
        )
        await response(scope, receive, send)


def route_template(scope: Scope) -> str:
    """`/v1/youth/{youth_id}` rather than the raw path, so metrics keep a bounded label set."""
    if scope.get("route") is None:
        return "unmatched"
    template: str = scope["path"]
    for name, value in (scope.get("path_params") or {}).items():
        template = template.replace(f"/{value}", f"/{{{name}}}", 1)
    return template


class BodyTooLarge(Exception):
    pass
