"""Excel → `financials`: the finance office's sheet of the three years' figures, read into
FORMAT.md's rows (万元, %), every value with the cell it came from.

The sheet may have the years as columns (a header row 2023 | 2024 | 2025, one row per
indicator) or as rows; labels are matched by their usual Chinese names and variants
(营业收入/营业总收入, 研发投入/研发费用, …), with numbering, 其中：, spaces and full-width
forms aside; units come from the label, a 单位 column, the year's heading or a 单位：万元
anywhere on the sheet, and amounts are converted to 万元 exactly (Decimal). Merged cells
count for every cell they cover; a formula counts by the value Excel saved with it.

What it cannot read it refuses, naming the cells (`FiguresUnreadable`), rather than
guessing: a label that could be two indicators, an indicator found twice, an amount with
no unit, a value that is not a number, a formula never calculated.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from reportgen.errors import InputError
from reportgen.messages import Phrase
from reportgen.model.financials import AMOUNTS, SHARES

# each indicator's names, as finance offices write them (compared as _clean leaves them)
LABELS: dict[str, tuple[str, ...]] = {
    "product_sales": ("产品销售收入", "申报产品销售收入", "产品销售额", "产品营业收入"),
    "product_profit": ("产品利润", "产品利润额", "申报产品利润"),
    "product_tax": ("产品税收", "税收", "纳税额", "产品纳税额", "产品纳税", "纳税总额"),
    "revenue": ("营业收入", "营业总收入", "企业营业收入", "企业营业总收入"),
    "main_business_revenue": ("主营业务收入", "企业主营业务收入"),
    "total_profit": ("利润总额", "企业利润总额"),
    "rd_expense": ("研发投入", "研发费用", "研发经费投入", "研究开发费用", "r&d投入", "研发经费"),
    "market_share_domestic": ("国内市场占有率", "国内市场份额"),
    "market_share_international": ("国际市场占有率", "国际市场份额", "国外市场占有率"),
}
# how many 万元 one of each unit is
UNITS = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
}
PERCENT = "%"
_UNIT = r"(千元|万元|亿元|元|%)"
_UNIT_IN = re.compile(rf"(?:单位[:：]?\s*{_UNIT})|(?:[(（]\s*{_UNIT}\s*[)）])")
_UNIT_ALONE = re.compile(rf"^(?:单位[:：]?)?\s*{_UNIT}$")
_YEAR = re.compile(r"^((?:19|20)\d\d)\s*(?:年度?)?\s*(?:[(（].*[)）])?$")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\d+(?:\.\d+)*[、.)]?|[(（][一二三四五六七八九十\d]+[)）])"
)
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")
_BLANK = {"", "-", "—", "——", "/", "无", "n/a"}
MAX_ROWS, MAX_COLUMNS = 500, 60  # a finance sheet's table, not a ledger


class FiguresUnreadable(InputError):
    """The sheet says something reportgen cannot read for certain; `problems` name the cells."""

    def __init__(self, file: str, problems: list[Phrase]) -> None:
        super().__init__("figures_unreadable", file=file, count=len(problems))
        self.problems = problems

    def message(self, lang: str = "zh") -> str:
        """The count, then each problem on a line of its own (a cell's name first)."""
        from reportgen.messages import show

        said = [str(show(problem, lang)) for problem in self.problems]
        return super().message(lang) + "".join(f"\n  {line}" for line in said)


@dataclass(frozen=True)
class Figure:
    """One value read: which indicator of which year, in 万元 (or %), and from where."""

    field: str
    year: int
    value: Decimal
    cell: str  # where the value is, as Excel names it: 财务!C4
    label: str  # the label as written
    unit: str


@dataclass
class ReadFigures:
    file: str
    sheet: str = ""
    figures: list[Figure] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # label cells matching no indicator

    def rows(self) -> list[dict[str, Any]]:
        """`financials` as FORMAT.md has them: a row per year, in order."""
        years: dict[int, dict[str, Any]] = {}
        for figure in self.figures:
            years.setdefault(figure.year, {"year": figure.year})[figure.field] = figure.value
        return [years[y] for y in sorted(years)]


def read_figures(file: str | Path) -> ReadFigures:
    """The figures of the first sheet of `file` (.xlsx) that has a table of them."""
    from openpyxl import load_workbook

    path = Path(file)
    try:
        values = load_workbook(path, data_only=True, read_only=False)
        formulas = load_workbook(path, data_only=False, read_only=False)
    except FileNotFoundError:
        raise InputError("file_not_found", file=str(file)) from None
    except Exception as exc:  # openpyxl's own errors for what is not an .xlsx
        raise InputError("figures_not_xlsx", file=str(file), reason=str(exc)[:200]) from None
    problems: list[Phrase] = []
    for sheet in values.worksheets:
        grid = _Grid(sheet, formulas[sheet.title])
        read = _read_sheet(grid, str(file), problems)
        if read is not None and (read.figures or problems):
            if problems:
                raise FiguresUnreadable(str(file), problems)
            return read
    raise FiguresUnreadable(str(file), [Phrase("figures.no_table")])


class _Grid:
    """A sheet's cells by (row, column), merged ranges filled in; formulas known."""

    def __init__(self, sheet: Any, formulas: Any) -> None:
        from openpyxl.utils import get_column_letter

        self.title = sheet.title
        self.letter = get_column_letter
        self.cells: dict[tuple[int, int], Any] = {}
        self.percent: set[tuple[int, int]] = set()  # shown as 8.5% (stored 0.085)
        self.uncalculated: set[tuple[int, int]] = set()
        rows = min(sheet.max_row or 0, MAX_ROWS)
        columns = min(sheet.max_column or 0, MAX_COLUMNS)
        for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=columns):
            for cell in row:
                if cell.value is None:
                    continue
                at = (cell.row, cell.column)
                self.cells[at] = cell.value
                if "%" in str(cell.number_format):
                    self.percent.add(at)
        for row in formulas.iter_rows(min_row=1, max_row=rows, max_col=columns):
            for cell in row:
                at = (cell.row, cell.column)
                if (
                    isinstance(cell.value, str)
                    and cell.value.startswith("=")
                    and at not in self.cells
                ):
                    self.uncalculated.add(at)
        for merged in sheet.merged_cells.ranges:
            top = self.cells.get((merged.min_row, merged.min_col))
            for r in range(merged.min_row, min(merged.max_row, rows) + 1):
                for c in range(merged.min_col, min(merged.max_col, columns) + 1):
                    if top is not None:
                        self.cells.setdefault((r, c), top)

    def name(self, at: tuple[int, int]) -> str:
        return f"{self.title}!{self.letter(at[1])}{at[0]}"

    def text(self, at: tuple[int, int]) -> str:
        value = self.cells.get(at)
        return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""


def _read_sheet(grid: _Grid, file: str, problems: list[Phrase]) -> ReadFigures | None:
    by_row: dict[int, dict[int, int]] = {}
    by_column: dict[int, dict[int, int]] = {}
    for at in grid.cells:
        year = _year(grid.cells[at])
        if year is not None:
            by_row.setdefault(at[0], {})[at[1]] = year
            by_column.setdefault(at[1], {})[at[0]] = year
    header_row = next((r for r in sorted(by_row) if len(set(by_row[r].values())) >= 2), None)
    header_column = next(
        (c for c in sorted(by_column) if len(set(by_column[c].values())) >= 2), None
    )
    if header_row is None and header_column is None:
        return None
    if header_row is not None and header_column is not None:
        # amounts such as 2010 look like years too: the headings come before the values
        if header_row < min(by_column[header_column]):
            header_column = None
        else:
            header_row = None
    read = ReadFigures(file, grid.title)
    sheet_unit = _sheet_unit(grid)
    if header_row is not None:  # years as columns: an indicator per row
        years = by_row[header_row]
        lines = sorted({r for r, _ in grid.cells if r > header_row})
        first = min(years)
        for r in lines:
            labels = [(r, c) for c in range(1, first) if grid.text((r, c))]
            cells = {years[c]: (r, c) for c in years}
            heads = {years[c]: (header_row, c) for c in years}
            _read_line(grid, labels, cells, heads, sheet_unit, read, problems)
    else:  # years as rows: an indicator per column
        assert header_column is not None
        years = by_column[header_column]
        first = min(years)
        columns = sorted({c for _, c in grid.cells if c > header_column})
        for c in columns:
            labels = [(r, c) for r in range(first - 1, 0, -1) if grid.text((r, c))]
            cells = {years[r]: (r, c) for r in years}
            heads = {years[r]: (r, header_column) for r in years}
            _read_line(grid, labels, cells, heads, sheet_unit, read, problems)
    _no_twice(read, problems)
    return read


def _read_line(
    grid: _Grid,
    labels: list[tuple[int, int]],
    cells: dict[int, tuple[int, int]],
    heads: dict[int, tuple[int, int]],
    sheet_unit: str | None,
    read: ReadFigures,
    problems: list[Phrase],
) -> None:
    """One indicator's line: its label cell (the first that names one), its unit, and
    its value for each year."""
    named, label_at, line_unit = None, None, None
    labels = [at for at in labels if _number(grid.text(at)) is None]  # not a 序号 of 1, 2, 3
    for at in labels:
        written = grid.text(at)
        line_unit = line_unit or _unit_of(written)
        if named is not None:
            continue
        found = _indicator(written)
        if found == "ambiguous":
            problems.append(Phrase("figures.ambiguous", cell=grid.name(at), label=written))
            return
        if found is not None:
            named, label_at = found, at
    if named is None or label_at is None:
        if labels and any(_number(grid.cells.get(at)) is not None for at in cells.values()):
            read.unknown.append(f"{grid.name(labels[0])} {grid.text(labels[0])}")
        return
    label = str(grid.cells[label_at]).strip()  # as written, for the report
    for year, at in sorted(cells.items()):
        if at in grid.uncalculated:
            problems.append(Phrase("figures.uncalculated", cell=grid.name(at)))
            continue
        raw = grid.cells.get(at)
        if raw is None or (isinstance(raw, str) and raw.strip().casefold() in _BLANK):
            continue
        value = _number(raw)
        if value is None:
            problems.append(Phrase("figures.not_a_number", cell=grid.name(at), value=str(raw)[:40]))
            continue
        unit = _unit_of(str(raw)) or line_unit or _unit_of(grid.text(heads[year])) or sheet_unit
        if at in grid.percent and not isinstance(raw, str):
            value, unit = value * 100, PERCENT  # Excel keeps 8.5% as 0.085
        converted = _converted(named, value, unit, grid.name(at), problems)
        if converted is not None:
            read.figures.append(
                Figure(named, year, converted, grid.name(at), label, unit or PERCENT)
            )


def _converted(
    named: str, value: Decimal, unit: str | None, cell: str, problems: list[Phrase]
) -> Decimal | None:
    if named in SHARES:
        if unit not in (None, PERCENT):
            problems.append(Phrase("figures.share_unit", cell=cell, unit=unit))
            return None
        return _plain(value)
    if unit is None or unit == PERCENT:
        problems.append(Phrase("figures.no_unit", cell=cell))
        return None
    return _plain(value * UNITS[unit])


def _plain(value: Decimal) -> Decimal:
    """The exact value without trailing zeros or an exponent (5200 元 is 0.52 万元, 5200
    万元 stays 5200, not 5.2E+3)."""
    return Decimal(format(value.normalize(), "f"))


def _no_twice(read: ReadFigures, problems: list[Phrase]) -> None:
    seen: dict[tuple[str, int], Figure] = {}
    for figure in read.figures:
        key = (figure.field, figure.year)
        if key in seen:
            problems.append(Phrase("figures.twice", label=figure.label, year=figure.year,
                                   first=seen[key].cell, cell=figure.cell))  # fmt: skip
        seen.setdefault(key, figure)


def _clean(label: str) -> str:
    text = unicodedata.normalize("NFKC", label)
    text = _BRACKETS.sub("", "".join(text.split())).casefold()
    text = text.removeprefix("其中:").removeprefix("其中")
    return _NUMBERING.sub("", text).rstrip(":")


_EXACT = {_clean(name): key for key, names in LABELS.items() for name in names}


def _indicator(label: str) -> str | None:
    """The indicator a label names: by its name, else the one whose name it contains
    (the longest such name, if only one indicator has it); "ambiguous" if two."""
    cleaned = _clean(label)
    if not cleaned:
        return None
    if cleaned in _EXACT:
        return _EXACT[cleaned]
    best: dict[str, int] = {}
    for name, key in _EXACT.items():
        if name in cleaned:
            best[key] = max(best.get(key, 0), len(name))
    if not best:
        return None
    longest = max(best.values())
    keys = [k for k, n in best.items() if n == longest]
    return keys[0] if len(keys) == 1 else "ambiguous"


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 1990 <= value <= 2100:
        return int(value)
    if isinstance(value, str):
        match = _YEAR.match(unicodedata.normalize("NFKC", value).strip())
        return int(match.group(1)) if match else None
    return None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value)) if value == value else None  # repr: the shortest exact form
    if isinstance(value, Decimal):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"[,\s]", "", _UNIT_IN.sub("", text))
    text = re.sub(rf"{_UNIT}$", "", text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _unit_of(text: str) -> str | None:
    text = unicodedata.normalize("NFKC", text).strip()
    alone = _UNIT_ALONE.match(text)
    if alone:
        return alone.group(1)
    found = _UNIT_IN.search(text)
    if found:
        return found.group(1) or found.group(2)
    number_with_unit = re.fullmatch(rf"[-\d.,\s]+{_UNIT}", text)
    return number_with_unit.group(1) if number_with_unit else None


def _sheet_unit(grid: _Grid) -> str | None:
    """A 单位：万元 (or a title's （万元）) anywhere on the sheet: the unit of the amounts
    that say none (a % there is some column's, never the sheet's)."""
    for at in sorted(grid.cells):
        written = grid.text(at)
        if not written or _indicator(written) is not None:
            continue
        if "单位" in written or _UNIT_IN.search(written) or _UNIT_ALONE.match(written):
            unit = _unit_of(written)
            if unit in UNITS:
                return unit
    return None


__all__ = ["AMOUNTS", "LABELS", "PERCENT", "SHARES", "UNITS", "Figure", "FiguresUnreadable"]
__all__ += ["ReadFigures", "read_figures"]
