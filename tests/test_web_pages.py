"""The pages of reportgen serve as people see them: in their language, and in the README.

- The language: Chinese by default; `?lang=en` (kept in a cookie) or REPORTGEN_LANG make
  the headings, buttons, messages and the live check's findings English. The fields'
  labels stay the model's Chinese titles (there are no English ones).
- The README's screenshots are made here, at the 1366×768 the pages are laid out for:
  into docs/images/ with REPORTGEN_SCREENSHOTS=1, into a temporary folder otherwise (so a
  test run never rewrites the checkout, and the pictures are still made every time)."""

from __future__ import annotations

import os
import re
import shutil
import struct
from pathlib import Path
from urllib.parse import quote

import pytest

from reportgen.messages import text

from .conftest import EXAMPLES, ROOT
from .web_tools import VIEWPORT, http_get, serve, wait_saved

CNC = "advanced-cnc/application.yaml"
CJK = re.compile(r"[\u3400-\u9fff]")
SCREENSHOTS_VARIABLE = "REPORTGEN_SCREENSHOTS"
IMAGES = ROOT / "docs" / "images"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The three examples and one with an error (launched before the call's window), in
    a folder named as a clerk would name it."""
    root = tmp_path / "我的申报"
    for name in ("advanced-cnc", "consumer-tea", "digital-vision"):
        shutil.copytree(EXAMPLES / name, root / name)
    early = root / "绍兴某某纺织-待修改"
    shutil.copytree(EXAMPLES / "invalid" / "evidence", early / "evidence")
    shutil.copy(EXAMPLES / "invalid" / "launch-too-early.yaml", early / "application.yaml")
    return root


def _editor(tab, url: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(url)
    tab.wait_for_selector("#finding-count:not(:empty)")  # the first check has answered


def test_the_pages_speak_english_on_request(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    with serve(workspace, "--no-pdf") as base:
        _editor(page, f"{base}/edit/{CNC}?lang=en")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("button", name=text("web.render", "en")).is_visible()
        assert page.locator("aside.findings h2").inner_text().startswith(text("web.findings", "en"))
        # the labels are the model's Chinese titles, in English pages too
        page.get_by_label("上市时间").fill("2022-12-31")
        box = page.locator('[data-problems="product.launch_date"]')
        box.locator(".problem").wait_for(timeout=2000)
        message = box.inner_text()
        assert "2022-12-31" in message and "annex 2, II.4" in message
        assert not CJK.search(message), message
        panel = page.locator("#finding-groups li").first.inner_text()
        assert "2022-12-31" in panel and not CJK.search(panel), panel
        page.wait_for_function(
            f"document.getElementById('save-state').textContent === {text('web.js.saved', 'en')!r}"
        )
        # the cookie keeps the language: the workspace page, asked without ?lang=
        page.goto(base)
        assert page.locator("h1").inner_text() == text("web.workspace", "en")
        assert page.get_by_role("button", name=text("web.new", "en"), exact=True).is_visible()
        # and ?lang=zh goes back, for the pages after it too
        page.goto(f"{base}/?lang=zh")
        page.goto(f"{base}/edit/{CNC}")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert page.get_by_role("button", name=text("web.render", "zh")).is_visible()


def test_reportgen_lang_sets_the_servers_language(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_LANG", "en")  # the server inherits it
    with serve(workspace, "--no-pdf") as base:
        assert f"<h1>{text('web.workspace', 'en')}</h1>" in http_get(base, "/")
        assert f"<h1>{text('web.workspace', 'zh')}</h1>" in http_get(base, "/?lang=zh")
        missing = http_get(base, "/edit/nothing/application.yaml")
        assert text("web.not_found", "en") in missing


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])  # IHDR, the first chunk
    return width, height


@pytest.mark.office  # the documents' picture shows the .pdf too: the server's pool
def test_the_readmes_screenshots(
    workspace: Path,
    tmp_path: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    folder = IMAGES if os.environ.get(SCREENSHOTS_VARIABLE) == "1" else tmp_path / "images"
    folder.mkdir(parents=True, exist_ok=True)
    names = ("workspace", "editor", "documents", "preview")
    shots = {name: folder / f"web-{name}.png" for name in names}
    with serve(workspace) as base:
        page.goto(base)
        page.locator("table.applications tbody tr").nth(3).wait_for()
        page.screenshot(path=shots["workspace"])

        _editor(page, f"{base}/edit/{CNC}")
        launch = page.get_by_label("上市时间")
        launch.fill("2022-12-31")
        box = page.locator('[data-problems="product.launch_date"]')
        box.locator(".problem").wait_for(timeout=2000)
        # the field and its message in the middle of the screen, no caret or selection in it
        launch.evaluate("e => { e.scrollIntoView({block: 'center'}); e.blur(); }")
        wait_saved(page)
        page.screenshot(path=shots["editor"])

        launch.fill("2023-09-01")  # no errors: no draft to confirm, the documents are final
        page.wait_for_function("document.getElementById('finding-count').dataset.errors === '0'")
        page.evaluate("window.scrollTo(0, 0)")
        page.get_by_role("button", name="生成文档").click()
        # the pool's offices start with this first render: seconds as a rule, but 43 s once
        # on a cold machine and over 60 s twice while other test sessions ran beside it
        page.locator("#documents a[download$='.pdf']").first.wait_for(timeout=180_000)
        page.screenshot(path=shots["documents"])
        page.locator("#documents button").first.click()  # the report book's pages
        first = page.get_by_role("dialog").get_by_role("img").first
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=first.element_handle())
        page.screenshot(path=shots["preview"])
    for shot in shots.values():
        assert _png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"]), shot


def test_offline_and_by_keyboard(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    """Nothing is fetched from anywhere but the server (no CDN: the pages work offline),
    and a clerk without a mouse reaches a finding's field and types a date in Chinese
    order (年/月/日, chromium in zh-CN as tests/web_tools launches it)."""
    with serve(workspace, "--no-pdf") as base:
        elsewhere: list[str] = []

        def only_ours(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith(base + "/"):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        page.route("**/*", only_ours)
        page.goto(base)
        page.locator("table.applications tbody tr").nth(3).wait_for()
        _editor(page, f"{base}/edit/{quote('绍兴某某纺织-待修改')}/application.yaml")
        # the launch-window finding in the panel, by keyboard: its field gets the focus
        finding = page.locator("#finding-groups a").filter(has_text="上市时间")
        finding.focus()
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.dataset.path")
        assert focused == "product.launch_date"
        # year, month, day: the date box's order in zh-CN (a year may have up to six
        # digits, so the box moves on from it on ArrowRight; month and day on their own)
        page.keyboard.type("2023")
        page.keyboard.press("ArrowRight")
        page.keyboard.type("0901")
        assert page.get_by_label("上市时间").input_value() == "2023-09-01"
        page.keyboard.press("Tab")  # leaving the field checks at once
        page.wait_for_function(
            "document.querySelector('[data-problems=\"product.launch_date\"]').textContent === ''"
        )
    assert elsewhere == []
