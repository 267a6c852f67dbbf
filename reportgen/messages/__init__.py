"""Every text reportgen shows a person, in Chinese (default) and English: one lookup.

    text("launch_window", "en", date=..., start=..., end=...)   # a finding's or error's code
    text("verdict.pass", "zh", file="a.yaml")                   # reportgen's own sentence

Keys without a dot are the stable codes of findings and errors (CLI.md's `code`); dotted
keys are reportgen's own sentences, grouped by where they appear (console, help.*, doc.*
for the documents, which are Chinese and look theirs up with "zh"). The tables are
zh/ and en/, one module per area; both hold every key, with the same placeholders.

Templates are `str.format` strings, or functions of the params for a message whose parts
depend on them. Param values are shown in the reader's language: a bool as yes/no, a
list joined ("、" or ", "), a `Named` by its name in that language, a `Phrase` (a key
and its params) as that message. So code passes facts, never words of its own. (A
function template sees the params as shown, a bool already 是/否: what it branches on
is a string, or empty.)

A key without a message or a message without one of its params is a bug of reportgen's.
Under tests (REPORTGEN_STRICT_MESSAGES=1, set by tests/conftest.py) it raises; for a
user it is logged and the message shown as well as it can be, never a crash.

click's own words (Usage:, usage errors) are click's msgids, filled in by click itself:
they are translated by the catalogue in zh/click.py (see cli/i18n.py), not by `text`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from reportgen.messages import en, zh

Template = str | Callable[[dict[str, Any]], str]
LANGS: dict[str, dict[str, Template]] = {"zh": zh.MESSAGES, "en": en.MESSAGES}
STRICT_VARIABLE = "REPORTGEN_STRICT_MESSAGES"
_log = logging.getLogger(__name__)


class MessageError(LookupError):
    """A key without a message, or a message without a param it names: a bug of
    reportgen's, never a user's (so not in errors.py). Raised only when strict."""


class Named:
    """Something with a name in each language: a field (its Chinese title; its dotted
    path for an English reader), a choice (its label; its code). The names are data
    (the model's titles, the policy's labels), not sentences of reportgen's."""

    __slots__ = ("en", "zh")

    def __init__(self, zh: Any, en: Any) -> None:
        self.zh, self.en = zh, en

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Named) and (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash((Named, str(self.zh), str(self.en)))

    def __repr__(self) -> str:
        return f"Named({self.zh!r}, {self.en!r})"


class Phrase:
    """A message as a param of another: shown in the reader's language, like its host."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key, self.params = key, params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash((Phrase, self.key, tuple(sorted(self.params))))

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:  # keyword params: pickled for batch workers
        return (_phrase, (self.key, self.params))


def _phrase(key: str, params: dict[str, Any]) -> Phrase:
    return Phrase(key, **params)


def default_lang() -> str:
    lang = os.environ.get("REPORTGEN_LANG", "zh").lower()[:2]
    return lang if lang in LANGS else "zh"


def strict() -> bool:
    return os.environ.get(STRICT_VARIABLE, "") not in ("", "0")


def text(key: str, lang: str = "zh", /, **params: Any) -> str:
    """The message `key` in `lang` ("zh" for anything else), filled with `params`."""
    lang = lang if lang in LANGS else "zh"
    template = LANGS[lang].get(key)
    if template is None:
        template = _fault(f"no message {key!r} in {lang}", LANGS["zh"].get(key))
        if template is None:  # shown as the code and its params rather than nothing
            return f"{key} {params}" if params else key
    values = _Values(key, lang, {name: show(value, lang) for name, value in params.items()})
    reason = LANGS[lang].get(f"os_reason.{values.get('errno')}")
    if isinstance(reason, str):  # the system's refusal (errors.os_reason) in our words
        values["reason"] = reason
    cause = values.get("cause")
    if isinstance(cause, dict) and "code" in cause:  # a message quoting another's
        values["cause"] = text(cause["code"], lang, **cause.get("params", {}))
    suggestion = values.get("suggestion")
    if key != "word.did_you_mean":  # "; did you mean …?" when there is a suggestion
        values["did_you_mean"] = (
            text("word.did_you_mean", lang, suggestion=suggestion) if suggestion else ""
        )
    try:
        return str(template(values) if callable(template) else template.format_map(values))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError) as exc:
        if strict():
            raise
        _log.warning("message %r (%s) failed: %r", key, lang, exc)
        return f"{key} {params}"


def template(key: str, lang: str) -> str:
    """The message `key` unfilled, `{name}` and all: for a page's script to fill."""
    found = LANGS.get(lang, LANGS["zh"]).get(key)
    if not isinstance(found, str):
        raise KeyError(f"no plain message {key!r} in {lang}")
    return found


def show(value: Any, lang: str) -> Any:
    """A param value in the reader's language."""
    if isinstance(value, bool):
        return text("word.yes" if value else "word.no", lang)
    if isinstance(value, Named):
        return show(value.en if lang == "en" else value.zh, lang)
    if isinstance(value, Phrase):
        return text(value.key, lang, **value.params)
    if isinstance(value, list | tuple):
        if not value:
            return text("word.none", lang)
        return text("word.list_separator", lang).join(str(show(v, lang)) for v in value)
    return value


class _Values(dict[str, Any]):
    """A message's params; one it names but was not given is a bug (see the docstring)."""

    def __init__(self, key: str, lang: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.key, self.lang = key, lang

    def __missing__(self, name: str) -> str:
        return str(_fault(f"message {self.key!r} ({self.lang}) needs the param {name!r}", ""))


def _fault(problem: str, fallback: Any) -> Any:
    if strict():
        raise MessageError(problem)
    _log.warning("%s", problem)
    return fallback


_NUMERALS = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI"}


def clause_text(clause: str, lang: str) -> str:
    """A clause of the call ('附件2 二、4') as the reader reads it ('annex 2, II.4')."""
    if lang != "en":
        return clause
    text = clause.replace("附件", "annex ").replace("注", "note ")
    text = "".join(_NUMERALS.get(c, c) for c in text).replace("、", ".")
    return text.replace(" I", ", I").replace(" V", ", V").replace(" note", ", note")
