"""Every rule of the call: fails where it should, passes at its limit."""

import os
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportgen.checks.financials import sales_test
from reportgen.model import Application
from reportgen.policy import load_policy

from .conftest import EXAMPLES, check_data, codes, example_data, finding

CONSUMER = EXAMPLES / "consumer-tea" / "application.yaml"
DIGITAL = EXAMPLES / "digital-vision" / "application.yaml"


def sales(data: dict[str, Any], *values: int) -> None:
    for row, value in zip(data["financials"], values, strict=True):
        row["product_sales"] = value


def test_examples_pass() -> None:
    for path in (CONSUMER, DIGITAL):
        assert check_data(example_data(path), path.parent).valid


# -- 二.4 launch window, inclusive at both ends
@pytest.mark.parametrize(
    ("day", "ok"),
    [("2022-12-31", False), ("2023-01-01", True), ("2024-12-31", True), ("2025-01-01", False)],
)
def test_launch_window_bounds(day: str, ok: bool) -> None:
    data = example_data()
    data["product"]["launch_date"] = day
    data["product"]["new_product_proof"]["date"] = None
    result = check_data(data)
    assert ("launch_window" not in codes(result)) is ok
    if not ok:
        problem = finding(result, "launch_window")
        assert problem.clause == "附件2 二、4" and problem.path == "product.launch_date"
        assert day in problem.message()


# -- 二.1 R&D ratio over the three years, 3 % passes exactly
def test_rd_ratio_at_the_limit_passes_and_below_fails() -> None:
    data = example_data()
    for row in data["financials"]:
        row["main_business_revenue"] = 10000
        row["rd_expense"] = 300
    assert "rd_ratio" not in codes(check_data(data))
    data["financials"][2]["rd_expense"] = Decimal("299.99")
    problem = finding(check_data(data), "rd_ratio")
    assert problem.severity == "error" and problem.clause == "附件2 二、1"
    assert "2023年 3.00%" in problem.message()  # each year shown


def test_rd_ratio_with_no_main_revenue() -> None:
    data = example_data()
    for row in data["financials"]:
        row["main_business_revenue"] = 0
    assert "rd_ratio" in codes(check_data(data), "error")


# -- 二.5 sales thresholds, lenient and strict averages, mountain/island counties
def test_sales_threshold_at_the_limit() -> None:
    data = example_data()  # advanced, launched 2023: three-year average against 800
    sales(data, 800, 800, 800)
    assert "sales_threshold" not in codes(check_data(data))
    sales(data, 800, 800, 799)
    problem = finding(check_data(data), "sales_threshold")
    assert "799.67" in problem.message() and "800.00" in problem.message()


def test_lenient_average_from_launch_year_with_strict_warning() -> None:
    data = example_data()
    data["product"]["launch_date"] = "2024-03-01"
    sales(data, 0, 700, 900)  # 2024–2025: 800 passes; 2023–2025: 533.33 does not
    result = check_data(data)
    assert "sales_threshold" not in codes(result)
    warning = finding(result, "sales_strict_average")
    assert warning.severity == "warning" and "533.33" in warning.message()
    test = sales_test(
        Application.model_validate(check_data(data).source.data), load_policy("zj-2026")
    )  # type: ignore[union-attr]
    assert test.lenient_years == [2024, 2025] and test.lenient_average == 800


def test_consumer_example_passes_only_through_the_mountain_island_threshold() -> None:
    data = example_data(CONSUMER)
    app = Application.model_validate(data)
    test = sales_test(app, load_policy("zj-2026"))
    assert test.mountain_island and test.threshold == 300
    assert 300 <= test.lenient_average < 600  # the ordinary 特色（消费品）类 threshold
    data["enterprise"]["mountain_island"] = False  # declared not on the list: ordinary rule
    result = check_data(data, CONSUMER.parent)
    assert "sales_threshold" in codes(result, "error")
    assert "mountain_island_override" in codes(result, "info")


def test_mountain_island_override_true_lowers_the_threshold() -> None:
    data = example_data()
    sales(data, 600, 600, 600)  # below 800, above the 山区海岛县 500
    assert "sales_threshold" in codes(check_data(data))
    data["enterprise"]["mountain_island"] = True
    result = check_data(data)
    assert "sales_threshold" not in codes(result)
    assert "mountain_island_override" in codes(result, "info")


def test_county_removed_from_the_list_is_noted() -> None:
    data = example_data()
    data["enterprise"].update(city="温州市", county="平阳县")
    result = check_data(data)
    note = finding(result, "mountain_island_list_changed")
    assert note.severity == "info" and "2021" in note.message()


# -- tracks and cluster brands
def test_unknown_track_suggests_the_right_one() -> None:
    data = example_data()
    data["product"]["cluster_track"] = "工业母机和机器人"
    problem = finding(check_data(data), "cluster_track")
    assert "工业母机与机器人" in problem.message() and problem.clause == "附件5 注1"


def test_digital_example_uses_its_brand_quota_correctly() -> None:
    data = example_data(DIGITAL)
    assert data["product"]["cluster_brand_quota"] is True
    assert check_data(data, DIGITAL.parent).valid
    data["product"]["cluster_track"] = "人工智能"
    assert "cluster_brand_track" in codes(check_data(data, DIGITAL.parent), "error")
    data["enterprise"]["county"] = "余杭区"
    assert "cluster_brand_county" in codes(check_data(data, DIGITAL.parent), "error")


# -- 二.1 legal person, institutions; 二.2 quality; 二.3 IP
@pytest.mark.parametrize(
    ("path", "code", "severity"),
    [
        (("enterprise", "independent_legal_person"), "independent_legal_person", "error"),
        (("enterprise", "rd_institution", "in_province"), "rd_institution_outside", "error"),
        (("enterprise", "production_base", "in_province"), "production_base_outside", "error"),
        (
            ("enterprise", "quality", "capability_evaluated"),
            "quality_capability_evaluation",
            "warning",
        ),
    ],
)
def test_eligibility_flags(path: tuple[str, ...], code: str, severity: str) -> None:
    data = example_data()
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = False
    assert code in codes(check_data(data), severity)


def test_core_ip_needs_a_patent_or_a_led_standard() -> None:
    data = example_data()
    data["product"]["patents"] = []
    assert "core_ip" not in codes(check_data(data))  # it leads T/ZZB 3121-2024
    data["product"]["standards"] = [s for s in data["product"]["standards"] if s["role"] != "lead"]
    assert "core_ip" in codes(check_data(data), "warning")


def test_credit_code_outside_zhejiang_is_a_warning() -> None:
    data = example_data()
    data["enterprise"]["credit_code"] = "914403001922038216"
    assert "credit_code_region" in codes(check_data(data), "warning")


def test_provincial_state_owned_is_noted() -> None:
    data = example_data()
    data["enterprise"]["provincial_state_owned"] = True
    assert "provincial_state_owned" in codes(check_data(data), "info")


# -- consistency
def test_financial_years_must_be_the_call_s() -> None:
    data = example_data()
    data["financials"] = data["financials"][:2]
    assert "financial_years" in codes(check_data(data), "error")
    data = example_data()
    data["financials"][2]["year"] = 2024
    assert "financial_year_duplicate" in codes(check_data(data), "error")


def test_figures_that_contradict_each_other() -> None:
    data = example_data()
    data["financials"][1]["product_sales"] = data["financials"][1]["revenue"] + 1
    data["financials"][1]["main_business_revenue"] = data["financials"][1]["revenue"] + 1
    result = check_data(data)
    assert {"product_sales_exceed_revenue", "main_revenue_exceed_revenue"} <= codes(result, "error")
    assert finding(result, "product_sales_exceed_revenue").path == "financials[1].product_sales"


def test_sales_before_launch_is_questioned() -> None:
    data = example_data()
    data["product"]["launch_date"] = "2024-02-01"
    assert "sales_before_launch" in codes(check_data(data), "warning")


def test_commitment_date_outside_the_window_is_a_warning() -> None:
    data = example_data()
    data["commitment"]["date"] = "2026-07-11"
    assert "commitment_date_window" in codes(check_data(data), "warning")
    data["commitment"]["date"] = "2026-07-10"
    assert "commitment_date_window" not in codes(check_data(data))


# -- completeness
def test_completeness_of_the_outline() -> None:
    data = example_data()
    data["report"]["quality"]["safety"]["text"] = "  \n"
    data["report"]["brand"]["reputation"]["text"] = "短" * 199
    data["report"]["technology"]["advancement"]["comparisons"] = []
    data["report"]["quality"]["reliability"]["metrics"] = {}
    data["report"]["brand"]["reputation"]["customers"] = []
    result = check_data(data)
    assert finding(result, "section_missing").path == "report.quality.safety.text"
    assert finding(result, "section_short").severity == "warning"
    assert {"no_comparisons", "no_quality_metrics", "no_customers"} <= codes(result, "warning")
    data["report"]["brand"]["reputation"]["text"] = "长" * 200
    assert "section_short" not in codes(check_data(data))


def test_a_missing_report_lists_all_eleven_subsections() -> None:
    data = example_data()
    del data["report"]
    missing = [f for f in check_data(data).findings if f.code == "section_missing"]
    assert len(missing) == 11


# -- evidence
def test_evidence_ids_and_kinds() -> None:
    data = example_data()
    data["evidence"].append(dict(data["evidence"][0]))
    data["product"]["patents"][0]["evidence"] = "E99"
    result = check_data(data)
    assert "evidence_duplicate_id" in codes(result, "error")
    assert finding(result, "evidence_unknown_id").path == "product.patents[0].evidence"


def test_financial_evidence_must_cover_every_year() -> None:
    data = example_data(DIGITAL)
    data["evidence"] = [e for e in data["evidence"] if e["kind"] != "financial_statement"]
    problem = finding(check_data(data, DIGITAL.parent), "financial_evidence_missing")
    assert "2023" in problem.message() and "2024" not in problem.message()


def test_evidence_paths_must_stay_inside(app_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    (app_dir / "evidence" / "link.pdf").symlink_to(outside)
    data = example_data()
    for i, file in enumerate(["/etc/passwd", "../secret.pdf", "evidence/link.pdf", "C:\\x.pdf"]):
        data["evidence"][i + 1]["file"] = file
    result = check_data(data, app_dir)
    outside_findings = [f for f in result.findings if f.code == "evidence_outside"]
    assert len(outside_findings) == 4


def test_evidence_content_type_size_and_placeholders(app_dir: Path) -> None:
    evidence = app_dir / "evidence"
    (evidence / "renamed.pdf").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(evidence / "invoice.ofd", "w") as ofd:
        ofd.writestr("OFD.xml", "<ofd:OFD/>")
    (evidence / "scan.png").write_bytes((evidence / "quality-award.png").read_bytes())
    os.rename(evidence / "scan.png", evidence / "scan.pdf")
    with open(evidence / "huge.pdf", "wb") as huge:  # sparse: 21 MB without writing them
        huge.write(b"%PDF-1.7\n")
        huge.truncate(21 * 1024 * 1024)
    from reportgen.starter import simple_pdf

    (evidence / "placeholder.pdf").write_bytes(simple_pdf(["x"], placeholder=True))
    data = example_data()
    for i, name in enumerate(
        ["renamed.pdf", "invoice.ofd", "scan.pdf", "huge.pdf", "placeholder.pdf"]
    ):
        data["evidence"][i + 1]["file"] = f"evidence/{name}"
    result = check_data(data, app_dir)
    by_file = {f.params.get("file"): f.code for f in result.findings if "file" in f.params}
    assert by_file["evidence/renamed.pdf"] == "evidence_file_type"
    assert "evidence/invoice.ofd" not in by_file  # a real OFD is accepted
    assert by_file["evidence/scan.pdf"] == "evidence_extension_mismatch"
    assert by_file["evidence/huge.pdf"] == "evidence_too_large"
    assert by_file["evidence/placeholder.pdf"] == "evidence_placeholder"


def test_evidence_path_with_a_nul_byte() -> None:
    data = example_data()
    data["evidence"][1]["file"] = "evidence/a\x00b.pdf"
    result = check_data(data)  # the NUL is dropped (and warned of): no such file
    assert finding(result, "evidence_missing_file").path == "evidence[1].file"
    assert finding(result, "control_characters").path == "evidence[1].file"


def test_every_starter_string_is_an_example_a_prompt_or_meant_to_stay() -> None:
    from reportgen.checks.base import strings
    from reportgen.checks.leftovers import EXAMPLE_MARK, EXAMPLE_VALUES, is_prompt
    from reportgen.source import load
    from reportgen.starter import STARTER

    kept = {  # values an enterprise may well keep: the call, places, common names
        "zj-2026", "杭州市", "滨江区", "总经理助理", "市级", "ISO 9001:2015",
        "浙江省经济和信息化厅", "mm", "国外同类产品", "批量采购", "新产品证明材料",
        "2023—2025年审计报告",
        "产品销售收入证明",
    }  # fmt: skip
    for loc, text in strings(load(STARTER).data):
        choices = ("kind", "category", "status", "cluster_track", "benchmark", "better", "level")
        if loc[-1] in (*choices, "file", "date", "founded", "launch_date", "id", "evidence"):
            continue  # choices, paths, dates, references
        assert text in EXAMPLE_VALUES or EXAMPLE_MARK in text or is_prompt(text) or text in kept, (
            loc,
            text,
        )


def test_the_same_evidence_file_twice_is_a_warning(app_dir: Path) -> None:
    data = example_data()
    data["evidence"].append(dict(data["evidence"][1], id="E9"))  # the same path again
    shutil.copy(app_dir / "evidence" / "sales-statement.pdf", app_dir / "evidence" / "copy.pdf")
    data["evidence"].append(dict(data["evidence"][2], id="E10", file="evidence/copy.pdf"))
    result = check_data(data, app_dir)
    same = {f.path: f for f in result.findings if f.code == "evidence_same_file"}
    assert set(same) == {"evidence[8].file", "evidence[9].file"}
    assert same["evidence[8].file"].message().startswith("与第 2 项佐证材料（E2）是同一个文件")
    assert "内容完全相同" in same["evidence[9].file"].message()
    assert "has the same content as evidence item 3" in same["evidence[9].file"].message("en")
    assert all(f.severity == "warning" for f in same.values())


def test_a_narrative_may_say_shi_li_where_a_name_may_not() -> None:
    """示例 marks the starter's names; 典型示例 in a narrative is the enterprise's own words."""
    data = example_data()
    data["report"]["quality"]["safety"]["text"] += "\n\n典型示例：2024 年完成绿色工厂改造。"
    data["commitment"]["signatory"] = "示例签字人"
    flagged = {f.path for f in check_data(data).findings if f.code == "starter_example"}
    assert flagged == {"commitment.signatory"}
