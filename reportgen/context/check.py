"""The check report's content as the templates see it (`check`), and the call's
conditions beside the figures (`criteria`, also in the book); built by
render/check_report.py and context/economics.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from reportgen.context.describe import Doc
from reportgen.context.words import YesNo


@dataclass(frozen=True, slots=True)
class Criterion:
    label: Annotated[str, Doc("申报条件")]
    value: Annotated[str, Doc("本企业的值")]
    requirement: Annotated[str, Doc("标准")]
    passes: Annotated[YesNo, Doc("是否达到")]


@dataclass(frozen=True, slots=True)
class CheckFinding:
    severity: Annotated[str, Doc("级别：错误、警告、提示")]
    where: Annotated[str, Doc("位置：字段的中文名称和行号")]
    message: Annotated[str, Doc("问题说明")]
    clause: Annotated[str, Doc("依据的条款（无则为 —）")]


@dataclass(frozen=True, slots=True)
class CheckGroup:
    title: Annotated[str, Doc("分组标题，如“（一）申报条件与企业信息”")]
    caption: Annotated[str, Doc("表题")]
    findings: Annotated[tuple[CheckFinding, ...], Doc("本组的问题")]


@dataclass(frozen=True, slots=True)
class CheckReport:
    subject: Annotated[str, Doc("企业和产品名称")]
    facts: Annotated[tuple[str, ...], Doc("申报文件、征集批次、检查工具")]
    verdict: Annotated[str, Doc("结论")]
    criteria: Annotated[tuple[Criterion, ...], Doc("申报条件对照（含三年平均）")]
    groups: Annotated[tuple[CheckGroup, ...], Doc("发现的问题，按提纲分组")]
    notes: Annotated[tuple[str, ...], Doc("判断口径说明")]
