"""The report book's outline (附件2-1): eleven subsections, each with substance, in a
shape a page can show (quotes and lists nested at most MAX_NESTING deep)."""

from __future__ import annotations

import re

from reportgen.checks.base import Collector
from reportgen.checks.leftovers import is_prompt
from reportgen.messages import Named
from reportgen.model import SUBSECTIONS, Application

MAX_NESTING = 8  # an official document nests lists two deep; 1,000 `>` would crash pandoc's
_QUOTES = re.compile(r"^(?:[ \t]*>)+", re.M)
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]", re.M)


def nesting(text: str) -> int:
    """How deep quotes (> > >) or list items (by their indent of 2 spaces a level) nest."""
    quotes = max((m.group().count(">") for m in _QUOTES.finditer(text)), default=0)
    indents = [len(m.group(1).expandtabs(4)) for m in _LIST_ITEM.finditer(text)]
    return max(quotes, max((i // 2 + 1 for i in indents), default=0))


def check(app: Application, out: Collector) -> None:
    minimum = out.policy.section_min_chars
    for (part, section), part_title, section_title in SUBSECTIONS:
        text = getattr(getattr(app.report, part), section).text
        chars = len("".join(text.split()))
        loc = ("report", part, section, "text")
        # the outline's heading; the subsection's key for an English reader
        heading = Named(f"{part_title}{section_title}", f"report.{part}.{section}")
        if chars == 0:
            out.error("section_missing", loc, "outline", heading=heading)
        elif chars < minimum and not is_prompt(text):  # a prompt left is an error already
            out.warning(
                "section_short", loc, "outline", heading=heading, chars=chars, minimum=minimum
            )
        if (depth := nesting(text)) > MAX_NESTING:
            out.error("text_nesting", loc, heading=heading, depth=depth, limit=MAX_NESTING)
    report = app.report
    if report.unplaced and report.unplaced.strip():  # an import's leftovers, not yet placed
        chars = len("".join(report.unplaced.split()))
        out.warning("unplaced_text", ("report", "unplaced"), chars=chars)
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
