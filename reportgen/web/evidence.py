"""佐证材料 in the browser: upload (button, drag and drop), list, preview, replace, delete.

An upload is the file's bytes as the request body (the page sends one request per file;
its name in the query), read as a stream into a temporary file inside evidence/ and
refused as soon as it passes the call's limit: nothing is held in memory, and a body
announced or sent too large is never read to its end. The file is then judged by the
CLI's own examine() (type by content, size, placeholder) and put in place under a name
made safe by render.names.file_name; an existing file is replaced only when asked
(replace=1). Every name from a request goes through Workspace.evidence_file.

Previews: images are served as they are; a PDF's first page is drawn (drawing.py), kept
by the file's SHA-256. Without pdftoppm (or when it fails or takes too long) a PDF has
no preview: the list says nothing of it, the page shows the name only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from reportgen.checks.evidence import evidence_sha256, examine
from reportgen.errors import NotInWorkspace
from reportgen.importing.word import MAX_SIZE as WORD_MAX_BYTES
from reportgen.messages import template, text
from reportgen.render.names import file_name
from reportgen.web import jsondata
from reportgen.web.drawing import Drawings, can_draw

if TYPE_CHECKING:
    from reportgen.policy import Policy
    from reportgen.web.app import Server
    from reportgen.web.workspace import Entry

FOLDER = "evidence"
IMPORT_MAX_BYTES = 1 << 20  # an application file of the largest example is ~20 KB
PREVIEW_PIXELS = 300  # the longer side of a first page's preview
_MEDIA = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
_UPLOADING = ".upload-"  # the temporary files of uploads in progress: not listed
# the sentences evidence.js shows, unfilled (it fills {file} and the others)
_WORDS = {
    "uploading": "web.evidence.uploading",
    "uploaded": "web.evidence.uploaded",
    "renamed": "web.evidence.renamed",
    "not_replaced": "web.evidence.not_replaced",
    "failed": "web.evidence.failed",
    "delete": "web.evidence.delete",
    "delete_confirm": "web.evidence.delete_confirm",
    "deleted": "web.evidence.deleted",
    "empty": "web.evidence.empty",
    "listed": "web.evidence.listed",
    "unlisted": "web.evidence.unlisted",
    "too_large": "evidence_too_large",
    "import_too_large": "web.import.too_large",
    "import_no_file": "web.import.no_file",
}


class Evidence:
    """The evidence and import requests of one server."""

    def __init__(self, server: Server, drawings: Drawings) -> None:
        self.server = server
        self.drawings = drawings
        server.pages.globals["evidence"] = self.page_values  # the partials' limits, words

    @property
    def lang(self) -> str:
        return self.server.lang

    def routes(self) -> list[Route]:
        return [
            Route("/api/evidence/{id:path}", self.listing, methods=["GET"]),
            Route("/api/evidence/{id:path}", self.upload, methods=["POST"]),
            Route("/api/evidence/{id:path}", self.delete, methods=["DELETE"]),
            Route("/evidence/{id:path}", self.file),
            Route("/evidence-preview/{id:path}", self.preview),
        ]

    def page_values(self, entry: Entry | None = None) -> dict[str, Any]:
        """What the templates' partials need: the limits and evidence.js's sentences."""
        limit = self._policy(entry).evidence_max_bytes if entry else 0
        words = {key: template(code, self.lang) for key, code in _WORDS.items()}
        return {
            "limit": limit,
            "limit_mb": mb(limit),
            "import_limit": IMPORT_MAX_BYTES,
            "import_limit_mb": mb(IMPORT_MAX_BYTES),
            "word_limit": WORD_MAX_BYTES,  # last year's report book (web/importing.py)
            "word_limit_mb": mb(WORD_MAX_BYTES),
            "words": jsondata.dumps(words),
        }

    # -- what is in evidence/

    async def listing(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        folder = self._folder(entry)
        policy = self._policy(entry)
        files = []
        names = sorted(os.listdir(folder)) if folder.is_dir() else []
        for name in names:
            if name.startswith(_UPLOADING):
                continue
            try:
                path = self.server.workspace.evidence_file(entry, name)
                examined = await asyncio.to_thread(examine, path, name, policy.evidence_max_bytes)
            except (NotInWorkspace, OSError, ValueError):
                continue  # a folder, a link out, gone meanwhile: not a file of the list
            files.append(
                {
                    "name": name,
                    "file": f"{FOLDER}/{name}",
                    "size": _size(examined.size),
                    "kind": examined.kind,
                    "url": _url("/evidence/", entry, name) if examined.kind in _MEDIA else None,
                    "preview": self._preview_url(entry, name, examined.kind),
                    "problems": [
                        {"severity": p.severity, "message": text(p.code, self.lang, **p.params)}
                        for p in examined.problems
                    ],
                }
            )
        return JSONResponse({"files": files})

    def _preview_url(self, entry: Entry, name: str, kind: str | None) -> str | None:
        if kind in ("png", "jpeg") or (kind == "pdf" and can_draw()):
            return _url("/evidence-preview/", entry, name)
        return None

    # -- upload, replace, delete

    async def upload(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        given = request.query_params.get("name", "")
        name = file_name(given)
        limit = self._policy(entry).evidence_max_bytes
        if (announced := length(request)) is not None and announced > limit:
            return self._too_large(name, announced, limit)  # not a byte of it read
        folder = self._folder(entry)
        try:
            folder.mkdir(exist_ok=True)
            self.server.workspace.evidence_file(entry, name)  # refuses a link out by this name
        except (NotInWorkspace, OSError):
            return self._refused(text("web.bad_name", self.lang), 400)
        suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
        handle, temporary = tempfile.mkstemp(prefix=_UPLOADING, suffix=suffix, dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                received = await receive(request, out, limit)
            if received > limit:
                return self._too_large(name, received, limit)
            examined = await asyncio.to_thread(examine, Path(temporary), name, limit)
            if examined.refused:
                message = next(p for p in examined.problems if p.severity == "error")
                return self._refused(text(message.code, self.lang, **message.params), 422)
            place = folder / name  # the name itself: a link of this name is replaced
            if os.path.lexists(place) and request.query_params.get("replace") != "1":
                exists = text("web.evidence.exists", self.lang, file=name)
                return JSONResponse({"exists": exists, "name": name}, 409)
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from a colleague
            try:
                os.replace(temporary, place)
            except OSError:  # a folder of that name, a read-only evidence/
                return self._refused(text("web.bad_name", self.lang), 400)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        warnings = [text(p.code, self.lang, **p.params) for p in examined.problems]
        return JSONResponse(
            {"name": name, "file": f"{FOLDER}/{name}", "given": given, "warnings": warnings}
        )

    async def delete(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        name = request.query_params.get("name", "")
        self._path(entry, name)  # a plain name inside evidence/, or 404
        place = self._folder(entry) / name
        if not place.is_file() and not place.is_symlink():
            raise HTTPException(404)
        place.unlink()  # a link itself, never what it points to
        return JSONResponse({"deleted": name})

    def _too_large(self, name: str, size: int, limit: int) -> Response:
        said = text("evidence_too_large", self.lang, file=name, size_mb=mb(size, 1),
                    limit_mb=mb(limit))  # fmt: skip
        return self._refused(said, 413)

    def _refused(self, message: str, status: int) -> Response:
        return JSONResponse({"error": message}, status)

    # -- the files and their previews

    async def file(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        path = self._path(entry, request.query_params.get("name", ""))
        kind = await asyncio.to_thread(self._kind, path)
        if kind not in _MEDIA:  # only what the checks accept, and never as HTML
            raise HTTPException(404)
        return _served(path, _MEDIA[kind])

    async def preview(self, request: Request) -> Response:
        entry = self.server.entry_of(request)
        name = request.query_params.get("name", "")
        path = self._path(entry, name)
        kind = await asyncio.to_thread(self._kind, path)
        if kind in ("png", "jpeg"):
            return _served(path, _MEDIA[kind])
        if kind != "pdf":
            raise HTTPException(404)
        limit = self._policy(entry).evidence_max_bytes
        digest = await asyncio.to_thread(evidence_sha256, entry.folder, f"{FOLDER}/{name}", limit)
        if digest is None or len(digest) != 64:  # gone, or over the limit: not drawn
            raise HTTPException(404)
        drawn = await self.drawings.page(path, digest, 1, PREVIEW_PIXELS)
        if drawn is None:
            raise HTTPException(404)
        return _served(drawn, "image/png")

    @staticmethod
    def _kind(path: Path) -> str | None:
        try:
            return examine(path, path.name, 1 << 62).kind
        except OSError:
            return None

    # -- names from the request

    def _folder(self, entry: Entry) -> Path:
        """The application's evidence/, refused when it is a link out of its folder (the
        CLI's check would refuse every file in it)."""
        folder = entry.folder / FOLDER
        if not folder.resolve().is_relative_to(entry.folder.resolve()):
            raise HTTPException(404)
        return folder

    def _path(self, entry: Entry, name: str) -> Path:
        self._folder(entry)
        try:
            path = self.server.workspace.evidence_file(entry, name)
        except (NotInWorkspace, OSError, ValueError):  # ValueError: a NUL in the name
            raise HTTPException(404) from None
        if not path.is_file():
            raise HTTPException(404)
        return path

    def _policy(self, entry: Entry | None) -> Policy:
        """The call the application names (its limit of bytes), else the latest."""
        from reportgen.errors import ReportgenError
        from reportgen.policy import BUILTIN
        from reportgen.source import load

        try:
            call = load(entry.file).data.get("call") if entry else None
            return BUILTIN.get(str(call)) if call else BUILTIN.latest()
        except ReportgenError:  # unreadable, or a call unknown: checks say so
            return BUILTIN.latest()


class Collect:
    """A file-like end for _receive that keeps the chunks (an import is at most 1 MB)."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def write(self, chunk: bytes) -> None:
        self.chunks.append(chunk)


async def receive(request: Request, out: Any, limit: int) -> int:
    """The body into `out` as it arrives: the bytes received, more than `limit` when it
    stopped at the first chunk past it (the rest is never read)."""
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            break
        out.write(chunk)
    return received


def length(request: Request) -> int | None:
    try:
        return int(request.headers["content-length"])
    except (KeyError, ValueError):
        return None


def _served(path: Path, media: str) -> Response:
    response = FileResponse(path, media_type=media)
    # what a user uploaded is never run as a page of ours: no sniffing, no scripts
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    return response


def _url(route: str, entry: Entry, name: str) -> str:
    from urllib.parse import quote

    return f"{route}{quote(entry.id)}?name={quote(name, safe='')}"


def mb(size: int, places: int = 0) -> str:
    return f"{size / 1048576:.{places}f}"


def _size(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, round(size / 1024))} KB"
