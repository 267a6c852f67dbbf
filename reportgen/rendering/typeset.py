"""The last pass over a rendered document, done as a typesetter would by hand.

- Captions are numbered in order (表1, 表2 …, 图1 …): the templates number every table
  they may hold, an application shows only those it has.
- Table columns get the width their content needs: a column of years is narrow, one of
  names wide, no header breaks (合作起始年⏎份) while another column has room, no file
  name or number breaks inside itself. Widths are measured, not guessed from headers,
  for the template's tables and for the narratives' Markdown tables alike.
- A short table stays on one page (keep-with-next down its rows but the last), and
  the paragraph after a table keeps a little distance from it.
- “ ” ‘ ’ — … are drawn with the Chinese font: LibreOffice gives them the script of the
  character before, so after Latin letters they came out narrow, in Times.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TEXT_WIDTH_TWIPS = 8844  # 156 mm, the GB/T 9704 text block
CELL_PADDING_TWIPS = 2 * 108 + 40  # Word's default cell margins, and a little air
SHORT_TABLE_ROWS = 15  # up to this many rows a table is kept on one page
SHORT_CELL_EMS = 10  # a cell this short is not broken while the table has room
_CAPTION = re.compile(r"^(表|图)\d+(?=[\s　])")
_CHINESE_MARKS = "“”‘’—…·"
_SPLIT_MARKS = re.compile(f"([{_CHINESE_MARKS}]+)")
# breaks allowed only here: between Chinese characters, at spaces, after a slash; a
# standard's number is one token, space and all (GB/T 20957.1-2023, T/ZJAIA 015-2024)
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CODE = r"[A-Z]{1,6}(?:/[A-Z]{1,6})? [0-9][0-9.]*(?:[-:][0-9]{2,4})?"
_TOKEN = re.compile(rf"{_CODE}|[^\s/{_WIDE}]+/?|[{_WIDE}][）》」』”’，。、；：！？%]*|/")


def typeset(document: Any) -> None:
    """`document`: a python-docx Document, after the template is filled."""
    body = document.element.body
    _number_captions(document)
    for table in body.iter(qn("w:tbl")):
        _fit_columns(table, document)
        _keep_short_together(table)
        _keep_with_introduction(table)
        _distance_after(table)
    _chinese_marks(document)


def _number_captions(document: Any) -> None:
    counters = {"表": 0, "图": 0}
    for paragraph in document.paragraphs:
        if paragraph.style is None or paragraph.style.name != "Caption":
            continue
        match = _CAPTION.match(paragraph.text)
        if match is None or not paragraph.runs:
            continue
        kind = match.group(1)
        counters[kind] += 1
        first = paragraph.runs[0]
        if first.text.startswith(match.group()):  # the number is in the first run
            first.text = f"{kind}{counters[kind]}" + first.text[len(match.group()) :]


# ------------------------------------------------------------------ column widths
def _width(text: str, size_pt: float) -> int:
    """Twips `text` takes on one line at `size_pt`, erring wide: Chinese one em, Latin
    about half, and the quarter em Word and LibreOffice put between Chinese and Latin."""
    ems, wide_before = 0.0, None
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WFA" or char in _CHINESE_MARKS
        if wide_before is not None and wide != wide_before and char != " ":
            ems += 0.25
        wide_before = wide if char != " " else wide_before
        if wide:
            ems += 1.0
        elif char.isupper():
            ems += 0.7
        elif char.isdigit():
            ems += 0.52
        elif char == " ":
            ems += 0.25
        elif char.isalpha():
            ems += 0.5
        else:
            ems += 0.4
    return int(ems * size_pt * 20)


def _cell_size(cell: Any, styles: dict[str, float]) -> float:
    for paragraph in cell.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) in styles:
            return styles[str(style.get(qn("w:val")))]
    return 12.0


def _cell_text(cell: Any) -> list[str]:
    lines = []
    for paragraph in cell.iter(qn("w:p")):
        lines.append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return lines


def _style_sizes(document: Any) -> dict[str, float]:
    sizes = {}
    for style in document.styles:
        size = getattr(getattr(style, "font", None), "size", None)
        if size is not None:
            sizes[style.style_id] = size.pt
    return sizes


def _fit_columns(table: Any, document: Any) -> None:
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        return
    columns = grid.findall(qn("w:gridCol"))
    count = len(columns)
    if count < 2:
        return
    sizes = _style_sizes(document)
    natural = [0] * count
    # the least width of each column, from the most to the least comfortable: short
    # cells (已授权, 实用新型专利) and headers whole; headers whole; no token broken
    tiers = [[0] * count for _ in range(3)]
    for number, row in enumerate(table.findall(qn("w:tr"))):
        header = number == 0 or row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        cells = row.findall(qn("w:tc"))
        if len(cells) != count:
            continue  # merged cells: the other rows decide
        for i, cell in enumerate(cells):
            size = _cell_size(cell, sizes)
            for line in _cell_text(cell):
                whole = _width(line, size) + CELL_PADDING_TWIPS
                word = max((_width(t, size) for t in _TOKEN.findall(line)), default=0)
                word += CELL_PADDING_TWIPS
                short = whole <= SHORT_CELL_EMS * size * 20 + CELL_PADDING_TWIPS
                natural[i] = max(natural[i], whole)
                tiers[0][i] = max(tiers[0][i], whole if header or short else word)
                tiers[1][i] = max(tiers[1][i], whole if header else word)
                tiers[2][i] = max(tiers[2][i], word)
    least = next((t for t in tiers if sum(t) <= TEXT_WIDTH_TWIPS), tiers[-1])
    widths = _share(natural, least)
    _set_widths(table, columns, widths)
    _hold_tokens(table, widths, sizes)


def _hold_tokens(table: Any, widths: list[int], sizes: dict[str, float]) -> None:
    """Where a cell's text takes more than a line, break it ourselves at a space, a slash
    or between Chinese characters: left alone, LibreOffice breaks at a hyphen too, and
    evidence/new-product-evaluation.pdf came out as new-product-⏎evaluation.pdf."""
    for row in table.findall(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        if len(cells) != len(widths):
            continue
        for cell, width in zip(cells, widths, strict=True):
            size = _cell_size(cell, sizes)
            for paragraph in cell.findall(qn("w:p")):
                runs = paragraph.findall(qn("w:r"))
                texts = [r.find(qn("w:t")) for r in runs]
                if len(runs) != 1 or texts[0] is None or "-" not in (texts[0].text or ""):
                    continue
                lines = _lines(texts[0].text or "", width - CELL_PADDING_TWIPS, size)
                if len(lines) > 1:
                    _break_run(runs[0], texts[0], lines)


def _lines(text: str, width: int, size: float) -> list[str]:
    """`text` filled into lines of `width`, broken only where a token allows."""
    lines, current = [], ""
    for token in re.findall(rf"{_TOKEN.pattern}|\s+", text):
        if current and _width(current + token, size) > width and not token.isspace():
            lines.append(current)
            current = token
        else:
            current += token
    return [*lines, current] if current else lines


def _break_run(run: Any, text: Any, lines: list[str]) -> None:
    text.text = lines[0].rstrip()
    for line in lines[1:]:
        run.append(OxmlElement("w:br"))
        more = OxmlElement("w:t")
        more.set(qn("xml:space"), "preserve")
        more.text = line.strip()
        run.append(more)


def _share(natural: list[int], least: list[int]) -> list[int]:
    """The whole text width shared: natural widths when they fit (the rest spread in
    their proportion), else each its least and the rest where wrapping costs most."""
    total = TEXT_WIDTH_TWIPS
    if sum(natural) <= total:
        scale = total / max(sum(natural), 1)
        return _exact([n * scale for n in natural], total)
    if sum(least) >= total:
        scale = total / max(sum(least), 1)
        return _exact([n * scale for n in least], total)
    room = total - sum(least)
    wants = [max(n - m, 0) for n, m in zip(natural, least, strict=True)]
    return _exact(
        [m + room * w / max(sum(wants), 1) for m, w in zip(least, wants, strict=True)], total
    )


def _exact(widths: list[float], total: int) -> list[int]:
    rounded = [int(w) for w in widths]
    rounded[-1] += total - sum(rounded)
    return rounded


def _set_widths(table: Any, columns: list[Any], widths: list[int]) -> None:
    """Word reads the cells' widths, LibreOffice the grid; a fixed layout keeps both."""
    for column, width in zip(columns, widths, strict=True):
        column.set(qn("w:w"), str(width))
    properties = table.find(qn("w:tblPr"))
    if properties is not None:
        table_width = _element(properties, "w:tblW")
        table_width.set(qn("w:w"), str(sum(widths)))
        table_width.set(qn("w:type"), "dxa")
        _element(properties, "w:tblLayout").set(qn("w:type"), "fixed")
    for row in table.findall(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        position = 0
        for cell in cells:
            span_node = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_node.get(qn("w:val"))) if span_node is not None else 1
            cell_width = sum(widths[position : position + span])
            position += span
            tc_pr = cell.find(qn("w:tcPr"))
            if tc_pr is None:
                tc_pr = OxmlElement("w:tcPr")
                cell.insert(0, tc_pr)
            width = _element(tc_pr, "w:tcW", first=True)
            width.set(qn("w:w"), str(cell_width))
            width.set(qn("w:type"), "dxa")


# Children of w:tblPr and w:tcPr that come before the ones set here (OOXML's order)
_BEFORE = {
    "w:tblW": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
               "w:tblStyleColBandSize"),
    "w:tblLayout": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual",
                    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
                    "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd"),
}  # fmt: skip


def _element(parent: Any, tag: str, *, first: bool = False) -> Any:
    node = parent.find(qn(tag))
    if node is not None:
        return node
    node = OxmlElement(tag)
    if first:
        parent.insert(0, node)
        return node
    before = {qn(t) for t in _BEFORE.get(tag, ())}
    index = 0
    for i, child in enumerate(parent):
        if child.tag in before:
            index = i + 1
    parent.insert(index, node)
    return node


# ------------------------------------------------------------------ pages and spacing
def _keep_short_together(table: Any) -> None:
    """LibreOffice and Word keep a table on one page when every row's paragraphs keep
    with the next; the last row does not, or the table would pull what follows along."""
    rows = table.findall(qn("w:tr"))
    if len(rows) > SHORT_TABLE_ROWS:
        return
    for row in rows[:-1]:
        for paragraph in row.iter(qn("w:p")):
            properties = paragraph.find(qn("w:pPr"))
            if properties is None:
                properties = OxmlElement("w:pPr")
                paragraph.insert(0, properties)
            if properties.find(qn("w:keepNext")) is None:
                keep = OxmlElement("w:keepNext")
                style = properties.find(qn("w:pStyle"))
                properties.insert(1 if style is not None else 0, keep)


def _keep_with_introduction(table: Any) -> None:
    """A paragraph that introduces a table (…如下：) stays on the table's page."""
    before = table.getprevious()
    if before is None or before.tag != qn("w:p"):
        return
    text = "".join(t.text or "" for t in before.iter(qn("w:t"))).rstrip()
    if text.endswith(("：", ":")):
        properties = before.find(qn("w:pPr"))
        if properties is None:
            properties = OxmlElement("w:pPr")
            before.insert(0, properties)
        if properties.find(qn("w:keepNext")) is None:
            style = properties.find(qn("w:pStyle"))
            properties.insert(1 if style is not None else 0, OxmlElement("w:keepNext"))


def _distance_after(table: Any) -> None:
    """Half a line between a table and the paragraph after it."""
    following = table.getnext()
    if following is None or following.tag != qn("w:p"):
        return
    properties = following.find(qn("w:pPr"))
    if properties is None:
        properties = OxmlElement("w:pPr")
        following.insert(0, properties)
    if properties.find(qn("w:spacing")) is None:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), "160")
        _insert_spacing(properties, spacing)


def _insert_spacing(properties: Any, spacing: Any) -> None:
    # w:spacing comes after these children of w:pPr (OOXML's order)
    earlier = {qn(t) for t in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore",
               "w:framePr", "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr",
               "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
               "w:bidi", "w:adjustRightInd", "w:snapToGrid")}  # fmt: skip
    index = 0
    for i, child in enumerate(properties):
        if child.tag in earlier:
            index = i + 1
    properties.insert(index, spacing)


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
            properties = piece.find(qn("w:rPr"))
            if properties is None:
                properties = OxmlElement("w:rPr")
                piece.insert(0, properties)
            rfonts = _element(properties, "w:rFonts", first=True)
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
