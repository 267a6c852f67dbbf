"""Application + Policy → findings: every rule of the call, evidence, completeness.

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
    plausibility,
)
from reportgen.checks.base import Collector
from reportgen.findings import Finding
from reportgen.loading import Source
from reportgen.model import Application
from reportgen.policy import Policy

GROUPS = (
    eligibility,
    financials,
    plausibility,
    evidence,
    completeness,
    consistency,
    leftovers,
    characters,
)


def check(app: Application, policy: Policy, source: Source) -> list[Finding]:
    out = Collector(source, policy)
    for group in GROUPS:
        group.check(app, out)
    return out.findings
