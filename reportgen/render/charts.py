"""Charts of the three-year figures: PNG bytes, crisp at print size, the same every time.

- Drawn at the size they are printed (150 mm wide): font sizes are printed sizes, none
  below 9 pt. The caption below the chart names it; the image repeats no title.
- Data labels are the tables' figures (as typed, with separators).
- The sales chart shows what the product does: its sales as bars and their share of the
  enterprise's revenue as a line on its own axis. Beside a revenue 10 times larger, the
  product's bars were slivers.
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
from reportgen.messages import text
from reportgen.model import FinancialYear
from reportgen.model.figures import as_entered, decimals, percent, ratio_percent

# Chinese-capable fonts, best first; fonts-noto-cjk is installed by scripts/setup.sh
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
)
WIDTH_MM, HEIGHT_MM, DPI = 150, 75, 200
TEXT_PT, LABEL_PT = 10, 9  # axis and legend text; data labels (printed sizes)
_BAR, _SECOND, _LINE = "#1f4e79", "#9dc3e6", "#c55a11"


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


def _figure(*, second_axis: bool = False) -> Any:
    from matplotlib.figure import Figure

    # fixed margins: constrained layout would draw every chart twice
    figure = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI)
    right = 0.89 if second_axis else 0.97
    figure.subplots_adjust(left=0.11, right=right, top=0.9, bottom=0.12)
    figure.set_facecolor("white")
    return figure


def _png(figure: Any) -> bytes:
    """The drawn figure as an RGB PNG: the chart is opaque (a white ground), so its alpha
    channel is a quarter of the bytes to compress for nothing — and in the PDF a soft mask
    per chart (~9 % of a fresh report book's render was the PNG encoder's). compress_level
    1: a fraction of the default's time, a few KB more per chart. No metadata: the same
    figures give the same bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas: Any = FigureCanvasAgg(figure)  # matplotlib's draw() and buffer are untyped
    canvas.draw()
    size = canvas.get_width_height()
    image = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


Series = tuple[tuple[str, tuple[str, ...]], ...]  # (legend, figures as the tables write them)


def charts(rows: Sequence[FinancialYear]) -> dict[str, bytes]:
    """The report book's two charts (template variable `charts`), PNG bytes by name."""
    ordered = sorted(rows, key=lambda r: r.year)
    return {"sales": sales_chart(ordered), "market_share": market_share_chart(ordered)}


def sales_chart(rows: Sequence[FinancialYear]) -> bytes:
    """Product sales per year (万元, bars) and their share of revenue (%, a line)."""
    return _png_of(_draw_sales, *_sales_figures(rows))


def market_share_chart(rows: Sequence[FinancialYear]) -> bytes:
    """Domestic (and, when given, international) market share per year (%)."""
    return _png_of(_draw_bars, *_share_figures(rows), "%")


def sales_figure(rows: Sequence[FinancialYear]) -> Any:
    """The sales chart as a matplotlib Figure (what the PNG shows; tests read it)."""
    return _draw_sales(*_sales_figures(rows))


def market_share_figure(rows: Sequence[FinancialYear]) -> Any:
    return _draw_bars(*_share_figures(rows), "%")


def _sales_figures(rows: Sequence[FinancialYear]) -> tuple[tuple[str, ...], ...]:
    years = tuple(str(r.year) for r in rows)
    places = max(decimals(r.product_sales) for r in rows)
    sales = tuple(as_entered(r.product_sales, places) for r in rows)
    shares = tuple(_share(ratio_percent(r.product_sales, r.revenue)) for r in rows)
    return years, sales, shares


def _share_figures(rows: Sequence[FinancialYear]) -> tuple[tuple[str, ...], Series]:
    years = tuple(str(r.year) for r in rows)
    domestic = _percents([r.market_share_domestic for r in rows])
    series: Series = ((_zh("doc.financials.market_share_domestic"), domestic),)
    if any(r.market_share_international is not None for r in rows):
        international = _percents([r.market_share_international for r in rows])
        series += ((_zh("doc.financials.market_share_international"), international),)
    return years, series


@lru_cache(maxsize=256)
def _png_of(draw: Any, *figures: Any) -> bytes:
    """Drawn once per distinct set of figures: re-rendering after a text edit reuses it."""
    import matplotlib

    # rc_context, not rcParams: a consultant's own matplotlib settings stay untouched;
    # saved inside it too, as ticks are laid out only when drawn
    with matplotlib.rc_context({"font.family": cjk_font(), "axes.unicode_minus": False}):
        return _png(draw(*figures))


def _percents(values: list[Decimal | None]) -> tuple[str, ...]:
    places = max((decimals(v) for v in values if v is not None), default=0)
    return tuple("" if v is None else as_entered(v, places) for v in values)


def _share(value: Decimal | None) -> str:
    return "" if value is None else percent(value).removesuffix("%")  # as 表14 writes it


def _number(text: str) -> float:
    return float(text.replace(",", "")) if text else 0.0


def _style(axes: Any, years: Sequence[str], *, money: bool = False) -> None:
    from matplotlib.ticker import StrMethodFormatter

    axes.set_xticks(
        range(len(years)), [_zh("doc.chart.year", year=y) for y in years], fontsize=TEXT_PT
    )
    if money:  # 万元 with separators, as the tables; percent ticks keep their decimals
        axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.tick_params(axis="y", labelsize=TEXT_PT)
    axes.spines[["top"]].set_visible(False)
    axes.margins(y=0.2)


def _draw_sales(years: tuple[str, ...], sales: tuple[str, ...], shares: tuple[str, ...]) -> Any:
    import matplotlib

    with matplotlib.rc_context({"font.family": cjk_font(), "axes.unicode_minus": False}):
        figure = _figure(second_axis=True)
        axes = figure.add_subplot()
        bars = axes.bar(range(len(years)), [_number(s) for s in sales], 0.5, color=_BAR,
                        label=_zh("doc.chart.sales"))  # fmt: skip
        # inside the bars, so the line's labels above its points never cover them
        axes.bar_label(bars, labels=list(sales), fontsize=LABEL_PT, label_type="center",
                       color="white")  # fmt: skip
        axes.set_ylabel(_zh("doc.chart.unit"), fontsize=TEXT_PT)
        _style(axes, years, money=True)
        axes.spines[["right"]].set_visible(False)
        share = axes.twinx()
        points = [_number(s) for s in shares]
        share.plot(range(len(years)), points, color=_LINE, marker="o", linewidth=1.6,
                   label=_zh("doc.chart.share_of_revenue"))  # fmt: skip
        for x, (y, text) in enumerate(zip(points, shares, strict=True)):
            if text:
                # on a white ground, readable over a bar as beside it
                share.annotate(f"{text}%", (x, y), textcoords="offset points", xytext=(0, 9),
                               ha="center", fontsize=LABEL_PT, color=_LINE,
                               bbox={"boxstyle": "square,pad=0.15", "fc": "white",
                                     "ec": "none"})  # fmt: skip
        share.set_ylim(0, max([*points, 1]) * 1.45)
        share.set_ylabel("%", fontsize=TEXT_PT)
        share.tick_params(axis="y", labelsize=TEXT_PT)
        share.spines[["top"]].set_visible(False)
        handles = axes.get_legend_handles_labels()
        more = share.get_legend_handles_labels()
        axes.legend(handles[0] + more[0], handles[1] + more[1], fontsize=TEXT_PT,
                    frameon=False, loc="upper left")  # fmt: skip
        return figure


def _draw_bars(years: tuple[str, ...], series: Series, unit: str) -> Any:
    import matplotlib

    # rc_context, not rcParams: a consultant's own matplotlib settings stay untouched
    with matplotlib.rc_context({"font.family": cjk_font(), "axes.unicode_minus": False}):
        figure = _figure()
        axes = figure.add_subplot()
        width = 0.7 / len(series)
        colours = (_BAR, _SECOND)
        for i, (label, values) in enumerate(series):
            positions = [x + (i - (len(series) - 1) / 2) * width for x in range(len(years))]
            bars = axes.bar(positions, [_number(v) for v in values], width * 0.92, label=label,
                            color=colours[i % len(colours)])  # fmt: skip
            texts = [f"{v}{unit}" if v else "" for v in values]
            axes.bar_label(bars, labels=texts, fontsize=LABEL_PT, padding=2)
        axes.set_ylabel(unit, fontsize=TEXT_PT)
        _style(axes, years)
        axes.spines[["right"]].set_visible(False)
        axes.legend(fontsize=TEXT_PT, frameon=False, loc="upper left")
        return figure


def _zh(key: str, **params: Any) -> str:
    """The charts' words, in Chinese like the book they go into."""
    return text(key, "zh", **params)
