"""The command line in the reader's language: our help texts, and click's own words.

Help texts are `words("help.…")`, keys of reportgen/messages; the commands below show
them in the current language (`--lang`, or REPORTGEN_LANG). click writes its own words
(Usage:, Options, "Show this message and exit.", usage errors) through gettext's `_`,
bound at import in each of its modules, and ships no Chinese; so those names are
pointed at the catalogue in messages/zh/click.py. Strings not listed stay English, as
click wrote them.
"""

from __future__ import annotations

import inspect
from typing import Any

import click

from reportgen import messages
from reportgen.messages import default_lang
from reportgen.messages.zh.click import WORDS as _ZH

_KEYS: dict[str, str] = {}  # a help text in Chinese → its key


def words(key: str) -> str:
    """The help text `key` in Chinese, which the commands show in English under
    `--lang en`. (Found again by its text: click hands its own copies of help around.)"""
    chinese = messages.text(key, "zh")
    _KEYS[inspect.cleandoc(chinese)] = key
    return chinese


_current = {"lang": ""}


def set_lang(lang: str) -> None:
    _current["lang"] = lang


def current_lang() -> str:
    return _current["lang"] or default_lang()


def shown(text: Any) -> Any:
    """`text` in the current language."""
    if isinstance(text, str) and current_lang() == "en":
        key = _KEYS.get(inspect.cleandoc(text))
        return messages.text(key, "en") if key else text
    return text


class _Formatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        heading = messages.text("cli.heading", current_lang(), heading=heading)
        self.write(f"{'':>{self.current_indent}}{heading}\n")


class _Context(click.Context):
    formatter_class = _Formatter


HELP_OPTION = words("help.option.help")
VERSION_OPTION = words("help.option.version")


class _Localized:
    """Help, short help and option texts in the current language."""

    help: Any
    short_help: Any
    context_class: type[click.Context] = _Context

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            text = inspect.cleandoc(shown(self.help)).partition("\f")[0]
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        # our short help is written to fit; click would cut a long one with "..."
        text = shown(self.short_help) or shown(self.help) or ""
        return inspect.cleandoc(str(text)).split("\n")[0].strip()

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is None or isinstance(param, click.Argument):
                continue
            names, text = record
            for original in (getattr(param, "help", None), getattr(param, "show_default", None)):
                if isinstance(original, str) and original:
                    text = text.replace(original, shown(original))
            records.append((names, text))
        if records:
            with formatter.section(_translate("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:  # made once, maybe before --lang was read
            option.help = HELP_OPTION
        return option  # type: ignore[no-any-return]


class Command(_Localized, click.Command):
    pass


class Group(_Localized, click.Group):
    command_class = Command


class _Name(str):
    """A word click keeps from import on (a path type's name, "directory") and only later
    puts in a message with .title(): translated then, in the language of that moment."""

    def title(self) -> str:
        return _ZH.get(str(self), str(self)) if current_lang() == "zh" else str(self).title()


_NAMES = {"file", "directory", "path"}


def _translate(message: str) -> str:
    if message in _NAMES:
        return _Name(message)
    return _ZH.get(message, message) if current_lang() == "zh" else message


def interrupted() -> str:
    """What Ctrl-C ends with, as click says it (已中止。)."""
    return _translate("Aborted!")


def _ntranslate(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


def install() -> None:
    """Point click's gettext names at our lookup (idempotent)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = _translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ntranslate  # type: ignore[attr-defined]


install()  # at import, before any command is declared: click keeps some words from then
