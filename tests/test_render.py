"""Rendering: real .docx files, read back with python-docx."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.context import build_context
from reportgen.errors import RenderError
from reportgen.model import SUBSECTIONS
from reportgen.render import TEMPLATE_DIR, RenderRefused, render

from .conftest import ADVANCED, ROOT, check_data, edit_template, example_data, template_copy
from .docx_tools import grid_tables

BOOK, LETTER = "浙江制造精品报告书.docx", "承诺书.docx"


def rendered(checked: Any, out: Path, **kw: Any) -> dict[str, Path]:
    return {o.kind: o.path for o in render(checked, out, **kw)}


@pytest.fixture(scope="module")
def advanced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return rendered(check_file(ADVANCED), tmp_path_factory.mktemp("out"))


def all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.even_page_header.paragraphs]
    return "\n".join(parts)


def test_headings_follow_the_outline(advanced: dict[str, Path]) -> None:
    document = Document(str(advanced["report_book"]))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2")
    ]
    expected: list[tuple[str, str]] = []
    for _, part, title in SUBSECTIONS:
        if ("Heading 1", part) not in expected:
            expected.append(("Heading 1", part))
        expected.append(
            ("Heading 2", title.replace("（一）产品技术先进性", "（一）产品技术先进性"))
        )
    assert headings[: len(expected)] == expected
    assert headings[len(expected)][1].startswith("附件")


def test_tables_show_the_context_s_figures(advanced: dict[str, Path]) -> None:
    checked = check_file(ADVANCED)
    assert checked.application and checked.policy
    context = build_context(checked.application, checked.policy)
    document = Document(str(advanced["report_book"]))
    grids = grid_tables(document)
    financial = next(
        t
        for t in grids
        if [c.text for c in t.rows[0].cells] == ["指标", "2023年", "2024年", "2025年"]
        and t.rows[1].cells[0].text == "产品销售收入（万元）"
    )
    shown = [[c.text for c in row.cells] for row in financial.rows[1:]]
    assert shown == [[r.label, *r.cells] for r in context.financial_table]
    comparisons = next(t for t in grids if t.rows[0].cells[-1].text == "优劣方向")
    assert comparisons.rows[1].cells[2].text == "0.005（优）"
    assert comparisons.rows[0].cells[4].text == "对比对象"
    criteria = next(t for t in grids if t.rows[0].cells[-1].text == "是否达到")
    assert len(criteria.rows) == 4  # launch, sales, R&D: the strict average is the report's
    assert [c.text for c in criteria.rows[2].cells[:2]] == [
        "年均销售收入（2023—2025年，万元）",
        context.sales.lenient_average,
    ]


def test_header_rows_repeat_and_rows_do_not_split(advanced: dict[str, Path]) -> None:
    document = Document(str(advanced["report_book"]))
    tables = document.tables[1:]  # after the cover's signing block
    assert len(tables) > 15
    for table in tables:
        first = table.rows[0]._tr
        assert first.find(".//{*}tblHeader") is not None
        for row in table.rows[1:]:
            assert row._tr.find(".//{*}cantSplit") is not None


def test_layout_fonts_and_page_numbers(advanced: dict[str, Path]) -> None:
    document = Document(str(advanced["report_book"]))
    section = document.sections[1]
    assert round(section.top_margin.mm) == 37 and round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28 and round(section.right_margin.mm) == 26
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    body = document.styles["Body Text"].element
    fonts = body.find(".//{*}rFonts")
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii")
        == "Times New Roman"
    )
    assert (
        body.find(".//{*}ind").get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstLineChars"
        )
        == "200"
    )
    heading = document.styles["Heading 1"].element.find(".//{*}rFonts")
    assert (
        heading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "黑体"
    )
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml
    assert section.even_page_footer.paragraphs[0].alignment == 0  # left on even pages
    assert not any(p.text for p in document.sections[0].footer.paragraphs)  # none on the cover
    with zipfile.ZipFile(advanced["report_book"]) as docx:
        settings = docx.read("word/settings.xml").decode()
        document_xml = docx.read("word/document.xml").decode()
    assert "updateFields" in settings and 'TOC \\o "1-2"' in document_xml


def test_charts_are_embedded(advanced: dict[str, Path]) -> None:
    with zipfile.ZipFile(advanced["report_book"]) as docx:
        images = [n for n in docx.namelist() if n.startswith("word/media/")]
    assert len(images) == 2


def test_letter_has_the_commitments(advanced: dict[str, Path]) -> None:
    text = all_text(Document(str(advanced["commitment_letter"])))
    for expected in (
        "浙江省经济和信息化厅",
        "杭州富春精工数控机床有限公司",
        "高精度五轴联动数控加工中心",
        "真实性、合法性、准确性和完整性",
        "严重失信",
        "法定代表人（签字）：\n",  # the line is left for the signature by hand
        "2026年6月20日",
    ):
        assert expected in text
    assert "张建国" not in text


def test_byte_identical_re_render(tmp_path: Path) -> None:
    first = rendered(check_file(ADVANCED), tmp_path / "a")
    second = rendered(check_file(ADVANCED), tmp_path / "b")
    for kind in ("report_book", "commitment_letter", "check_report"):
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind


def test_user_strings_come_out_literally(tmp_path: Path) -> None:
    data = example_data()
    tricky = "A&B <tag> \"q\" 'a' {{ x }} {% if y %} 😀 Latin 中文"
    data["enterprise"]["name"] = tricky
    data["product"]["name"] = "产品/型号:1*"
    data["report"]["technology"]["advancement"]["text"] = (
        f"{tricky}\x01\x0b结束\n\n" + "长" * 10_000
    )
    checked = check_data(data, ADVANCED.parent)
    assert "control_characters" in {f.code for f in checked.findings}
    out = rendered(checked, tmp_path)
    assert (
        out["report_book"].name
        == "A&B _tag_ _q_ 'a' {{ x }} {% if y %} 😀 Latin 中文-产品_型号_1_-浙江制造精品报告书.docx"
    )
    text = all_text(Document(str(out["report_book"])))
    assert tricky in text and f"{tricky}结束" in text and "长" * 10_000 in text
    assert "\x01" not in text


def test_errors_refuse_and_draft_marks(tmp_path: Path) -> None:
    checked = check_file(ROOT / "examples" / "invalid" / "launch-too-early.yaml")
    with pytest.raises(RenderRefused):
        render(checked, tmp_path / "refused")
    assert not (tmp_path / "refused").exists()
    out = rendered(checked, tmp_path / "draft", draft=True)
    text = all_text(Document(str(out["report_book"])))
    assert "草稿（未通过检查）" in text and "检查发现的错误" in text and "launch_date" in text
    assert json.loads((tmp_path / "draft" / "manifest.json").read_text())["status"] == "draft"
    clean = all_text(Document(str(rendered(check_file(ADVANCED), tmp_path / "ok")["report_book"])))
    assert "草稿" not in clean


def test_manifest_matches_the_files(advanced: dict[str, Path]) -> None:
    import hashlib

    out = advanced["report_book"].parent
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["call"] == "zj-2026"
    assert {o["kind"] for o in manifest["outputs"]} == {
        "report_book",
        "commitment_letter",
        "check_report",
    }
    for output in manifest["outputs"]:
        assert hashlib.sha256((out / output["path"]).read_bytes()).hexdigest() == output["sha256"]
    report = (out / "检查报告.md").read_text(encoding="utf-8")
    assert "判断口径说明" in report and "年均销售收入" in report and "山区海岛县" in report


def test_custom_template_through_template_dir(tmp_path: Path) -> None:
    custom = template_copy(tmp_path)
    edit_template(
        custom / "report_book.docx",
        "浙江制造精品报告书</w:t>",
        "浙江制造精品报告书（咨询公司定制版）</w:t>",
    )
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(ADVANCED),
            "-o",
            str(tmp_path / "out"),
            "--no-pdf",
            "--template-dir",
            str(custom),
        ],
    )
    assert result.exit_code == 0, result.output
    book = next((tmp_path / "out").glob(f"*{BOOK}"))
    assert "咨询公司定制版" in all_text(Document(str(book)))


@pytest.mark.parametrize(
    ("replacement", "code"),
    [
        ("{{ product.no_such_variable }}", "template_variable"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "template_unsafe"),
        ("{{ product.name.__class__.__init__.__globals__ }}", "template_unsafe"),
        ("{% if %}", "template_syntax"),
    ],
)
def test_bad_and_hostile_templates_fail_cleanly(
    tmp_path: Path, replacement: str, code: str
) -> None:
    custom = template_copy(tmp_path)
    edit_template(
        custom / "report_book.docx",
        "浙江制造精品报告书</w:t>",
        replacement.replace("<", "&lt;") + "</w:t>",
    )
    with pytest.raises(RenderError) as caught:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=custom)
    assert caught.value.code == code
    if code == "template_variable":
        assert "no_such_variable" in caught.value.message()
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(ADVANCED),
            "-o",
            str(tmp_path / "cli"),
            "--no-pdf",
            "--template-dir",
            str(custom),
        ],
    )
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert not list((tmp_path / "cli").glob("*.docx")) if (tmp_path / "cli").exists() else True


def test_cli_render_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["render", str(ADVANCED), "-o", str(tmp_path / "a"), "--no-pdf"])
    assert ok.exit_code == 0 and len(list((tmp_path / "a").glob("*.docx"))) == 3
    bad = runner.invoke(
        cli,
        [
            "render",
            str(ROOT / "examples" / "invalid" / "rd-ratio-low.yaml"),
            "-o",
            str(tmp_path / "b"),
        ],
    )
    assert bad.exit_code == 1 and not (tmp_path / "b").exists()


def test_checked_in_templates_are_what_the_script_builds(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "templates" / "build.py"), str(tmp_path)], check=True
    )
    for name in ("report_book.docx", "commitment_letter.docx"):
        assert (tmp_path / name).read_bytes() == (TEMPLATE_DIR / name).read_bytes(), (
            f"run tools/templates/build.py ({name})"
        )


def test_a_failed_render_leaves_no_stale_documents(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = rendered(check_file(ADVANCED), out)
    assert first["report_book"].exists()
    custom = template_copy(tmp_path)
    edit_template(custom / "report_book.docx", "浙江制造精品报告书</w:t>", "{{ missing }}</w:t>")
    with pytest.raises(RenderError):
        render(check_file(ADVANCED), out, template_dir=custom)
    assert not first["report_book"].exists() and not first["commitment_letter"].exists()
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))


def test_properties_come_in_the_order_word_requires(advanced: dict[str, Path]) -> None:
    """Word refuses a file whose property elements are out of OOXML's order (LibreOffice
    and python-docx read it): the templates' styles and every pass's additions."""
    from lxml import etree

    from reportgen.render.ooxml import _ORDER

    orders = {qn(parent): [qn(t) for t in order] for parent, order in _ORDER.items()}
    documents = sorted(advanced["report_book"].parent.glob("*.docx"))
    assert len(documents) == 3  # the book, the letter, the check report
    for document in documents:
        checked = 0
        with zipfile.ZipFile(document) as docx:
            for part in ("word/document.xml", "word/styles.xml"):
                for element in etree.fromstring(docx.read(part)).iter(*orders):
                    order = orders[element.tag]
                    places = [order.index(c.tag) for c in element if c.tag in order]
                    assert places == sorted(places), (document.name, part, element.tag)
                    checked += 1
        assert checked > 20, document.name
