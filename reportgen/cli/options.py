"""Options and exit codes shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reportgen.cli.i18n import current_lang, set_lang, words
from reportgen.convert.fonts import FONTS_VARIABLE
from reportgen.messages import default_lang

if TYPE_CHECKING:
    from reportgen.policy import Policies

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

_LANG_KEY = "reportgen.lang"
PDFA_HELP = words("help.option.pdfa")
NO_PDF_HELP = words("help.option.no_pdf")
DRAFT_HELP = words("help.option.draft")


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG_KEY] = value  # so errors raised later speak the same language
    set_lang(value)  # and click's own words (usage errors, help) too
    return value


def lang_option(command: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=current_lang,  # the group's --lang, or REPORTGEN_LANG
        callback=_remember_lang,
        is_eager=True,
        show_default=words("help.option.lang_default"),
        help=words("help.option.lang"),
    )(command)


def out_dir_option(help_text: Any, *, required: bool = False) -> Callable[[F], F]:
    """-o/--output OUTDIR, passed as `out_dir`."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False, path_type=str),
        required=required,
        help=help_text,
    )


def template_dir_option(command: F) -> F:
    return click.option(
        "--template-dir",
        type=click.Path(exists=True, file_okay=False, path_type=str),
        help=words("help.option.template_dir"),
    )(command)


def fonts_option(command: F) -> F:
    """--fonts DIR, passed as `fonts` (a Path or None) to the converter and doctor."""
    return click.option(
        "--fonts",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar=FONTS_VARIABLE,
        help=words("help.option.fonts"),
    )(command)


def lang_of(ctx: click.Context) -> str:
    return str(ctx.meta.get(_LANG_KEY, default_lang()))


def policy_option(command: F) -> F:
    """--policy FILE (repeatable), passed as `policy`; policies() reads the files."""
    return click.option(
        "--policy",
        "policy",
        multiple=True,
        metavar="FILE",
        # not click.Path(exists=True): a missing file is an input error (exit 1) like a
        # broken one, named by PolicyError, not a usage error
        help=words("help.option.policy"),
    )(command)


def policies(files: tuple[str, ...]) -> Policies:
    """The calls the command knows: the built-in ones and `files`, read and checked now
    (a bad file is a PolicyError: exit 1 before any application is looked at)."""
    from reportgen.policy import BUILTIN, Policies

    return Policies.including(files) if files else BUILTIN
