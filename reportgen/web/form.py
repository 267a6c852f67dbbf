"""The editor's form, generated from the application model: one input per field.

Each field becomes an `Input` with its Chinese title and description (the model's, as
the JSON Schema shows them), the kind of control its type asks for, and its dotted path
(`financials.0.product_sales`), which the page uses to place findings and to build the
JSON it sends back. Lists of objects are rows to add, remove and reorder; lists of texts
are one textarea, an item per line.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reportgen.model import Application
from reportgen.model.common import LabelledEnum
from reportgen.model.forms import MARKDOWN_FORM, Form

# the unit each kind of figure is written in (the model's forms)
_UNITS = {"money": "万元", "signed_money": "万元", "percent": "%"}
RECOMMENDED_CHARACTERS = 200  # the model's description: 建议不少于 200 字


@dataclass
class Input:
    name: str  # the key in its object
    title: str
    description: str
    # text | markdown | number | date | select | checkbox | lines | group | rows
    kind: str
    required: bool = False
    figure: bool = False  # text that may be a number (Decimal | str): sent as one if it is
    unit: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    worded: bool = False  # the choices' labels are message keys (是/否 in the page's language)
    children: list[Input] = field(default_factory=list)  # a group's fields, a row's fields


def _may_be_number(annotation: Any) -> bool:
    """`Decimal | str` (a comparison's value: 0.005, or ≥99%)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_annotated(a)[0] in (Decimal, int) for a in typing.get_args(annotation))
    return False


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    """`X | None` → (X, True)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _annotated(annotation: Any) -> tuple[Any, list[Any]]:
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return base, extra
    return annotation, []


def _input(name: str, info: FieldInfo) -> Input:
    annotation, optional = _strip_optional(info.annotation)
    annotation, extra = _annotated(annotation)
    metadata = [*info.metadata, *extra]
    form = next((m for m in metadata if isinstance(m, Form)), None)
    made = Input(
        name=name,
        title=info.title or name,
        description=info.description or "",
        kind="text",
        required=info.is_required() and not optional,
    )
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        item, _ = _annotated(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            made.kind, made.children = "rows", fields_of(item)
        else:
            made.kind = "lines"
        return made
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        made.kind, made.children = "group", fields_of(annotation)
        return made
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        made.kind = "select"
        made.choices = [
            (m.value, m.label if isinstance(m, LabelledEnum) else str(m.value)) for m in annotation
        ]
        if issubclass(annotation, LabelledEnum):  # the YAML values listed: the select shows them
            made.description = made.description.replace(annotation.help(), "").rstrip("：: ")
        return made
    if annotation is bool and optional:  # not given, 是 or 否: three states, not a checkbox
        made.kind = "select"
        made.choices, made.worded = [("true", "word.yes"), ("false", "word.no")], True
    elif annotation is bool:
        made.kind = "checkbox"
    elif annotation is date:
        made.kind = "date"
    elif annotation in (Decimal, int) or (form is not None and form.kind in _UNITS):
        made.kind = "number"
        made.unit = _UNITS.get(form.kind, "") if form else ""
    elif form is not None and form.kind == MARKDOWN_FORM.kind:  # the model's Markdown type:
        made.kind = "markdown"  # a textarea with a preview and a length count
    else:
        made.figure = _may_be_number(annotation)
    return made


@cache
def _fields(model: type[BaseModel]) -> tuple[Input, ...]:
    return tuple(_input(name, info) for name, info in model.model_fields.items())


def fields_of(model: type[BaseModel]) -> list[Input]:
    return list(_fields(model))


def application_form() -> list[Input]:
    """The editor's sections in the order of the report book (FORMAT.md's order)."""
    return [f for f in fields_of(Application) if f.name != "format_version"]


def numeric_paths(inputs: list[Input], prefix: str = "") -> set[str]:
    """The paths (rows as `[]`) of number inputs: what the page sends as JSON numbers."""
    found = set()
    for item in inputs:
        path = f"{prefix}{item.name}"
        if item.kind == "number":
            found.add(path)
        elif item.kind == "group":
            found |= numeric_paths(item.children, path + ".")
        elif item.kind == "rows":
            found |= numeric_paths(item.children, path + ".[].")
    return found
