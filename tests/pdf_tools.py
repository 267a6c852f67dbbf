"""Reading PDFs back with poppler (pdftotext, pdfinfo, pdffonts), and finding our offices."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.convert.libreoffice import find_libreoffice
from reportgen.convert.office import STARTS_LOG
from reportgen.errors import ConversionError


def _libreoffice_missing() -> str | None:
    try:
        find_libreoffice()
    except ConversionError as error:
        return error.message("en")
    if shutil.which("pdftotext") is None:
        return "poppler-utils is not installed"
    return None


LIBREOFFICE_MISSING = _libreoffice_missing()
# A test that starts LibreOffice or needs it installed is marked `office`: conftest.py skips
# it where LibreOffice or poppler is missing (scripts/setup.sh installs all of it, so `make
# test` never skips these) and fails a test that starts an office without the marker;
# `pytest -m "not office"` leaves them out.
needs_libreoffice = pytest.mark.office


def _poppler(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, timeout=120
    ).stdout


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext keeps pages apart with form feeds)."""
    return _poppler("pdftotext", "-layout", path, "-").split("\f")[:-1]


def pdf_text(path: Path) -> str:
    return _poppler("pdftotext", path, "-")


def pdf_info(path: Path, *options: str) -> dict[str, str]:
    info = {}
    for line in _poppler("pdfinfo", *options, path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_links_and_bookmarks(path: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(text of each link inside the document, its target page) and (each bookmark, its
    page), as pdftohtml reads them; a link broken over text runs is one entry per run."""
    xml = _poppler("pdftohtml", "-xml", "-i", "-q", "-stdout", path)
    links = [(html.unescape(text), int(page))
             for page, text in re.findall(r'<a href="[^"]*#(\d+)">(.*?)</a>', xml)]  # fmt: skip
    marks = [(html.unescape(text), int(page))
             for page, text in re.findall(r'<item page="(\d+)">(.*?)</item>', xml)]  # fmt: skip
    return links, marks


def pdf_metadata(path: Path) -> str:
    return _poppler("pdfinfo", "-meta", path)


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Base font name (subset prefix removed) → embedded."""
    fonts = {}
    for line in _poppler("pdffonts", path).splitlines()[2:]:
        name, *_, emb, _sub, _uni, _obj, _gen = line.split()
        base = name.partition("+")[2] or name
        fonts[base] = fonts.get(base, True) and emb == "yes"
    return fonts


def office_starts() -> int:
    """How many offices this test session's reportgens have started (tests/conftest.py)."""
    try:
        return Path(os.environ[STARTS_LOG]).read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def our_offices() -> list[int]:
    """soffice.bin processes started by reportgen (their profiles are in reportgen-lo-*)
    in this test session: their environment names its start log, so a parallel run's
    offices (another checkout's tests) are neither counted nor killed."""
    session = f"{STARTS_LOG}={os.environ[STARTS_LOG]}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if not command[0].endswith(b"soffice.bin"):
            continue
        if not any(b"reportgen-lo-" in a for a in command):
            continue
        try:
            environment = (proc / "environ").read_bytes().split(b"\0")
        except OSError:  # another user's, or it ended meanwhile
            continue
        if session in environment:
            found.append(int(proc.name))
    return found
