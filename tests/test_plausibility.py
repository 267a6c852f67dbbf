"""Figures in the wrong unit: 元 for 万元, fractions for percentages, named with the fix."""

from __future__ import annotations

from decimal import Decimal

from reportgen.checks.plausibility import AMOUNTS

from .conftest import check_data, codes, example_data, finding


def test_a_whole_table_in_yuan_is_one_error_with_the_value_to_type() -> None:
    data = example_data()
    for row in data["financials"]:
        for field in AMOUNTS:
            row[field] *= 10_000
    result = check_data(data)
    problem = finding(result, "amounts_in_yuan")
    assert problem.is_error and problem.path == "financials"
    assert "是否把元填成了万元" in problem.message()
    assert problem.message().endswith("2023 年产品销售收入 18500000 应为 1850")
    assert "3,913.33 亿元" in problem.message()
    assert not result.valid
    assert {f.code for f in result.findings if f.is_error} == {"amounts_in_yuan"}


def test_one_figure_in_yuan_among_figures_in_wan() -> None:
    data = example_data()
    data["financials"][1]["product_sales"] = Decimal("42600000")  # 4260 万元 typed in 元
    data["financials"][2]["rd_expense"] = Decimal("21500")  # 2150 typed with a zero too many
    data["financials"][0]["revenue"] = Decimal("90000000")  # 9000 万元 in 元, below 10⁸
    result = check_data(data)
    said = {f.path: f for f in result.findings if f.is_error}
    sales = said["financials[1].product_sales"]  # exceeding revenue, and why
    assert sales.message().endswith("是否把元填成了万元？应为 4260")
    revenue = said["financials[0].revenue"]
    assert revenue.code == "amount_out_of_scale" and revenue.message().endswith("应为 9000")
    assert "financials[2].rd_expense" not in said  # ten times is a typo, not 元
    assert len([f for f in result.findings if f.path == "financials[1].product_sales"]) == 1


def test_an_amount_beyond_any_zhejiang_enterprise() -> None:
    data = example_data()
    data["financials"][0]["revenue"] = Decimal("386000000")
    problem = finding(check_data(data), "amount_implausible")
    assert problem.path == "financials[0].revenue" and problem.message().endswith("应为 38600")


def test_parts_exceeding_their_whole() -> None:
    data = example_data()
    data["financials"][2]["rd_expense"] = Decimal("21500000")
    data["financials"][0]["product_profit"] = Decimal("2000")  # above 1850 of sales: no 元 hint
    result = check_data(data)
    rd = [f for f in result.findings if f.path == "financials[2].rd_expense"]
    assert [f.code for f in rd] == ["part_exceeds_whole"]
    assert rd[0].message().endswith("应为 2150")
    profit = finding(result, "part_exceeds_whole")
    profits = [f for f in result.findings if f.path == "financials[0].product_profit"]
    assert profits and profits[0].message().endswith("请核对") and profit.is_error


def test_percentages_written_as_fractions() -> None:
    data = example_data()
    data["report"]["quality"]["reliability"]["metrics"]["sampling_pass_rate"] = {
        "ours": Decimal("0.98"),
        "industry": Decimal("96.5"),
    }
    data["financials"][0]["market_share_domestic"] = Decimal("0.031")
    data["report"]["brand"]["market_share"]["peer_profit_margin"] = Decimal("0.120")
    result = check_data(data)
    fraction = finding(result, "percent_as_fraction")
    assert fraction.is_error and fraction.message().endswith("应写 98")
    maybe = {f.path: f for f in result.findings if f.code == "percent_maybe_fraction"}
    assert set(maybe) == {
        "financials[0].market_share_domestic",
        "report.brand.market_share.peer_profit_margin",
    }
    assert maybe["financials[0].market_share_domestic"].message().endswith("应写 3.1")
    assert all(f.severity == "warning" for f in maybe.values())


def test_the_examples_are_plausible() -> None:
    result = check_data(example_data())
    assert not codes(result) & {
        "amounts_in_yuan",
        "amount_implausible",
        "amount_out_of_scale",
        "part_exceeds_whole",
        "percent_as_fraction",
        "percent_maybe_fraction",
    }


def test_sales_typed_in_yuan_that_would_fail_the_threshold_are_warned_of() -> None:
    """From 100亿元 a year, 元 is the likelier story though not certain (below 10,000 times
    the threshold): a warning, with the number to type."""
    data = example_data()
    for row in data["financials"]:
        for field in AMOUNTS:
            row[field] = row[field] * 800  # 1850 → 1,480,000 万元: 148亿, not 10,000 times
    result = check_data(data)
    problem = finding(result, "amounts_maybe_in_yuan")
    assert problem.severity == "warning" and problem.path == "financials"
    assert problem.message().endswith("2023 年产品销售收入 1480000 应为 148")
    assert "amounts_in_yuan" not in codes(result)


def test_a_large_real_product_is_not_taken_for_yuan() -> None:
    data = example_data()
    for row in data["financials"]:
        for field in AMOUNTS:
            row[field] = row[field] * 100  # 18.5亿元 a year: large, and possible
    assert not codes(check_data(data)) & {"amounts_maybe_in_yuan", "amounts_in_yuan"}
