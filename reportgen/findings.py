"""A finding: one thing the checks have to say about an application.

Findings carry a stable `code`, a severity, where in the file it is (dotted path, line,
column) and the clause of the call it enforces. The message is rendered from `code` and
`params` in the reader's language at output time, so one run can serve zh and en.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

Loc = tuple[str | int, ...]


def format_path(loc: Iterable[str | int]) -> str:
    """('financials', 0, 'product_sales') -> 'financials[0].product_sales'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> Loc:
    """'financials[0].product_sales' -> ('financials', 0, 'product_sales')."""
    return tuple(
        int(index) if index else key for key, index in _PATH_PART.findall(path) if key or index
    )


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    clause: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "zh") -> str:
        from reportgen.messages import text

        return text(self.code, lang, **self.params)

    def located(self, line: int | None, column: int | None) -> Finding:
        return replace(self, line=line, column=column)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The problem object of CLI.md's `validate --format json` contract."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message(lang),
            "clause": self.clause,
        }


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then in file order; findings without a line go last in their group."""
    return sorted(
        findings,
        key=lambda f: (SEVERITY_RANK[f.severity], f.line is None, f.line or 0, f.path, f.code),
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


Status = Literal["errors", "warnings", "ok"]


def status(findings: Iterable[Finding]) -> Status:
    """Pass or fail, decided here only: any error fails; warnings pass but are shown.
    The console's verdict, the check report, the manifest and batch rows all use this."""
    findings = list(findings)
    if has_errors(findings):
        return "errors"
    return "warnings" if any(f.severity == "warning" for f in findings) else "ok"
