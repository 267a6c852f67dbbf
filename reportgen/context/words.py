"""How the documents write small things: yes and no, dates, a missing value. The
documents are Chinese: their words are reportgen/messages' in "zh" (`phrase`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportgen.messages import text

DASH = "—"


def phrase(key: str, /, **params: Any) -> str:
    """A fixed text of the documents (messages' doc.* keys), in Chinese."""
    return text(key, "zh", **params)


_YES = text("word.yes", "zh")


class YesNo(str):
    """是, 否 or — (not given): printed as such, and true only when 是, so that
    `{% if sales.passes %}` in a template means what it says (a plain "否" is true)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return self == _YES


YES_NO = {True: YesNo(_YES), False: YesNo(text("word.no", "zh")), None: YesNo(DASH)}


def chinese_date(day: date | None) -> str:
    """2023-09-01 -> '2023年9月1日' (how official documents write dates)."""
    return phrase("doc.date", year=day.year, month=day.month, day=day.day) if day else DASH


def sentence(text: str) -> str:
    """A generated sentence ends with one 。, whatever the value it ends with."""
    return text.rstrip().rstrip("。；;，,.") + "。"


def joined(items: Sequence[str]) -> str:
    """'A、B、C': a Chinese enumeration."""
    return "、".join(item.strip() for item in items if item.strip())
