"""Values as clerks type them: read when their meaning is certain, explained when not."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reportgen.checks.validation import Checked, check_bytes
from reportgen.model.schema import application_schema

from .conftest import ADVANCED, check_data, codes, example_data, finding
from .test_parsing import set_path

EXAMPLE_TEXT = ADVANCED.read_text(encoding="utf-8")


def check_yaml(text: str, base_dir: Path = ADVANCED.parent) -> Checked:
    return check_bytes(text.encode(), name="application.yaml", base_dir=base_dir)


def edited(*replacements: tuple[str, str]) -> Checked:
    text = EXAMPLE_TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return check_yaml(text)


FIRST_ROW = "{year: 2023, product_sales: 1850, "


@pytest.mark.parametrize(
    ("old", "new", "path", "read", "how"),
    [
        (FIRST_ROW, "{year: 2023, product_sales: '1,850.50', ", "product_sales", "1850.50", "千位"),
        (
            FIRST_ROW,
            "{year: 2023, product_sales: 1850.50万元, ",
            "product_sales",
            "1850.50",
            "万元",
        ),
        (FIRST_ROW, "{year: 2023, product_sales: １８５０, ", "product_sales", "1850", "全角"),
        (FIRST_ROW, "{year: '２０２３', product_sales: 1850, ", "year", 2023, "年份"),
        ("domestic: 3.1,", "domestic: 3.1%,", "market_share_domestic", "3.1", "百分号"),
    ],
)
def test_figures_copied_from_excel_are_read(
    old: str, new: str, path: str, read: Any, how: str
) -> None:
    result = edited((old, new))
    assert result.valid, [f.message() for f in result.findings if f.is_error]
    assert result.application is not None
    value = getattr(result.application.financials[0], path)
    assert str(value) == str(read)
    note = next(f for f in result.findings if f.code == "value_normalized")
    assert note.severity == "info" and note.path == f"financials[0].{path}"
    assert note.line == EXAMPLE_TEXT[: EXAMPLE_TEXT.index(FIRST_ROW)].count("\n") + 1
    assert how in note.message() and str(read) in note.message()


def test_a_block_style_thousands_separator_is_read() -> None:
    row = EXAMPLE_TEXT[EXAMPLE_TEXT.index("  - " + FIRST_ROW) :].split("\n", 1)[0]
    fields = row.removeprefix("  - {").removesuffix("}").split(", ")
    block = "  - " + "\n    ".join(f.replace(": 1850", ": 1,850.50") for f in fields)
    result = edited((row, block))
    assert result.valid
    assert result.application is not None
    assert result.application.financials[0].product_sales == Decimal("1850.50")


FOUNDED = "founded: 2012-03-01"
PHONE = 'phone: "13857100001"'
HONOR = "- {kind: little_giant, year: 2023}"


@pytest.mark.parametrize(
    ("old", "new", "attribute", "expected"),
    [
        ("category: advanced", "category: 先进制造类", "product.category", "advanced"),
        ("independent_legal_person: true", "independent_legal_person: 是",
         "enterprise.independent_legal_person", "True"),
        ("benchmark: provincial", "benchmark: 省级质量标杆", "enterprise.quality.benchmark",
         "provincial"),
        ("better: lower}", "better: 越小越好}",
         "report.technology.advancement.comparisons.0.better", "lower"),
        ("kind: invention, status: granted, evidence: E5",
         "kind: 发明专利, status: 已授权, evidence: E5", "product.patents.0.kind", "invention"),
        ("kind: provincial_evaluation", "kind: 省经信厅工业新产品评价材料",
         "product.new_product_proof.kind", "provincial_evaluation"),
        (FOUNDED, "founded: 2012年3月1日", "enterprise.founded", "2012-03-01"),
        (FOUNDED, "founded: ２０１２－０３－０１", "enterprise.founded", "2012-03-01"),
        (FOUNDED, "founded: 2012/3/1", "enterprise.founded", "2012-03-01"),
        (PHONE, 'phone: "１３８５７１００００１"', "enterprise.contact.phone", "13857100001"),
        (PHONE, 'phone: "+86 138 5710 0001"', "enterprise.contact.phone", "13857100001"),
        (HONOR, "- {kind: 小巨人, year: ２０２３}", "enterprise.honors.0.kind", "little_giant"),
    ],
)  # fmt: skip
def test_chinese_labels_yes_no_and_full_width_are_read(
    old: str, new: str, attribute: str, expected: str
) -> None:
    result = edited((old, new))
    assert result.valid, [f.message() for f in result.findings if f.is_error]
    value: Any = result.application
    for part in attribute.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    assert str(value) == expected
    assert "value_normalized" in {f.code for f in result.findings if f.severity == "info"}


@pytest.mark.parametrize(
    ("new", "code", "exact"),
    [
        ("{year: 2023, product_sales: 18500000元, ", "amount_in_yuan", "应写成 1850"),
        ("{year: 2023, product_sales: 0.185亿元, ", "amount_in_yi", "应写成 1850"),
        ("{year: 2023, product_sales: 一千八百五十, ", "number_form", "1320.5"),
    ],
)
def test_unclear_amounts_end_with_what_to_type(new: str, code: str, exact: str) -> None:
    result = edited((FIRST_ROW, new))
    problem = finding(result, code)
    assert problem.is_error and problem.path == "financials[0].product_sales"
    assert problem.message().endswith(exact)
    assert [f.code for f in result.findings if f.is_error] == [code]  # not pydantic's too


def test_an_ambiguous_date_offers_both_readings() -> None:
    problem = finding(
        edited(("launch_date: 2023-09-01", "launch_date: 09/01/2023")), "date_ambiguous"
    )
    assert problem.message().endswith("若为 9 月 1 日写 2023-09-01，若为 1 月 9 日写 2023-01-09")


@pytest.mark.parametrize(
    ("written", "read"), [("13/09/2023", "2023-09-13"), ("09/09/2023", "2023-09-09")]
)
def test_a_date_with_only_one_reading_is_read(written: str, read: str) -> None:
    result = edited(("launch_date: 2023-09-01", f"launch_date: {written}"))
    assert result.valid and result.application is not None
    assert str(result.application.product.launch_date) == read
    assert "date_ambiguous" not in codes(result)
    assert finding(result, "value_normalized").path == "product.launch_date"


def test_a_year_quoted_as_it_is_is_read_without_a_word() -> None:
    result = edited((FIRST_ROW, "{year: '2023', product_sales: 1850, "))
    assert result.valid
    assert "financials[0].year" not in {f.path for f in result.findings}


def test_a_thousands_separator_inside_braces_is_explained() -> None:
    result = edited((FIRST_ROW, "{year: 2023, product_sales: 1,850.50, "))
    problem = finding(result, "thousands_split")
    assert problem.path == "financials[0].product_sales"
    assert "product_sales: 1850.50" in problem.message() and "1 和字段“850.50”" in problem.message()
    assert "1850.50" in problem.message("en")


def test_a_number_split_in_three_is_one_finding_with_the_whole_number() -> None:
    result = edited((FIRST_ROW, "{year: 2023, product_sales: 1,320,500.50, "))
    assert [f.code for f in result.findings if f.is_error] == ["thousands_split"]
    problem = finding(result, "thousands_split")
    assert "“product_sales: 1,320,500.50”" in problem.message()
    assert problem.message().endswith("写成 product_sales: 1320500.50")


def test_a_missing_space_after_the_colon_is_explained() -> None:
    contact = EXAMPLE_TEXT[EXAMPLE_TEXT.index("  contact: {") :].split("\n", 1)[0]
    problem = finding(edited((contact, "  contact:\n    name:李晓燕")), "colon_without_space")
    assert problem.message().endswith("请写成 name: 李晓燕")


def test_empty_values_say_so_and_never_none() -> None:
    result = edited(
        ("  name: 高精度五轴联动数控加工中心", "  name:"),
        ("  strategic_roles: [补短板]", "  strategic_roles:"),
    )
    problem = finding(result, "empty_value")
    assert problem.path == "product.name" and problem.message() == "申报产品 › 产品名称 没有填写"
    assert all("None" not in f.message() for f in result.findings)
    assert "product.strategic_roles" not in {f.path for f in result.findings}  # an empty list


def test_an_empty_text_is_a_missing_section() -> None:
    data = example_data()
    data["report"]["quality"]["safety"]["text"] = None
    problem = finding(check_data(data), "section_missing")
    assert problem.message() == "报告书“二、产品质量水平（二）产品安全性”没有正文"


def test_pasted_line_breaks_and_paragraph_indents_in_texts() -> None:
    data = example_data()
    data["report"]["brand"]["building"]["text"] = "　　第一段，\x0b续行。\u2029\t第二段。"
    data["enterprise"]["address"] = "杭州市\x0b富阳区"
    result = check_data(data)
    assert result.application is not None
    assert result.application.report.brand.building.text == "第一段，\n续行。\n\n第二段。"
    assert result.application.enterprise.address == "杭州市 富阳区"
    assert {f.path for f in result.findings if f.code == "pasted_line_breaks"} == {
        "report.brand.building.text",
        "enterprise.address",
    }
    assert finding(result, "paragraph_indent_removed").severity == "info"
    assert "control_characters" not in {f.code for f in result.findings}


# -------------------------------------------------------------- the schema agrees
SCHEMA = application_schema()
ACCEPTED = [
    ("financials.0.product_sales", "1,850.50"),
    ("financials.0.product_sales", "1850.50万元"),
    ("financials.0.product_sales", "１８５０"),
    ("financials.0.product_profit", "-12"),
    ("financials.0.market_share_domestic", "3.1%"),
    ("financials.0.year", "２０２３"),
    ("product.category", "先进制造类"),
    ("product.category", "特色(消费品)类"),
    ("enterprise.independent_legal_person", "是"),
    ("enterprise.founded", "2012年3月1日"),
    ("enterprise.founded", "2012/3/1"),
    ("report.technology.advancement.comparisons.0.better", "越小越好"),
    ("evidence.0.kind", "新产品证明材料"),
]
REFUSED = [
    ("financials.0.product_sales", "18500000元"),
    ("financials.0.product_sales", "很多"),
    ("financials.0.product_sales", "1,85"),
    ("financials.0.product_sales", -1),
    ("financials.0.market_share_domestic", "3.1‰"),
    ("financials.0.market_share_domestic", 120),
    ("product.category", "先进"),
    ("enterprise.independent_legal_person", "也许"),
    ("enterprise.founded", "01/03/2012"),
]


def _schema_accepts(data: dict[str, Any]) -> bool:
    try:
        jsonschema.validate(json.loads(json.dumps(data, default=str)), SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


@pytest.mark.parametrize(("path", "value"), ACCEPTED + REFUSED)
def test_the_schema_accepts_what_the_checker_accepts(path: str, value: Any) -> None:
    data = example_data()
    data["financials"] = [{k: _plain(v) for k, v in row.items()} for row in data["financials"]]
    set_path(data, path, value)
    errors = [f for f in check_data(data).findings if f.is_error]
    checker = not any(f.path.replace("[", ".").replace("]", "") == path for f in errors)
    assert checker == ((path, value) in ACCEPTED), [f.message() for f in errors]
    assert _schema_accepts(data) == checker


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value
