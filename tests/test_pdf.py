"""The PDFs of the rendered documents, made by the real LibreOffice and read back with poppler."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.context import build_context
from reportgen.convert import ConverterPool
from reportgen.convert.libreoffice import find_libreoffice
from reportgen.errors import ConversionError
from reportgen.model import SUBSECTIONS
from reportgen.render import render

from .conftest import ADVANCED, check_data, example_data
from .pdf_tools import (
    needs_libreoffice,
    pdf_fonts,
    pdf_info,
    pdf_links_and_bookmarks,
    pdf_metadata,
    pdf_pages,
    pdf_text,
)

PARTS = ["一、产品技术水平", "二、产品质量水平", "三、产品品牌价值", "四、综合竞争力"]
HOSTILE_NAME = "A&B <公司> {{ x }}"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The advanced example and a hostile variant, rendered and converted by one pool,
    closed again before the tests look at the files."""
    out = tmp_path_factory.mktemp("pdf")
    hostile = example_data()
    hostile["enterprise"]["name"] = HOSTILE_NAME
    hostile["report"]["technology"]["advancement"]["text"] = (
        "&<>\"' {% if %} \x01😀 " + "很长的段落" * 2000
    )
    with ConverterPool(2) as pool:
        advanced = render(check_file(ADVANCED), out / "advanced", converter=pool)
        variant = render(check_data(hostile), out / "hostile", converter=pool)
        letter = next(o.path for o in advanced if o.kind == "commitment_letter")
        pdfa = pool.convert(letter, out / "letter-pdfa.pdf", pdfa=True)
    found = {f"{o.kind}.{o.format}": o.path for o in advanced}
    found |= {f"hostile.{o.kind}.{o.format}": o.path for o in variant}
    return found | {"pdfa": pdfa, "out": out / "advanced"}


@needs_libreoffice
def test_render_writes_both_pdfs_and_lists_them_in_the_manifest(pdfs: dict[str, Any]) -> None:
    manifest = json.loads((pdfs["out"] / "manifest.json").read_text("utf-8"))
    listed = {(o["kind"], o["format"]): o for o in manifest["outputs"]}
    for kind in ("report_book", "commitment_letter"):
        pdf = pdfs[f"{kind}.pdf"]
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert listed[(kind, "pdf")]["path"] == pdf.name
        assert pdf.name == pdfs[f"{kind}.docx"].with_suffix(".pdf").name
    # no temporary file is left beside them
    assert not [p for p in pdfs["out"].iterdir() if p.name.endswith(".part")]


@needs_libreoffice
def test_the_book_shows_names_headings_and_figures(pdfs: dict[str, Any]) -> None:
    checked = check_file(ADVANCED)
    assert checked.application is not None and checked.policy is not None
    context = build_context(checked.application, checked.policy, checked.findings)
    text = re.sub(r"\s+", "", pdf_text(pdfs["report_book.pdf"]))
    assert context.enterprise.name in text
    assert context.product.name in text
    for _, part, title in SUBSECTIONS:
        assert part in text and title in text
    sales_row = context.financial_table[0]
    for cell in sales_row.cells:
        assert re.sub(r"\s+", "", str(cell)) in text
    assert context.sales.lenient_average in text
    pages = int(pdf_info(pdfs["report_book.pdf"])["Pages"])
    assert 10 <= pages <= 40


@needs_libreoffice
def test_the_table_of_contents_lists_every_heading_with_its_real_page(
    pdfs: dict[str, Any],
) -> None:
    pages = pdf_pages(pdfs["report_book.pdf"])
    heading = re.compile(r"^\s*目\s+录\s*$", re.M)  # not the cover's 推广目录征集
    toc_at = next(i for i, page in enumerate(pages[:3]) if heading.search(page))
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[toc_at], re.MULTILINE)
    titles = [re.sub(r"\s+", "", title) for title, _ in entries]
    expected = [t for _, part, title in SUBSECTIONS for t in (part, title)]
    assert [t for t in titles if t in expected] == list(dict.fromkeys(expected))
    assert set(PARTS) <= set(titles)
    footer = re.compile(r"—\s*(\d+)\s*—")
    for (_, number), title in zip(entries, titles, strict=True):
        # the first page after the contents where the heading stands on a line of its own
        page = next(
            p
            for p in pages[toc_at + 1 :]
            if any(re.sub(r"\s+", "", line) == title for line in p.splitlines())
        )
        assert footer.findall(page)[-1] == number, title


@needs_libreoffice
def test_the_contents_link_to_their_headings_and_the_bookmarks_list_them(
    pdfs: dict[str, Any],
) -> None:
    pages = pdf_pages(pdfs["report_book.pdf"])
    links, bookmarks = pdf_links_and_bookmarks(pdfs["report_book.pdf"])
    expected = [t for _, part, title in SUBSECTIONS for t in (part, title)]
    headings = list(dict.fromkeys(expected))

    def page_of(title: str) -> int:  # 1-based, after the contents (page 2)
        return next(
            number
            for number, page in enumerate(pages[2:], start=3)
            if any(re.sub(r"\s+", "", line) == title for line in page.splitlines())
        )

    linked = {re.sub(r"\s+", "", text): page for text, page in links if text.strip(". ")}
    assert {title: linked.get(title) for title in headings} == {t: page_of(t) for t in headings}
    assert [(title, page) for title, page in bookmarks if title in headings] == [
        (title, page_of(title)) for title in headings
    ]


@needs_libreoffice
def test_footers_number_the_pages_as_printed_the_cover_without(pdfs: dict[str, Any]) -> None:
    # counted from the cover, so odd numbers fall on recto pages printed double-sided
    pages = pdf_pages(pdfs["report_book.pdf"])
    numbers = [re.findall(r"—\s*(\d+)\s*—", page) for page in pages]
    assert numbers[0] == []  # the cover has none
    assert [n[-1] for n in numbers[1:]] == [str(i) for i in range(2, len(pages) + 1)]


@needs_libreoffice
def test_every_font_is_embedded_and_official_names_use_the_mapped_free_fonts(
    pdfs: dict[str, Any],
) -> None:
    for kind in ("report_book.pdf", "commitment_letter.pdf"):
        fonts = pdf_fonts(pdfs[kind])
        assert fonts and all(fonts.values()), fonts
        # 仿宋/小标宋 → Noto Serif CJK, 黑体 → Noto Sans CJK, Latin → Liberation Serif;
        # nothing fell back to a font without hanzi (DejaVu)
        assert all(
            name.startswith(("NotoSerifCJK", "NotoSansCJK", "LXGWWenKai", "LiberationSerif"))
            for name in fonts
        ), fonts
    assert any(name.startswith("NotoSerifCJK") for name in pdf_fonts(pdfs["report_book.pdf"]))
    assert any(name.startswith("NotoSansCJK") for name in pdf_fonts(pdfs["report_book.pdf"]))
    # 楷体 headings in LXGW WenKai, the body's stroke weight (AR PL UKai was lighter)
    assert any(name.startswith("LXGWWenKai") for name in pdf_fonts(pdfs["report_book.pdf"]))
    # 小标宋 titles in Noto Serif CJK's bold face
    assert any("Bold" in name for name in pdf_fonts(pdfs["report_book.pdf"]))


@needs_libreoffice
def test_the_letter_is_one_page_with_its_addressee(pdfs: dict[str, Any]) -> None:
    assert pdf_info(pdfs["commitment_letter.pdf"])["Pages"] == "1"
    assert "浙江省经济和信息化厅" in pdf_text(pdfs["commitment_letter.pdf"])


@needs_libreoffice
def test_title_author_and_tags_come_from_the_application(pdfs: dict[str, Any]) -> None:
    info = pdf_info(pdfs["report_book.pdf"])
    assert info["Title"] == pdfs["report_book.docx"].stem
    assert info["Author"] == "杭州富春精工数控机床有限公司"
    assert info["Tagged"] == "yes"
    assert "pdfaid" not in pdf_metadata(pdfs["report_book.pdf"])


@needs_libreoffice
def test_pdfa_2b_on_request(pdfs: dict[str, Any]) -> None:
    metadata = pdf_metadata(pdfs["pdfa"])
    assert "<pdfaid:part>2</pdfaid:part>" in metadata
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in metadata
    assert all(pdf_fonts(pdfs["pdfa"]).values())


@needs_libreoffice
def test_user_strings_come_out_literally(pdfs: dict[str, Any]) -> None:
    text = pdf_text(pdfs["hostile.report_book.pdf"])
    assert HOSTILE_NAME in text
    assert "很长的段落很长的段落" in text
    assert pdf_info(pdfs["hostile.commitment_letter.pdf"])["Pages"] == "1"


def test_render_without_libreoffice_writes_the_docx_then_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reportgen.convert.libreoffice.find_program", lambda: None)
    find_libreoffice.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["render", str(ADVANCED), "-o", str(tmp_path)])
    finally:
        find_libreoffice.cache_clear()
    assert result.exit_code == 3, result.output
    assert "apt-get install" in result.output and "libreoffice-writer-nogui" in result.output
    assert "Traceback" not in result.output
    assert len(list(tmp_path.glob("*.docx"))) == 3  # book, letter, check report
    assert not list(tmp_path.glob("*.pdf"))
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert {o["format"] for o in manifest["outputs"]} == {"docx", "md"}


def test_the_library_raises_the_same_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reportgen.convert.libreoffice.find_program", lambda: None)
    find_libreoffice.cache_clear()
    try:
        with pytest.raises(ConversionError) as raised, ConverterPool() as pool:
            pool.submit(ADVANCED)
    finally:
        find_libreoffice.cache_clear()
    assert raised.value.code == "libreoffice_missing"
    assert raised.value.exit_code == 3
