"""The modules each language has (zh/, en/), in the order their messages are looked up:
one list, so a new module is added once for both languages."""

from __future__ import annotations

from importlib import import_module
from typing import Any

MODULES = (
    "findings", "words", "console", "commands", "documents", "district", "importing", "accounts",
)  # fmt: skip


def tables(lang: str) -> tuple[dict[str, Any], ...]:
    """The message tables of `lang`; findings' OS_REASONS become os_reason.* keys."""
    found: list[dict[str, Any]] = []
    for name in MODULES:
        module = import_module(f"reportgen.messages.{lang}.{name}")
        found.append(module.MESSAGES)
        if name == "findings":
            found.append({f"os_reason.{code}": said for code, said in module.OS_REASONS.items()})
    return tuple(found)
