"""The sheet `reportgen init` writes for the finance office (财务数据.xlsx): the layout
figures.py reads back."""

from __future__ import annotations

import io

from reportgen.importing.figures import AMOUNTS, LABELS, PERCENT, SHARES

FIGURES_SHEET = "财务数据.xlsx"


def figures_sheet(years: list[int]) -> bytes:
    """The sheet `reportgen init` writes for the finance office: the indicators by their
    names, the call's years as columns, the units said; read back by read_figures."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "经济指标"
    sheet.append(["近三年经济指标（金额单位：万元；市场占有率：%）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(years) + 1)
    sheet.append(["指标", *(f"{year}年" for year in years)])
    for key in (*AMOUNTS, *SHARES):
        unit = PERCENT if key in SHARES else "万元"
        sheet.append([f"{LABELS[key][0]}（{unit}）"])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["A"].width = 28
    for column in range(2, len(years) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
