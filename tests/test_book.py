"""The report book and the letter as a typesetter would set them, read back with python-docx:
cover and title, generated sentences, the grid, page numbers, tables, lists, quotes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen.checks.validation import check_file
from reportgen.render import render
from reportgen.render.charts import LABEL_PT, TEXT_PT, market_share_figure, sales_figure

from .conftest import ADVANCED, EXAMPLES, check_data, example_data
from .docx_tools import SIDES, grid_lines, grid_tables

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _render(tmp_path: Path, data: dict[str, Any] | None = None) -> dict[str, Any]:
    checked = check_data(data) if data is not None else check_file(ADVANCED)
    return {o.kind: Document(str(o.path)) for o in render(checked, tmp_path) if o.format == "docx"}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _render(tmp_path_factory.mktemp("book"))["report_book"]


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_cover_and_first_page_title_the_product_itself(book: Any) -> None:
    paragraphs = [p for p in book.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "高精度五轴联动数控加工中心"
    assert paragraphs[0].style.name == "Cover Title"
    assert paragraphs[1].text == "——浙江制造精品报告书"
    sizes = {p.style.name: p.style.font.size.pt for p in paragraphs[:3]}
    assert sizes["Cover Title"] == max(sizes.values())  # the most prominent line
    assert all("（高精度五轴联动数控加工中心）" not in t for t in _texts(book))
    signing = book.tables[0]  # the cover's block: laid out, not pushed to the margin
    assert signing.alignment is not None and int(signing.alignment) == 1  # centred
    assert [c.text for c in signing.rows[0].cells] == [
        "申报单位（盖章）：",
        "杭州富春精工数控机床有限公司",
    ]
    titles = [p.text for p in book.paragraphs if p.style.name == "Title"]
    assert titles == ["高精度五轴联动数控加工中心", "——浙江制造精品报告书"]


def test_generated_sentences_only_say_something_and_end_with_a_full_stop(tmp_path: Path) -> None:
    data = example_data()
    data["enterprise"]["quality"]["benchmark"] = "none"
    data["enterprise"]["quality"]["capability_evaluated"] = False
    data["report"]["brand"]["building"]["own_brand"] = False
    data["product"]["strategic_roles"] = []
    text = "\n".join(_texts(_render(tmp_path, data)["report_book"]))
    absent = ("质量标杆：", "企业列入", "企业已完成制造业企业质量管理能力评价。", "自主品牌“",
              "产品属于“", "：无", "：否", "从严口径")  # fmt: skip
    for words in absent:
        assert words not in text, words
    generated = [
        "产品拥有的核心技术：五轴联动 RTCP 精度补偿、主轴热误差实时补偿、高刚性双驱摆头结构。",
        "企业研发机构：浙江省富春精工高端数控机床研究院（省级）。",
        "企业为专精特新“小巨人”企业（2023年认定）。",
    ]
    for sentence in generated:
        assert sentence in text
    added = [p for p in _render(tmp_path / "again", data)["report_book"].paragraphs
             if p.text in generated]  # fmt: skip
    assert added and all(p.style.name == "Generated Text" for p in added)
    assert all(p.style.paragraph_format.alignment == 0 for p in added)  # not spread apart
    assert not re.search(r" [（【《“]", text.replace("RTCP （", "RTCP（"))  # no space before


def test_the_full_example_adds_its_positive_sentences(book: Any) -> None:
    text = "\n".join(_texts(book))
    sentences = (
        "企业列入省级质量标杆企业。",
        "企业已完成制造业企业质量管理能力评价。",
        "产品使用企业自主品牌“富春精工”。",
        "产品属于“补短板”关键核心技术产品。",
    )
    for sentence in sentences:
        assert sentence in text
    assert "从严口径" not in text and "三年平均" not in text  # the check report's reading


def test_grid_of_22_lines_and_28_characters_without_hanging_punctuation(book: Any) -> None:
    styles = book.styles.element
    defaults = styles.find(f"{W}docDefaults")
    assert defaults.find(f".//{W}rPrDefault//{W}spacing").get(f"{W}val") == "-5"
    assert defaults.find(f".//{W}pPrDefault//{W}overflowPunct").get(f"{W}val") == "1"
    for section in book.sections:
        grid = section._sectPr.find(f"{W}docGrid")
        assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"
    body = book.styles["Body Text"].paragraph_format
    assert round(body.line_spacing.twips) == 579
    for name in ("Table Text", "Table Heading", "Title", "Caption", "Cover Title"):
        snap = book.styles[name].element.find(f".//{W}snapToGrid")
        assert snap is not None and snap.get(f"{W}val") == "0", name


def test_pages_are_counted_from_the_cover_one_character_in(book: Any) -> None:
    main = book.sections[1]
    assert main._sectPr.find(f"{W}pgNumType") is None  # no restart: the TOC is page 2
    odd, even = main.footer.paragraphs[0], main.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and round(odd.paragraph_format.right_indent.pt) == 14
    assert even.alignment == 0 and round(even.paragraph_format.left_indent.pt) == 14
    for paragraph in (odd, even):  # the dashes in 宋体, not in Times after the digits
        dashes = [r for r in paragraph.runs if "—" in r.text]
        assert dashes and all(r._r.find(f".//{W}rFonts").get(f"{W}ascii") == "宋体" for r in dashes)


def _widths(table: Any) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_tables_draw_their_own_lines_with_no_table_style(book: Any) -> None:
    # a table style, even an empty one, costs LibreOffice ~9 % of a book's conversion
    # (ooxml.GRID_LINES); the lines are Word's Table Grid, set on each table
    tables = grid_tables(book)
    assert len(tables) >= 15
    for table in tables:
        assert table._tbl.tblPr.find(f"{W}tblStyle") is None
        assert grid_lines(table) == dict.fromkeys(SIDES, ("single", "4"))
    assert not [s for s in book.styles if s.type == 3 and s.name == "Table Grid"]  # unused


def test_table_columns_are_fitted_to_their_content(book: Any) -> None:
    tables = grid_tables(book)
    for table in tables:
        assert sum(_widths(table)) == 8844  # the text block's width, in both grid and cells
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    customers = next(t for t in tables if t.rows[0].cells[1].text == "合作起始年份")
    widths = _widths(customers)
    assert widths[1] >= 6 * 240 + 216  # 合作起始年份 on one line: 6 characters of 小四
    years = next(t for t in tables if [c.text for c in t.rows[0].cells] == ["年度", "占比"])
    assert years.rows[1].cells[0].text == "2023"
    patents = next(t for t in tables if t.rows[0].cells[0].text == "编号" and len(t.columns) == 4)
    number, name = _widths(patents)[:2]
    assert number >= 16 * 125  # ZL202310512345.6 whole
    assert name > number  # the titles get the room


def test_short_tables_stay_together_and_keep_their_distance(book: Any) -> None:
    for table in grid_tables(book):
        rows = table.rows
        if len(rows) > 15:
            continue
        for row in rows[:-1]:
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        assert not any(
            p.paragraph_format.keep_with_next for c in rows[-1].cells for p in c.paragraphs
        )
        following = table._tbl.getnext()
        if following is not None and following.tag == f"{W}p":
            assert following.find(f".//{W}spacing").get(f"{W}before") == "160"


def test_captions_are_numbered_in_order_and_comparisons_name_their_peer(tmp_path: Path) -> None:
    data = example_data()
    data["report"]["technology"]["advancement"]["science_awards"] = []  # 表3 is absent
    document = _render(tmp_path, data)["report_book"]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    tables = [int(re.match(r"表(\d+)", c).group(1)) for c in captions if c.startswith("表")]
    assert tables == list(range(1, len(tables) + 1))
    assert [c for c in captions if c.startswith("图")] == [
        "图1　近三年市场占有率",
        "图2　近三年产品销售收入及其占企业营业收入的比重",
    ]
    comparisons = [t for t in grid_tables(document) if t.rows[0].cells[-1].text == "优劣方向"]
    assert len(comparisons) == 3  # 表1, 表6 (reliability) and 表7 (quality metrics)
    assert all(t.rows[0].cells[4].text == "对比对象" for t in comparisons[:2])


def test_the_evidence_appendix_has_no_digests_and_paths_break_at_a_slash(book: Any) -> None:
    evidence = next(t for t in grid_tables(book) if t.rows[0].cells[-1].text == "文件")
    assert [c.text for c in evidence.rows[0].cells] == ["编号", "类型", "名称", "文件"]
    for row in evidence.rows[1:]:
        text = row.cells[3].text  # python-docx reads a break as "\n"
        lines = text.split("\n")
        assert "".join(lines).startswith("evidence/")
        assert all(line.endswith("/") for line in lines[:-1]), text  # never inside a name


def test_quotes_after_latin_letters_are_drawn_chinese(tmp_path: Path) -> None:
    data = example_data()
    data["report"]["technology"]["advancement"]["text"] += "\n\n采用“RTCP”和“ISO 9001”—即国际标准。"
    document = _render(tmp_path, data)["report_book"]
    marks = [
        r
        for p in document.paragraphs
        if "RTCP”" in p.text
        for r in p.runs
        if r.text and set(r.text) <= set("“”‘’—…·")
    ]
    assert set("".join(r.text for r in marks)) == {"“", "”", "—"}
    for run in marks:
        fonts = run._r.find(f".//{W}rFonts")
        assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "仿宋_GB2312"


def test_lists_are_numbered_the_way_official_documents_number_them(tmp_path: Path) -> None:
    data = example_data()
    data["report"]["brand"]["building"]["text"] += (
        "\n\n- 品牌定位\n- 品牌传播\n  - 展会\n  - 线上课程\n- 品牌保护\n\n3. 第三条\n4. 第四条\n"
    )
    document = _render(tmp_path, data)["report_book"]
    items = [p.text for p in document.paragraphs if p.style.name == "List Text"]
    assert items[-7:] == ["1.品牌定位", "2.品牌传播", "（1）展会", "（2）线上课程", "3.品牌保护",
                          "3.第三条", "4.第四条"]  # fmt: skip
    assert all("•" not in p.text for p in document.paragraphs)
    indent = document.styles["List Text"].element.find(f".//{W}ind")
    assert indent.get(f"{W}firstLineChars") == "200"  # a numbered paragraph, not a hanging bullet


def test_the_letter_leaves_the_signature_line_free(tmp_path: Path) -> None:
    letter = _render(tmp_path)["commitment_letter"]
    block = letter.tables[-1]  # on the right, the company name on one line of its own
    assert int(block.alignment) == 2
    rows = [[c.text for c in row.cells] for row in block.rows]
    assert rows[0] == ["法定代表人（签字）：", ""]  # left free for the hand
    assert block.rows[0].cells[1]._tc.find(f".//{W}tcBorders/{W}bottom") is not None
    assert ["单位（盖章）：", "杭州富春精工数控机床有限公司"] in rows
    assert rows[-1] == ["", "2026年6月20日"]
    assert "张建国" not in "\n".join(_texts(letter)) + str(rows)
    items = [p.text for p in letter.paragraphs if re.match(r"\d", p.text)]
    assert items[0].startswith("1.本单位对所提交") and len(items) == 6  # 1. as the book's


def test_charts_say_what_the_tables_say_in_print_sizes() -> None:
    app = check_file(EXAMPLES / "advanced-cnc" / "application.yaml").application
    assert app is not None
    figure = sales_figure(app.financials)
    bars, line = figure.axes  # the product's sales, and their share of revenue
    assert not bars.get_title() and not line.get_title()
    labels = [t.get_text() for t in bars.texts]
    assert labels == ["1,850", "4,260", "5,630"]
    assert [t.get_text() for t in line.texts] == ["4.79%", "9.95%", "11.90%"]  # as 表14
    assert min(TEXT_PT, LABEL_PT) >= 9
    for axes in figure.axes:
        for text in [*axes.texts, *axes.get_xticklabels(), *axes.get_yticklabels()]:
            assert text.get_fontsize() >= 9, text.get_text()
    width_mm = figure.get_figwidth() * 25.4
    assert round(width_mm) == 150  # drawn at the size it is printed
    shares = market_share_figure(app.financials).axes[0]
    assert [t.get_text() for t in shares.texts][:3] == ["3.1%", "6.4%", "8.2%"]


def test_the_check_report_is_a_word_document_too(tmp_path: Path) -> None:
    data = example_data()
    data["enterprise"]["quality"]["capability_evaluated"] = False  # a warning to list
    outputs = {(o.kind, o.format): o.path for o in render(check_data(data), tmp_path)}
    report = Document(str(outputs[("check_report", "docx")]))
    text = "\n".join(_texts(report))
    assert "检　查　报　告" in text and "通过检查，有 1 条警告。" in text
    tables = grid_tables(report)
    criteria = [[c.text for c in row.cells] for row in tables[0].rows]
    assert criteria[0] == ["指标", "本企业", "标准", "是否达到"]
    assert any(row[0] == "近三年年均销售收入（三年平均，万元）" for row in criteria)
    findings = [[c.text for c in row.cells] for row in tables[1].rows]
    assert findings[0] == ["级别", "位置", "问题", "依据"]
    assert findings[1][0] == "警告" and "质量管理能力评价" in findings[1][2]
    assert "判断口径说明" in text and "| --- |" not in text
    markdown = outputs[("check_report", "md")].read_text("utf-8")
    assert "质量管理能力评价" in markdown and "## 判断口径说明" in markdown


@pytest.mark.parametrize(
    ("example", "declared", "says"),
    [
        (
            "advanced-cnc",
            None,
            "）不属于山区海岛县。适用标准：一般标准",
        ),
        (
            "consumer-tea",
            None,
            "）属于山区海岛县。适用标准：山区海岛县",
        ),
        (
            "advanced-cnc",
            True,
            "不属于山区海岛县；申报文件指定为“是”，按指定执行。适用标准：山区海岛县",
        ),
    ],
)
def test_the_check_report_says_which_threshold_applies(
    example: str, declared: bool | None, says: str
) -> None:
    from reportgen.render.check_report import check_context

    data = example_data(EXAMPLES / example / "application.yaml")
    if declared is not None:
        data["enterprise"]["mountain_island"] = declared
    checked = check_data(data, EXAMPLES / example)
    assert checked.application is not None and checked.policy is not None
    notes = "\n".join(check_context(checked).notes)
    assert says in notes
