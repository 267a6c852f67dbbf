"""`reportgen doctor`: what this machine has for making PDFs, and how to add what is missing."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from reportgen.convert.fonts import (
    UTF8_LOCALE,
    character_locale,
    folder_families,
    fonts_folder,
    is_utf8,
    matched_font,
    official_fonts,
)
from reportgen.convert.libreoffice import (
    INSTALL,
    find_allocator,
    find_program,
    find_uno_python,
    program_version,
)

# checks named by a message key (the CLI shows them in the reader's language), not a program
FONTS_FOLDER, LOCALE = "doctor.fonts_folder", "doctor.locale"
# Latin text in the templates; fontconfig's metric aliases give Liberation Serif its widths
LATIN_FONTS = {"Times New Roman": "Liberation Serif"}


@dataclass(frozen=True)
class Check:
    name: str
    found: str | None  # what was found (None: nothing)
    install: str  # the command that installs it, shown when not ok
    ok: bool = True
    required: bool = True  # False: PDFs are made without it (only the tests, or speed)
    font: bool = False  # an official font name: `found` is the font it is drawn with
    hint: str = ""  # a message key: what to do when not ok, where there is no command


def _found(name: str, found: str | None, install: str, *, required: bool = True) -> Check:
    return Check(name, found, install, ok=found is not None, required=required)


def diagnose(fonts: Path | None = None) -> list[Check]:
    """`fonts`: a folder of the user's fonts (else REPORTGEN_FONTS)."""
    checks = []
    program = find_program()
    python = find_uno_python(program) if program else None
    version = program_version(program) if program else None
    checks.append(
        _found("LibreOffice", f"{version} ({program})" if version else None, INSTALL["libreoffice"])
    )
    checks.append(_found("Python + uno", str(python) if python else None, INSTALL["uno"]))
    checks.append(_found("pandoc", _pandoc_version(), INSTALL["pandoc"]))
    # not required: without it the offices use glibc's malloc, ~10 % slower
    checks.append(_found("tcmalloc", find_allocator(), INSTALL["tcmalloc"], required=False))
    locale = character_locale()
    used = locale if is_utf8(locale) else f"{locale} → {UTF8_LOCALE}"
    checks.append(Check(LOCALE, used, ""))  # never missing: reportgen converts under UTF-8
    has_fontconfig = shutil.which("fc-match") is not None
    if not has_fontconfig:
        checks.append(_found("fontconfig", None, INSTALL["fontconfig"]))
    folder = fonts_folder(fonts)
    families = folder_families(folder) if folder else []
    if folder is not None:  # the user's own fonts, before the free ones (--fonts)
        shown = f"{folder} ({', '.join(families) or '-'})" if folder.is_dir() else None
        checks.append(
            Check(FONTS_FOLDER, shown, "", ok=shown is not None, hint="doctor.fonts_folder_hint")
        )
    for official, free in (official_fonts() | LATIN_FONTS).items():
        found = matched_font(official, folder) if has_fontconfig else None
        # the free font of the same style, the official font itself, or the user's
        ok = found in (free, official) or found in families
        checks.append(Check(official, found, INSTALL["fonts"], ok=ok, font=True))
    checks.append(
        _found("pdftotext", shutil.which("pdftotext"), INSTALL["poppler"], required=False)
    )
    return checks


def _pandoc_version() -> str | None:
    import pypandoc

    try:
        return str(pypandoc.get_pandoc_version())
    except OSError:
        return None
