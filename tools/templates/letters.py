"""The one-page documents: the commitment letter (承诺书) and the check report (检查报告)."""

from __future__ import annotations

from blocks import body, heading, loop_table, underline
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from house_style import define_styles, draft_mark, page_number, page_setup

from reportgen.context.words import phrase

LETTER_LINE = Twips(520)  # 26 pt: the letter is a one-page form, 24 lines instead of 22


def commitment_letter() -> Document:
    doc = Document()
    define_styles(doc)
    for name in ("Normal", "Body Text", "Signature"):
        doc.styles[name].paragraph_format.line_spacing = LETTER_LINE
    section = doc.sections[0]
    page_setup(section, line_pitch=LETTER_LINE)
    draft_mark(doc, section.header)
    doc.add_paragraph(phrase("doc.letter.title"), style="Title")  # fixed words: messages
    # to whom, for what and the commitments are the call's (its policy's `letter`)
    doc.add_paragraph("{{ letter.addressee }}：", style="Normal")
    opening = phrase(
        "doc.letter.opening",
        enterprise="{{ enterprise.name }}",
        credit_code="{{ enterprise.credit_code }}",
        subject="{{ letter.subject }}",
        product="{{ product.name }}",
    )
    body(doc, opening)
    doc.add_paragraph("{%p for commitment in letter.commitments %}", style="Body Text")
    body(doc, "{{ commitment }}")  # numbered in the context, as the book's lists (公文: 1.)
    doc.add_paragraph("{%p endfor %}", style="Body Text")
    doc.add_paragraph("", style="Normal")
    _signature_block(doc)
    return doc


def _signature_block(doc) -> None:
    """On the right: a line left free for the legal representative's hand, the company
    (whose seal goes over it) on one line, room for the seal, the date."""
    rows = (
        (phrase("doc.letter.representative"), "", True),
        ("", "", False),
        (phrase("doc.letter.seal"), "{{ enterprise.name }}", False),
        ("", "", False),
        ("", "{{ commitment.date }}", False),
    )
    block = doc.add_table(rows=len(rows), cols=2)
    block.alignment = WD_TABLE_ALIGNMENT.RIGHT
    widths = (Pt(16 * 10.5), Pt(16 * 15.5))  # 法定代表人（签字）：, a 15-character name
    for row, (label, value, line) in zip(block.rows, rows, strict=True):
        for cell, text, width in zip(row.cells, (label, value), widths, strict=True):
            cell.width = width
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles["Signature"]
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if line:
            underline(row.cells[1])
    for column, width in zip(block._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(width.twips))


def check_report() -> Document:
    """The findings for a person, in the house style: a clerk opening the .md in Notepad
    sees `| --- |`, one opening this sees a document. Context: check
    (reportgen/render/check_report.py). Its fixed text is the .md's, from
    reportgen/messages (check_report.*), so the two forms say the same."""
    from reportgen.render.check_report import report_text

    def numbered(number: str, key: str) -> str:
        return report_text("numbered", number=number, title=report_text(key))

    doc = Document()
    define_styles(doc)
    section = doc.sections[0]
    page_setup(section)
    doc.add_paragraph(report_text("cover_title"), style="Title")
    doc.add_paragraph("{{ check.subject }}", style="Cover Text")
    doc.add_paragraph("{%p for line in check.facts %}", style="Body Text")
    doc.add_paragraph("{{ line }}", style="Signature")  # left-aligned: a path cannot stretch
    doc.add_paragraph("{%p endfor %}", style="Body Text")
    page_number(doc, section.footer, odd=True)
    heading(doc, numbered("一", "heading_verdict"), 1)
    body(doc, "{{ check.verdict }}")
    heading(doc, numbered("二", "heading_criteria"), 1)
    criteria = ["k.label", "k.value", "k.requirement", "k.passes"]
    columns = [report_text(f"column_{c}") for c in ("indicator", "ours", "requirement", "passes")]
    caption = report_text("table_caption", number=1, title=report_text("heading_criteria"))
    loop_table(doc, caption, columns, criteria, "check.criteria", "k")
    heading(doc, numbered("三", "heading_findings"), 1)
    doc.add_paragraph("{%p if not check.groups %}", style="Body Text")
    body(doc, report_text("no_findings"))
    doc.add_paragraph("{%p endif %}", style="Body Text")
    doc.add_paragraph("{%p for group in check.groups %}", style="Body Text")
    heading(doc, "{{ group.title }}", 2)
    cells = ["f.severity", "f.where", "f.message", "f.clause"]
    columns = [report_text(f"column_{c}") for c in ("severity", "where", "message", "clause")]
    loop_table(doc, "{{ group.caption }}", columns, cells, "group.findings", "f")
    doc.add_paragraph("{%p endfor %}", style="Body Text")
    heading(doc, numbered("四", "heading_notes"), 1)
    doc.add_paragraph("{%p for note in check.notes %}", style="Body Text")
    body(doc, "{{ note }}")
    doc.add_paragraph("{%p endfor %}", style="Body Text")
    return doc
