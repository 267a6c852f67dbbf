"""`reportgen init`: a complete starter application a user edits rather than writes.

The starter file (application.yaml beside this module) follows the format in every
field, so a user edits rather than writes; what it holds for the enterprise to replace
(prompts, example values, placeholder PDFs) validate names field by field until done.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportgen.checks.evidence import PLACEHOLDER_MARKER
from reportgen.source.files import package_file, write_atomic, write_text_atomic

# the file itself: checks/leftovers.py reads it too, as data, not through this module
STARTER = package_file("reportgen", "starter", "application.yaml")


# evidence files the starter application refers to: file name -> what the user puts there
PLACEHOLDERS = {
    "new-product-proof.pdf": "new-product proof (provincial evaluation, appraisal or project file)",
    "audit-2023-2025.pdf": "audited financial statements 2023-2025",
    "sales-statement.pdf": "statement of the product's sales revenue 2023-2025",
}


def simple_pdf(lines: list[str], *, placeholder: bool = False) -> bytes:
    """A valid one-page PDF showing `lines` (ASCII) in Helvetica; no dependencies."""
    text_lines = ([PLACEHOLDER_MARKER.decode()] if placeholder else []) + lines
    ops = ["BT", "/F1 12 Tf", "72 770 Td", "16 TL"]
    for line in text_lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped.encode('ascii', 'replace').decode()}) '")
    ops.append("ET")
    stream = "\n".join(ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    # the marker sits in the first bytes, where validate looks for it
    out = bytearray(b"%PDF-1.4\n% " + (PLACEHOLDER_MARKER if placeholder else b"") + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_starter(target: Path, *, force: bool = False) -> Path:
    """Write DIR/application.yaml, its schema and placeholder evidence; return the file."""
    from reportgen.errors import InputError
    from reportgen.model.schema import application_schema

    application = target / "application.yaml"
    if application.exists() and not force:
        raise InputError("init_exists", file=str(application))
    for name, what in PLACEHOLDERS.items():
        content = simple_pdf([f"Placeholder for: {what}", "Replace this file."], placeholder=True)
        write_atomic(target / "evidence" / name, content)
    schema = json.dumps(application_schema(), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(target / "application.schema.json", schema)
    write_atomic(application, STARTER.read_bytes())  # last: its presence means "done"
    return application
