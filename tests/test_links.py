"""A document that links to a URL or a local file makes no request and embeds nothing:
templates and documents to convert are refused with a message (packages.py), and the
offices' profile blocks such links anyway (profiles.py). Checked with a real HTTP
server, the real LibreOffice and pdfimages."""

from __future__ import annotations

import http.server
import io
import re
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import parse_xml
from docx.shared import Mm
from PIL import Image

from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.convert.libreoffice import find_libreoffice
from reportgen.convert.office import Office
from reportgen.errors import RenderError
from reportgen.render import render
from reportgen.source.packages import check_package

from .conftest import ADVANCED, edit_template, template_copy
from .pdf_tools import needs_libreoffice

LOCAL_PICTURE = Path("/usr/share/pixmaps/debian-logo.png")


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server answering with a picture; the paths it was asked for."""
    asked: list[str] = []

    class Picture(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_png("blue"))

        def log_message(self, *_: object) -> None:
            return

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Picture)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", asked
    httpd.shutdown()


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(buffer, "PNG")
    return buffer.getvalue()


def linked_picture(path: Path, target: str) -> Path:
    """A .docx whose picture is linked (r:link, TargetMode External), not embedded."""
    document = Document()
    document.add_paragraph("一张链接的图片：")
    document.add_picture(io.BytesIO(_png("red")), width=Mm(40))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as linked:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/_rels/document.xml.rels":
                data = re.sub(
                    rb'(Type="[^"]*/image" Target=")[^"]*"',
                    rb"\g<1>" + target.encode() + rb'" TargetMode="External"',
                    data,
                )
            elif entry.filename == "word/document.xml":
                data = data.replace(b"r:embed=", b"r:link=")
            linked.writestr(entry, data)
    return path


def _images(pdf: Path) -> list[str]:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return listing.splitlines()[2:]


def test_linked_pictures_and_including_fields_are_refused(tmp_path: Path) -> None:
    linked = linked_picture(tmp_path / "linked.docx", "http://127.0.0.1:9/x.png")
    with pytest.raises(RenderError) as raised:
        check_package(linked.read_bytes(), "linked.docx")
    assert raised.value.code == "docx_external"
    assert "http://127.0.0.1:9/x.png" in raised.value.message() and "嵌入" in raised.value.message()

    document = Document()
    paragraph = document.add_paragraph()._p
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for part in (  # Word splits a field's code over runs at will
        '<w:fldChar w:fldCharType="begin"/>',
        "<w:instrText> INCLUDE</w:instrText>",
        '<w:instrText>TEXT "file:///etc/passwd" </w:instrText>',
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph.append(parse_xml(f"<w:r {w}>{part}</w:r>"))
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(RenderError) as raised:
        check_package(buffer.getvalue(), "include.docx")
    assert raised.value.code == "docx_include_field" and "/etc/passwd" in raised.value.message()


RELATIONS = "word/_rels/document.xml.rels"
RELATIONSHIP = (
    '<Relationship Id="rId{id}" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/{type}" Target="{target}" TargetMode="External"/></Relationships>'
)


def test_a_hyperlink_is_not_a_fetch(tmp_path: Path) -> None:
    """External hyperlinks are ordinary (a company's web site): they stay allowed."""
    template = template_copy(tmp_path) / "report_book.docx"
    link = RELATIONSHIP.format(id="Web", type="hyperlink", target="https://example.com")
    edit_template(template, "</Relationships>", link, RELATIONS)
    check_package(template.read_bytes(), template.name)


def test_a_template_with_a_linked_picture_is_refused(tmp_path: Path) -> None:
    templates = template_copy(tmp_path)
    picture = RELATIONSHIP.format(id="X", type="image", target="file:///etc/passwd")
    edit_template(templates / "report_book.docx", "</Relationships>", picture, RELATIONS)
    with pytest.raises(RenderError) as raised:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=templates)
    assert raised.value.code == "docx_external" and "report_book.docx" in raised.value.message()
    assert not (tmp_path / "out" / "manifest.json").exists()


@needs_libreoffice
def test_convert_refuses_a_linked_document_and_asks_no_server(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    url, asked = server
    linked = linked_picture(tmp_path / "链接.docx", f"{url}/secret.png")
    result = CliRunner().invoke(cli, ["convert", str(linked)])
    assert result.exit_code == 3, result.output
    assert "链接了外部文件或网址" in result.output and "Traceback" not in result.output
    assert not linked.with_suffix(".pdf").exists()
    assert asked == []


@needs_libreoffice
@pytest.mark.skipif(not LOCAL_PICTURE.is_file(), reason="needs a picture outside the folders")
def test_the_office_itself_neither_fetches_nor_embeds_linked_pictures(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    """The second lock: the profile, for a document that got past the check."""
    url, asked = server
    remote = linked_picture(tmp_path / "remote.docx", f"{url}/secret.png")
    local = linked_picture(tmp_path / "local.docx", LOCAL_PICTURE.as_uri())
    office = Office(find_libreoffice(), tmp_path / "offices", "test")
    office.start(60)
    try:
        for document in (remote, local):
            office.convert(document, document.with_suffix(".pdf"), pdfa=False, timeout=60)
    finally:
        office.stop()
    assert asked == []
    for document in (remote, local):
        assert _images(document.with_suffix(".pdf")) == [], document.name
    shutil.rmtree(tmp_path / "offices", ignore_errors=True)
