"""Errors a user can cause, kept apart from bugs: every one of them is here.

Everything a user can get wrong (a file, a flag, a template) raises a subclass of
`ReportgenError`; the CLI turns those into one clear line and an exit code. Two more
kinds a user causes are here too: Ctrl-C during a batch (`BatchInterrupted`, a
KeyboardInterrupt so that it unwinds like one) and the reasons a file is refused
(`NotRegularFile`, `FileTooLarge`: OSErrors, so every reader handles them where it
handles the system's own refusals). Any other exception is a bug in reportgen and is
allowed to surface as one.

Exceptions defined elsewhere are internal signals that never leave their package, each
said so where it is defined: lenient.py's `_Refused` (becomes a finding), the sandbox's
`TemplateLimit`/`TemplateTimeout` (become RenderError), the office's `OfficeFailure`
(retried, then ConversionError), the UNO bridge's `Unreadable` (runs inside
LibreOffice's Python, which cannot import reportgen).
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.batch.summary import Summary
    from reportgen.findings import Finding


class ReportgenError(Exception):
    """A failure with a message meant for the user. `exit_code` follows CLI.md."""

    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def message(self, lang: str = "zh") -> str:
        from reportgen.messages import text

        return text(self.code, lang, **self.params)

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


class InvalidApplication(ReportgenError):
    """The file does not follow the application format; `findings` say where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("invalid_application", count=len(findings))
        self.findings = findings


class PolicyError(ReportgenError):
    """A policy file (one per call) is missing or does not match the Policy model."""


class RenderError(ReportgenError):
    """Producing output failed although the input was fine (template, disk)."""

    exit_code = 3


class RenderRefused(ReportgenError):
    """The application has errors and no draft was asked for: nothing final is written."""

    def __init__(self, errors: int) -> None:
        super().__init__("render_refused", errors=errors)


class ConversionError(RenderError):
    """LibreOffice could not turn a document into PDF."""


class NotInWorkspace(ReportgenError):
    """A name from a browser's request that is not an application or file of the
    workspace (`..`, an absolute path, a symlink out): the page answers 404."""

    def __init__(self, name: str) -> None:
        super().__init__("web_not_in_workspace", name=name)


class SaveConflict(ReportgenError):
    """The file changed on disk since the page loaded it: not overwritten."""

    def __init__(self, file: str) -> None:
        super().__init__("web_conflict", file=file)


class AccountError(ReportgenError):
    """A `reportgen users` request that cannot be done: a name taken or unknown, a folder
    not in the workspace, a password too short, a database that cannot be opened."""


class SameTarget(ReportgenError):
    """Several documents would be converted into one PDF file."""

    def __init__(self, files: list[str]) -> None:
        super().__init__("convert_same_target", files=files)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the finished applications are in place and summarised in
    `summary`. A KeyboardInterrupt, so code that does not know batch unwinds as for any
    Ctrl-C (the CLI exits 130)."""

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary


class NotRegularFile(OSError):
    """A device, FIFO or socket where a file was expected: never read (/dev/zero never
    ends, a FIFO waits for a writer)."""

    code = "NOTREG"  # os_reason: the reason in the reader's language


class FileTooLarge(OSError):
    """A file beyond the size its reader allows."""

    code = "TOOLARGE"


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
