"""The book as LibreOffice prints it: every punctuation mark kept at line ends, the
22 × 28 grid, page numbers where GB/T 9704 puts them, and a user's own fonts."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from fontTools import subset
from fontTools.ttLib import TTFont

from reportgen.convert import ConverterPool
from reportgen.render import render

from .conftest import check_data, example_data
from .pdf_tools import needs_libreoffice, pdf_fonts, pdf_pages

PUNCTUATION = "，。、；：？！）》”"
# the first line of a paragraph holds 26 characters (2 of indent), the next ones 28
LINE_ENDS = [*range(24, 29), *range(52, 57)]
MM = 72 / 25.4


def _punctuation_paragraphs() -> list[str]:
    """A paragraph for each mark at each position around a line's end: one of them is the
    last character of a full line, which LibreOffice hung into the margin and lost."""
    return [
        "中" * (position - 1) + mark + "文" * (20 + i % 7)
        for mark in PUNCTUATION
        for i, position in enumerate(LINE_ENDS)
    ]


@pytest.fixture(scope="module")
def typeset(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("typeset")
    data = example_data()
    data["report"]["technology"]["advancement"]["text"] = "\n\n".join(_punctuation_paragraphs())
    data["report"]["quality"]["safety"]["text"] = "永" * 1500
    with ConverterPool(1) as pool:
        outputs = render(check_data(data), out, converter=pool)
    return {f"{o.kind}.{o.format}": o.path for o in outputs}


def _raw_text(pdf: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line for line in raw.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    return re.sub(r"\s+", "", "".join(lines))


@needs_libreoffice
def test_no_punctuation_is_lost_at_the_end_of_a_line(typeset: dict[str, Any]) -> None:
    paragraphs = _punctuation_paragraphs()
    book = Document(str(typeset["report_book.docx"]))
    docx_text = "".join(p.text for p in book.paragraphs if p.style.name == "Body Text")
    pdf_text = _raw_text(typeset["report_book.pdf"])
    assert all(p in docx_text for p in paragraphs)
    missing = [p for p in paragraphs if p not in pdf_text]
    assert missing == [], f"{len(missing)} paragraphs differ in the PDF, e.g. {missing[:2]}"
    for mark in PUNCTUATION:  # and no mark of the body anywhere else
        assert pdf_text.count(mark) >= docx_text.count(mark), mark


@needs_libreoffice
def test_22_lines_of_28_characters(typeset: dict[str, Any]) -> None:
    pages = pdf_pages(typeset["report_book.pdf"])
    lines_per_page = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines()]
        full = [line for line in lines if line and set(line) == {"永"}]
        lines_per_page.append(len(full))
        inner = [len(line) for line in full[1:-1]]  # not a paragraph's first or last line
        assert all(length == 28 for length in inner), inner
    assert max(lines_per_page) == 22  # a page of nothing but body text


def _words(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """Per page: (word, xMin, xMax, yMin) from pdftotext -bbox."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            page,
        )
        pages.append([(w, float(x0), float(x1), float(y0)) for x0, y0, x1, w in words])
    return pages


@needs_libreoffice
def test_page_numbers_one_character_in_odd_right_even_left(typeset: dict[str, Any]) -> None:
    left, right = 28 * MM, (210 - 26) * MM  # the text block's edges
    pages = _words(typeset["report_book.pdf"])
    assert not [w for w in pages[0] if w[0] == "—" and w[3] > 745]  # no number on the cover
    for number, words in enumerate(pages[1:], start=2):
        footer = [w for w in words if w[3] > 745]  # below the text block (297 − 35 mm)
        assert [w[0] for w in footer] == ["—", str(number), "—"], (number, footer)
        if number % 2:  # odd: on the right, one 14 pt character in from the edge
            assert abs(footer[-1][2] - (right - 14)) < 3, footer
        else:
            assert abs(footer[0][1] - (left + 14)) < 3, footer


def _renamed_font(target: Path, family: str, chinese: str, text: str) -> None:
    """A free font under another family name, as a Windows font folder would hold it:
    LXGW WenKai subset to `text`, called `family` (English and Chinese records)."""
    font = TTFont("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
    options = subset.Options()
    options.name_IDs, options.name_languages, options.notdef_outline = [], [], True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    names = font["name"]
    names.names = []
    for language, name in ((0x409, family), (0x804, chinese)):
        for record, value in ((1, name), (2, "Regular"), (4, name), (16, name), (17, "Regular")):
            names.setName(value, record, 3, 1, language)
    names.setName(family, 6, 3, 1, 0x409)
    font["OS/2"].fsType = 0
    font.save(str(target))


@needs_libreoffice
def test_a_folder_of_the_user_s_fonts_is_used_before_the_free_ones(tmp_path: Path) -> None:
    if not Path("/usr/share/fonts/truetype/lxgw-wenkai").is_dir():
        pytest.skip("fonts-lxgw-wenkai is not installed (run scripts/setup.sh)")
    text = "浙江制造精品报告书仿宋正文"
    fonts = tmp_path / "windows-fonts"
    fonts.mkdir()
    _renamed_font(fonts / "simfang.ttf", "FangSong", "仿宋", text)
    document = Document()
    run = document.add_paragraph().add_run(text)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "仿宋_GB2312"
    )
    source = tmp_path / "fangsong.docx"
    document.save(str(source))
    with ConverterPool(1, fonts=fonts) as pool:
        with_folder = pool.convert(source, tmp_path / "with.pdf")
    with ConverterPool(1) as pool:
        without = pool.convert(source, tmp_path / "without.pdf")
    assert "FangSong" in pdf_fonts(with_folder)
    assert "FangSong" not in pdf_fonts(without)
    assert any(name.startswith("NotoSerifCJK") for name in pdf_fonts(without))


def test_doctor_shows_the_font_folder_and_what_it_draws(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgen.cli import cli

    if not Path("/usr/share/fonts/truetype/lxgw-wenkai").is_dir():
        pytest.skip("fonts-lxgw-wenkai is not installed (run scripts/setup.sh)")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    _renamed_font(fonts / "simkai.ttf", "KaiTi", "楷体", "楷体标题")
    result = CliRunner(env={"REPORTGEN_LANG": "zh"}).invoke(cli, ["doctor", "--fonts", str(fonts)])
    assert f"✓ 字体文件夹: {fonts} (KaiTi)" in result.output
    assert "✓ 楷体_GB2312 → KaiTi" in result.output
    assert "✓ 仿宋_GB2312 → Noto Serif CJK SC" in result.output  # no 仿宋 in the folder
