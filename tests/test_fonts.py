"""Fonts: every official font name the templates use is mapped, and no glyph goes missing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.convert import ConverterPool
from reportgen.convert.fonts import official_fonts
from reportgen.render import DOCUMENTS, TEMPLATE_DIR

from .pdf_tools import needs_libreoffice, pdf_fonts, pdf_text

# the fonts of Chinese official documents, each with the free font of its style
STYLE = {
    "仿宋_GB2312": "NotoSerifCJK",
    "黑体": "NotoSansCJK",
    "楷体_GB2312": "LXGWWenKai",
    "方正小标宋简体": "NotoSerifCJK",
}


def gb2312_hanzi() -> str:
    """The 6,763 hanzi of GB 2312: rows 16–87 of the code table."""
    hanzi = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                hanzi.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the unassigned end of row 55
    return "".join(hanzi)


PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～￥％＃＠＆＊"
FULL_WIDTH_DIGITS = "０１２３４５６７８９"


def test_the_table_holds_all_6763_hanzi() -> None:
    hanzi = gb2312_hanzi()
    assert len(hanzi) == len(set(hanzi)) == 6763
    assert hanzi[0] == "啊" and hanzi[-1] == "齄"


def test_every_font_the_templates_name_is_mapped() -> None:
    mapped = official_fonts()
    for template, _ in DOCUMENTS.values():
        with zipfile.ZipFile(TEMPLATE_DIR / template) as docx:
            xml = b"".join(docx.read(n) for n in docx.namelist() if n.endswith(".xml"))
        named = set(re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', xml.decode("utf-8")))
        assert named and named <= set(mapped), named - set(mapped)
        assert b'w:eastAsia="ja-JP"' not in xml  # theme fonts would be Japanese in Word
    assert set(STYLE) <= set(mapped)
    assert {"仿宋", "FangSong", "SimHei", "楷体", "KaiTi", "宋体", "SimSun"} <= set(mapped)


@needs_libreoffice
def test_pdftotext_gives_back_every_gb2312_hanzi_in_every_official_font(tmp_path: Path) -> None:
    text = gb2312_hanzi() + PUNCTUATION + FULL_WIDTH_DIGITS
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"  # not the blank document's Cambria
    for font in STYLE:
        run = document.add_paragraph().add_run(text)
        properties = run._element.get_or_add_rPr()
        properties.get_or_add_rFonts().set(qn("w:eastAsia"), font)
        language = OxmlElement("w:lang")
        language.set(qn("w:eastAsia"), "zh-CN")
        properties.append(language)
    document.save(str(tmp_path / "gb2312.docx"))
    with ConverterPool(1) as pool:
        pdf = pool.convert(tmp_path / "gb2312.docx")
    extracted = re.sub(r"\s+", "", pdf_text(pdf))
    assert extracted == text * len(STYLE)
    fonts = pdf_fonts(pdf)
    assert all(fonts.values()), fonts  # all embedded
    for prefix in set(STYLE.values()):
        assert any(name.startswith(prefix) for name in fonts), (prefix, fonts)
    assert all(name.startswith((*STYLE.values(), "Liberation")) for name in fonts), fonts


def test_the_title_font_is_a_heavy_song_and_kai_has_the_body_s_weight() -> None:
    import shutil
    import subprocess

    from reportgen.convert.fonts import office_environment

    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed (run scripts/setup.sh)")

    def match(pattern: str) -> str:
        return subprocess.run(
            ["fc-match", "-f", "%{family[0]} %{style[0]}", f"{pattern}:lang=zh-cn"],
            capture_output=True, text=True, env=office_environment(), check=True,
        ).stdout  # fmt: skip

    assert match("方正小标宋简体") == "Noto Serif CJK SC Bold"  # 小标宋 is heavy
    assert match("仿宋_GB2312") == "Noto Serif CJK SC Regular"
    assert match("楷体_GB2312") == "LXGW WenKai Regular"  # UKai was lighter than the body
