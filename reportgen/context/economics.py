"""The three years' figures as the book shows them: the table, the tests of the call,
growth and shares. Figures the user typed keep their precision (95.0 stays 95.0);
figures reportgen computes have two decimals."""

from __future__ import annotations

from decimal import Decimal

from reportgen.checks.financials import RdTest, SalesTest
from reportgen.context.check import Criterion
from reportgen.context.types import (
    FinancialRow,
    Growth,
    GrowthSeries,
    GrowthYear,
    Rd,
    RdYear,
    Sales,
    ShareYear,
)
from reportgen.context.words import DASH, YES_NO, chinese_date, phrase
from reportgen.model import Application, FinancialYear
from reportgen.model.figures import (
    as_entered,
    decimals,
    money,
    percent,
    percent_or_dash,
    ratio_percent,
)
from reportgen.model.financials import AMOUNTS, SHARES
from reportgen.policy import Policy

# the three-year table has a row per amount, then per share; each row's label is the
# message doc.financials.<field>


def entered_row(values: list[Decimal | None], unit: str = "") -> tuple[str, ...]:
    """One indicator over the years, each with the most decimals typed in the row, so
    the figures align (1,850.0 beside 4,260.5) without claiming precision nobody gave."""
    places = max((decimals(v) for v in values if v is not None), default=0)
    return tuple(DASH if v is None else as_entered(v, places) + unit for v in values)


def entered_percent(value: Decimal | None) -> str:
    return DASH if value is None else as_entered(value) + "%"


def financial_table(rows: list[FinancialYear]) -> tuple[FinancialRow, ...]:
    table = [
        FinancialRow(
            phrase(f"doc.financials.{field}"), entered_row([getattr(r, field) for r in rows])
        )
        for field in AMOUNTS
    ]
    for field in SHARES:
        values = [getattr(r, field) for r in rows]
        if any(v is not None for v in values):
            table.append(FinancialRow(phrase(f"doc.financials.{field}"), entered_row(values, "%")))
    return tuple(table)


def years_span(test: SalesTest) -> str:
    """'2024—2025': the years the average sales are counted over."""
    return f"{test.lenient_years[0]}—{test.lenient_years[-1]}"


def sales(app: Application, test: SalesTest) -> Sales:
    return Sales(
        category=app.product.category.label,
        threshold=money(test.threshold),
        mountain_island=YES_NO[test.mountain_island],
        lenient_years=years_span(test),
        lenient_average=money(test.lenient_average),
        strict_average=money(test.strict_average),
        passes=YES_NO[test.passes],
        passes_strict=YES_NO[test.passes_strict],
    )


def criteria(app: Application, policy: Policy, test: SalesTest, rd: RdTest) -> list[Criterion]:
    """The call's measurable conditions beside the enterprise's figures (the check report
    adds the three-year average, which the book leaves to the reviewers)."""
    return [launch_criterion(app, policy), sales_criterion(test), rd_criterion(rd)]


def launch_criterion(app: Application, policy: Policy) -> Criterion:
    window, launched = policy.launch_window, app.product.launch_date
    return Criterion(
        label=phrase("doc.criteria.launch_date"),
        value=chinese_date(launched),
        requirement=phrase(
            "doc.criteria.window", start=chinese_date(window.start), end=chinese_date(window.end)
        ),
        passes=YES_NO[window.contains(launched)],
    )


def sales_criterion(test: SalesTest) -> Criterion:
    return Criterion(
        label=phrase(
            "doc.criteria.average_sales",
            years=phrase("doc.years", first=test.lenient_years[0], last=test.lenient_years[-1]),
        ),
        value=money(test.lenient_average),
        requirement=phrase("doc.criteria.at_least", value=money(test.threshold))
        + (phrase("doc.criteria.mountain_island") if test.mountain_island else ""),
        passes=YES_NO[test.passes],
    )


def rd_criterion(rd: RdTest) -> Criterion:
    return Criterion(
        label=phrase("doc.criteria.rd_ratio"),
        value=percent_or_dash(rd.overall),
        requirement=phrase("doc.criteria.at_least", value=percent(rd.minimum)),
        passes=YES_NO[rd.passes],
    )


def rd(test: RdTest) -> Rd:
    return Rd(
        per_year=tuple(RdYear(str(year), percent_or_dash(ratio)) for year, ratio in test.per_year),
        overall=percent_or_dash(test.overall),
        minimum=percent(test.minimum),
        passes=YES_NO[test.passes],
    )


def growth(rows: list[FinancialYear]) -> Growth:
    """Year-on-year growth of product sales and revenue, and the average annual growth."""

    def series(field: str) -> GrowthSeries:
        values = [getattr(r, field) for r in rows]
        yearly = tuple(
            GrowthYear(str(rows[i].year), percent_or_dash(_growth_rate(values[i - 1], v)))
            for i, v in enumerate(values)
            if i > 0
        )
        first, last, spans = values[0], values[-1], len(values) - 1
        compound = None
        if first > 0 and last >= 0 and spans > 0:  # compound annual growth rate
            compound = ((last / first) ** (Decimal(1) / spans) - 1) * 100
        return GrowthSeries(yearly, percent_or_dash(compound))

    return Growth(product_sales=series("product_sales"), revenue=series("revenue"))


def _growth_rate(before: Decimal, after: Decimal) -> Decimal | None:
    return None if before <= 0 else (after - before) * 100 / before


def shares(rows: list[FinancialYear], peer_margin: Decimal | None) -> tuple[ShareYear, ...]:
    """Per year: the product's share of revenue and its profit margin against the peers'.
    The shares the user typed keep their precision, aligned down each column."""
    domestic = entered_row([r.market_share_domestic for r in rows], "%")
    international = entered_row([r.market_share_international for r in rows], "%")
    out = []
    for i, r in enumerate(rows):
        margin = ratio_percent(r.product_profit, r.product_sales)
        out.append(
            ShareYear(
                year=str(r.year),
                product_share_of_revenue=percent_or_dash(ratio_percent(r.product_sales, r.revenue)),
                profit_margin=percent_or_dash(margin),
                peer_profit_margin=entered_percent(peer_margin),
                margin_above_peer=YES_NO[
                    None if margin is None or peer_margin is None else margin > peer_margin
                ],
                market_share_domestic=domestic[i],
                market_share_international=international[i],
            )
        )
    return tuple(out)
