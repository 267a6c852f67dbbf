"""The staff-side files (FORMAT.md "Staff-side files"): a district's recommendation list
(推荐汇总表, 附件5) and its staff contacts form (工作人员信息汇总表, 附件3)."""

from __future__ import annotations

from typing import Literal

from reportgen.model.common import Mobile, Model, Phone, Text, YesNo, field
from reportgen.model.product import Category


class FilledBy(Model):
    name: Text = field("填报人", "填写推荐汇总表的工作人员")
    phone: Phone = field("联系电话（手机）", "填报人的手机号（11 位）或带区号的固定电话")


class Recommendation(Model):
    """One recommended product: from an application file, or its five columns inline."""

    application: Text | None = field(
        "申报文件",
        "企业的 application.yaml，路径相对于本文件；企业、产品、类别、赛道从中读取",
        default=None,
    )
    enterprise: Text | None = field("企业名称", "不引用申报文件时必填", default=None)
    product: Text | None = field("产品名称及型号", "不引用申报文件时必填", default=None)
    category: Category | None = field("产品类别", Category.help(), default=None)
    cluster_track: Text | None = field("所在“415X”集群赛道", "附件5 注1 的赛道之一", default=None)
    cluster_brand_quota: YesNo | None = field(
        "以集群品牌名额推荐",
        "是否以先进制造业集群品牌名额推荐（附件5 注3）；引用申报文件时默认取申报文件中的值",
        default=None,
    )


class RecommendationList(Model):
    format_version: Literal[1] = field("格式版本", "目前为 1")
    call: Text = field("征集批次", "如 zj-2026")
    unit: Text = field("填报单位", "如 杭州市滨江区经济和信息化局")
    county: Text = field("区、县（市）", "推荐名额按此计算（附件4）")
    filled_by: FilledBy = field("填报人", "填报人和联系电话")
    recommendations: list[Recommendation] = field(
        "推荐产品", "按推荐顺序排列", default_factory=list
    )


class StaffMember(Model):
    county: Text = field("区、县（市）", "所在区、县（市）")
    office: Text = field("科室", "如 产业科")
    name: Text = field("姓名", "工作人员姓名")
    title: Text = field("职务", "如 科长")
    mobile: Mobile = field("手机号码（浙政钉号码）", "11 位手机号")


class ContactsForm(Model):
    format_version: Literal[1] = field("格式版本", "目前为 1", default=1)
    call: Text | None = field("征集批次", "如 zj-2026；默认为最新一期", default=None)
    county: Text = field("区、县（市）", "填报的区、县（市）")
    staff: list[StaffMember] = field(
        "工作人员", "每个区、县（市）1—2 人（附件3 备注）", min_length=1, max_length=2
    )
