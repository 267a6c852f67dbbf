"""The application's facts as one sheet, for the clerk who types them into the online
platform (`reportgen export --format xlsx`): one field per row with its Chinese label,
the enterprise, the product, the three years' figures and the evidence list, in the
order the report book gives them. The labels are the model's own titles, so the sheet
names every field exactly as the JSON Schema and the browser's form do.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from reportgen.messages import text
from reportgen.model import Application
from reportgen.model.financials import AMOUNTS, SHARES
from reportgen.source.text import xml_safe

Row = tuple[str, str, str]  # label, value, field path
SECTIONS = ("enterprise", "product")  # then the figures, then the evidence


def facts_rows(app: Application, lang: str = "zh") -> list[Row]:
    """(label, value, path) of every fact, in order; a heading row has no value or path."""
    rows: list[Row] = [(_title(Application, "call"), app.call, "call")]
    for name in SECTIONS:
        rows.append((_title(Application, name), "", ""))
        rows += _model_rows(getattr(app, name), name, "", lang)
    rows.append((_title(Application, "financials"), "", ""))
    for i, year in enumerate(app.financials):
        for key in (*AMOUNTS, *SHARES):
            value = getattr(year, key)
            label = f"{year.year} {text(f'doc.financials.{key}', lang)}"
            rows.append((label, _shown(value, lang), f"financials[{i}].{key}"))
    rows.append((_title(Application, "evidence"), "", ""))
    for i, item in enumerate(app.evidence):
        rows += _model_rows(item, f"evidence[{i}]", f"{item.id} ", lang)
    return rows


def _title(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].title or name


def _model_rows(model: BaseModel, path: str, prefix: str, lang: str) -> list[Row]:
    rows: list[Row] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        label = prefix + (info.title or name)
        where = f"{path}.{name}"
        if isinstance(value, BaseModel):
            rows += _model_rows(value, where, f"{label} · ", lang)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                rows += _model_rows(item, f"{where}[{i}]", f"{label} {i + 1} · ", lang)
        else:
            rows.append((label, _shown(value, lang), where))
    return rows


def _shown(value: Any, lang: str) -> str:
    """A value as the platform's form takes it: labels for choices, 是/否, figures as
    written (Decimal), dates ISO; lists joined with 、."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return text("word.yes" if value else "word.no", lang)
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(_shown(v, lang) for v in value)
    return xml_safe(str(value))


def facts_xlsx(app: Application, lang: str = "zh") -> bytes:
    """The sheet: 字段 | 内容 | 字段路径, headings in bold, every cell text (an `=` stays
    text, not a formula; a credit code keeps its leading zeros)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = text("export.sheet", lang)
    sheet.append([text(f"export.column.{c}", lang) for c in ("label", "value", "path")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for label, value, path in facts_rows(app, lang):
        sheet.append([label, value, path])
        row = sheet.max_row
        for column in (1, 2, 3):
            sheet.cell(row, column).data_type = "s"  # text, whatever it looks like
        if not path:
            sheet.cell(row, 1).font = Font(bold=True)
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 44
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
