"""Many clients on the workspace page (reportgen/web/batches.py, static/workspace.js):
filter, sort, choose, render as one batch with each row's state shown as it comes, and
download the summary (.xlsx, .csv, .md) and every document (.zip)."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest

from reportgen.messages import text
from reportgen.web.app import create_app

from .conftest import EXAMPLES, ROOT
from .web_tools import asgi, csrf_of, serve

GOOD = ("advanced-cnc", "consumer-tea", "digital-vision")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Three good applications, one with an error (launched too early), one unreadable,
    and a folder of templates of which one names a variable the context lacks."""
    root = tmp_path / "客户"
    for name in GOOD:
        shutil.copytree(EXAMPLES / name, root / name)
    early = root / "绍兴某某纺织"
    shutil.copytree(EXAMPLES / "invalid" / "evidence", early / "evidence")
    shutil.copy(EXAMPLES / "invalid" / "launch-too-early.yaml", early / "application.yaml")
    (root / "坏文件").mkdir()
    (root / "坏文件" / "application.yaml").write_text("enterprise: [\n", "utf-8")
    return root


@pytest.mark.office
def test_a_batch_of_the_workspace_one_broken(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    with serve(workspace) as base:
        page.goto(base)
        rows = page.locator("#applications tbody tr")
        assert rows.count() == 5
        # the filters: only those with errors, then all again
        page.get_by_label("状态").select_option("errors")
        assert rows.filter(visible=True).count() == 2
        page.get_by_label("状态").select_option("")
        # sorted by the average sales, highest last
        page.get_by_role("button", name="年均销售收入／标准（万元）").click()
        ids = rows.evaluate_all("rs => rs.filter(r => r.dataset.sales).map(r => r.dataset.id)")
        assert ids[-1] == "advanced-cnc/application.yaml"
        page.get_by_label("选择全部显示的申报材料").check()
        page.get_by_role("button", name="生成所选的文档").click()
        page.locator("#batch-downloads a").first.wait_for(timeout=180_000)
        state = {
            r.get_attribute("data-id"): r.locator("[data-batch-state]").inner_text()
            for r in rows.all()
        }
        assert all(state[f"{name}/application.yaml"] == "通过" for name in GOOD), state
        assert state["绍兴某某纺织/application.yaml"].startswith("有错误")
        assert "上市时间 2022-12-31" in state["绍兴某某纺织/application.yaml"]
        assert state["坏文件/application.yaml"].startswith("有错误")
        archive = page.request.get(f"{base}/batch/documents.zip")
        assert archive.status == 200
        workbook = page.request.get(f"{base}/batch/summary.xlsx").body()
    with zipfile.ZipFile(io.BytesIO(archive.body())) as documents:
        names = documents.namelist()
    folders = {n.split("/")[0] for n in names if "/" in n}
    assert len(folders) == 3  # the three good ones; nothing of the two with errors
    for folder in folders:
        formats = {Path(n).suffix for n in names if n.startswith(folder + "/")}
        assert formats >= {".docx", ".pdf", ".json"}, folder
    assert {"summary.xlsx", "summary.csv", "summary.md"} <= set(names)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(workbook)).active
    statuses = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)][:-1]
    assert sorted(statuses) == ["有错误", "有错误", "通过", "通过", "通过"]
    assert (workspace / "批量生成" / "summary.json").is_file()


def test_a_batch_refuses_what_it_cannot_do(workspace: Path) -> None:
    from reportgen.render.own_templates import export_templates

    export_templates(workspace / "模板" / "改坏的")
    book = workspace / "模板" / "改坏的" / "report_book.docx"
    _rename_a_variable(book)
    app = create_app(workspace)
    page = asgi(app, "GET", "/").body.decode("utf-8")
    assert '<option value="模板/改坏的" disabled>' in page  # offered, with its problems
    assert "enterprise.nmae" in page

    def asked(body: dict[str, Any]) -> int:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return asgi(app, "POST", "/api/batch", payload, **csrf_of(app)).status

    assert asked({"ids": []}) == 400
    assert asked({"ids": ["../etc/application.yaml"]}) == 404
    assert asked({"ids": ["advanced-cnc/application.yaml"], "templates": "模板/改坏的"}) == 400
    assert asked({"ids": ["advanced-cnc/application.yaml"], "templates": "../x"}) == 400
    assert asgi(app, "GET", "/batch/documents.zip").status == 404  # no batch yet
    assert asgi(app, "GET", "/batch/summary.json").status == 404  # not offered
    # mended (the built-in one again): the next visit checks it again and offers it
    export_templates(workspace / "模板" / "改坏的", force=True)
    assert '<option value="模板/改坏的">' in asgi(app, "GET", "/").body.decode("utf-8")


def _rename_a_variable(book: Path) -> None:
    """The report book's template with {{ enterprise.name }} misspelt, as a user's edit."""
    with zipfile.ZipFile(book) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    assert "enterprise.name" in document
    parts["word/document.xml"] = document.replace("enterprise.name", "enterprise.nmae", 1).encode()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.office
def test_ctrl_c_during_a_batch_stops_cleanly(tmp_path: Path) -> None:
    """The page's answer ends saying the server stopped, with no traceback in the log, and
    the server is gone within serve()'s 10 s, its offices with it (serve() checks)."""
    import threading

    sys.path.insert(0, str(ROOT / "bench"))
    from batch import make_applications  # the benchmark's clients: the examples, renamed

    clients = make_applications(12, tmp_path / "clients")
    log = tmp_path / "serve.log"
    answer: list[str] = []
    with serve(clients, log=log) as base:
        page = urlopen(base + "/").read().decode("utf-8")
        token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        ids = sorted(f.relative_to(clients).as_posix() for f in clients.glob("*/application.yaml"))
        request = Request(
            base + "/api/batch",
            data=json.dumps({"ids": ids}).encode(),
            headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
        )
        response = urlopen(request, timeout=60)
        assert b'"started"' in response.readline() + response.readline()  # it is under way
        rest = lambda: answer.extend(response.read().decode().splitlines())  # noqa: E731
        reading = threading.Thread(target=rest)
        reading.start()
    reading.join(30)
    assert answer and json.loads(answer[-1]) == {"result": {"error": text("web.stopping", "zh")}}
    assert "Traceback" not in log.read_text("utf-8")


def test_a_server_killed_mid_batch_leaves_whole_folders_and_starts_again(tmp_path: Path) -> None:
    """kill -9 of the server and its workers halfway through a batch (Word only: an office
    has a session of its own and would outlive the kill): every folder in 批量生成/ is a
    whole one (its manifest's files all there and readable), and a new server runs the
    batch again to its end, the finished ones skipped."""
    import os
    import signal
    import subprocess

    from docx import Document

    sys.path.insert(0, str(ROOT / "bench"))
    from batch import make_applications

    from .web_tools import _answers, free_port

    clients = make_applications(16, tmp_path / "clients")
    ids = sorted(f.relative_to(clients).as_posix() for f in clients.glob("*/application.yaml"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", str(clients), "--port", str(port),
         "--no-pdf"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        while not _answers("127.0.0.1", port):
            assert server.poll() is None
        base = f"http://127.0.0.1:{port}"
        finished = _batch(base, ids, stop_after_first=True)
        assert finished
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
    out = clients / "批量生成"
    placed = [f for f in out.iterdir() if f.is_dir() and not f.name.startswith(".")]
    assert 1 <= len(placed) < 16  # killed halfway indeed
    for folder in placed:
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        for listed in manifest["outputs"]:
            path = folder / listed["path"]
            assert path.is_file(), path
            if path.suffix == ".docx":
                Document(str(path))  # a whole Word file, not half of one
    with serve(clients, "--no-pdf") as base:
        result = _batch(base, ids)
    assert result["totals"]["ok"] + result["totals"]["skipped"] == 16, result
    assert not list(out.glob(".reportgen-batch-*"))  # the killed batch's staging is gone


def _batch(base: str, ids: list[str], *, stop_after_first: bool = False) -> Any:
    page = urlopen(base + "/").read().decode("utf-8")
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    request = Request(
        base + "/api/batch",
        data=json.dumps({"ids": ids}).encode(),
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    with urlopen(request, timeout=120) as response:
        for raw in response:
            said = json.loads(raw)
            if stop_after_first and "finished" in said:
                return said
            if "result" in said:
                return said["result"]
    return None


def test_a_batch_while_the_same_application_is_edited_leaves_consistent_files(
    tmp_path: Path,
) -> None:
    """A page saving edits of one application again and again while a batch renders it:
    the file is always one whole version (the last one saved, in the end), and the batch's
    documents are those of the version its manifest names — never a mix."""
    import hashlib
    import threading

    from docx import Document

    from reportgen.source import load
    from reportgen.web import jsondata

    sys.path.insert(0, str(ROOT / "bench"))
    from batch import make_applications

    clients = make_applications(6, tmp_path / "clients")
    ids = sorted(f.relative_to(clients).as_posix() for f in clients.glob("*/application.yaml"))
    edited = clients / ids[0]
    names: dict[str, str] = {}  # each version saved (its digest) → the product name it has
    done = threading.Event()
    problems: list[str] = []

    def edit(base: str, token: str) -> None:
        data = json.loads(jsondata.dumps(load(edited).data))
        version = hashlib.sha256(edited.read_bytes()).hexdigest()
        names[version] = data["product"]["name"]
        edits = 0
        while not done.is_set() and edits < 200:
            edits += 1
            data["product"]["name"] = f"并发修改的产品 {edits}"
            body = json.dumps({"data": data, "version": version}, ensure_ascii=False).encode()
            headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
            request = Request(f"{base}/api/save/{ids[0]}", data=body, headers=headers)
            with urlopen(request, timeout=30) as response:
                answer = json.loads(response.read())
            if "version" not in answer:
                problems.append(str(answer))
                return
            version = answer["version"]
            names[version] = data["product"]["name"]

    with serve(clients, "--no-pdf") as base:
        page = urlopen(base + "/").read().decode("utf-8")
        token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        editing = threading.Thread(target=edit, args=(base, token))
        editing.start()
        try:
            result = _batch(base, ids)
        finally:
            done.set()
            editing.join(30)
    assert problems == [] and len(names) > 2  # edits were saved while the batch ran
    assert result["totals"]["ok"] == 6, result
    final = load(edited)
    assert final.sha256 in names and final.data["product"]["name"] == names[final.sha256]
    summary = json.loads((clients / "批量生成" / "summary.json").read_text("utf-8"))
    row = next(r for r in summary["rows"] if Path(r["source"]).resolve() == edited.resolve())
    folder = clients / "批量生成" / row["output"]
    rendered = json.loads((folder / "manifest.json").read_text("utf-8"))["input_sha256"]
    assert rendered in names  # a version the page saved, whole
    book = next(folder.glob("*报告书*.docx"))
    text = "\n".join(p.text for p in Document(str(book)).paragraphs)
    assert names[rendered] in text
    seen = set(re.findall(r"并发修改的产品 \d+", text))  # every edit's name the book holds
    assert seen <= {names[rendered]}  # only the version's own: no mix of two
