"""An ASGI guard in front of the app: security headers on every response, and request bodies
over ``MAX_BODY`` bytes refused with 413 — by Content-Length up front, or while a chunked body streams.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException

MAX_BODY = 1_000_000

# The UI loads only its own files; nothing inline, nothing from elsewhere, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# FastAPI's /docs and /redoc pages are an inline bootstrap script plus Swagger/ReDoc from jsDelivr.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net;"
            " style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com;"
            " worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class _TooLarge(HTTPException):
    """Raised from ``receive`` mid-body: the app's exception handling turns it into a 413 response."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


class Guard:
    """Pure ASGI middleware (no per-request task overhead)."""

    def __init__(self, app: Callable, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send, self.max_body)
            return
        csp = DOCS_CSP if scope["path"] in ("/docs", "/redoc") else CSP
        seen = 0
        started = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge(self.max_body)
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0].lower() not in dict(HEADERS)]
                message = {**message, "headers": [*headers, *HEADERS, (b"content-security-policy", csp.encode())]}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _too_large(send, self.max_body)


async def _too_large(send: Callable, limit: int) -> None:
    body = json.dumps({"detail": f"request body over {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"), *HEADERS, (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": body})
