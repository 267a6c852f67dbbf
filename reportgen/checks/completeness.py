"""The report book's outline (附件2-1): eleven subsections, each with substance."""

from __future__ import annotations

from reportgen.checks.base import Collector
from reportgen.checks.leftovers import is_prompt
from reportgen.model import SUBSECTIONS, Application


def check(app: Application, out: Collector) -> None:
    minimum = out.policy.section_min_chars
    for (part, section), part_title, section_title in SUBSECTIONS:
        text = getattr(getattr(app.report, part), section).text
        chars = len("".join(text.split()))
        loc = ("report", part, section, "text")
        heading = f"{part_title}{section_title}"
        if chars == 0:
            out.error("section_missing", loc, "outline", heading=heading)
        elif chars < minimum and not is_prompt(text):  # a prompt left is an error already
            out.warning(
                "section_short", loc, "outline", heading=heading, chars=chars, minimum=minimum
            )
    report = app.report
    if not report.technology.advancement.comparisons:
        out.warning(
            "no_comparisons", ("report", "technology", "advancement", "comparisons"), "outline"
        )
    metrics = report.quality.reliability.metrics
    if not any((metrics.sampling_pass_rate, metrics.scrap_rate, metrics.repair_rate)):
        out.warning(
            "no_quality_metrics", ("report", "quality", "reliability", "metrics"), "outline"
        )
    if not report.brand.reputation.customers:
        out.warning("no_customers", ("report", "brand", "reputation", "customers"), "outline")
