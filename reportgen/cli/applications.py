"""Commands on application files: init, validate, schema."""

from __future__ import annotations

import sys

import click

from reportgen.cli.i18n import Command, words
from reportgen.cli.options import EXIT_INPUT, EXIT_OK, lang_option, policies, policy_option


@click.command(
    cls=Command,
    short_help=words("help.init.short"),
    help=words("help.init"),
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--force",
    is_flag=True,
    help=words("help.init.force"),
)
@lang_option
def init(directory: str, force: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.importing.sheet import FIGURES_SHEET, figures_sheet
    from reportgen.messages import text
    from reportgen.policy import BUILTIN
    from reportgen.source.files import write_atomic
    from reportgen.starter import write_starter

    path = write_starter(Path(directory), force=force)
    # the finance office's sheet: filled in, `reportgen import` reads it into financials
    sheet = path.parent / FIGURES_SHEET
    write_atomic(sheet, figures_sheet(BUILTIN.latest().financial_years))
    click.echo(text("init.done", lang, path=path))
    click.echo(text("init.figures_sheet", lang, sheet=sheet, path=path))


@click.command(
    cls=Command,
    short_help=words("help.validate.short"),
    help=words("help.validate"),
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=words("help.validate.format"),
)
@policy_option
@lang_option
def validate(
    files: tuple[str, ...], output_format: str, policy: tuple[str, ...], lang: str
) -> None:
    from reportgen.checks.validation import check_file
    from reportgen.cli.output import print_text, to_json

    known = policies(policy)
    results = [check_file(file, policies=known) for file in files]
    if output_format == "json":
        click.echo(to_json(results, lang))
    else:
        print_text(results, lang)
    sys.exit(EXIT_OK if all(r.valid for r in results) else EXIT_INPUT)


@click.command(
    cls=Command,
    short_help=words("help.schema.short"),
    help=words("help.schema"),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help=words("help.schema.output"),
)
@lang_option
def schema(output: str | None, lang: str) -> None:
    import json
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.model.schema import application_schema
    from reportgen.source.files import write_text_atomic

    written = json.dumps(application_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(written, nl=False)
        return
    write_text_atomic(Path(output), written)
    click.echo(text("schema.written", lang, path=output), err=True)


COMMANDS = [init, validate, schema]
