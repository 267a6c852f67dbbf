"""Many applications at once from the workspace page: the library's batch, with progress.

The page sends the applications chosen (their ids), whether drafts are wanted and which
template folder; the server runs build_batch on their files into the workspace's
批量生成/ folder — in worker processes, incremental, one failure never stopping the
rest, PDFs by the server's own warm pool — and answers, as the single render does, with a
JSON line per event: an application started, one finished (its status and problems),
and the result last. One batch at a time. The summary is offered as .xlsx, .csv and .md
and every document as one .zip, folders as `reportgen batch` writes them.

Template folders are the workspace's folders (two levels down at most) holding a
report_book.docx; each is checked as `reportgen templates check` checks it, and one with
problems is shown with them and cannot be chosen.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from reportgen.errors import BatchInterrupted, NotInWorkspace, ReportgenError
from reportgen.messages import text
from reportgen.render.manifest import MANIFEST
from reportgen.source.files import write_atomic
from reportgen.web import jsondata
from reportgen.web.audit import digest_of
from reportgen.web.streams import as_lines

if TYPE_CHECKING:
    from reportgen.batch import Progress
    from reportgen.render.own_templates import FolderCheck
    from reportgen.web.app import Server

BATCH_FOLDER = "批量生成"  # in the workspace: OUT of `reportgen batch`
SUMMARIES = ("summary.xlsx", "summary.csv", "summary.md")
ZIP = "documents.zip"
TEMPLATE_DEPTH = ("*/report_book.docx", "*/*/report_book.docx")


class Batches:
    def __init__(self, server: Server) -> None:
        self.server = server
        self._one_at_a_time = asyncio.Lock()
        self._templates: dict[Path, tuple[tuple[tuple[int, int] | None, ...], FolderCheck]] = {}

    @property
    def out(self) -> Path:
        """批量生成/, or with accounts 批量生成/<user>/: two users' batches never mix."""
        folder = self.server.workspace.root / BATCH_FOLDER
        return folder / self.server.user if self.server.user else folder

    def routes(self) -> list[Route]:
        return [
            Route("/api/batch", self.start, methods=["POST"]),
            Route("/batch/{name}", self.download),
        ]

    # -- the template folders a batch may use

    def template_folders(self) -> list[dict[str, Any]]:
        """Each folder of templates in the workspace, checked: its id, and its problems."""
        workspace = self.server.workspace
        root = workspace.root
        found = []
        for pattern in TEMPLATE_DEPTH:
            for book in sorted(root.glob(pattern)):
                folder = book.parent
                relative = folder.relative_to(root)
                if any(p.startswith(".") for p in relative.parts):
                    continue
                if not workspace.granted(relative.as_posix()):  # another user's folder
                    continue
                checked = self._checked_templates(folder)
                problems = [p.message(self.server.lang) for p in checked.problems]
                found.append({"id": folder.relative_to(root).as_posix(), "problems": problems})
        return found

    def _checked_templates(self, folder: Path) -> FolderCheck:
        """check_templates(folder), again only when one of its templates changed (size or
        time): the workspace page lists the folders on every visit, and checking opens
        each Word file and compiles its Jinja."""
        from reportgen.render.own_templates import check_templates, template_names

        key = tuple(_stat(folder / name) for name in template_names())
        cached = self._templates.get(folder)
        if cached is None or cached[0] != key:
            cached = self._templates[folder] = (key, check_templates(folder))
        return cached[1]

    def _template_dir(self, id: str) -> Path | None:
        if not id:
            return None
        for folder in self.template_folders():
            if folder["id"] == id and not folder["problems"]:
                return self.server.workspace.root / id
        raise HTTPException(400)  # not one of those offered: the page offers no other

    # -- a batch

    async def start(self, request: Request) -> Response:
        body = jsondata.loads(await self.server.body_of(request) or b"{}")
        ids = body.get("ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            return JSONResponse({"error": text("web.batch.none", self.server.lang)}, 400)
        try:
            entries = [self.server.workspace.entry(i) for i in ids]
        except NotInWorkspace:
            raise HTTPException(404) from None
        template_dir = await asyncio.to_thread(self._template_dir, str(body.get("templates", "")))
        if self._one_at_a_time.locked():
            return JSONResponse({"error": text("web.batch.busy", self.server.lang)}, 409)
        files = {str(e.file): e.id for e in entries}
        draft = body.get("draft") is True
        return StreamingResponse(
            self._events(files, draft, template_dir), media_type="application/x-ndjson"
        )

    async def _events(
        self, files: dict[str, str], draft: bool, template_dir: Path | None
    ) -> AsyncIterator[str]:
        from reportgen.batch import build_batch
        from reportgen.batch.summary import summary_xlsx

        loop = asyncio.get_running_loop()
        said: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        lang, user, out = self.server.lang, self.server.user, self.out

        def told(progress: Progress) -> None:  # in the batch's thread
            line: dict[str, Any] = {"done": progress.done, "total": progress.total}
            if progress.row is not None:
                row = progress.row
                written = out / row.output / MANIFEST if row.output else None
                self.server.audit.record(user, "batch", files.get(row.source, row.source),
                                         digest_of(Path(row.source)),
                                         digest_of(written) if written else "")  # fmt: skip
                line |= {"finished": files.get(row.source, ""), "status": row.status,
                         "errors": row.errors, "warnings": row.warnings,
                         "problems": row.problems[:5], "output": row.output}  # fmt: skip
            elif progress.file:
                line |= {"started": files.get(progress.file, "")}
            loop.call_soon_threadsafe(said.put_nowait, line)
            if self.server.stopping():  # Ctrl-C: the batch stops now, as the CLI's does (its
                raise KeyboardInterrupt  # workers killed, finished folders kept), not at its end

        def work() -> dict[str, Any]:
            try:
                summary = build_batch(list(map(Path, files)), out, draft=draft,
                                      pdf=self.server.converter is not None, lang=lang,
                                      template_dir=template_dir, on_progress=told,
                                      converter=self.server.converter)  # fmt: skip
            except BatchInterrupted:  # the server stops: the page is told so (as_lines)
                return {"error": text("web.stopping", lang)}
            write_atomic(out / SUMMARIES[0], summary_xlsx(summary, lang))
            totals = summary.totals
            said = text("web.batch.done", lang, count=totals["applications"],
                        failed=totals["failed"], errors=totals["errors"])  # fmt: skip
            return {"totals": totals, "said": said, "downloads": [*SUMMARIES, ZIP]}

        async def finished() -> None:
            try:
                answer = await asyncio.to_thread(work)
            except ReportgenError as exc:
                answer = {"error": exc.message(lang)}
            except Exception:  # a bug: said in words on the page, the traceback in the log
                logging.getLogger(__name__).exception("batch failed")
                answer = {"error": text("web.failed", lang)}
            said.put_nowait({"result": answer})

        async with self._one_at_a_time:
            # the batch goes on to its end when the page goes away: its files stay whole
            running = asyncio.create_task(finished())
            stopped = text("web.stopping", lang)
            async for line in as_lines(said, running, self.server.stopping, stopped):
                yield line

    # -- what it made

    async def download(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name == ZIP:
            archive = await asyncio.to_thread(self._zip)
            return FileResponse(archive, filename=ZIP, media_type="application/zip",
                                background=BackgroundTask(os.unlink, archive))  # fmt: skip
        if name not in SUMMARIES or not (self.out / name).is_file():
            raise HTTPException(404)
        return FileResponse(self.out / name, filename=name)

    def _zip(self) -> Path:
        """The summaries and every application's folder the last batch listed, in one zip
        (stored, not compressed: .docx and .pdf are zips and compressed streams already)."""
        summary = self._last_summary()
        handle, name = tempfile.mkstemp(prefix="reportgen-batch-", suffix=".zip")
        with os.fdopen(handle, "wb") as file, zipfile.ZipFile(file, "w") as archive:
            for listed in [*SUMMARIES, "summary.json"]:
                if (self.out / listed).is_file():
                    archive.write(self.out / listed, listed)
            for row in summary.get("rows", []):
                folder = self.out / str(row.get("output") or "")
                if not row.get("output") or not folder.is_dir() or folder.parent != self.out:
                    continue  # nothing written, or not a folder of this batch's
                for path in sorted(folder.iterdir()):
                    if path.is_file() and not path.is_symlink():
                        archive.write(path, f"{folder.name}/{path.name}")
        return Path(name)

    def _last_summary(self) -> dict[str, Any]:
        try:
            summary = json.loads((self.out / "summary.json").read_text("utf-8"))
        except (OSError, ValueError):
            raise HTTPException(404) from None
        return summary if isinstance(summary, dict) else {}


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
