"""`reportgen templates …`: the built-in Word templates copied out to edit, and checked."""

from __future__ import annotations

import sys

import click

from reportgen.cli.i18n import Group, words
from reportgen.cli.options import EXIT_INPUT, EXIT_OK, lang_option


@click.group(
    cls=Group,
    short_help=words("导出、检查自己的 Word 模板", "export and check your own templates"),
    help=words(
        "自己的 Word 模板：导出内置模板供编辑，检查编辑后的模板文件夹。"
        "用 reportgen render --template-dir DIR 以它们生成文档。",
        "Your own Word templates: export the built-in ones to edit, check a folder of "
        "edited ones. Render with them by reportgen render --template-dir DIR.",
    ),
)
@lang_option
def templates(lang: str) -> None:
    del lang  # as for the top level: the help and errors of the group


@templates.command(
    short_help=words("把内置模板复制到文件夹", "copy the built-in templates into a folder"),
    help=words(
        "把内置的 report_book.docx、commitment_letter.docx、check_report.docx 复制到 DIR"
        "（不存在则创建），供在 Word 或 WPS 中编辑。DIR 中已有同名文件时不覆盖、退出码为 1，"
        "加 --force 覆盖。",
        "Copy the built-in report_book.docx, commitment_letter.docx and check_report.docx "
        "into DIR (made if missing) to edit in Word or WPS. Files already there are not "
        "overwritten (exit code 1) unless --force is given.",
    ),
)
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--force",
    is_flag=True,
    help=words("覆盖 DIR 中已有的模板。", "Overwrite the templates already in DIR."),
)
@lang_option
def export(directory: str, force: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import ui
    from reportgen.render.own_templates import export_templates

    for path in export_templates(Path(directory), force=force):
        click.echo(ui("templates.exported", lang, path=path))
    click.echo(ui("templates.next", lang, folder=directory))


@templates.command(
    short_help=words("检查模板文件夹", "check a folder of templates"),
    help=words(
        "检查 DIR 中的模板，与 render --template-dir DIR 使用它们的方式相同：能否读取、"
        "是否安全（外部链接、DOCTYPE）、Jinja 语法，以及模板使用的变量是否都在上下文中"
        "（变量见 docs/templates.md）。有问题时逐条列出（模板文件和变量），退出码为 1。",
        "Check the templates in DIR as render --template-dir DIR would use them: readable, "
        "safe (external links, DOCTYPEs), valid Jinja, and every variable they use present "
        "in the context (see docs/templates.md). Each problem is listed (template file and "
        "variable) and the exit code is 1.",
    ),
)
@click.argument(
    "directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=str)
)
@lang_option
def check(directory: str, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import ui
    from reportgen.render.own_templates import check_templates

    result = check_templates(Path(directory))
    for name in result.builtin:
        click.echo(ui("templates.builtin", lang, file=name))
    if result.ok:
        files = ui("templates.joiner", lang).join(result.checked)
        click.echo(ui("templates.ok", lang, folder=directory, files=files))
        sys.exit(EXIT_OK)
    for problem in result.problems:
        click.echo(ui("templates.problem", lang, message=problem.message(lang)))
    click.echo(ui("templates.failed", lang, folder=directory, count=len(result.problems)))
    sys.exit(EXIT_INPUT)


COMMANDS = [templates]
