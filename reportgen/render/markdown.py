"""Markdown narrative → WordprocessingML paragraphs in the template's own styles.

pandoc (shipped by pypandoc-binary) parses the Markdown of all eleven subsections in one
call (~30 ms, where one docx conversion per subsection would cost ~1 s), with raw HTML
and LaTeX off: user text is data. We write the AST as <w:p>/<w:tbl> XML naming the
template's styles (BodyText, Heading3, ListText, TableText, …), so a consultant's
template restyles the narrative too, and docxtpl inserts it with `{{p …}}`.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from reportgen.errors import RenderError, bug_line
from reportgen.render.columns import TEXT_WIDTH_TWIPS
from reportgen.render.ooxml import GRID_LINES
from reportgen.render.pictures import Pictures, picture_paragraph
from reportgen.source.text import xml_safe, xml_text

# Markdown as FORMAT.md promises it: nothing that could smuggle markup in, and no
# "smart" typography — what the user typed (straight quotes, --, ...) comes out as typed
PANDOC_FORMAT = (
    "markdown-raw_html-raw_tex-raw_attribute-native_divs-native_spans"
    "-fenced_divs-bracketed_spans-tex_math_dollars-yaml_metadata_block-smart"
)
STYLE_BODY, STYLE_HEADING, STYLE_LIST, STYLE_TABLE_TEXT, STYLE_TABLE_HEADING = (
    "BodyText",
    "Heading3",
    "ListText",
    "TableText",
    "TableHeading",
)
STYLE_FIGURE, STYLE_CAPTION = "Figure", "Caption"  # as the charts have them


def markdown_sections(
    texts: Mapping[str, str], pictures: Pictures | None = None
) -> dict[str, Markup]:
    """{key: Markdown} → {key: XML of paragraphs and tables}, in one pandoc run. With
    `pictures`, an image the text shows is placed (with its caption) and kept there for
    render_docx; without, its alt text stands in."""
    keys = list(texts)
    # a separator paragraph derived from the texts themselves: no text can contain it by
    # chance, and the same texts give the same pandoc input (so the parse is cached)
    digest = hashlib.sha256("\0".join(texts[k] for k in keys).encode("utf-8", "replace"))
    marker = f"RGSPLIT{digest.hexdigest()[:24]}"
    source = "\n\n".join(f"{marker}\n\n{texts[k]}" for k in keys)
    try:
        blocks: list[Any] = json.loads(_pandoc_json(source))["blocks"]
    except RecursionError:  # validate says which text (text_nesting); a draft ends here
        raise RenderError("markdown_too_deep") from None
    out: dict[str, list[Any]] = {}
    current: list[Any] | None = None
    index = -1
    for block in blocks:
        if block["t"] == "Para" and block["c"] == [{"t": "Str", "c": marker}]:
            index += 1
            current = out.setdefault(keys[index], [])
        elif current is not None:
            current.append(block)
    written = {}
    for key in keys:
        try:
            written[key] = Markup(_Writer(pictures).blocks(out.get(key, [])))
        except RenderError:
            raise
        except Exception as exc:  # a bug on some Markdown: say whose text it is
            where = section(key)
            raise RenderError("render_bug", part="text", detail=bug_line(exc), **where) from exc
    return written


def section(key: str | None) -> dict[str, str]:
    """Message params naming a subsection ('technology_advancement'): its heading and the
    path of its text in the file."""
    from reportgen.model import SUBSECTIONS

    for (part, name), part_title, title in SUBSECTIONS:
        if key == f"{part}_{name}":
            return {"section": f"{part_title}{title}", "section_path": f"report.{part}.{name}.text"}
    return {}


@lru_cache(maxsize=256)
def _pandoc_json(source: str) -> str:
    import pypandoc

    try:
        result = subprocess.run(
            [pypandoc.get_pandoc_path(), "-f", PANDOC_FORMAT, "-t", "json"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError("pandoc_failed", reason=str(exc)) from None
    return result.stdout.decode("utf-8")


class _Writer:
    """pandoc AST blocks → XML strings. One instance per section."""

    def __init__(self, pictures: Pictures | None = None) -> None:
        self.parts: list[str] = []
        self.pictures = pictures

    def blocks(self, blocks: Iterable[Any], *, level: int = 0) -> str:
        previous = None
        for block in blocks:
            if previous == "Table" and block["t"] == "Table":  # Word needs a paragraph between
                self.parts.append(f'<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr></w:p>')
            self._block(block, level)
            previous = block["t"]
        return "".join(self.parts)

    def _block(self, block: Any, level: int) -> None:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain") and self.pictures is not None:
            self._with_pictures(content)
        elif kind in ("Para", "Plain"):
            self._paragraph(STYLE_BODY, content)
        elif kind == "Figure":  # pandoc 3: an image alone in its paragraph
            self.blocks(content[2], level=level)
        elif kind == "Header":
            self._paragraph(STYLE_HEADING, content[2])
        elif kind == "BulletList":
            for number, item in enumerate(content, start=1):
                self._list_item(list_label(number, level), item, level)
        elif kind == "OrderedList":
            start = content[0][0]
            for number, item in enumerate(content[1], start=start):
                self._list_item(list_label(number, level), item, level)
        elif kind == "BlockQuote" or kind == "Div":
            self.blocks(content if kind == "BlockQuote" else content[1], level=level)
        elif kind == "CodeBlock":
            for line in content[1].splitlines() or [""]:
                self._paragraph(STYLE_BODY, [{"t": "Code", "c": [None, line]}])
        elif kind == "LineBlock":
            for line in content:
                self._paragraph(STYLE_BODY, line)
        elif kind == "DefinitionList":
            for term, definitions in content:
                self._paragraph(STYLE_BODY, [{"t": "Strong", "c": term}])
                for definition in definitions:
                    self.blocks(definition, level=level)
        elif kind == "Table":
            self._table(content)
        # HorizontalRule, RawBlock (disabled), Figure captions without images: nothing

    def _paragraph(self, style: str, inlines: list[Any], align: str | None = None) -> None:
        runs = _Runs()
        runs.inlines(inlines)
        justify = f'<w:jc w:val="{align}"/>' if align else ""
        self.parts.append(
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{justify}</w:pPr>{runs.xml()}</w:p>'
        )

    def _with_pictures(self, inlines: list[Any]) -> None:
        """A paragraph, each image in it placed as a figure of its own after the text
        before it, with its caption (图 N and the alt text; typeset numbers them)."""
        assert self.pictures is not None
        text: list[Any] = []
        for inline in inlines:
            if inline["t"] != "Image":
                text.append(inline)
                continue
            self._text_between(text)
            text = []
            alt, target = inline["c"][1], inline["c"][2][0]
            self.parts.append(picture_paragraph(self.pictures, target, _plain(alt)))
            self._paragraph(STYLE_CAPTION, [{"t": "Str", "c": "图1\u3000"}, *alt])
        self._text_between(text)

    def _text_between(self, inlines: list[Any]) -> None:
        """The text before or after a picture, as a paragraph, without the spaces that
        stood next to the picture."""
        blank = ("Space", "SoftBreak", "LineBreak")
        start, end = 0, len(inlines)
        while start < end and inlines[start]["t"] in blank:
            start += 1
        while end > start and inlines[end - 1]["t"] in blank:
            end -= 1
        if start < end:
            self._paragraph(STYLE_BODY, inlines[start:end])

    def _list_item(self, label: str, item: list[Any], level: int) -> None:
        """A paragraph that starts with its number, indented like the body (公文 lists
        are numbered paragraphs, not hanging bullets)."""
        first, rest = (
            (item[0], item[1:]) if item and item[0]["t"] in ("Para", "Plain") else (None, item)
        )
        inlines = [{"t": "Str", "c": label}, *(first["c"] if first else [])]
        self._paragraph(STYLE_LIST, inlines)
        self.blocks(rest, level=level + 1)

    def _table(self, content: list[Any]) -> None:
        # pandoc ≥ 3: [attr, caption, colspecs, head, bodies, foot]
        head, bodies = content[3], content[4]
        rows = [(row, True) for row in head[1]]
        for body in bodies:
            rows += [(row, False) for row in body[2] + body[3]]
        if not rows:
            return
        columns = len(content[2])
        # the grid is required (docxtpl and Word read it); equal columns here, fitted to
        # their content with the template's tables when the document is typeset
        grid = f'<w:gridCol w:w="{TEXT_WIDTH_TWIPS // columns}"/>' * columns
        xml = [
            '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
            f'<w:jc w:val="center"/>{GRID_LINES}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        ]
        aligns = [_ALIGN.get(spec[0]["t"]) for spec in content[2]]
        for row, is_head in rows:
            row_props = "<w:cantSplit/>" + ("<w:tblHeader/>" if is_head else "")
            xml.append(f"<w:tr><w:trPr>{row_props}</w:trPr>")
            column = 0
            for cell in row[1]:
                span = cell[3]
                # :-- left, --: right, :-: centre; otherwise the paragraph style's (centred)
                align = _ALIGN.get(cell[1]["t"]) or aligns[min(column, columns - 1)]
                column += span
                if span > 1:
                    xml.append(f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>')
                else:
                    xml.append("<w:tc>")
                cell_writer = _Writer()
                style = STYLE_TABLE_HEADING if is_head else STYLE_TABLE_TEXT
                for block in cell[4] or [{"t": "Plain", "c": []}]:
                    inlines = block["c"] if block["t"] in ("Para", "Plain") else []
                    cell_writer._paragraph(style, inlines, None if is_head else align)
                xml.append(f"{''.join(cell_writer.parts)}</w:tc>")
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        self.parts.append("".join(xml))


_ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def list_label(number: int, level: int) -> str:
    """The numbers of GB/T 9704's levels below （一）: 1. then （1） then ①."""
    if level == 0:
        return f"{number}."
    if level == 1 or number > len(_CIRCLED):
        return f"（{number}）"
    return _CIRCLED[number - 1]


_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


class _Runs:
    """Inline AST → <w:r> runs, with bold/italic/… carried down the tree."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, frozenset[str]]] = []

    def inlines(self, inlines: Iterable[Any], marks: frozenset[str] = frozenset()) -> None:
        for inline in inlines:
            kind, content = inline["t"], inline.get("c")
            if kind == "Str":  # without what XML cannot hold, so neighbours are seen right
                self.runs.append((xml_safe(content), marks))
            elif kind == "Space":
                self.runs.append((" ", marks))
            elif kind == "SoftBreak":
                # a line break inside a Chinese paragraph is not a space
                previous = self.runs[-1][0][-1:] if self.runs else ""
                self.runs.append(("" if previous and _is_cjk(previous) else " ", marks))
            elif kind == "LineBreak":
                self.runs.append(("\n", marks))
            elif kind in _MARKS:
                self.inlines(content, marks | {_MARKS[kind]})
            elif kind == "Code":
                self.runs.append((content[1], marks | {"code"}))
            elif kind == "Math":
                self.runs.append((content[1], marks))
            elif kind == "Quoted":
                left, right = ("“", "”") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
                self.runs.append((left, marks))
                self.inlines(content[1], marks)
                self.runs.append((right, marks))
            elif kind in ("Link", "Span"):
                self.inlines(content[1], marks)
            elif kind == "Image":
                self.inlines(content[1], marks)  # the alt text; images are evidence, not prose
            elif kind == "Cite":
                self.inlines(content[1], marks)
            elif kind == "Note":
                self.runs.append(("（", marks))
                for block in content:
                    if block["t"] in ("Para", "Plain"):
                        self.inlines(block["c"], marks)
                self.runs.append(("）", marks))
            # RawInline is disabled in PANDOC_FORMAT; anything else unknown is skipped

    def xml(self) -> str:
        merged: list[tuple[str, frozenset[str]]] = []
        for text, marks in self.runs:  # one run per stretch of equal formatting
            if merged and merged[-1][1] == marks and "\n" not in (text, merged[-1][0]):
                merged[-1] = (merged[-1][0] + text, marks)
            else:
                merged.append((text, marks))
        out = []
        for text, marks in merged:
            if not text:
                continue
            props = "".join(xml for mark, xml in _RUN_PROPS if mark in marks)
            props = f"<w:rPr>{props}</w:rPr>" if props else ""
            if text == "\n":
                out.append(f"<w:r>{props}<w:br/></w:r>")
            else:
                out.append(f'<w:r>{props}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>')
        return "".join(out)


_MARKS = {
    "Strong": "bold",
    "Emph": "italic",
    "Underline": "underline",
    "Strikeout": "strike",
    "Superscript": "superscript",
    "Subscript": "subscript",
    "SmallCaps": "smallcaps",
}
# in the order the OOXML schema requires inside <w:rPr>
_RUN_PROPS = (
    ("code", '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>'),
    ("bold", "<w:b/><w:bCs/>"),
    ("italic", "<w:i/><w:iCs/>"),
    ("smallcaps", "<w:smallCaps/>"),
    ("strike", "<w:strike/>"),
    ("underline", '<w:u w:val="single"/>'),
    ("subscript", '<w:vertAlign w:val="subscript"/>'),
    ("superscript", '<w:vertAlign w:val="superscript"/>'),
)


def _plain(inlines: Iterable[Any]) -> str:
    """The text of inlines, for an image's description (docPr's descr)."""
    runs = _Runs()
    runs.inlines(inlines)
    return "".join(text for text, _ in runs.runs)
