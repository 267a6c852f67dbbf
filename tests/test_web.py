"""reportgen serve in a real browser: Debian's chromium through Playwright, a real server.

Each test starts `reportgen serve` on a free port over a workspace of its own and does
what a clerk does: create, fill by label, see the call's checks at the field, paste from
Excel, reload, render and download, and try what a stranger would."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from reportgen.source import load
from reportgen.web.drawing import page_count

from .conftest import ADVANCED
from .web_tools import CNC, advanced_workspace, http_get, paste, serve, wait_saved

pytestmark = pytest.mark.office  # the server keeps a warm LibreOffice pool


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return advanced_workspace(tmp_path)


def _editor(tab, base: str, id: str = CNC) -> None:  # type: ignore[no-untyped-def]
    tab.goto(f"{base}/edit/{id}")
    tab.wait_for_selector("#finding-count:not(:empty)")  # the first check has answered


def test_create_fill_by_label_and_see_the_launch_window_at_its_field(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    with serve(workspace, "--no-pdf") as base:
        page.goto(base)
        page.get_by_label("新建申报（文件夹名）").fill("新客户")
        page.get_by_role("button", name="新建").click()
        page.wait_for_url(f"{base}/edit/%E6%96%B0%E5%AE%A2%E6%88%B7/application.yaml")
        page.wait_for_selector("#finding-count:not(:empty)")
        assert (workspace / "新客户" / "application.yaml").is_file()
        page.get_by_label("企业名称").fill("杭州新客户科技有限公司")
        launch = page.get_by_label("上市时间")
        start = time.monotonic()
        launch.fill("2022-12-31")
        box = page.locator('[data-problems="product.launch_date"]')
        box.locator(".problem").wait_for(timeout=2000)
        assert time.monotonic() - start < 2
        assert "2022-12-31" in box.inner_text() and "附件2 二、4" in box.inner_text()
        launch.fill("2023-09-01")
        page.wait_for_function(
            "document.querySelector('[data-problems=\"product.launch_date\"]').textContent === ''",
            timeout=2000,
        )
        wait_saved(page)
        # a row removed from the starter's evidence list takes the notes inside it: said once
        notice = page.get_by_role("alert").filter(has_text="条注释没有保留")
        assert not notice.is_visible()
        last_row = page.locator('[data-rows="evidence"] .row').last
        last_row.get_by_role("button", name="删除此行").click()
        notice.wait_for()
        assert "application.yaml.bak" in notice.inner_text()
        notice.get_by_role("button", name="知道了").click()
        assert not notice.is_visible()
        wait_saved(page)
    data = load(workspace / "新客户" / "application.yaml").data
    assert data["enterprise"]["name"] == "杭州新客户科技有限公司"
    assert str(data["product"]["launch_date"]) == "2023-09-01"


def test_an_excel_block_fills_the_figures_and_iswait_saved(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    # five indicators (sales, profit, tax, revenue, main business revenue) × three years,
    # as the finance office's sheet has them: a line per indicator, a column per year
    block = "\r\n".join(
        "\t".join(f"{1000 * (year + 1) + indicator}.50" for year in range(3))
        for indicator in range(5)
    )
    with serve(workspace, "--no-pdf") as base:
        _editor(page, base)
        first_sales = page.get_by_label("产品销售收入（第 1 年）")
        paste(first_sales, block + "\r\n")
        # the live figures: (1000.50 + 2000.50 + 3000.50) / 3, then the save after the check
        page.wait_for_function(
            "document.getElementById('live-figures').textContent.includes('2,000.50')",
            timeout=3000,
        )
        wait_saved(page)
        page.reload()
        page.wait_for_selector("#finding-count:not(:empty)")
        assert page.get_by_label("企业营业收入（第 3 年）").input_value() == "3003.50"
    rows = load(workspace / CNC).data["financials"]
    assert [str(r["product_sales"]) for r in rows] == ["1000.50", "2000.50", "3000.50"]
    assert str(rows[1]["product_tax"]) == "2002.50"  # the third line: sales, profit, tax
    assert [r["year"] for r in rows] == [2023, 2024, 2025]  # the years row untouched
    # a comparison's value, a number or a text, stays a number when it was one
    comparison = load(workspace / CNC).data["report"]["technology"]["advancement"]["comparisons"][0]
    assert isinstance(comparison["ours"], Decimal) and str(comparison["ours"]) == "0.005"
    assert (workspace / "advanced-cnc" / "application.yaml.bak").is_file()


def test_user_text_is_shown_literally(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    hostile = "<script>alert(1)</script> & {{ 7*7 }}"
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    with serve(workspace, "--no-pdf") as base:
        _editor(page, base)
        text = page.get_by_label("正文", exact=True).first
        text.fill(hostile)
        wait_saved(page)
        assert hostile in page.locator(".preview").first.inner_text()
        page.get_by_label("企业名称").fill(hostile)
        wait_saved(page)
        page.goto(base)
        assert hostile in page.locator("table.applications").inner_text()
        _editor(page, base)
        assert page.get_by_label("企业名称").input_value() == hostile
    assert alerts == []


def test_two_tabs_do_not_overwrite_each_other(
    workspace: Path,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    context = browser.new_context(locale="zh-CN")
    first, second = context.new_page(), context.new_page()
    try:
        with serve(workspace, "--no-pdf") as base:
            _editor(first, base)
            _editor(second, base)  # both loaded the same version
            first.get_by_label("法定代表人").fill("王一")
            wait_saved(first)
            second.get_by_label("法定代表人").fill("王二")
            second.locator("#notice").wait_for(state="visible", timeout=3000)
            assert "已在别处修改" in second.locator("#notice").inner_text()
            assert second.get_by_role("button", name="重新载入").is_visible()
    finally:
        context.close()
    assert load(workspace / CNC).data["enterprise"]["legal_representative"] == "王一"


def _request(base: str, method: str, path: str, **headers: str) -> int:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_traversal_and_cross_site_requests_are_refused(workspace: Path) -> None:
    (workspace / "secret.yaml").write_text("format_version: 1\n", "utf-8")
    outside = workspace.parent / "outside"
    outside.mkdir()
    shutil.copy(ADVANCED, outside / "application.yaml")
    (workspace / "link").symlink_to(outside)
    with serve(workspace, "--no-pdf") as base:
        for path in (
            "/edit/../outside/application.yaml",
            "/edit/%2e%2e/outside/application.yaml",
            "/edit/advanced-cnc%2F..%2F..%2Foutside/application.yaml",
            "/edit//etc/passwd",
            "/edit/link/application.yaml",  # a symlink out of the workspace
            "/edit/secret.yaml",  # a file that is not an application
            "/files/advanced-cnc/application.yaml?name=../application.yaml",
        ):
            assert _request(base, "GET", path) == 404, path
        assert _request(base, "POST", f"/api/save/{CNC}") == 403  # no CSRF token
        page_html = http_get(base, f"/edit/{CNC}")
        token = page_html.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        evil = {"X-CSRF-Token": token, "Origin": "http://evil.example"}
        assert _request(base, "POST", f"/api/check/{CNC}", **evil) == 403
        same = {"X-CSRF-Token": token, "Content-Type": "application/json"}
        assert _request(base, "POST", f"/api/check/{CNC}", **same) == 200


# what the documents area said while the render went: each step's line as it showed
RECORD_STEPS = """
window.__steps = [];
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("documents");
  new MutationObserver(() => {
    const step = box.querySelector(".step");
    if (step && window.__steps.at(-1) !== step.textContent) window.__steps.push(step.textContent);
  }).observe(box, {subtree: true, childList: true, characterData: true});
});
"""


def test_render_shows_its_steps_offers_word_and_pdf_and_previews_the_pages(
    workspace: Path,
    tmp_path: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    page.add_init_script(RECORD_STEPS)
    with serve(workspace) as base:
        _editor(page, base)
        page.get_by_role("button", name="生成文档").click()
        page.locator("#documents a[download$='.pdf']").first.wait_for(timeout=60000)
        steps = page.evaluate("window.__steps")
        assert steps[0] == "第 1 步，共 3 步：检查申报材料…", steps
        assert steps[-1] == "第 3 步，共 3 步：转换为 PDF…", steps
        downloaded = {}
        for name in ("浙江制造精品报告书.docx", "浙江制造精品报告书.pdf"):
            with page.expect_download() as info:
                page.locator(f"#documents a[download$='{name}']").click()
            target = tmp_path / name
            info.value.save_as(target)
            downloaded[name] = target
        pdf = downloaded["浙江制造精品报告书.pdf"]
        # the preview: every page of the book a picture in a dialog, drawn as it scrolls in
        pages = page_count(pdf)
        page.get_by_role("button", name=f"预览（{pages} 页）").click()
        dialog = page.get_by_role("dialog")
        first = dialog.get_by_role("img", name="第 1 页")
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=first.element_handle())
        assert dialog.get_by_role("img").count() == pages
        assert first.evaluate("i => i.naturalHeight") == 1100  # A4 upright at PAGE_PIXELS
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        # a new visit finds the documents of the last render
        page.reload()
        page.locator("#documents a[download$='.pdf']").first.wait_for()
        assert "上次生成" in page.locator("#documents").inner_text()
    book = Document(str(downloaded["浙江制造精品报告书.docx"]))
    assert any("高精度五轴联动数控加工中心" in p.text for p in book.paragraphs)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "高精度五轴联动数控加工中心" in text
    manifest = json.loads((workspace / "advanced-cnc" / "out" / "manifest.json").read_text())
    assert {o["format"] for o in manifest["outputs"]} >= {"docx", "pdf"}


def test_a_busy_port_is_said_in_one_line(workspace: Path) -> None:
    import socket
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "reportgen", "serve", str(workspace), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1, result.stderr
    assert f"端口 {port} 已被占用" in result.stderr and "Traceback" not in result.stderr


def test_off_localhost_every_request_needs_the_token(workspace: Path) -> None:
    with serve(workspace, "--host", "0.0.0.0", "--token", "s3cret", "--no-pdf") as base:
        assert _request(base, "GET", "/") == 403
        assert _request(base, "GET", f"/edit/{CNC}") == 403
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", "/?token=s3cret")
        answer = connection.getresponse()
        cookie = answer.getheader("set-cookie", "").split(";", 1)[0]
        connection.close()
        assert answer.status == 303 and cookie.startswith("reportgen_token=")
        assert _request(base, "GET", "/", Cookie=cookie) == 200
        assert _request(base, "GET", "/?token=wrong") == 403
