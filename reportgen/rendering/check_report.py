"""检查报告.md: the findings for a person, with the call's interpretations stated openly."""

from __future__ import annotations

from typing import Any

from reportgen import __version__
from reportgen.findings import Finding
from reportgen.output import GROUP_ORDER, group_of, ui, where
from reportgen.validation import Checked

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(*cells: Any) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def check_report(checked: Checked, context: dict[str, Any]) -> str:
    assert (
        checked.application is not None
        and checked.policy is not None
        and checked.source is not None
    )
    app, policy = checked.application, checked.policy
    errors = [f for f in checked.findings if f.is_error]
    warnings = [f for f in checked.findings if f.severity == "warning"]
    if errors:
        verdict = (
            f"未通过检查：{len(errors)} 个错误，{len(warnings)} 条警告（以草稿生成，不能提交）"
        )
    elif warnings:
        verdict = f"通过检查，有 {len(warnings)} 条警告"
    else:
        verdict = "通过检查"
    lines = [
        f"# 检查报告：{app.enterprise.name}　{app.product.name}",
        "",
        f"- 申报文件：`{checked.file}`（SHA-256 {checked.source.sha256[:12]}）",
        f"- 征集批次：{policy.title}（{policy.call}）",
        f"- 检查工具：reportgen {__version__}",
        f"- **结论：{verdict}**",
        "",
        "## 申报条件对照",
        "",
        "| 指标 | 本企业 | 标准 | 是否达到 |",
        "|---|---|---|---|",
        *(_row(k["label"], k["value"], k["requirement"], k["passes"]) for k in context["criteria"]),
        "",
        "## 发现的问题",
        "",
    ]
    lines += _findings(checked.findings) or ["没有发现问题。", ""]
    sales, ent = context["sales"], context["enterprise"]
    declared = app.enterprise.mountain_island
    rd_years = "，".join(f"{r['year']}年 {r['ratio']}" for r in context["rd"]["per_year"])
    lines += [
        "## 判断口径说明",
        "",
        f"- **近三年**：征集前三个完整年度，即 {'、'.join(context['years'])} 年。",
        f"- **年均销售收入**：按上市年份至最后一年（{sales['lenient_years']} 年）平均为 "
        f"{sales['lenient_average']} 万元；按三年平均为 {sales['strict_average']} 万元。"
        f"征集方案写“产品上市后，近三年年均销售收入”，本工具以前者判断是否达标，"
        f"仅前者达标时给出警告。{sales['category']}标准为 {sales['threshold']} 万元。",
        f"- **山区海岛县**：{ent['county']}按名单（{ent['mountain_island_source']}）"
        f"{'属于' if ent['mountain_island_listed'] == '是' else '不属于'}山区海岛县"
        + (
            f"；申报文件指定为“{'是' if declared else '否'}”，按指定执行"
            if declared is not None
            else ""
        )
        + f"。适用标准：{'山区海岛县' if sales['mountain_island'] == '是' else '一般'}标准。",
        f"- **研发投入占比**：三年研发投入之和 ÷ 三年主营业务收入之和 = {context['rd']['overall']}"
        f"（各年：{rd_years}），不低于 {context['rd']['minimum']} 为达标。",
        "",
    ]
    return "\n".join(lines)


def _findings(findings: list[Finding]) -> list[str]:
    lines: list[str] = []
    by_group: dict[str, list[Finding]] = {}
    for finding in findings:
        by_group.setdefault(group_of(finding), []).append(finding)
    for group in GROUP_ORDER:
        if group not in by_group:
            continue
        lines += [f"### {ui('group.' + group, 'zh')}", ""]
        for f in by_group[group]:
            clause = f"〔依据：{f.clause}〕" if f.clause else ""
            lines.append(
                f"- **{_SEVERITY[f.severity]}** {where(f, 'zh')}：{f.message('zh')}{clause}"
            )
        lines.append("")
    return lines
