"""The rendered documents open in LibreOffice (real soffice, its own profile)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.render import render

from .conftest import ADVANCED, check_data, example_data

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (scripts/setup.sh installs it)"
)


def to_pdf(files: list[Path], out: Path) -> None:
    profile = out / "profile"  # never share the user's profile: jobs would be handed over
    subprocess.run(
        [
            SOFFICE or "soffice",
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_hostile_strings_open_in_libreoffice_and_the_letter_is_one_page(tmp_path: Path) -> None:
    data = example_data()
    data["enterprise"]["name"] = "A&B <公司> {{ x }}"
    data["report"]["technology"]["advancement"]["text"] = (
        "&<>\"' {% if %} \x01😀 " + "很长的段落" * 2000
    )
    outputs = {o.kind: o.path for o in render(check_data(data, ADVANCED.parent), tmp_path / "docx")}
    book, letter = outputs["report_book"], outputs["commitment_letter"]
    # plain ASCII names for soffice's command line and output names
    shutil.copy(book, tmp_path / "book.docx")
    shutil.copy(letter, tmp_path / "letter.docx")
    to_pdf([tmp_path / "book.docx", tmp_path / "letter.docx"], tmp_path)
    text = pdf_text(tmp_path / "book.pdf")
    assert "A&B <公司> {{ x }}" in text
    assert "很长的段落很长的段落" in text
    assert pages(tmp_path / "letter.pdf") == 1
    assert "浙江省经济和信息化厅" in pdf_text(tmp_path / "letter.pdf")
