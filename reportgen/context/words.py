"""How the documents write small things: yes and no, dates, a missing value."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

DASH = "—"


class YesNo(str):
    """是, 否 or — (not given): printed as such, and true only when 是, so that
    `{% if sales.passes %}` in a template means what it says (a plain "否" is true)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return self == "是"


YES_NO = {True: YesNo("是"), False: YesNo("否"), None: YesNo(DASH)}


def chinese_date(day: date | None) -> str:
    """2023-09-01 -> '2023年9月1日' (how official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else DASH


def sentence(text: str) -> str:
    """A generated sentence ends with one 。, whatever the value it ends with."""
    return text.rstrip().rstrip("。；;，,.") + "。"


def joined(items: Sequence[str]) -> str:
    """'A、B、C': a Chinese enumeration."""
    return "、".join(item.strip() for item in items if item.strip())
