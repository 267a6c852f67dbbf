"""summary.csv, summary.json and summary.md (and summary_xlsx() for the browser): where
every client stands, at a glance.

One row per application (CLI.md's columns), problems first: sorted by status (errors,
failed, warnings, ok, skipped), then by name; totals at the end. The CSV carries a
UTF-8 BOM, without which Excel shows the Chinese as mojibake.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.batch.jobs import Row
from reportgen.messages import text
from reportgen.source.files import write_atomic
from reportgen.source.text import display_width, xml_safe

STATUSES = ("errors", "failed", "warnings", "ok", "skipped")
# the Row fields the summaries show, in order; headings and status labels are messages
_COLUMNS = (
    "source",
    "status",
    "errors",
    "warnings",
    "enterprise",
    "product",
    "category",
    "track",
    "average_sales",
    "sales_threshold",
    "rd_ratio",
    "output",
)


@dataclass
class Summary:
    """What build_batch returns: the rows as in the summary files, sorted."""

    rows: list[Row]
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (file, why not)
    interrupted: bool = False

    @property
    def totals(self) -> dict[str, int]:
        counts = Counter(row.status for row in self.rows)
        return {"applications": len(self.rows)} | {s: counts[s] for s in STATUSES}

    @property
    def exit_code(self) -> int:
        """CLI.md: 3 when any failed to render, 1 when any has errors, else 0."""
        statuses = {row.status for row in self.rows}
        return 3 if "failed" in statuses else 1 if "errors" in statuses else 0


def sort_rows(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (STATUSES.index(r.status), r.name, r.source))


def write_summaries(summary: Summary, out: Path, lang: str) -> list[Path]:
    paths = [out / "summary.csv", out / "summary.json", out / "summary.md"]
    write_atomic(paths[0], _csv(summary, lang).encode("utf-8-sig"))
    write_atomic(paths[1], _json(summary).encode("utf-8"))
    write_atomic(paths[2], _markdown(summary, lang).encode("utf-8"))
    return paths


def _heading(column: str, lang: str) -> str:
    return text(f"summary.column.{column}", lang)


def _cell(row: Row, column: str) -> str:
    value = getattr(row, column)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def _totals_line(summary: Summary, lang: str) -> str:
    totals = summary.totals
    statuses = " · ".join(
        text("summary.status_count", lang, status=_status(s, lang), count=totals[s])
        for s in STATUSES
    )
    return text("summary.totals", lang, count=totals["applications"], statuses=statuses)


def _status(status: str, lang: str) -> str:
    return text(f"summary.status.{status}", lang)


def _csv(summary: Summary, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_heading(c, lang) for c in _COLUMNS)
    for row in summary.rows:
        writer.writerow(_inert(_cell(row, c)) for c in _COLUMNS)
    total = {"source": text("summary.total", lang)}
    total |= {"status": _totals_line(summary, lang)}
    total |= {k: str(sum(getattr(r, k) for r in summary.rows)) for k in ("errors", "warnings")}
    writer.writerow(total.get(c, "") for c in _COLUMNS)
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _inert(cell: Any) -> Any:
    """A cell Excel will not run: text that starts like a formula (=HYPERLINK(…), @SUM,
    -2+3) gets a leading apostrophe, as OWASP advises for CSV; numbers stay numbers."""
    text = str(cell)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return cell


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round(value, 2))


def _json(summary: Summary) -> str:
    rows: list[dict[str, Any]] = []
    for row in summary.rows:
        item: dict[str, Any] = {c: getattr(row, c) for c in _COLUMNS}
        item |= {k: _number(item[k]) for k in ("average_sales", "sales_threshold", "rd_ratio")}
        rows.append(item | {"problems": row.problems})
    document = {
        "reportgen": __version__,
        "interrupted": summary.interrupted,
        "totals": summary.totals,
        "rows": rows,
        "ignored": [{"source": s, "reason": r} for s, r in summary.ignored],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or "—"


def _markdown(summary: Summary, lang: str) -> str:
    lines = ["# " + text("summary.title", lang), ""]
    if summary.interrupted:
        lines += ["**" + text("summary.interrupted", lang) + "**", ""]
    lines += [_totals_line(summary, lang), ""]
    lines.append("| " + " | ".join(_heading(c, lang) for c in _COLUMNS) + " |")
    lines.append("|" + "---|" * len(_COLUMNS))
    for row in summary.rows:
        cells = [_cell(row, c) for c in _COLUMNS]
        cells[1] = text(
            "summary.status_cell", lang, code=row.status, status=_status(row.status, lang)
        )
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    troubled = [r for r in summary.rows if r.problems]
    if troubled:
        lines += ["", "## " + text("summary.problems", lang)]
        for row in troubled:
            title = row.source
            if row.enterprise:
                title = text("summary.row_title", lang, name=row.name, source=row.source)
            lines += ["", f"### {_md_cell(title)}", ""]
            lines += [f"- {_md_cell(problem)}" for problem in row.problems]
    if summary.ignored:
        lines += ["", "## " + text("summary.ignored", lang), ""]
        lines += [
            "- " + text("summary.ignored_item", lang, source=_md_cell(source), reason=_md_cell(r))
            for source, r in summary.ignored
        ]
    return "\n".join(lines) + "\n"


def summary_xlsx(summary: Summary, lang: str) -> bytes:
    """The summary as one Excel sheet, the CSV's columns and totals: counts and figures as
    numbers (万元 to the cent), every text as text (a user's "=…" is never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = text("summary.sheet", lang)
    sheet.append([_heading(c, lang) for c in _COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in summary.rows:
        sheet.append([_xlsx_value(row, c, lang) for c in _COLUMNS])
    errors, warnings = (sum(getattr(r, k) for r in summary.rows) for k in ("errors", "warnings"))
    total = [text("summary.total", lang), _totals_line(summary, lang), errors, warnings]
    sheet.append(total + [""] * (len(_COLUMNS) - len(total)))
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text as text, "=HYPERLINK(…)" included
            elif isinstance(cell.value, float):
                cell.number_format = "0.00"
    for index, column in enumerate(sheet.columns, start=1):
        longest = max(display_width(str(c.value or "")) for c in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 6), 50)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(row: Row, column: str, lang: str) -> Any:
    value = getattr(row, column)
    if column == "status":
        return _status(value, lang)
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, int):
        return value
    return xml_safe("" if value is None else str(value))
