"""Reading back what the documents' tables are made of (python-docx)."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def grid_lines(table: Any) -> dict[str, tuple[str | None, str | None]]:
    """The table's own lines: side → (kind, width in eighths of a point)."""
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    found = {} if borders is None else {b.tag[len(W) :]: b for b in borders}
    return {s: (b.get(f"{W}val"), b.get(f"{W}sz")) for s, b in found.items()}


def grid_tables(document: Any) -> list[Any]:
    """The ruled tables (figures, lists, Markdown's), not the cover's or the signatures'."""
    return [t for t in document.tables if grid_lines(t).get("insideH", (None,))[0] == "single"]
