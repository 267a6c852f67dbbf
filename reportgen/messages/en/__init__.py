"""English messages, the same keys as zh/ in modules of the same names."""

from typing import Any

from reportgen.messages.tables import tables

TABLES: tuple[dict[str, Any], ...] = tables("en")
MESSAGES: dict[str, Any] = {key: value for table in TABLES for key, value in table.items()}
