"""The human form: grouped by the outline's parts, with a verdict line."""

import io

from rich.console import Console

from reportgen.checks.validation import check_file
from reportgen.cli.output import group_of, print_text, where
from reportgen.findings import Finding

from .conftest import ROOT


def test_findings_are_grouped_by_the_outline() -> None:
    def group(path: str) -> str:
        return group_of(Finding("x", "error", path))

    assert group("report.technology.advancement.text") == "technology"
    assert group("product.patents") == "technology"
    assert group("enterprise.quality.benchmark") == "quality"
    assert group("report.brand.reputation.customers") == "brand"
    assert group("financials[1].product_sales") == "competitiveness"
    assert group("evidence[0].file") == "evidence"
    assert group("product.new_product_proof.evidence") == "evidence"
    assert group("product.launch_date") == "basics"
    assert group("") == "file"


def test_where_names_label_path_and_line() -> None:
    finding = Finding("launch_window", "error", "product.launch_date", line=31)
    assert where(finding, "zh") == "申报产品 › 上市时间 (product.launch_date, 第 31 行)"
    assert where(finding, "en") == "product.launch_date (line 31)"


def test_text_output_groups_and_verdict() -> None:
    buffer = io.StringIO()
    results = [check_file(ROOT / "examples" / "invalid" / "rd-ratio-low.yaml")]
    print_text(results, "zh", Console(file=buffer, width=200))
    text = buffer.getvalue()
    assert text.index("四、综合竞争力") < text.index("研发投入占主营业务收入比重")
    assert "依据：附件2 二、1" in text
    assert text.rstrip().splitlines()[-1].startswith("✗")


def test_every_code_is_documented_and_translated() -> None:
    from reportgen.messages import en, zh

    documented = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    internal = {"invalid_application", "policy_invalid", "init_exists"}  # not findings
    internal |= {"render_refused"}  # documented in prose
    assert set(zh.MESSAGES) == set(en.MESSAGES)
    codes = {key for key in zh.findings.MESSAGES if "." not in key}  # reportgen's own: dotted
    for code in codes - internal:
        assert f"`{code}`" in documented, code


def test_a_passing_file_ends_with_the_figures_that_decided_it() -> None:
    buffer = io.StringIO()
    print_text([check_file(ROOT / "examples" / "consumer-tea" / "application.yaml")], "zh",
               Console(file=buffer, width=300))  # fmt: skip
    last = buffer.getvalue().rstrip().splitlines()[-2:]
    assert last[0].strip() == (
        "判断依据：特色（消费品）类标准为年均销售收入不低于 300.00 万元（淳安县，山区海岛县标准）；"
        "产品 2023—2025 年均销售收入 453.33 万元；"
        "近三年研发投入占主营业务收入 3.35%（不低于 3.00%）"
    )
    assert last[1].startswith("✓")
