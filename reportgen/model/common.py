"""Types shared by the application's parts: the base model, money, percentages, dates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from reportgen.model import credit_code, forms


class Model(BaseModel):
    """Every part of an application: unknown keys are errors (FORMAT.md)."""

    model_config = ConfigDict(
        extra="forbid",
        # YAML turns an unquoted 13800000000 or 12345678 into a number; these are texts
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
        frozen=True,
        # build validators on first use, once for the whole Application, not per class at
        # import: halves the start-up of every command
        defer_build=True,
    )


class LabelledEnum(StrEnum):
    """An enum whose members also carry their Chinese label: `Category.advanced.label`.

    A file may give the label (先进制造类) or one of the member's other names (先进制造)
    instead of the value: lenient.py reads it as the member, and the JSON Schema lists
    them all, so editors accept what `validate` accepts."""

    label: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, label: str, *aliases: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.aliases = aliases
        return member

    @classmethod
    def help(cls) -> str:
        """'advanced 先进制造类 | digital 数字技术融合类 | …' for titles and messages."""
        return " | ".join(f"{m.value} {m.label}" for m in cls)

    @classmethod
    def names(cls) -> dict[str, LabelledEnum]:
        """Every name a member may be written with: value, label, aliases."""
        return {
            name: member for member in cls for name in (member.value, member.label, *member.aliases)
        }

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["enum"] = list(cls.names())
        return schema


def field(title: str, description: str, **kwargs: Any) -> Any:
    """A field with the Chinese title and description every key shows in editors."""
    return Field(title=title, description=description, **kwargs)


Text = Annotated[str, StringConstraints(min_length=1)]
"""A required piece of text: empty strings are errors."""

Money = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), forms.MONEY_FORM]
"""万元, never negative."""

SignedMoney = Annotated[Decimal, Field(allow_inf_nan=False), forms.SIGNED_MONEY_FORM]
"""万元 for profit and tax, which may be zero or negative."""

Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False), forms.PERCENT_FORM]
"""A percentage written as a number: 12.5 means 12.5 %."""

Year = Annotated[int, Field(ge=1949, le=2100), forms.YEAR_FORM]

YesNo = Annotated[bool, forms.YES_NO_FORM]
"""true/false, or 是/否 as a clerk writes it."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # pydantic would read 20230901 as seconds since 1970; only ISO dates are dates here
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError("date_format", "date must be YYYY-MM-DD", {"input": str(value)})


IsoDate = Annotated[date, BeforeValidator(_iso_date), forms.DATE_FORM]

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def _phone(value: Any) -> Any:
    text = re.sub(r"[\s\u00a0]", "", str(value))
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return text
    raise PydanticCustomError("phone_format", "not a phone number", {"input": str(value)})


def _mobile(value: Any) -> Any:
    text = re.sub(r"[\s\u00a0]", "", str(value))
    if _MOBILE.fullmatch(text):
        return text
    raise PydanticCustomError("mobile_format", "not a mobile number", {"input": str(value)})


Phone = Annotated[str, BeforeValidator(_phone), forms.PHONE_FORM]
"""A mainland mobile (11 digits) or landline with area code (0571-85257064)."""

Mobile = Annotated[str, BeforeValidator(_mobile), forms.PHONE_FORM]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def _email(value: Any) -> Any:
    if isinstance(value, str) and _EMAIL.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError("email_format", "not an e-mail address", {"input": str(value)})


Email = Annotated[str, BeforeValidator(_email)]


def _credit_code(value: Any) -> Any:
    text = str(value).strip().upper()
    problem = credit_code.problem(text)
    if problem:
        expected = credit_code.check_character(text[:17]) if problem.endswith("checksum") else ""
        raise PydanticCustomError(problem, problem, {"input": str(value), "expected": expected})
    return text


CreditCode = Annotated[str, BeforeValidator(_credit_code)]
"""统一社会信用代码, GB 32100-2015 check character verified."""

EvidenceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]


class Award(Model):
    """A prize or title, with its level: 科技进步奖, 设计奖, 政府质量奖 …"""

    name: Text = field("名称", "奖项或荣誉的全称，如“浙江省科学技术进步奖”")
    level: str | None = field("级别", "国家级、省级、市级等", default=None)
    rank: str | None = field("等级", "一等奖、二等奖等（如有）", default=None)
    year: Year | None = field("年份", "获奖年份", default=None)
    evidence: EvidenceId | None = field(
        "佐证材料", "证明该奖项的佐证材料编号（evidence 中的 id）", default=None
    )
