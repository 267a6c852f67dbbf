"""What users already have, taken in by the browser: on the workspace page an application
file (YAML/JSON, kept as written) or last year's Word report book (`reportgen import`'s
import_report: a new application folder); in the editor, the finance office's Excel
sheet for the figures grid (read_figures: the page fills the grid, then saves as for
any edit).

Bodies are read as streams with a limit per kind, never past it; a Word file goes to a
temporary file (up to 50 MB), the others stay in memory (1 MB, 5 MB).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reportgen.errors import InputError, NotInWorkspace
from reportgen.importing.word import MAX_SIZE as WORD_MAX_BYTES
from reportgen.messages import text
from reportgen.render.names import file_name
from reportgen.source import load_bytes
from reportgen.web.evidence import (
    IMPORT_MAX_BYTES,
    Collect,
    length,
    mb,
    receive,
)

if TYPE_CHECKING:
    from reportgen.web.app import Server

SHEET_MAX_BYTES = 5 << 20  # a finance office's workbook, not a ledger


class Imports:
    def __init__(self, server: Server) -> None:
        self.server = server

    def routes(self) -> list[Route]:
        return [
            Route("/api/import", self.application, methods=["POST"]),
            Route("/api/figures/{id:path}", self.figures, methods=["POST"]),
        ]

    @property
    def lang(self) -> str:
        return self.server.lang

    def _refused(self, message: str, status: int) -> Response:
        return JSONResponse({"error": message}, status)

    # -- a new application from a file

    async def application(self, request: Request) -> Response:
        given = request.query_params.get("file", "")
        wanted = request.query_params.get("name", "").strip() or Path(file_name(given)).stem
        word = given.lower().endswith(".docx")
        limit = WORD_MAX_BYTES if word else IMPORT_MAX_BYTES
        if (announced := length(request)) is not None and announced > limit:
            return self._too_large(given, limit)
        try:
            folder = self.server.workspace.new_folder(wanted)
        except (NotInWorkspace, FileExistsError):
            return self._refused(text("web.bad_name", self.lang), 400)
        if word:
            return await self._word(request, given, folder)
        chunks: list[bytes] = []
        if await receive(request, Collect(chunks), limit) > limit:
            return self._too_large(given, limit)
        raw = b"".join(chunks)
        try:
            source = await asyncio.to_thread(load_bytes, raw, name=given, base_dir=folder)
        except InputError as exc:  # the loader's own words: line, column, what it expected
            return self._failed(given, exc)
        try:
            folder.mkdir()
        except FileExistsError:  # made meanwhile, by another tab or the CLI
            return self._refused(text("web.bad_name", self.lang), 400)
        file = folder / ("application.json" if source.format == "json" else "application.yaml")
        file.write_bytes(raw)  # as written: its comments and its order are the user's
        return self._opened(file)

    async def _word(self, request: Request, given: str, folder: Path) -> Response:
        """Last year's report book: streamed to a temporary file, imported into `folder`
        (made here; removed again when the import fails, so no half folder is left)."""
        from reportgen.importing import import_report

        async with _received(request, ".docx", WORD_MAX_BYTES) as received:
            if received is None:
                return self._too_large(given, WORD_MAX_BYTES)
            try:
                folder.mkdir()
            except FileExistsError:
                return self._refused(text("web.bad_name", self.lang), 400)
            try:
                _, file = await asyncio.to_thread(import_report, received, folder)
            except InputError as exc:
                shutil.rmtree(folder, ignore_errors=True)
                return self._failed(given, exc)
            return self._opened(file)

    def _opened(self, file: Path) -> Response:
        id = file.relative_to(self.server.workspace.root).as_posix()
        return JSONResponse({"url": f"/edit/{id}"})

    def _failed(self, given: str, exc: InputError) -> Response:
        if "file" in exc.params:  # the user's name for it, not the temporary file's
            exc.params["file"] = given
        said = text("web.import.failed", self.lang, file=given, problem=exc.message(self.lang))
        return self._refused(said, 422)

    def _too_large(self, given: str, limit: int) -> Response:
        said = text("web.import.too_large", self.lang, file=given, limit_mb=mb(limit))
        return self._refused(said, 413)

    # -- the figures grid from a sheet

    async def figures(self, request: Request) -> Response:
        """The sheet's figures as the grid's rows, and where each came from; nothing is
        written (the page puts them in the grid, and its save writes them)."""
        from reportgen.importing.figures import read_figures

        self.server.entry_of(request)  # an application of the workspace, or 404
        given = request.query_params.get("file", "")
        if (announced := length(request)) is not None and announced > SHEET_MAX_BYTES:
            return self._too_large(given, SHEET_MAX_BYTES)
        async with _received(request, ".xlsx", SHEET_MAX_BYTES) as received:
            if received is None:
                return self._too_large(given, SHEET_MAX_BYTES)
            try:
                read = await asyncio.to_thread(read_figures, received)
            except InputError as exc:
                return self._failed(given, exc)
        used: list[dict[str, Any]] = [
            {"field": f.field, "year": f.year, "cell": f.cell, "label": f.label}
            for f in read.figures
        ]
        rows = [{k: str(v) for k, v in row.items()} for row in read.rows()]
        return JSONResponse({"rows": rows, "used": used, "unknown": read.unknown})


@contextlib.asynccontextmanager
async def _received(request: Request, suffix: str, limit: int) -> AsyncIterator[Path | None]:
    """The body streamed into a temporary file (None when it passed `limit`: the rest is
    never read), removed again afterwards."""
    handle, name = tempfile.mkstemp(prefix="reportgen-import-", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            whole = await receive(request, out, limit) <= limit
        yield Path(name) if whole else None
    finally:
        os.unlink(name)
