"""检查报告: the findings for a person, with the call's interpretations stated openly.

One description (`check_context`) gives both forms: 检查报告.docx in the house style, for
the clerk who opens it in Word, and 检查报告.md, for a repository or a consultant's notes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.checks.financials import deciding, is_mountain_island
from reportgen.checks.outline import GROUP_ORDER, group_of
from reportgen.checks.validation import Checked
from reportgen.context import economics
from reportgen.findings import Finding, parse_path
from reportgen.messages import ui
from reportgen.model import Application
from reportgen.model.paths import label
from reportgen.policy import Policy

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def check_context(checked: Checked, context: dict[str, Any]) -> dict[str, Any]:
    """The check report's content (template variable `check`)."""
    app, policy, source = checked.application, checked.policy, checked.source
    assert app is not None and policy is not None and source is not None
    errors = sum(f.is_error for f in checked.findings)
    warnings = sum(f.severity == "warning" for f in checked.findings)
    if errors:
        verdict = f"未通过检查：{errors} 个错误，{warnings} 条警告（以草稿生成，不能提交）。"
    elif warnings:
        verdict = f"通过检查，有 {warnings} 条警告。"
    else:
        verdict = "通过检查。"
    decided = checked.deciding or deciding(app, policy)  # the check's own figures
    sales, rd = decided.sales, decided.rd
    return {
        "subject": f"{app.enterprise.name}　{app.product.name}",
        "facts": [
            f"申报文件：{Path(checked.file).name}（SHA-256 {source.sha256[:12]}）",
            f"征集批次：{policy.title}（{policy.call}）",
            f"检查工具：reportgen {__version__}",
        ],
        "verdict": verdict,
        "criteria": economics.criteria(app, policy, sales, rd, strict=True),
        "groups": _groups(checked.findings),
        "notes": _notes(app, policy, context),
    }


def _groups(findings: list[Finding]) -> list[dict[str, Any]]:
    by_group: dict[str, list[Finding]] = {}
    for finding in findings:
        by_group.setdefault(group_of(finding), []).append(finding)
    groups = []
    present = [g for g in GROUP_ORDER if g in by_group]
    for number, group in enumerate(present, start=1):
        # under 三、发现的问题 the groups are its （一）（二）…, without the book's 一、
        name = re.sub(r"^[一二三四五六七八九十]+、", "", ui("group." + group, "zh"))
        rows = [
            {
                "severity": _SEVERITY[f.severity],
                "where": _place(f),
                "message": f.message("zh"),
                "clause": f.clause or "—",
            }
            for f in by_group[group]
        ]
        groups.append(
            {
                "title": f"（{_NUMERALS[number - 1]}）{name}",
                "caption": f"表{number + 1}　{name}方面的问题",
                "findings": rows,
            }
        )
    return groups


_NUMERALS = "一二三四五六七八九十"


def _place(finding: Finding) -> str:
    """'申报产品 › 上市时间（第 31 行）': the field as the enterprise reads it, and its line."""
    name = label(Application, parse_path(finding.path)) if finding.path else "文件"
    return name + (f"（第 {finding.line} 行）" if finding.line is not None else "")


def _notes(app: Application, policy: Policy, context: dict[str, Any]) -> list[str]:
    """How the call's unclear rules were read; figures as the book shows them."""
    sales, ent, rd = context["sales"], context["enterprise"], context["rd"]
    declared = app.enterprise.mountain_island
    applies, listed = is_mountain_island(app, policy)
    rd_years = "，".join(f"{r['year']}年 {r['ratio']}" for r in rd["per_year"])
    override = (
        f"；申报文件指定为“{'是' if declared else '否'}”，按指定执行"
        if declared is not None
        else ""
    )
    return [
        f"近三年：征集前三个完整年度，即 {'、'.join(context['years'])} 年。",
        f"年均销售收入：按上市年份至最后一年（{sales['lenient_years']} 年）平均为 "
        f"{sales['lenient_average']} 万元；按三年平均为 {sales['strict_average']} 万元。"
        f"征集方案写“产品上市后，近三年年均销售收入”，本工具按前者判断是否达标；"
        "前者达标而三年平均不达标时给出警告。"
        f"{sales['category']}标准为 {sales['threshold']} 万元。",
        f"山区海岛县：{ent['county']}按名单（{policy.mountain_island.source}）"
        f"{'属于' if listed else '不属于'}山区海岛县{override}。"
        f"适用标准：{'山区海岛县' if applies else '一般'}标准。",
        f"研发投入占比：三年研发投入之和 ÷ 三年主营业务收入之和 = {rd['overall']}"
        f"（各年：{rd_years}），不低于 {rd['minimum']} 为达标。",
    ]


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(*cells: Any) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def check_markdown(check: dict[str, Any]) -> str:
    """检查报告.md from the check report's content."""
    lines = [f"# 检查报告：{check['subject']}", ""]
    lines += [f"- {fact}" for fact in check["facts"]]
    lines += [f"- **结论：{check['verdict'].rstrip('。')}**", "", "## 申报条件对照", ""]
    lines += ["| 指标 | 本企业 | 标准 | 是否达到 |", "|---|---|---|---|"]
    lines += [
        _row(k["label"], k["value"], k["requirement"], k["passes"]) for k in check["criteria"]
    ]
    lines += ["", "## 发现的问题", ""]
    if not check["groups"]:
        lines += ["没有发现问题。", ""]
    for group in check["groups"]:
        lines += [f"### {group['title']}", ""]
        for f in group["findings"]:
            clause = f"〔依据：{f['clause']}〕" if f["clause"] != "—" else ""
            lines.append(f"- **{f['severity']}** {f['where']}：{f['message']}{clause}")
        lines.append("")
    lines += ["## 判断口径说明", ""]
    lines += [f"- {note}" for note in check["notes"]]
    lines.append("")
    return "\n".join(lines)
