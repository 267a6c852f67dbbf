"""The pictures the report's texts show, made ready for print: at most the text's width,
scaled down to Word's print resolution, then placed by render_docx.

A 12-megapixel photo is ~4000 px wide; the text block is 156 mm (6.1 in), which at
220 ppi — Word's "print" compression — needs ~1350 px. Larger pictures are decoded at a
reduced scale where JPEG allows it (Pillow's draft mode: a fraction of the time of a
full decode), resized, and saved again (JPEG quality 85; PNG as PNG, optimised); the
book stays small and the render fast. A picture already small enough goes in as it is.
EXIF rotation is applied, as a phone's photo shows upright in every viewer.

The markdown writer asks `place(file)` while writing a subsection: the picture gets an
id, written into the drawing's `r:embed` as a placeholder; render_docx swaps each one
for the relationship of the image part it adds (`embed_pictures`).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen.errors import RenderError
from reportgen.render.columns import TEXT_WIDTH_TWIPS

PRINT_PPI = 220
EMU_PER_TWIP = 635
EMU_PER_INCH = 914400
TEXT_WIDTH_EMU = TEXT_WIDTH_TWIPS * EMU_PER_TWIP
# a tall picture no taller than the text is wide: a page holds it with its caption
MAX_HEIGHT_EMU = TEXT_WIDTH_EMU
PLACEHOLDER = "rgpicture-"
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Picture:
    data: bytes
    kind: str  # "jpeg" | "png"
    width_emu: int
    height_emu: int


@dataclass
class Pictures:
    """The pictures of one document's texts, relative to the application's folder."""

    base_dir: Path
    placed: dict[str, Picture] = field(default_factory=dict)  # id → picture
    shown: int = 0  # drawings written: each needs a docPr id of its own in the document

    def place(self, target: str) -> tuple[str, Picture]:
        """The id and picture of the file `target` names (checked by checks/pictures.py;
        checked again here, as a render may come from a draft)."""
        from reportgen.checks.evidence import evidence_path

        try:
            path = evidence_path(self.base_dir, target)
        except (OSError, ValueError):
            path = None
        if path is None or not path.is_file():
            raise RenderError("picture_unusable", file=target)
        status = path.stat()
        picture = _prepared(path, status.st_size, status.st_mtime_ns)
        id = PLACEHOLDER + hashlib.sha256(picture.data).hexdigest()[:16]
        self.placed[id] = picture
        return id, picture


@lru_cache(maxsize=64)
def _prepared(path: Path, size: int, changed_ns: int) -> Picture:
    """The picture at print size, once per file version (batch and the browser render
    the same application again and again)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind = {"JPEG": "jpeg", "PNG": "png"}.get(str(image.format))
            if kind is None:
                raise RenderError("picture_unusable", file=path.name)
            rotated = _rotated(image)
            width, height = _shown_size(image.size, rotated)
            needed = round(width / EMU_PER_INCH * PRINT_PPI)  # pixels across, upright
            if image.width <= needed * 1.1 and not rotated:  # small enough as it is
                return Picture(path.read_bytes(), kind, width, height)
            if kind == "jpeg":
                image.draft("RGB", (needed, needed))  # decode at 1/2, 1/4, 1/8 where enough
            upright = ImageOps.exif_transpose(image)
            scale = needed / upright.width
            if scale < 1:
                size_px = (needed, max(1, round(upright.height * scale)))
                upright = upright.resize(size_px, Image.Resampling.LANCZOS)
            return Picture(_encoded(upright, kind), kind, width, height)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise RenderError("picture_unusable", file=path.name) from exc


def _rotated(image: Any) -> bool:
    """The photo says it is to be shown turned (EXIF orientation 5–8) or flipped (2–4)."""
    return int(image.getexif().get(0x0112, 1)) not in (0, 1)


def _shown_size(pixels: tuple[int, int], rotated: bool) -> tuple[int, int]:
    """Its width and height on the page in EMU: the text's width at most, as tall as its
    shape makes it (no taller than MAX_HEIGHT_EMU)."""
    width, height = pixels
    if rotated:
        width, height = height, width  # a 90° turn, the common case of phones
    shown = min(TEXT_WIDTH_EMU, round(width / PRINT_PPI * EMU_PER_INCH))
    shown_height = round(shown * height / width)
    if shown_height > MAX_HEIGHT_EMU:
        shown, shown_height = round(shown * MAX_HEIGHT_EMU / shown_height), MAX_HEIGHT_EMU
    return shown, shown_height


def _encoded(image: Any, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "jpeg":
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def embed_pictures(document: Any, pictures: Pictures | None) -> None:
    """Each placeholder `r:embed` of the rendered document → the relationship of the image
    part added for it (one part per picture, however often it is shown)."""
    from docx.oxml.ns import qn

    if pictures is None or not pictures.placed:
        return
    part = document.part
    done: dict[str, str] = {}
    for blip in document.element.body.iter(qn("a:blip")):
        id = blip.get(qn("r:embed"), "")
        if not id.startswith(PLACEHOLDER) or id not in pictures.placed:
            continue
        if id not in done:
            done[id], _ = part.get_or_add_image(io.BytesIO(pictures.placed[id].data))
        blip.set(qn("r:embed"), done[id])


_DRAWING = (
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp='
    '"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="图片 {n}" descr="{descr}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1" xmlns:a='
    '"http://schemas.openxmlformats.org/drawingml/2006/main"/></wp:cNvGraphicFramePr>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="{n}" name="picture{n}.{kind}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{id}" xmlns:r='
    '"http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
    "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
)
FIRST_DRAWING_ID = 10_000  # above the ids python-docx gives the charts


def picture_paragraph(pictures: Pictures, target: str, description: str) -> str:
    """The paragraph (style Figure, as the charts') holding the picture `target` names."""
    from reportgen.source.text import xml_text

    id, picture = pictures.place(target)
    pictures.shown += 1
    drawing = _DRAWING.format(
        cx=picture.width_emu, cy=picture.height_emu, n=FIRST_DRAWING_ID + pictures.shown,
        descr=xml_text(description).replace('"', "&quot;"), kind=picture.kind, id=id,
    )  # fmt: skip
    return f'<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr>{drawing}</w:p>'
