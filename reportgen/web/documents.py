"""The documents of one application in the browser: render with progress, list, download,
and the rendered PDF's pages as pictures.

Rendering is the library's render() with the server's warm pool, run in a thread; the
answer is a stream of JSON lines, one per step as render() reaches it (check, Word, PDF)
and a last one with the result, so the page shows how far it is. What is offered for
download and preview is only what the output folder's manifest lists.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from reportgen.errors import RenderRefused, ReportgenError
from reportgen.messages import template, text
from reportgen.render.manifest import MANIFEST, Output, listed_outputs
from reportgen.source.files import file_sha256
from reportgen.web import jsondata
from reportgen.web.audit import digest_of
from reportgen.web.drawing import Drawings, can_draw, drawing_key, page_count
from reportgen.web.streams import as_lines

if TYPE_CHECKING:
    from reportgen.web.app import Server
    from reportgen.web.workspace import Entry

PAGE_PIXELS = 1100  # the longer side of a page's picture: an A4 page read on a laptop
OFFERED = ("docx", "pdf")  # the formats offered for download (not the manifest itself)
# the sentences documents.js shows, unfilled
WORDS = (
    "draft_confirm", "rendering", "step_of", "step_check", "step_documents", "step_pdf",
    "rendered_at", "stale", "preview", "page",
    "kind_report_book", "kind_commitment_letter", "kind_check_report",
)  # fmt: skip


class Documents:
    def __init__(self, server: Server, drawings: Drawings) -> None:
        self.server = server
        self.drawings = drawings
        server.pages.globals["documents_words"] = self.words

    def words(self) -> str:
        """documents.js's sentences in the page's language (and web.failed)."""
        said = {key: template(f"web.documents.{key}", self.server.lang) for key in WORDS}
        return jsondata.dumps(said | {"failed": template("web.failed", self.server.lang)})

    def routes(self) -> list[Route]:
        return [
            Route("/api/render/{id:path}", self.render, methods=["POST"]),
            Route("/api/documents/{id:path}", self.listing),
            Route("/files/{id:path}", self.download),
            Route("/document-page/{id:path}", self.page),
        ]

    # -- render, step by step

    async def render(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        draft = request.query_params.get("draft") == "1"
        return StreamingResponse(self._steps(entry, draft), media_type="application/x-ndjson")

    async def _steps(self, entry: Entry, draft: bool) -> AsyncIterator[str]:
        from reportgen.checks import check_file
        from reportgen.render import render

        loop = asyncio.get_running_loop()
        said: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

        def step(name: str) -> None:  # called in the render's thread
            loop.call_soon_threadsafe(said.put_nowait, {"step": name})

        user = self.server.user  # the request's, for the audit log

        def work() -> dict[str, Any]:
            step("check")
            checked = check_file(entry.file)
            out = self.server.workspace.output_folder(entry)
            render(checked, out, draft=draft, converter=self.server.converter, on_step=step)
            rendered = checked.source.sha256 if checked.source else digest_of(entry.file)
            self.server.audit.record(user, "render", entry.id, rendered, digest_of(out / MANIFEST))
            return self.documents(entry)

        async def finished() -> None:
            lang = self.server.lang
            try:
                answer = await asyncio.to_thread(work)
            except RenderRefused as exc:  # the CLI's words name --draft; the page has a button
                answer = {"refused": text("web.documents.refused", lang, **exc.params)}
            except ReportgenError as exc:
                answer = {"error": exc.message(lang)}
            except Exception:  # a bug: said in words on the page, the traceback in the log
                logging.getLogger(__name__).exception("render of %s failed", entry.id)
                answer = {"error": text("web.failed", lang)}
            said.put_nowait({"result": answer})

        # the render goes on to its end when the page goes away: its files stay consistent
        running = asyncio.create_task(finished())
        stopped = text("web.stopping", self.server.lang)
        async for line in as_lines(said, running, self.server.stopping, stopped):
            yield line

    # -- what was rendered

    def documents(self, entry: Entry) -> dict[str, Any]:
        """The files of the last render: names, when, whether the application changed
        since, and each PDF's number of pages (for the preview)."""
        workspace = self.server.workspace
        try:
            last = workspace.last_render(entry, file_sha256(entry.file))
        except OSError:
            last = None
        if last is None:
            return {"files": []}
        files = []
        for output in listed_outputs(workspace.output_folder(entry)):
            if output.format in OFFERED and output.path.is_file():
                pages = page_count(output.path) if output.format == "pdf" and can_draw() else None
                files.append({"name": output.path.name, "kind": output.kind,
                              "format": output.format, "pages": pages})  # fmt: skip
        return {"files": files, "rendered": last.when, "stale": last.stale}

    async def listing(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        return JSONResponse(await asyncio.to_thread(self.documents, entry))

    def _listed(self, entry: Entry, name: str, format: str | None = None) -> Output:
        folder = self.server.workspace.output_folder(entry)
        for output in listed_outputs(folder):  # only what render wrote and listed
            wanted = output.format == format if format else output.format in OFFERED
            if output.path.name == name and wanted and output.path.is_file():
                return output
        raise HTTPException(404)

    async def download(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        name = request.query_params.get("name", "")
        return FileResponse(self._listed(entry, name).path, filename=name)

    async def page(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        pdf = self._listed(entry, request.query_params.get("name", ""), "pdf").path
        number = request.query_params.get("page", "")
        if not (number.isdigit() and 0 < int(number) < 10_000):
            raise HTTPException(404)
        drawn = await self.drawings.page(pdf, drawing_key(pdf), int(number), PAGE_PIXELS)
        if drawn is None:
            raise HTTPException(404)
        return FileResponse(drawn, media_type="image/png")
