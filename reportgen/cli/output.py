"""Findings for people (rich, grouped by the outline's four parts) and for scripts (JSON).

User text goes into rich `Text` objects, never into markup strings: a company called
"[bold]…" or a message containing "[/]" prints literally.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reportgen.checks.outline import GROUP_ORDER, group_of, where
from reportgen.checks.validation import Checked
from reportgen.findings import Finding, status
from reportgen.messages import clause_text, text

if TYPE_CHECKING:  # rich costs ~50 ms to import: only the text form needs it
    from rich.console import Console
    from rich.text import Text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = {"error": "✗", "warning": "!", "info": "i"}


def print_text(
    results: Sequence[Any], lang: str, console: Console | None = None, *, staff: bool = False
) -> None:
    """Findings grouped by the report book's parts; `staff`: a staff list's, in one group."""
    from rich.console import Console
    from rich.text import Text

    console = console or Console(highlight=False, soft_wrap=True)
    for result in results:
        _print_one(result, lang, console, staff)
    if len(results) > 1:
        passed = sum(r.valid for r in results)
        summary = text(
            "summary", lang, files=len(results), passed=passed, failed=len(results) - passed
        )
        console.print(Text(summary, style="bold"))


def _print_one(result: Any, lang: str, console: Console, staff: bool = False) -> None:
    from rich.text import Text

    console.print(Text(result.file, style="bold underline"))
    by_group: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_group.setdefault("file" if staff else group_of(finding), []).append(finding)
    for group in GROUP_ORDER:
        if group not in by_group:
            continue
        console.print(Text(f"  {text('group.' + group, lang)}", style="bold"))
        for finding in by_group[group]:
            severity = finding.severity
            head = Text("    ")
            head.append(f"{_MARK[severity]} {text('severity.' + severity, lang)}", _STYLE[severity])
            head.append(
                "  " + (_staff_where(finding, lang) if staff else where(finding, lang)), "dim"
            )
            console.print(head)
            body = Text("      " + finding.message(lang))
            if finding.clause:
                clause = clause_text(finding.clause, lang)
                body.append(f"  {text('clause', lang, clause=clause)}", "dim")
            console.print(body)
    figures = getattr(result, "deciding", None)  # staff lists have none
    if figures is not None:
        console.print(Text("  " + text("verdict.figures", lang, **figures.params())))
    console.print(_verdict(result, lang))
    console.print()


def _staff_where(finding: Finding, lang: str) -> str:
    line = text("line", lang, line=finding.line) if finding.line is not None else ""
    return ", ".join(p for p in (finding.path, line) if p) or text("group.file", lang)


_VERDICTS = {
    "errors": ("verdict.fail", "bold red"),
    "warnings": ("verdict.pass_warnings", "bold green"),
    "ok": ("verdict.pass", "bold green"),
}


def _verdict(result: Any, lang: str) -> Text:
    from rich.text import Text

    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    key, style = _VERDICTS[status(result.findings)]
    return Text(text(key, lang, file=result.file, errors=errors, warnings=warnings), style=style)


def to_json(results: Iterable[Checked], lang: str) -> str:
    """CLI.md's `validate --format json`: one object per file, also for unreadable ones."""
    payload = [
        {
            "file": result.file,
            "valid": result.valid,
            "problems": [finding.to_dict(lang) for finding in result.findings],
        }
        for result in results
    ]
    return json.dumps(payload, ensure_ascii=False, indent=2)
