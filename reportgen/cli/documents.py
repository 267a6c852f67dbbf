"""Commands that make documents: render, convert, and doctor for what they need."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from reportgen.cli.i18n import Command, words
from reportgen.cli.options import (
    DRAFT_HELP,
    EXIT_OK,
    EXIT_OUTPUT,
    NO_PDF_HELP,
    PDFA_HELP,
    fonts_option,
    lang_option,
    out_dir_option,
    policies,
    policy_option,
    template_dir_option,
)


@click.command(
    cls=Command,
    short_help=words("help.render.short"),
    help=words("help.render"),
)
@click.argument("file", metavar="FILE")
@out_dir_option(words("help.render.output"))
@click.option("--no-pdf", is_flag=True, help=NO_PDF_HELP)
@click.option("--pdfa", is_flag=True, help=PDFA_HELP)
@click.option("--draft", is_flag=True, help=DRAFT_HELP)
@template_dir_option
@fonts_option
@policy_option
@lang_option
def render(
    file: str,
    out_dir: str | None,
    no_pdf: bool,
    pdfa: bool,
    draft: bool,
    template_dir: str | None,
    fonts: Path | None,
    policy: tuple[str, ...],
    lang: str,
) -> None:
    from reportgen.checks.validation import check_file
    from reportgen.cli.output import print_text
    from reportgen.convert import ConverterPool
    from reportgen.messages import text
    from reportgen.render import default_output_folder
    from reportgen.render import render as render_documents

    checked = check_file(file, policies=policies(policy))
    print_text([checked], lang)
    target = Path(out_dir) if out_dir else default_output_folder(file)
    templates = Path(template_dir) if template_dir else None
    with contextlib.ExitStack() as stack:
        # offices start on the first document, after the checks: none for a refused file
        pool = None if no_pdf else stack.enter_context(ConverterPool(pdfa=pdfa, fonts=fonts))
        outputs = render_documents(
            checked, target, draft=draft, template_dir=templates, converter=pool
        )
    for output in outputs:
        click.echo(text("render.written", lang, path=output.path))


@click.command(
    cls=Command,
    short_help=words("help.convert.short"),
    help=words("help.convert"),
)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="DOCX...",
    type=click.Path(exists=True, dir_okay=False),
)
@out_dir_option(words("help.convert.output"))
@click.option("--pdfa", is_flag=True, help=PDFA_HELP)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help=words("help.convert.jobs"),
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120,
    show_default=True,
    help=words("help.convert.timeout"),
)
@fonts_option
@lang_option
def convert(
    files: tuple[str, ...],
    out_dir: str | None,
    pdfa: bool,
    jobs: int | None,
    timeout: float,
    fonts: Path | None,
    lang: str,
) -> None:
    from reportgen.convert import convert as convert_documents
    from reportgen.convert import pdf_paths
    from reportgen.errors import SameTarget
    from reportgen.messages import text
    from reportgen.source.files import output_folder

    out = Path(out_dir) if out_dir else None
    try:
        pdf_paths([Path(f) for f in files], out)
    except SameTarget as exc:  # a usage error: the command line asks for it
        raise click.UsageError(exc.message(lang)) from None
    if out is not None:
        output_folder(out)
    results = convert_documents(
        map(Path, files), out, jobs=jobs, pdfa=pdfa, timeout=timeout, fonts=fonts
    )
    for result in results:
        if result.error is None:
            click.echo(text("render.written", lang, path=result.pdf))
        else:
            click.echo(text("convert.failed", lang, error=result.error.message(lang)), err=True)
    failed = sum(r.error is not None for r in results)
    if len(results) > 1:
        click.echo(
            text(
                "convert.summary",
                lang,
                files=len(results),
                converted=len(results) - failed,
                failed=failed,
            )
        )
    sys.exit(EXIT_OUTPUT if failed else EXIT_OK)


@click.command(
    cls=Command,
    short_help=words("help.doctor.short"),
    help=words("help.doctor"),
)
@fonts_option
@lang_option
def doctor(fonts: Path | None, lang: str) -> None:
    from reportgen.convert.doctor import FONTS_FOLDER, LOCALE, diagnose
    from reportgen.messages import text

    checks = diagnose(fonts)
    for check in checks:
        mark = "✓" if check.ok else ("✗" if check.required else "-")
        name = text(check.name, lang) if check.name in (FONTS_FOLDER, LOCALE) else check.name
        line = f"{mark} {name}{' →' if check.font else ':'} "
        line += check.found or text("doctor.missing", lang)
        if not check.ok:
            hint = check.hint or "doctor.install"  # what to do, or the command to install
            line += "  " + text(hint, lang, command=check.install)
        click.echo(line)
    missing = [c for c in checks if c.required and not c.ok]
    click.echo(
        text("doctor.missing_summary" if missing else "doctor.ready", lang, count=len(missing))
    )
    sys.exit(EXIT_OUTPUT if missing else EXIT_OK)


COMMANDS = [render, convert, doctor]
