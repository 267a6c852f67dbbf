"""Reading PDFs back with poppler (pdftotext, pdfinfo, pdffonts), and finding our offices."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.convert.libreoffice import find_libreoffice
from reportgen.errors import ConversionError


def _libreoffice_missing() -> str | None:
    try:
        find_libreoffice()
    except ConversionError as error:
        return error.message("en")
    if shutil.which("pdftotext") is None:
        return "poppler-utils is not installed"
    return None


# scripts/setup.sh installs all of it, so `make test` never skips these
_MISSING = _libreoffice_missing()
needs_libreoffice = pytest.mark.skipif(
    _MISSING is not None, reason=f"{_MISSING} (run scripts/setup.sh)"
)


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


def our_offices() -> list[int]:
    """soffice.bin processes started by reportgen (their profiles are in reportgen-lo-*)
    in this test run: other runs on a shared machine have offices of their own."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ours = any(b"reportgen-lo-" in a for a in command)
        if command[0].endswith(b"soffice.bin") and ours and _descends_from_this_run(int(proc.name)):
            found.append(int(proc.name))
    return found


def _descends_from_this_run(pid: int) -> bool:
    """Whether `pid` is this process or one it started (through any number of others)."""
    me = os.getpid()
    while pid > 1:
        if pid == me:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rpartition(")")[2].split()[1])  # the parent, after the command name
    return False
