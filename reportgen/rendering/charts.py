"""Charts of the three-year figures: PNG bytes, crisp at print size, the same every time.

matplotlib's object API (no pyplot): no global figure registry, so rendering hundreds of
documents in one process does not grow. PNGs carry no timestamp or software tag, so the
same figures give the same bytes (and the .docx stays byte-identical).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from reportgen.errors import RenderError
from reportgen.model import FinancialYear

# Chinese-capable fonts, best first; fonts-noto-cjk is installed by scripts/setup.sh
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
)
WIDTH_MM, HEIGHT_MM, DPI = 150, 72, 200
_COLOURS = ("#1f4e79", "#c55a11", "#7f7f7f")


@lru_cache(maxsize=1)
def cjk_font() -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    raise RenderError("chart_font_missing", fonts="、".join(CJK_FONTS))


def _figure() -> Any:
    from matplotlib.figure import Figure

    # fixed margins: constrained layout would draw every chart twice
    figure = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI)
    figure.subplots_adjust(left=0.09, right=0.98, top=0.88, bottom=0.12)
    figure.set_facecolor("white")
    return figure


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    # compress_level 1: a fraction of the default's time, a few KB more per chart
    figure.savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
    )
    return buffer.getvalue()


def _bars(
    axes: Any, years: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], unit: str
) -> None:
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        positions = [x + (i - (len(series) - 1) / 2) * width for x in range(len(years))]
        bars = axes.bar(
            positions, values, width * 0.92, label=label, color=_COLOURS[i % len(_COLOURS)]
        )
        axes.bar_label(
            bars,
            labels=[f"{v:,.0f}" if unit == "万元" else f"{v:.1f}%" for v in values],
            fontsize=7,
        )
    axes.set_xticks(range(len(years)), [f"{y}年" for y in years], fontsize=8)
    axes.set_ylabel(unit, fontsize=8)
    axes.tick_params(axis="y", labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=7, frameon=False, loc="upper left")
    axes.margins(y=0.18)


Series = tuple[tuple[str, tuple[float, ...]], ...]


def sales_chart(rows: Sequence[FinancialYear]) -> bytes:
    """Product sales beside the enterprise's revenue, per year (万元)."""
    series = (
        ("企业营业收入", tuple(float(r.revenue) for r in rows)),
        ("产品销售收入", tuple(float(r.product_sales) for r in rows)),
    )
    return _chart("近三年营业收入与产品销售收入", tuple(str(r.year) for r in rows), series, "万元")


def market_share_chart(rows: Sequence[FinancialYear]) -> bytes:
    """Domestic (and, when given, international) market share per year (%)."""
    series: Series = (("国内市场占有率", tuple(_float(r.market_share_domestic) for r in rows)),)
    if any(r.market_share_international is not None for r in rows):
        series += (("国际市场占有率", tuple(_float(r.market_share_international) for r in rows)),)
    return _chart("近三年市场占有率", tuple(str(r.year) for r in rows), series, "%")


@lru_cache(maxsize=256)
def _chart(title: str, years: tuple[str, ...], series: Series, unit: str) -> bytes:
    """Drawn once per distinct set of figures: re-rendering after a text edit reuses it."""
    import matplotlib

    # rc_context, not rcParams: a consultant's own matplotlib settings stay untouched
    with matplotlib.rc_context({"font.family": cjk_font(), "axes.unicode_minus": False}):
        figure = _figure()
        axes = figure.add_subplot()
        _bars(axes, years, series, unit)
        axes.set_title(title, fontsize=9)
        return _png(figure)


def _float(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0
