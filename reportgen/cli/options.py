"""Options and exit codes shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reportgen.cli.i18n import current_lang, set_lang, words
from reportgen.convert.fonts import FONTS_VARIABLE
from reportgen.messages import default_lang

if TYPE_CHECKING:
    from reportgen.policy import Policies

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

_LANG_KEY = "reportgen.lang"
PDFA_HELP = words(
    "PDF 按 PDF/A-2b 生成（档案馆和部分申报平台要求）。",
    "Make PDF/A-2b (archives and some submission platforms ask for it).",
)
NO_PDF_HELP = words("只生成 Word，不转换 PDF。", "Word documents only, no PDFs.")
DRAFT_HELP = words(
    "有错误也生成，标明“草稿（未通过检查）”。",
    "Make them despite errors, marked as a draft that did not pass.",
)


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG_KEY] = value  # so errors raised later speak the same language
    set_lang(value)  # and click's own words (usage errors, help) too
    return value


def lang_option(command: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=current_lang,  # the group's --lang, or REPORTGEN_LANG
        callback=_remember_lang,
        is_eager=True,
        show_default=words("zh，或环境变量 REPORTGEN_LANG", "zh, or REPORTGEN_LANG"),
        help=words("消息语言：zh 中文，en 英文。", "Language of messages: zh Chinese, en English."),
    )(command)


def out_dir_option(help_text: Any, *, required: bool = False) -> Callable[[F], F]:
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
        help=words(
            "使用自己的模板文件夹（含 report_book.docx、commitment_letter.docx）。",
            "Use your own templates (a folder with report_book.docx, commitment_letter.docx).",
        ),
    )(command)


def fonts_option(command: F) -> F:
    """--fonts DIR, passed as `fonts` (a Path or None) to the converter and doctor."""
    return click.option(
        "--fonts",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar=FONTS_VARIABLE,
        help=words(
            "PDF 优先使用这个文件夹里的字体（如从 Windows 复制的 simfang.ttf、simkai.ttf），"
            "再用免费字体；也可设置环境变量 REPORTGEN_FONTS。",
            "Draw the PDFs with the fonts in this folder first (e.g. simfang.ttf, simkai.ttf "
            "copied from Windows), then the free ones; or set REPORTGEN_FONTS.",
        ),
    )(command)


def lang_of(ctx: click.Context) -> str:
    return str(ctx.meta.get(_LANG_KEY, default_lang()))


def policy_option(command: F) -> F:
    """--policy FILE (repeatable), passed as `policy`; policies() reads the files."""
    return click.option(
        "--policy",
        "policy",
        multiple=True,
        metavar="FILE",
        # not click.Path(exists=True): a missing file is an input error (exit 1) like a
        # broken one, named by PolicyError, not a usage error
        help=words(
            "另用这个征集批次的规则文件（YAML，格式同内置的 zj-2026）：申报文件的 call 选用"
            "其中的批次；与内置批次同名时取代内置的。可给出多个。",
            "Also know the call in this policy file (YAML, like the built-in zj-2026): an "
            "application's `call` picks it; one named as a built-in call replaces it. May "
            "be given more than once.",
        ),
    )(command)


def policies(files: tuple[str, ...]) -> Policies:
    """The calls the command knows: the built-in ones and `files`, read and checked now
    (a bad file is a PolicyError: exit 1 before any application is looked at)."""
    from reportgen.policy import BUILTIN, Policies

    return Policies.including(files) if files else BUILTIN
