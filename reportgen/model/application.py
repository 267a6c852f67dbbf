"""The whole application file (FORMAT.md): one enterprise, one product, one call."""

from __future__ import annotations

from typing import Literal

from reportgen.model.common import Model, Text, field
from reportgen.model.enterprise import Enterprise
from reportgen.model.evidence import Commitment, EvidenceItem
from reportgen.model.financials import FinancialYear
from reportgen.model.product import Product
from reportgen.model.report import Report

FORMAT_VERSION = 1


class Application(Model):
    """浙江制造精品申报材料（reportgen 申报文件格式）"""

    format_version: Literal[1] = field("格式版本", "申报文件格式的版本号，目前为 1")
    call: Text = field("征集批次", "使用哪一批次的征集规则，如 zj-2026（2026年浙江制造精品）")
    enterprise: Enterprise = field("企业基本信息", "申报企业的基本情况")
    product: Product = field("申报产品", "申报的浙江制造精品产品")
    financials: list[FinancialYear] = field(
        "近三年经济指标", "征集批次规定的三个年度各一行，金额单位万元"
    )
    report: Report = field("报告书正文", "按附件2-1 提纲的四部分十一小节", default_factory=Report)
    evidence: list[EvidenceItem] = field(
        "佐证材料", "上传的证明材料清单，其他字段通过 id 引用", default_factory=list
    )
    commitment: Commitment = field("承诺书", "承诺书签字人与日期", default_factory=Commitment)


SCHEMA_DIALECT: Literal["https://json-schema.org/draft/2020-12/schema"] = (
    "https://json-schema.org/draft/2020-12/schema"
)
