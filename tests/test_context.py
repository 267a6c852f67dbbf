"""The context: every figure the templates show, computed in Python."""

from decimal import Decimal

from reportgen.context import build_context, chinese_date
from reportgen.model import Application
from reportgen.policy import load_policy
from reportgen.render.charts import market_share_chart, sales_chart

from .conftest import EXAMPLES, example_data

POLICY = load_policy("zj-2026")


def context_of(path=EXAMPLES / "advanced-cnc" / "application.yaml", **kw):  # type: ignore[no-untyped-def]
    return build_context(Application.model_validate(example_data(path)), POLICY, **kw)


def test_three_year_table_is_formatted_the_chinese_way() -> None:
    context = context_of()
    assert context["years"] == ["2023", "2024", "2025"]
    sales = context["financial_table"][0]
    assert sales["label"] == "产品销售收入（万元）"
    assert sales["cells"] == ["1,850", "4,260", "5,630"]  # as typed: no invented decimals
    shares = {row["label"]: row["cells"] for row in context["financial_table"]}
    assert shares["国内市场占有率"] == ["3.1%", "6.4%", "8.2%"]


def test_figures_keep_the_precision_typed_aligned_in_a_row() -> None:
    data = example_data()
    data["financials"][1]["product_sales"] = Decimal("4260.5")
    data["financials"][0]["market_share_domestic"] = Decimal("3")
    data["report"]["quality"]["reliability"]["metrics"]["sampling_pass_rate"] = {
        "ours": Decimal("95.0"),
        "industry": Decimal("96.50"),
    }
    context = build_context(Application.model_validate(data), POLICY)
    table = {row["label"]: row["cells"] for row in context["financial_table"]}
    assert table["产品销售收入（万元）"] == ["1,850.0", "4,260.5", "5,630.0"]
    assert table["国内市场占有率"] == ["3.0%", "6.4%", "8.2%"]
    rate = context["report"]["quality_metrics"][0]
    assert (rate["ours"], rate["industry"]) == ("95.0%", "96.50%")
    assert context["sales"]["lenient_average"] == "3,913.50"  # computed: two decimals


def test_rd_ratio_each_year_and_overall() -> None:
    rd = context_of()["rd"]
    assert [r["ratio"] for r in rd["per_year"]] == ["4.62%", "4.65%", "4.68%"]
    assert rd["overall"] == "4.65%" and rd["minimum"] == "3.00%" and rd["passes"] == "是"


def test_sales_lenient_and_strict_with_the_mountain_threshold() -> None:
    sales = context_of(EXAMPLES / "consumer-tea" / "application.yaml")["sales"]
    assert sales["threshold"] == "300.00" and sales["mountain_island"] == "是"
    assert sales["lenient_average"] == "453.33" and sales["passes"] == "是"
    digital = context_of(EXAMPLES / "digital-vision" / "application.yaml")["sales"]
    assert digital["lenient_years"] == "2024—2025" and digital["lenient_average"] == "1,490.00"
    assert digital["strict_average"] == "993.33"


def test_shares_margins_and_growth() -> None:
    context = context_of()
    first = context["shares"][0]
    assert first["product_share_of_revenue"] == "4.79%"  # 1850 / 38600
    assert first["profit_margin"] == "16.00%" and first["peer_profit_margin"] == "12.0%"
    assert first["margin_above_peer"] == "是"
    growth = context["growth"]["product_sales"]
    assert [g["rate"] for g in growth["yearly"]] == ["130.27%", "32.16%"]
    assert growth["average"] == "74.45%"  # (5630 / 1850) ** (1/2) - 1


def test_comparisons_mark_the_better_side() -> None:
    rows = context_of()["report"]["comparisons"]
    precision = rows[0]  # 定位精度 0.005 vs 0.008, lower is better
    assert (
        precision["ours"] == "0.005" and precision["ours_better"] and not precision["peer_better"]
    )
    assert precision["ours_mark"] == "（优）" and precision["better"] == "越小越好"
    speed = rows[3]  # 20000 vs 18000 r/min, higher is better
    assert speed["ours"] == "20000" and speed["ours_better"]


def test_labels_dates_and_quality_metrics() -> None:
    context = context_of()
    assert context["product"]["category"] == "先进制造类"
    assert context["product"]["launch_date"] == "2023年9月1日"
    assert chinese_date(None) == "—"
    metrics = {m["indicator"]: m for m in context["report"]["quality_metrics"]}
    assert metrics["废品率"]["ours"] == "0.3%" and metrics["废品率"]["ours_better"]
    assert context["commitment"]["signatory"] == "张建国"


def test_charts_are_png_and_the_same_for_the_same_figures() -> None:
    app = Application.model_validate(example_data())
    first, again = sales_chart(app.financials), sales_chart(list(app.financials))
    assert first.startswith(b"\x89PNG") and first == again
    assert market_share_chart(app.financials).startswith(b"\x89PNG")
    changed = app.model_copy(deep=True)
    object.__setattr__(changed.financials[0], "product_sales", Decimal("1851"))
    assert sales_chart(changed.financials) != first


def test_every_context_variable_is_documented() -> None:
    from .conftest import ROOT

    documented = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    context = build_context(Application.model_validate(example_data()), POLICY)
    for key in [*context, "text"]:
        assert f"`{key}" in documented, key
    for key in context["enterprise"]:
        assert f".{key}" in documented or f"enterprise.{key}" in documented, key
    for key in context["product"]:
        assert f".{key}" in documented, key
    for key in context["report"]:
        assert f"report.{key}" in documented or f".{key}" in documented, key


def test_evidence_digests_accept_what_validate_accepts() -> None:
    # the manifest's inputs digest covers the evidence files (the book no longer prints them)
    from reportgen.checks.evidence import evidence_sha256

    folder, limit = EXAMPLES / "advanced-cnc", POLICY.evidence_max_bytes
    windows = evidence_sha256(folder, "evidence\\audit-2023-2025.pdf", limit)  # from Windows
    assert windows is not None and windows == evidence_sha256(
        folder, "evidence/audit-2023-2025.pdf", limit
    )
    assert evidence_sha256(folder, "../outside.pdf", limit) is None
    assert evidence_sha256(folder, "evidence/audit-2023-2025.pdf", 10).startswith("size ")
    context = build_context(Application.model_validate(example_data()), POLICY)
    assert set(context["evidence"][0]) == {"id", "kind", "title", "file"}
