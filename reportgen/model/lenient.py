"""What clerks type that means one thing, read as the models want it (before parsing).

Figures copied from Excel (`1,320.50`, `1320.50万元`, `3.5%`), digits from a Chinese
keyboard (`２０２３`), `是`/`否`, the Chinese label of a choice (`先进制造类`), dates written
`2023/9/1` or `2023年9月1日`, line breaks pasted from Word: each has one meaning, so it is
accepted and an info finding says what was read. A form whose meaning is not certain
(`1320.5元`, `06/01/2023`) is an error that ends with the exact text to type instead.
The forms themselves are in model/forms.py, shared with the JSON Schema.

Works on the plain data of a Source, guided by the model's fields; returns new data
(the Source keeps what was written) and the findings.
"""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from reportgen.findings import Finding, Loc, format_path
from reportgen.messages import Named
from reportgen.model import forms
from reportgen.model.common import LabelledEnum
from reportgen.model.figures import as_written, typed
from reportgen.model.paths import label
from reportgen.source import Source
from reportgen.source.text import shortened, xml_safe

_PASTED_BREAKS = re.compile("[\x0b\u2028\u2029]")
_PARAGRAPH_INDENT = re.compile(r"^[\t\u3000]+", re.M)  # Word's 　　 or a tab before a paragraph
_YUAN = re.compile(r"^[+-]?[0-9,]+(\.[0-9]+)?元$")
_YI = re.compile(r"^[+-]?[0-9,]+(\.[0-9]+)?亿(元)?$")
_DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_DATE_PARTS = re.compile(r"^([0-9]{4})(?:[-/.]|年)([0-9]{1,2})(?:[-/.]|月)([0-9]{1,2})日?$")


class _Refused(Exception):
    """A written form whose meaning is not certain: the finding's code and params.
    Internal: caught in this module and turned into an error finding, never raised on."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def normalise(source: Source, model: type[BaseModel]) -> tuple[Any, list[Finding]]:
    """The data of `source` as `model` reads it, and a finding for each value read in
    another form than written (info), pasted line breaks (warning), or refused (error)."""
    walk = _Walk(source, model)
    return walk.mapping(source.data, model, ()), walk.findings


class _Walk:
    def __init__(self, source: Source, root: type[BaseModel]) -> None:
        self.source, self.root = source, root
        self.findings: list[Finding] = []

    def mapping(self, data: Any, model: type[BaseModel], loc: Loc) -> Any:
        if not isinstance(data, dict):
            return data
        out = {}
        for key, value in data.items():
            info = model.model_fields.get(key)
            if info is None:  # unknown keys are the parser's to report
                out[key] = value
                continue
            if value is None and not info.is_required():
                continue  # `patents:` left empty means "none", as if the key were absent
            # pydantic keeps a field's own Annotated metadata apart from its annotation
            annotation: Any = info.annotation
            if info.metadata:
                annotation = typing.Annotated[(annotation, *info.metadata)]
            out[key] = self.value(value, annotation, (*loc, key))
        return out

    def value(self, value: Any, annotation: Any, loc: Loc) -> Any:
        shape = _Shape.of(annotation)
        if shape.is_list:
            if not isinstance(value, list):
                return value
            item = _Shape(shape.model, False, shape.enum, shape.form, shape.is_str)
            return [self._one(v, item, (*loc, i)) for i, v in enumerate(value)]
        return self._one(value, shape, loc)

    def _one(self, value: Any, shape: _Shape, loc: Loc) -> Any:
        if shape.model is not None:
            return self.mapping(value, shape.model, loc)
        read = _READERS.get(shape.form.kind) if shape.form else None
        if isinstance(value, str) and shape.is_str and read is None:
            return self._text(value, shape.form, loc)
        if shape.enum is not None:
            read = _enum_reader(shape.enum)
        if read is None:
            return value
        try:
            result = read(value)
        except _Refused as refused:
            self._add(refused.code, "error", loc, written=_shown(value), **refused.params)
            return value
        if result is None:
            return value
        new, how = result
        if how:  # a quoted plain number ("1320.5") is simply the number
            self._add(
                "value_normalized", "info", loc, written=_shown(value), read=_shown(new), how=how
            )
        return new

    def _text(self, text: str, form: forms.Form | None, loc: Loc) -> str:
        markdown = form is forms.MARKDOWN_FORM
        if _PASTED_BREAKS.search(text):
            self._add("pasted_line_breaks", "warning", loc, count=len(_PASTED_BREAKS.findall(text)))
            if markdown:  # Shift+Enter in Word is a line break; a paragraph mark, a paragraph
                text = text.replace("\u2029", "\n\n").replace("\x0b", "\n").replace("\u2028", "\n")
            else:
                text = _PASTED_BREAKS.sub(" ", text)
        # other control characters cannot go into a document (characters.py warns of
        # them); without them a county or a track is recognised as what it says
        text = xml_safe(text)
        if markdown and _PARAGRAPH_INDENT.search(text):
            # the body style indents every paragraph by two characters already; a tab
            # would even make Markdown read the paragraph as code
            self._add("paragraph_indent_removed", "info", loc)
            text = _PARAGRAPH_INDENT.sub("", text)
        return text

    def _add(self, code: str, severity: Any, loc: Loc, **params: Any) -> None:
        line, column = self.source.locate(loc)
        path = format_path(loc)
        # the field's Chinese title; its path for an English reader
        params |= {"label": Named(label(self.root, loc) or path, path), "path": path}
        self.findings.append(Finding(code, severity, path, params, None, line, column))


class _Shape:
    """What a field holds: a model, a list of it, a choice, a value with written forms."""

    __slots__ = ("enum", "form", "is_list", "is_str", "model")

    def __init__(
        self,
        model: type[BaseModel] | None,
        is_list: bool,
        enum: type[LabelledEnum] | None,
        form: forms.Form | None,
        is_str: bool,
    ) -> None:
        self.model, self.is_list, self.enum, self.form, self.is_str = (
            model,
            is_list,
            enum,
            form,
            is_str,
        )

    @classmethod
    def of(cls, annotation: Any) -> _Shape:
        form = None
        while typing.get_origin(annotation) is typing.Annotated:
            annotation, *metadata = typing.get_args(annotation)
            form = next((m for m in metadata if isinstance(m, forms.Form)), form)
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) == 1:
                return cls.of(options[0])
            return cls(None, False, None, form, str in options)
        if origin is list:
            item = cls.of(typing.get_args(annotation)[0])
            return cls(item.model, True, item.enum, item.form, item.is_str)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return cls(annotation, False, None, None, False)
        if isinstance(annotation, type) and issubclass(annotation, LabelledEnum):
            return cls(None, False, annotation, None, False)
        if annotation is bool:
            return cls(None, False, None, form or forms.YES_NO_FORM, False)
        return cls(None, False, None, form, annotation is str)


# ------------------------------------------------------------------ the written forms
Read = tuple[Any, str] | None  # (value, how it was written) or None: nothing to do


def _plain(text: str) -> str:
    """Full-width digits, signs and spaces as ASCII (NFKC), surrounding spaces removed."""
    return unicodedata.normalize("NFKC", text).strip()


def _number(text: str, how: list[str]) -> Decimal:
    digits = text.replace(" ", "")
    if "," in digits:
        how.append("thousands")
        digits = digits.replace(",", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        raise _Refused("number_form") from None


def _money(signed: bool) -> Callable[[Any], Read]:
    pattern = re.compile(forms.SIGNED_MONEY if signed else forms.MONEY)

    def read(value: Any) -> Read:
        if not isinstance(value, str):
            return None
        text = _plain(value)
        if _YUAN.match(text.replace(" ", "")):  # 元, not 万元: the figure is 10,000 times off
            amount = _number(text.replace(" ", "")[:-1], [])
            raise _Refused("amount_in_yuan", type=typed(amount / 10000))
        if _YI.match(text.replace(" ", "")):
            amount = _number(text.replace(" ", "").rstrip("元")[:-1], [])
            raise _Refused("amount_in_yi", type=typed(amount * 10000))
        if not pattern.match(value):
            raise _Refused("number_form")
        how = ["fullwidth"] if text != value.strip() else []
        if text.endswith(("万元", "万")):
            how.append("unit")
            text = text.removesuffix("万元").removesuffix("万").strip()
        return _number(text, how), "+".join(how)

    return read


def _percent(value: Any) -> Read:
    if not isinstance(value, str):
        return None
    if not re.match(forms.PERCENT, value):
        raise _Refused("number_form")
    text, how = _plain(value), ["fullwidth"] if _plain(value) != value.strip() else []
    if text.endswith("%"):
        how.append("percent_sign")
        text = text[:-1].strip()
    return _number(text, how), "+".join(how)


def _year(value: Any) -> Read:
    if not isinstance(value, str) or not re.match(forms.YEAR, value):
        return None
    plain = _plain(value).removesuffix("年")
    return int(plain), ("" if plain == value.strip() else "year_form")  # "2023" is 2023


def _date(value: Any) -> Read:
    if not isinstance(value, str):
        return None
    text = _plain(value).replace(" ", "")
    day_first = _DAY_FIRST.match(text)
    if day_first:  # 06/01/2023: June 1st or 6 January? Only a part above 12 (or both
        first, second, year = day_first.groups()  # the same) says which
        a, b = int(first), int(second)
        readings = {f"{year}-{m:02d}-{d:02d}" for m, d in ((a, b), (b, a)) if m <= 12}
        if len(readings) == 1:
            return readings.pop(), "date_form"
        raise _Refused(
            "date_ambiguous",
            month_first=f"{year}-{a:02d}-{b:02d}",
            day_first=f"{year}-{b:02d}-{a:02d}",
            month=a,
            day=b,
        )
    parts = _DATE_PARTS.match(text)
    if parts is None or not re.match(forms.DATE, value):
        return None  # not a date at all: the model says so
    year, month, day = parts.groups()
    iso = f"{year}-{int(month):02d}-{int(day):02d}"
    return (iso, "date_form") if iso != value else None


def _phone(value: Any) -> Read:
    if isinstance(value, int):
        return None
    text = _plain(str(value))
    cleaned = re.sub(r"^\+?86[- ]?(?=1\d{10}$)", "", text.replace(" ", ""))
    cleaned = re.sub(r"^\((0\d{2,3})\)", r"\1-", cleaned)
    return (cleaned, "phone_form") if cleaned != str(value).strip() else None


def _yes_no(value: Any) -> Read:
    if isinstance(value, str) and value.strip() in forms.YES_NO_WORDS:
        return forms.YES_NO_WORDS[value.strip()], "yes_no"
    return None


def _enum_reader(enum: type[LabelledEnum]) -> Callable[[Any], Read]:
    names = enum.names()

    def read(value: Any) -> Read:
        if not isinstance(value, str) or value in enum._value2member_map_:
            return None
        member = names.get(value.strip())
        return (member.value, "label") if member is not None else None

    return read


_READERS: dict[str, Callable[[Any], Read]] = {
    "money": _money(signed=False),
    "signed_money": _money(signed=True),
    "percent": _percent,
    "year": _year,
    "date": _date,
    "phone": _phone,
    "yes_no": _yes_no,
}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return as_written(value)  # as precise as written: 1,850.00 is read as 1850.00
    return shortened(str(value))
