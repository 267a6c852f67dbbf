"""English messages, the same keys as zh/ in modules of the same names."""

from typing import Any

from reportgen.messages.en import accounts, commands, console, documents, findings, words

TABLES: tuple[dict[str, Any], ...] = (
    findings.MESSAGES,
    {f"os_reason.{name}": reason for name, reason in findings.OS_REASONS.items()},
    words.MESSAGES,
    console.MESSAGES,
    commands.MESSAGES,
    documents.MESSAGES,
    accounts.MESSAGES,
)
MESSAGES: dict[str, Any] = {key: value for table in TABLES for key, value in table.items()}
