"""The last pass over a rendered document, done as a typesetter would by hand.

- Captions are numbered in order (表1, 表2 …, 图1 …): the templates number every table
  they may hold, an application shows only those it has.
- Table columns get the width their content needs (columns.py).
- A short table stays on one page (keep-with-next down its rows but the last), and
  the paragraph after a table keeps a little distance from it.
- “ ” ‘ ’ — … ℃ are drawn with the Chinese font: LibreOffice gives the marks the script
  of the character before, so after Latin letters they came out narrow, in Times.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from reportgen.render.columns import WIDE_MARKS, fit_columns, paragraph_text, style_sizes
from reportgen.render.ooxml import child, qn

SHORT_TABLE_ROWS = 15  # up to this many rows a table is kept on one page
_CAPTION = re.compile(r"^(表|图)\d+(?=[\s　])")
# drawn with the Chinese font: quotes and dashes take their neighbour's script in
# LibreOffice, and ℃ ℉ ※ are not in Times' metric twin at all (DejaVu stood in)
_CHINESE_MARKS = WIDE_MARKS
_SPLIT_MARKS = re.compile(f"([{_CHINESE_MARKS}]+)")


def typeset(document: Any) -> None:
    """`document`: a python-docx Document, after the template is filled."""
    body = document.element.body
    _number_captions(document)
    sizes = style_sizes(document)
    for table in body.iter(qn("w:tbl")):
        fit_columns(table, sizes)
        _keep_short_together(table)
        _keep_with_introduction(table)
        _distance_after(table)
    _chinese_marks(document)


def _number_captions(document: Any) -> None:
    from docx.text.paragraph import Paragraph

    # by the style's id, read off each paragraph: python-docx's paragraph.style looks the
    # style up among all of them, for each of a report book's ~220 paragraphs (~16 ms)
    ids = {style.style_id for style in document.styles if style.name == "Caption"}
    counters = {"表": 0, "图": 0}
    for element in document.element.body.iterchildren(qn("w:p")):
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) not in ids:
            continue
        paragraph = Paragraph(element, document)
        match = _CAPTION.match(paragraph.text)
        if match is None or not paragraph.runs:
            continue
        kind = match.group(1)
        counters[kind] += 1
        first = paragraph.runs[0]
        if first.text.startswith(match.group()):  # the number is in the first run
            first.text = f"{kind}{counters[kind]}" + first.text[len(match.group()) :]


# ------------------------------------------------------------------ pages and spacing
def _keep_short_together(table: Any) -> None:
    """LibreOffice and Word keep a table on one page when every row's paragraphs keep
    with the next; the last row does not, or the table would pull what follows along."""
    rows = table.findall(qn("w:tr"))
    if len(rows) > SHORT_TABLE_ROWS:
        return
    for row in rows[:-1]:
        for paragraph in row.iter(qn("w:p")):
            _keep_with_next(paragraph)


def _keep_with_introduction(table: Any) -> None:
    """A paragraph that introduces a table (…如下：) stays on the table's page."""
    before = table.getprevious()
    if before is None or before.tag != qn("w:p"):
        return
    text = paragraph_text(before).rstrip()
    if text.endswith(("：", ":")):
        _keep_with_next(before)


def _keep_with_next(paragraph: Any) -> None:
    child(child(paragraph, "w:pPr"), "w:keepNext")


def _distance_after(table: Any) -> None:
    """Half a line between a table and the paragraph after it."""
    following = table.getnext()
    if following is None or following.tag != qn("w:p"):
        return
    properties = child(following, "w:pPr")
    if properties.find(qn("w:spacing")) is None:
        child(properties, "w:spacing").set(qn("w:before"), "160")


# ------------------------------------------------------------------ quotes and dashes
def _chinese_marks(document: Any) -> None:
    fonts = _east_asian_fonts(document)
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        font = fonts.get(style.get(qn("w:val")) if style is not None else "", fonts[""])
        for run in list(paragraph.findall(qn("w:r"))):
            content = [child for child in run if child.tag != qn("w:rPr")]
            if len(content) != 1 or content[0].tag != qn("w:t"):
                continue  # fields, breaks, images: left as they are
            text = content[0].text
            if text and _SPLIT_MARKS.search(text):
                _split_marks(run, text, font)


def _split_marks(run: Any, text: str, font: str) -> None:
    """The run as several: its marks in runs whose Latin font is the Chinese one."""
    parts = [p for p in _SPLIT_MARKS.split(text) if p]
    for part in parts:
        piece = copy.deepcopy(run)
        piece.find(qn("w:t")).text = part
        if _SPLIT_MARKS.fullmatch(part):
            rfonts = child(child(piece, "w:rPr"), "w:rFonts")
            rfonts.set(qn("w:ascii"), font)
            rfonts.set(qn("w:hAnsi"), font)
        run.addprevious(piece)
    run.getparent().remove(run)


def _east_asian_fonts(document: Any) -> dict[str, str]:
    """Style id → the East-Asian font its text is drawn with ("" → the document's)."""
    defaults = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    default = defaults.get(qn("w:eastAsia")) if defaults is not None else None
    fonts = {"": default or "宋体"}
    for style in document.styles:
        current, found = style, None
        while current is not None and found is None:
            rfonts = current.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            found = rfonts.get(qn("w:eastAsia")) if rfonts is not None else None
            current = getattr(current, "base_style", None)  # numbering styles have none
        fonts[style.style_id] = found or fonts[""]
    return fonts
