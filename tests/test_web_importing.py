"""What users have, taken in by the browser (reportgen/web/importing.py, static/figures.js):
last year's Word report book uploaded on the workspace page becomes an application
opened in the editor; the finance office's Excel sheet fills the figures grid, which
is then checked and saved as any edit."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl

from reportgen.source import load
from reportgen.web.app import create_app

from .test_import_word import report  # noqa: F401  (the fixture: a Word report book)
from .web_tools import CNC, advanced_workspace, asgi, csrf_of, serve, wait_saved

WORD_LABEL = "导入申报文件（YAML、JSON）或去年的报告书（Word）"


def test_a_word_report_becomes_an_application_in_the_editor(
    report: Path,  # noqa: F811
    tmp_path: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    workspace = advanced_workspace(tmp_path)
    with serve(workspace, "--no-pdf") as base:
        page.goto(base)
        page.get_by_label(WORD_LABEL).set_input_files(report)
        page.get_by_label("存入文件夹").fill("某某智能装备")
        page.get_by_role("button", name="导入", exact=True).click()
        page.wait_for_url(f"{base}/edit/**")
        page.wait_for_selector("#finding-count:not(:empty)")
        assert page.get_by_label("企业名称").input_value() == "杭州某某智能装备有限公司"
        findings = page.locator("#finding-groups").inner_text()
        assert "report.unplaced" in findings  # the preface is still to be placed
        unplaced = page.get_by_label("导入时未归入小节的内容")  # a Markdown text, to move from
        assert unplaced.evaluate("e => e.tagName") == "TEXTAREA"
        assert "前言" in unplaced.input_value()
    data = load(workspace / "某某智能装备" / "application.yaml").data
    assert "先进性正文" in data["report"]["technology"]["advancement"]["text"]
    assert (workspace / "某某智能装备" / "evidence" / "导入-image1.png").is_file()


def test_a_file_that_is_not_word_leaves_no_folder(tmp_path: Path) -> None:
    workspace = advanced_workspace(tmp_path)
    app = create_app(workspace)
    answer = asgi(app, "POST", "/api/import?file=%E6%8A%A5%E5%91%8A.docx&name=x",
                  b"PK\x03\x04 not a document", **csrf_of(app))  # fmt: skip
    assert answer.status == 422
    said = answer.json()["error"]
    assert "无法导入“报告.docx”" in said and "reportgen-import-" not in said
    assert not (workspace / "x").exists()


def test_the_figures_grid_takes_the_finance_offices_sheet(
    tmp_path: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    workspace = advanced_workspace(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位：元", "2023年", "2024年", "2025年"])
    sheet.append(["营业收入", 480_000_000, 520_000_000, 561_234_500])
    sheet.append(["研发费用", 23_000_000, 25_000_000, 27_000_000])
    xlsx = tmp_path / "财务数据.xlsx"
    book.save(xlsx)
    with serve(workspace, "--no-pdf") as base:
        page.goto(f"{base}/edit/{CNC}")
        page.wait_for_selector("#finding-count:not(:empty)")
        page.get_by_label("从 Excel 导入（如 reportgen init 写的 财务数据.xlsx）").set_input_files(
            xlsx
        )
        page.locator("#figures-said").get_by_text("填入 6 个数").wait_for()
        assert page.locator('[data-path="financials.2.revenue"]').input_value() == "56123.45"
        wait_saved(page)
        # a sheet it cannot read: said in the page, the grid as it was
        bad = tmp_path / "坏的.xlsx"
        broken = openpyxl.Workbook()
        broken.active.append(["指标", 2023, 2024])
        broken.active.append(["营业收入", 1, 2])
        broken.save(bad)
        page.get_by_label("从 Excel 导入（如 reportgen init 写的 财务数据.xlsx）").set_input_files(
            bad
        )
        page.locator("#figures-said").get_by_text("没有找到单位").wait_for()
        assert page.locator('[data-path="financials.2.revenue"]').input_value() == "56123.45"
    rows = load(workspace / CNC).data["financials"]
    assert rows[2]["revenue"] == Decimal("56123.45") and rows[0]["rd_expense"] == Decimal("2300")


def test_figures_only_for_an_application_of_the_workspace(tmp_path: Path) -> None:
    app = create_app(advanced_workspace(tmp_path))
    answer = asgi(app, "POST", "/api/figures/../x/application.yaml", b"x", **csrf_of(app))
    assert answer.status == 404
    unreadable = asgi(app, "POST", f"/api/figures/{CNC}?file=a.xlsx", b"nope", **csrf_of(app))
    assert unreadable.status == 422 and "a.xlsx" in json.loads(unreadable.body)["error"]
