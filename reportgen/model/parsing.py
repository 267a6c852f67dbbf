"""Source → Application: pydantic validation, its errors turned into findings.

A pydantic error becomes a finding with a stable code, the field's Chinese label and
path, and the line of the key in the file (or of its nearest parent when it is missing).
"""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen.errors import InvalidApplication
from reportgen.findings import Finding, Loc, format_path
from reportgen.messages import Named, Phrase
from reportgen.model import Application
from reportgen.model.common import LabelledEnum
from reportgen.model.lenient import normalise
from reportgen.model.paths import field_names, label, model_at, walk
from reportgen.source import Source
from reportgen.source.text import shortened

__all__ = ["InvalidApplication", "parse", "parse_as"]  # the error is errors.py's, raised here

M = TypeVar("M", bound=BaseModel)


def parse(source: Source) -> Application:
    return parse_as(Application, source)


def parse_as(model: type[M], source: Source) -> M:
    """Validate `source` as `model` (an application, a staff list …); findings on failure.

    Values written in another unambiguous form (lenient.py) are read as the model wants
    them; what was read that way is added to `source.findings` (info and warnings)."""
    data, notes = normalise(source, model)
    refused = [n for n in notes if n.is_error]
    source.findings += [n for n in notes if not n.is_error]
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        said = {n.path for n in refused}  # refused values: our message, not pydantic's too
        problems = [_finding(e, source, model) for e in exc.errors()]
        problems = list({(p.code, p.path): p for p in problems}.values())  # a split number: once
        raise InvalidApplication(refused + [p for p in problems if p.path not in said]) from None
    if refused:
        raise InvalidApplication(refused)
    return parsed


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
# the kinds of value a "wrong type" error can expect (pydantic's type names): each has
# its message expected.<kind>
_EXPECTED = {"string", "int", "decimal", "float", "bool", "list", "dict", "model", "date"}


def _finding(error: ErrorDetails, source: Source, model: type[BaseModel]) -> Finding:
    labels, _, loc = walk(model, error["loc"])
    kind = error["type"]
    code = _TYPE_CODES.get(kind)
    params: dict[str, Any] = {
        "label": _label(labels, loc),
        "path": format_path(loc),
        "input": _show(error.get("input")),
    }
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if given is None and kind != "missing" and code != "unknown_field":
        code = "empty_value"  # `name:` with nothing after it: not the text "None"
    elif isinstance(given, str) and kind in ("model_type", "dict_type") and _KEY_VALUE.match(given):
        code = "colon_without_space"  # `name:李四` or `name：李四` is one plain scalar to YAML
        params["key"], params["value"] = _KEY_VALUE.match(given).groups()  # type: ignore[union-attr]
    elif code is None and (kind.endswith("_type") or kind.endswith("_parsing")):
        code = "invalid_type"
        expected = kind.split("_")[0]
        params["expected"] = Phrase(f"expected.{expected if expected in _EXPECTED else 'other'}")
    elif code == "unknown_field":
        key = str(loc[-1])
        split = _split_number(source, loc)
        if split is not None:  # said of the field whose number was split
            code = "thousands_split"
            params |= split
            loc = (*loc[:-1], split["field"])
            params["label"] = _label([label(model, loc)], loc)
            params["path"] = format_path(loc)
        parent = model_at(model, loc[:-1])
        names = field_names(parent) if parent else ()
        params.setdefault("key", key)
        params["suggestion"] = next(iter(difflib.get_close_matches(key, names, n=1)), "")
        params["allowed"] = list(names)
    elif code == "invalid_choice":
        params["expected"] = ctx.get("expected", "")
        choices = _choices_at(model, loc)
        if choices is not None:  # with their Chinese names; their codes for an English reader
            named = [Phrase("word.value_label", value=m.value, label=m.label) for m in choices]
            params["expected"] = Named(named, [m.value for m in choices])
            written = choices.names()
            close = difflib.get_close_matches(str(given), list(written), n=1, cutoff=0.4)
            params["suggestion"] = written[close[0]].label if close else ""
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


_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[:：]\s*(.*)$", re.S)


_DIGIT_GROUP = re.compile(r"[0-9]{3}(\.[0-9]+)?")


def _split_number(source: Source, loc: Loc) -> dict[str, Any] | None:
    """`{…, product_sales: 1,320,500.50, …}`: in a flow mapping the comma ends the entry,
    so YAML reads product_sales: 1 and keys 320 and 500.50. Recognised by keys of digit
    groups after a whole number: the number as written, and as it should be typed."""
    if not _DIGIT_GROUP.fullmatch(str(loc[-1])):
        return None
    parent: Any = source.data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    keys = [str(k) for k in parent]
    index = keys.index(str(loc[-1])) if str(loc[-1]) in keys else 0
    start = index
    while start > 0 and _DIGIT_GROUP.fullmatch(keys[start - 1]) and parent[keys[start - 1]] is None:
        start -= 1  # an earlier group of the same number
    if start == 0 or not isinstance(parent[keys[start - 1]], int):
        return None
    end = index + 1
    while end < len(keys) and _DIGIT_GROUP.fullmatch(keys[end]) and parent[keys[end]] is None:
        end += 1
    first, groups = str(parent[keys[start - 1]]), keys[start:end]
    return {
        "field": keys[start - 1],
        "written": ",".join([first, *groups]),
        "input_first": first,
        "key": groups,
        "number": first + "".join(groups),
    }


def _label(labels: list[str], loc: Loc) -> Named | Phrase:
    """Where: the fields' Chinese titles ('申报产品 › 上市时间'), or for an English reader
    the path; the whole file when there is no field."""
    if not loc:
        return Phrase("word.whole_file")
    return Named(" › ".join(labels) or format_path(loc), format_path(loc))


def _choices_at(model: type[BaseModel], loc: Loc) -> type[LabelledEnum] | None:
    """The named choices of the field at `loc` (a list's items too), if it has them."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    parent = model_at(model, loc[: names[-1]])
    info = parent.model_fields.get(str(loc[names[-1]])) if parent else None
    return _enum_in(info.annotation) if info else None


def _enum_in(annotation: Any) -> type[LabelledEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, LabelledEnum):
        return annotation
    for argument in typing.get_args(annotation):  # X | None, list[X]
        found = _enum_in(argument)
        if found is not None:
            return found
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return shortened(str(value))
