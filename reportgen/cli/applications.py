"""Commands on application files: init, validate, schema."""

from __future__ import annotations

import sys

import click

from reportgen.cli.i18n import Command, words
from reportgen.cli.options import EXIT_INPUT, EXIT_OK, lang_option, policies, policy_option


@click.command(
    cls=Command,
    short_help=words("生成带中文注释的申报文件模板", "write a starter application to fill in"),
    help=words(
        "生成一份完整、带中文注释的申报文件模板（含占位佐证材料）；"
        "reportgen validate 会逐项列出其中要替换成企业实际情况的示例内容。",
        "Write a complete starter application with comments (and placeholder evidence); "
        "reportgen validate lists every example value in it still to be replaced.",
    ),
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--force",
    is_flag=True,
    help=words("覆盖已存在的 application.yaml。", "Overwrite an existing application.yaml."),
)
@lang_option
def init(directory: str, force: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import ui
    from reportgen.starter import write_starter

    path = write_starter(Path(directory), force=force)
    click.echo(ui("init.done", lang, path=path))


@click.command(
    cls=Command,
    short_help=words(
        "检查申报文件：格式、征集条件、佐证材料", "check applications against the call"
    ),
    help=words(
        "检查申报文件：格式、征集条件、佐证材料、报告书完整性。\n\n"
        "FILE 可以是多个文件；用 - 表示从标准输入读取（自动识别 JSON 或 YAML）。"
        "有错误时退出码为 1。",
        "Check applications: format, the call's conditions, evidence, the report book's "
        "outline.\n\nFILE may be several files; - reads standard input (JSON or YAML, "
        "detected). Exit code 1 when there are errors.",
    ),
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=words(
        "text：分组彩色输出，供人阅读；json：机器可读（见 docs/cli.md）。",
        "text: grouped, for people; json: for scripts (see docs/cli.md).",
    ),
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
    short_help=words("输出申报文件格式的 JSON Schema", "print the JSON Schema of applications"),
    help=words(
        "输出申报文件格式的 JSON Schema（每个字段带中文标题和说明），供编辑器提示和校验。",
        "Print the JSON Schema of the application format (Chinese titles and descriptions "
        "for every key), for editors' hints and checks.",
    ),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help=words("写入文件（默认输出到屏幕）。", "Write to this file (default: the screen)."),
)
@lang_option
def schema(output: str | None, lang: str) -> None:
    import json
    from pathlib import Path

    from reportgen.messages import ui
    from reportgen.model.schema import application_schema
    from reportgen.source.files import write_text_atomic

    text = json.dumps(application_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_text_atomic(Path(output), text)
    click.echo(ui("schema.written", lang, path=output), err=True)


COMMANDS = [init, validate, schema]
