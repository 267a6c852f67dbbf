"""近三年经济指标 (FORMAT.md `financials`): one row per year, 万元."""

from __future__ import annotations

from reportgen.model.common import Model, Money, Percent, SignedMoney, Year, field


class FinancialYear(Model):
    year: Year = field("年度", "会计年度，须为征集批次规定的三个年度之一")
    product_sales: Money = field("产品销售收入", "申报产品当年销售收入，万元")
    product_profit: SignedMoney = field("产品利润", "申报产品当年利润，万元，可为负")
    product_tax: SignedMoney = field("产品税收", "申报产品当年税收，万元")
    revenue: Money = field("企业营业收入", "企业当年营业收入，万元")
    main_business_revenue: Money = field(
        "主营业务收入", "企业当年主营业务收入，万元（计算研发投入占比）"
    )
    total_profit: SignedMoney = field("企业利润总额", "企业当年利润总额，万元，可为负")
    rd_expense: Money = field("研发投入", "企业当年研发投入，万元")
    market_share_domestic: Percent | None = field(
        "国内市场占有率", "产品国内市场占有率，百分数（8.5 即 8.5%）", default=None
    )
    market_share_international: Percent | None = field(
        "国际市场占有率", "产品国际市场占有率，百分数（可不填）", default=None
    )


# the year's amounts in 万元 and its shares in %, in the order the outline discusses them
# (the report book's table rows; the plausibility checks' figures)
AMOUNTS = (
    "product_sales",
    "product_profit",
    "product_tax",
    "revenue",
    "main_business_revenue",
    "total_profit",
    "rd_expense",
)
SHARES = ("market_share_domestic", "market_share_international")
