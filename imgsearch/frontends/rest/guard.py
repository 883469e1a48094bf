"""The door of the REST service: a pure ASGI middleware, outermost, that decides before the
application reads a byte of the body.

- Who is asking: a caller that sends `X-Imgsearch-Secret` with the service's per-start secret
  (kept in the 0600 announcement file, so only the service's own user can read it) is a
  *local* caller: `scope["state"]["local"] = True` (`request.state.local` in a route), and it
  needs no API token. Anyone else needs `Authorization: Bearer <token>` when a token is set,
  on every route but /healthz (the API description at /openapi.json and /docs included).
  Both are compared in constant time. A refusal is answered at once, without reading the body,
  and the connection is closed so a large upload is never received.
- How much: every request body is counted as it arrives (chunked bodies too), and the request
  is answered 413 as soon as it passes the cap; a declared Content-Length over the cap is
  refused before anything is read. A body that stops arriving (nothing for `body_timeout`
  seconds before its end) is answered 408, so a slow sender cannot hold a request open.
- From where: with no token (a loopback-only service), only loopback Host names are accepted
  (localhost, 127.x.x.x, [::1], any port), so a web page cannot reach the service through a
  DNS name rebound to 127.0.0.1.
"""
from __future__ import annotations

import hmac
import ipaddress
import json

SECRET_HEADER = b"x-imgsearch-secret"
OPEN_PATHS = frozenset({"/healthz"})


def loopback_host(host: str) -> bool:
    """True for a Host header naming this machine's loopback: localhost, 127.x.x.x or [::1],
    with or without a port."""
    host = host.strip().lower()
    if host.startswith("["):                      # [::1]:8000
        name, _, rest = host[1:].partition("]")
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return False
    else:
        name, _, port = host.partition(":")
        if port and not port.isdigit():
            return False
    if name in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    def __init__(self, app, *, token: str | None, secret: str | None, max_body: int,
                 check_host: bool, body_timeout: float | None = 30.0,
                 body_caps: dict[str, int] | None = None):
        """max_body caps every body but those of the paths in body_caps (path: its cap)."""
        self.app = app
        self.body_timeout = body_timeout
        self.body_caps = dict(body_caps or {})
        self.token = token.encode() if token else None
        self.secret = secret.encode() if secret else None
        self.max_body = max_body
        self.check_host = check_host

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":        # the API has none: refuse before any work
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {}
        for name, value in scope["headers"]:
            headers.setdefault(name, value)     # the first of a repeated header counts
        if self.check_host and self.token is None and \
                not loopback_host(headers.get(b"host", b"").decode("latin-1")):
            return await _refuse(send, 421, "this service answers only to localhost, "
                                 "127.0.0.1 or [::1] in its Host header", "host")
        local = self.secret is not None and \
            hmac.compare_digest(headers.get(SECRET_HEADER, b""), self.secret)
        scope.setdefault("state", {})["local"] = local
        if self.token is not None and not local and scope["path"] not in OPEN_PATHS:
            given = headers.get(b"authorization", b"")
            if not (given.startswith(b"Bearer ") and
                    hmac.compare_digest(given[7:].strip(), self.token)):
                return await _refuse(send, 401, "missing or wrong API token "
                                     "(Authorization: Bearer <token>)", "token",
                                     [(b"www-authenticate", b"Bearer")])
        cap = self.body_caps.get(scope["path"], self.max_body)
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            return await _refuse(send, 413, _too_large(cap), "file")
        await self._bounded(scope, receive, send, cap)

    async def _bounded(self, scope, receive, send, cap: int):
        """Run the app with a receive that counts body bytes and times the gaps between
        them; past the cap (or the timeout), answer 413 (408) and tell the app the client
        has gone (what it sends after that is dropped)."""
        import anyio
        state = {"received": 0, "complete": False, "started": False, "refused": False}

        async def refuse(status, detail, param):
            state["refused"] = True
            if not state["started"]:
                state["started"] = True
                await _refuse(send, status, detail, param)
            return {"type": "http.disconnect"}

        async def counted_receive():
            if state["refused"]:
                return {"type": "http.disconnect"}
            if state["complete"] or not self.body_timeout:
                return await receive()      # after the body: waiting for a disconnect
            message = None
            with anyio.move_on_after(self.body_timeout):
                message = await receive()
            if message is None:
                return await refuse(408, f"the request body stopped arriving for "
                                         f"{self.body_timeout:g} s", "body")
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                state["complete"] = not message.get("more_body", False)
                if state["received"] > cap:
                    return await refuse(413, _too_large(cap), "file")
            return message

        async def tracked_send(message):
            if state["refused"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except Exception:
            if not state["refused"]:
                raise
            # the app saw the body end early and failed on it: already answered


def _too_large(cap: int) -> str:
    return f"the request body is over the service's limit of {cap / (1 << 20):.0f} MB"


async def _refuse(send, status: int, detail: str, param: str, extra=()) -> None:
    kind = {401: "Unauthorized", 408: "InvalidArgument", 413: "TooLarge",
            421: "InvalidArgument"}[status]
    body = json.dumps({"detail": detail, "param": param, "fix": None, "kind": kind}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"), *extra]})     # close: the unread body is never received
    await send({"type": "http.response.body", "body": body})


class Borrowing:
    """Each request borrows the collections it uses until its response is sent, so the
    service never closes one under it (see Service.borrowing). Giving them back may close
    the least recently used one: a few milliseconds, and only past the open limit."""

    def __init__(self, app, service):
        self.app, self.service = app, service

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        with self.service.borrowing():
            await self.app(scope, receive, send)
