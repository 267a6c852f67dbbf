"""Every text reportgen shows a person, in Chinese (default) and English.

`render(code, params, lang)` fills the template of `code`. Templates are `str.format`
strings over the finding's params plus a few derived ones (`did_you_mean`, yes/no).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from reportgen.messages import en, zh

Template = str | Callable[[dict[str, Any]], str]
LANGS: dict[str, dict[str, Template]] = {"zh": zh.MESSAGES, "en": en.MESSAGES}


def default_lang() -> str:
    lang = os.environ.get("REPORTGEN_LANG", "zh").lower()[:2]
    return lang if lang in LANGS else "zh"


def ui(key: str, lang: str, **params: Any) -> str:
    """A sentence of reportgen's own (headings, verdicts, what was written), not a finding's."""
    table = en.UI if lang == "en" else zh.UI
    return table[key].format(**params)


def render(code: str, params: dict[str, Any] | Any, lang: str = "zh") -> str:
    table = LANGS.get(lang, zh.MESSAGES)
    template = table.get(code) or zh.MESSAGES[code]
    values = _Lenient({key: _show(value, lang) for key, value in dict(params).items()})
    if lang == "zh" and values.get("errno") in zh.OS_REASONS:
        values["reason"] = zh.OS_REASONS[values["errno"]]
    cause = values.get("cause")
    if isinstance(cause, dict) and "code" in cause:  # a message quoting another's
        values["cause"] = render(cause["code"], cause.get("params", {}), lang)
    suggestion = values.get("suggestion")
    values["did_you_mean"] = (
        (f"，是否想写“{suggestion}”？" if lang == "zh" else f"; did you mean '{suggestion}'?")
        if suggestion
        else ""
    )
    if callable(template):  # a message with parts that depend on the params
        return str(template(values))
    return str(template.format_map(values))


def _show(value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list | tuple):
        if not value:
            return "无" if lang == "zh" else "none"
        return ("、" if lang == "zh" else ", ").join(map(str, value))
    return value


class _Lenient(dict[str, Any]):
    # a template naming a param the finding lacks shows it empty rather than crashing
    def __missing__(self, key: str) -> str:
        return ""


_NUMERALS = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI"}


def clause_text(clause: str, lang: str) -> str:
    """A clause of the call ('附件2 二、4') as the reader reads it ('annex 2, II.4')."""
    if lang != "en":
        return clause
    text = clause.replace("附件", "annex ").replace("注", "note ")
    text = "".join(_NUMERALS.get(c, c) for c in text).replace("、", ".")
    return text.replace(" I", ", I").replace(" V", ", V").replace(" note", ", note")
