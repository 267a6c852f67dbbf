"""Application + Policy → Context: everything the templates show, computed and formatted.

Templates compute nothing: every number, ratio, label and table row is here, built and
tested in Python. Figures are formatted the Chinese way (万元, two decimals, thousands
separators); labels are Chinese. docs/templates.md lists every variable.
Charts are PNG bytes here; the render stage wraps them for Word.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.checks.evidence import evidence_sha256
from reportgen.checks.financials import RdTest, SalesTest, is_mountain_island, rd_test, sales_test
from reportgen.figures import money, percent, percent_or_dash, ratio_percent
from reportgen.findings import Finding, sort_findings
from reportgen.model import SUBSECTIONS, Application, FinancialYear
from reportgen.model.report import Comparison, QualityMetrics
from reportgen.policy import Policy

Context = dict[str, Any]
YES_NO = {True: "是", False: "否", None: "—"}
DASH = "—"


def chinese_date(day: date | None) -> str:
    """2023-09-01 -> '2023年9月1日' (how official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else DASH


def build_context(
    app: Application,
    policy: Policy,
    findings: Sequence[Finding] = (),
    *,
    draft: bool = False,
    charts: bool = True,
    base_dir: Path | None = None,
) -> Context:
    rows = sorted(app.financials, key=lambda r: r.year)
    sales, rd = sales_test(app, policy), rd_test(app, policy)
    context: Context = {
        "call": {"id": policy.call, "title": policy.title, "year": policy.call.rsplit("-", 1)[-1]},
        "enterprise": _enterprise(app, policy),
        "product": _product(app),
        "years": [str(r.year) for r in rows],
        "financial_table": _financial_table(rows),
        "sales": _sales(app, sales),
        "rd": _rd(rd),
        "criteria": _criteria(app, policy, sales, rd),
        "growth": _growth(rows),
        "shares": _shares(rows, app.report.brand.market_share.peer_profit_margin),
        "report": _report(app),
        "evidence": _evidence(app, base_dir),
        "commitment": {
            "signatory": app.commitment.signatory or app.enterprise.legal_representative,
            "date": chinese_date(app.commitment.date),
        },
        "draft": draft,
        "draft_errors": [_finding_row(f) for f in sort_findings(findings) if f.is_error],
        "warnings": [_finding_row(f) for f in sort_findings(findings) if not f.is_error],
    }
    if charts:
        from reportgen.rendering.charts import market_share_chart, sales_chart

        context["charts"] = {
            "sales": sales_chart(rows),
            "market_share": market_share_chart(rows),
        }
    return context


def _enterprise(app: Application, policy: Policy) -> dict[str, Any]:
    ent = app.enterprise
    mountain, listed = is_mountain_island(app, policy)
    quality = ent.quality
    return {
        "name": ent.name,
        "credit_code": ent.credit_code,
        "city": ent.city,
        "county": ent.county,
        "address": ent.address,
        "founded": chinese_date(ent.founded),
        "legal_representative": ent.legal_representative,
        "contact": ent.contact.model_dump(),
        "provincial_state_owned": YES_NO[ent.provincial_state_owned],
        "mountain_island": YES_NO[mountain],
        "mountain_island_listed": YES_NO[listed],
        "mountain_island_source": policy.mountain_island.source,
        "rd_institution": ent.rd_institution.model_dump(),
        "rd_institution_text": " ".join(
            x
            for x in (
                ent.rd_institution.name,
                f"（{ent.rd_institution.level}）" if ent.rd_institution.level else "",
            )
            if x
        ),
        "production_base": ent.production_base.model_dump(),
        "quality": {
            "capability_evaluated": YES_NO[quality.capability_evaluated],
            "benchmark": quality.benchmark.label,
            "certifications": list(quality.certifications),
            "certifications_text": "、".join(quality.certifications) or DASH,
            "awards": [_award(a) for a in quality.awards],
        },
        "honors": [
            {"name": h.name or h.kind.label, "year": str(h.year or DASH)} for h in ent.honors
        ],
        "is_little_giant": any(h.kind.value == "little_giant" for h in ent.honors),
        "is_single_champion": any(h.kind.value == "single_champion" for h in ent.honors),
    }


def _award(award: Any) -> dict[str, str]:
    return {
        "name": award.name,
        "level": award.level or DASH,
        "rank": award.rank or DASH,
        "year": str(award.year or DASH),
    }


def _product(app: Application) -> dict[str, Any]:
    product = app.product
    proof = product.new_product_proof
    return {
        "name": product.name,
        "models": "、".join(product.models) or DASH,
        "category": product.category.label,
        "cluster_track": product.cluster_track,
        "cluster_brand_quota": YES_NO[product.cluster_brand_quota],
        "launch_date": chinese_date(product.launch_date),
        "proof": {
            "kind": proof.kind.label,
            "issuer": proof.issuer,
            "number": proof.number or DASH,
            "date": chinese_date(proof.date),
        },
        "core_technologies": list(product.core_technologies),
        "core_technologies_text": "、".join(product.core_technologies) or DASH,
        "strategic_roles": "、".join(product.strategic_roles) or DASH,
        "patents": [
            {"number": p.number, "title": p.title, "kind": p.kind.label, "status": p.status.label}
            for p in product.patents
        ],
        "standards": [
            {"code": s.code, "title": s.title, "level": s.level.label, "role": s.role.label}
            for s in product.standards
        ],
    }


# the indicator rows of the three-year table, in the order the outline discusses them
_FINANCIAL_ROWS: tuple[tuple[str, str], ...] = (
    ("product_sales", "产品销售收入（万元）"),
    ("product_profit", "产品利润（万元）"),
    ("product_tax", "产品税收（万元）"),
    ("revenue", "企业营业收入（万元）"),
    ("main_business_revenue", "主营业务收入（万元）"),
    ("total_profit", "企业利润总额（万元）"),
    ("rd_expense", "研发投入（万元）"),
)


def _financial_table(rows: list[FinancialYear]) -> list[dict[str, Any]]:
    table = [
        {"label": label, "cells": [money(getattr(r, field)) for r in rows]}
        for field, label in _FINANCIAL_ROWS
    ]
    for field, label in (
        ("market_share_domestic", "国内市场占有率"),
        ("market_share_international", "国际市场占有率"),
    ):
        values = [getattr(r, field) for r in rows]
        if any(v is not None for v in values):
            table.append({"label": label, "cells": [percent_or_dash(v) for v in values]})
    return table


def _sales(app: Application, test: SalesTest) -> dict[str, Any]:
    return {
        "category": app.product.category.label,
        "threshold": money(test.threshold),
        "mountain_island": YES_NO[test.mountain_island],
        "lenient_years": f"{test.lenient_years[0]}—{test.lenient_years[-1]}",
        "lenient_average": money(test.lenient_average),
        "strict_average": money(test.strict_average),
        "passes": YES_NO[test.passes],
        "passes_strict": YES_NO[test.passes_strict],
    }


def _criteria(
    app: Application, policy: Policy, test: SalesTest, rd: RdTest
) -> list[dict[str, str]]:
    """The call's measurable conditions beside the enterprise's figures (表15)."""
    window = policy.launch_window
    launched = app.product.launch_date
    years = f"{test.lenient_years[0]}—{test.lenient_years[-1]}年"
    return [
        {
            "label": "上市时间",
            "value": chinese_date(launched),
            "requirement": f"{chinese_date(window.start)}至{chinese_date(window.end)}",
            "passes": YES_NO[window.contains(launched)],
        },
        {
            "label": f"年均销售收入（{years}，万元）",
            "value": money(test.lenient_average),
            "requirement": f"不低于{money(test.threshold)}"
            + ("（山区海岛县）" if test.mountain_island else ""),
            "passes": YES_NO[test.passes],
        },
        {
            "label": "近三年年均销售收入（三年平均，万元）",
            "value": money(test.strict_average),
            "requirement": f"不低于{money(test.threshold)}（从严口径，供参考）",
            "passes": YES_NO[test.passes_strict],
        },
        {
            "label": "近三年研发投入占主营业务收入比重",
            "value": percent_or_dash(rd.overall),
            "requirement": f"不低于{percent(rd.minimum)}",
            "passes": YES_NO[rd.passes],
        },
    ]


def _rd(test: RdTest) -> dict[str, Any]:
    return {
        "per_year": [
            {"year": str(year), "ratio": percent_or_dash(ratio)} for year, ratio in test.per_year
        ],
        "overall": percent_or_dash(test.overall),
        "minimum": percent(test.minimum),
        "passes": YES_NO[test.passes],
    }


def _growth(rows: list[FinancialYear]) -> dict[str, Any]:
    """Year-on-year growth of product sales and revenue, and the average annual growth."""

    def series(field: str) -> dict[str, Any]:
        values = [getattr(r, field) for r in rows]
        yearly = [
            {
                "year": str(rows[i].year),
                "rate": percent_or_dash(_growth_rate(values[i - 1], values[i])),
            }
            for i in range(1, len(rows))
        ]
        first, last, spans = values[0], values[-1], len(values) - 1
        compound = None
        if first > 0 and last >= 0 and spans > 0:  # compound annual growth rate
            compound = ((last / first) ** (Decimal(1) / spans) - 1) * 100
        return {"yearly": yearly, "average": percent_or_dash(compound)}

    return {"product_sales": series("product_sales"), "revenue": series("revenue")}


def _growth_rate(before: Decimal, after: Decimal) -> Decimal | None:
    return None if before <= 0 else (after - before) * 100 / before


def _shares(rows: list[FinancialYear], peer_margin: Decimal | None) -> list[dict[str, str]]:
    """Per year: the product's share of revenue and its profit margin against the peers'."""
    out = []
    for r in rows:
        margin = ratio_percent(r.product_profit, r.product_sales)
        out.append(
            {
                "year": str(r.year),
                "product_share_of_revenue": percent_or_dash(
                    ratio_percent(r.product_sales, r.revenue)
                ),
                "profit_margin": percent_or_dash(margin),
                "peer_profit_margin": percent_or_dash(peer_margin),
                "margin_above_peer": YES_NO[
                    None if margin is None or peer_margin is None else margin > peer_margin
                ],
                "market_share_domestic": percent_or_dash(r.market_share_domestic),
                "market_share_international": percent_or_dash(r.market_share_international),
            }
        )
    return out


def _comparison(row: Comparison) -> dict[str, Any]:
    ours_better = peer_better = False
    numeric = isinstance(row.ours, Decimal) and isinstance(row.peer, Decimal)
    if numeric and row.better and row.ours != row.peer:
        ours_better = (row.ours > row.peer) == (row.better == "higher")  # type: ignore[operator]
        peer_better = not ours_better
    return {
        "indicator": row.indicator,
        "unit": row.unit or DASH,
        "ours": _plain_number(row.ours),
        "peer": _plain_number(row.peer),
        "peer_name": row.peer_name or "行业同类产品",
        "better": {"higher": "越大越好", "lower": "越小越好", None: DASH}[row.better],
        "ours_better": ours_better,
        "peer_better": peer_better,
        # the better side carries a mark, so it shows in black and white print too
        "ours_mark": "（优）" if ours_better else "",
        "peer_mark": "（优）" if peer_better else "",
    }


def _plain_number(value: Decimal | str) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else str(value)
    return value


_METRICS = (
    ("sampling_pass_rate", "抽检合格率", "higher"),
    ("scrap_rate", "废品率", "lower"),
    ("repair_rate", "返修率", "lower"),
)


def _metrics(metrics: QualityMetrics) -> list[dict[str, Any]]:
    out = []
    for field, label, better in _METRICS:
        metric = getattr(metrics, field)
        if metric is None:
            continue
        ours_better = (
            metric.ours > metric.industry if better == "higher" else metric.ours < metric.industry
        )
        out.append(
            {
                "indicator": label,
                "ours": percent(metric.ours),
                "industry": percent(metric.industry),
                "better": "越高越好" if better == "higher" else "越低越好",
                "ours_better": ours_better,
                "ours_mark": "（优）" if ours_better else "",
            }
        )
    return out


def _report(app: Application) -> dict[str, Any]:
    r = app.report
    tech, quality, brand = r.technology, r.quality, r.brand
    return {
        "sections": [
            {"key": f"{part}_{section}", "part": part_title, "title": title}
            for (part, section), part_title, title in SUBSECTIONS
        ],
        "comparisons": [_comparison(c) for c in tech.advancement.comparisons],
        "science_awards": [_award(a) for a in tech.advancement.science_awards],
        "digital_technologies": "、".join(tech.innovation.digital_technologies) or DASH,
        "design_awards": [_award(a) for a in tech.innovation.design_awards],
        "chain_position": tech.leadership.chain_position or DASH,
        "reliability_indicators": [_comparison(c) for c in quality.reliability.indicators],
        "quality_metrics": _metrics(quality.reliability.metrics),
        "green": "、".join(quality.safety.green) or DASH,
        "inspections": [
            i.model_dump() | {"year": str(i.year)} for i in quality.management.inspections
        ],
        "own_brand": YES_NO[brand.building.own_brand],
        "trademarks": [
            {"name": t.name, "number": t.number or DASH} for t in brand.building.trademarks
        ],
        "customers": [
            {"name": c.name, "since": str(c.since or DASH), "scope": c.scope or DASH}
            for c in brand.reputation.customers
        ],
        "peer_profit_margin": percent_or_dash(brand.market_share.peer_profit_margin),
    }


def _evidence(app: Application, base_dir: Path | None) -> list[dict[str, str]]:
    """The evidence list with the first 12 hex of each file's SHA-256: what was uploaded."""
    return [
        {
            "id": e.id,
            "kind": e.kind.label,
            "title": e.title,
            "file": e.file,
            "sha12": (digest or DASH)[:12],  # missing/outside: validate has said so
        }
        for e in app.evidence
        for digest in [evidence_sha256(base_dir, e.file) if base_dir else None]
    ]


def _finding_row(finding: Finding) -> dict[str, str]:
    return {
        "code": finding.code,
        "path": finding.path,
        "line": str(finding.line or DASH),
        "message": finding.message("zh"),
        "clause": finding.clause or DASH,
    }


def section_texts(app: Application) -> dict[str, str]:
    """The Markdown of the eleven subsections, keyed 'technology_advancement' etc."""
    return {
        f"{part}_{section}": getattr(getattr(app.report, part), section).text
        for (part, section), _, _ in SUBSECTIONS
    }
