"""How the documents write small things: yes and no, dates, a missing value."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

YES_NO = {True: "是", False: "否", None: "—"}
DASH = "—"


def chinese_date(day: date | None) -> str:
    """2023-09-01 -> '2023年9月1日' (how official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else DASH


def sentence(text: str) -> str:
    """A generated sentence ends with one 。, whatever the value it ends with."""
    return text.rstrip().rstrip("。；;，,.") + "。"


def joined(items: Sequence[str]) -> str:
    """'A、B、C': a Chinese enumeration."""
    return "、".join(item.strip() for item in items if item.strip())
