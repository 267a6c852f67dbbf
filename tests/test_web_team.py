"""Nothing lost when a team works on one server: two users on one file, a server killed
in the middle of saving, and the audit log of saves, renders and batches (audit.py).

Two users editing one application in two browsers: the second save is refused with
the conflict shown, the file holds the first user's edit, and the log names each. A
server killed with SIGKILL while saves stream in leaves application.yaml and its .bak
each a whole version (the old or one of the new), the audit database whole and its
records a chain; a new server on the same workspace serves, the old session still good.
"""

from __future__ import annotations

import contextlib
import copy
import http.client
import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from reportgen.source import load
from reportgen.source.files import file_sha256
from reportgen.web import jsondata
from reportgen.web.accounts import DATABASE, Accounts
from reportgen.web.app import create_app
from reportgen.web.batches import BATCH_FOLDER

from .web_tools import (
    ADVANCED_EXAMPLE,
    add_user,
    asgi,
    csrf_of,
    free_port,
    serve,
    sign_in,
    wait_saved,
)

APPLICATION = "杭州组/advanced-cnc/application.yaml"
PASSWORD = "correct-horse-1"
SAVES_BEFORE_THE_KILL = 5
MOST_SAVES = 300  # the saving thread's bound: it stops by itself if the kill never came


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    shutil.copytree(ADVANCED_EXAMPLE, (root / APPLICATION).parent)
    return root


def _records(workspace: Path) -> list[dict[str, Any]]:
    """The audit log, oldest first, read straight from the database."""
    with contextlib.closing(sqlite3.connect(workspace / DATABASE)) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM audit ORDER BY id")]


def test_two_users_on_one_file_lose_nothing_and_the_log_names_each(
    workspace: Path,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    add_user(workspace, "li", PASSWORD, "杭州组")
    add_user(workspace, "zhao", PASSWORD, "杭州组")
    original = file_sha256(workspace / APPLICATION)
    contexts = [browser.new_context(locale="zh-CN") for _ in range(2)]
    try:
        with serve(workspace, "--no-pdf") as base:
            li, zhao = (context.new_page() for context in contexts)
            for tab, name in ((li, "li"), (zhao, "zhao")):
                tab.set_default_timeout(10_000)
                sign_in(tab, base, name, PASSWORD, f"/edit/{APPLICATION}")
                tab.wait_for_selector("#finding-count:not(:empty)")  # both load one version
            li.get_by_label("法定代表人").fill("李一")
            wait_saved(li)
            li.locator("#audit li").filter(has_text="li　保存").wait_for()  # listed after the save
            zhao.get_by_label("法定代表人").fill("赵二")
            notice = zhao.locator("#notice")
            notice.wait_for(state="visible")
            assert "已在别处修改" in notice.inner_text()
            data = load(workspace / APPLICATION).data
            assert data["enterprise"]["legal_representative"] == "李一"  # not overwritten
            # the second user reloads, sees the first's edit, and makes theirs on top of it
            zhao.get_by_role("button", name="重新载入").click()
            zhao.wait_for_selector("#finding-count:not(:empty)")
            assert zhao.get_by_label("法定代表人").input_value() == "李一"
            zhao.get_by_label("法定代表人").fill("赵二")
            wait_saved(zhao)
            li.reload()
            lines = li.locator("#audit li").all_inner_texts()
        assert [line.split("　")[1:3] for line in lines] == [["zhao", "保存"], ["li", "保存"]]
    finally:
        for context in contexts:
            context.close()
    assert load(workspace / APPLICATION).data["enterprise"]["legal_representative"] == "赵二"
    first, second = _records(workspace)  # the refused save is no record
    assert (first["user"], second["user"]) == ("li", "zhao")
    assert first["before"] == original and second["before"] == first["after"]
    assert second["after"] == file_sha256(workspace / APPLICATION)


def test_renders_and_batches_are_recorded_with_their_user(workspace: Path) -> None:
    account = Accounts(workspace).add("li", PASSWORD, ["杭州组"])
    app = create_app(workspace)  # no converter: Word only, no LibreOffice
    token = Accounts(workspace).open_session(account)
    signed = {"cookie": f"reportgen_session={token}", **csrf_of(app)}
    rendered = asgi(app, "POST", f"/api/render/{quote(APPLICATION)}", b"{}", **signed)
    assert rendered.status == 200 and b'"result"' in rendered.body
    batch = json.dumps({"ids": [APPLICATION]}).encode()
    assert asgi(app, "POST", "/api/batch", batch, **signed).status == 200
    render, batched = _records(workspace)
    application = file_sha256(workspace / APPLICATION)
    assert (render["user"], render["action"], render["before"]) == ("li", "render", application)
    assert render["after"] == file_sha256(workspace / "杭州组/advanced-cnc/out/manifest.json")
    assert (batched["user"], batched["action"], batched["before"]) == ("li", "batch", application)
    # each user's batches in a folder of their own
    manifests = list((workspace / BATCH_FOLDER / "li").glob("*/manifest.json"))
    assert len(manifests) == 1 and batched["after"] == file_sha256(manifests[0])
    listed = asgi(app, "GET", f"/api/audit/{quote(APPLICATION)}", **signed).json()["records"]
    assert [r["action"] for r in listed] == ["batch", "render"]  # newest first
    assert listed[0]["said"].split("　")[1:3] == ["li", "批量生成"]


@contextlib.contextmanager
def _server_to_kill(workspace: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`reportgen serve` in a process group of its own, for the test to SIGKILL (the
    `serve` fixture stops its server as Ctrl-C does, and fails on any other end)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", str(workspace), "--port", str(port),
         "--no-pdf"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while _status(port, "GET", "/login") is None:
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.05)
        yield server, f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)


def _status(port: int, method: str, path: str) -> int | None:
    try:
        return _ask(port, method, path)[0]
    except OSError:
        return None


def _ask(
    port: int, method: str, path: str, body: bytes | None = None, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, quote(path, safe="/?=&"), body=body, headers=headers)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def _sign_in(port: int) -> dict[str, str]:
    """The headers of a signed-in page's requests: the session's cookie, the CSRF token."""
    _, _, page = _ask(port, "GET", "/login")
    csrf = page.decode().split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    body = json.dumps({"name": "li", "password": PASSWORD}).encode()
    status, headers, _ = _ask(port, "POST", "/login", body, **{"X-CSRF-Token": csrf})
    assert status == 200
    return {"Cookie": headers["set-cookie"].split(";", 1)[0], "X-CSRF-Token": csrf}


def test_a_server_killed_while_saving_leaves_whole_files_and_a_readable_log(
    workspace: Path,
) -> None:
    add_user(workspace, "li", PASSWORD, "杭州组")
    file, backup = workspace / APPLICATION, workspace / (APPLICATION + ".bak")
    original = load(file).data
    sent = [original["enterprise"]["legal_representative"]]
    answered = threading.Event()
    saved: list[str] = []  # the names a 200 answered: recorded, by then
    refused: list[bytes] = []  # answers other than 200 (the thread's own failures)

    with _server_to_kill(workspace) as (server, base):
        port = int(base.rsplit(":", 1)[1])
        signed = _sign_in(port)

        def save_again_and_again() -> None:
            version = file_sha256(file)
            for n in range(MOST_SAVES):
                data = copy.deepcopy(original)
                data["enterprise"]["legal_representative"] = name = f"王{n}"
                sent.append(name)
                body = jsondata.dumps({"data": data, "version": version}).encode()
                try:
                    status, _, said = _ask(port, "POST", f"/api/save/{APPLICATION}", body, **signed)
                except OSError:  # the server is gone
                    return
                if status != 200:
                    refused.append(said)
                    return
                version = json.loads(said)["version"]
                saved.append(name)
                if len(saved) >= SAVES_BEFORE_THE_KILL:
                    answered.set()

        saving = threading.Thread(target=save_again_and_again)
        saving.start()
        assert answered.wait(60), "the saves did not start"
        os.killpg(server.pid, signal.SIGKILL)  # mid-way through a stream of saves
        server.wait(10)
        saving.join(30)
        assert not saving.is_alive() and refused == []

    for path in (file, backup):  # each the old file or one of the new, never half of one
        data = load(path).data
        assert data["enterprise"]["legal_representative"] in sent, path
        data["enterprise"]["legal_representative"] = original["enterprise"]["legal_representative"]
        assert data == original, path
    with contextlib.closing(sqlite3.connect(workspace / DATABASE)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    records = _records(workspace)
    assert len(records) >= len(saved) >= SAVES_BEFORE_THE_KILL
    assert all(r["user"] == "li" and r["action"] == "save" for r in records)
    for earlier, later in itertools.pairwise(records):
        assert later["before"] == earlier["after"]  # a chain: no save lost between two
    # the kill came before the last save's record or after it: the file is the last one
    # recorded, or the one after it (the .bak then holds the last one recorded)
    assert records[-1]["after"] in (file_sha256(file), file_sha256(backup))

    with serve(workspace, "--no-pdf") as base:  # a new server on the same workspace
        port = int(base.rsplit(":", 1)[1])
        status, _, page = _ask(port, "GET", f"/edit/{APPLICATION}", Cookie=signed["Cookie"])
        assert status == 200  # the session was committed: it outlived the server
        assert load(file).data["enterprise"]["legal_representative"] in page.decode()
        data = copy.deepcopy(original)
        data["enterprise"]["legal_representative"] = "重启之后"
        body = jsondata.dumps({"data": data, "version": file_sha256(file)}).encode()
        fresh = {"X-CSRF-Token": _sign_in(port)["X-CSRF-Token"], "Cookie": signed["Cookie"]}
        status, _, said = _ask(port, "POST", f"/api/save/{APPLICATION}", body, **fresh)
        assert status == 200, said
    assert load(file).data["enterprise"]["legal_representative"] == "重启之后"
    assert _records(workspace)[-1]["after"] == file_sha256(file)
