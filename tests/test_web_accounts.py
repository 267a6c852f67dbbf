"""A team on one server: accounts, signing in, each user's folders (reportgen/web/accounts.py,
signin.py, `reportgen users`).

The accounts are made as an administrator makes them, with the CLI in a subprocess
(--password-stdin); the folders are tried in Debian's chromium against a real server,
the rate limit over HTTP against a real server (uvicorn puts X-Forwarded-For from
127.0.0.1 in the request's client, as behind a local proxy), sessions' ends with a clock
the test moves, and once for real with a short REPORTGEN_SESSION_IDLE."""

from __future__ import annotations

import http.client
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from reportgen.errors import AccountError
from reportgen.web.accounts import DATABASE, SESSION_IDLE_VARIABLE, Accounts
from reportgen.web.app import create_app
from reportgen.web.signin import FAILURES_PER_ADDRESS, FAILURES_PER_NAME, SESSION_COOKIE

from .web_tools import ADVANCED_EXAMPLE, add_user, asgi, csrf_of, serve, sign_in

EAST, WEST = "杭州组/advanced-cnc/application.yaml", "宁波组/advanced-cnc/application.yaml"
PASSWORD = "correct-horse-1"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Two teams' folders, each with a copy of the advanced example."""
    root = tmp_path / "workspace"
    for id in (EAST, WEST):
        shutil.copytree(ADVANCED_EXAMPLE, (root / id).parent)
    return root


def _users(
    workspace: Path, *args: str, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", "users", *args, "--workspace", str(workspace)],
        input=password, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_users_are_added_listed_and_removed_on_the_command_line(workspace: Path) -> None:
    assert "还没有账户" in _users(workspace, "list").stdout  # and no database made to say so
    assert not (workspace / DATABASE).exists()
    add_user(workspace, "王芳", PASSWORD, "杭州组")
    add_user(workspace, "admin", PASSWORD, ".")
    listed = _users(workspace, "list").stdout.splitlines()
    assert listed == ["admin　文件夹：整个工作目录", "王芳　文件夹：杭州组"]
    for args, said in (
        (("add", "王芳", "--folder", "宁波组"), "已有用户“王芳”"),
        (("add", "li", "--folder", "../elsewhere"), "不在工作目录"),
        (("add", "li", "--folder", "no-such"), "中没有文件夹 no-such"),
        (("add", "li", "--folder", ".reportgen"), "不能是隐藏文件夹"),
        (("add", "li"), "至少一个文件夹"),
        (("add", "../li", "--folder", "."), "用户名“../li”不能用"),
        (("remove", "nobody"), "没有用户“nobody”"),
        (("password", "nobody"), "没有用户“nobody”"),
    ):
        stdin = () if args[0] == "remove" else ("--password-stdin",)
        done = _users(workspace, *args, *stdin, password=PASSWORD + "\n")
        assert done.returncode == 1 and said in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    short = _users(workspace, "add", "li", "--folder", ".", "--password-stdin", password="abc\n")
    assert short.returncode == 1 and "至少 8 个字符" in short.stderr
    # typed twice at the prompt (read from standard input here: no terminal), not alike
    differ = _users(workspace, "add", "li", "--folder", ".", password="password-1\npassword-2\n")
    assert differ.returncode == 1 and "两次输入的密码不一样，没有保存" in differ.stderr
    english = _users(workspace, "remove", "nobody", "--lang", "en")
    assert english.returncode == 1 and "there is no user “nobody”" in english.stderr
    assert _users(workspace, "remove", "admin").returncode == 0
    assert _users(workspace, "list").stdout.splitlines() == ["王芳　文件夹：杭州组"]
    # the database holds hashes, readable by its owner only
    stored = sqlite3.connect(workspace / DATABASE).execute("SELECT password FROM users").fetchall()
    assert stored[0][0].startswith("$argon2id$") and PASSWORD not in stored[0][0]
    assert (workspace / DATABASE).stat().st_mode & 0o077 == 0


def test_a_password_change_or_a_removal_ends_the_users_sessions(workspace: Path) -> None:
    accounts = Accounts(workspace)
    account = accounts.add("li", PASSWORD, ["杭州组"])
    token = accounts.open_session(account)
    assert accounts.session(token) == account
    changed = _users(workspace, "password", "li", "--password-stdin", password="new-password-2\n")
    assert changed.returncode == 0, changed.stderr
    assert accounts.session(token) is None
    assert accounts.verify("li", PASSWORD) is None and accounts.verify("li", "new-password-2")
    again = accounts.open_session(account)
    accounts.remove("li")
    assert accounts.session(again) is None and accounts.verify("li", "new-password-2") is None


def test_a_session_ends_after_its_idle_time_and_each_use_moves_the_end_on(workspace: Path) -> None:
    now = [1_000_000.0]
    accounts = Accounts(workspace, clock=lambda: now[0])
    idle = accounts.idle
    assert idle == 8 * 3600  # a working day, unless a test's variable says otherwise
    token = accounts.open_session(accounts.add("li", PASSWORD, ["."]))
    now[0] += idle - 1  # used just before the end: the end moves on
    assert accounts.session(token) is not None
    now[0] += idle - 1  # past the first end, within the second
    assert accounts.session(token) is not None
    now[0] += idle + 1  # unused for longer than the idle time
    assert accounts.session(token) is None
    assert accounts.session("a-guessed-token") is None
    fresh = accounts.open_session(accounts.listed()[0])
    accounts.close_session(fresh)  # signed out
    assert accounts.session(fresh) is None
    rows = sqlite3.connect(workspace / DATABASE).execute("SELECT token FROM sessions").fetchall()
    assert rows == []  # the ended one was deleted, and only digests were ever kept


def test_an_expired_session_is_refused_by_a_real_server(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(workspace, "li", PASSWORD, "杭州组")
    monkeypatch.setenv(SESSION_IDLE_VARIABLE, "1")  # the server's sessions end after 1 s
    with serve(workspace, "--no-pdf") as base:
        status, headers, _ = _post_login(base, "li", PASSWORD)
        assert status == 200
        cookie = headers["set-cookie"].split(";", 1)[0]
        time.sleep(1.5)
        status, headers = _get(base, "/", Cookie=cookie)
        assert status == 303 and headers["location"] == "/login?next=/"


def _csrf(base: str) -> str:
    status, _, body = _request(base, "GET", "/login")
    assert status == 200
    return body.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]


def _request(
    base: str, method: str, path: str, body: bytes | None = None, **headers: str
) -> tuple[int, dict[str, str], str]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        said = answer.read().decode("utf-8")
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, said
    finally:
        connection.close()


def _get(base: str, path: str, **headers: str) -> tuple[int, dict[str, str]]:
    status, answered, _ = _request(base, "GET", path, **headers)
    return status, answered


def _post_login(
    base: str, name: str, password: str, **headers: str
) -> tuple[int, dict[str, str], str]:
    body = json.dumps({"name": name, "password": password}).encode()
    csrf = {"X-CSRF-Token": _csrf(base), "Content-Type": "application/json"}
    return _request(base, "POST", "/login", body, **csrf, **headers)


def test_wrong_passwords_are_limited_per_name_and_per_address(workspace: Path) -> None:
    add_user(workspace, "li", PASSWORD, "杭州组")
    add_user(workspace, "zhao", PASSWORD, "宁波组")
    with serve(workspace, "--no-pdf") as base:
        for _ in range(FAILURES_PER_NAME):
            status, _, said = _post_login(base, "li", "wrong-password")
            assert status == 401 and "用户名或密码不对" in said
        # past the limit the right password is refused too, and the page says until when
        status, headers, said = _post_login(base, "li", PASSWORD)
        assert status == 429, said
        assert "登录失败的次数太多：请在 " in json.loads(said)["error"]
        assert 0 < int(headers["retry-after"]) <= 300
        assert SESSION_COOKIE not in headers.get("set-cookie", "")
        # the count is per name: another user of the same address signs in
        status, headers, _ = _post_login(base, "zhao", PASSWORD)
        assert status == 200 and headers["set-cookie"].startswith(f"{SESSION_COOKIE}=")
        # and per address: guesses at many names from one address stop that address
        guesser = {"X-Forwarded-For": "192.0.2.7"}
        for n in range(FAILURES_PER_ADDRESS):
            assert _post_login(base, f"guess{n}", "wrong-password", **guesser)[0] == 401
        assert _post_login(base, "zhao", PASSWORD, **guesser)[0] == 429
        other = {"X-Forwarded-For": "192.0.2.8"}
        assert _post_login(base, "zhao", PASSWORD, **other)[0] == 200


def _app_with_accounts(workspace: Path) -> object:
    Accounts(workspace).add("li", PASSWORD, ["杭州组"])
    return create_app(workspace)


def _signed_in(app: object) -> str:
    body = json.dumps({"name": "li", "password": PASSWORD, "next": "//elsewhere.example/"})
    answer = asgi(
        app, "POST", "/login", body.encode(), content_type="application/json", **csrf_of(app)
    )
    assert answer.status == 200 and answer.json() == {"url": "/"}  # never to another site
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    return cookie.split(";", 1)[0]


def test_with_accounts_every_request_but_login_and_static_needs_a_session(workspace: Path) -> None:
    app = _app_with_accounts(workspace)
    east, west = quote(EAST), quote(WEST)
    answer = asgi(app, "GET", f"/edit/{east}")
    assert answer.status == 303 and answer.headers["location"] == f"/login?next=/edit/{east}"
    for method, path in (("POST", f"/api/check/{east}"), ("POST", f"/api/save/{east}"),
                         ("GET", f"/api/audit/{east}"), ("POST", "/api/batch")):  # fmt: skip
        assert asgi(app, method, path, b"{}", **csrf_of(app)).status == 401, path
    assert asgi(app, "GET", "/static/app.css").status == 200
    assert asgi(app, "GET", "/login").status == 200
    cookie = _signed_in(app)
    assert asgi(app, "GET", f"/edit/{east}", cookie=cookie).status == 200
    for method, path in (
        ("GET", f"/edit/{west}"), ("POST", f"/api/check/{west}"), ("GET", f"/api/audit/{west}"),
        ("GET", f"/files/{west}?name=x.docx"), ("GET", f"/api/documents/{west}"),
        ("GET", f"/api/evidence/{west}"), ("GET", f"/evidence/{west}?name=a.pdf"),
        ("POST", f"/api/render/{west}"),
    ):  # fmt: skip
        assert asgi(app, method, path, b"{}", cookie=cookie, **csrf_of(app)).status == 404, path
    batch = json.dumps({"ids": [EAST, WEST]}).encode()
    assert asgi(app, "POST", "/api/batch", batch, cookie=cookie, **csrf_of(app)).status == 404
    out = asgi(app, "POST", "/logout", b"{}", cookie=cookie, **csrf_of(app))
    assert out.status == 200 and asgi(app, "GET", "/", cookie=cookie).status == 303


def test_without_accounts_nothing_changes(workspace: Path) -> None:
    app = create_app(workspace)
    assert asgi(app, "GET", "/").status == 200
    assert asgi(app, "GET", f"/edit/{quote(WEST)}").status == 200
    answer = asgi(app, "GET", "/login")
    assert answer.status == 303 and answer.headers["location"] == "/"
    with pytest.raises(AccountError):
        Accounts(workspace).remove("nobody")


def test_two_users_see_only_their_own_folders(
    workspace: Path,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    add_user(workspace, "li", PASSWORD, "杭州组")
    add_user(workspace, "zhao", PASSWORD, "宁波组")
    with serve(workspace, "--no-pdf", "--host", "0.0.0.0") as base:
        for name, own, others in (("li", EAST, WEST), ("zhao", WEST, EAST)):
            context = browser.new_context(locale="zh-CN")
            context.set_default_timeout(10_000)
            tab = context.new_page()
            try:
                sign_in(tab, base, name, PASSWORD, f"/edit/{own}")  # back where they were sent from
                tab.goto(base)
                rows = tab.locator("table.applications tbody tr[data-id]")
                assert rows.evaluate_all("rows => rows.map(r => r.dataset.id)") == [own]
                assert tab.get_by_text(f"已登录：{name}").is_visible()
                for path in (
                    f"/edit/{others}",
                    f"/files/{others}?name=a.pdf",
                    f"/api/audit/{others}",
                ):
                    assert tab.goto(base + path).status == 404, path  # type: ignore[union-attr]
                csrf = tab.locator('meta[name="csrf-token"]').get_attribute("content") or ""
                check = tab.request.post(f"{base}/api/check/{quote(others)}", data="{}",
                                         headers={"X-CSRF-Token": csrf})  # fmt: skip
                assert check.status == 404
                # a new application goes into the user's own folder
                tab.goto(base)
                tab.get_by_label("新建申报（文件夹名）").fill(f"{name}的新客户")
                tab.get_by_role("button", name="新建").click()
                tab.wait_for_url("**/edit/**")
                assert (
                    workspace / own.split("/")[0] / f"{name}的新客户" / "application.yaml"
                ).is_file()
                tab.get_by_role("button", name="退出登录").click()
                tab.wait_for_url(f"{base}/login")
                tab.goto(base)  # signed out: sent to sign in again
                assert tab.url == f"{base}/login?next=/"
            finally:
                context.close()
