"""中文消息，按用处分模块：findings（发现的问题和错误，按 code）、words（消息里的小词）、
console（命令行输出）、commands（命令的帮助）、documents（写进文档的固定文字）、
district（浏览器的区县报表页）、importing（导入和导出）；模块表见 messages/tables.py。
click 自己的用语另见 click.py。"""

from typing import Any

from reportgen.messages.tables import tables

TABLES: tuple[dict[str, Any], ...] = tables("zh")
MESSAGES: dict[str, Any] = {key: value for table in TABLES for key, value in table.items()}
