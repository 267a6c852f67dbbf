"""The district's tables in the browser: its recommendation list (推荐汇总表, 附件5), its
staff contacts form (工作人员信息汇总表, 附件3), and the city's table of every list.

The files are the staff YAML files `reportgen staff` reads (FORMAT.md "Staff-side
files"), found in the workspace by their names (萧山区-推荐.yaml, 萧山区-工作人员.yaml).
A page edits one: every change is checked as it is typed — by the same check_list and
check_contacts as the CLI, on what the page holds — and saved as the editor saves an
application (saving.save: comments kept, a file changed meanwhile never overwritten).
Its tables are downloaded as .docx or .xlsx, made by the CLI's recommend/contacts/collect;
a file with errors is refused unless a draft (草稿) is asked for.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from reportgen.errors import NotInWorkspace, ReportgenError, SaveConflict
from reportgen.model.product import Category
from reportgen.policy import BUILTIN, Policy
from reportgen.source import load
from reportgen.source.files import write_text_atomic
from reportgen.staff import check_contacts, check_list, city_view, collect, quota_use
from reportgen.staff import contacts as contacts_tables
from reportgen.staff import recommend as recommend_tables
from reportgen.web import jsondata
from reportgen.web.workspace import CONTACTS_FORM, RECOMMENDATION_LIST, Entry, version

if TYPE_CHECKING:
    from reportgen.web.app import Server

FORMATS = ("docx", "xlsx")
# the sentences district.js shows (by the names it uses): its own, and some of the editor's
WORDS = {
    "drag": "web.district.js.drag", "quota": "web.district.js.quota",
    "brand_quota": "web.district.js.brand_quota", "no_brand": "web.district.js.no_brand",
    "over": "web.district.js.over", "not_resolved": "web.district.js.not_resolved",
    "none": "web.district.js.none", "brand": "web.district.brand",
    "saving": "web.js.saving", "saved": "web.js.saved", "reload": "web.js.reload",
    "move_up": "web.row_up", "move_down": "web.row_down", "remove": "web.row_remove",
}  # fmt: skip


@dataclass(frozen=True)
class Kind:
    """One kind of district file: how it is named, checked, written and started."""

    name: str  # in URLs: list, contacts
    suffix: str
    page: str
    check: Callable[..., Any]  # (file, raw=) -> a checked list or form
    tables: Callable[..., tuple[Any, list[Path]]]  # (file, out, draft=) -> (checked, files)


KINDS = {
    "list": Kind("list", RECOMMENDATION_LIST, "district_list.html", check_list, recommend_tables),
    "contacts": Kind(
        "contacts", CONTACTS_FORM, "district_contacts.html", check_contacts, contacts_tables
    ),
}


class District:
    def __init__(self, server: Server) -> None:
        self.server = server

    def routes(self) -> list[Route]:
        return [
            Route("/district", self.index),
            Route("/district/new", self.create, methods=["POST"]),
            Route("/district/city", self.city),
            Route("/district/city.{format}", self.city_tables),
            Route("/district/{kind}/{id:path}", self.editor),
            Route("/api/district/check/{kind}/{id:path}", self.check, methods=["POST"]),
            Route("/api/district/save/{kind}/{id:path}", self.save, methods=["POST"]),
            Route("/district-tables/{kind}/{format}/{id:path}", self.tables),
        ]

    def _file(self, request: Request) -> tuple[Kind, Entry]:
        kind = KINDS.get(request.path_params["kind"])
        if kind is None:
            raise HTTPException(404)
        try:
            return kind, self.server.workspace.staff_entry(request.path_params["id"], kind.suffix)
        except NotInWorkspace:
            raise HTTPException(404) from None

    @property
    def policy(self) -> Policy:
        return BUILTIN.latest()

    # -- the district's files, and a new one

    async def index(self, request: Request) -> Response:
        workspace = self.server.workspace
        found = {
            name: [(e, kind.check(e.file)) for e in workspace.staff_entries(kind.suffix)]
            for name, kind in KINDS.items()
        }
        return self.server.page(
            "district.html", found=found, counties=self._counties(), policy=self.policy
        )

    def _counties(self) -> dict[str, list[str]]:
        return {city: list(names) for city, names in self.policy.divisions.items()}

    async def create(self, request: Request) -> Response:
        form = await request.form()
        county, kind = str(form.get("county", "")), KINDS.get(str(form.get("kind", "")))
        if kind is None or self.policy.city_of(county) is None:
            raise HTTPException(400)  # the page offers only the call's counties
        try:
            file = self.server.workspace.new_staff_file(county, kind.suffix)
        except FileExistsError:
            return JSONResponse({"error": self.server.t("web.district.exists", county=county)}, 409)
        write_text_atomic(file, self._starter(kind, county))
        id = file.relative_to(self.server.workspace.root).as_posix()
        return JSONResponse({"url": f"/district/{kind.name}/{id}"})

    def _starter(self, kind: Kind, county: str) -> str:
        """A new file: the county chosen, the call's; the rest for the page to fill."""
        said = json.dumps(county, ensure_ascii=False)  # a JSON string is a YAML one
        if kind.name == "contacts":
            head = f"# {self.server.t('web.district.starter_contacts', county=county)}\n"
            return head + (
                f"format_version: 1\ncall: {self.policy.call}\ncounty: {said}\nstaff:\n"
                f'  - {{county: {said}, office: "", name: "", title: "", mobile: ""}}\n'
            )
        head = f"# {self.server.t('web.district.starter_list', county=county)}\n"
        return head + (
            f'format_version: 1\ncall: {self.policy.call}\nunit: ""\ncounty: {said}\n'
            'filled_by: {name: "", phone: ""}\nrecommendations: []\n'
        )

    # -- one file: its page, its checks, its saves, its tables

    async def editor(self, request: Request) -> Response:
        kind, entry = self._file(request)
        try:
            data = (await asyncio.to_thread(load, entry.file)).data
        except ReportgenError as exc:
            return self.server.page("error.html", 422, message=exc.message(self.server.lang))
        words = {name: self.server.template(key) for name, key in WORDS.items()}
        return self.server.page(
            kind.page,
            entry=entry,
            kind=kind.name,
            data=jsondata.dumps(data),
            version=version(entry.file),
            counties=self._counties(),
            categories=[(c.value, c.label) for c in Category],
            tracks=list(self.policy.tracks),
            applications=jsondata.dumps(self._applications(entry)),
            words=jsondata.dumps(words),
            formats=FORMATS,
        )

    def _applications(self, listed: Entry) -> list[dict[str, str]]:
        """The workspace's applications a list may name: as a path from the list's folder."""
        offered = []
        for entry in self.server.workspace.entries():
            app = self.server.workspace.checked(entry).application
            path = Path(os.path.relpath(entry.file, listed.folder)).as_posix()
            name = f"{app.enterprise.name}：{app.product.name}" if app else entry.id
            offered.append({"path": path, "name": name, "id": entry.id})
        return offered

    async def check(self, request: Request) -> Response:
        kind, entry = self._file(request)
        body = await self.server.body_of(request)
        checked = await asyncio.to_thread(kind.check, entry.file, raw=body)
        answer: dict[str, Any] = {
            "valid": checked.valid,
            "findings": [
                {"path": f.path, "severity": f.severity, "message": f.message(self.server.lang)}
                for f in checked.findings
            ],
        }
        if kind.name == "list":
            answer["rows"] = [vars(e) for e in checked.entries]
            if checked.data is not None and checked.policy is not None:
                use = quota_use(checked.policy, checked.data.county, checked.entries)
                answer["quota"] = vars(use) | {"over": use.over}
        return JSONResponse(answer)

    async def save(self, request: Request) -> Response:
        _, entry = self._file(request)
        body = jsondata.loads(await self.server.body_of(request))
        try:
            saved = await asyncio.to_thread(
                self.server.save_file, entry, body["data"], body["version"]
            )
        except SaveConflict as conflict:
            return JSONResponse({"conflict": conflict.message(self.server.lang)}, 409)
        return JSONResponse({"version": saved.version, "comments_lost": saved.comments_lost})

    async def tables(self, request: Request) -> Response:
        kind, entry = self._file(request)
        return await self._written(
            request, lambda out, draft: kind.tables(entry.file, out, draft=draft)[1]
        )

    # -- the city: every district list of the workspace in one table

    def _lists(self) -> list[Entry]:
        return self.server.workspace.staff_entries(RECOMMENDATION_LIST)

    async def city(self, request: Request) -> Response:
        entries = self._lists()
        lists = await asyncio.to_thread(lambda: [check_list(e.file) for e in entries])
        view = city_view(lists)
        counties = []
        if view is not None:
            policy, _, found = view
            for county, checked in found:
                use = quota_use(policy, county, checked.entries if checked else [])
                counties.append({"county": county, "checked": checked, "use": use})
        ids = {str(e.file): e.id for e in entries}
        return self.server.page(
            "district_city.html",
            city=view[1] if view else None,
            counties=counties,
            lists=[(ids[c.file], c) for c in lists],
            formats=FORMATS,
            lang=self.server.lang,
        )

    async def city_tables(self, request: Request) -> Response:
        files: list[str | Path] = [e.file for e in self._lists()]
        return await self._written(request, lambda out, draft: collect(files, out, draft=draft)[1])

    async def _written(
        self, request: Request, write: Callable[[Path, bool], list[Path]]
    ) -> Response:
        """One of the tables `write` makes into a folder of its own, as a download; refused
        (409) while the files have errors, unless ?draft=1."""
        format = request.path_params["format"]
        if format not in FORMATS:
            raise HTTPException(404)
        draft = request.query_params.get("draft") == "1"
        out = Path(tempfile.mkdtemp(prefix="reportgen-district-"))
        written = await asyncio.to_thread(write, out, draft)
        made = [p for p in written if p.suffix == f".{format}"]
        if not made:
            shutil.rmtree(out, ignore_errors=True)
            message = self.server.t("web.district.refused")
            return self.server.page("error.html", 409, message=message)
        return FileResponse(
            made[0], filename=made[0].name, background=BackgroundTask(shutil.rmtree, out, True)
        )
