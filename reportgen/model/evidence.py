"""佐证材料 and 承诺书 (FORMAT.md `evidence`, `commitment`)."""

from __future__ import annotations

from reportgen.model.common import EvidenceId, IsoDate, LabelledEnum, Model, Text, Year, field


class EvidenceKind(LabelledEnum):
    new_product_proof = "new_product_proof", "新产品证明材料"
    financial_statement = "financial_statement", "财务审计报告", "审计报告"
    sales_proof = "sales_proof", "销售收入自证材料"
    rd_expense_proof = "rd_expense_proof", "研发投入证明"
    quality_evaluation = "quality_evaluation", "质量管理能力评价"
    quality_benchmark = "quality_benchmark", "质量标杆证明"
    patent = "patent", "专利证书", "专利"
    standard = "standard", "标准文本"
    award = "award", "获奖证书", "奖励证书"
    test_report = "test_report", "检测报告"
    customer_report = "customer_report", "客户使用报告"
    other = "other", "其他"


class EvidenceItem(Model):
    id: EvidenceId = field("编号", "材料编号，字母、数字、-、_，如 E1；其他字段用它引用本材料")
    kind: EvidenceKind = field("材料类型", EvidenceKind.help())
    title: Text = field("材料名称", "如“2023—2025年审计报告”")
    file: Text = field(
        "文件", "相对申报文件所在文件夹的路径，须在该文件夹内；PDF、JPEG、PNG 或 OFD，不超过 20 MB"
    )
    years: list[Year] | None = field(
        "涉及年度", "财务类材料覆盖的年度；不填表示覆盖全部三个年度", default=None
    )


class Commitment(Model):
    signatory: str | None = field(
        "签字人", "承诺书签字的法定代表人，默认为 enterprise.legal_representative", default=None
    )
    date: IsoDate | None = field("承诺日期", "承诺书落款日期，应在网上申报期间内", default=None)
