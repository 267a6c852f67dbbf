"""The browser tests' groundwork: Playwright drives Debian's chromium, headless, as root too."""

from __future__ import annotations

import hashlib
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .web_tools import VIEWPORT, browser, chromium_path, page  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed: run scripts/setup.sh"
)
expect = sync_api.expect

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


def test_chromium_is_debians(browser: Browser) -> None:  # noqa: F811
    assert chromium_path() == "/usr/bin/chromium"
    assert int(browser.version.split(".")[0]) >= 120, browser.version


def test_marked_browser(request: pytest.FixtureRequest, page: Page) -> None:  # noqa: F811
    assert request.node.get_closest_marker("browser") is not None


def test_fill_by_label_and_screenshot(page: Page, tmp_path: Path) -> None:  # noqa: F811
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


def test_vendored_htmx_is_the_one_listed() -> None:
    """The served htmx is the file VENDORED.md names (version, sha256), with its license."""
    static = Path(__file__).resolve().parent.parent / "reportgen" / "web" / "static"
    listed = (static / "VENDORED.md").read_text("utf-8")
    script = (static / "htmx.min.js").read_bytes()
    version = re.search(r'version:"([0-9.]+)"', script.decode()).group(1)
    assert f"`htmx.org@{version}`" in listed
    assert f"`{hashlib.sha256(script).hexdigest()}`" in listed
    assert "Zero-Clause BSD" in (static / "htmx.LICENSE.txt").read_text("utf-8")
