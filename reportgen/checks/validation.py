"""load → parse → check for one file or data in memory, never raising for anything the
user wrote."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.checks import check
from reportgen.checks.financials import Deciding
from reportgen.errors import InputError, PolicyError
from reportgen.findings import Finding, has_errors, sort_findings
from reportgen.model import Application
from reportgen.model.parsing import InvalidApplication, parse
from reportgen.policy import BUILTIN, Policies, Policy
from reportgen.source import Format, Source, load, load_bytes


@dataclass
class Checked:
    """One file after checking: what could be read of it, and every finding."""

    file: str
    source: Source | None = None
    application: Application | None = None
    policy: Policy | None = None
    findings: list[Finding] = field(default_factory=list)
    # the figures the sales and R&D rules were decided on, when the call is known
    deciding: Deciding | None = None

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)


def check_file(file: str | Path, *, stdin: Any = None, policies: Policies = BUILTIN) -> Checked:
    """Load, parse and check one file (`"-"`: standard input). `policies`: the calls
    its `call` may name (Policies.including(files) adds a user's policy files)."""
    try:
        source = load(file, stdin=stdin)
    except InputError as exc:
        return Checked(str(file), findings=[input_finding(exc)])
    return check_source(source, policies)


def check_bytes(
    raw: bytes,
    *,
    name: str,
    base_dir: Path,
    format: Format | None = None,
    policies: Policies = BUILTIN,
) -> Checked:
    """Load, parse and check a file's content (a browser's upload, a test's text)."""
    try:
        source = load_bytes(raw, name=name, base_dir=base_dir, format=format)
    except InputError as exc:
        return Checked(name, findings=[input_finding(exc)])
    return check_source(source, policies)


def check_data(
    data: Mapping[str, Any], *, name: str, base_dir: Path, policies: Policies = BUILTIN
) -> Checked:
    """Check data already in memory (a form's fields), as if it were a file `name` in
    `base_dir` (evidence is found there). It is read as JSON would be, so what a form
    holds is checked exactly as the same values in a file; there are no lines to cite."""
    import json

    try:
        raw = json.dumps(data, ensure_ascii=False, default=str).encode()
    except (TypeError, ValueError) as exc:  # keys that are not strings, cycles
        raise ValueError(f"data is not a JSON-like mapping: {exc}") from exc
    return check_bytes(raw, name=name, base_dir=base_dir, format="json", policies=policies)


def check_source(source: Source, policies: Policies = BUILTIN) -> Checked:
    result = Checked(source.name, source)
    try:
        result.application = app = parse(source)
    except InvalidApplication as exc:
        result.findings = sort_findings(source.findings + exc.findings)
        return result
    findings = list(source.findings)  # what loading and parsing noticed
    try:
        result.policy = policy = policies.get(app.call)
    except PolicyError as exc:
        findings.append(policy_finding(exc, source))
    else:
        found, result.deciding = check(app, policy, source)
        findings += found
    result.findings = sort_findings(findings)
    return result


def input_finding(exc: InputError) -> Finding:
    return Finding(exc.code, "error", exc.path, exc.params, None, exc.line, exc.column)


def policy_finding(exc: PolicyError, source: Source) -> Finding:
    """An unknown call (or a broken policy file), reported at the file's `call` key."""
    line, column = source.locate(("call",))
    return Finding(exc.code, "error", "call", exc.params, None, line, column)
