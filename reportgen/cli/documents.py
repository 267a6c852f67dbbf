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
    short_help=words("生成报告书、承诺书（Word 和 PDF）和检查报告", "make the documents"),
    help=words(
        "生成报告书和承诺书（Word 和 PDF），以及检查报告（.md 和 .docx）和 manifest.json。\n\n"
        "先检查申报文件：有错误时不生成文档、退出码为 1；加 --draft 则仍然生成，每页标明“草稿”，"
        "并在附录列出错误。输出目录默认为申报文件旁的 out/。PDF 由 LibreOffice 转换"
        "（reportgen doctor 检查环境）；转换失败时 Word 文档仍保留，退出码为 3。",
        "Make the report book and the commitment letter (Word and PDF), the check report "
        "(.md and .docx) and manifest.json.\n\nThe application is checked first: with errors "
        "nothing is made and the exit code is 1; --draft makes them anyway, each page marked "
        "as a draft, the errors listed in an appendix. Output goes to out/ beside the file by "
        "default. LibreOffice makes the PDFs (reportgen doctor checks it); when that fails "
        "the Word documents stay and the exit code is 3.",
    ),
)
@click.argument("file", metavar="FILE")
@out_dir_option(
    words(
        "输出目录（默认：申报文件所在文件夹下的 out/）。",
        "Output folder (default: out/ beside FILE).",
    )
)
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
    from reportgen.messages import ui
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
        click.echo(ui("render.written", lang, path=output.path))


@click.command(
    cls=Command,
    short_help=words("把 Word 文档转换为 PDF", "convert Word documents to PDF"),
    help=words(
        "把 Word 文档（.docx）转换为 PDF：LibreOffice 只启动一次，多个文档并行转换。\n\n"
        "PDF 默认写在各文档旁边；目录和页码在转换时更新。"
        "有文档转换失败时退出码为 3，其余照常完成。",
        "Convert Word documents (.docx) to PDF: LibreOffice starts once and converts several "
        "in parallel.\n\nEach PDF goes beside its document by default; tables of contents "
        "and page numbers are updated. When a document fails the exit code is 3 and the "
        "others are converted.",
    ),
)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="DOCX...",
    type=click.Path(exists=True, dir_okay=False),
)
@out_dir_option(
    words("输出目录（默认：各文档所在的文件夹）。", "Output folder (default: each document's own).")
)
@click.option("--pdfa", is_flag=True, help=PDFA_HELP)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help=words(
        "同时运行的 LibreOffice 数（默认：CPU 核数）。",
        "LibreOffice processes at once (default: the number of cores).",
    ),
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120,
    show_default=True,
    help=words(
        "单个文档的转换时限（秒）；超时则重启 LibreOffice 重试一次。",
        "Seconds one document may take; past it LibreOffice is restarted and tried once more.",
    ),
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
    from reportgen.messages import ui
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
            click.echo(ui("render.written", lang, path=result.pdf))
        else:
            click.echo(ui("convert.failed", lang, error=result.error.message(lang)), err=True)
    failed = sum(r.error is not None for r in results)
    if len(results) > 1:
        click.echo(
            ui(
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
    short_help=words("检查 LibreOffice、字体和 pandoc", "check LibreOffice, fonts and pandoc"),
    help=words(
        "检查本机生成 PDF 所需的环境：LibreOffice、uno、pandoc，以及每个公文字体实际对应的字体；"
        "缺少的给出安装命令。缺少必需部分时退出码为 3。",
        "Check what making PDFs needs here: LibreOffice, uno, pandoc, and the font each "
        "official font is drawn with; what is missing comes with the command that installs "
        "it. Exit code 3 when something required is missing.",
    ),
)
@fonts_option
@lang_option
def doctor(fonts: Path | None, lang: str) -> None:
    from reportgen.convert.doctor import FONTS_FOLDER, LOCALE, diagnose
    from reportgen.messages import ui

    checks = diagnose(fonts)
    for check in checks:
        mark = "✓" if check.ok else ("✗" if check.required else "-")
        names = {FONTS_FOLDER: "doctor.fonts_folder", LOCALE: "doctor.locale"}
        name = ui(names[check.name], lang) if check.name in names else check.name
        line = f"{mark} {name}{' →' if check.font else ':'} "
        line += check.found or ui("doctor.missing", lang)
        if not check.ok:
            line += "  " + ui("doctor.install", lang, command=check.install)
        click.echo(line)
    missing = [c for c in checks if c.required and not c.ok]
    click.echo(
        ui("doctor.missing_summary" if missing else "doctor.ready", lang, count=len(missing))
    )
    sys.exit(EXIT_OUTPUT if missing else EXIT_OK)


COMMANDS = [render, convert, doctor]
