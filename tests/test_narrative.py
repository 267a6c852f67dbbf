"""The narratives' Markdown in the report book: tables, lists, emphasis, read back."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from reportgen.render import render

from .conftest import check_data, example_data
from .docx_tools import SIDES, grid_lines


def _book(tmp_path: Path, texts: dict[tuple[str, str], str]) -> Document:
    data = example_data()
    for (part, section), text in texts.items():
        data["report"][part][section]["text"] += "\n\n" + text
    outputs = render(check_data(data), tmp_path)
    book = next(o.path for o in outputs if o.kind == "report_book")
    return Document(str(book))


def _cells(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_pipe_tables_in_several_subsections(tmp_path: Path) -> None:
    document = _book(
        tmp_path,
        {
            ("technology", "advancement"): "| 指标 | 数值 |\n|---|---|\n| 定位精度 | 0.005 mm |\n",
            ("quality", "reliability"): (
                "| 试验 | 时长 | 结论 |\n|:--|--:|:-:|\n| 空运转 | 72 h | 通过 |\n"
                "| 加速寿命 | 500 h | 通过 |\n"
            ),
            ("brand", "reputation"): "| 客户 | 评价 |\n|---|---|\n| A&B <公司> | {{ 满意 }} |\n",
        },
    )
    tables = [_cells(t) for t in document.tables]
    assert [["指标", "数值"], ["定位精度", "0.005 mm"]] in tables
    trials = [["试验", "时长", "结论"], ["空运转", "72 h", "通过"], ["加速寿命", "500 h", "通过"]]
    assert trials in tables
    assert [["客户", "评价"], ["A&B <公司>", "{{ 满意 }}"]] in tables
    for table in document.tables:
        grid = table._tbl.tblGrid
        assert grid is not None and len(grid.gridCol_lst) == len(table.columns)
    piped = [t for t in document.tables if _cells(t)[0] in (["指标", "数值"], ["客户", "评价"])]
    assert len(piped) == 2
    for table in piped:  # ruled like the template's tables, in any template: no table style
        assert grid_lines(table) == dict.fromkeys(SIDES, ("single", "4"))
