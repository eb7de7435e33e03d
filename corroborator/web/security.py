"""Security for the web app: headers, request-size limit, same-origin and CSRF checks."""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corroborator.web.errors import error_response, size_text

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The brief download carries its own inline stylesheet and no script at all.
BRIEF_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
             "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
CSRF_COOKIE = "corroborator_csrf"


class SecurityHeaders:
    """Adds CSP, nosniff, framing and referrer headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                ]
                headers += [(k, v) for k, v in extra if k not in have]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Answers 413 to a request body over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = (f"the request body is over the {size_text(self.limit)} limit "
                   f"({self.limit} bytes); send less at a time")
        resp = error_response(scope.get("path", ""), 413, message, {"connection": "close"})
        await resp(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length" and (not v.isdigit() or int(v) > self.limit):
                await self._reject(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._reject(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def host_name(host_header: str) -> str:
    """The host of a Host header, its port dropped: "[::1]:8000" -> "[::1]"."""
    if host_header.startswith("["):
        end = host_header.find("]")
        return host_header[: end + 1] if end > 0 else host_header
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class HostCheck:
    """Refuses (400) a request whose Host header names a host not in ``allowed_hosts``.

    Stops DNS-rebinding pages from talking to a local server. A name may be "*" (any host)
    or start with "*." (any subdomain). The refusal is JSON under /api/, a page elsewhere.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        for pattern in allowed_hosts:
            if "*" in pattern[1:] or (pattern.startswith("*") and pattern not in ("*",)
                                      and not pattern.startswith("*.")):
                raise ValueError(f"host pattern {pattern!r}: a wildcard must be '*' or '*.NAME'")
        self.app = app
        self.allowed = [h.lower() for h in allowed_hosts]

    def allows(self, host: str) -> bool:
        host = host.lower()
        return any(p == "*" or host == p or (p.startswith("*.") and host.endswith(p[1:]))
                   for p in self.allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = Headers(scope=scope).get("host", "")
        if raw and self.allows(host_name(raw)):
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})
            return
        shown = raw[:100] if raw else "(none)"
        resp = error_response(scope.get("path", ""), 400,
                              f"this server does not answer to the host name {shown!r}; "
                              "start it with --allow-host NAME to add one")
        await resp(scope, receive, send)


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        return origin == f"{request.url.scheme}://{host}"
    site = request.headers.get("sec-fetch-site")
    return site is None or site in ("same-origin", "none")


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(request: Request, submitted: object) -> bool:
    """The form's token must equal the cookie set with the form (double submit)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return (isinstance(submitted, str) and len(cookie) >= 32
            and hmac.compare_digest(cookie.encode(), submitted.encode()))
