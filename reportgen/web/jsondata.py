"""Application data as JSON for the page and back, figures as written.

`1850.00` travels as the JSON number 1850.00 both ways (Python's json writes a Decimal
only as a string, and a browser's JSON.stringify writes 1850): the page reads numbers
as text and sends them as such, and the server reads them back as Decimal.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any


def dumps(value: Any, *, figures_as_text: bool = False) -> str:
    """JSON with Decimals as numbers (or, for the page's inputs, as the text they show);
    safe inside a <script> element (no `</`)."""
    return _dump(value, figures_as_text).replace("</", "<\\/")


def _dump(value: Any, as_text: bool) -> str:
    if isinstance(value, dict):
        items = (
            f"{json.dumps(str(k), ensure_ascii=False)}:{_dump(v, as_text)}"
            for k, v in value.items()
        )
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_dump(v, as_text) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() and not as_text else json.dumps(str(value))
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def loads(raw: bytes) -> Any:
    return json.loads(raw, parse_float=Decimal)
