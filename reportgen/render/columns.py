"""Table columns as wide as their content needs, measured rather than guessed.

A column of years is narrow, one of names wide; no header breaks (合作起始年⏎份) while
another column has room; no file name, number or standard code breaks inside itself.
The same for the template's tables and the narratives' Markdown tables. Widths are
estimated from the characters (Chinese one em, Latin by its letters), erring wide.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from docx.oxml import OxmlElement

from reportgen.render.ooxml import child, qn

TEXT_WIDTH_TWIPS = 8844  # 156 mm, the GB/T 9704 text block
CELL_PADDING_TWIPS = 2 * 108 + 40  # Word's default cell margins, and a little air
SHORT_CELL_EMS = 10  # a cell this short is not broken while the table has room
# drawn as Chinese (one em): quotes and dashes, and the symbols the marks pass makes so
WIDE_MARKS = "“”‘’—…·℃℉※"
# breaks allowed only here: between Chinese characters, at spaces, after a slash; a
# standard's number is one token, space and all (GB/T 20957.1-2023, T/ZJAIA 015-2024)
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CODE = r"[A-Z]{1,6}(?:/[A-Z]{1,6})? [0-9][0-9.]*(?:[-:][0-9]{2,4})?"
_TOKEN = re.compile(rf"{_CODE}|[^\s/{_WIDE}]+/?|[{_WIDE}][）》」』”’，。、；：！？%]*|/")


# Times New Roman's advances (em) for the letters that differ most from half an em
_LATIN_EMS = {
    **dict.fromkeys("ijlt", 0.28), **dict.fromkeys("fr", 0.34), "s": 0.39,
    **dict.fromkeys("mw", 0.75), **dict.fromkeys("IJ", 0.36), **dict.fromkeys("MW", 0.9),
    **dict.fromkeys(".,:;'", 0.25), **dict.fromkeys("-/()", 0.33), " ": 0.25,
}  # fmt: skip
SAFETY = 1.08  # estimates err wide: a line we think fits must fit


def _width(text: str, size_pt: float) -> int:
    """Twips `text` takes on one line at `size_pt`, erring wide: Chinese one em, Latin
    by its letters, and the quarter em Word and LibreOffice put between the two."""
    ems, wide_before = 0.0, None
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WFA" or char in WIDE_MARKS
        if wide_before is not None and wide != wide_before and char != " ":
            ems += 0.25
        wide_before = wide if char != " " else wide_before
        if wide:
            ems += 1.0
        elif char in _LATIN_EMS:
            ems += _LATIN_EMS[char]
        elif char.isupper():
            ems += 0.7
        elif char.isdigit() or char.isalpha():
            ems += 0.5
        else:
            ems += 0.45
    return int(ems * size_pt * 20 * SAFETY)


def _cell_size(cell: Any, styles: dict[str, float]) -> float:
    for paragraph in cell.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) in styles:
            return styles[str(style.get(qn("w:val")))]
    return 12.0


def paragraph_text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


_Row = tuple[bool, list[tuple[Any, float]]]  # a header?, and each cell with its size (pt)


def _rows(table: Any, sizes: dict[str, float]) -> list[_Row]:
    """The table's rows as the passes below read them, each cell's size found once."""
    rows = []
    for number, row in enumerate(table.findall(qn("w:tr"))):
        header = number == 0 or row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        rows.append((header, [(cell, _cell_size(cell, sizes)) for cell in row.findall(qn("w:tc"))]))
    return rows


def style_sizes(document: Any) -> dict[str, float]:
    """Style id → font size (pt), for the styles that set one: read once per document."""
    sizes = {}
    for style in document.styles:
        size = getattr(getattr(style, "font", None), "size", None)
        if size is not None:
            sizes[style.style_id] = size.pt
    return sizes


def fit_columns(table: Any, sizes: dict[str, float]) -> None:
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        return
    columns = grid.findall(qn("w:gridCol"))
    count = len(columns)
    if count < 2:
        return
    natural = [0] * count
    # the least width of each column, from the most to the least comfortable: short
    # cells (已授权, 实用新型专利) and headers whole; headers whole; no token broken
    tiers = [[0] * count for _ in range(3)]
    rows = _rows(table, sizes)
    for header, cells in rows:
        if len(cells) != count:
            continue  # merged cells: the other rows decide
        for i, (cell, size) in enumerate(cells):
            for line in map(paragraph_text, cell.iter(qn("w:p"))):
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
    _hold_tokens(rows, widths)
    _align_cells(rows, widths)


def _align_cells(rows: list[_Row], widths: list[int]) -> None:
    """Cells centred vertically in their row; a text that takes more than one line set
    from the left, as a paragraph is, rather than centred line by line."""
    for header, cells in rows:
        for i, (cell, size) in enumerate(cells):
            child(child(cell, "w:tcPr"), "w:vAlign").set(qn("w:val"), "center")
            if header or len(cells) != len(widths):
                continue
            room = widths[i] - CELL_PADDING_TWIPS
            for paragraph in cell.findall(qn("w:p")):
                text = paragraph_text(paragraph)
                long = _width(text, size) > room or paragraph.find(f".//{qn('w:br')}") is not None
                if long and not re.fullmatch(r"[\d\s.,%-]*", text):
                    _justify(paragraph, "left")


def _justify(paragraph: Any, how: str) -> None:
    properties = child(paragraph, "w:pPr")
    if properties.find(qn("w:jc")) is None:  # an alignment the text asked for stays
        child(properties, "w:jc").set(qn("w:val"), how)


def _hold_tokens(rows: list[_Row], widths: list[int]) -> None:
    """Where a cell's text takes more than a line, break it ourselves at a space, a slash
    or between Chinese characters: left alone, LibreOffice breaks at a hyphen too, and
    evidence/new-product-evaluation.pdf came out as new-product-⏎evaluation.pdf."""
    for _, cells in rows:
        if len(cells) != len(widths):
            continue
        for (cell, size), width in zip(cells, widths, strict=True):
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
        table_width = child(properties, "w:tblW")
        table_width.set(qn("w:w"), str(sum(widths)))
        table_width.set(qn("w:type"), "dxa")
        child(properties, "w:tblLayout").set(qn("w:type"), "fixed")
    for row in table.findall(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        position = 0
        for cell in cells:
            span_node = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_node.get(qn("w:val"))) if span_node is not None else 1
            cell_width = sum(widths[position : position + span])
            position += span
            width = child(child(cell, "w:tcPr"), "w:tcW")
            width.set(qn("w:w"), str(cell_width))
            width.set(qn("w:type"), "dxa")
