"""The check stage. Application + Policy → findings: every rule of the call, evidence,
completeness. Entry points: `check_file(path)`, `check_bytes(raw, …)`, `check_data(mapping,
…)` (load → parse → check, never raising for what a user wrote), and `check(app, policy,
source)` for an application already parsed.

One module per group of rules; each has `check(app, out)` and knows only its rules.
"""

from __future__ import annotations

from reportgen.checks import (
    characters,
    completeness,
    consistency,
    eligibility,
    evidence,
    financials,
    leftovers,
    pictures,
    plausibility,
)
from reportgen.checks.base import Collector
from reportgen.checks.financials import Deciding
from reportgen.findings import Finding
from reportgen.model import Application
from reportgen.policy import Policy
from reportgen.source import Source

GROUPS = (
    eligibility,
    financials,
    plausibility,
    evidence,
    completeness,
    pictures,
    consistency,
    leftovers,
    characters,
)


def check(app: Application, policy: Policy, source: Source) -> tuple[list[Finding], Deciding]:
    """The findings, and the figures the sales and R&D rules were decided on (computed
    here once; the context, the check report, batch and staff show these)."""
    decided = financials.deciding(app, policy)
    out = Collector(source, policy, decided)
    for group in GROUPS:
        group.check(app, out)
    return out.findings, decided


# the stage's entry point for a file or data in memory: load → parse → check
from reportgen.checks.validation import (  # noqa: E402
    Checked,
    check_bytes,
    check_data,
    check_file,
    check_source,
)

__all__ = [
    "Checked",
    "Deciding",
    "check",
    "check_bytes",
    "check_data",
    "check_file",
    "check_source",
]
