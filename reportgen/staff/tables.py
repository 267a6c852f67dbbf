"""The official forms (附件3, 附件5, the city's merge) as Word and as Excel, from one
description: the same title, lines above, columns, rows, notes in both.

Word: A4 landscape, 附件N in 黑体 at the top left, the title in 方正小标宋简体 2号, the table
in 仿宋_GB2312 小四 with a bold header row repeated on every page. Excel: the same on a
sheet with a frozen header, widths that fit the Chinese text, wrapped cells, borders, and
a print setup (A4 landscape, fit to width, header row repeated).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reportgen import messages
from reportgen.render.names import MAX_NAME_BYTES, inside, name_part
from reportgen.source.files import stable_zip, write_atomic
from reportgen.source.text import display_width, xml_safe

TITLE_FONT, BODY_FONT, LABEL_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"


@dataclass
class Form:
    attachment: str  # "附件5"
    title: str
    columns: list[tuple[str, int]]  # heading, relative width
    rows: list[list[str]]
    above: list[str] = field(default_factory=list)  # 填报单位（盖章）：…
    below: list[str] = field(default_factory=list)  # 填报人：… 联系电话：…
    notes: list[str] = field(default_factory=list)
    draft: bool = False
    # the documents' date (their properties): the day the call opened, so that the same
    # lists give the same bytes on every run
    when: datetime = datetime(2000, 1, 1)


def write_form(form: Form, folder: Path, name: str) -> list[Path]:
    """`name`.docx and `name`.xlsx in `folder`, each written whole or not at all. `name`
    holds what the staff wrote (a county): made safe, and kept inside `folder`."""
    stem = name_part(name, MAX_NAME_BYTES - len(".docx"))
    docx, xlsx = inside(folder, stem + ".docx"), inside(folder, stem + ".xlsx")
    word, excel = _docx(form), _xlsx(form)
    write_atomic(docx, word)
    write_atomic(xlsx, excel)
    return [docx, xlsx]


def _title(form: Form) -> str:
    return messages.text("staff.form.draft", "zh", title=form.title) if form.draft else form.title


# -- Word
def _docx(form: Form) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    _paragraph(document, form.attachment, LABEL_FONT, Pt(16))
    title = _paragraph(document, _title(form), TITLE_FONT, Pt(22))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in form.above:
        _paragraph(document, line, BODY_FONT, Pt(14))
    table = document.add_table(rows=1, cols=len(form.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(w for _, w in form.columns)
    usable = Mm(297 - 50)
    table.autofit = False
    for column, (_, weight) in zip(table.columns, form.columns, strict=True):
        column.width = int(usable * weight / total)  # the grid: what LibreOffice reads
    for cell, (heading, weight) in zip(table.rows[0].cells, form.columns, strict=True):
        cell.width = int(usable * weight / total)
        _cell_text(cell, heading, bold=True)
    _repeat_header(table.rows[0])
    for values in form.rows:
        cells = table.add_row().cells
        for cell, value, (_, weight) in zip(cells, values, form.columns, strict=True):
            cell.width = int(usable * weight / total)
            _cell_text(cell, value)
    for line in form.below:
        _paragraph(document, line, BODY_FONT, Pt(14))
    for note in form.notes:
        _paragraph(document, note, BODY_FONT, Pt(12))
    properties = document.core_properties
    properties.created = properties.modified = form.when
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def _fonts(run: object, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name  # type: ignore[attr-defined]
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(document: Any, text: str, font: str, size: object) -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(xml_safe(text))
    _fonts(run, font)
    run.font.size = size
    return paragraph


def _cell_text(cell: object, text: str, *, bold: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    if bold:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(xml_safe(text))
    _fonts(run, BODY_FONT)
    run.font.size = Pt(12)  # 小四
    run.font.bold = bold


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# -- Excel
def _xlsx(form: Form) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = form.attachment
    width = len(form.columns)
    wrap = Alignment(wrap_text=True, vertical="center")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def line(text: str, font: Font, height: float | None = None) -> None:
        sheet.append([xml_safe(text)])
        row = sheet.max_row
        _as_text(sheet[row])
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row, 1)
        cell.font, cell.alignment = font, Alignment(wrap_text=True, vertical="center")
        if height:
            sheet.row_dimensions[row].height = height

    line(form.attachment, Font(name=LABEL_FONT, size=14))
    line(_title(form), Font(name=TITLE_FONT, size=18), 36)
    sheet.cell(sheet.max_row, 1).alignment = Alignment(horizontal="center", vertical="center")
    for text in form.above:
        line(text, Font(name=BODY_FONT, size=12))
    sheet.append([heading for heading, _ in form.columns])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(name=BODY_FONT, size=12, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="EDEDED")
    for values in form.rows:
        sheet.append([xml_safe(v) for v in values])
        _as_text(sheet[sheet.max_row])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.alignment, cell.border = Font(name=BODY_FONT, size=12), wrap, border
    for text in form.below:
        line(text, Font(name=BODY_FONT, size=12))
    for text in form.notes:
        line(text, Font(name=BODY_FONT, size=11), 15 * (1 + display_width(text) // 150))
    for index, (heading, _) in enumerate(form.columns, start=1):
        longest = max([display_width(heading)] + [display_width(r[index - 1]) for r in form.rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 6), 40)
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = form.when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # Workbook.save would stamp the time of saving
    return stable_zip(buffer.getvalue())


def _as_text(row: tuple[object, ...]) -> None:
    """A user's "=…" stays text: openpyxl would store it as a formula."""
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith("="):  # type: ignore[attr-defined]
            cell.data_type = "s"  # type: ignore[attr-defined]
