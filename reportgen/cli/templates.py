"""`reportgen templates …`: the built-in Word templates copied out to edit, and checked."""

from __future__ import annotations

import sys

import click

from reportgen.cli.i18n import Group, words
from reportgen.cli.options import EXIT_INPUT, EXIT_OK, lang_option


@click.group(
    cls=Group,
    short_help=words("help.templates.short"),
    help=words("help.templates"),
)
@lang_option
def templates(lang: str) -> None:
    del lang  # as for the top level: the help and errors of the group


@templates.command(
    short_help=words("help.templates.export.short"),
    help=words("help.templates.export"),
)
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--force",
    is_flag=True,
    help=words("help.templates.option.force"),
)
@lang_option
def export(directory: str, force: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.render.own_templates import export_templates

    for path in export_templates(Path(directory), force=force):
        click.echo(text("templates.exported", lang, path=path))
    click.echo(text("templates.next", lang, folder=directory))


@templates.command(
    short_help=words("help.templates.check.short"),
    help=words("help.templates.check"),
)
@click.argument(
    "directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=str)
)
@lang_option
def check(directory: str, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.render.own_templates import check_templates

    result = check_templates(Path(directory))
    for name in result.builtin:
        click.echo(text("templates.builtin", lang, file=name))
    if result.ok:
        files = text("templates.joiner", lang).join(result.checked)
        click.echo(text("templates.ok", lang, folder=directory, files=files))
        sys.exit(EXIT_OK)
    for problem in result.problems:
        click.echo(text("templates.problem", lang, message=problem.message(lang)))
    click.echo(text("templates.failed", lang, folder=directory, count=len(result.problems)))
    sys.exit(EXIT_INPUT)


COMMANDS = [templates]
