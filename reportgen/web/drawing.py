"""A PDF's pages as PNG pictures for the pages: evidence's first pages, the book's pages.

poppler's pdftoppm draws one page per call into a temporary folder of this server, under
a name made from what identifies the drawing (the file's digest or its size and time,
the page, the size): a picture is drawn once and served again. Without pdftoppm, or when
it fails or takes too long on a file, there is no picture (None) and the page shows the
file's name only; a file that failed is not tried again.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

DRAW_SECONDS = 10  # a page that poppler cannot draw in this time gets no picture
AT_ONCE = 2  # a folder of thirty PDFs asks for thirty pictures together: two cores
_PAGES = re.compile(rb"^Pages:\s+(\d+)\s*$", re.MULTILINE)


def can_draw() -> bool:
    return shutil.which("pdftoppm") is not None


def drawing_key(pdf: Path) -> str:
    """What identifies a rendered file's drawings without reading it: path, size, time."""
    status = pdf.stat()
    made = f"{pdf.resolve()}\0{status.st_size}\0{status.st_mtime_ns}"
    return hashlib.sha256(made.encode("utf-8", "surrogateescape")).hexdigest()


def page_count(pdf: Path) -> int | None:
    """The PDF's number of pages (poppler's pdfinfo), None when it cannot tell."""
    program = shutil.which("pdfinfo")
    if program is None:
        return None
    try:
        said = subprocess.run([program, str(pdf)], stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=DRAW_SECONDS, check=True).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    found = _PAGES.search(said)
    return int(found.group(1)) if found else None


class Drawings:
    """The pictures one server drew; removed with it (TemporaryDirectory at exit)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="reportgen-previews-")
        self._drawing = asyncio.Semaphore(AT_ONCE)
        self._failed: set[str] = set()

    async def page(self, pdf: Path, key: str, page: int, pixels: int) -> Path | None:
        """Page `page` of `pdf` as a PNG whose longer side is `pixels`, or None."""
        drawn = Path(self._folder.name) / f"{key}-{page}-{pixels}.png"
        if drawn.is_file():
            return drawn
        async with self._drawing:
            if drawn.is_file() or await asyncio.to_thread(self._draw, pdf, drawn, page, pixels):
                return drawn
        return None

    def _draw(self, pdf: Path, drawn: Path, page: int, pixels: int) -> bool:
        program = shutil.which("pdftoppm")
        if program is None or drawn.stem in self._failed:
            return False
        prefix = drawn.with_name(f"{drawn.stem}.{os.getpid()}.part")
        command = [program, "-png", "-f", str(page), "-l", str(page), "-scale-to", str(pixels),
                   "-singlefile", str(pdf), str(prefix)]  # fmt: skip
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=DRAW_SECONDS, check=True)  # fmt: skip
            os.replace(prefix.with_name(prefix.name + ".png"), drawn)
            return True
        except (OSError, subprocess.SubprocessError):  # broken, encrypted, too slow, no page
            self._failed.add(drawn.stem)
            return False
