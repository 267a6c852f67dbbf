"""Builds templates/docx/report_book.docx and commitment_letter.docx.

    python templates/docx/build.py            # writes both beside this script

Every style of the house style (GB/T 9704-2012, DOMAIN.md "Document layout") is set
here, so it can be reviewed and changed in one place; the .docx files are the output,
checked in so Word/WPS users and `--template-dir` have them. A test rebuilds them and
compares. The Jinja tags are the variables of docs/templates.md.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from reportgen.rendering.docx import stable_zip

HERE = Path(__file__).resolve().parent

# 号 → points
SIZE_2, SIZE_3, SIZE_4, SIZE_XIAO4, SIZE_1 = 22, 16, 14, 12, 26
LINE = Pt(29)  # 22 lines in the 225 mm text block of A4 with 37/35 mm margins
LATIN = "Times New Roman"
FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = (
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
    "方正小标宋简体",
)
FIXED_DATE = "2026-01-01T00:00:00Z"  # template properties: no build time, reproducible


def set_fonts(
    element,
    east_asian: str,
    size: float | None = None,
    *,
    bold: bool | None = None,
    latin: str = LATIN,
) -> None:
    """East-Asian and Latin fonts set apart, and the language that picks Chinese glyphs."""
    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute, value in (
        ("w:ascii", latin),
        ("w:hAnsi", latin),
        ("w:cs", latin),
        ("w:eastAsia", east_asian),
    ):
        fonts.set(qn(attribute), value)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), str(int(size * 2)))
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), "1" if bold else "0")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def indent_chars(paragraph_format_element, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), as Chinese documents measure it."""
    ppr = paragraph_format_element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * SIZE_3 * 20))


HOUSE_STYLES: set[str] = set()  # every style paragraph_style() defines: all are kept


def paragraph_style(
    doc,
    name: str,
    *,
    base: str | None = "Normal",
    font: str = FANGSONG,
    size: float = SIZE_3,
    bold: bool = False,
    align=None,
    first_line_chars: int = 0,
    line=LINE,
    keep_with_next: bool = False,
    outline: int | None = None,
):
    styles = doc.styles
    HOUSE_STYLES.add(name)
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if base:
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    set_fonts(style.element, font, size, bold=bold)
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.italic = False
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        fmt.alignment = align
    fmt.keep_with_next = keep_with_next
    fmt.widow_control = True
    if first_line_chars:
        indent_chars(style.element, first_line_chars)
    border = style.element.find(qn("w:pPr") + "/" + qn("w:pBdr"))
    if border is not None:  # python-docx's default Title is underlined in blue: not ours
        border.getparent().remove(border)
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)
    return style


def define_styles(doc) -> None:
    # document defaults: Chinese language for East-Asian text (Noto CJK draws Japanese
    # glyph forms without it), 仿宋 3号 body
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), FANGSONG, SIZE_3)
    # python-docx's blank document says its theme fonts are Japanese; Word then picks
    # Japanese fonts wherever a theme font is used
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    paragraph_style(doc, "Normal", base=None, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(doc, "Body Text", first_line_chars=2, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(doc, "List Text", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(
        doc, "Title", font=XIAOBIAOSONG, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36)
    )
    paragraph_style(
        doc,
        "Cover Title",
        font=XIAOBIAOSONG,
        size=SIZE_1,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(48),
    )
    paragraph_style(doc, "Cover Text", font=KAITI, size=SIZE_3, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Cover Field", font=FANGSONG, size=SIZE_3, line=Pt(36))
    paragraph_style(doc, "TOC Heading", font=HEITI, size=SIZE_3, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(
        doc,
        "Heading 1",
        font=HEITI,
        size=SIZE_3,
        first_line_chars=2,
        keep_with_next=True,
        outline=0,
    )
    paragraph_style(
        doc,
        "Heading 2",
        font=KAITI,
        size=SIZE_3,
        first_line_chars=2,
        keep_with_next=True,
        outline=1,
    )
    paragraph_style(
        doc,
        "Heading 3",
        font=FANGSONG,
        size=SIZE_3,
        bold=True,
        first_line_chars=2,
        keep_with_next=True,
    )
    paragraph_style(
        doc,
        "Table Text",
        font=FANGSONG,
        size=SIZE_XIAO4,
        line=None,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    paragraph_style(
        doc,
        "Table Heading",
        base="Table Text",
        size=SIZE_XIAO4,  # as the cells: a 3号 header broke 对比产品 over two lines
        bold=True,
        line=None,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    paragraph_style(
        doc,
        "Caption",
        font=HEITI,
        size=SIZE_XIAO4,
        line=None,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        keep_with_next=True,
    )
    paragraph_style(doc, "Figure", line=None, align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True)
    paragraph_style(doc, "Signature", align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(
        doc, "Draft Mark", font=HEITI, size=SIZE_4, line=None, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    doc.styles["Draft Mark"].font.color.rgb = RGBColor(0xC0, 0, 0)
    paragraph_style(doc, "Footer", font=SONGTI, size=SIZE_4, line=None)
    paragraph_style(doc, "Header", font=SONGTI, size=SIZE_4, line=None)
    for level in (1, 2):  # Word's built-in TOC styles: indent the second level by 2 chars
        toc = paragraph_style(doc, f"toc {level}", line=None)
        toc.paragraph_format.left_indent = Pt(SIZE_3 * 2 * (level - 1))


def page_setup(section, line_pitch_twips: int = 580) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, TOC, …) that Word and LibreOffice compute."""

    def run_with(child) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")  # recomputed when opened
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    if placeholder:
        paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_number(doc, footer, align) -> None:
    """GB/T 9704: '— 1 —' in 4号 宋体, odd pages right, even pages left."""
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.alignment = align
    paragraph.add_run("— ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def draft_mark(doc, header) -> None:
    paragraph = header.paragraphs[0]
    paragraph.style = doc.styles["Draft Mark"]
    paragraph.add_run("{% if draft %}草稿（未通过检查）{% endif %}")


def heading(doc, text: str, level: int) -> None:
    doc.add_paragraph(text, style=f"Heading {level}")


def body(doc, text: str) -> None:
    doc.add_paragraph(text, style="Body Text")


def narrative(doc, key: str) -> None:
    """The Markdown of one subsection, inserted as paragraphs by `{{p …}}`."""
    doc.add_paragraph(f"{{{{p text.{key} }}}}", style="Body Text")


def repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        props.append(OxmlElement(tag))


def no_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


TEXT_WIDTH_MM = 210 - 28 - 26  # A4 less the left and right margins
# Relative column widths by header: short codes and years narrow, names and prose wide,
# so that 对比产品 or 国外同类产品 stay on one line. Unlisted headers weigh 1.5.
COLUMN_WEIGHTS = {
    **dict.fromkeys(
        ["单位", "年份", "年度", "级别", "等级", "状态", "行", "占比", "认定年份"], 1.0
    ),
    **dict.fromkeys(["类型", "是否达到", "优劣方向", "企业角色", "合作起始年份"], 1.4),
    **dict.fromkeys(["本产品", "对比产品", "本企业", "行业平均"], 1.8),
    **dict.fromkeys(["指标", "对比对象", "抽查部门", "结果", "字段", "依据", "注册号"], 2.0),
    "编号": 2.2,  # patent numbers: ZL202310512345.6
    **dict.fromkeys(["名称", "标准名称", "奖项", "荣誉", "客户名称", "文件", "商标"], 2.6),
    **dict.fromkeys(["合作情况", "问题"], 3.6),
}


def set_column_widths(table, headers: Sequence[str]) -> None:
    weights = [COLUMN_WEIGHTS.get(header, 1.5) for header in headers]
    widths = [Mm(TEXT_WIDTH_MM * weight / sum(weights)) for weight in weights]
    table.autofit = False
    # Word reads the cells' widths, LibreOffice the table grid: set both
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
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
    (default: the list is not empty)."""
    doc.add_paragraph(f"{{%p if {condition or items} %}}", style="Body Text")
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(headers):
        table.rows[0].cells[i].paragraphs[0].text = header
        table.rows[0].cells[i].paragraphs[0].style = doc.styles["Table Heading"]
    repeat_header(table.rows[0])
    set_column_widths(table, headers)
    table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for {var} in {items} %}}"
    for i, cell in enumerate(cells):
        table.rows[2].cells[i].paragraphs[0].text = f"{{{{ {cell} }}}}"
        table.rows[2].cells[i].paragraphs[0].style = doc.styles["Table Text"]
    no_split(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    doc.add_paragraph("{%p endif %}", style="Body Text")


def line(doc, label: str, expression: str) -> None:
    """'标签：值' in body style, for one structured item."""
    doc.add_paragraph(f"{label}：{{{{ {expression} }}}}", style="Body Text")


def figure(doc, chart: str, caption: str) -> None:
    doc.add_paragraph(f"{{{{ charts.{chart} }}}}", style="Figure")
    doc.add_paragraph(caption, style="Caption")


def report_book() -> Document:
    doc = Document()
    define_styles(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    update = OxmlElement("w:updateFields")  # Word refreshes the TOC and pages on open
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)

    cover = doc.sections[0]
    page_setup(cover)
    for header in (cover.header, cover.even_page_header):
        draft_mark(doc, header)
    for _ in range(4):
        doc.add_paragraph("", style="Cover Text")
    doc.add_paragraph("{{ call.year }}年浙江制造精品", style="Cover Title")
    doc.add_paragraph("（{{ product.name }}）", style="Cover Text")
    doc.add_paragraph("浙江制造精品报告书", style="Cover Title")
    for _ in range(8):
        doc.add_paragraph("", style="Cover Text")
    doc.add_paragraph("申报单位（盖章）：{{ enterprise.name }}", style="Cover Field")
    doc.add_paragraph("日　　期：{{ commitment.date }}", style="Cover Field")

    main = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(main)
    numbering = OxmlElement("w:pgNumType")  # pages count from 1 after the cover
    numbering.set(qn("w:start"), "1")
    main._sectPr.append(numbering)
    for part in (main.header, main.even_page_header, main.footer, main.even_page_footer):
        part.is_linked_to_previous = False
    draft_mark(doc, main.header)
    draft_mark(doc, main.even_page_header)
    page_number(doc, main.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(doc, main.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    doc.add_paragraph("目　　录", style="TOC Heading")
    toc = doc.add_paragraph(style="Normal")
    add_field(toc, 'TOC \\o "1-2" \\h \\z \\u', "（目录：在 Word 中打开时自动更新；PDF 中已填好）")
    doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph("（{{ product.name }}）", style="Title")
    doc.add_paragraph("——浙江制造精品报告书", style="Title")

    heading(doc, "一、产品技术水平", 1)
    heading(doc, "（一）产品技术先进性", 2)
    narrative(doc, "technology_advancement")
    line(doc, "核心技术", "product.core_technologies_text")
    loop_table(
        doc,
        "表1　与行业同类产品技术指标对比",
        ["指标", "单位", "本产品", "对比产品", "对比对象", "优劣方向"],
        [
            "c.indicator",
            "c.unit",
            "c.ours ~ c.ours_mark",
            "c.peer ~ c.peer_mark",
            "c.peer_name",
            "c.better",
        ],
        "report.comparisons",
        "c",
    )
    loop_table(
        doc,
        "表2　自主知识产权",
        ["编号", "名称", "类型", "状态"],
        ["p.number", "p.title", "p.kind", "p.status"],
        "product.patents",
        "p",
    )
    loop_table(
        doc,
        "表3　科技奖励",
        ["奖项", "级别", "等级", "年份"],
        ["a.name", "a.level", "a.rank", "a.year"],
        "report.science_awards",
        "a",
    )
    heading(doc, "（二）产品技术创新性", 2)
    narrative(doc, "technology_innovation")
    line(doc, "应用的先进制造和数字技术", "report.digital_technologies")
    loop_table(
        doc,
        "表4　设计奖项",
        ["奖项", "级别", "年份"],
        ["a.name", "a.level", "a.year"],
        "report.design_awards",
        "a",
    )
    heading(doc, "（三）产品技术主导性", 2)
    narrative(doc, "technology_leadership")
    loop_table(
        doc,
        "表5　产品执行和制定的标准",
        ["标准编号", "标准名称", "级别", "企业角色"],
        ["s.code", "s.title", "s.level", "s.role"],
        "product.standards",
        "s",
    )
    line(doc, "在产业链中所处地位", "report.chain_position")
    line(doc, "关键核心技术定位", "product.strategic_roles")

    heading(doc, "二、产品质量水平", 1)
    heading(doc, "（一）产品可靠性", 2)
    narrative(doc, "quality_reliability")
    loop_table(
        doc,
        "表6　主要技术指标与同类产品对比",
        ["指标", "单位", "本产品", "对比产品", "优劣方向"],
        ["c.indicator", "c.unit", "c.ours ~ c.ours_mark", "c.peer ~ c.peer_mark", "c.better"],
        "report.reliability_indicators",
        "c",
    )
    loop_table(
        doc,
        "表7　质量指标与行业平均水平对比",
        ["指标", "本企业", "行业平均", "优劣方向"],
        ["m.indicator", "m.ours ~ m.ours_mark", "m.industry", "m.better"],
        "report.quality_metrics",
        "m",
    )
    heading(doc, "（二）产品安全性", 2)
    narrative(doc, "quality_safety")
    line(doc, "绿色设计与绿色制造", "report.green")
    heading(doc, "（三）质量管理体系", 2)
    narrative(doc, "quality_management")
    line(doc, "管理体系认证", "enterprise.quality.certifications_text")
    line(doc, "制造业企业质量管理能力评价", "enterprise.quality.capability_evaluated")
    line(doc, "质量标杆", "enterprise.quality.benchmark")
    loop_table(
        doc,
        "表8　质量奖",
        ["奖项", "级别", "年份"],
        ["a.name", "a.level", "a.year"],
        "enterprise.quality.awards",
        "a",
    )
    loop_table(
        doc,
        "表9　产品质量抽查情况",
        ["年份", "抽查部门", "结果"],
        ["i.year", "i.authority", "i.result"],
        "report.inspections",
        "i",
    )

    heading(doc, "三、产品品牌价值", 1)
    heading(doc, "（一）品牌建设", 2)
    narrative(doc, "brand_building")
    line(doc, "是否自主品牌", "report.own_brand")
    loop_table(
        doc, "表10　注册商标", ["商标", "注册号"], ["t.name", "t.number"], "report.trademarks", "t"
    )
    heading(doc, "（二）品牌美誉度", 2)
    narrative(doc, "brand_reputation")
    loop_table(
        doc,
        "表11　主要客户及合作情况",
        ["客户名称", "合作起始年份", "合作情况"],
        ["c.name", "c.since", "c.scope"],
        "report.customers",
        "c",
    )
    heading(doc, "（三）市场占有率", 2)
    narrative(doc, "brand_market_share")
    loop_table(
        doc,
        "表12　近三年市场占有率与产品利润率",
        ["年度", "国内市场占有率", "国际市场占有率", "产品利润率", "同类产品利润率"],
        [
            "s.year",
            "s.market_share_domestic",
            "s.market_share_international",
            "s.profit_margin",
            "s.peer_profit_margin",
        ],
        "shares",
        "s",
    )
    doc.add_paragraph("{%p if charts %}", style="Body Text")
    figure(doc, "market_share", "图1　近三年市场占有率")
    doc.add_paragraph("{%p endif %}", style="Body Text")

    heading(doc, "四、综合竞争力", 1)
    heading(doc, "（一）产品竞争力", 2)
    narrative(doc, "competitiveness_product")
    loop_table(
        doc,
        "表13　近三年主要经济指标",
        ["指标", "{{ years[0] }}年", "{{ years[1] }}年", "{{ years[2] }}年"],
        ["row.label", "row.cells[0]", "row.cells[1]", "row.cells[2]"],
        "financial_table",
        "row",
    )
    loop_table(
        doc,
        "表14　产品销售收入占企业营业收入比重",
        ["年度", "占比"],
        ["s.year", "s.product_share_of_revenue"],
        "shares",
        "s",
    )
    loop_table(
        doc,
        "表15　申报条件对照",
        ["指标", "本企业", "标准", "是否达到"],
        ["k.label", "k.value", "k.requirement", "k.passes"],
        "criteria",
        "k",
    )
    doc.add_paragraph("{%p if charts %}", style="Body Text")
    figure(doc, "sales", "图2　近三年营业收入与产品销售收入")
    doc.add_paragraph("{%p endif %}", style="Body Text")
    heading(doc, "（二）企业竞争力", 2)
    narrative(doc, "competitiveness_enterprise")
    loop_table(
        doc,
        "表16　近三年研发投入占主营业务收入比重",
        ["年度", "占比"],
        ["r.year", "r.ratio"],
        "rd.per_year",
        "r",
    )
    line(doc, "研发机构", "enterprise.rd_institution_text")
    loop_table(
        doc, "表17　企业荣誉", ["荣誉", "认定年份"], ["h.name", "h.year"], "enterprise.honors", "h"
    )

    doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("附件　佐证材料清单", style="Heading 1")
    loop_table(
        doc,
        "表18　佐证材料",
        ["编号", "类型", "名称", "文件", "SHA-256（前12位）"],
        ["e.id", "e.kind", "e.title", "e.file", "e.sha12"],
        "evidence",
        "e",
    )
    doc.add_paragraph("{%p if draft %}", style="Body Text")
    doc.add_paragraph("附：检查发现的错误（草稿）", style="Heading 1")
    body(doc, "本文件未通过检查，仅供修改使用，不能作为申报材料提交。需要改正的错误如下：")
    loop_table(
        doc,
        "表19　错误清单",
        ["字段", "行", "问题", "依据"],
        ["f.path", "f.line", "f.message", "f.clause"],
        "draft_errors",
        "f",
        condition="draft_errors",
    )
    doc.add_paragraph("{%p endif %}", style="Body Text")
    return doc


COMMITMENTS = [
    "本单位对所提交的申报材料的真实性、合法性、准确性和完整性负责，所填报的经济指标与经审计的财务数据一致；",
    "申报产品拥有自主知识产权，不存在侵犯他人知识产权的情形；",
    "本单位近三年未发生重大安全、质量、环境污染事故，无严重违法违规行为；",
    "本单位未被列入严重失信主体名单；",
    "本单位自愿接受并积极配合主管部门组织的审核、现场核查和公示；",
    "如有虚假，本单位自愿取消申报资格，并承担相应的法律责任。",
]


LETTER_LINE = Pt(26)  # the letter is a one-page form: 24 lines instead of 22


def commitment_letter() -> Document:
    doc = Document()
    define_styles(doc)
    for name in ("Normal", "Body Text", "Title", "Signature"):
        doc.styles[name].paragraph_format.line_spacing = LETTER_LINE
    section = doc.sections[0]
    page_setup(section, line_pitch_twips=int(LETTER_LINE.pt * 20))
    draft_mark(doc, section.header)
    doc.add_paragraph("承　诺　书", style="Title")
    doc.add_paragraph("浙江省经济和信息化厅：", style="Normal")
    body(
        doc,
        "{{ enterprise.name }}（统一社会信用代码：{{ enterprise.credit_code }}）申报"
        "{{ call.year }}年浙江制造精品推广目录，申报产品为“{{ product.name }}”。本单位郑重承诺：",
    )
    for number, text in enumerate(COMMITMENTS, start=1):
        body(doc, f"{number}．{text}")
    doc.add_paragraph("", style="Normal")
    doc.add_paragraph(
        "法定代表人（签字）：{{ commitment.signatory }}　　　　　　", style="Signature"
    )
    doc.add_paragraph("单位（盖章）：{{ enterprise.name }}", style="Signature")
    doc.add_paragraph("{{ commitment.date }}", style="Signature")
    return doc


def fixed_properties(doc, title: str) -> None:
    props = doc.core_properties
    props.title = title
    props.author = "reportgen"
    props.last_modified_by = "reportgen"
    props.revision = 1
    from datetime import datetime

    props.created = props.modified = datetime(2026, 1, 1)


# Parts of python-docx's blank document that the templates do not need: Word 2010's
# copy of the styles (stylesWithEffects.xml, 440 KB) and a thumbnail of an empty page.
UNNEEDED_PARTS = {
    "word/stylesWithEffects.xml": "stylesWithEffects.xml",
    "docProps/thumbnail.jpeg": "docProps/thumbnail.jpeg",
}


def keep_used_styles(doc, extra: Sequence[str] = ("Table Grid",)) -> None:
    """Only the styles of the house style, those the template refers to and their bases.

    The blank document brings ~175 styles and 376 latent ones (358 KB of styles.xml);
    every rendered document carried them and LibreOffice parsed them all: dropping them
    makes loading a report book ~35 % faster and the .docx 80 % smaller."""
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {doc.styles[name].style_id for name in (*HOUSE_STYLES, *extra)}
    keep |= {i for i, s in by_id.items() if s.get(qn("w:default")) == "1"}
    parts = [doc.element, *_header_footer_parts(doc)]
    for element in parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            keep |= {e.get(qn("w:val")) for e in element.iter(qn(tag))}
    while True:  # the styles these are based on, linked to, followed by
        linked = {
            e.get(qn("w:val"))
            for i in keep
            if i in by_id
            for tag in ("w:basedOn", "w:link", "w:next")
            if (e := by_id[i].find(qn(tag))) is not None
        }
        if linked <= keep:
            break
        keep |= linked
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _header_footer_parts(doc):
    for section in doc.sections:
        for part in (
            section.header,
            section.even_page_header,
            section.first_page_header,
            section.footer,
            section.even_page_footer,
            section.first_page_footer,
        ):
            if not part.is_linked_to_previous:
                yield part._element


def without_unneeded_parts(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in UNNEEDED_PARTS:
                continue
            content = source.read(info.filename)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                text = content.decode("utf-8")
                for target_name in UNNEEDED_PARTS.values():
                    text = re.sub(
                        rf'<(Relationship|Override) [^>]*"/?{re.escape(target_name)}"[^>]*/>',
                        "",
                        text,
                    )
                content = text.encode("utf-8")
            target.writestr(info, content)
    return buffer.getvalue()


def save_reproducibly(doc, path: Path) -> None:
    """The same build gives the same bytes: fixed zip timestamps, as rendered documents get."""
    keep_used_styles(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(stable_zip(without_unneeded_parts(buffer.getvalue())))


def main(out: Path = HERE) -> None:
    book = report_book()
    fixed_properties(book, "浙江制造精品报告书（模板）")
    save_reproducibly(book, out / "report_book.docx")
    letter = commitment_letter()
    fixed_properties(letter, "承诺书（模板）")
    save_reproducibly(letter, out / "commitment_letter.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
