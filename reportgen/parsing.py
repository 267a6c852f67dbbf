"""Source → Application: pydantic validation, its errors turned into findings.

A pydantic error becomes a finding with a stable code, the field's Chinese label and
path, and the line of the key in the file (or of its nearest parent when it is missing).
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen.errors import ReportgenError
from reportgen.findings import Finding, format_path
from reportgen.loading import Source
from reportgen.model import Application
from reportgen.model.paths import field_names, model_at, walk


class InvalidApplication(ReportgenError):
    """The file does not follow the application format; `findings` say where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("invalid_application", count=len(findings))
        self.findings = findings


M = TypeVar("M", bound=BaseModel)


def parse(source: Source) -> Application:
    return parse_as(Application, source)


def parse_as(model: type[M], source: Source) -> M:
    """Validate `source` as `model` (an application, a staff list …); findings on failure."""
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        raise InvalidApplication([_finding(e, source, model) for e in exc.errors()]) from None


# pydantic's error types -> our codes; types not listed fall back to `invalid_value`
_TYPE_CODES = {
    "missing": "missing_field",
    "extra_forbidden": "unknown_field",
    "literal_error": "invalid_choice",
    "enum": "invalid_choice",
    "greater_than_equal": "out_of_range",
    "greater_than": "out_of_range",
    "less_than_equal": "out_of_range",
    "less_than": "out_of_range",
    "string_too_short": "empty_value",
    "too_short": "too_few_items",
    "too_long": "too_many_items",
    "string_pattern_mismatch": "invalid_format",
    "finite_number": "invalid_number",
    "decimal_max_digits": "invalid_number",
    "date_format": "date_format",
    "phone_format": "phone_format",
    "mobile_format": "mobile_format",
    "email_format": "email_format",
    "credit_code_length": "credit_code_length",
    "credit_code_alphabet": "credit_code_alphabet",
    "credit_code_checksum": "credit_code_checksum",
    "honor_name_required": "honor_name_required",
}
# the kind of value expected, for "wrong type" errors: (zh, en)
_EXPECTED = {
    "string": ("文本", "text"),
    "int": ("整数", "a whole number"),
    "decimal": ("数字", "a number"),
    "float": ("数字", "a number"),
    "bool": ("true 或 false", "true or false"),
    "list": ("列表（- 开头的若干项）", "a list"),
    "dict": ("键值对（字段: 值）", "a mapping of keys to values"),
    "model": ("键值对（字段: 值）", "a mapping of keys to values"),
    "date": ("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
}


def _finding(error: ErrorDetails, source: Source, model: type[BaseModel]) -> Finding:
    labels, _, loc = walk(model, error["loc"])
    kind = error["type"]
    code = _TYPE_CODES.get(kind)
    params: dict[str, Any] = {
        "label": " › ".join(labels) or "（文件）",
        "path": format_path(loc) or "(file)",
        "input": _show(error.get("input")),
    }
    ctx = error.get("ctx") or {}
    if code is None and (kind.endswith("_type") or kind.endswith("_parsing")):
        code = "invalid_type"
        expected = _EXPECTED.get(kind.split("_")[0], ("正确的类型", "another type"))
        params["expected"], params["expected_en"] = expected
    elif code == "unknown_field":
        key = str(loc[-1])
        parent = model_at(model, loc[:-1])
        names = field_names(parent) if parent else ()
        params["key"] = key
        params["suggestion"] = next(iter(difflib.get_close_matches(key, names, n=1)), "")
        params["allowed"] = list(names)
    elif code == "invalid_choice":
        params["expected"] = ctx.get("expected", "")
    elif code == "out_of_range":
        params["limit"] = str(next(iter(ctx.values()), ""))
        params["direction"] = kind
    elif code in ("too_few_items", "too_many_items"):
        params["limit"] = ctx.get("min_length", ctx.get("max_length", ""))
    elif code == "credit_code_checksum":
        params["expected"] = ctx.get("expected", "")
    elif code is None:
        code = "invalid_value"
        params["detail"] = error.get("msg", "")
    line, column = source.locate(loc)
    return Finding(code, "error", format_path(loc), params, None, line, column)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
