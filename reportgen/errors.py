"""Errors a user can cause, kept apart from bugs.

Everything a user can get wrong (a file, a flag, a template) raises a subclass of
`ReportgenError`; the CLI turns those into one clear line and an exit code. Any other
exception is a bug in reportgen and is allowed to surface as one.
"""

from __future__ import annotations

import errno
from typing import Any


class ReportgenError(Exception):
    """A failure with a message meant for the user. `exit_code` follows CLI.md."""

    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def message(self, lang: str = "zh") -> str:
        from reportgen.messages import render

        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.message()


class InputError(ReportgenError):
    """The input file itself is wrong: unreadable, malformed, unsafe. Knows where."""

    def __init__(
        self,
        code: str,
        *,
        path: str = "",
        line: int | None = None,
        column: int | None = None,
        **params: Any,
    ) -> None:
        super().__init__(code, **params)
        self.path = path
        self.line = line
        self.column = column


class PolicyError(ReportgenError):
    """A policy file (one per call) is missing or does not match the Policy model."""


class RenderError(ReportgenError):
    """Producing output failed although the input was fine (template, disk)."""

    exit_code = 3


class ConversionError(RenderError):
    """LibreOffice could not turn a document into PDF."""


class SameTarget(ReportgenError):
    """Several documents would be converted into one PDF file."""

    def __init__(self, files: list[str]) -> None:
        super().__init__("convert_same_target", files=files)


def os_reason(exc: OSError | ValueError) -> dict[str, Any]:
    """Why the system refused, as message params: the system's words (English) and the
    error's name, which the messages turn into the reader's language."""
    if isinstance(exc, OSError):
        name = getattr(exc, "code", None) or errno.errorcode.get(exc.errno or 0, "")
        return {"reason": exc.strerror or str(exc), "errno": name}
    return {"reason": str(exc), "errno": ""}


def bug_line(exc: BaseException) -> str:
    """A bug in one line ("KeyError: 'x'"), what a user can quote when reporting it;
    the traceback too with REPORTGEN_DEBUG set, for whoever fixes it."""
    import os

    if os.environ.get("REPORTGEN_DEBUG"):
        import traceback

        return "".join(traceback.format_exception(exc)).rstrip()
    return f"{type(exc).__name__}: {exc}"
