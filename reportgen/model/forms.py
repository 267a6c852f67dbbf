"""The written forms a value may take beyond the canonical one, as clerks type them.

A figure copied from Excel comes as `1,320.50` or `1320.50万元`, a percentage as `3.5%`,
a date as `2023/9/1` or `2023年9月1日`, digits full-width from a Chinese keyboard. Each
form here is unambiguous; reportgen/lenient.py reads it as the canonical value (with an
info finding), and the JSON Schema accepts the same strings, from the same patterns, so
an editor and `validate` agree on what is allowed.

Every pattern is ASCII-class regex that both Python and JSON Schema (ECMA 262) read alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_DIGIT = "[0-9０-９]"
_GROUPED = f"{_DIGIT}{{1,3}}([,，]{_DIGIT}{{3}})+"  # 1,320 or 1，320
_NUMBER = f"({_GROUPED}|{_DIGIT}+)([.．]{_DIGIT}+)?"
_SPACE = "[ 　]*"

MONEY = f"^{_SPACE}[+＋]?{_NUMBER}{_SPACE}(万元|万)?{_SPACE}$"
SIGNED_MONEY = f"^{_SPACE}[-－+＋]?{_NUMBER}{_SPACE}(万元|万)?{_SPACE}$"
PERCENT = f"^{_SPACE}{_DIGIT}+([.．]{_DIGIT}+)?{_SPACE}[%％]?{_SPACE}$"
YEAR = f"^{_SPACE}{_DIGIT}{{4}}{_SPACE}年?{_SPACE}$"
# 2023-09-01, 2023-9-1, 2023/9/1, 2023.9.1, 2023年9月1日: year first, so never ambiguous
DATE = (
    f"^{_SPACE}{_DIGIT}{{4}}([-－/／.．]{_DIGIT}{{1,2}}[-－/／.．]{_DIGIT}{{1,2}}"
    f"|年{_DIGIT}{{1,2}}月{_DIGIT}{{1,2}}日){_SPACE}$"
)


@dataclass(frozen=True)
class Form:
    """Marks a field's type (in `Annotated[...]`) with the other forms its value may take;
    `schema` is what the JSON Schema allows for it."""

    kind: str  # money | signed_money | percent | year | date | phone | yes_no
    pattern: str | None = None
    words: tuple[str, ...] = ()  # whole words that are accepted as well

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        canonical = handler(core_schema)
        if self.pattern:
            written: dict[str, Any] = {"type": "string", "pattern": self.pattern}
        elif self.words:
            written = {"enum": list(self.words)}
        else:
            return canonical
        # the canonical type (number with its bounds, a date) or one of the written forms
        return {"anyOf": [_without_strings(canonical), written]}


def _without_strings(schema: dict[str, Any]) -> dict[str, Any]:
    """pydantic writes a Decimal as `number | string (any number)`: the number alone, as
    the written forms say which strings are allowed; a date gets the pattern of its
    format, which validators need not check."""
    if schema.get("format") == "date":
        return schema | {"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    options = schema.get("anyOf")
    if options:
        numbers = [o for o in options if o.get("type") != "string"]
        if len(numbers) == 1:
            return dict(numbers[0])
    return schema


MONEY_FORM = Form("money", MONEY)
SIGNED_MONEY_FORM = Form("signed_money", SIGNED_MONEY)
PERCENT_FORM = Form("percent", PERCENT)
YEAR_FORM = Form("year", YEAR)
DATE_FORM = Form("date", DATE)
MARKDOWN_FORM = Form("markdown")  # a narrative: pasted line breaks and indents are tidied
PHONE_FORM = Form("phone")  # the phone validators strip spaces; full-width digits are read
YES_NO_WORDS = {"是": True, "否": False}
YES_NO_FORM = Form("yes_no", words=tuple(YES_NO_WORDS))
