"""The call's figures: R&D ratio (附件2 二、1) and average product sales (附件2 二、5).

Interpretations (stated in the check report, DOMAIN.md):
- "近三年" are the policy's three financial years (2023–2025 for zj-2026).
- 年均销售收入 averages the years from the launch year to the last year (lenient); the
  average over all three years (strict) is shown too, with a warning when only the
  lenient reading passes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from reportgen.checks.base import Collector
from reportgen.messages import Named, Phrase
from reportgen.model import Application, FinancialYear
from reportgen.model.figures import average, money, percent, percent_or_dash, ratio_percent
from reportgen.policy import Policy


def check(app: Application, out: Collector) -> None:
    for i, row in enumerate(app.financials):
        _year_consistency(app, i, row, out)
    if not _years_match(app, out):
        return  # ratios over the wrong years would only mislead
    _rd_ratio(app, out)
    _sales(app, out)


def _decided(out: Collector) -> Deciding:
    if out.decided is None:
        raise RuntimeError("financial checks need the Deciding that checks.check computes")
    return out.decided


def _years_match(app: Application, out: Collector) -> bool:
    wanted = out.policy.financial_years
    counts = Counter(row.year for row in app.financials)
    for i, row in enumerate(app.financials):
        if counts[row.year] > 1:
            out.error("financial_year_duplicate", ("financials", i, "year"), year=row.year)
            return False
    if sorted(counts) != sorted(wanted):
        out.error(
            "financial_years",
            ("financials",),
            "sales_threshold",
            found=sorted(counts),
            wanted=wanted,
        )
        return False
    return True


def _year_consistency(app: Application, i: int, row: FinancialYear, out: Collector) -> None:
    # parts exceeding their whole (sales beyond revenue …) are in plausibility.py
    if row.year < app.product.launch_date.year and row.product_sales > 0:
        out.warning(
            "sales_before_launch",
            ("financials", i, "product_sales"),
            year=row.year,
            launch=app.product.launch_date.isoformat(),
        )


@dataclass(frozen=True)
class RdTest:
    """The R&D rule as applied to one application; the context shows the same figures."""

    per_year: list[tuple[int, Decimal | None]]  # None: no main business revenue that year
    overall: Decimal | None
    minimum: Decimal

    @property
    def passes(self) -> bool:
        return self.overall is not None and self.overall >= self.minimum


def rd_test(app: Application, policy: Policy) -> RdTest:
    """近三年研发投入占主营业务收入比重: the three years' sums divided, and each year's."""
    rows = sorted(app.financials, key=lambda r: r.year)
    return RdTest(
        per_year=[(r.year, ratio_percent(r.rd_expense, r.main_business_revenue)) for r in rows],
        overall=ratio_percent(
            sum((r.rd_expense for r in rows), Decimal(0)),
            sum((r.main_business_revenue for r in rows), Decimal(0)),
        ),
        minimum=policy.rd_ratio_min,
    )


def _rd_ratio(app: Application, out: Collector) -> None:
    test = _decided(out).rd
    if test.passes:
        return
    out.error(
        "rd_ratio",
        ("financials",),
        "rd_ratio",
        ratio=percent_or_dash(test.overall),
        minimum=percent(test.minimum),
        years=[
            Phrase("word.year_ratio", year=year, ratio=percent_or_dash(ratio))
            for year, ratio in test.per_year
        ],
    )


@dataclass(frozen=True)
class SalesTest:
    """The sales rule as applied to one application; the context shows the same figures."""

    threshold: Decimal
    mountain_island: bool
    lenient_years: list[int]
    lenient_average: Decimal
    strict_average: Decimal

    @property
    def passes(self) -> bool:
        return self.lenient_average >= self.threshold

    @property
    def passes_strict(self) -> bool:
        return self.strict_average >= self.threshold


def is_mountain_island(app: Application, policy: Policy) -> tuple[bool, bool]:
    """(what applies, what the policy's list says): the application may override the list."""
    ent = app.enterprise
    listed = ent.county in policy.mountain_island.counties.get(ent.city, [])
    return (listed if ent.mountain_island is None else ent.mountain_island), listed


def sales_test(app: Application, policy: Policy) -> SalesTest:
    mountain, _ = is_mountain_island(app, policy)
    table = policy.mountain_island_sales_thresholds if mountain else policy.sales_thresholds
    by_year = {row.year: row.product_sales for row in app.financials}
    years = sorted(policy.financial_years)
    launch_year = app.product.launch_date.year
    lenient_years = [y for y in years if y >= launch_year] or years
    return SalesTest(
        threshold=table[app.product.category],
        mountain_island=mountain,
        lenient_years=lenient_years,
        lenient_average=average([by_year.get(y, Decimal(0)) for y in lenient_years]),
        strict_average=average([by_year.get(y, Decimal(0)) for y in years]),
    )


def _sales(app: Application, out: Collector) -> None:
    policy, ent = out.policy, app.enterprise
    _, listed = is_mountain_island(app, policy)
    if ent.mountain_island is not None and ent.mountain_island != listed:
        out.info(
            "mountain_island_override",
            ("enterprise", "mountain_island"),
            "sales_threshold",
            county=ent.county,
            declared=ent.mountain_island,
            listed=listed,
            source=policy.mountain_island.source,
        )
    previous = policy.mountain_island_previous
    if (
        ent.mountain_island is None
        and previous is not None
        and not listed
        and ent.county in previous.counties.get(ent.city, [])
    ):
        out.info(
            "mountain_island_list_changed",
            ("enterprise", "county"),
            "sales_threshold",
            county=ent.county,
            source=policy.mountain_island.source,
            previous=previous.source,
        )
    test = _decided(out).sales
    params = dict(
        category=_category(app),
        threshold=money(test.threshold),
        mountain=test.mountain_island,
        years=f"{test.lenient_years[0]}—{test.lenient_years[-1]}",
        average=money(test.lenient_average),
        strict=money(test.strict_average),
    )
    if not test.passes:
        out.error("sales_threshold", ("financials",), "sales_threshold", **params)
    elif not test.passes_strict:
        out.warning("sales_strict_average", ("financials",), "sales_threshold", **params)


@dataclass(frozen=True)
class Deciding:
    """The figures the two measurable rules were decided on, for a person to see why an
    application passed (validate's last lines, the check report, batch rows)."""

    sales: SalesTest
    rd: RdTest
    category: Named  # its Chinese label; its code in English
    county: str

    def params(self) -> dict[str, object]:
        mountain = "verdict.mountain_island" if self.sales.mountain_island else "verdict.general"
        return {
            "category": self.category,
            "county": self.county,
            "mountain": Phrase(mountain),
            "threshold": money(self.sales.threshold),
            "years": f"{self.sales.lenient_years[0]}—{self.sales.lenient_years[-1]}",
            "average": money(self.sales.lenient_average),
            "rd_ratio": percent_or_dash(self.rd.overall),
            "rd_minimum": percent(self.rd.minimum),
        }


def deciding(app: Application, policy: Policy) -> Deciding:
    return Deciding(
        sales_test(app, policy), rd_test(app, policy), _category(app), app.enterprise.county
    )


def _category(app: Application) -> Named:
    return Named(app.product.category.label, app.product.category.value)
