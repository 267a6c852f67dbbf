"""报告书正文: the four parts and eleven subsections of 附件2-1's outline.

Every subsection may be absent here: a missing or empty text is a completeness finding
with the outline's clause (checks/completeness.py), not a bare "field required".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from reportgen.model import forms
from reportgen.model.common import (
    Award,
    LabelledEnum,
    Model,
    Percent,
    Text,
    Year,
    YesNo,
    field,
)

Markdown = Annotated[str, forms.MARKDOWN_FORM]
_TEXT_HELP = "正文，Markdown：段落、**加粗**、*斜体*、列表、简单表格；建议不少于 200 字"


def text_field() -> str:
    return field("正文", _TEXT_HELP, default="")  # type: ignore[no-any-return]


class Better(LabelledEnum):
    # not named `lower`: a member of that name would hide str.lower
    higher_is_better = "higher", "越大越好", "越高越好", "越长越好"
    lower_is_better = "lower", "越小越好", "越低越好", "越短越好"


class Comparison(Model):
    indicator: Text = field("指标", "对比的技术或性能指标")
    unit: str | None = field("单位", "指标单位，如 mm、h、%", default=None)
    ours: Decimal | str = field("本产品", "本产品的指标值")
    peer: Decimal | str = field("同类产品", "行业同类产品的指标值")
    peer_name: str | None = field("对比对象", "如“国外同类产品”", default=None)
    better: Better | None = field("优劣方向", f"{Better.help()}（用于标出优势一方）", default=None)


class QualityMetric(Model):
    ours: Percent = field("本企业", "本企业的值，百分数")
    industry: Percent = field("行业平均", "行业平均水平，百分数")


class QualityMetrics(Model):
    sampling_pass_rate: QualityMetric | None = field("抽检合格率", "质量抽检合格率 %", default=None)
    scrap_rate: QualityMetric | None = field("废品率", "废品率 %", default=None)
    repair_rate: QualityMetric | None = field("返修率", "返修率 %", default=None)


class Inspection(Model):
    year: Year = field("年份", "抽查年份")
    authority: Text = field("抽查部门", "组织抽查的部门")
    result: Text = field("结果", "如“合格”")


class Trademark(Model):
    name: Text = field("商标", "商标名称")
    number: str | None = field("注册号", "商标注册号", default=None)


class Customer(Model):
    name: Text = field("客户名称", "主要客户名称")
    since: Year | None = field("合作起始年份", "开始合作的年份", default=None)
    scope: str | None = field("合作情况", "如“批量采购”", default=None)


class Advancement(Model):
    text: Markdown = text_field()
    comparisons: list[Comparison] = field(
        "同类产品对比", "与行业同类产品的技术指标对比", default_factory=list
    )
    science_awards: list[Award] = field("科技奖励", "科学技术进步奖等", default_factory=list)


class Innovation(Model):
    text: Markdown = text_field()
    digital_technologies: list[Text] = field(
        "数字技术", "研发和制造中使用的先进制造与数字技术", default_factory=list
    )
    design_awards: list[Award] = field("设计奖项", "省级及以上设计制造大奖", default_factory=list)


class Leadership(Model):
    text: Markdown = text_field()
    chain_position: str = field("产业链地位", "产品在产业链中所处地位", default="")


class Technology(Model):
    advancement: Advancement = field(
        "（一）技术先进性", "核心技术、与同类产品对比、科技奖励", default_factory=Advancement
    )
    innovation: Innovation = field(
        "（二）技术创新性", "先进制造和数字技术、设计创新、设计奖项", default_factory=Innovation
    )
    leadership: Leadership = field(
        "（三）技术主导性", "标准、产业链地位、补短板锻长板填空白", default_factory=Leadership
    )


class Reliability(Model):
    text: Markdown = text_field()
    indicators: list[Comparison] = field(
        "可靠性指标", "技术性能、使用寿命等与同类产品对比", default_factory=list
    )
    metrics: QualityMetrics = field(
        "质量指标", "抽检合格率、废品率、返修率与行业平均对比", default_factory=QualityMetrics
    )


class Safety(Model):
    text: Markdown = text_field()
    green: list[Text] = field("绿色制造", "绿色设计产品、绿色工厂等", default_factory=list)


class Management(Model):
    text: Markdown = text_field()
    inspections: list[Inspection] = field("质量抽查", "产品质量抽查情况", default_factory=list)


class QualityPart(Model):
    reliability: Reliability = field(
        "（一）产品可靠性", "技术指标与质量指标", default_factory=Reliability
    )
    safety: Safety = field("（二）产品安全性", "安全生产、绿色设计与生产", default_factory=Safety)
    management: Management = field(
        "（三）质量管理体系", "体系运行、检测监控、抽查、质量奖", default_factory=Management
    )


class Building(Model):
    text: Markdown = text_field()
    own_brand: YesNo | None = field("自主品牌", "是否自主品牌", default=None)
    trademarks: list[Trademark] = field("注册商标", "企业注册商标", default_factory=list)


class Reputation(Model):
    text: Markdown = text_field()
    customers: list[Customer] = field("主要客户", "主要客户名称及合作情况", default_factory=list)


class MarketShare(Model):
    text: Markdown = text_field()
    peer_profit_margin: Percent | None = field(
        "同类产品利润率", "同类产品利润率 %，用于对比", default=None
    )


class Brand(Model):
    building: Building = field(
        "（一）品牌建设", "品牌战略、自主品牌、品牌管理", default_factory=Building
    )
    reputation: Reputation = field(
        "（二）品牌美誉度", "社会认可、主要客户、满意度", default_factory=Reputation
    )
    market_share: MarketShare = field(
        "（三）市场占有率", "近三年市场占有率与利润率", default_factory=MarketShare
    )


class Narrative(Model):
    text: Markdown = text_field()


class Competitiveness(Model):
    product: Narrative = field(
        "（一）产品竞争力", "产品销售收入、利润、税收及其在营收中的占比", default_factory=Narrative
    )
    enterprise: Narrative = field(
        "（二）企业竞争力",
        "企业营收、利润、研发投入、行业地位、研发机构、荣誉",
        default_factory=Narrative,
    )


class Report(Model):
    technology: Technology = field(
        "一、产品技术水平", "附件2-1 第一部分", default_factory=Technology
    )
    quality: QualityPart = field(
        "二、产品质量水平", "附件2-1 第二部分", default_factory=QualityPart
    )
    brand: Brand = field("三、产品品牌价值", "附件2-1 第三部分", default_factory=Brand)
    competitiveness: Competitiveness = field(
        "四、综合竞争力", "附件2-1 第四部分", default_factory=Competitiveness
    )
    # where `reportgen import` puts what a Word report says outside the outline (a preface,
    # a section of another programme): kept, in order, for the user to move; not printed
    unplaced: Markdown | None = field(
        "导入时未归入小节的内容",
        "reportgen import 从 Word 文件读到、不属于提纲任何小节的内容（按原顺序）；"
        "移入合适的小节后删除本项。不写入报告书",
        default=None,
    )


# (path, Chinese heading) of the eleven subsections, in outline order
SUBSECTIONS: tuple[tuple[tuple[str, str], str, str], ...] = (
    (("technology", "advancement"), "一、产品技术水平", "（一）产品技术先进性"),
    (("technology", "innovation"), "一、产品技术水平", "（二）产品技术创新性"),
    (("technology", "leadership"), "一、产品技术水平", "（三）产品技术主导性"),
    (("quality", "reliability"), "二、产品质量水平", "（一）产品可靠性"),
    (("quality", "safety"), "二、产品质量水平", "（二）产品安全性"),
    (("quality", "management"), "二、产品质量水平", "（三）质量管理体系"),
    (("brand", "building"), "三、产品品牌价值", "（一）品牌建设"),
    (("brand", "reputation"), "三、产品品牌价值", "（二）品牌美誉度"),
    (("brand", "market_share"), "三、产品品牌价值", "（三）市场占有率"),
    (("competitiveness", "product"), "四、综合竞争力", "（一）产品竞争力"),
    (("competitiveness", "enterprise"), "四、综合竞争力", "（二）企业竞争力"),
)
