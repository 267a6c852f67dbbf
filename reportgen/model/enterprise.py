"""企业基本信息 (FORMAT.md `enterprise`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from reportgen.model.common import (
    Award,
    CreditCode,
    Email,
    IsoDate,
    LabelledEnum,
    Model,
    Phone,
    Text,
    Year,
    YesNo,
    field,
)


class QualityBenchmark(LabelledEnum):
    none = "none", "无"
    provincial = "provincial", "省级质量标杆", "省级", "省级质量标杆企业"
    national = "national", "国家级质量标杆", "国家级", "国家级质量标杆企业"


class HonorKind(LabelledEnum):
    little_giant = (
        "little_giant",
        "专精特新“小巨人”企业",
        "专精特新小巨人企业",
        "专精特新“小巨人”",
        "小巨人",
        "国家级专精特新“小巨人”企业",
    )
    single_champion = "single_champion", "制造业单项冠军企业", "制造业单项冠军", "单项冠军"
    high_tech = "high_tech", "高新技术企业", "国家高新技术企业"
    specialized = "specialized", "省专精特新中小企业", "专精特新中小企业", "省专精特新"
    other = "other", "其他荣誉", "其他"


class Contact(Model):
    name: Text = field("联系人", "申报联系人姓名")
    title: str | None = field("职务", "联系人职务", default=None)
    phone: Phone = field("联系电话", "手机号（11 位）或带区号的固定电话，如 0571-85257064")
    email: Email | None = field("电子邮箱", "联系人电子邮箱", default=None)


class RdInstitution(Model):
    in_province: YesNo = field(
        "研发机构在省内", "研发机构是否设在浙江省内（附件2 二、1 要求在省内）"
    )
    name: Text = field("研发机构名称", "如“浙江省××企业研究院”")
    level: str | None = field("研发机构级别", "国家级、省级、市级等", default=None)


class ProductionBase(Model):
    in_province: YesNo = field("生产基地在省内", "生产基地是否在浙江省内（附件2 二、1 要求在省内）")
    address: Text = field("生产基地地址", "生产基地详细地址")


class Quality(Model):
    capability_evaluated: YesNo = field(
        "已完成质量管理能力评价", "是否已完成制造业企业质量管理能力评价（附件2 二、2 重点推荐）"
    )
    benchmark: QualityBenchmark = field(
        "质量标杆", f"列入的质量标杆级别：{QualityBenchmark.help()}", default=QualityBenchmark.none
    )
    certifications: list[Text] = field(
        "管理体系认证", "如 ISO 9001:2015、IATF 16949:2016", default_factory=list
    )
    awards: list[Award] = field("质量奖", "市级以上政府质量奖等", default_factory=list)


class Honor(Model):
    kind: HonorKind = field("荣誉类型", HonorKind.help())
    year: Year | None = field("认定年份", "获得认定的年份", default=None)
    name: str | None = field("荣誉名称", "kind 为 other 时必填：荣誉全称", default=None)

    @model_validator(mode="after")
    def _other_needs_name(self) -> Honor:
        if self.kind is HonorKind.other and not self.name:
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("honor_name_required", "an honor of kind other needs a name")
        return self


class Enterprise(Model):
    name: Text = field("企业名称", "营业执照上的企业全称")
    credit_code: CreditCode = field(
        "统一社会信用代码", "18 位，按 GB 32100-2015 校验最后一位校验码"
    )
    city: Text = field("设区市", "浙江省 11 个设区市之一，如“杭州市”")
    county: Text = field("区、县（市）", "企业所在区、县（市），决定是否适用山区海岛县标准")
    mountain_island: YesNo | None = field(
        "山区海岛县（手动指定）",
        "留空则按征集批次的山区海岛县名单判断；填 true/false 可覆盖名单（检查报告会同时显示名单结论）",
        default=None,
    )
    address: Text = field("注册地址", "营业执照上的注册地址")
    founded: IsoDate = field("成立日期", "格式 YYYY-MM-DD")
    legal_representative: Text = field("法定代表人", "法定代表人姓名")
    contact: Contact = field("联系人", "申报联系人及联系方式")
    independent_legal_person: YesNo = field(
        "具有独立法人资格", "企业是否具有独立法人资格（附件2 二、1）"
    )
    provincial_state_owned: YesNo = field(
        "省属企业", "省属国有企业由省国资委审核推荐，不经区县经信部门", default=False
    )
    rd_institution: RdInstitution = field("研发机构", "企业在省内建设的研发机构")
    production_base: ProductionBase = field("生产基地", "企业在省内的生产基地")
    quality: Quality = field("质量管理", "质量管理能力评价、质量标杆、认证和质量奖")
    honors: Annotated[list[Honor], Field(max_length=50)] = field(
        "企业荣誉", "专精特新“小巨人”、单项冠军、高新技术企业等", default_factory=list
    )
