"""The models: pydantic errors become findings with codes, Chinese labels, paths, lines."""

from decimal import Decimal
from typing import Any

import pytest

from reportgen.model import Application, Category
from reportgen.model.paths import label

from .conftest import check_data, codes, example_data, finding


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if part.isdigit() else data[part]  # type: ignore[index]
    if value is KeyError:
        del data[last]
    else:
        data[last] = value


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        ("product.launch_date", KeyError, "missing_field"),
        ("product.launch_date", "09/01/2023", "date_ambiguous"),
        ("product.launch_date", "2023年13月", "date_format"),
        ("product.launch_date", 20230901, "date_format"),  # not seconds since 1970
        ("product.category", "premium", "invalid_choice"),
        ("enterprise.credit_code", "91330183MA2GQ7K1XD", "credit_code_checksum"),
        ("enterprise.credit_code", "9133018", "credit_code_length"),
        ("enterprise.contact.phone", "12345", "phone_format"),
        ("enterprise.contact.email", "not-an-email", "email_format"),
        ("financials.0.product_sales", -1, "out_of_range"),
        ("financials.0.market_share_domestic", 120, "out_of_range"),
        ("financials.0.revenue", "很多", "number_form"),
        ("financials.0.revenue", "1320.5元", "amount_in_yuan"),
        ("financials.0.revenue", [1], "invalid_type"),
        ("enterprise.independent_legal_person", "也许", "invalid_type"),
        ("enterprise.honors", [{"kind": "other"}], "honor_name_required"),
        ("enterprise.name", "", "empty_value"),
        ("format_version", 2, "invalid_choice"),
        ("enterprise.founded", [], "date_format"),
        ("evidence.0.id", "E 1", "invalid_format"),
        ("financials", "2023", "invalid_type"),
    ],
)
def test_format_errors_have_codes_and_lines(path: str, value: Any, code: str) -> None:
    data = example_data()
    set_path(data, path, value)
    result = check_data(data)
    problem = finding(result, code)
    assert problem.severity == "error"
    assert problem.line is not None
    assert problem.message("zh") and problem.message("en")


def test_negative_profit_and_tax_are_allowed() -> None:
    data = example_data()
    data["financials"][0]["product_profit"] = -120
    data["financials"][0]["total_profit"] = -5
    assert check_data(data).valid


def test_missing_field_names_the_chinese_label_and_parent_line() -> None:
    data = example_data()
    del data["product"]["launch_date"]
    problem = finding(check_data(data), "missing_field")
    assert problem.path == "product.launch_date"
    assert "申报产品 › 上市时间" in problem.message()
    assert problem.line is not None  # the line of `product:`, its nearest existing parent


def test_unknown_key_suggests_the_near_miss() -> None:
    data = example_data()
    data["product"]["lanch_date"] = data["product"].pop("launch_date")
    problem = finding(check_data(data), "unknown_field")
    assert problem.path == "product.lanch_date"
    assert "launch_date" in problem.message() and "是否想写" in problem.message()


def test_money_is_decimal_and_exact() -> None:
    app = Application.model_validate(example_data())
    assert isinstance(app.financials[0].product_sales, Decimal)
    assert app.product.category is Category.advanced
    assert app.product.category.label == "先进制造类"


def test_labels_follow_the_models() -> None:
    assert label(Application, ("product", "launch_date")) == "申报产品 › 上市时间"
    assert (
        label(Application, ("financials", 2, "rd_expense")) == "近三年经济指标 › 第 3 项 › 研发投入"
    )
    assert label(Application, ("report", "technology", "advancement", "text")) == (
        "报告书正文 › 一、产品技术水平 › （一）技术先进性 › 正文"
    )


def test_phone_numbers_as_unquoted_numbers_are_accepted() -> None:
    data = example_data()
    data["enterprise"]["contact"]["phone"] = 13857100001
    assert "phone_format" not in codes(check_data(data))


def test_every_model_field_has_a_title_and_description() -> None:
    from pydantic import BaseModel

    from reportgen.model.paths import _unwrap

    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Application]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            assert info.title and info.description, f"{model.__name__}.{name}"
            child, _ = _unwrap(info.annotation)
            if child is not None:
                todo.append(child)
    assert len(seen) > 25


def test_infinite_numbers_from_yaml_are_refused(app_dir) -> None:  # type: ignore[no-untyped-def]
    from reportgen.checks.validation import check_file

    application = app_dir / "application.yaml"
    text = application.read_text(encoding="utf-8")
    application.write_text(text.replace("revenue: 38600,", "revenue: .inf,"), encoding="utf-8")
    problem = finding(check_file(application), "invalid_number")
    assert problem.path == "financials[0].revenue"
    assert problem.line is not None
