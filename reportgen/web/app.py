"""The pages and the requests behind them: workspace, editor, live checks, saving, render.

Every handler takes an application by its id (workspace.py resolves it), calls the same
library functions as the CLI (check_bytes, render, the converter pool) and answers with
a page or JSON. Nothing a user sends reaches the disk but through the workspace.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reportgen.checks import check_bytes
from reportgen.checks.outline import GROUP_ORDER, group_of
from reportgen.errors import NotInWorkspace, ReportgenError, SaveConflict
from reportgen.messages import LANGS, clause_text, default_lang, show, template, text
from reportgen.source import load
from reportgen.source.files import package_file
from reportgen.web import jsondata
from reportgen.web.accounts import Accounts, signed_in
from reportgen.web.audit import SHOWN, Audit, Record
from reportgen.web.batches import Batches
from reportgen.web.district import District
from reportgen.web.documents import Documents
from reportgen.web.drawing import Drawings
from reportgen.web.evidence import Evidence
from reportgen.web.form import RECOMMENDED_CHARACTERS, application_form
from reportgen.web.importing import Imports
from reportgen.web.kept import Kept
from reportgen.web.saving import Saved, save
from reportgen.web.security import Guard, new_secret
from reportgen.web.signin import Login, SignIn
from reportgen.web.workspace import Entry, Workspace, version

MAX_BODY = 2 * 1024 * 1024  # an application's JSON; evidence has its own limit
# the sentences the editor's script shows (messages web.js.*)
_PAGE_WORDS = (
    "saving", "saved", "reload", "counts", "figures", "characters", "comments_lost", "dismiss",
    "figures_imported",
)  # fmt: skip
# the sentences the workspace page's script shows (messages web.batch.*)
_BATCH_WORDS = ("started", "finished", "progress", "none", "status_ok", "status_warnings",
                "status_errors", "status_failed", "status_skipped", "downloads")  # fmt: skip
LANG_COOKIE = "reportgen_lang"
# The language of the request being answered (Speaking sets it for each): Server.lang
# reads it, so every handler, page and message of a request speaks the same language
# without each one passing it on (asyncio.to_thread copies it into the worker threads).
_speaking: contextvars.ContextVar[str] = contextvars.ContextVar("reportgen_web_lang")


def lang(request: Request) -> str:
    """The language a request is answered in: `?lang=` (zh, en), else the cookie an
    earlier `?lang=` left, else the server's (`reportgen serve --lang`, REPORTGEN_LANG,
    zh). The page's own requests (checks, saves) carry the cookie: findings come in the
    page's language."""
    for asked in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if asked in LANGS:
            return str(asked)
    server = getattr(request.app.state, "server", None)
    return server.default_lang if server is not None else default_lang()


class Speaking:
    """Each request in its language (lang()); a `?lang=` is kept in a cookie, so the
    pages that follow (links carry no ?lang=) and their requests speak it too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        chosen = lang(request)
        asked = request.query_params.get("lang")
        remember = asked in LANGS and request.cookies.get(LANG_COOKIE) != asked

        async def send_remembering(message: Message) -> None:
            if remember and message["type"] == "http.response.start":
                cookie = f"{LANG_COOKIE}={chosen}; Path=/; SameSite=Lax; Max-Age=31536000"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        token = _speaking.set(chosen)
        try:
            await self.app(scope, receive, send_remembering)
        finally:
            _speaking.reset(token)


class Server:
    """The state of one `reportgen serve`: its workspace, its offices, its secrets."""

    def __init__(
        self, root: Path, *, token: str | None, converter: Any = None, language: str | None = None
    ) -> None:
        self.accounts = Accounts(root)
        self.audit = Audit(root)
        self.workspace = Workspace(root, folders=lambda: a.folders if (a := signed_in()) else None)
        # one save of a file at a time: two users' saves of one version would both pass the
        # version check, and the second would overwrite the first unseen
        self._saving: dict[Path, threading.Lock] = {}
        self.token = token
        self.csrf = new_secret()
        self.converter = converter  # one warm pool for every request (or None: no PDF)
        self.kept = Kept()  # the documents saved last: the next save need not load them
        self.default_lang = language if language in LANGS else default_lang()
        self.batches = Batches(self)
        self.stopping: Callable[[], bool] = lambda: False  # serve(): uvicorn was told to stop
        self.pages = Environment(
            loader=PackageLoader("reportgen.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        self.pages.globals.update(
            t=self.t,  # the pages speak the request's language, as the handlers do
            html_lang=lambda: "en" if self.lang == "en" else "zh-CN",
            csrf=self.csrf,
            signed_in=signed_in,
        )

    @property
    def user(self) -> str:
        """The name the audit log gives the request's user: "" without accounts."""
        account = signed_in()
        return account.name if account else ""

    @property
    def lang(self) -> str:
        """The language of the request being answered (Speaking), else the server's."""
        return _speaking.get(self.default_lang)

    def t(self, key: str, **params: Any) -> str:
        """A message in the request's language."""
        return text(key, self.lang, **params)

    def template(self, key: str) -> str:
        """A message unfilled, for a page's script to fill."""
        return template(key, self.lang)

    def page(self, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(self.pages.get_template(name).render(**values), status)

    # -- the workspace

    async def home(self, request: Request) -> Response:
        rows = []
        for entry in self.workspace.entries():
            checked = self.workspace.checked(entry)
            current = checked.source.sha256 if checked.source else None
            rows.append(_row(entry, checked, self.workspace.last_render(entry, current)))
        templates = await asyncio.to_thread(self.batches.template_folders)
        return self.page(
            "workspace.html",
            rows=rows,
            root=self.workspace.root,
            templates=templates,
            pdf=self.converter is not None,
            words=jsondata.dumps({k: template(f"web.batch.{k}", self.lang) for k in _BATCH_WORDS}),
        )

    async def create(self, request: Request) -> Response:
        from reportgen.starter import write_starter

        form = await request.form()
        try:
            folder = self.workspace.new_folder(str(form.get("name", "")))
        except (NotInWorkspace, FileExistsError):
            return JSONResponse({"error": text("web.bad_name", self.lang)}, 400)
        file = write_starter(folder)
        return JSONResponse({"url": f"/edit/{file.relative_to(self.workspace.root).as_posix()}"})

    # -- one application

    def entry_of(self, request: Request) -> Entry:
        """The application a request names by its {id}, or 404 (every handler's first step)."""
        try:
            return self.workspace.entry(request.path_params["id"])
        except NotInWorkspace:
            raise HTTPException(404) from None

    @staticmethod
    async def body_of(request: Request) -> bytes:
        """A request's JSON body, refused (413) past MAX_BODY."""
        body = await request.body()
        if len(body) > MAX_BODY:
            raise HTTPException(413)
        return body

    async def editor(self, request: Request) -> Response:
        entry = self.entry_of(request)
        try:
            data = load(entry.file).data
        except ReportgenError as exc:
            return self.page("error.html", 422, message=exc.message(self.lang))
        return self.page(
            "editor.html",
            entry=entry,
            form=application_form(),
            data=jsondata.dumps(data, figures_as_text=True),
            version=version(entry.file),
            guidance=self._guidance(data.get("call")),
            columns=self._years(data),
            words=jsondata.dumps({k: template(f"web.js.{k}", self.lang) for k in _PAGE_WORDS}),
            groups=GROUP_ORDER,
            recommended=RECOMMENDED_CHARACTERS,
            pdf=self.converter is not None,
            audit=[self._said(r) for r in await asyncio.to_thread(self.audit.records, entry.id)],
            audit_shown=SHOWN,
        )

    def _years(self, data: dict[str, Any]) -> int:
        """Columns of the figures grid: the call's years, or as many as the file has."""
        rows = data.get("financials")
        return max(len(rows) if isinstance(rows, list) else 0, 3)

    def _guidance(self, call: Any) -> dict[str, str]:
        """附件2-1's "主要包括…" of each subsection, from the application's call."""
        from reportgen.errors import PolicyError
        from reportgen.model import SUBSECTIONS
        from reportgen.policy import BUILTIN

        try:
            policy = BUILTIN.get(str(call)) if call else BUILTIN.latest()
        except PolicyError:
            policy = BUILTIN.latest()
        return {f"report.{p}.{s}": policy.guidance(p, s) for (p, s), _, _ in SUBSECTIONS}

    async def check(self, request: Request) -> Response:
        entry = self.entry_of(request)
        body = await self.body_of(request)
        checked = await asyncio.to_thread(
            check_bytes, body, name=entry.file.name, base_dir=entry.folder, format="json"
        )
        return JSONResponse(
            {
                "findings": [self._finding(f) for f in checked.findings],
                "deciding": self._shown(checked.deciding.params()) if checked.deciding else None,
            }
        )

    def _shown(self, params: dict[str, Any]) -> dict[str, str]:
        return {key: str(show(value, self.lang)) for key, value in params.items()}

    def _finding(self, finding: Any) -> dict[str, Any]:
        return {
            "path": finding.path,
            "severity": finding.severity,
            "message": finding.message(self.lang),
            "clause": clause_text(finding.clause, self.lang) if finding.clause else "",
            "group": group_of(finding),
        }

    async def save(self, request: Request) -> Response:
        entry = self.entry_of(request)
        body = jsondata.loads(await self.body_of(request))
        try:
            saved = await asyncio.to_thread(self.save_file, entry, body["data"], body["version"])
        except SaveConflict as conflict:
            return JSONResponse({"conflict": conflict.message(self.lang)}, 409)
        return JSONResponse({"version": saved.version, "comments_lost": saved.comments_lost})

    def save_file(self, entry: Entry, data: dict[str, Any], expected: str) -> Saved:
        """`data` into the file (saving.save), one save of a file at a time, recorded in
        the audit log: the editor's and the district pages' saves."""
        with self._saving.setdefault(entry.file, threading.Lock()):
            saved = save(entry.file, data, expected, self.kept)
            if saved.version != expected:  # a save that changed nothing is no event
                self.audit.record(self.user, "save", entry.id, expected, saved.version)
        return saved

    async def audit_of(self, request: Request) -> Response:
        entry = self.entry_of(request)
        records = await asyncio.to_thread(self.audit.records, entry.id)
        return JSONResponse({"records": [r.as_json() | {"said": self._said(r)} for r in records]})

    def _said(self, record: Record) -> str:
        """One line of the editor's record: when, who, what, the file's digests."""
        who = record.user or text("web.audit.local", self.lang)
        return text("web.audit.line", self.lang, at=record.at[:19].replace("T", " "), user=who,
                    action=text(f"web.audit.{record.action}", self.lang),
                    before=record.before[:8] or "—", after=record.after[:8] or "—")  # fmt: skip


def _row(entry: Any, checked: Any, rendered: Any) -> dict[str, Any]:
    """One application's line of the workspace page, with what its filters and sorting use."""
    from reportgen.findings import status

    app = checked.application
    errors = sum(f.severity == "error" for f in checked.findings)
    return {
        "entry": entry, "checked": checked, "decided": checked.deciding, "rendered": rendered,
        "status": status(checked.findings), "errors": errors,
        "warnings": sum(f.severity == "warning" for f in checked.findings),
        "category": app.product.category.label if app else "",
        "track": app.product.cluster_track if app else "",
        "county": app.enterprise.county if app else "",
    }  # fmt: skip


def create_app(
    root: Path, *, token: str | None = None, converter: Any = None, language: str | None = None
) -> Starlette:
    server = Server(root, token=token, converter=converter, language=language)
    drawings = Drawings()  # the pictures of PDF pages, evidence's and the documents'

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        # a 500 is answered outside the middleware (Starlette's ServerErrorMiddleware): the
        # request's language is set again here
        token = _speaking.set(lang(request))
        try:
            message = text("web.not_found" if status == 404 else "web.failed", server.lang)
            return server.page("error.html", status, message=message)
        finally:
            _speaking.reset(token)

    app = Starlette(
        routes=[
            Route("/", server.home),
            Route("/new", server.create, methods=["POST"]),
            Route("/edit/{id:path}", server.editor),
            Route("/api/check/{id:path}", server.check, methods=["POST"]),
            Route("/api/save/{id:path}", server.save, methods=["POST"]),
            Route("/api/audit/{id:path}", server.audit_of),
            *Login(server).routes(),
            *Documents(server, drawings).routes(),
            *server.batches.routes(),
            *District(server).routes(),
            *Imports(server).routes(),
            *Evidence(server, drawings).routes(),
            Mount("/static", StaticFiles(directory=package_file("reportgen.web", "static"))),
        ],
        middleware=[
            Middleware(Speaking),  # outermost: the guard's refusals speak the request's language
            Middleware(Guard, token=token, csrf=server.csrf, lang=lambda: server.lang),
            Middleware(SignIn, server=server),  # within the guard: /login's POST needs CSRF
        ],
        exception_handlers={HTTPException: not_found, Exception: not_found},
    )
    app.state.server = server
    return app
