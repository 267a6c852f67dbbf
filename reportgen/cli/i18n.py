"""The command line in the reader's language: our help texts, and click's own words.

Help texts are `words("中文", "English")`; the commands below show the one of the
current language (`--lang`, or REPORTGEN_LANG). click writes its own words (Usage:,
Options, "Show this message and exit.", usage errors) through gettext's `_`, bound at
import in each of its modules, and ships no Chinese; so those names are pointed at a
lookup of our own. Strings not listed stay English, as click wrote them.
"""

from __future__ import annotations

import inspect
from typing import Any

import click

from reportgen.messages import default_lang

_ENGLISH: dict[str, str] = {}  # a help text → its English


def words(zh: str, en: str) -> str:
    """A help text in Chinese that the commands show in English under `--lang en`.
    (Kept by its text: click hands its own copies of help strings around.)"""
    _ENGLISH[inspect.cleandoc(zh)] = en
    return zh


_current = {"lang": ""}


def set_lang(lang: str) -> None:
    _current["lang"] = lang


def current_lang() -> str:
    return _current["lang"] or default_lang()


def shown(text: Any) -> Any:
    """`text` in the current language."""
    if isinstance(text, str) and current_lang() == "en":
        return _ENGLISH.get(inspect.cleandoc(text), text)
    return text


class _Formatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        colon = "：" if current_lang() == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")


class _Context(click.Context):
    formatter_class = _Formatter


HELP_OPTION = words("显示本帮助并退出。", "Show this message and exit.")
VERSION_OPTION = words("显示版本并退出。", "Show the version and exit.")


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


# click's words → Chinese (placeholders as click fills them)
_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Error: {message}": "错误：{message}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Positional arguments": "参数",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不需要值。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Aborted!": "已中止。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "float": "数字",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要 {nargs} 个值。",
    "Did you mean {possibility}?": "是否想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想写其中之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是以下之一：{choices}。",
}


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
