"""中文消息，按用处分模块：findings（发现的问题和错误，按 code）、words（消息里的小词）、
console（命令行输出）、commands（命令的帮助）、documents（写进文档的固定文字）、
accounts（账户、登录和修改记录）。
click 自己的用语另见 click.py。"""

from typing import Any

from reportgen.messages.zh import accounts, commands, console, documents, findings, words

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
