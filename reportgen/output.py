"""Findings for people (rich, grouped by the outline's four parts) and for scripts (JSON).

User text goes into rich `Text` objects, never into markup strings: a company called
"[bold]…" or a message containing "[/]" prints literally.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reportgen.checks.financials import Deciding, deciding
from reportgen.findings import Finding, parse_path
from reportgen.messages import clause_text, en, zh
from reportgen.model import Application
from reportgen.model.paths import label
from reportgen.validation import Checked

if TYPE_CHECKING:  # rich costs ~50 ms to import: only the text form needs it
    from rich.console import Console
    from rich.text import Text

# the part of the outline a finding belongs to, by the start of its path; first match wins
_GROUPS: tuple[tuple[str, str], ...] = (
    ("report.technology", "technology"),
    ("product.patents", "technology"),
    ("product.standards", "technology"),
    ("product.core_technologies", "technology"),
    ("product.strategic_roles", "technology"),
    ("report.quality", "quality"),
    ("enterprise.quality", "quality"),
    ("report.brand", "brand"),
    ("report.competitiveness", "competitiveness"),
    ("financials", "competitiveness"),
    ("product.new_product_proof.evidence", "evidence"),
    ("evidence", "evidence"),
    ("commitment", "evidence"),
)
GROUP_ORDER = ("file", "basics", "technology", "quality", "brand", "competitiveness", "evidence")
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = {"error": "✗", "warning": "!", "info": "i"}


def ui(key: str, lang: str, **params: Any) -> str:
    table = en.UI if lang == "en" else zh.UI
    return table[key].format(**params)


def group_of(finding: Finding) -> str:
    if not finding.path:
        return "file"
    for prefix, group in _GROUPS:
        if finding.path == prefix or finding.path.startswith((prefix + ".", prefix + "[")):
            return group
    return "basics"


def where(finding: Finding, lang: str) -> str:
    """'申报产品 › 上市时间 (product.launch_date, 第 31 行)'; in English the path alone."""
    line = ui("line", lang, line=finding.line) if finding.line is not None else ""
    if not finding.path:
        name, details = ui("group.file", lang), [line]
    elif lang == "en":
        name, details = finding.path, [line]
    else:
        name, details = label(Application, parse_path(finding.path)), [finding.path, line]
    shown = [d for d in details if d]
    return f"{name} ({', '.join(shown)})" if shown else name


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
        summary = ui(
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
        console.print(Text(f"  {ui('group.' + group, lang)}", style="bold"))
        for finding in by_group[group]:
            severity = finding.severity
            head = Text("    ")
            head.append(f"{_MARK[severity]} {ui('severity.' + severity, lang)}", _STYLE[severity])
            head.append(
                "  " + (_staff_where(finding, lang) if staff else where(finding, lang)), "dim"
            )
            console.print(head)
            body = Text("      " + finding.message(lang))
            if finding.clause:
                clause = clause_text(finding.clause, lang)
                body.append(f"  {ui('clause', lang, clause=clause)}", "dim")
            console.print(body)
    figures = deciding_figures(result)
    if figures is not None:
        console.print(Text("  " + ui("verdict.figures", lang, **figures.params())))
    console.print(_verdict(result, lang))
    console.print()


def deciding_figures(result: Any) -> Deciding | None:
    """The figures that decided an application, when it could be read against its call
    (staff lists and unreadable files have none)."""
    app, policy = getattr(result, "application", None), getattr(result, "policy", None)
    if not isinstance(app, Application) or policy is None:
        return None
    return deciding(app, policy)


def _staff_where(finding: Finding, lang: str) -> str:
    line = ui("line", lang, line=finding.line) if finding.line is not None else ""
    return ", ".join(p for p in (finding.path, line) if p) or ui("group.file", lang)


def _verdict(result: Any, lang: str) -> Text:
    from rich.text import Text

    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    if errors:
        key, style = "verdict.fail", "bold red"
    else:
        key, style = ("verdict.pass_warnings" if warnings else "verdict.pass"), "bold green"
    return Text(ui(key, lang, file=result.file, errors=errors, warnings=warnings), style=style)


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
