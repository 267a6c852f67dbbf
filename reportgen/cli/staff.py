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

DRAFT_HELP = words("help.staff.draft")
OUT_HELP = words("help.staff.output")


@click.group(
    cls=Group,
    short_help=words("help.staff.short"),
    help=words("help.staff"),
)
@lang_option
def staff(lang: str) -> None:
    del lang  # as for the top level: the help and errors of the group


def _finish(results: list[Any], files: list[Any], lang: str) -> None:
    from reportgen.cli.output import print_text
    from reportgen.messages import text

    print_text(results, lang, staff=True)
    for path in files:
        click.echo(text("render.written", lang, path=path))
    sys.exit(EXIT_OK if all(r.valid for r in results) else EXIT_INPUT)


@staff.command(
    short_help=words("help.staff.recommend.short"),
    help=words("help.staff.recommend"),
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
    short_help=words("help.staff.contacts.short"),
    help=words("help.staff.contacts"),
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
    short_help=words("help.staff.collect.short"),
    help=words("help.staff.collect"),
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
