"""reportgen import: start from what the enterprise already has.

    imported, file = import_report("报告书.docx", Path("我的申报"))   # a new application
    figures = import_figures("财务数据.xlsx", Path("我的申报/application.yaml"))

A Word report becomes a new application folder: `reportgen init`'s starter, with the
facts and the subsections' texts the document gives (word.py) and its images in
evidence/; what is still missing, validation says. An Excel sheet's figures
(figures.py) fill `financials` of an existing application. Both write the YAML by
ruamel's round trip, so the starter's comments and the user's own stay.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportgen.errors import InputError
from reportgen.importing.figures import FiguresUnreadable, ReadFigures, read_figures
from reportgen.importing.word import UNPLACED, Imported, read_report
from reportgen.source.files import write_atomic
from reportgen.source.yaml_writing import round_trip_yaml

__all__ = ["FiguresUnreadable", "Imported", "ReadFigures", "import_figures", "import_report"]
__all__ += ["read_figures", "read_report"]


def import_report(file: str | Path, target: Path, *, force: bool = False) -> tuple[Imported, Path]:
    """A new application folder `target` from the Word report `file`."""
    from reportgen.starter import write_starter

    application = target / "application.yaml"
    if application.exists() and not force:
        raise InputError("init_exists", file=str(application))
    imported = read_report(file, target / "evidence")
    write_starter(target, force=True)
    values: dict[tuple[str, ...], Any] = {
        tuple(key.split(".")): value for key, value in imported.facts.items()
    }
    for (part, subsection), text in imported.texts.items():
        values[("report", part, subsection, "text")] = text
    if imported.unplaced.strip():
        values[UNPLACED] = imported.unplaced
    _update(application, values)
    return imported, application


def import_figures(file: str | Path, application: Path) -> ReadFigures:
    """The figures of the sheet `file` written into `application`'s financials: a year's
    row updated with what the sheet gives, a year it lacks added, in year order."""
    from reportgen.source import load

    read = read_figures(file)
    load(application)  # a file reportgen reads, or the error it would give, before writing
    rows = _rows(application)
    for found in read.rows():
        row = next(
            (r for r in rows if isinstance(r, dict) and r.get("year") == found["year"]), None
        )
        if row is None:
            rows.append(found)
        else:
            row.update({k: v for k, v in found.items() if k != "year"})
    rows.sort(key=lambda r: r.get("year", 0) if isinstance(r, dict) else 0)
    _update(application, {("financials",): rows})
    return read


def _rows(application: Path) -> list[Any]:
    document = round_trip_yaml().load(application.read_text("utf-8"))
    rows = document.get("financials") if isinstance(document, dict) else None
    return list(rows) if isinstance(rows, list) else []


def _update(file: Path, values: dict[tuple[str, ...], Any]) -> None:
    """Set each path's value in the YAML `file`, keeping the rest as written; Markdown
    texts as `|` blocks, as a person writes them."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    yaml = round_trip_yaml()
    document = yaml.load(file.read_text("utf-8"))
    for path, value in values.items():
        at = document
        for key in path[:-1]:
            if not isinstance(at.get(key), dict):
                at[key] = CommentedMap()
            at = at[key]
        if isinstance(value, str) and "\n" in value.strip():
            value = LiteralScalarString(value)
        at[path[-1]] = value
    out = io.StringIO()
    yaml.dump(document, out)
    write_atomic(file, out.getvalue().encode("utf-8"))
