"""Figures a clerk most likely typed in the wrong unit: 元 for 万元, 0.012 for 1.2 %.

Finance offices keep their books in 元; the call counts in 万元. A table copied over
unchanged is 10,000 times too large and passes every threshold, so the book would state
年均销售收入 23,248,000.00 万元. Each check names the likely slip and the value to type.
Rules of thumb, stated where they are used:
- no Zhejiang enterprise has revenue of 1万亿元 (10⁸ 万元): the largest is about 0.6万亿;
- a product selling 10,000 times its category's threshold would be by far the largest in
  the catalogue, while the same figures read as 元 make an ordinary applicant; from
  100亿元 a year on, 元 is the likelier story (a warning: it may be a real giant);
- a figure 1,000 times its neighbours that fits them once divided by 10,000 is in 元;
- parts cannot exceed their whole (R&D beyond main revenue, profit beyond sales).
"""

from __future__ import annotations

from decimal import Decimal
from statistics import median
from typing import Any, TypedDict

from reportgen.checks.base import Collector
from reportgen.checks.financials import sales_test
from reportgen.findings import Loc
from reportgen.messages import Named
from reportgen.model import Application, FinancialYear
from reportgen.model.figures import money, typed
from reportgen.model.financials import AMOUNTS
from reportgen.model.paths import label

YUAN_PER_WAN = Decimal(10_000)
LARGEST_ENTERPRISE = Decimal(10) ** 8  # 万元: 1万亿元
LARGEST_PRODUCT = Decimal(10) ** 6  # 万元: 100亿元 a year, more than a catalogue product sells
OUT_OF_SCALE = 1_000  # a figure this many times its neighbours' median is suspect
# (part, whole, code): the part cannot exceed the whole; profit and tax may be negative
_PARTS = (
    ("product_sales", "revenue", "product_sales_exceed_revenue"),
    ("main_business_revenue", "revenue", "main_revenue_exceed_revenue"),
    ("rd_expense", "main_business_revenue", "part_exceeds_whole"),
    ("product_profit", "product_sales", "part_exceeds_whole"),
    ("product_tax", "product_sales", "part_exceeds_whole"),
    ("total_profit", "revenue", "part_exceeds_whole"),
)


def check(app: Application, out: Collector) -> None:
    if _all_in_yuan(app, out):
        return  # one finding says it for every figure
    for i, row in enumerate(app.financials):
        for field in AMOUNTS:
            value = getattr(row, field)
            if abs(value) >= LARGEST_ENTERPRISE:
                _say(out, "amount_implausible", i, row, field, {"yi": money(value / YUAN_PER_WAN)})
        _parts(i, row, out)  # always: sales beyond revenue is an error in any unit
    _out_of_scale(app, out)
    _fractions(app, out)


def _all_in_yuan(app: Application, out: Collector) -> bool:
    """The whole table 10,000 times too large: an error where no real product could be
    that large, a warning from 100亿元 a year on — the size where typing in 元 is the
    likelier story, and where it would turn a product below the threshold into a pass."""
    test = sales_test(app, out.policy)
    sales = [r.product_sales for r in app.financials if r.product_sales > 0]
    consistent = bool(sales) and max(sales) < min(sales) * OUT_OF_SCALE  # not one odd cell
    if not consistent or test.lenient_average < LARGEST_PRODUCT:
        return False
    certain = test.lenient_average >= test.threshold * YUAN_PER_WAN
    first = min(app.financials, key=lambda r: r.year)
    out.add(
        "amounts_in_yuan" if certain else "amounts_maybe_in_yuan",
        "error" if certain else "warning",
        ("financials",),
        "sales_threshold",
        average=money(test.lenient_average),
        yi=money(test.lenient_average / YUAN_PER_WAN),
        threshold=money(test.threshold),
        year=first.year,
        written=typed(first.product_sales),
        type=typed(first.product_sales / YUAN_PER_WAN),
    )
    return True


def _parts(i: int, row: FinancialYear, out: Collector) -> None:
    for part, whole, code in _PARTS:
        value, limit = getattr(row, part), getattr(row, whole)
        if value > limit > 0:
            # far beyond its whole, and fits once divided: typed in 元
            in_wan = value >= limit * 100 and value / YUAN_PER_WAN <= limit
            # `hint`: the likely slip, said after the finding
            extra = {"whole": whole, "limit": money(limit), "hint": "in_yuan" if in_wan else ""}
            _say(out, code, i, row, part, extra)


def _out_of_scale(app: Application, out: Collector) -> None:
    """Within one field over the years: one figure 1,000 times the others, in 元."""
    for field in AMOUNTS:
        values = [getattr(r, field) for r in app.financials]
        for i, value in enumerate(values):
            others = [v for j, v in enumerate(values) if j != i and v > 0]
            if value <= 0 or not others:
                continue
            middle = median(others)
            in_wan = value / YUAN_PER_WAN
            if value >= middle * OUT_OF_SCALE and middle / 10 <= in_wan <= middle * 10:
                extra = {"others": [typed(v) for v in others]}
                _say(out, "amount_out_of_scale", i, app.financials[i], field, extra)


def _fractions(app: Application, out: Collector) -> None:
    """Percentages written as fractions: a pass rate of 0.98, a share of 0.012."""
    rate = app.report.quality.reliability.metrics.sampling_pass_rate
    loc: Loc = ("report", "quality", "reliability", "metrics", "sampling_pass_rate")
    for side in ("ours", "industry"):
        value = getattr(rate, side) if rate is not None else None
        if value is not None and 0 < value <= 1:  # nobody's pass rate is 1 %: 0.98 is 98 %
            out.error("percent_as_fraction", (*loc, side), **_as_percent(value))
    shares: list[tuple[Loc, Decimal | None]] = [
        (("financials", i, field), getattr(row, field))
        for i, row in enumerate(app.financials)
        for field in ("market_share_domestic", "market_share_international")
    ]
    margin = app.report.brand.market_share.peer_profit_margin
    shares.append((("report", "brand", "market_share", "peer_profit_margin"), margin))
    for where, value in shares:
        if value is not None and _looks_like_fraction(value):
            out.warning("percent_maybe_fraction", where, **_as_percent(value))


class _AsPercent(TypedDict):  # a TypedDict: mypy sees it cannot fill Collector's `rule`
    written: str
    type: str


def _as_percent(value: Decimal) -> _AsPercent:
    return {"written": typed(value), "type": typed(value * 100)}


def _looks_like_fraction(value: Decimal) -> bool:
    """0.012 (three decimals below 1) is how Excel stores 1.2 %; 0.2 or 0.85 may be real."""
    exponent = value.as_tuple().exponent
    return 0 < value < 1 and isinstance(exponent, int) and exponent <= -3


def _said(out: Collector, i: int, field: str) -> bool:
    """Whether a figure has its finding already: one slip, one message."""
    path = f"financials[{i}].{field}"
    return any(f.path == path and f.is_error for f in out.findings)


def _say(
    out: Collector,
    code: str,
    i: int,
    row: FinancialYear,
    field: str,
    extra: dict[str, Any] | None = None,
) -> None:
    """An error on one year's figure, with the value it has divided by 10,000."""
    if _said(out, i, field):
        return
    value, extra = getattr(row, field), extra or {}
    whole = extra.get("whole")
    out.error(
        code,
        ("financials", i, field),
        year=row.year,
        field_label=_label(field),
        written=typed(value),
        type=typed(value / YUAN_PER_WAN),
        whole_label=_label(whole) if whole else "",
        **extra,
    )


def _label(field: str) -> Named:
    """A figure's name: its Chinese title; its key for an English reader."""
    return Named(label(FinancialYear, (field,)), field)
