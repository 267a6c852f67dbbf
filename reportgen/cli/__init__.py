"""The `reportgen` command: parses arguments, calls the library, prints. Nothing more.

One module per group of commands (applications, documents, batch); this one holds the
group, turns errors into exit codes and registers them. Only click is imported at
start; each command imports what it needs, so `--help` answers at once. Exit codes
follow CLI.md: 0 done, 1 input has errors, 2 usage, 3 output failed.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from reportgen import __version__
from reportgen.cli import applications, batch, documents, importing, serve, staff, templates, users
from reportgen.cli.i18n import VERSION_OPTION, Group, interrupted, set_lang, words
from reportgen.cli.options import EXIT_INTERRUPTED, EXIT_OUTPUT, lang_of, lang_option


class _Commands(Group):
    """Turns a user's error into one line and its exit code; a bug into one line too."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        # --lang anywhere on the line holds from the start: for `render --help --lang en`
        # (help is printed before later options are read) and for the group's errors
        words = list(sys.argv[1:] if args is None else args)
        set_lang(_lang_in(words))  # "" : REPORTGEN_LANG, or Chinese
        return super().main(words, *rest, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        from reportgen.errors import ReportgenError

        try:
            return super().invoke(ctx)
        except ReportgenError as exc:
            lang = lang_of(ctx)
            click.echo(f"reportgen: {exc.message(lang)}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:  # before click's own handler, which would exit with 1
            _interrupted()
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("REPORTGEN_DEBUG"):
                raise
            from reportgen.errors import bug_line
            from reportgen.messages import text

            said = text("cli.internal_error", lang_of(ctx), detail=bug_line(exc))
            click.echo(f"reportgen: {said}", err=True)
            ctx.exit(EXIT_OUTPUT)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=words("help.reportgen"),
)
@click.version_option(
    __version__,
    "--version",
    "-V",
    prog_name="reportgen",
    message="%(prog)s %(version)s",
    help=VERSION_OPTION,
)
@lang_option
def cli(lang: str) -> None:
    del lang  # the commands take it too; given here, it holds for the help and errors


for module in (applications, importing, documents, batch, staff, templates, serve, users):
    for command in module.COMMANDS:
        cli.add_command(command)


def _lang_in(words: list[str]) -> str:
    """The last --lang zh|en (or --lang=…) before a lone --, or ""."""
    lang = ""
    for i, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        else:
            continue
        lang = value if value in ("zh", "en") else lang  # a wrong one: click says so
    return lang


def main() -> None:
    # This process loads no pydantic plugins; skipping their discovery (a scan of every
    # installed distribution's entry points) saves ~15 ms of each command's start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # `kill` (SIGTERM) unwinds like Ctrl-C: the LibreOffice processes are stopped and no
    # half-written file stays behind
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="reportgen")
    except KeyboardInterrupt:  # Ctrl-C outside a command (starting, or on the way out)
        _interrupted()


def _interrupted() -> NoReturn:
    """Ctrl-C: exit 130, as shells report it (1 means the input has errors)."""
    click.echo(f"\nreportgen: {interrupted()}", err=True)
    sys.exit(EXIT_INTERRUPTED)


def _terminate(signum: int, _frame: object) -> None:
    sys.exit(128 + signum)
