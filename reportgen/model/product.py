"""申报产品 (FORMAT.md `product`)."""

from __future__ import annotations

from typing import Literal

from reportgen.model.common import EvidenceId, IsoDate, LabelledEnum, Model, Text, YesNo, field


class Category(LabelledEnum):
    advanced = "advanced", "先进制造类", "先进制造"
    digital = "digital", "数字技术融合类", "数字技术融合"
    consumer = "consumer", "特色（消费品）类", "特色(消费品)类", "特色消费品类", "特色（消费品）"


class ProofKind(LabelledEnum):
    provincial_evaluation = (
        "provincial_evaluation",
        "省经信厅工业新产品评价材料",
        "省经信厅工业新产品评价",
        "工业新产品评价",
    )
    local_appraisal = (
        "local_appraisal",
        "地方工业新产品投产鉴定材料",
        "地方工业新产品投产鉴定",
        "投产鉴定",
    )
    association_appraisal = (
        "association_appraisal",
        "相关行业协会新产品评价或鉴定材料",
        "行业协会新产品评价或鉴定",
        "行业协会评价或鉴定",
    )
    internal_project = (
        "internal_project",
        "企业内部新产品立项程序资料",
        "企业内部新产品立项",
        "企业内部立项",
    )


class PatentKind(LabelledEnum):
    invention = "invention", "发明专利", "发明"
    utility = "utility", "实用新型专利", "实用新型"
    design = "design", "外观设计专利", "外观设计"
    software = "software", "软件著作权", "软著", "计算机软件著作权"


class PatentStatus(LabelledEnum):
    granted = "granted", "已授权", "授权"
    pending = "pending", "申请中", "已受理", "实审中"


class StandardLevel(LabelledEnum):
    international = "international", "国际标准"
    national = "national", "国家标准", "国标"
    industry = "industry", "行业标准", "行标"
    group = "group", "团体标准", "团标"
    zhejiang_made = "zhejiang_made", "“浙江制造”标准", "浙江制造标准", "浙江制造"
    enterprise = "enterprise", "企业标准", "企标"


class StandardRole(LabelledEnum):
    lead = "lead", "主导制定", "主导", "牵头制定"
    participate = "participate", "参与制定", "参与"
    apply = "apply", "执行", "采用"


StrategicRole = Literal["补短板", "锻长板", "填空白"]


class NewProductProof(Model):
    kind: ProofKind = field("证明材料类型", f"以下四类之一：{ProofKind.help()}")
    issuer: Text = field("出具单位", "评价、鉴定或立项的组织单位")
    number: str | None = field("文号或编号", "证书或文件编号", default=None)
    date: IsoDate | None = field("出具日期", "格式 YYYY-MM-DD", default=None)
    evidence: EvidenceId = field(
        "佐证材料", "证明材料在 evidence 中的 id，其类型须为 new_product_proof"
    )


class Patent(Model):
    number: Text = field("专利号或登记号", "如 ZL202310000000.0 或软著登记号")
    title: Text = field("名称", "专利或软件著作权名称")
    kind: PatentKind = field("类型", PatentKind.help())
    status: PatentStatus = field("状态", PatentStatus.help())
    evidence: EvidenceId | None = field("佐证材料", "证书在 evidence 中的 id", default=None)


class Standard(Model):
    code: Text = field("标准编号", "如 GB/T 20957.1-2023")
    title: Text = field("标准名称", "标准全称")
    level: StandardLevel = field("标准级别", StandardLevel.help())
    role: StandardRole = field("企业角色", StandardRole.help())
    evidence: EvidenceId | None = field(
        "佐证材料", "标准文本或证明在 evidence 中的 id", default=None
    )


class Product(Model):
    name: Text = field("产品名称", "申报产品名称，即报告书封面的“精品名称”")
    models: list[Text] = field("产品型号", "产品型号列表", default_factory=list)
    category: Category = field("产品类别", Category.help())
    cluster_track: Text = field(
        "所在“415X”集群赛道", "征集批次规定的赛道之一，如“工业母机与机器人”（附件5 注1）"
    )
    cluster_brand_quota: YesNo = field(
        "以集群品牌名额推荐",
        "是否以先进制造业集群品牌名额推荐（仅集群品牌所在县区，且须与集群方向一致）",
        default=False,
    )
    launch_date: IsoDate = field("上市时间", "产品上市日期，须在征集批次规定的期间内")
    new_product_proof: NewProductProof = field("新产品证明材料", "四类证明材料中的一种")
    core_technologies: list[Text] = field(
        "核心技术", "产品拥有的关键核心技术", default_factory=list
    )
    strategic_roles: list[StrategicRole] = field(
        "关键核心技术定位", "补短板、锻长板、填空白中的若干项", default_factory=list
    )
    patents: list[Patent] = field("专利与软件著作权", "自主知识产权", default_factory=list)
    standards: list[Standard] = field(
        "标准", "产品执行或主导、参与制定的标准", default_factory=list
    )
