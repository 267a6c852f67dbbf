"""Pictures in the report book (checks/pictures.py, render/pictures.py): Markdown images
whose file is in the application's folder are placed at most at the text's width,
numbered and captioned like the tables, scaled down to print resolution; a URL or a file
outside is an error with its field and line, and nothing is fetched."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from PIL import Image

from reportgen.checks import check_file
from reportgen.render import render
from reportgen.render.pictures import PRINT_PPI, TEXT_WIDTH_EMU

from .conftest import EXAMPLES


def photo(path: Path, size: tuple[int, int] = (4000, 3000), *, orientation: int = 1) -> Path:
    """A camera's JPEG: detail at every scale (a photo, not a flat colour)."""
    import numpy as np

    rng = np.random.default_rng(len(path.name))
    coarse = Image.fromarray(rng.integers(0, 255, (size[1] // 12, size[0] // 12, 3), "uint8"))
    image = np.asarray(coarse.resize(size, Image.Resampling.BICUBIC), "int16")
    image = (image + rng.normal(0, 8, image.shape)).clip(0, 255).astype("uint8")
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.fromarray(image).save(path, "JPEG", quality=92, exif=exif)
    return path


def _with_text(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "申报"
    shutil.copytree(EXAMPLES / "advanced-cnc", folder)
    application = folder / "application.yaml"
    source = application.read_text("utf-8")
    marker = "    advancement:\n      text: |\n"
    assert marker in source
    lines = "".join(f"        {line}\n" for line in text.splitlines())
    application.write_text(source.replace(marker, marker + lines + "\n", 1), "utf-8")
    return application


THREE = """![产品外观 & <细节> {{ x }}](evidence/外观.jpg)

生产线如下 ![生产线](evidence/产线.jpg) 全自动。

![竖拍的检测台](evidence/竖拍.jpg)"""


@pytest.fixture
def three_photos(tmp_path: Path) -> Path:
    application = _with_text(tmp_path, THREE)
    evidence = application.parent / "evidence"
    photo(evidence / "外观.jpg")
    photo(evidence / "产线.jpg", (3000, 2000))
    photo(evidence / "竖拍.jpg", orientation=6)  # a phone held upright: shown portrait
    return application


def test_three_photos_placed_numbered_and_scaled(three_photos: Path, tmp_path: Path) -> None:
    outputs = render(check_file(three_photos), tmp_path / "out")
    book = next(o.path for o in outputs if o.kind == "report_book" and o.format == "docx")
    document = docx.Document(str(book))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[:3] == [
        "图1\u3000产品外观 & <细节> {{ x }}",
        "图2\u3000生产线",
        "图3\u3000竖拍的检测台",
    ]
    assert captions[3].startswith("表1")  # the tables are numbered on their own
    photos = list(document.inline_shapes)[:3]
    assert all(shape.width <= TEXT_WIDTH_EMU for shape in photos)
    assert photos[0].width == TEXT_WIDTH_EMU and photos[0].height * 4 == pytest.approx(
        photos[0].width * 3, rel=0.01
    )
    assert photos[2].height > photos[2].width  # turned upright, as EXIF says
    texts = [p.text for p in document.paragraphs]
    assert "生产线如下" in texts and "全自动。" in texts  # the text around it kept, in order
    images = [
        part for part in document.part.package.parts if part.partname.startswith("/word/media/")
    ]
    pixels = sorted(
        Image.open(io.BytesIO(p.blob)).size for p in images if p.content_type == "image/jpeg"
    )
    needed = round(TEXT_WIDTH_EMU / 914400 * PRINT_PPI)
    assert pixels[-1][0] <= needed + 1  # scaled down to print resolution, not 4000 px
    assert book.stat().st_size < 2_000_000


@pytest.mark.office
def test_the_pdf_shows_them(three_photos: Path, tmp_path: Path) -> None:
    from reportgen.convert import ConverterPool

    with ConverterPool(1) as converter:
        outputs = render(check_file(three_photos), tmp_path / "out", converter=converter)
    pdf = next(o.path for o in outputs if o.kind == "report_book" and o.format == "pdf")
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    photos = [line.split() for line in listed.stdout.splitlines()[2:] if line.split()[2] == "image"]
    sizes = {(int(row[3]), int(row[4])) for row in photos}
    shown = [row for row in photos if max(int(row[3]), int(row[4])) >= 1300]  # not the charts
    pages = sorted(int(row[0]) for row in shown)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert len(photos) >= 5  # three photos and the two charts
    assert len(pages) == 3 and pages[-1] <= 6 < count  # in part one, near the start
    needed = round(TEXT_WIDTH_EMU / 914400 * PRINT_PPI)
    assert (needed, round(needed * 3 / 4)) in sizes and (needed, round(needed * 2 / 3)) in sizes
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "图 1 产品外观 & <细节> {{ x }}" in text and "图 3 竖拍的检测台" in text


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("https://example.com/a.jpg", "picture_url"),
        ("data:image/png;base64,AAAA", "picture_url"),
        ("../../etc/passwd.png", "picture_outside"),
        ("/etc/hostname", "picture_outside"),
        ("evidence/没有这个.jpg", "picture_missing"),
        ("evidence/audit-2023-2025.pdf", "picture_format"),  # a PDF is not a picture
    ],
)
def test_a_picture_that_cannot_be_shown_is_an_error_with_its_line(
    tmp_path: Path, target: str, code: str
) -> None:
    application = _with_text(tmp_path, f"正文。\n\n![图]({target})")
    checked = check_file(application)
    found = [f for f in checked.findings if f.code == code]
    assert found, [f.code for f in checked.findings]
    assert found[0].path == "report.technology.advancement.text"
    assert found[0].line is not None and found[0].severity == "error"
    assert target in found[0].message()


def test_a_small_picture_goes_in_as_it_is(tmp_path: Path) -> None:
    application = _with_text(tmp_path, "![流程图](evidence/流程.png)")
    small = application.parent / "evidence" / "流程.png"
    Image.new("RGB", (600, 300), (20, 120, 200)).save(small)
    assert check_file(application).valid
    outputs = render(check_file(application), tmp_path / "out")
    book = next(o.path for o in outputs if o.kind == "report_book" and o.format == "docx")
    document = docx.Document(str(book))
    blobs = [p.blob for p in document.part.package.parts if p.partname.startswith("/word/media/")]
    assert small.read_bytes() in blobs  # not recompressed
    shape = document.inline_shapes[0]
    assert shape.width == round(600 / PRINT_PPI * 914400)  # its own size at print resolution
