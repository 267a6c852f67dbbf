"""What `reportgen init` wrote that the enterprise has not replaced yet.

The starter validates so a user can start from it, but its prompts (（请描述…）) and
example values (杭州示例科技有限公司, 张三, ZL202300000000.0, 〔2023〕000号 …) would print
into a report book meant for a company seal: each one left is an error naming its field.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reportgen.checks.base import Collector, strings
from reportgen.model import Application

_PROMPT = re.compile(r"（请[^）\n]{1,80}）")

# The starter's example values: each shows what goes where, and each would print into a
# document meant for a company seal, so validate names every one left in place
# (here). Besides these, any text with "示例" and the （请描述…） prompts.
# A test keeps this in step with the starter (reportgen/starter/application.yaml).
EXAMPLE_VALUES = frozenset(
    {
        "91330108MA2CDE1236",
        "张三",
        "李四",
        "13800000000",
        "lisi@example.com",
        "SL-100",
        "浙经信新评〔2023〕000号",
        "ZL202300000000.0",
        "（产业链地位）",
    }
)
EXAMPLE_MARK = "示例"


def check(app: Application, out: Collector) -> None:
    for loc, text in strings(out.source.data):
        prompt = _PROMPT.search(text)
        # 示例 marks the starter's names; a narrative may well say 典型示例
        named = EXAMPLE_MARK in text and loc[-1] != "text"
        if prompt:
            out.error("starter_prompt", loc, prompt=prompt.group())
        elif text.strip() in EXAMPLE_VALUES or named:
            out.error("starter_example", loc, value=_short(text.strip()))
    if [row.model_dump() for row in app.financials] == _starter_financials():
        out.error("starter_figures", ("financials",))


def is_prompt(text: str) -> bool:
    """Whether a narrative is nothing but the starter's prompt (its length says nothing)."""
    return _PROMPT.fullmatch(text.strip()) is not None


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


@lru_cache(maxsize=1)
def _starter_financials() -> list[dict[str, Any]]:
    from reportgen.model import FinancialYear
    from reportgen.source import load
    from reportgen.source.files import package_file

    rows = load(package_file("reportgen", "starter", "application.yaml")).data["financials"]
    return [FinancialYear.model_validate(row).model_dump() for row in rows]
