"""The house style of the templates: GB/T 9704-2012 as LibreOffice and Word both lay it out.

Every style the documents use is defined here, so it can be reviewed in one place
(DOMAIN.md "Document layout"). Measured on LibreOffice 7.4 (bench notes in docs/pdf.md):
- 22 lines: 225 mm is 637.8 pt; lines of 29 pt need 638, so only 21 fit. The grid and the
  body's exact spacing are 579 twips (28.95 pt).
- 28 characters: 156 mm is 442.2 pt and 28 × 16 pt is 448; a character grid with a
  negative pitch makes LibreOffice put each character in two cells (14 a line), so the
  characters are drawn 0.25 pt closer instead (w:spacing −5 in the document defaults).
- Hanging punctuation: LibreOffice reads w:overflowPunct the other way round from Word
  (val 1 = no hanging) and, when it hangs a ， at the end of a full first line, drops it
  from the PDF. val 1 means no hanging to LibreOffice and Word's own default to Word.
- Tables, titles and captions are not snapped to the body's line grid (a 12 pt row would
  take a 29 pt line; a 36 pt title line two).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from reportgen.render.ooxml import child
from reportgen.source.files import stable_zip

# 号 → points
SIZE_1, SIZE_2, SIZE_3, SIZE_4, SIZE_XIAO4 = 26, 22, 16, 14, 12
LINE = Twips(579)  # 22 lines in the 225 mm text block (see above)
TABLE_LINE = Pt(22)  # 小四 in table cells, on its own spacing
CHARACTER_SPACING = -5  # half-points: 28 characters of 3号 on the 156 mm line
LATIN = "Times New Roman"
FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = (
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
    "方正小标宋简体",
)
TEXT_WIDTH_MM = 210 - 28 - 26  # A4 less the left and right margins


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
    fonts = child(rpr, "w:rFonts")
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
            child(rpr, tag).set(qn("w:val"), str(int(size * 2)))
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            child(rpr, tag).set(qn("w:val"), "1" if bold else "0")
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def indent_chars(paragraph_format_element, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), as Chinese documents measure it."""
    ind = child(paragraph_format_element.get_or_add_pPr(), "w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * SIZE_3 * 20))


def off_grid(style) -> None:
    """Lines of this style keep their own spacing instead of the body's line grid."""
    child(style.element.get_or_add_pPr(), "w:snapToGrid").set(qn("w:val"), "0")


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
    grid: bool = True,
    space_before: float = 0,
    space_after: float = 0,
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
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
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
        child(style.element.get_or_add_pPr(), "w:outlineLvl").set(qn("w:val"), str(outline))
    if not grid:
        off_grid(style)
    return style


def _document_defaults(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    # Chinese language for East-Asian text (Noto CJK draws Japanese glyph forms without
    # it), 仿宋 3号, drawn 0.25 pt closer for 28 characters a line
    set_fonts(rpr, FANGSONG, SIZE_3)
    child(rpr, "w:spacing").set(qn("w:val"), str(CHARACTER_SPACING))
    ppr_default = child(defaults, "w:pPrDefault")
    ppr = child(ppr_default, "w:pPr")
    child(ppr, "w:overflowPunct").set(qn("w:val"), "1")  # no hanging punctuation (above)
    # python-docx's blank document says its theme fonts are Japanese; Word then picks
    # Japanese fonts wherever a theme font is used
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")


def define_styles(doc) -> None:
    _document_defaults(doc)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph_style(doc, "Normal", base=None, align=justify)
    paragraph_style(doc, "Body Text", first_line_chars=2, align=justify)
    paragraph_style(doc, "List Text", first_line_chars=2, align=justify)
    # the sentences added from the fields often end in Latin (ISO 9001:2015、ISO 14001…):
    # justified, a line before an unbreakable one had its characters spread apart
    paragraph_style(doc, "Generated Text", base="Body Text", first_line_chars=2,
                    align=WD_ALIGN_PARAGRAPH.LEFT)  # fmt: skip
    paragraph_style(doc, "Title", font=XIAOBIAOSONG, size=SIZE_2, align=center, line=Pt(36),
                    grid=False)  # fmt: skip
    paragraph_style(doc, "Cover Title", font=XIAOBIAOSONG, size=SIZE_1, align=center,
                    line=Pt(44), grid=False)  # fmt: skip
    paragraph_style(doc, "Cover Subtitle", font=XIAOBIAOSONG, size=SIZE_2, align=center,
                    line=Pt(40), grid=False)  # fmt: skip
    paragraph_style(doc, "Cover Text", font=KAITI, size=SIZE_3, align=center, grid=False)
    paragraph_style(doc, "Cover Field", font=FANGSONG, size=SIZE_3, line=Pt(40), grid=False)
    paragraph_style(doc, "TOC Heading", font=HEITI, size=SIZE_3, align=center)
    paragraph_style(doc, "Heading 1", font=HEITI, size=SIZE_3, first_line_chars=2,
                    keep_with_next=True, outline=0)  # fmt: skip
    paragraph_style(doc, "Heading 2", font=KAITI, size=SIZE_3, first_line_chars=2,
                    keep_with_next=True, outline=1)  # fmt: skip
    paragraph_style(doc, "Heading 3", font=FANGSONG, size=SIZE_3, bold=True,
                    first_line_chars=2, keep_with_next=True)  # fmt: skip
    paragraph_style(doc, "Table Text", font=FANGSONG, size=SIZE_XIAO4, line=TABLE_LINE,
                    align=center, grid=False)  # fmt: skip
    # as the cells: a 3号 header broke 对比产品 over two lines
    paragraph_style(doc, "Table Heading", base="Table Text", size=SIZE_XIAO4, bold=True,
                    line=TABLE_LINE, align=center, grid=False)  # fmt: skip
    paragraph_style(doc, "Caption", font=HEITI, size=SIZE_XIAO4, line=TABLE_LINE,
                    align=center, keep_with_next=True, grid=False, space_before=6,
                    space_after=3)  # fmt: skip
    paragraph_style(doc, "Figure", line=None, align=center, keep_with_next=True, grid=False,
                    space_before=6)  # fmt: skip
    paragraph_style(doc, "Signature", align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "Draft Mark", font=HEITI, size=SIZE_4, line=None, align=center,
                    grid=False)  # fmt: skip
    doc.styles["Draft Mark"].font.color.rgb = RGBColor(0xC0, 0, 0)
    paragraph_style(doc, "Footer", font=SONGTI, size=SIZE_4, line=None, grid=False)
    paragraph_style(doc, "Header", font=SONGTI, size=SIZE_4, line=None, grid=False)
    for level in (1, 2):  # Word's built-in TOC styles: indent the second level by 2 chars
        toc = paragraph_style(doc, f"toc {level}", line=None)
        toc.paragraph_format.left_indent = Pt(SIZE_3 * 2 * (level - 1))


def page_setup(section, line_pitch=LINE) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # "— 1 —" 7 mm below the text block (GB/T 9704 7.5): its 14 pt line ends 23 mm up
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    grid = child(section._sectPr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(line_pitch.twips)))


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, TOC, …) that Word and LibreOffice compute."""

    def run_with(child) -> None:
        paragraph.add_run()._r.append(child)

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


def chinese_font_run(run, font: str) -> None:
    """A run of punctuation (— “ ”) drawn with the Chinese font: LibreOffice gives these
    the script of the character before, so after a digit they came out Latin and narrow."""
    fonts = child(run._r.get_or_add_rPr(), "w:rFonts")
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)


def page_number(doc, footer, *, odd: bool) -> None:
    """GB/T 9704 7.5: '— 1 —' in 4号 宋体, one character in from the text block's edge:
    odd numbers on the right, even numbers on the left."""
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    one_character = Pt(SIZE_4)
    if odd:
        paragraph.paragraph_format.right_indent = one_character
    else:
        paragraph.paragraph_format.left_indent = one_character
    chinese_font_run(paragraph.add_run("— "), SONGTI)
    add_field(paragraph, "PAGE", "1")
    chinese_font_run(paragraph.add_run(" —"), SONGTI)


def draft_mark(doc, header) -> None:
    paragraph = header.paragraphs[0]
    paragraph.style = doc.styles["Draft Mark"]
    paragraph.add_run("{% if draft %}草稿（未通过检查）{% endif %}")


def fixed_properties(doc, title: str) -> None:
    props = doc.core_properties
    props.title = title
    props.author = "reportgen"
    props.last_modified_by = "reportgen"
    props.revision = 1
    props.created = props.modified = datetime(2026, 1, 1)


# Parts of python-docx's blank document that the templates do not need: Word 2010's
# copy of the styles (stylesWithEffects.xml, 440 KB) and a thumbnail of an empty page.
UNNEEDED_PARTS = {
    "word/stylesWithEffects.xml": "stylesWithEffects.xml",
    "docProps/thumbnail.jpeg": "docProps/thumbnail.jpeg",
}


def keep_used_styles(doc, extra: Sequence[str] = ()) -> None:
    """Only the styles of the house style, those the template refers to and their bases.

    The blank document brings ~175 styles and 376 latent ones (358 KB of styles.xml);
    every rendered document carried them and LibreOffice parsed them all: dropping them
    makes loading a report book ~35 % faster and the .docx 80 % smaller."""
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {doc.styles[name].style_id for name in (*HOUSE_STYLES, *extra)}
    keep |= {i for i, s in by_id.items() if s.get(qn("w:default")) == "1"}
    for element in [doc.element, *_header_footer_parts(doc)]:
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
