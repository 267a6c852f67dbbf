"""Signing in to a `reportgen serve` whose workspace has accounts (accounts.py).

- `SignIn`, a middleware: while the workspace has at least one account, every request
  but /login and /static/ needs a live session (the cookie), else a page is sent to
  /login (and back after) and any other request, /api/ and POSTs, is refused (401).
  The account is then the request's (accounts.acting_as): the workspace shows it its
  folders only. Without accounts it
  lets everything through, as before accounts existed (127.0.0.1, or the token).
- /login: the form (GET) and the check (POST, JSON, with the page's CSRF token like
  every POST). Wrong passwords are counted per user name and per client address
  (`Attempts`); past the limit the answer is 429 before any hash is computed, so a
  flood of guesses costs the server nothing and a guess past the limit tells nothing.
- /logout (POST): the session is deleted, the cookie cleared.

Behind a reverse proxy on the same machine the client's address is the
X-Forwarded-For the proxy sets: uvicorn trusts that header only from 127.0.0.1 and ::1
(its default; FORWARDED_ALLOW_IPS changes it) and puts it in the request's `client`.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from reportgen.messages import text
from reportgen.web import jsondata
from reportgen.web.accounts import acting_as

if TYPE_CHECKING:
    from reportgen.web.app import Server

SESSION_COOKIE = "reportgen_session"
FAILURES_PER_NAME = 5  # wrong passwords for one user name …
FAILURES_PER_ADDRESS = 20  # … or from one address (an office behind one NAT: several people)
FAILURE_WINDOW = 300.0  # … within these seconds: then refused until the oldest is this old
OPEN_PATHS = ("/login",)
OPEN_PREFIXES = ("/static/",)


class Attempts:
    """Wrong passwords of the last FAILURE_WINDOW seconds, by name and by address (kept
    in memory: a restart forgets them, which a person restarting the server may want)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def refused_until(self, name: str, address: str) -> float | None:
        """When `name` from `address` may try again, or None: it may now."""
        now = self.clock()
        until = None
        limits = ((("name", name), FAILURES_PER_NAME), (("address", address), FAILURES_PER_ADDRESS))
        for key, limit in limits:
            failures = self._failures.get(key)
            if failures is None:
                continue
            while failures and failures[0] <= now - FAILURE_WINDOW:
                failures.popleft()
            if not failures:
                del self._failures[key]
            elif len(failures) >= limit:
                ends = failures[-limit] + FAILURE_WINDOW
                until = max(until or ends, ends)
        return until

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        if len(self._failures) > 10_000:  # many names guessed: forget those past the window
            for key in [k for k, f in self._failures.items() if f[-1] <= now - FAILURE_WINDOW]:
                del self._failures[key]
        for key in (("name", name), ("address", address)):
            self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, name: str) -> None:
        self._failures.pop(("name", name), None)


class SignIn:
    def __init__(self, app: ASGIApp, *, server: Server) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        accounts = self.server.accounts
        if not await asyncio.to_thread(accounts.exist):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(SESSION_COOKIE, "")
        account = await asyncio.to_thread(accounts.session, token)
        if account is None:
            lang = self.server.lang
            if request.method == "GET" and not path.startswith("/api/"):  # a page: sign in
                back = quote(
                    request.url.path + (f"?{request.url.query}" if request.url.query else "")
                )
                answer: Response = RedirectResponse(f"/login?next={back}", 303)
            else:
                answer = PlainTextResponse(text("web.login.needed", lang), 401)
            await answer(scope, receive, send)
            return
        with acting_as(account):
            await self.app(scope, receive, send)


class Login:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.attempts = Attempts()

    def routes(self) -> list[Route]:
        return [
            Route("/login", self.form),
            Route("/login", self.check, methods=["POST"]),
            Route("/logout", self.logout, methods=["POST"]),
        ]

    async def form(self, request: Request) -> Response:
        if not await asyncio.to_thread(self.server.accounts.exist):
            return RedirectResponse("/", 303)  # nobody to sign in as: the workspace is open
        next = _local(request.query_params.get("next"))
        return self.server.page(
            "login.html", next=next, idle_hours=self.server.accounts.idle / 3600
        )

    async def check(self, request: Request) -> Response:
        body = jsondata.loads(await self.server.body_of(request) or b"{}")
        name = str(body.get("name", "")).strip() if isinstance(body, dict) else ""
        password = str(body.get("password", "")) if isinstance(body, dict) else ""
        address = request.client.host if request.client else ""
        lang = self.server.lang
        until = self.attempts.refused_until(name, address)
        if until is not None:  # before the hash: a guess past the limit costs nothing
            when = datetime.fromtimestamp(until).strftime("%H:%M:%S")
            headers = {"Retry-After": str(max(1, int(until - time.time()) + 1))}
            return JSONResponse(
                {"error": text("web.login.too_many", lang, time=when)}, 429, headers
            )
        account = await asyncio.to_thread(self.server.accounts.verify, name, password)
        if account is None:
            self.attempts.failed(name, address)
            return JSONResponse({"error": text("web.login.wrong", lang)}, 401)
        self.attempts.succeeded(name)
        token = await asyncio.to_thread(self.server.accounts.open_session, account)
        answer = JSONResponse({"url": _local(body.get("next") if isinstance(body, dict) else None)})
        answer.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/",
                          secure=request.url.scheme == "https")  # fmt: skip
        return answer

    async def logout(self, request: Request) -> Response:
        token = request.cookies.get(SESSION_COOKIE, "")
        if token:
            await asyncio.to_thread(self.server.accounts.close_session, token)
        answer = JSONResponse({"url": "/login"})
        answer.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return answer


def _local(wanted: object) -> str:
    """Where to go after signing in: a path of this server only (never //elsewhere)."""
    if isinstance(wanted, str) and wanted.startswith("/") and not wanted.startswith(("//", "/\\")):
        return wanted
    return "/"
