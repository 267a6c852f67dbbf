"""What keeps `reportgen serve` to its user: a token off 127.0.0.1, no cross-site writes.

- Bound to another address than 127.0.0.1, every request needs the token: from the URL
  printed at start (`?token=…`, then kept in a cookie) or the cookie itself.
- Every request that changes something (POST) carries the page's CSRF token in the
  X-CSRF-Token header (the pages' script sends it; a form posted from another site
  cannot set headers) and, when the browser says where it comes from, the same origin.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from typing import Any

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from reportgen.messages import default_lang, text

TOKEN_COOKIE = "reportgen_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Guard(BaseHTTPMiddleware):
    def __init__(
        self, app: Any, *, token: str | None, csrf: str, lang: Callable[[], str] = default_lang
    ) -> None:
        super().__init__(app)
        self.token = token
        self.csrf = csrf
        self.lang = lang  # the language of the request refused (the server's Speaking)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.token is not None:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, self.token):
                # the token leaves the address bar: it stays in a cookie for this server
                response = RedirectResponse(request.url.remove_query_params("token"), 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return response
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            if not hmac.compare_digest(cookie, self.token):
                return PlainTextResponse(text("web.token_needed", self.lang()), 403)
        if request.method not in SAFE_METHODS and not self._same_site(request):
            return PlainTextResponse(text("web.cross_site", self.lang()), 403)
        return await call_next(request)

    def _same_site(self, request: Request) -> bool:
        if not hmac.compare_digest(request.headers.get(CSRF_HEADER, ""), self.csrf):
            return False
        origin = request.headers.get("origin")
        if origin is None:
            return True
        host = request.headers.get("host", "")
        return origin.split("://", 1)[-1] == host
