"""Per-client rate limits in front of the API, so one client cannot starve the others or keep the
NLP busy: a token bucket per client address and rule, answered with 429 and ``Retry-After`` when empty.

Rules are checked in order and every matching rule takes a token (``POST /api/analyze`` counts
against both the general ``/api/`` budget and its own stricter one). The client is the socket's peer
address; ``X-Forwarded-For`` is not trusted (the server binds to 127.0.0.1 unless told otherwise).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_CLIENTS = 10_000  # buckets kept before idle (full) ones are dropped


@dataclass(frozen=True)
class Rule:
    """``requests`` per ``seconds`` for requests whose path starts with ``prefix`` (and whose method is
    ``method``, when given)."""

    requests: int
    seconds: float
    prefix: str = "/api/"
    method: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return path.startswith(self.prefix) and (self.method is None or method == self.method)


# Generous for a person clicking through the UI; the analyzer runs the whole pipeline per call.
DEFAULT_RULES = (Rule(120, 10), Rule(10, 60, "/api/analyze", "POST"))


class RateLimit:
    """Pure ASGI middleware: token buckets keyed by (client address, rule)."""

    def __init__(self, app: Callable, rules: tuple[Rule, ...] = DEFAULT_RULES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.rules = rules
        self.clock = clock
        self.buckets: dict[tuple[str, int], tuple[float, float]] = {}  # -> (tokens, at)

    def take(self, client: str, index: int, now: float) -> float:
        """Take a token from the bucket; 0 when granted, else the seconds until one is free."""
        rule = self.rules[index]
        rate = rule.requests / rule.seconds
        tokens, at = self.buckets.get((client, index), (float(rule.requests), now))
        tokens = min(float(rule.requests), tokens + (now - at) * rate)
        if tokens < 1:
            self.buckets[(client, index)] = (tokens, now)
            return (1 - tokens) / rate
        self.buckets[(client, index)] = (tokens - 1, now)
        return 0.0

    def prune(self, now: float) -> None:
        """Forget buckets that have refilled (their clients are idle)."""
        for key, (tokens, at) in list(self.buckets.items()):
            rule = self.rules[key[1]]
            if tokens + (now - at) * rule.requests / rule.seconds >= rule.requests:
                del self.buckets[key]

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        client = (scope.get("client") or ("unknown", 0))[0]
        now = self.clock()
        if len(self.buckets) > MAX_CLIENTS:
            self.prune(now)
        wait = max((self.take(client, i, now) for i, rule in enumerate(self.rules) if rule.matches(method, path)),
                   default=0.0)
        if wait > 0:
            await _too_many(send, math.ceil(wait))
            return
        await self.app(scope, receive, send)


async def _too_many(send: Callable, retry_after: int) -> None:
    """A 429 answer (the Guard around this middleware adds the security headers)."""
    body = json.dumps({"detail": f"too many requests; retry after {retry_after} s"}).encode()
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode())]})
    await send({"type": "http.response.body", "body": body})
