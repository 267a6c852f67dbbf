"""reportgen: 浙江制造精品 applications checked and turned into submission-ready documents.

The library does everything the CLI does:

    import reportgen
    result = reportgen.check_file("clients/a/application.yaml")
    for finding in result.findings:
        print(finding.severity, finding.path, finding.line, finding.message())
    policies = reportgen.Policies.including(["zj-2027.yaml"])  # a call not built in
    result = reportgen.check_file("clients/b/application.yaml", policies=policies)
    with reportgen.ConverterPool() as pool:
        reportgen.render(result, Path("out"), converter=pool)   # .docx, .pdf, manifest
    summary = reportgen.build_batch(["clients/"], Path("out"))  # every client, in parallel
    reportgen.check_templates(Path("我的模板")).problems         # a consultant's templates

Names are imported lazily, so `import reportgen` (and `reportgen --help`) stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
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
    "read_policy": "reportgen.policy",
    "Policies": "reportgen.policy",
    "PolicyError": "reportgen.errors",
    "application_schema": "reportgen.model.schema",
    "build_context": "reportgen.context",
    "Context": "reportgen.context",
    "render": "reportgen.render",
    "Output": "reportgen.render.manifest",
    "RenderRefused": "reportgen.errors",
    "export_templates": "reportgen.render.own_templates",
    "check_templates": "reportgen.render.own_templates",
    "convert": "reportgen.convert",
    "ConverterPool": "reportgen.convert",
    "Conversion": "reportgen.convert",
    "build_batch": "reportgen.batch",
    "Summary": "reportgen.batch",
    "Progress": "reportgen.batch",
    "BatchInterrupted": "reportgen.errors",
    "ReportgenError": "reportgen.errors",
    "InputError": "reportgen.errors",
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
    "read_policy",
    "Policies",
    "application_schema",
    "build_context",
    "Context",
    "render",
    "Output",
    "RenderRefused",
    "export_templates",
    "check_templates",
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
    from reportgen.context import Context, build_context
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
    from reportgen.policy import Policies, Policy, load_policy, read_policy
    from reportgen.render import render
    from reportgen.render.manifest import Output
    from reportgen.render.own_templates import check_templates, export_templates
    from reportgen.source import Source, load


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def callable_stage(module_name: str, entry: Callable[..., Any]) -> None:
    """Make the package `module_name` callable as its entry point `entry`.

    `reportgen.render` and `reportgen.convert` name both a stage's package and the
    API's function. Once the package is imported, Python sets it as the attribute
    `reportgen.render`, hiding the function; a package that can be called as the
    function keeps `reportgen.render(checked, out)` working either way."""
    import sys
    import types

    class _Stage(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return entry(*args, **kwargs)

    sys.modules[module_name].__class__ = _Stage
