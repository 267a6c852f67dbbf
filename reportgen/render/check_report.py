"""检查报告: the findings for a person, with the call's interpretations stated openly.

One description (`check_context`, the template variable `check`) gives both forms:
检查报告.docx in the house style, for the clerk who opens it in Word, and 检查报告.md, for
a repository or a consultant's notes. It is built from the check's own typed figures
(Checked.deciding: Decimals and bools), formatted here as the book formats them, and
every fixed sentence comes from reportgen/messages. The report is a Chinese document
whatever language the command line speaks: LANG.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.checks.financials import Deciding, deciding, is_mountain_island
from reportgen.checks.outline import GROUP_ORDER, group_of
from reportgen.checks.validation import Checked
from reportgen.context import economics
from reportgen.context.check import CheckFinding, CheckGroup, CheckReport, Criterion
from reportgen.context.words import DASH, YES_NO
from reportgen.findings import Finding, parse_path, status
from reportgen.messages import clause_text, text
from reportgen.model import Application
from reportgen.model.figures import money, percent, percent_or_dash
from reportgen.model.paths import label
from reportgen.policy import Policy

LANG = "zh"


def report_text(key: str, **params: Any) -> str:
    """A fixed sentence of the check report (messages: check_report.*)."""
    return text(f"check_report.{key}", LANG, **params)


_VERDICTS = {"errors": "verdict_fail", "warnings": "verdict_warnings", "ok": "verdict_pass"}


def check_context(checked: Checked) -> CheckReport:
    """The check report's content (template variable `check`)."""
    app, policy, source = checked.application, checked.policy, checked.source
    assert app is not None and policy is not None and source is not None
    decided = checked.deciding or deciding(app, policy)
    errors = sum(f.is_error for f in checked.findings)
    warnings = sum(f.severity == "warning" for f in checked.findings)
    # pass or fail as findings.status decides it, here as on the console
    verdict = report_text(_VERDICTS[status(checked.findings)], errors=errors, warnings=warnings)
    return CheckReport(
        subject=report_text("subject", enterprise=app.enterprise.name, product=app.product.name),
        facts=(
            report_text("fact_file", file=Path(checked.file).name, sha256=source.sha256[:12]),
            report_text("fact_call", title=policy.title, call=policy.call),
            report_text("fact_tool", version=__version__),
        ),
        verdict=verdict,
        criteria=_criteria(app, policy, decided),
        groups=_groups(checked.findings),
        notes=_notes(app, policy, decided),
    )


def _criteria(app: Application, policy: Policy, decided: Deciding) -> tuple[Criterion, ...]:
    """The book's conditions, and the three-year average after the average it decides on."""
    sales = decided.sales
    strict = Criterion(
        label=report_text("strict_label"),
        value=money(sales.strict_average),
        requirement=report_text("strict_requirement", threshold=money(sales.threshold)),
        passes=YES_NO[sales.passes_strict],
    )
    return (
        economics.launch_criterion(app, policy),
        economics.sales_criterion(sales),
        strict,
        economics.rd_criterion(decided.rd),
    )


def _groups(findings: list[Finding]) -> tuple[CheckGroup, ...]:
    by_group: dict[str, list[Finding]] = {}
    for finding in findings:
        by_group.setdefault(group_of(finding), []).append(finding)
    groups = []
    present = [g for g in GROUP_ORDER if g in by_group]
    numerals = report_text("numerals").split(",")  # 一,二,…: as many as there are groups
    for number, group in enumerate(present, start=1):
        # under 三、发现的问题 the groups are its （一）（二）…, without the book's 一、
        name = re.sub(r"^([一二三四五六七八九十]+、|\d+\.\s*)", "", text("group." + group, LANG))
        rows = tuple(
            CheckFinding(
                severity=text(f"severity.{f.severity}", LANG),
                where=_place(f),
                message=f.message(LANG),
                clause=clause_text(f.clause, LANG) if f.clause else DASH,
            )
            for f in by_group[group]
        )
        groups.append(
            CheckGroup(
                title=report_text("group_title", number=numerals[number - 1], name=name),
                # 表1 is the conditions' table: the groups' tables follow it
                caption=report_text(
                    "table_caption",
                    number=number + 1,
                    title=report_text("group_problems", name=name),
                ),
                findings=rows,
            )
        )
    return tuple(groups)


def _place(finding: Finding) -> str:
    """'申报产品 › 上市时间（第 31 行）': the field as the enterprise reads it (its Chinese
    name; the path itself in English, as validate writes it), and its line."""
    if not finding.path:
        name = report_text("whole_file")
    else:
        name = finding.path if LANG == "en" else label(Application, parse_path(finding.path))
    return name + (report_text("at_line", line=finding.line) if finding.line is not None else "")


def _notes(app: Application, policy: Policy, decided: Deciding) -> tuple[str, ...]:
    """How the call's unclear rules were read, with the figures as the book shows them."""
    sales, rd = decided.sales, decided.rd
    declared = app.enterprise.mountain_island  # None: the list decides
    _, listed = is_mountain_island(app, policy)
    years = report_text("years_joined").join(str(y) for y in sorted(policy.financial_years))
    per_year = report_text("rd_years_joined").join(
        report_text("rd_year", year=year, ratio=percent_or_dash(ratio))
        for year, ratio in rd.per_year
    )
    mountain = report_text(
        "note_mountain_listed" if listed else "note_mountain_unlisted",
        county=app.enterprise.county,
        source=policy.mountain_island.source,
        declared=""
        if declared is None
        else report_text("declared_yes" if declared else "declared_no"),
        applies=report_text("applies_mountain" if sales.mountain_island else "applies_general"),
    )
    return (
        report_text("note_years", years=years),
        report_text(
            "note_sales",
            span=economics.years_span(sales),
            lenient=money(sales.lenient_average),
            strict=money(sales.strict_average),
            category=app.product.category.label,
            threshold=money(sales.threshold),
        ),
        mountain,
        report_text(
            "note_rd",
            overall=percent_or_dash(rd.overall),
            per_year=per_year,
            minimum=percent(rd.minimum),
        ),
    )


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(*cells: Any) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def check_markdown(check: CheckReport) -> str:
    """检查报告.md from the check report's content."""
    lines = [f"# {report_text('md_heading', subject=check.subject)}", ""]
    lines += [f"- {fact}" for fact in check.facts]
    lines += [f"- **{report_text('md_verdict', verdict=check.verdict.rstrip('。'))}**", ""]
    lines += [f"## {report_text('heading_criteria')}", ""]
    columns = ("indicator", "ours", "requirement", "passes")
    lines += [_row(*(report_text(f"column_{c}") for c in columns)), "|---|---|---|---|"]
    lines += [_row(k.label, k.value, k.requirement, k.passes) for k in check.criteria]
    lines += ["", f"## {report_text('heading_findings')}", ""]
    if not check.groups:
        lines += [report_text("no_findings"), ""]
    for group in check.groups:
        lines += [f"### {group.title}", ""]
        for f in group.findings:
            clause = text("clause", LANG, clause=f.clause) if f.clause != DASH else ""
            said = report_text("finding", where=f.where, message=f.message)
            lines.append(f"- **{f.severity}** {said}{clause}")
        lines.append("")
    lines += [f"## {report_text('heading_notes')}", ""]
    lines += [f"- {note}" for note in check.notes]
    lines.append("")
    return "\n".join(lines)
