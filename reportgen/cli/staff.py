"""`reportgen staff …`: the tables district staff send upward (附件5, 附件3, the city's view)."""

from __future__ import annotations

import sys
from typing import Any

import click

from reportgen.cli.i18n import Group, words
from reportgen.cli.options import (
    EXIT_INPUT,
    EXIT_OK,
    lang_option,
    out_dir_option,
    policies,
    policy_option,
)

DRAFT_HELP = words(
    "有错误也生成，标题标明“草稿（未通过检查）”。",
    "Make them despite errors, the title marked as a draft that did not pass.",
)
OUT_HELP = words("输出目录（默认：当前目录）。", "Output folder (default: the current one).")


@click.group(
    cls=Group,
    short_help=words("区县、市经信部门的汇总表（附件3、附件5）", "the tables district staff send"),
    help=words(
        "区县经信部门的汇总表：推荐汇总表（附件5）、工作人员信息汇总表（附件3）、全市汇总。",
        "The tables district staff send upward: the recommendation list (annex 5), the "
        "staff contacts (annex 3), and a city's view of all its districts.",
    ),
)
@lang_option
def staff(lang: str) -> None:
    del lang  # as for the top level: the help and errors of the group


def _finish(results: list[Any], files: list[Any], lang: str) -> None:
    from reportgen.cli.output import print_text
    from reportgen.messages import ui

    print_text(results, lang, staff=True)
    for path in files:
        click.echo(ui("render.written", lang, path=path))
    sys.exit(EXIT_OK if all(r.valid for r in results) else EXIT_INPUT)


@staff.command(
    short_help=words("推荐汇总表（附件5）", "the recommendation list (annex 5)"),
    help=words(
        "由区县推荐表生成《推荐汇总表》（附件5）Word 和 Excel，并检查名额和申报文件。",
        "Make the recommendation list (annex 5) as Word and Excel from a district's list, "
        "checking quotas and the applications it names.",
    ),
)
@click.argument("file", metavar="FILE")
@out_dir_option(OUT_HELP)
@click.option("--draft", is_flag=True, help=DRAFT_HELP)
@policy_option
@lang_option
def recommend(
    file: str, out_dir: str | None, draft: bool, policy: tuple[str, ...], lang: str
) -> None:
    from pathlib import Path

    from reportgen.staff import recommend as make

    checked, files = make(file, Path(out_dir or "."), draft=draft, policies=policies(policy))
    _finish([checked], files, lang)


@staff.command(
    short_help=words("工作人员信息汇总表（附件3）", "the staff contacts (annex 3)"),
    help=words(
        "生成《工作人员信息汇总表》（附件3）Word 和 Excel；每个区县 1—2 人，检查手机号。",
        "Make the staff contacts table (annex 3) as Word and Excel: 1 or 2 people per "
        "district, mobile numbers checked.",
    ),
)
@click.argument("file", metavar="FILE")
@out_dir_option(OUT_HELP)
@click.option("--draft", is_flag=True, help=DRAFT_HELP)
@policy_option
@lang_option
def contacts(
    file: str, out_dir: str | None, draft: bool, policy: tuple[str, ...], lang: str
) -> None:
    from pathlib import Path

    from reportgen.staff import contacts as make

    checked, files = make(file, Path(out_dir or "."), draft=draft, policies=policies(policy))
    _finish([checked], files, lang)


@staff.command(
    short_help=words("全市汇总各区县推荐表", "a city's view of its districts' lists"),
    help=words(
        "市经信局汇总各区县推荐表：按区县顺序列出名额使用、推荐产品和发现的问题。",
        "A city's view of all its districts' lists: quotas used, the products recommended "
        "and the problems found, district by district.",
    ),
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@out_dir_option(OUT_HELP)
@click.option("--draft", is_flag=True, help=DRAFT_HELP)
@policy_option
@lang_option
def collect(
    files: tuple[str, ...], out_dir: str | None, draft: bool, policy: tuple[str, ...], lang: str
) -> None:
    from pathlib import Path

    from reportgen.staff import collect as make

    lists, written = make(list(files), Path(out_dir or "."), draft=draft, policies=policies(policy))
    _finish(lists, written, lang)


COMMANDS = [staff]
