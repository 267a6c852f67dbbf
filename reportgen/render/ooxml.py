"""Properties set on elements of a rendered document, each in the place OOXML orders it.

Word refuses a file whose properties come in another order (LibreOffice reads it), so
every pass that adds one goes through `child`, which knows the order of the property
elements the passes and the template builder touch. Children of elements not listed
here (a paragraph's w:pPr, a run's w:rPr, a cell's w:tcPr) come first.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn as _qn

# "w:p" → "{http://…/main}p": python-docx builds the string anew on every call, and the
# typesetting passes ask ~13 000 times per report book (~10 ms); the tags are few
qn = lru_cache(maxsize=512)(_qn)

# ECMA-376 part 1: §17.3.1.26 pPr, §17.3.2.28 rPr, §17.4.60 tblPr, §17.4.70 tcPr,
# §17.6.17 sectPr, §17.7.5.1 docDefaults
_ORDER = {
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ),
    "w:rPr": (
        "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs",
        "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
        "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
        "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
        "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
        "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath",
    ),
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
        "w:tblCaption", "w:tblDescription",
    ),
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    ),
    "w:sectPr": (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
        "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
        "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
    ),
    "w:docDefaults": ("w:rPrDefault", "w:pPrDefault"),
}  # fmt: skip
_EARLIER = {  # parent tag → child tag → the tags that come before it
    qn(parent): {qn(tag): {qn(t) for t in order[:i]} for i, tag in enumerate(order)}
    for parent, order in _ORDER.items()
}


# The lines of every table reportgen writes (single, ½ pt, outside and inside), set on each
# table, not through a table style (Word's "Table Grid" draws the same): LibreOffice 7.4
# applies a table style to each cell and paragraph of the table as it reads the .docx, even
# a style with no properties — 9 % of converting a report book (docs/pdf.md). Tables with
# no style take the default one's cell margins (108 twips), as Table Grid did: the PDF is
# the same to the pixel.
GRID_LINES = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


def child(parent: Any, tag: str) -> Any:
    """`parent`'s `tag` element, added where OOXML's order wants it if missing."""
    node = parent.find(qn(tag))
    if node is not None:
        return node
    node = OxmlElement(tag)
    earlier = _EARLIER.get(parent.tag, {}).get(qn(tag), set())
    index = 0
    for i, sibling in enumerate(parent):
        if sibling.tag in earlier:
            index = i + 1
    parent.insert(index, node)
    return node
