"""Where LibreOffice and a Python with `uno` are on this machine (fonts: fonts.py).

Found once per process and shared by the converter pool (convert.py) and
`reportgen doctor`. What is missing is reported with the exact command that installs it.
"""

from __future__ import annotations

import ctypes.util
import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ConversionError
from reportgen.source.files import package_file

BRIDGE = package_file("reportgen.convert", "uno_bridge.py")

# what to run when something is missing (Debian/Ubuntu; scripts/setup.sh does all of it)
INSTALL = {
    "libreoffice": "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui",
    "uno": "sudo apt-get install -y --no-install-recommends python3-uno",
    "fonts": "sudo apt-get install -y fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai"
    " fonts-liberation2",
    "fontconfig": "sudo apt-get install -y fontconfig",
    "poppler": "sudo apt-get install -y poppler-utils",  # only the tests read PDFs back
    "pandoc": "pip install --force-reinstall pypandoc-binary",
    "tcmalloc": "sudo apt-get install -y libtcmalloc-minimal4",  # faster, not required
}
# Set to "" for LibreOffice's own allocator (glibc's malloc), to measure what tcmalloc gives.
ALLOCATOR_VARIABLE = "REPORTGEN_OFFICE_ALLOCATOR"
_PROGRAM_DIRS = (
    "/usr/lib/libreoffice/program",
    "/opt/libreoffice/program",
    "/usr/lib64/libreoffice/program",
    "/Applications/LibreOffice.app/Contents/MacOS",
)


@dataclass(frozen=True)
class LibreOffice:
    program: Path  # soffice.bin itself, not the launcher script: its pid is the office's
    python: Path  # an interpreter that can `import uno`

    @functools.cached_property
    def product_version(self) -> str | None:
        """'7.4', from the installation's configuration (no process to start)."""
        main = self.program.parent.parent / "share" / "registry" / "main.xcd"
        try:
            text = main.read_text("utf-8", "replace")
        except OSError:
            return None
        found = re.search(r'oor:name="ooSetupVersion"[^>]*>\s*<value>([0-9.]+)<', text)
        return found.group(1) if found else None


def program_version(program: Path) -> str:
    """'LibreOffice 7.4.7.2 40(Build:2)', as `soffice --version` says."""
    launcher = program.with_name("soffice")
    result = subprocess.run(
        [str(launcher if launcher.exists() else program), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout.strip() or "?"


def find_program() -> Path | None:
    """soffice.bin: $REPORTGEN_SOFFICE, then `soffice` on PATH, then the usual places."""
    candidates = []
    if configured := os.environ.get("REPORTGEN_SOFFICE"):
        candidates.append(Path(configured))
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            candidates.append(Path(found).resolve())
    candidates += [Path(directory) / "soffice" for directory in _PROGRAM_DIRS]
    for candidate in candidates:
        program = candidate if candidate.name == "soffice.bin" else candidate.parent / "soffice.bin"
        if program.is_file() and os.access(program, os.X_OK):
            return program
    return None


def find_uno_python(program: Path) -> Path | None:
    """$REPORTGEN_UNO_PYTHON, LibreOffice's own Python (official builds), the system's."""
    candidates = [
        os.environ.get("REPORTGEN_UNO_PYTHON"),
        str(program.parent / "python"),
        "/usr/bin/python3",
        shutil.which("python3"),
    ]
    for candidate in dict.fromkeys(c for c in candidates if c):
        if Path(candidate).is_file() and _imports_uno(candidate):
            return Path(candidate)
    return None


def _imports_uno(python: str) -> bool:
    try:
        result = subprocess.run(
            [python, "-I", "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except OSError:
        return False
    return result.returncode == 0


@functools.cache
def find_libreoffice() -> LibreOffice:
    """The LibreOffice to convert with, or ConversionError saying how to install it."""
    program = find_program()
    if program is None:
        raise ConversionError("libreoffice_missing", install=INSTALL["libreoffice"])
    python = find_uno_python(program)
    if python is None:
        raise ConversionError("uno_missing", install=INSTALL["uno"])
    return LibreOffice(program, python)


@functools.cache
def find_allocator() -> str | None:
    """The malloc reportgen's offices run with: tcmalloc (gperftools' minimal build) when
    the machine has it. LibreOffice allocates and frees millions of small objects per
    report book; under tcmalloc a book loads and exports ~10 % faster than under glibc's
    malloc (docs/pdf.md). None: glibc's, as LibreOffice ships."""
    if (configured := os.environ.get(ALLOCATOR_VARIABLE)) is not None:
        return configured or None
    return ctypes.util.find_library("tcmalloc_minimal")


def allocator_environment() -> dict[str, str]:
    """What to add to an office's environment to run it with find_allocator()'s malloc."""
    allocator = find_allocator()
    if allocator is None:
        return {}
    preload = " ".join(filter(None, (allocator, os.environ.get("LD_PRELOAD"))))
    return {"LD_PRELOAD": preload}
