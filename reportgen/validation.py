"""load → parse → check for one file, never raising for anything the user wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.checks import check
from reportgen.errors import InputError, PolicyError
from reportgen.findings import Finding, has_errors, sort_findings
from reportgen.loading import Format, Source, load, load_bytes
from reportgen.model import Application
from reportgen.parsing import InvalidApplication, parse
from reportgen.policy import Policy, load_policy


@dataclass
class Checked:
    """One file after checking: what could be read of it, and every finding."""

    file: str
    source: Source | None = None
    application: Application | None = None
    policy: Policy | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)


def check_file(file: str | Path, *, stdin: Any = None) -> Checked:
    """Load, parse and check one file (`"-"`: standard input)."""
    try:
        source = load(file, stdin=stdin)
    except InputError as exc:
        return Checked(str(file), findings=[input_finding(exc)])
    return check_source(source)


def check_bytes(raw: bytes, *, name: str, base_dir: Path, format: Format | None = None) -> Checked:
    """Load, parse and check a file's content (a browser's upload, a test's text)."""
    try:
        source = load_bytes(raw, name=name, base_dir=base_dir, format=format)
    except InputError as exc:
        return Checked(name, findings=[input_finding(exc)])
    return check_source(source)


def check_source(source: Source) -> Checked:
    result = Checked(source.name, source)
    try:
        result.application = app = parse(source)
    except InvalidApplication as exc:
        result.findings = sort_findings(source.findings + exc.findings)
        return result
    findings = list(source.findings)  # what loading and parsing noticed
    try:
        result.policy = policy = load_policy(app.call)
    except PolicyError as exc:
        findings.append(policy_finding(exc, source))
    else:
        findings += check(app, policy, source)
    result.findings = sort_findings(findings)
    return result


def input_finding(exc: InputError) -> Finding:
    return Finding(exc.code, "error", exc.path, exc.params, None, exc.line, exc.column)


def policy_finding(exc: PolicyError, source: Source) -> Finding:
    """An unknown call (or a broken policy file), reported at the file's `call` key."""
    line, column = source.locate(("call",))
    return Finding(exc.code, "error", "call", exc.params, None, line, column)
