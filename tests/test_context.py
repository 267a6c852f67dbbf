"""The context: every figure the templates show, computed in Python, typed."""

import dataclasses
import importlib.util
import subprocess
import sys
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportgen.checks.validation import check_file
from reportgen.context import YES_NO, Context, build_context, chinese_date, section_texts
from reportgen.context.describe import field_types, markdown_table, variables
from reportgen.context.types import CHART_KEYS, SECTION_KEYS
from reportgen.model import Application
from reportgen.policy import load_policy
from reportgen.render.charts import market_share_chart, sales_chart

from .conftest import EXAMPLES, ROOT, VALID_EXAMPLES, example_data

POLICY = load_policy("zj-2026")


def context_of(path=EXAMPLES / "advanced-cnc" / "application.yaml", **kw):  # type: ignore[no-untyped-def]
    return build_context(Application.model_validate(example_data(path)), POLICY, **kw)


def test_three_year_table_is_formatted_the_chinese_way() -> None:
    context = context_of()
    assert context.years == ("2023", "2024", "2025")
    sales = context.financial_table[0]
    assert sales.label == "产品销售收入（万元）"
    assert sales.cells == ("1,850", "4,260", "5,630")  # as typed: no invented decimals
    shares = {row.label: row.cells for row in context.financial_table}
    assert shares["国内市场占有率"] == ("3.1%", "6.4%", "8.2%")


def test_figures_keep_the_precision_typed_aligned_in_a_row() -> None:
    data = example_data()
    data["financials"][1]["product_sales"] = Decimal("4260.5")
    data["financials"][0]["market_share_domestic"] = Decimal("3")
    data["report"]["quality"]["reliability"]["metrics"]["sampling_pass_rate"] = {
        "ours": Decimal("95.0"),
        "industry": Decimal("96.50"),
    }
    context = build_context(Application.model_validate(data), POLICY)
    table = {row.label: row.cells for row in context.financial_table}
    assert table["产品销售收入（万元）"] == ("1,850.0", "4,260.5", "5,630.0")
    assert table["国内市场占有率"] == ("3.0%", "6.4%", "8.2%")
    rate = context.report.quality_metrics[0]
    assert (rate.ours, rate.industry) == ("95.0%", "96.50%")
    assert context.sales.lenient_average == "3,913.50"  # computed: two decimals


def test_rd_ratio_each_year_and_overall() -> None:
    rd = context_of().rd
    assert [r.ratio for r in rd.per_year] == ["4.62%", "4.65%", "4.68%"]
    assert rd.overall == "4.65%" and rd.minimum == "3.00%" and rd.passes == "是"


def test_sales_lenient_and_strict_with_the_mountain_threshold() -> None:
    sales = context_of(EXAMPLES / "consumer-tea" / "application.yaml").sales
    assert sales.threshold == "300.00" and sales.mountain_island == "是"
    assert sales.lenient_average == "453.33" and sales.passes == "是"
    digital = context_of(EXAMPLES / "digital-vision" / "application.yaml").sales
    assert digital.lenient_years == "2024—2025" and digital.lenient_average == "1,490.00"
    assert digital.strict_average == "993.33"


def test_shares_margins_and_growth() -> None:
    context = context_of()
    first = context.shares[0]
    assert first.product_share_of_revenue == "4.79%"  # 1850 / 38600
    assert first.profit_margin == "16.00%" and first.peer_profit_margin == "12.0%"
    assert first.margin_above_peer == "是"
    growth = context.growth.product_sales
    assert [g.rate for g in growth.yearly] == ["130.27%", "32.16%"]
    assert growth.average == "74.45%"  # (5630 / 1850) ** (1/2) - 1


def test_comparisons_mark_the_better_side() -> None:
    rows = context_of().report.comparisons
    precision = rows[0]  # 定位精度 0.005 vs 0.008, lower is better
    assert precision.ours == "0.005" and precision.ours_better and not precision.peer_better
    assert precision.ours_mark == "（优）" and precision.better == "越小越好"
    speed = rows[3]  # 20000 vs 18000 r/min, higher is better
    assert speed.ours == "20000" and speed.ours_better


def test_labels_dates_and_quality_metrics() -> None:
    context = context_of()
    assert context.product.category == "先进制造类"
    assert context.product.launch_date == "2023年9月1日"
    assert chinese_date(None) == "—"
    metrics = {m.indicator: m for m in context.report.quality_metrics}
    assert metrics["废品率"].ours == "0.3%" and metrics["废品率"].ours_better
    assert context.commitment.signatory == "张建国"


def test_charts_are_png_and_the_same_for_the_same_figures() -> None:
    app = Application.model_validate(example_data())
    first, again = sales_chart(app.financials), sales_chart(list(app.financials))
    assert first.startswith(b"\x89PNG") and first == again
    assert market_share_chart(app.financials).startswith(b"\x89PNG")
    changed = app.model_copy(deep=True)
    object.__setattr__(changed.financials[0], "product_sales", Decimal("1851"))
    assert sales_chart(changed.financials) != first


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
    first = context.evidence[0]
    assert (first.id, first.kind, first.file) == (
        "E1",
        "新产品证明材料",
        "evidence/new-product-evaluation.pdf",
    )


def _mismatches(value: Any, tp: Any, path: str) -> list[str]:
    """Where `value` is not what the Context's type `tp` says it is."""
    if isinstance(tp, types.UnionType):
        if value is None and type(None) in typing.get_args(tp):
            return []
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, tp):  # type: ignore[arg-type]
            return [f"{path}: {type(value).__name__}"]
        return [
            wrong
            for name, (inner, _) in field_types(tp).items()  # type: ignore[arg-type]
            for wrong in _mismatches(getattr(value, name), inner, f"{path}.{name}")
        ]
    origin = typing.get_origin(tp)
    if origin is tuple:
        if not isinstance(value, tuple):
            return [f"{path}: {type(value).__name__}"]
        item = typing.get_args(tp)[0]
        return [w for i, v in enumerate(value) for w in _mismatches(v, item, f"{path}[{i}]")]
    if origin is Mapping:
        if not isinstance(value, Mapping):
            return [f"{path}: {type(value).__name__}"]
        item = typing.get_args(tp)[1]
        return [w for k, v in value.items() for w in _mismatches(v, item, f"{path}.{k}")]
    return [] if isinstance(value, tp) else [f"{path}: {type(value).__name__}, not {tp}"]


@pytest.mark.parametrize("example", VALID_EXAMPLES, ids=lambda p: p.parent.name)
def test_every_value_has_the_type_the_context_declares(example: Path) -> None:
    from reportgen.render.charts import charts
    from reportgen.render.check_report import check_context
    from reportgen.render.markdown import markdown_sections

    checked = check_file(example)
    app, policy = checked.application, checked.policy
    assert app is not None and policy is not None
    context = dataclasses.replace(
        build_context(app, policy, checked.findings, decided=checked.deciding),
        text=markdown_sections(section_texts(app)),
        charts=charts(app.financials),
        check=check_context(checked),
    )
    assert _mismatches(context, Context, "context") == []
    # the keys the types declare are the keys the context has
    assert tuple(context.text) == tuple(context.generated) == SECTION_KEYS
    assert tuple(context.charts) == CHART_KEYS


def test_yes_no_is_printed_as_written_and_true_only_for_yes() -> None:
    yes, no, unknown = YES_NO[True], YES_NO[False], YES_NO[None]
    assert (yes, no, unknown) == ("是", "否", "—")
    assert bool(yes) and not no and not unknown
    assert context_of().rd.passes and not context_of().enterprise.mountain_island


def test_the_context_is_frozen() -> None:
    context = context_of()
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.enterprise.name = "别的企业"  # type: ignore[misc]


def test_the_variable_table_of_docs_templates_md_is_generated_from_the_types() -> None:
    documented = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    start = documented.index("<!-- variables: generated")
    table = documented[documented.index("\n", start) + 1 : documented.index("<!-- variables: end")]
    assert table.strip() == markdown_table(Context).strip(), (
        "docs/templates.md disagrees with reportgen/context/types.py: run `make variables`"
    )


def test_every_field_has_a_description_and_the_table_every_field() -> None:
    rows = {v.name: v for v in variables(Context)}
    assert all(v.zh for v in rows.values())
    for name in ("enterprise.contact.name", "product.patents[].number", "check.notes", "text"):
        assert name in rows, name
    assert rows["sales.passes"].type == "YesNo"
    assert rows["report.comparisons"].type == "list[ComparisonRow]"

    @dataclasses.dataclass(frozen=True)
    class Undocumented:
        name: str

    with pytest.raises(TypeError, match=r"Undocumented\.name has no Doc"):
        variables(Undocumented)


def test_the_table_script_rewrites_and_checks(tmp_path: Path) -> None:
    script = ROOT / "tools" / "variables.py"
    assert subprocess.run([sys.executable, str(script), "--check"], check=False).returncode == 0
    spec = importlib.util.spec_from_file_location("variables_tool", script)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    stale = f"before\n{tool.START}\n| old | table |\n{tool.END}\nafter\n"
    rewritten = tool.with_table(stale)
    assert "| old | table |" not in rewritten and "`enterprise.name`" in rewritten
    assert rewritten.startswith("before\n") and rewritten.endswith("after\n")
    assert tool.with_table(rewritten) == rewritten
