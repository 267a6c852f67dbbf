"""`reportgen users …`: the accounts of a workspace that a team uses through one server."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from reportgen.cli.i18n import Group, words
from reportgen.cli.options import lang_option

F = TypeVar("F", bound=Callable[..., Any])


def _workspace_option(command: F) -> F:
    return click.option(
        "--workspace",
        default=".",
        show_default=True,
        metavar="DIR",
        type=click.Path(exists=True, file_okay=False, path_type=str),
        help=words("help.users.workspace"),
    )(command)


def _password_stdin_option(command: F) -> F:
    return click.option("--password-stdin", is_flag=True, help=words("help.users.password_stdin"))(
        command
    )


def _password(from_stdin: bool, lang: str) -> str:
    """The new password: one line of standard input, or typed twice at the prompt."""
    from reportgen.errors import AccountError
    from reportgen.messages import text

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = click.prompt(text("users.password", lang), hide_input=True, err=True)
    again = click.prompt(text("users.password_again", lang), hide_input=True, err=True)
    if first != again:
        raise AccountError("account_passwords_differ")
    return str(first)


def _folders(folders: tuple[str, ...], lang: str) -> str:
    from reportgen.messages import text

    shown = [text("users.whole", lang) if f == "." else f for f in folders]
    return text("templates.joiner", lang).join(shown)


@click.group(cls=Group, short_help=words("help.users.short"), help=words("help.users"))
@lang_option
def users(lang: str) -> None:
    del lang  # as for the top level: the help and errors of the group


@users.command(short_help=words("help.users.add.short"), help=words("help.users.add"))
@click.argument("name")
@click.option("--folder", "folders", multiple=True, metavar="F", help=words("help.users.folder"))
@_workspace_option
@_password_stdin_option
@lang_option
def add(
    name: str, folders: tuple[str, ...], workspace: str, password_stdin: bool, lang: str
) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.web.accounts import Accounts

    accounts = Accounts(Path(workspace))
    granted = [accounts.granted_folder(f) for f in folders]  # said before a password is asked
    account = accounts.add(name, _password(password_stdin, lang), granted)
    click.echo(text("users.added", lang, name=name, folders=_folders(account.folders, lang)))


@users.command("list", short_help=words("help.users.list.short"), help=words("help.users.list"))
@_workspace_option
@lang_option
def list_users(workspace: str, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.web.accounts import Accounts

    listed = Accounts(Path(workspace)).listed()
    if not listed:
        click.echo(text("users.none", lang, workspace=workspace))
    for account in listed:
        folders = _folders(account.folders, lang)
        click.echo(text("users.listed", lang, name=account.name, folders=folders))


@users.command(short_help=words("help.users.remove.short"), help=words("help.users.remove"))
@click.argument("name")
@_workspace_option
@lang_option
def remove(name: str, workspace: str, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.web.accounts import Accounts

    Accounts(Path(workspace)).remove(name)
    click.echo(text("users.removed", lang, name=name))


@users.command(short_help=words("help.users.password.short"), help=words("help.users.password"))
@click.argument("name")
@_workspace_option
@_password_stdin_option
@lang_option
def password(name: str, workspace: str, password_stdin: bool, lang: str) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.web.accounts import Accounts

    accounts = Accounts(Path(workspace))
    if not any(a.name == name for a in accounts.listed()):  # said before a password is asked
        from reportgen.errors import AccountError

        raise AccountError("account_unknown", name=name)
    accounts.set_password(name, _password(password_stdin, lang))
    click.echo(text("users.password_set", lang, name=name))


COMMANDS = [users]
