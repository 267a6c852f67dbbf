"""What a batch worker process does with one application: inspect it, or render it.

Both run in a worker (workers.py) and return plain picklable results; nothing a user
wrote makes them raise. The parent process never loads an application itself, so it
stays small however many it handles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.checks.outline import where
from reportgen.checks.validation import Checked, check_file
from reportgen.findings import Finding, status
from reportgen.messages import text
from reportgen.policy import BUILTIN, Policies
from reportgen.render.manifest import Output


@dataclass(frozen=True)
class Settings:
    draft: bool = False
    template_dir: Path | None = None
    lang: str = "zh"
    policies: Policies = BUILTIN  # read once by the parent; the workers get them pickled


@dataclass
class Row:
    """One application's line in summary.csv/json/md (CLI.md's columns)."""

    source: str
    status: str  # ok | warnings | errors | failed | skipped
    errors: int = 0
    warnings: int = 0
    enterprise: str = ""
    product: str = ""
    category: str = ""
    track: str = ""
    average_sales: Decimal | None = None  # 万元, over the years the sales rule counts
    sales_threshold: Decimal | None = None
    rd_ratio: Decimal | None = None  # percent
    output: str = ""  # folder relative to OUT; "" when nothing was written
    problems: list[str] = field(default_factory=list)  # the errors, or why it failed

    @property
    def name(self) -> str:
        return f"{self.enterprise}-{self.product}" if self.enterprise else self.source


@dataclass
class Inspection:
    """An application checked: its summary row (status ok, warnings or errors), the folder
    name its documents get, and the digest of its inputs (manifest.py)."""

    row: Row
    stem: str | None = None  # '<企业名称>-<产品名称>' when the file could be read
    inputs: str | None = None
    not_application: str | None = None  # why the file is not an application at all


@dataclass
class Rendered:
    """Documents written into a staging folder, or the reason they could not be."""

    row: Row  # as checked now: the file may have changed since phase one
    documents: list[tuple[str, str]] = field(default_factory=list)  # (kind, file name) .docx
    outputs: list[Output] = field(default_factory=list)  # every file written, no manifest
    # what the manifest will say: written by the batch once the PDFs are made
    manifest: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def inspect(path: Path, settings: Settings) -> Inspection:
    """Check one file and summarise it (phase one of a batch)."""
    return _inspection(check_file(path, policies=settings.policies), path, settings)


def render_into(path: Path, staging: Path, settings: Settings) -> Rendered:
    """Check and render one application into `staging` (phase two); no PDFs and no
    manifest here. The inputs digest is render's to compute: the manifest carries it."""
    from reportgen.errors import ReportgenError
    from reportgen.render import render_documents

    checked = check_file(path, policies=settings.policies)
    row = _row(checked, path, settings)
    try:
        rendering = render_documents(
            checked, staging, draft=settings.draft, template_dir=settings.template_dir
        )
    except ReportgenError as exc:
        return Rendered(row, error=exc.message(settings.lang))
    return Rendered(
        row,
        documents=[(o.kind, o.path.name) for o in rendering.documents()],
        outputs=rendering.outputs,
        manifest=rendering.manifest,
    )


def _inspection(checked: Checked, path: Path, settings: Settings) -> Inspection:
    row = _row(checked, path, settings)
    app = checked.application
    if app is None:
        return Inspection(row, not_application=_not_application(checked, settings.lang))
    if checked.policy is None:  # an unknown call: nothing can be rendered
        return Inspection(row)
    from reportgen.errors import ReportgenError
    from reportgen.render import file_stem, template_files
    from reportgen.render.manifest import inputs_sha256

    try:
        inputs = inputs_sha256(checked, template_files(settings.template_dir), draft=settings.draft)
    except ReportgenError as exc:  # a template that cannot be read: this row says so
        row.status, row.problems = "failed", [*row.problems, exc.message(settings.lang)]
        return Inspection(row)
    return Inspection(row, stem=file_stem(app.enterprise.name, app.product.name), inputs=inputs)


def _row(checked: Checked, path: Path, settings: Settings) -> Row:
    """The summary row: counts and problems, and the figures when the file could be read."""
    findings = checked.findings
    errors = [f for f in findings if f.is_error]
    row = Row(
        source=str(path),
        status=status(findings),
        errors=len(errors),
        warnings=_warnings(findings),
        problems=[_problem(f, settings.lang) for f in errors],
    )
    app = checked.application
    if app is None:
        return row
    row.enterprise, row.product = app.enterprise.name, app.product.name
    row.category, row.track = app.product.category.label, app.product.cluster_track
    decided = checked.deciding  # the figures validate's last line shows
    if decided is not None:  # an unknown call has no thresholds to compare with
        row.average_sales, row.sales_threshold = (
            decided.sales.lenient_average,
            decided.sales.threshold,
        )
        row.rd_ratio = decided.rd.overall
    return row


def _warnings(findings: list[Finding]) -> int:
    return sum(f.severity == "warning" for f in findings)


def _problem(finding: Finding, lang: str) -> str:
    return f"{finding.message(lang)}（{where(finding, lang)}）"


def _not_application(checked: Checked, lang: str) -> str | None:
    """Why a file found by name is not an application (CLI.md: reported, not fatal):
    its top level is not a mapping, or it has no format_version. None: it is one."""
    codes = {f.code for f in checked.findings}
    if "not_a_mapping" in codes:
        return next(f.message(lang) for f in checked.findings if f.code == "not_a_mapping")
    if checked.source is not None and "format_version" not in checked.source.data:
        return text("batch.no_format_version", lang)
    return None
