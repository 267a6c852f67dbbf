"""The .docx packages reportgen opens: templates, and the documents given to `convert`.

Checked before python-docx or LibreOffice reads them, because either would act on them:
- size: at most MAX_PARTS parts and MAX_UNCOMPRESSED bytes once extracted. A zip of
  a few kilobytes can hold gigabytes; the sizes come from the zip's directory, and
  zipfile refuses to read more than a part declares.
- nothing that makes LibreOffice fetch or embed another file: relationships with
  TargetMode="External" other than hyperlinks (a linked picture, an attached template,
  an OLE object, a frame, a subdocument), and the fields that include another file
  (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE). A linked http:// picture is a request to
  any server; a file:/// one puts a file of this machine into the PDF.
- no DOCTYPE in any XML part: its entities can name local files (XXE).
The profile of every office also blocks links from documents (profiles.py): two locks.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from reportgen.errors import RenderError

MAX_PARTS = 1_000  # a report book has ~25; a Word file with many pictures a few hundred
MAX_UNCOMPRESSED = 200 * 2**20  # bytes: pictures of a long report fit many times over

_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INCLUDING = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)
_TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def check_package(data: bytes, name: str) -> frozenset[str]:
    """Raise RenderError (docx_*) naming `name` and what is wrong, or return the kinds of
    field the document holds (PAGE, TOC…: each code's first word, in capitals)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RenderError("docx_not_zip", file=name) from None
    with archive:
        parts = archive.infolist()
        size = sum(part.file_size for part in parts)
        if len(parts) > MAX_PARTS or size > MAX_UNCOMPRESSED:
            raise RenderError(
                "docx_too_large",
                file=name,
                parts=len(parts),
                megabytes=f"{size / 2**20:.0f}",
                max_parts=MAX_PARTS,
                max_megabytes=MAX_UNCOMPRESSED // 2**20,
            )
        fields: set[str] = set()
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                fields |= _check_part(archive, part.filename, name)
    return frozenset(fields)


def _check_part(archive: zipfile.ZipFile, part: str, name: str) -> set[str]:
    try:
        xml = archive.read(part)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise RenderError("docx_not_zip", file=name) from None  # a CRC or size that lies
    if re.search(rb"<!DOCTYPE", xml[:4096], re.I):
        raise RenderError("docx_doctype", file=name, part=part)
    if part.endswith(".rels"):
        for relation in _parse(xml, name).iter("{*}Relationship"):
            external = relation.get("TargetMode") == "External"
            if external and relation.get("Type") != _HYPERLINK:
                target = relation.get("Target", "")
                raise RenderError("docx_external", file=name, part=part, target=target[:200])
    elif _TEXT_PART.fullmatch(part):
        codes = _field_codes(_parse(xml, name))
        for code in codes:
            if _INCLUDING.search(code):
                raise RenderError("docx_include_field", file=name, part=part, field=code[:200])
        return {words[0].upper() for code in codes if (words := code.split())}
    return set()


def _field_codes(tree: etree._Element) -> list[str]:
    """Every field's code, its w:instrText runs joined (Word splits them at will)."""
    codes = [node.get(f"{_W}instr", "") for node in tree.iter(f"{_W}fldSimple")]
    open_fields: list[list[str]] = []
    for node in tree.iter(f"{_W}fldChar", f"{_W}instrText"):
        if node.tag == f"{_W}instrText":
            if open_fields:
                open_fields[-1].append(node.text or "")
            continue
        kind = node.get(f"{_W}fldCharType")
        if kind == "begin":
            open_fields.append([])
        elif kind == "end" and open_fields:
            codes.append("".join(open_fields.pop()))
    return codes + ["".join(code) for code in open_fields]


def _parse(xml: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise RenderError("docx_xml", file=name, detail=str(exc)[:200]) from None
