"""What a Word report's paragraphs are: headings of 附件2-1's outline found by their text,
however people write them, and the facts a cover or a table states.

A heading is a short paragraph (a styled heading, a bold or larger line, or an item of
Word's list numbering: the style is not needed) whose text, without its numbering (一、
一． 1. （一） (一) （1） …), spaces, punctuation and full-width forms, is one of the
outline's names or their short forms (技术先进性 for 产品技术先进性), perhaps with a word
such as 情况 after it. A paragraph saying more is body text, whatever it looks like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reportgen.model import SUBSECTIONS
from reportgen.model.credit_code import problem as credit_code_problem

# each part's and subsection's names; the first is the outline's own
PARTS: dict[str, tuple[str, ...]] = {
    "technology": ("产品技术水平", "技术水平"),
    "quality": ("产品质量水平", "质量水平"),
    "brand": ("产品品牌价值", "品牌价值"),
    "competitiveness": ("综合竞争力", "产品综合竞争力"),
}
NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("technology", "advancement"): ("产品技术先进性", "技术先进性"),
    ("technology", "innovation"): ("产品技术创新性", "技术创新性"),
    ("technology", "leadership"): ("产品技术主导性", "技术主导性"),
    ("quality", "reliability"): ("产品可靠性", "可靠性"),
    ("quality", "safety"): ("产品安全性", "安全性"),
    ("quality", "management"): ("质量管理体系", "质量管理"),
    ("brand", "building"): ("品牌建设", "产品品牌建设"),
    ("brand", "reputation"): ("品牌美誉度", "产品品牌美誉度", "美誉度"),
    ("brand", "market_share"): ("市场占有率", "产品市场占有率"),
    ("competitiveness", "product"): ("产品竞争力",),
    ("competitiveness", "enterprise"): ("企业竞争力",),
}
ORDER = [path for path, _, _ in SUBSECTIONS]
assert list(NAMES) == ORDER  # the outline's order is the model's
_TRAILING = ("情况", "分析", "说明", "方面", "概述", "介绍")
_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十]+[部分章节]?"
    r"|[一二三四五六七八九十]+[、.]"
    r"|[(（][一二三四五六七八九十\d]+[)）][、.]?"
    r"|\d+(?:\.\d+)*[、.)]?)"
)
_PUNCTUATION = re.compile(r"[\s:：、.。,，;；\-—]+")
HEADING_LENGTH = 24  # a longer paragraph is body text even if it starts with a name


@dataclass(frozen=True)
class Heading:
    part: str
    subsection: str | None  # None: the part's own heading (一、产品技术水平)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    for _ in range(2):  # 一、（一） written together
        text = _NUMBERING.sub("", text).strip()
    return _PUNCTUATION.sub("", text)


_SUBSECTION = {name: path for path, names in NAMES.items() for name in names}
_PART = {name: part for part, names in PARTS.items() for name in names}


def heading(text: str) -> Heading | None:
    """The outline's heading `text` is, if it is one."""
    if len(text.strip()) > HEADING_LENGTH:
        return None
    cleaned = _clean(text)
    for suffix in ("", *_TRAILING):
        name = cleaned.removesuffix(suffix) if suffix else cleaned
        if suffix and name == cleaned:
            continue
        if name in _SUBSECTION:
            part, subsection = _SUBSECTION[name]
            return Heading(part, subsection)
        if name in _PART:
            return Heading(_PART[name], None)
    return None


# -- facts: "企业名称：…" on the cover, or a table's label cell and the cell after it

FACTS: dict[str, tuple[str, ...]] = {
    "enterprise.name": ("企业名称", "申报企业", "申报单位", "单位名称", "企业全称"),
    "enterprise.credit_code": ("统一社会信用代码", "社会信用代码", "信用代码"),
    "product.name": ("产品名称", "申报产品", "申报产品名称"),
    "product.models": ("产品型号", "型号", "规格型号", "产品规格型号"),
}
_LABEL = {_PUNCTUATION.sub("", name): key for key, names in FACTS.items() for name in names}
_STATED = re.compile(r"^\s*([^:：]{2,10})\s*[:：]\s*(.+?)\s*$")
CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")


def fact_label(text: str) -> str | None:
    """The fact a label cell or a "label：" names (enterprise.name, …)."""
    return _LABEL.get(_PUNCTUATION.sub("", unicodedata.normalize("NFKC", text)))


def stated_fact(line: str) -> tuple[str, str] | None:
    """("enterprise.name", "杭州某某有限公司") from a line "企业名称：杭州某某有限公司"."""
    match = _STATED.match(unicodedata.normalize("NFKC", line))
    if not match:
        return None
    key = fact_label(match.group(1))
    return (key, match.group(2)) if key else None


def fact_value(key: str, value: str) -> str | list[str] | None:
    """The value as the field takes it, or None when it is not one (a credit code that
    fails its check digit is not taken: validation would only refuse it)."""
    value = unicodedata.normalize("NFKC", value).strip()
    if not value:
        return None
    if key == "enterprise.credit_code":
        found = CREDIT_CODE.search(value.upper())
        return found.group(0) if found and credit_code_problem(found.group(0)) is None else None
    if key == "product.models":
        models = [m.strip() for m in re.split(r"[、,，;；/]", value) if m.strip()]
        return models or None
    return value
