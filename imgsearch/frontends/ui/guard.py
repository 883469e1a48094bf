"""The app's credential: with an API token set, `imgsearch ui` gives the app a random key for
this start (IMGSEARCH_APP_KEY) and prints the app's URL with it (`/?key=...`). Every request
to the app (pages, its websocket, components, the map's /mapdata, /thumb and /sprites routes)
must then carry the key: once in the URL, which sets an HttpOnly, SameSite=Strict cookie,
then that cookie. Without a key in the environment (no token: the service under the app is
open to local callers too) everything passes, as before.

A pure ASGI middleware: it answers before Streamlit or a route reads anything.
"""
from __future__ import annotations

import hashlib
import hmac
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

OPEN_PATHS = ("/_stcore/health",)   # liveness only: no data


class KeyRequired:
    def __init__(self, app, key: str | None = None):
        self.app = app
        self.key = key or None
        # per key, so two apps on one host (cookies ignore the port) keep their own
        self.cookie = "imgsearch_app_" + hashlib.sha256((key or "").encode()).hexdigest()[:12]

    async def __call__(self, scope, receive, send):
        if not self.key or scope["type"] not in ("http", "websocket") or \
                scope.get("path", "") in OPEN_PATHS:
            return await self.app(scope, receive, send)
        if self._matches(self._cookie(scope)):
            return await self.app(scope, receive, send)
        if self._matches(self._query_key(scope)):
            return await self.app(scope, receive, self._setting_cookie(send, scope))
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b"this app needs its key: open the URL that imgsearch ui printed (with ?key=...)\n"
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    def _matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.key.encode())

    def _cookie(self, scope) -> str | None:
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                jar = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:   # noqa: BLE001 - a malformed cookie header: no credential
                    return None
                if self.cookie in jar:
                    return jar[self.cookie].value
        return None

    @staticmethod
    def _query_key(scope) -> str | None:
        values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("key")
        return values[0] if values else None

    def _setting_cookie(self, send, scope):
        if scope["type"] != "http":
            return send
        cookie = f"{self.cookie}={self.key}; Path=/; HttpOnly; SameSite=Strict".encode()

        async def wrapped(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"set-cookie", cookie)]}
            await send(message)
        return wrapped


def app_middleware() -> list:
    """The middleware the app runs behind: the key of this start, if `imgsearch ui` set one."""
    import os
    from starlette.middleware import Middleware
    return [Middleware(KeyRequired, key=os.environ.get("IMGSEARCH_APP_KEY"))]
