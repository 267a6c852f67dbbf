"""Excel → financials (reportgen/importing/figures.py): sheets made here with openpyxl as
finance offices make them — years as columns or as rows, 元 or 万元, merged headings, a
formula, blank rows — read to the cent, each value with its cell; what cannot be read
for certain refused with the cells named."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reportgen.importing.figures import FiguresUnreadable, read_figures
from reportgen.source import load

YEARS = (2023, 2024, 2025)


def _save(book: openpyxl.Workbook, tmp_path: Path, name: str = "财务数据.xlsx") -> Path:
    path = tmp_path / name
    book.save(path)
    return path


def test_years_as_columns_in_yuan_with_a_merged_title_and_blank_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "经济指标"
    sheet["A1"] = "杭州某某有限公司近三年经济指标"
    sheet.merge_cells("A1:E1")
    sheet["E2"] = "单位：元"
    sheet.append(["序号", "指标", *(f"{y}年" for y in YEARS)])
    sheet.append(["1", "产品销售收入", 52_000_000, 61_234_567.89, 70_000_000.5])
    sheet.append([])  # a blank row in the middle
    sheet.append(["2", "营业总收入", 480_000_000, 500_000_000, 520_000_000])
    sheet.append(["3", "其中：主营业务收入", 465_000_000, 480_000_000, 500_000_000])
    sheet.append(["4", "利润总额", -1_200_000, 3_000_000, 5_100_000])
    sheet.append(["5", "研发费用（万元）", 2300, 2500.5, 2800])  # its own unit wins
    sheet.append(["6", "国内市场占有率（%）", 8.5, 9, 9.25])
    sheet.append(["7", "净资产", 1, 2, 3])  # not an indicator of the call: named, unused
    read = read_figures(_save(book, tmp_path))
    rows = {row["year"]: row for row in read.rows()}
    assert sorted(rows) == list(YEARS)
    assert rows[2024]["product_sales"] == Decimal("6123.456789")  # 元 → 万元, to the cent
    assert rows[2025]["product_sales"] == Decimal("7000.00005")
    assert rows[2023]["revenue"] == Decimal("48000")
    assert rows[2023]["main_business_revenue"] == Decimal("46500")
    assert rows[2023]["total_profit"] == Decimal("-120")
    assert rows[2024]["rd_expense"] == Decimal("2500.5")
    assert rows[2025]["market_share_domestic"] == Decimal("9.25")
    cells = {(f.field, f.year): f.cell for f in read.figures}
    assert cells[("product_sales", 2023)] == "经济指标!C4"
    assert cells[("rd_expense", 2025)] == "经济指标!E9"
    assert read.unknown == ["经济指标!B11 净资产"]


def test_years_as_rows_with_merged_headings_a_formula_and_percent_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "年度"
    sheet.merge_cells("A1:A2")
    sheet["B1"] = "产品（万元）"
    sheet.merge_cells("B1:D1")
    sheet["B2"], sheet["C2"], sheet["D2"] = "产品销售收入", "产品利润", "产品税收"
    sheet["E1"] = "营业收入（万元）"
    sheet.merge_cells("E1:E2")
    sheet["F1"] = "研发投入（千元）"
    sheet["G1"] = "国际市场占有率"
    for i, year in enumerate(YEARS):
        row = 3 + i
        sheet.cell(row, 1, f"{year}年度")
        sheet.cell(row, 2, 5200 + i * 100)
        sheet.cell(row, 3, 780.25)
        sheet.cell(row, 4, 310)
        sheet.cell(row, 5, 48000)
        sheet.cell(row, 6, 23_001)
        share = sheet.cell(row, 7, 0.012)
        share.number_format = "0.0%"  # shown 1.2 %
    sheet["E5"] = "=E3+2000"  # its cached value is what Excel shows
    path = _save(book, tmp_path)
    _cache(path, "E5", 50000)
    rows = {row["year"]: row for row in read_figures(path).rows()}
    assert rows[2024]["product_sales"] == Decimal("5300")
    assert rows[2023]["product_profit"] == Decimal("780.25")
    assert rows[2025]["revenue"] == Decimal("50000")
    assert rows[2023]["rd_expense"] == Decimal("2300.1")  # 千元 → 万元
    assert rows[2023]["market_share_international"] == Decimal("1.2")


def _cache(path: Path, cell: str, value: int) -> None:
    """Give a formula cell the result Excel would have saved with it (openpyxl saves none)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, count = re.subn(
        rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(<v></v>|<v/>)?', rf"\1<f>\2</f><v>{value}</v>", sheet
    )
    assert count == 1, sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ([["指标", 2023, 2024], ["营业收入", 100, 200]], "没有找到单位"),
        ([["指标（万元）", 2023, 2024], ["营业收入", "约一百", 200]], "B2 的“约一百”不是数"),
        ([["指标（万元）", 2023, 2024], ["产品利润总额", 1, 2]], "A2“产品利润总额”可能是两个指标"),
        (
            [["万元", 2023, 2024], ["营业收入", 1, 2], ["营业总收入", 3, 4]],
            "有两个值（Sheet!B2 和 Sheet!B3）",
        ),
        ([["指标", 2023, 2024], ["国内市场占有率（万元）", 1, 2]], "单位却是 万元"),
        ([["no years here"], ["营业收入", 1]], "没有找到年度表头"),
    ],
)
def test_what_cannot_be_read_for_certain_is_refused(
    tmp_path: Path, rows: list[list[object]], said: str
) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    with pytest.raises(FiguresUnreadable) as refused:
        read_figures(_save(book, tmp_path))
    assert said in refused.value.message()


def test_a_formula_never_calculated_is_refused_by_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位：万元", 2023, 2024])
    sheet.append(["营业收入", 100, "=B2*2"])  # openpyxl saves no result: none to read
    with pytest.raises(FiguresUnreadable) as refused:
        read_figures(_save(book, tmp_path))
    assert "Sheet!C2 是公式但没有保存计算结果" in refused.value.message()


def test_not_an_excel_file(tmp_path: Path) -> None:
    from reportgen.errors import InputError

    path = tmp_path / "财务数据.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError) as refused:
        read_figures(path)
    assert refused.value.code == "figures_not_xlsx"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_init_writes_the_sheet_and_import_fills_the_figures_keeping_the_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "我的申报"
    assert _run("init", str(folder)).returncode == 0
    sheet_file = folder / "财务数据.xlsx"
    book = openpyxl.load_workbook(sheet_file)
    sheet = book.active
    assert [c.value for c in sheet[2]] == ["指标", "2023年", "2024年", "2025年"]
    for row in sheet.iter_rows(min_row=3):  # the finance office fills it in
        for i, cell in enumerate(row[1:]):
            cell.value = 1000 + i if "%" not in str(row[0].value) else 3.5 + i
    book.save(sheet_file)
    application = folder / "application.yaml"
    before = application.read_text("utf-8")
    run = _run("import", str(sheet_file), "--into", str(application))
    assert run.returncode == 0, run.stderr
    assert (
        "产品销售收入（万元） 2024：1001（经济指标!C3“产品销售收入（万元）”，万元）" in run.stdout
    )
    after = application.read_text("utf-8")
    assert "# 必须恰好是 2023、2024、2025 三年" in after  # the file's comments stay
    assert before.splitlines()[:20] == after.splitlines()[:20]
    rows = load(application).data["financials"]
    assert [r["year"] for r in rows] == list(YEARS)
    assert rows[2]["rd_expense"] == Decimal("1002")
    assert rows[0]["market_share_international"] == Decimal("3.5")


def test_a_refused_sheet_leaves_the_application_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "我的申报"
    assert _run("init", str(folder)).returncode == 0
    book = openpyxl.Workbook()
    book.active.append(["指标", 2023, 2024])
    book.active.append(["营业收入", 100, "约二百"])
    bad = _save(book, tmp_path, "坏的.xlsx")
    application = folder / "application.yaml"
    before = application.read_bytes()
    run = _run("import", str(bad), "--into", str(application))
    assert run.returncode == 1
    assert (
        "Sheet!C2 的“约二百”不是数" in run.stderr
        and "Sheet!B2 是金额，但没有找到单位" in run.stderr
    )
    assert "Traceback" not in run.stderr
    assert application.read_bytes() == before
