"""The browser tests' tools: Debian's chromium driven by Playwright, and `reportgen serve`.

The fixtures `browser` and `page` are tests/conftest.py's (imported there from here, once
for the session); a test just names them.

A test that uses either is marked `browser` at collection (tests/conftest.py), so
`pytest -m "not browser"` never starts chromium. Playwright is imported only when a test
first asks for the browser: importing this module costs nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, ViewportSize

# what the issue asks the editor to be readable on: a 1366×768 laptop, in Chinese
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}
LOCALE = "zh-CN"
# Playwright waits 30 s by default for an action; a page of ours answers in well under a
# second, so a test that waits longer has failed (a test may pass its own timeout)
ACTION_TIMEOUT_MS = 10_000

# the web tests' usual workspace: the advanced example in a folder of its own
CNC = "advanced-cnc/application.yaml"
ADVANCED_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "advanced-cnc"

SERVER_START_TIMEOUT = 20.0
SERVER_STOP_TIMEOUT = 10.0


def chromium_path() -> str | None:
    """Debian's chromium (scripts/install-debian-packages.sh installs it), or None.

    /usr/bin/chromium is Debian's launcher script: it reads /etc/chromium.d and execs the
    browser, so the process Playwright waits for is the browser itself."""
    return shutil.which("chromium")


def _playwright_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return "Debian's chromium is not installed (scripts/install-debian-packages.sh)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole session, closed at its end (a test opens its own
    contexts and closes them; `page` does both)."""
    if missing := _playwright_missing():
        pytest.skip(f"{missing}: run scripts/setup.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Never a browser of Playwright's own (nothing runs `playwright install`): Debian's.
        # No extra args: Playwright already passes --no-sandbox (chromium_sandbox=False, its
        # default, said here because chromium refuses to start sandboxed as root) and
        # --disable-dev-shm-usage (a container's /dev/shm may be small).
        # LANGUAGE: chromium takes its locale from the environment (not --lang, not the
        # context's locale): zh-CN dates (2023/09/01) and buttons, with chromium-l10n
        # installed. Not LANG=zh_CN.UTF-8: where that locale is not generated (Debian's
        # default) chromium then drops every file of a non-ASCII name from a file input.
        launched = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            chromium_sandbox=False,
            env={**os.environ, "LANGUAGE": "zh_CN:zh"},
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context and page for one test: 1366×768, zh-CN."""
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


_PASTE = """(element, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    element.dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def wait_saved(tab: Page) -> None:
    """Until the page says 已保存: its last change is on disk."""
    tab.wait_for_function("document.getElementById('save-state').textContent === '已保存'")


def paste(target: Locator, text: str) -> None:
    """A paste into `target` of `text` as the clipboard holds it: cells copied from Excel are
    tab-separated, each row ending in \\r\\n. Only the page's paste handler sees it (nothing is
    inserted by the browser), as with a handler that calls preventDefault()."""
    target.focus()
    target.evaluate(_PASTE, text)


def ime_compose(target: Locator, pinyin: str) -> None:
    """Type `pinyin` into `target` as a Chinese input method does, one letter at a time, and
    leave the composition open (candidates shown, nothing chosen): compositionstart, then
    input events with isComposing true. ime_commit() ends it. Chromium only (CDP)."""
    target.focus()
    session = target.page.context.new_cdp_session(target.page)
    try:
        for end in range(1, len(pinyin) + 1):
            session.send(
                "Input.imeSetComposition",
                {"text": pinyin[:end], "selectionStart": end, "selectionEnd": end},
            )
    finally:
        session.detach()


def ime_commit(target: Locator, text: str) -> None:
    """Choose `text` in the open composition: in Chromium a last input event (isComposing
    still true) and then compositionend."""
    session = target.page.context.new_cdp_session(target.page)
    try:
        session.send("Input.insertText", {"text": text})
    finally:
        session.detach()


def advanced_workspace(tmp_path: Path) -> Path:
    """tmp_path/workspace holding a copy of the advanced example (CNC is its id)."""
    root = tmp_path / "workspace"
    shutil.copytree(ADVANCED_EXAMPLE, root / "advanced-cnc")
    return root


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _option(args: tuple[str, ...], name: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.partition("=")[2]
    return None


def _answers(host: str, port: int) -> bool:
    """Whether an HTTP GET / gets an answer, whatever its status (401 without a token too)."""
    connection = http.client.HTTPConnection(host, port, timeout=2)
    try:
        connection.request("GET", "/")
        connection.getresponse().read()
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
    return True


def _tail(log: Path, lines: int = 40) -> str:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


@contextlib.contextmanager
def serve(workspace: Path, *args: str, log: Path | None = None) -> Iterator[str]:
    """`reportgen serve WORKSPACE --port PORT *args` in a subprocess, for the `with` block.

    Yields the base URL (http://127.0.0.1:PORT, or the --host given) once GET / answers,
    within 20 s. On exit it stops the server as Ctrl-C in a terminal does (SIGINT to its
    process group), waits up to 10 s, kills it if it is still running, and fails unless it
    had stopped by itself with 0 or 130, leaving no process of its group behind (LibreOffice
    has a session of its own: tests/conftest.py checks for offices left). Its output goes to
    `log` (default: a temporary file, removed after); a failure, here or in the block, shows
    the log's last lines."""
    port = free_port()
    host = _option(args, "--host") or "127.0.0.1"
    connect = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    base_url = f"http://[{connect}]:{port}" if ":" in connect else f"http://{connect}:{port}"
    command = [sys.executable, "-m", "reportgen", "serve", str(workspace), "--port", str(port)]
    if log is None:
        handle, name = tempfile.mkstemp(prefix="reportgen-serve-", suffix=".log")
        os.close(handle)
        log_path, keep_log = Path(name), False
    else:
        log_path, keep_log = log, True

    with open(log_path, "wb") as output:
        server = subprocess.Popen(
            [*command, *args],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            # its own process group: a Ctrl-C of the person running pytest reaches pytest
            # only, and the SIGINT below reaches the server as a terminal's would
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(connect, port):
            if server.poll() is not None:
                pytest.fail(
                    f"reportgen serve exited with {server.returncode} before answering on "
                    f"{base_url}:\n{_tail(log_path)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"reportgen serve did not answer on {base_url} within "
                    f"{SERVER_START_TIMEOUT:.0f} s:\n{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.05)
        try:
            yield base_url
        except BaseException as error:
            where = f" ({log_path})" if keep_log else ""
            error.add_note(f"reportgen serve's log{where}:\n{_tail(log_path)}")
            raise
    finally:
        code = _stop(server)
        left = _group_left(server.pid)
        tail = _tail(log_path)
        if not keep_log:
            log_path.unlink(missing_ok=True)
    if code is None:
        pytest.fail(
            f"reportgen serve was still running {SERVER_STOP_TIMEOUT:.0f} s after SIGINT "
            f"(killed):\n{tail}",
            pytrace=False,
        )
    if code not in (0, 130):
        pytest.fail(f"reportgen serve exited with {code} after SIGINT:\n{tail}", pytrace=False)
    if left:
        pytest.fail(
            f"a process reportgen serve started outlived it (killed):\n{tail}", pytrace=False
        )


def _stop(server: subprocess.Popen[bytes]) -> int | None:
    """SIGINT to the server's group, then SIGKILL after 10 s: its exit code, None if killed."""
    if server.poll() is None:
        _signal_group(server.pid, signal.SIGINT)
        try:
            server.wait(SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            _signal_group(server.pid, signal.SIGKILL)
            server.wait(SERVER_STOP_TIMEOUT)
            return None
    return server.returncode


def _signal_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # none of the group is left
        os.killpg(group, signum)


def _group_members(group: int) -> list[int]:
    """The live processes of a process group (zombies, already dead, left out)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (comm) state ppid pgrp …: comm may hold spaces and parentheses
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields and fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(stat.parent.name))
    return members


def _group_left(group: int) -> bool:
    """Whether a process of the server's group outlived it; it is killed then."""
    deadline = time.monotonic() + 2  # a child the server stopped may take a moment to go
    while _group_members(group):
        if time.monotonic() > deadline:
            _signal_group(group, signal.SIGKILL)
            return True
        time.sleep(0.05)
    return False


def http_get(base: str, path: str) -> str:
    """The body of GET `path` from the server at `base` (http://host:port), as text."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()


# -- the routes, in-process (no server, no browser)


class Asked:
    def __init__(self, status: int, headers: dict[str, str], body: bytes, chunks: int) -> None:
        self.status, self.headers, self.body, self.chunks_read = status, headers, body, chunks

    def json(self) -> Any:
        import json

        return json.loads(self.body)


def asgi(
    app: Any, method: str, url: str, body: bytes | Iterable[bytes] = b"", **headers: str
) -> Asked:
    """One request to the ASGI app, as uvicorn makes it: the body as the chunks given (a
    generator is read only as far as the app asks), and how many chunks it read."""
    parts: Iterator[bytes] = iter([body] if isinstance(body, bytes) else body)
    read = 0
    answer: dict[str, Any] = {"body": b""}
    where = urlsplit(url)
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": _unquote(where.path), "raw_path": where.path.encode(),
        "query_string": where.query.encode(), "root_path": "", "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "headers": [(b"host", b"testserver")]
        + [(k.replace("_", "-").lower().encode(), v.encode()) for k, v in headers.items()],
    }  # fmt: skip
    pending = next(parts, None)

    async def receive() -> dict[str, Any]:
        nonlocal pending, read
        if pending is None:
            await asyncio.sleep(3600)  # a client that sends no more
        chunk, pending = pending, next(parts, None)
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": pending is not None}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    # a thread of its own: Playwright's sync API leaves an event loop set in this one
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, asyncio.wait_for(app(scope, receive, send), 30)).result()
    return Asked(answer["status"], answer["headers"], answer["body"], read)


def _unquote(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path)


def csrf_of(app: Any) -> dict[str, str]:
    """The header every state-changing request of the app's pages carries."""
    return {"x_csrf_token": app.state.server.csrf}


# -- accounts (reportgen users, the sign-in page)


def add_user(workspace: Path, name: str, password: str, *folders: str) -> None:
    """`reportgen users add NAME --folder F… --password-stdin`, as a script would run it."""
    granted = [arg for folder in folders for arg in ("--folder", folder)]
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "users", "add", name, *granted,
         "--workspace", str(workspace), "--password-stdin"],
        input=password + "\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def sign_in(tab: Page, base: str, name: str, password: str, path: str = "/") -> None:
    """Open `path`, be sent to the sign-in page, sign in there and land on `path`."""
    tab.goto(base + path)
    tab.wait_for_url(lambda url: urlsplit(url).path == "/login")
    tab.get_by_label("用户名").fill(name)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(lambda url: _unquote(urlsplit(url).path) == urlsplit(path).path)
