"""Options and exit codes shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

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


def out_dir_option(help_text: str, *, required: bool = False) -> Callable[[F], F]:
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
        help="使用自己的模板文件夹（含 report_book.docx、commitment_letter.docx）。",
    )(command)


def lang_of(ctx: click.Context) -> str:
    return str(ctx.meta.get(_LANG_KEY, default_lang()))
