"""The `reportgen` command: parses arguments, calls the library, prints. Nothing more.

Only click is imported at start; each command imports what it needs, so `--help`
answers at once. Exit codes follow CLI.md: 0 done, 1 input has errors, 2 usage,
3 output failed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from reportgen import __version__
from reportgen.messages import default_lang

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3


_LANG_KEY = "reportgen.lang"


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG_KEY] = value  # so errors raised later speak the same language
    return value


def lang_option(command: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=default_lang,
        callback=_remember_lang,
        is_eager=True,
        show_default="zh，或环境变量 REPORTGEN_LANG",
        help="消息语言：zh 中文，en 英文。",
    )(command)


class _Commands(click.Group):
    """Turns a user's error into one line and its exit code; a bug into one line too."""

    def invoke(self, ctx: click.Context) -> Any:
        from reportgen.errors import ReportgenError

        try:
            return super().invoke(ctx)
        except ReportgenError as exc:
            lang = _lang_of(ctx)
            click.echo(f"reportgen: {exc.message(lang)}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("REPORTGEN_DEBUG"):
                raise
            click.echo(
                f"reportgen: 内部错误（请报告此问题）：{type(exc).__name__}: {exc}\n"
                "设置环境变量 REPORTGEN_DEBUG=1 可查看详细信息。",
                err=True,
            )
            ctx.exit(EXIT_OUTPUT)


def _lang_of(ctx: click.Context) -> str:
    return str(ctx.meta.get(_LANG_KEY, default_lang()))


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="浙江制造精品申报材料工具：检查申报文件，生成报告书、承诺书和推荐汇总表。\n\n"
    "先用 reportgen init 生成模板，编辑后用 reportgen validate 检查。",
)
@click.version_option(
    __version__, "--version", "-V", prog_name="reportgen", message="%(prog)s %(version)s"
)
def cli() -> None:
    pass


@cli.command(
    help="生成一份完整、带中文注释的申报文件模板（含占位佐证材料），可直接通过检查（只有提醒）。"
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@click.option("--force", is_flag=True, help="覆盖已存在的 application.yaml。")
@lang_option
def init(directory: str, force: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.output import ui
    from reportgen.starter import write_starter

    path = write_starter(Path(directory), force=force)
    click.echo(ui("init.done", lang, path=path))


@cli.command(
    help="检查申报文件：格式、征集条件、佐证材料、报告书完整性。\n\n"
    "FILE 可以是多个文件；用 - 表示从标准输入读取（自动识别 JSON 或 YAML）。"
    "有错误时退出码为 1。"
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text：分组彩色输出，供人阅读；json：机器可读（见 CLI.md）。",
)
@lang_option
def validate(files: tuple[str, ...], output_format: str, lang: str) -> None:
    from reportgen.output import print_text, to_json
    from reportgen.validation import check_file

    results = [check_file(file) for file in files]
    if output_format == "json":
        click.echo(to_json(results, lang))
    else:
        print_text(results, lang)
    sys.exit(EXIT_OK if all(r.valid for r in results) else EXIT_INPUT)


@cli.command(
    help="生成报告书和承诺书（Word），以及检查报告.md 和 manifest.json。\n\n"
    "先检查申报文件：有错误时不生成文档、退出码为 1；加 --draft 则仍然生成，每页标明“草稿”，"
    "并在附录列出错误。输出目录默认为申报文件旁的 out/。"
)
@click.argument("file", metavar="FILE")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=str),
    help="输出目录（默认：申报文件所在文件夹下的 out/）。",
)
@click.option("--no-pdf", is_flag=True, help="只生成 Word，不转换 PDF。")
@click.option("--draft", is_flag=True, help="有错误也生成，标明“草稿（未通过检查）”。")
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="使用自己的模板文件夹（含 report_book.docx、commitment_letter.docx）。",
)
@lang_option
def render(
    file: str, out_dir: str | None, no_pdf: bool, draft: bool, template_dir: str | None, lang: str
) -> None:
    from pathlib import Path

    from reportgen.output import print_text, ui
    from reportgen.render import render as render_documents
    from reportgen.validation import check_file

    checked = check_file(file)
    print_text([checked], lang)
    target = (
        Path(out_dir) if out_dir else (Path.cwd() if file == "-" else Path(file).parent) / "out"
    )
    outputs = render_documents(
        checked, target, draft=draft, template_dir=Path(template_dir) if template_dir else None
    )
    for output in outputs:
        click.echo(ui("render.written", lang, path=output.path))
    if not no_pdf:
        click.echo(ui("render.no_pdf_yet", lang), err=True)


@cli.command(
    help="输出申报文件格式的 JSON Schema（每个字段带中文标题和说明），供编辑器提示和校验。"
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="写入文件（默认输出到屏幕）。",
)
@lang_option
def schema(output: str | None, lang: str) -> None:
    import json
    from pathlib import Path

    from reportgen.files import write_text_atomic
    from reportgen.output import ui
    from reportgen.schema import application_schema

    text = json.dumps(application_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_text_atomic(Path(output), text)
    click.echo(ui("schema.written", lang, path=output), err=True)


def main() -> None:
    # This process loads no pydantic plugins; skipping their discovery (a scan of every
    # installed distribution's entry points) saves ~15 ms of each command's start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli(prog_name="reportgen")
