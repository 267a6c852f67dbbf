"""The report book's eleven subsections: the tables beside each narrative, and the
sentences the book adds from the fields.

Generated sentences (docs/templates.md lists them) say what a field says, and only when
it says something in the enterprise's favour: an empty list, a "no", 质量标杆 none add
nothing, rather than a line like "质量标杆：无" in a document meant for reviewers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from reportgen.context import types
from reportgen.context.words import DASH, YES_NO, joined, phrase, sentence
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
        items = joined(product.core_technologies)
        out["technology_advancement"].append(_said("core_technologies", items=items))
    if report.technology.innovation.digital_technologies:
        items = joined(report.technology.innovation.digital_technologies)
        out["technology_innovation"].append(_said("digital_technologies", items=items))
    leadership = out["technology_leadership"]
    if report.technology.leadership.chain_position:
        position = report.technology.leadership.chain_position
        leadership.append(_said("chain_position", position=position))
    if product.strategic_roles:
        leadership.append(_said("strategic_roles", roles=_quoted(product.strategic_roles)))
    if report.quality.safety.green:
        items = joined(report.quality.safety.green)
        out["quality_safety"].append(_said("green", items=items))
    management, quality = out["quality_management"], ent.quality
    if quality.certifications:
        management.append(_said("certifications", items=joined(quality.certifications)))
    if quality.capability_evaluated:
        management.append(_said("capability_evaluated"))
    if quality.benchmark is not QualityBenchmark.none:
        management.append(_said("benchmark", benchmark=quality.benchmark.label))
    if report.brand.building.own_brand:
        marks = _quoted([t.name for t in report.brand.building.trademarks])
        named = _said("own_brand_named", marks=marks) if marks else _said("own_brand")
        out["brand_building"].append(named)
    enterprise = out["competitiveness_enterprise"]
    institution = ent.rd_institution
    level = phrase("doc.level", level=institution.level.strip()) if institution.level else ""
    enterprise.append(_said("rd_institution", name=institution.name.strip(), level=level))
    titles = [
        phrase("doc.honor_year", honor=h.kind.label, year=h.year) if h.year else h.kind.label
        for h in ent.honors
        if h.kind in (HonorKind.little_giant, HonorKind.single_champion)
    ]
    if titles:
        enterprise.append(_said("honors", titles=joined(titles)))
    return {key: tuple(sentences) for key, sentences in out.items()}


def _said(name: str, /, **params: Any) -> str:
    """One generated sentence (doc.sentence.<name>), ending with one 。."""
    return sentence(phrase(f"doc.sentence.{name}", **params))


def _quoted(names: Sequence[str]) -> str:
    """'“A”“B”': names quoted one after the other, as the book writes them."""
    return "".join(phrase("doc.quoted", text=name) for name in names)


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
        peer_name=row.peer_name or phrase("doc.peer_default"),
        better=row.better.label if row.better else DASH,
        ours_better=ours_better,
        peer_better=peer_better,
        # the better side carries a mark, so it shows in black and white print too
        ours_mark=phrase("doc.better_mark") if ours_better else "",
        peer_mark=phrase("doc.better_mark") if peer_better else "",
    )


def _as_written(value: Decimal | str) -> str:
    return as_written(value) if isinstance(value, Decimal) else value


# each metric and whether higher is better; its name is the message doc.metric.<field>
_METRICS = (("sampling_pass_rate", True), ("scrap_rate", False), ("repair_rate", False))


def _metrics(metrics: QualityMetrics) -> tuple[types.QualityMetricRow, ...]:
    out = []
    for field, higher in _METRICS:
        metric = getattr(metrics, field)
        if metric is None:
            continue
        ours_better = metric.ours > metric.industry if higher else metric.ours < metric.industry
        out.append(
            types.QualityMetricRow(
                indicator=phrase(f"doc.metric.{field}"),
                ours=as_written(metric.ours) + "%",
                industry=as_written(metric.industry) + "%",
                better=phrase(
                    "doc.metric.higher_is_better" if higher else "doc.metric.lower_is_better"
                ),
                ours_better=ours_better,
                ours_mark=phrase("doc.better_mark") if ours_better else "",
            )
        )
    return tuple(out)
