"""The pieces the templates are made of: headings, narratives, generated sentences,
captioned tables that repeat a row per item, charts. Jinja tags are docxtpl's."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from house_style import TEXT_WIDTH_MM

from reportgen.render.ooxml import GRID_LINES, child


def heading(doc, text: str, level: int) -> None:
    doc.add_paragraph(text, style=f"Heading {level}")


def body(doc, text: str) -> None:
    doc.add_paragraph(text, style="Body Text")


def narrative(doc, key: str) -> None:
    """The Markdown of one subsection, inserted as paragraphs by `{{p …}}`."""
    doc.add_paragraph(f"{{{{p text.{key} }}}}", style="Body Text")


def generated(doc, key: str) -> None:
    """The sentences the book adds to a subsection from the fields (context: generated)."""
    doc.add_paragraph(f"{{%p for sentence in generated.{key} %}}", style="Body Text")
    doc.add_paragraph("{{ sentence }}", style="Generated Text")
    doc.add_paragraph("{%p endfor %}", style="Body Text")


def subsection(doc, title: str, key: str) -> None:
    """A （一） subsection of the outline: its heading, its narrative, the sentences added."""
    heading(doc, title, 2)
    narrative(doc, key)
    generated(doc, key)


def repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        props.append(OxmlElement(tag))


def no_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def grid_lines(table) -> None:
    """Lines round and between the cells, set on the table: no table style (ooxml.py)."""
    tblPr = table._tbl.tblPr
    lines = parse_xml(GRID_LINES.replace("<w:tblBorders>", f"<w:tblBorders {nsdecls('w')}>", 1))
    tblPr.replace(child(tblPr, "w:tblBorders"), lines)  # where OOXML's order puts it


def equal_columns(table, count: int) -> None:
    """Equal widths in the cells (Word) and the grid (LibreOffice): a starting point that
    rendering fits to the content (reportgen/render/typeset.py)."""
    width = Mm(TEXT_WIDTH_MM / count)
    table.autofit = False
    for column in table._tbl.tblGrid.findall(qn("w:gridCol")):
        column.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell in row.cells:
            cell.width = width


def loop_table(
    doc,
    caption: str,
    headers: Sequence[str],
    cells: Sequence[str],
    items: str,
    var: str,
    *,
    condition: str | None = None,
) -> None:
    """A captioned table with a header row repeated on each page and one row per item.

    `cells` are Jinja expressions over `var`; the table shows only if `condition` holds
    (default: the list is not empty). A header may be an expression in {{ }} too."""
    doc.add_paragraph(f"{{%p if {condition or items} %}}", style="Body Text")
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=4, cols=len(headers))
    grid_lines(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(headers):
        table.rows[0].cells[i].paragraphs[0].text = header
        table.rows[0].cells[i].paragraphs[0].style = doc.styles["Table Heading"]
    repeat_header(table.rows[0])
    equal_columns(table, len(headers))
    table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for {var} in {items} %}}"
    for i, cell in enumerate(cells):
        table.rows[2].cells[i].paragraphs[0].text = f"{{{{ {cell} }}}}"
        table.rows[2].cells[i].paragraphs[0].style = doc.styles["Table Text"]
    no_split(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    doc.add_paragraph("{%p endif %}", style="Body Text")


def figure(doc, chart: str, caption: str) -> None:
    doc.add_paragraph("{%p if charts %}", style="Body Text")
    doc.add_paragraph(f"{{{{ charts.{chart} }}}}", style="Figure")
    doc.add_paragraph(caption, style="Caption")
    doc.add_paragraph("{%p endif %}", style="Body Text")


def underline(cell) -> None:
    """A line under the cell, as the line a form is filled in on."""
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    cell._tc.get_or_add_tcPr().append(borders)
