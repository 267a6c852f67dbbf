"""`reportgen import`: a Word report into a new application, an Excel sheet's figures
into an existing one; what was taken from where, and what is still missing.
`reportgen export`: the other way, the application's facts as one sheet for the clerk
who types them into the online platform."""

from __future__ import annotations

import sys
from typing import Any

import click

from reportgen.cli.i18n import Command, words
from reportgen.cli.options import EXIT_INPUT, EXIT_OK, EXIT_USAGE, lang_option


@click.command(
    "import",
    cls=Command,
    short_help=words("help.import.short"),
    help=words("help.import"),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", "out_dir", metavar="DIR", help=words("help.import.output"))
@click.option("--into", metavar="APPLICATION", help=words("help.import.into"))
@click.option("--force", is_flag=True, help=words("help.import.force"))
@lang_option
def import_(file: str, out_dir: str | None, into: str | None, force: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import text

    suffix = Path(file).suffix.lower()
    if suffix == ".docx" and out_dir:
        from reportgen.importing import import_report

        imported, application = import_report(file, Path(out_dir), force=force)
        _said_report(imported, application, lang)
    elif suffix == ".xlsx" and into:
        from reportgen.importing import import_figures

        read = import_figures(file, Path(into))
        for figure in read.figures:
            name = text(f"doc.financials.{figure.field}", lang)
            click.echo(text("import.figure", lang, field=name, year=figure.year,
                            value=figure.value, cell=figure.cell, label=figure.label,
                            unit=figure.unit))  # fmt: skip
        for cell in read.unknown:
            click.echo(text("import.figure_unused", lang, cell=cell))
        application = Path(into)
        click.echo(text("import.figures_done", lang, count=len(read.figures), file=into))
    else:
        click.echo(f"reportgen: {text('import.usage', lang, file=file)}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(_checked(application, lang))


def _said_report(imported: Any, application: Any, lang: str) -> None:
    from reportgen.importing.outline import NAMES
    from reportgen.messages import show, text

    click.echo(text("import.report_done", lang, file=imported.file, application=application))
    for key, value in imported.facts.items():
        shown = "、".join(value) if isinstance(value, list) else value
        place = imported.fact_places[key]
        click.echo(text("import.fact", lang, field=key, value=shown, where=place))
    for path, body in imported.texts.items():
        chars = len("".join(body.split()))
        click.echo(text("import.section", lang, heading=NAMES[path][0], chars=chars))
    for image in imported.images:
        click.echo(text("import.image", lang, file=image))
    if imported.unplaced_paragraphs:
        click.echo(text("import.unplaced", lang, count=len(imported.unplaced_paragraphs)))
        for first in imported.unplaced_paragraphs:
            click.echo(f"    {first}")
    for note in imported.notes:
        click.echo(f"  ! {show(note, lang)}")


def _checked(application: Any, lang: str) -> int:
    """The import is done: validation says what is still missing (exit 0 all the same)."""
    from reportgen.checks.validation import check_file
    from reportgen.messages import text

    checked = check_file(application)
    errors = sum(f.is_error for f in checked.findings)
    warnings = sum(f.severity == "warning" for f in checked.findings)
    click.echo(text("import.next", lang, errors=errors, warnings=warnings, file=application))
    return EXIT_OK if checked.source is not None else EXIT_INPUT


@click.command(
    cls=Command,
    short_help=words("help.export.short"),
    help=words("help.export"),
)
@click.argument("file", metavar="FILE")
@click.option("--format", "output_format", type=click.Choice(["xlsx"]), default="xlsx",
              show_default=True, help=words("help.export.format"))  # fmt: skip
@click.option("-o", "--output", metavar="OUT", help=words("help.export.output"))
@lang_option
def export(file: str, output_format: str, output: str | None, lang: str) -> None:
    from pathlib import Path

    from reportgen.checks.validation import check_file
    from reportgen.cli.output import print_text
    from reportgen.messages import text
    from reportgen.render.facts import facts_xlsx
    from reportgen.source.files import write_atomic

    checked = check_file(file)
    if checked.application is None:  # nothing to export: say why, as validate does
        print_text([checked], lang)
        sys.exit(EXIT_INPUT)
    target = Path(output) if output else Path(file).parent / text("export.file", lang)
    write_atomic(target, facts_xlsx(checked.application, lang))
    errors = sum(f.is_error for f in checked.findings)
    said = text("export.done", lang, path=target)
    click.echo(said + (text("export.with_errors", lang, errors=errors) if errors else ""))


COMMANDS = [import_, export]
