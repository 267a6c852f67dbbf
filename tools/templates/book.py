"""The report book (附件2-1): cover, table of contents, the four parts, evidence appendix.

Tables are numbered here in outline order; rendering renumbers the captions of the
tables and charts an application has (typeset.py), so an absent one leaves no gap.
"""

from __future__ import annotations

from blocks import body, figure, heading, loop_table, subsection, underline
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from house_style import add_field, define_styles, draft_mark, page_number, page_setup

COMPARISON = ["指标", "单位", "本产品", "对比产品", "对比对象", "优劣方向"]
COMPARISON_CELLS = [
    "c.indicator",
    "c.unit",
    "c.ours ~ c.ours_mark",
    "c.peer ~ c.peer_mark",
    "c.peer_name",
    "c.better",
]


def _cover(doc) -> None:
    """The outline's "（精品名称）——浙江制造精品报告书" is a form: the product's name, as the
    most prominent line, then the rest; the signing block centred under it."""
    for _ in range(3):
        doc.add_paragraph("", style="Cover Text")
    doc.add_paragraph("{{ product.name }}", style="Cover Title")
    doc.add_paragraph("——浙江制造精品报告书", style="Cover Subtitle")
    doc.add_paragraph("", style="Cover Text")
    doc.add_paragraph("{{ call.title }}", style="Cover Text")  # 2026年浙江制造精品推广目录征集
    for _ in range(6):
        doc.add_paragraph("", style="Cover Text")
    block = doc.add_table(rows=2, cols=2)
    block.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = (
        ("申报单位（盖章）：", "{{ enterprise.name }}"),
        ("日期：", "{{ commitment.date }}"),
    )
    widths = (Mm(52), Mm(88))  # labels set right, so the colons align
    for row, (label, value) in zip(block.rows, rows, strict=True):
        for cell, text, width in zip(row.cells, (label, value), widths, strict=True):
            cell.width = width
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles["Cover Field"]
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        underline(row.cells[1])  # the line the name stands on, as on a printed form
    for column, width in zip(block._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(width.twips))


def _technology(doc) -> None:
    heading(doc, "一、产品技术水平", 1)
    subsection(doc, "（一）产品技术先进性", "technology_advancement")
    loop_table(doc, "表1　与行业同类产品技术指标对比", COMPARISON, COMPARISON_CELLS,
               "report.comparisons", "c")  # fmt: skip
    loop_table(doc, "表2　自主知识产权", ["编号", "名称", "类型", "状态"],
               ["p.number", "p.title", "p.kind", "p.status"], "product.patents", "p")  # fmt: skip
    loop_table(doc, "表3　科技奖励", ["奖项", "级别", "等级", "年份"],
               ["a.name", "a.level", "a.rank", "a.year"], "report.science_awards", "a")  # fmt: skip
    subsection(doc, "（二）产品技术创新性", "technology_innovation")
    loop_table(doc, "表4　设计奖项", ["奖项", "级别", "年份"], ["a.name", "a.level", "a.year"],
               "report.design_awards", "a")  # fmt: skip
    subsection(doc, "（三）产品技术主导性", "technology_leadership")
    loop_table(doc, "表5　产品执行和制定的标准", ["标准编号", "标准名称", "级别", "企业角色"],
               ["s.code", "s.title", "s.level", "s.role"], "product.standards", "s")  # fmt: skip


def _quality(doc) -> None:
    heading(doc, "二、产品质量水平", 1)
    subsection(doc, "（一）产品可靠性", "quality_reliability")
    loop_table(doc, "表6　主要技术指标与同类产品对比", COMPARISON, COMPARISON_CELLS,
               "report.reliability_indicators", "c")  # fmt: skip
    loop_table(doc, "表7　质量指标与行业平均水平对比", ["指标", "本企业", "行业平均", "优劣方向"],
               ["m.indicator", "m.ours ~ m.ours_mark", "m.industry", "m.better"],
               "report.quality_metrics", "m")  # fmt: skip
    subsection(doc, "（二）产品安全性", "quality_safety")
    subsection(doc, "（三）质量管理体系", "quality_management")
    loop_table(doc, "表8　质量奖", ["奖项", "级别", "年份"], ["a.name", "a.level", "a.year"],
               "enterprise.quality.awards", "a")  # fmt: skip
    loop_table(doc, "表9　产品质量抽查情况", ["年份", "抽查部门", "结果"],
               ["i.year", "i.authority", "i.result"], "report.inspections", "i")  # fmt: skip


def _brand(doc) -> None:
    heading(doc, "三、产品品牌价值", 1)
    subsection(doc, "（一）品牌建设", "brand_building")
    loop_table(doc, "表10　注册商标", ["商标", "注册号"], ["t.name", "t.number"],
               "report.trademarks", "t")  # fmt: skip
    subsection(doc, "（二）品牌美誉度", "brand_reputation")
    loop_table(doc, "表11　主要客户及合作情况", ["客户名称", "合作起始年份", "合作情况"],
               ["c.name", "c.since", "c.scope"], "report.customers", "c")  # fmt: skip
    subsection(doc, "（三）市场占有率", "brand_market_share")
    loop_table(doc, "表12　近三年市场占有率与产品利润率",
               ["年度", "国内市场占有率", "国际市场占有率", "产品利润率", "同类产品利润率"],
               ["s.year", "s.market_share_domestic", "s.market_share_international",
                "s.profit_margin", "s.peer_profit_margin"], "shares", "s")  # fmt: skip
    figure(doc, "market_share", "图1　近三年市场占有率")


def _competitiveness(doc) -> None:
    heading(doc, "四、综合竞争力", 1)
    subsection(doc, "（一）产品竞争力", "competitiveness_product")
    loop_table(doc, "表13　近三年主要经济指标",
               ["指标", "{{ years[0] }}年", "{{ years[1] }}年", "{{ years[2] }}年"],
               ["row.label", "row.cells[0]", "row.cells[1]", "row.cells[2]"],
               "financial_table", "row")  # fmt: skip
    loop_table(doc, "表14　产品销售收入占企业营业收入比重", ["年度", "占比"],
               ["s.year", "s.product_share_of_revenue"], "shares", "s")  # fmt: skip
    figure(doc, "sales", "图2　近三年产品销售收入及其占企业营业收入的比重")
    loop_table(doc, "表15　申报条件对照", ["指标", "本企业", "标准", "是否达到"],
               ["k.label", "k.value", "k.requirement", "k.passes"], "criteria", "k")  # fmt: skip
    subsection(doc, "（二）企业竞争力", "competitiveness_enterprise")
    loop_table(doc, "表16　近三年研发投入占主营业务收入比重", ["年度", "占比"],
               ["r.year", "r.ratio"], "rd.per_year", "r")  # fmt: skip
    loop_table(doc, "表17　企业荣誉", ["荣誉", "认定年份"], ["h.name", "h.year"],
               "enterprise.honors", "h")  # fmt: skip


def _appendix(doc) -> None:
    doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("附件　佐证材料清单", style="Heading 1")
    loop_table(doc, "表18　佐证材料", ["编号", "类型", "名称", "文件"],
               ["e.id", "e.kind", "e.title", "e.file"], "evidence", "e")  # fmt: skip
    doc.add_paragraph("{%p if draft %}", style="Body Text")
    doc.add_paragraph("附：检查发现的错误（草稿）", style="Heading 1")
    body(doc, "本文件未通过检查，仅供修改使用，不能作为申报材料提交。需要改正的错误如下：")
    loop_table(doc, "表19　错误清单", ["字段", "行", "问题", "依据"],
               ["f.path", "f.line", "f.message", "f.clause"], "draft_errors", "f",
               condition="draft_errors")  # fmt: skip
    doc.add_paragraph("{%p endif %}", style="Body Text")


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
    _cover(doc)

    # Pages are counted from the cover, which shows no number: the contents are page 2,
    # so odd numbers fall on recto pages when printed double-sided (GB/T 9704 7.5).
    main = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(main)
    for part in (main.header, main.even_page_header, main.footer, main.even_page_footer):
        part.is_linked_to_previous = False
    draft_mark(doc, main.header)
    draft_mark(doc, main.even_page_header)
    page_number(doc, main.footer, odd=True)
    page_number(doc, main.even_page_footer, odd=False)

    doc.add_paragraph("目　　录", style="TOC Heading")
    toc = doc.add_paragraph(style="Normal")
    add_field(toc, 'TOC \\o "1-2" \\h \\z \\u', "（目录：在 Word 中打开时自动更新；PDF 中已填好）")
    doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph("{{ product.name }}", style="Title")
    doc.add_paragraph("——浙江制造精品报告书", style="Title")
    doc.add_paragraph("", style="Body Text")  # a blank line between title and text (公文)
    _technology(doc)
    _quality(doc)
    _brand(doc)
    _competitiveness(doc)
    _appendix(doc)
    return doc
