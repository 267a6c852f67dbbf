"""What every group of checks shares: a collector that places findings in the file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reportgen.findings import Finding, Loc, Severity, format_path
from reportgen.policy import Policy, RuleKey
from reportgen.source import Source

if TYPE_CHECKING:
    from reportgen.checks.financials import Deciding


class Collector:
    """Gathers findings; gives each the line of its path and the clause of its rule."""

    def __init__(self, source: Source, policy: Policy, decided: Deciding | None = None) -> None:
        self.source = source
        self.policy = policy
        # the sales and R&D tests, computed once for every user (staff lists have none)
        self.decided = decided
        self.findings: list[Finding] = []

    def add(
        self, code: str, severity: Severity, loc: Loc, rule: RuleKey | None = None, **params: Any
    ) -> None:
        line, column = self.source.locate(loc)
        clause = self.policy.clause(rule) if rule else None
        path = format_path(loc)
        params.setdefault("path", path)  # English messages name the field by its path
        self.findings.append(Finding(code, severity, path, params, clause, line, column))

    def error(self, code: str, loc: Loc, rule: RuleKey | None = None, **params: Any) -> None:
        self.add(code, "error", loc, rule, **params)

    def warning(self, code: str, loc: Loc, rule: RuleKey | None = None, **params: Any) -> None:
        self.add(code, "warning", loc, rule, **params)

    def info(self, code: str, loc: Loc, rule: RuleKey | None = None, **params: Any) -> None:
        self.add(code, "info", loc, rule, **params)


def suggest(word: str, choices: list[str]) -> str:
    """The closest choice, for "did you mean …", or ''."""
    import difflib

    return next(iter(difflib.get_close_matches(word, choices, n=1, cutoff=0.5)), "")


def strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string of a file's data as written, with where it is: also strings of keys
    the models do not know or do not keep."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*loc, index))
