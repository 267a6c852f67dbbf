"""The `reportgen` command: parses arguments, calls the library, prints. Nothing more.

Only click is imported at start; each command imports what it needs, so `--help`
answers at once. Exit codes follow CLI.md: 0 done, 1 input has errors, 2 usage,
3 output failed.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from reportgen import __version__
from reportgen.messages import default_lang

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3


_LANG_KEY = "reportgen.lang"
PDFA_HELP = "PDF 按 PDF/A-2b 生成（档案馆和部分申报平台要求）。"


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


def out_dir_option(help_text: str) -> Callable[[F], F]:
    """-o/--output OUTDIR, passed as `out_dir`."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False, path_type=str),
        help=help_text,
    )


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
    help="生成报告书和承诺书（Word 和 PDF），以及检查报告.md 和 manifest.json。\n\n"
    "先检查申报文件：有错误时不生成文档、退出码为 1；加 --draft 则仍然生成，每页标明“草稿”，"
    "并在附录列出错误。输出目录默认为申报文件旁的 out/。PDF 由 LibreOffice 转换"
    "（reportgen doctor 检查环境）；转换失败时 Word 文档仍保留，退出码为 3。"
)
@click.argument("file", metavar="FILE")
@out_dir_option("输出目录（默认：申报文件所在文件夹下的 out/）。")
@click.option("--no-pdf", is_flag=True, help="只生成 Word，不转换 PDF。")
@click.option("--pdfa", is_flag=True, help=PDFA_HELP)
@click.option("--draft", is_flag=True, help="有错误也生成，标明“草稿（未通过检查）”。")
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="使用自己的模板文件夹（含 report_book.docx、commitment_letter.docx）。",
)
@lang_option
def render(
    file: str,
    out_dir: str | None,
    no_pdf: bool,
    pdfa: bool,
    draft: bool,
    template_dir: str | None,
    lang: str,
) -> None:
    from pathlib import Path

    from reportgen.converter import ConverterPool
    from reportgen.output import print_text, ui
    from reportgen.rendering import add_pdfs
    from reportgen.rendering import render as render_documents
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
    if no_pdf:
        return
    with ConverterPool(pdfa=pdfa) as pool:  # one office per document, at most a core each
        pdfs = add_pdfs(target, outputs, pool)[len(outputs) :]
    for output in pdfs:
        click.echo(ui("render.written", lang, path=output.path))


@cli.command(
    help="把 Word 文档（.docx）转换为 PDF：LibreOffice 只启动一次，多个文档并行转换。\n\n"
    "PDF 默认写在各文档旁边；目录和页码在转换时更新。有文档转换失败时退出码为 3，其余照常完成。"
)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="DOCX...",
    type=click.Path(exists=True, dir_okay=False),
)
@out_dir_option("输出目录（默认：各文档所在的文件夹）。")
@click.option("--pdfa", is_flag=True, help=PDFA_HELP)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="同时运行的 LibreOffice 数（默认：CPU 核数）。"
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120,
    show_default=True,
    help="单个文档的转换时限（秒）；超时则重启 LibreOffice 重试一次。",
)
@lang_option
def convert(
    files: tuple[str, ...],
    out_dir: str | None,
    pdfa: bool,
    jobs: int | None,
    timeout: float,
    lang: str,
) -> None:
    from pathlib import Path

    from reportgen.converter import convert as convert_documents
    from reportgen.converter import pdf_path
    from reportgen.output import ui

    out = Path(out_dir) if out_dir else None
    targets = [pdf_path(Path(f), out) for f in files]
    if len(set(targets)) < len(targets):
        twice = sorted({str(t) for t in targets if targets.count(t) > 1})
        raise click.UsageError(ui("convert.same_target", lang, files=", ".join(twice)))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    results = convert_documents(map(Path, files), out, jobs=jobs, pdfa=pdfa, timeout=timeout)
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


@cli.command(
    help="检查本机生成 PDF 所需的环境：LibreOffice、uno、pandoc，以及每个公文字体实际对应的字体；"
    "缺少的给出安装命令。缺少必需部分时退出码为 3。"
)
@lang_option
def doctor(lang: str) -> None:
    from reportgen.doctor import diagnose
    from reportgen.output import ui

    checks = diagnose()
    for check in checks:
        mark = "✓" if check.ok else ("✗" if check.required else "-")
        line = f"{mark} {check.name}{' →' if check.font else ':'} "
        line += check.found or ui("doctor.missing", lang)
        if not check.ok:
            line += "  " + ui("doctor.install", lang, command=check.install)
        click.echo(line)
    missing = [c for c in checks if c.required and not c.ok]
    click.echo(
        ui("doctor.missing_summary" if missing else "doctor.ready", lang, count=len(missing))
    )
    sys.exit(EXIT_OUTPUT if missing else EXIT_OK)


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
    # `kill` (SIGTERM) unwinds like Ctrl-C: the LibreOffice processes are stopped and no
    # half-written file stays behind
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="reportgen")


def _terminate(signum: int, _frame: object) -> None:
    sys.exit(128 + signum)
