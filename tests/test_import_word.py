"""Word → application (reportgen/importing/): report books written here with python-docx
in the ways people write them — styled headings, bold lines, larger lines, Word's list
numbering, short forms, a table in a subsection, an image, a cover table with the
enterprise's name and credit code, text before the first heading, a subsection missing,
one out of order — imported, and every paragraph found where it belongs; nothing lost."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from reportgen.checks import check_file
from reportgen.importing import import_report
from reportgen.source import load

CODE = "91330100MA27XL0Q3X"  # a valid 统一社会信用代码 (its check character computed)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def _bold(document: docx.Document, text: str, size: int | None = None) -> None:
    run = document.add_paragraph().add_run(text)
    if size:
        run.font.size = Pt(size)
    else:
        run.bold = True


@pytest.fixture
def report(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("2025年度浙江制造精品申报书")  # the cover: before any heading
    cover = d.add_table(rows=4, cols=2)
    for i, (label, value) in enumerate(
        [("企业名称", "杭州某某智能装备有限公司"), ("统一社会信用代码", CODE),
         ("产品名称", "高精度五轴联动数控加工中心"), ("产品型号", "XK-5A、XK-5B")]
    ):  # fmt: skip
        cover.cell(i, 0).text, cover.cell(i, 1).text = label, value
    d.add_paragraph("前言：本公司成立于 2012 年，专注数控机床。")
    d.add_heading("一、产品技术水平", 1)  # a styled heading
    d.add_heading("（一）技术先进性", 2)  # a short form
    d.add_paragraph("先进性正文：五轴联动 RTCP 补偿。")
    d.add_picture(io.BytesIO(_png()))
    _bold(d, "(二) 产品技术创新性")  # half-width brackets, bold
    d.add_paragraph("创新性正文：热误差实时补偿。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "本产品"
    table.cell(1, 0).text, table.cell(1, 1).text = "定位精度", "0.005 mm"
    d.add_paragraph("技术主导性", style="List Number")  # numbered by Word, not typed
    d.add_paragraph("主导性正文：牵头制定国家标准。")
    _bold(d, "二．产品质量水平", size=16)  # larger, a full-width point
    _bold(d, "1. 产品可靠性")
    d.add_paragraph("可靠性正文：平均无故障时间 2000 小时。")
    # 产品安全性 is missing
    _bold(d, "（三）质量管理体系")
    d.add_paragraph("质量管理正文：ISO 9001。")
    d.add_heading("四、综合竞争力", 1)
    d.add_heading("（二）企业竞争力", 2)
    d.add_paragraph("企业竞争力正文：营收稳步增长。")
    d.add_heading("三、产品品牌价值", 1)  # out of order: after part four
    d.add_heading("（一）品牌建设", 2)
    d.add_paragraph("品牌建设正文：自主品牌。")
    d.add_heading("（二）品牌美誉度情况", 2)  # a word after the name
    d.add_paragraph("美誉度正文：客户满意。")
    d.add_paragraph("附：其他说明，与提纲无关的一段。")
    path = tmp_path / "2025年报告书.docx"
    d.save(path)
    return path


def test_every_paragraph_lands_where_it_belongs(report: Path, tmp_path: Path) -> None:
    imported, application = import_report(report, tmp_path / "我的申报")
    data = load(application).data
    texts = {f"{part}.{name}": body["text"] for part, group in data["report"].items()
             if isinstance(group, dict) for name, body in group.items()}  # fmt: skip
    assert "先进性正文" in texts["technology.advancement"]
    assert "创新性正文" in texts["technology.innovation"]
    assert "| 定位精度 | 0.005 mm |" in texts["technology.innovation"].replace("  ", " ")
    assert "主导性正文" in texts["technology.leadership"]
    assert "可靠性正文" in texts["quality.reliability"]
    assert "质量管理正文" in texts["quality.management"]
    assert "品牌建设正文" in texts["brand.building"]
    assert "美誉度正文" in texts["brand.reputation"] and "其他说明" in texts["brand.reputation"]
    assert "企业竞争力正文" in texts["competitiveness.enterprise"]
    # the cover and the preface: in report.unplaced, in order, and listed
    unplaced = data["report"]["unplaced"]
    assert unplaced.index("2025年度浙江制造精品申报书") < unplaced.index("前言")
    assert imported.unplaced_paragraphs[0] == "2025年度浙江制造精品申报书"
    # the facts the cover table states
    assert data["enterprise"]["name"] == "杭州某某智能装备有限公司"
    assert data["enterprise"]["credit_code"] == CODE
    assert data["product"]["name"] == "高精度五轴联动数控加工中心"
    assert data["product"]["models"] == ["XK-5A", "XK-5B"]
    # the image: a file of the folder, referred to from its subsection's text
    assert imported.images == ["evidence/导入-image1.png"]
    assert (application.parent / "evidence" / "导入-image1.png").read_bytes()[:4] == b"\x89PNG"
    assert "](evidence/导入-image1.png)" in texts["technology.advancement"]
    # what the report says: the missing subsection, the one out of order
    said = [str(n.key) for n in imported.notes]
    assert "import.missing" in said and "import.out_of_order" in said
    missing = [n.params["heading"] for n in imported.notes if n.key == "import.missing"]
    assert missing == ["产品安全性", "市场占有率", "产品竞争力"]
    # nothing lost: every paragraph and cell of the Word file is in the application
    everything = application.read_text("utf-8")
    source = docx.Document(str(report))
    paragraphs = [p.text for p in source.paragraphs if p.text.strip()]
    paragraphs += [c.text for t in source.tables for r in t.rows for c in r.cells]
    lost = [p for p in paragraphs if _words(p) not in _words(everything)]
    headings = [p for p in lost if p.strip("一二三四五六七八九十、．.()（）1 ").endswith(
        ("水平", "价值", "竞争力", "先进性", "创新性", "主导性", "可靠性", "体系", "建设",
         "美誉度情况"))]  # fmt: skip
    assert lost == headings  # the headings only: they are the outline's own


def _words(text: str) -> str:
    return "".join(text.split()).replace("\\", "")


def test_the_result_validates_and_says_what_is_missing(report: Path, tmp_path: Path) -> None:
    _, application = import_report(report, tmp_path / "我的申报")
    checked = check_file(application)
    assert checked.application is not None  # it parses: the findings are the rules'
    codes = {f.code for f in checked.findings}
    assert "unplaced_text" in codes  # the preface is to be moved
    safety = [f for f in checked.findings if f.path == "report.quality.safety.text"]
    assert safety  # the missing subsection still holds the starter's prompt
    advancement = [f for f in checked.findings if f.path == "report.technology.advancement.text"]
    assert all(f.code != "prompt_left" for f in advancement)


def test_the_command_says_what_it_took_from_where(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "新申报"
    run = subprocess.run(
        [sys.executable, "-m", "reportgen", "import", str(report), "-o", str(target)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert f"enterprise.credit_code：{CODE}（见“统一社会信用代码（表格）”）" in run.stdout
    assert "没有找到“产品安全性”" in run.stdout
    assert "“品牌建设”出现在“企业竞争力”之后" in run.stdout
    again = subprocess.run(
        [sys.executable, "-m", "reportgen", "import", str(report), "-o", str(target)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert again.returncode == 1 and "已存在" in again.stderr  # nothing overwritten


def test_a_file_that_is_not_word_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "报告书.docx"
    fake.write_bytes(b"not a zip at all")
    run = subprocess.run(
        [sys.executable, "-m", "reportgen", "import", str(fake), "-o", str(tmp_path / "x")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1 and "无法读取 Word 文件" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "x" / "application.yaml").exists()


def test_the_result_renders_with_its_image(report: Path, tmp_path: Path) -> None:
    from reportgen.render import render

    _, application = import_report(report, tmp_path / "我的申报")
    outputs = render(check_file(application), tmp_path / "out", draft=True)  # still a draft
    book = next(o.path for o in outputs if o.kind == "report_book" and o.format == "docx")
    document = docx.Document(str(book))
    assert len(document.inline_shapes) >= 1  # the imported image, placed
    texts = [p.text for p in document.paragraphs]
    assert "先进性正文：五轴联动 RTCP 补偿。" in texts and "创新性正文：热误差实时补偿。" in texts
    assert not any("前言" in t for t in texts)  # report.unplaced is not printed
