"""reportgen: 浙江制造精品 applications checked and turned into submission-ready documents.

The library does everything the CLI does:

    import reportgen
    result = reportgen.check_file("clients/a/application.yaml")
    for finding in result.findings:
        print(finding.severity, finding.path, finding.line, finding.message())
    with reportgen.ConverterPool() as pool:
        reportgen.render(result, Path("out"), converter=pool)   # .docx, .pdf, manifest
    summary = reportgen.build_batch(["clients/"], Path("out"))  # every client, in parallel

Names are imported lazily, so `import reportgen` (and `reportgen --help`) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

_API = {
    "load": "reportgen.source",
    "Source": "reportgen.source",
    "parse": "reportgen.model",
    "InvalidApplication": "reportgen.errors",
    "check": "reportgen.checks",
    "check_file": "reportgen.checks",
    "check_bytes": "reportgen.checks",
    "check_data": "reportgen.checks",
    "Checked": "reportgen.checks",
    "Deciding": "reportgen.checks",
    "Finding": "reportgen.findings",
    "Application": "reportgen.model",
    "Policy": "reportgen.policy",
    "load_policy": "reportgen.policy",
    "application_schema": "reportgen.model.schema",
    "render": "reportgen.render",
    "Output": "reportgen.render.manifest",
    "RenderRefused": "reportgen.errors",
    "convert": "reportgen.convert",
    "ConverterPool": "reportgen.convert",
    "Conversion": "reportgen.convert",
    "build_batch": "reportgen.batch",
    "Summary": "reportgen.batch",
    "Progress": "reportgen.batch",
    "BatchInterrupted": "reportgen.errors",
    "ReportgenError": "reportgen.errors",
    "InputError": "reportgen.errors",
    "PolicyError": "reportgen.errors",
    "RenderError": "reportgen.errors",
    "ConversionError": "reportgen.errors",
}

__all__ = [  # noqa: RUF022 — grouped by pipeline stage, like _API
    "__version__",
    "load",
    "Source",
    "parse",
    "InvalidApplication",
    "check",
    "check_file",
    "check_bytes",
    "check_data",
    "Checked",
    "Deciding",
    "Finding",
    "Application",
    "Policy",
    "load_policy",
    "application_schema",
    "render",
    "Output",
    "RenderRefused",
    "convert",
    "ConverterPool",
    "Conversion",
    "build_batch",
    "Summary",
    "Progress",
    "BatchInterrupted",
    "ReportgenError",
    "InputError",
    "PolicyError",
    "RenderError",
    "ConversionError",
]

if TYPE_CHECKING:
    from reportgen.batch import Progress, Summary, build_batch
    from reportgen.checks import Checked, Deciding, check, check_bytes, check_data, check_file
    from reportgen.convert import Conversion, ConverterPool, convert
    from reportgen.errors import (
        BatchInterrupted,
        ConversionError,
        InputError,
        InvalidApplication,
        PolicyError,
        RenderError,
        RenderRefused,
        ReportgenError,
    )
    from reportgen.findings import Finding
    from reportgen.model import Application, parse
    from reportgen.model.schema import application_schema
    from reportgen.policy import Policy, load_policy
    from reportgen.render import render
    from reportgen.render.manifest import Output
    from reportgen.source import Source, load


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
