"""The browser tests' groundwork: Playwright drives Debian's chromium, headless, as root too."""

from __future__ import annotations

import hashlib
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .web_tools import (
    VIEWPORT,
    chromium_path,
    free_port,
    ime_commit,
    ime_compose,
    paste,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed: run scripts/setup.sh"
)
expect = sync_api.expect

STATIC = Path(__file__).resolve().parent.parent / "reportgen" / "web" / "static"

FORM = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>申报材料</title>
<style>body { font-family: "Noto Sans CJK SC", sans-serif; }</style></head>
<body>
  <h1>浙江制造精品申报</h1>
  <label for="enterprise">企业名称</label>
  <input id="enterprise" name="enterprise">
  <p id="echo"></p>
  <script>
    document.getElementById("enterprise").addEventListener("input", (event) => {
      document.getElementById("echo").textContent = event.target.value;
    });
  </script>
</body></html>"""


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chromium_is_debians(browser: Browser) -> None:
    assert chromium_path() == "/usr/bin/chromium"
    assert int(browser.version.split(".")[0]) >= 120, browser.version


def test_marked_browser(request: pytest.FixtureRequest, page: Page) -> None:
    assert request.node.get_closest_marker("browser") is not None


def test_fill_by_label_and_screenshot(page: Page, tmp_path: Path) -> None:
    page.set_content(FORM)
    expect(page).to_have_title("申报材料")
    assert page.evaluate("navigator.language") == "zh-CN"

    field = page.get_by_label("企业名称")
    field.fill("杭州某某数控机床股份有限公司")
    expect(field).to_have_value("杭州某某数控机床股份有限公司")
    # the page's own script saw the input events
    expect(page.locator("#echo")).to_have_text("杭州某某数控机床股份有限公司")

    shot = tmp_path / "form.png"
    page.screenshot(path=shot)
    assert png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"])


EVENTS = """<!doctype html><meta charset="utf-8">
<label for="name">企业名称</label><input id="name">
<script>
  window.events = [];
  const field = document.getElementById("name");
  for (const type of ["compositionstart", "compositionend", "input"]) {
    field.addEventListener(type, (e) => events.push([type, e.isComposing ?? null, field.value]));
  }
  field.addEventListener("paste", (e) => {
    e.preventDefault();
    events.push(["paste", null, e.clipboardData.getData("text/plain")]);
  });
</script>"""


def test_ime_composition(page: Page) -> None:
    """What the live checks must wait out: a Chinese input method's composition."""
    page.set_content(EVENTS)
    field = page.get_by_label("企业名称")
    ime_compose(field, "hangzhou")
    expect(field).to_have_value("hangzhou")  # the pinyin is the field's value meanwhile
    events = page.evaluate("events")
    assert events[0] == ["compositionstart", None, ""]
    assert events[1:] == [["input", True, "hangzhou"[:n]] for n in range(1, 9)]

    ime_commit(field, "杭州")
    expect(field).to_have_value("杭州")
    # Chromium's order: the committing input still says isComposing, compositionend follows
    assert page.evaluate("events")[-2:] == [
        ["input", True, "杭州"],
        ["compositionend", None, "杭州"],
    ]


def test_paste_of_excel_cells(page: Page) -> None:
    page.set_content(EVENTS)
    cells = "2022\t2023\t2024\r\n12000\t15000\t18000\r\n"
    paste(page.get_by_label("企业名称"), cells)
    assert page.evaluate("events") == [["paste", None, cells]]
    expect(page.get_by_label("企业名称")).to_have_value("")  # the handler took it


def test_vendored_htmx_swaps_a_partial(page: Page) -> None:
    """The vendored htmx runs in Debian's chromium: a custom event (as the live checks' script
    sends) makes a GET whose HTML fragment is swapped in. The requests never leave the
    browser (page.route answers them), on a loopback address all the same."""
    origin = f"http://127.0.0.1:{free_port()}"
    script = (STATIC / "htmx.min.js").read_text("utf-8")
    html = """<!doctype html><meta charset="utf-8"><script src="/static/htmx.min.js"></script>
    <input id="name" name="name" hx-get="/check" hx-trigger="reportgen:check"
           hx-target="#findings">
    <div id="findings"></div>"""
    asked = []

    def answer(route: Route) -> None:
        url = route.request.url
        asked.append(url.removeprefix(origin))
        if url.endswith("/static/htmx.min.js"):
            route.fulfill(body=script, content_type="text/javascript")
        elif "/check?" in url:
            route.fulfill(body="<p class=finding>上市时间 &lt;晚于&gt; 申报窗口</p>")
        else:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(f"{origin}/**", answer)
    page.goto(origin + "/")
    page.locator("#name").fill("杭州")
    page.locator("#name").dispatch_event("reportgen:check")
    expect(page.locator(".finding")).to_have_text("上市时间 <晚于> 申报窗口")
    assert asked == ["/", "/static/htmx.min.js", "/check?name=%E6%9D%AD%E5%B7%9E"]


def test_vendored_htmx_is_the_one_listed() -> None:
    """The served htmx is the file VENDORED.md names (version, sha256), with its license."""
    listed = (STATIC / "VENDORED.md").read_text("utf-8")
    script = (STATIC / "htmx.min.js").read_bytes()
    version = re.search(r'version:"([0-9.]+)"', script.decode()).group(1)
    assert f"`htmx.org@{version}`" in listed
    assert f"`{hashlib.sha256(script).hexdigest()}`" in listed
    assert "Zero-Clause BSD" in (STATIC / "htmx.LICENSE.txt").read_text("utf-8")
