"""The report book's eleven subsections: the tables beside each narrative, and the
sentences the book adds from the fields.

Generated sentences (docs/templates.md lists them) say what a field says, and only when
it says something in the enterprise's favour: an empty list, a "no", 质量标杆 none add
nothing, rather than a line like "质量标杆：无" in a document meant for reviewers.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from reportgen.context import types
from reportgen.context.words import DASH, YES_NO, joined, sentence
from reportgen.model import SUBSECTIONS, Application, HonorKind, QualityBenchmark
from reportgen.model.common import Award
from reportgen.model.figures import as_entered, as_written
from reportgen.model.report import Better, Comparison, QualityMetrics


def report(app: Application) -> types.Report:
    r = app.report
    tech, quality, brand = r.technology, r.quality, r.brand
    return types.Report(
        sections=tuple(
            types.Section(f"{part}_{section}", part_title, title)
            for (part, section), part_title, title in SUBSECTIONS
        ),
        comparisons=tuple(_comparison(c) for c in tech.advancement.comparisons),
        science_awards=tuple(award(a) for a in tech.advancement.science_awards),
        digital_technologies=joined(tech.innovation.digital_technologies) or DASH,
        design_awards=tuple(award(a) for a in tech.innovation.design_awards),
        chain_position=tech.leadership.chain_position or DASH,
        reliability_indicators=tuple(_comparison(c) for c in quality.reliability.indicators),
        quality_metrics=_metrics(quality.reliability.metrics),
        green=joined(quality.safety.green) or DASH,
        inspections=tuple(
            types.Inspection(str(i.year), i.authority, i.result)
            for i in quality.management.inspections
        ),
        own_brand=YES_NO[brand.building.own_brand],
        trademarks=tuple(
            types.Trademark(t.name, t.number or DASH) for t in brand.building.trademarks
        ),
        customers=tuple(
            types.Customer(c.name, str(c.since or DASH), c.scope or DASH)
            for c in brand.reputation.customers
        ),
        peer_profit_margin=DASH
        if brand.market_share.peer_profit_margin is None
        else as_entered(brand.market_share.peer_profit_margin) + "%",
    )


def award(item: Award) -> types.Award:
    return types.Award(
        name=item.name,
        level=item.level or DASH,
        rank=item.rank or DASH,
        year=str(item.year or DASH),
    )


def generated(app: Application) -> Mapping[str, tuple[str, ...]]:
    """The sentences each subsection gets from the fields, after its narrative."""
    ent, product, report = app.enterprise, app.product, app.report
    out: dict[str, list[str]] = {f"{p}_{s}": [] for (p, s), _, _ in SUBSECTIONS}
    if product.core_technologies:
        out["technology_advancement"].append(
            sentence(f"产品拥有的核心技术：{joined(product.core_technologies)}")
        )
    if report.technology.innovation.digital_technologies:
        technologies = joined(report.technology.innovation.digital_technologies)
        out["technology_innovation"].append(
            sentence(f"研发设计和生产制造应用的先进制造技术和数字技术：{technologies}")
        )
    leadership = out["technology_leadership"]
    if report.technology.leadership.chain_position:
        leadership.append(
            sentence(f"产品在产业链中的地位：{report.technology.leadership.chain_position}")
        )
    if product.strategic_roles:
        roles = "".join(f"“{role}”" for role in product.strategic_roles)
        leadership.append(sentence(f"产品属于{roles}关键核心技术产品"))
    if report.quality.safety.green:
        out["quality_safety"].append(
            sentence(f"绿色设计和绿色制造：{joined(report.quality.safety.green)}")
        )
    management, quality = out["quality_management"], ent.quality
    if quality.certifications:
        management.append(sentence(f"企业通过的管理体系认证：{joined(quality.certifications)}"))
    if quality.capability_evaluated:
        management.append("企业已完成制造业企业质量管理能力评价。")
    if quality.benchmark is not QualityBenchmark.none:
        management.append(sentence(f"企业列入{quality.benchmark.label}企业"))
    if report.brand.building.own_brand:
        marks = "".join(f"“{t.name}”" for t in report.brand.building.trademarks)
        out["brand_building"].append(
            sentence(f"产品使用企业自主品牌{marks}" if marks else "产品为企业自主品牌")
        )
    enterprise = out["competitiveness_enterprise"]
    institution = ent.rd_institution
    level = f"（{institution.level.strip()}）" if institution.level else ""
    enterprise.append(sentence(f"企业研发机构：{institution.name.strip()}{level}"))
    titles = [
        h.kind.label + (f"（{h.year}年认定）" if h.year else "")
        for h in ent.honors
        if h.kind in (HonorKind.little_giant, HonorKind.single_champion)
    ]
    if titles:
        enterprise.append(sentence(f"企业为{joined(titles)}"))
    return {key: tuple(sentences) for key, sentences in out.items()}


def _comparison(row: Comparison) -> types.ComparisonRow:
    ours_better = peer_better = False
    numeric = isinstance(row.ours, Decimal) and isinstance(row.peer, Decimal)
    if numeric and row.better and row.ours != row.peer:
        higher = row.better is Better.higher_is_better
        ours_better = (row.ours > row.peer) == higher  # type: ignore[operator]
        peer_better = not ours_better
    return types.ComparisonRow(
        indicator=row.indicator,
        unit=row.unit or DASH,
        ours=_as_written(row.ours),
        peer=_as_written(row.peer),
        peer_name=row.peer_name or "行业同类产品",
        better=row.better.label if row.better else DASH,
        ours_better=ours_better,
        peer_better=peer_better,
        # the better side carries a mark, so it shows in black and white print too
        ours_mark="（优）" if ours_better else "",
        peer_mark="（优）" if peer_better else "",
    )


def _as_written(value: Decimal | str) -> str:
    return as_written(value) if isinstance(value, Decimal) else value


_METRICS = (
    ("sampling_pass_rate", "抽检合格率", True),
    ("scrap_rate", "废品率", False),
    ("repair_rate", "返修率", False),
)


def _metrics(metrics: QualityMetrics) -> tuple[types.QualityMetricRow, ...]:
    out = []
    for field, label, higher in _METRICS:
        metric = getattr(metrics, field)
        if metric is None:
            continue
        ours_better = metric.ours > metric.industry if higher else metric.ours < metric.industry
        out.append(
            types.QualityMetricRow(
                indicator=label,
                ours=as_written(metric.ours) + "%",
                industry=as_written(metric.industry) + "%",
                better="越高越好" if higher else "越低越好",
                ours_better=ours_better,
                ours_mark="（优）" if ours_better else "",
            )
        )
    return tuple(out)
