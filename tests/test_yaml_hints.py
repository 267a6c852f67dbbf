"""YAML typed with a Chinese keyboard or pasted from Word: Chinese messages, right lines."""

from __future__ import annotations

import re

import pytest

from .conftest import codes, finding
from .test_lenient import EXAMPLE_TEXT, check_yaml

COUNTY = "  county: 富阳区"
COUNTY_LINE = EXAMPLE_TEXT.split("\n").index(COUNTY) + 1
PARAGRAPH = "        主轴系统采用"
LINES = EXAMPLE_TEXT.split("\n")
PARAGRAPH_LINE = next(i for i, text in enumerate(LINES, 1) if text.startswith(PARAGRAPH))
PARSER_WORDS = re.compile(r"\b(expected|found|mapping|could not|token|scalar|block)\b")


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "says"),
    [
        (COUNTY, "\tcounty: 富阳区", "yaml_tab_indent", COUNTY_LINE, "Tab"),
        (COUNTY, "　county: 富阳区", "yaml_fullwidth_space", COUNTY_LINE, "全角空格"),
        (COUNTY, "  county：富阳区", "yaml_fullwidth_colon", COUNTY_LINE, "请写成 county: 富阳区"),
        (COUNTY, "  county:富阳区", "yaml_colon_space", COUNTY_LINE, "请写成 county: 富阳区"),
        (COUNTY, "  county:　富阳区", "yaml_colon_space", COUNTY_LINE, "全角空格"),
        (COUNTY, '  county: "富阳区', "yaml_unclosed_quote", COUNTY_LINE, "没有闭合"),
        (
            COUNTY,
            "  county: 富阳区: 银湖",
            "yaml_colon_in_value",
            COUNTY_LINE,
            'county: "富阳区: 银湖"',
        ),
        (PARAGRAPH, "主轴系统采用", "yaml_block_indent", PARAGRAPH_LINE, "缩进不够"),
    ],
)
def test_keyboard_slips_are_named_on_their_own_line(
    old: str, new: str, code: str, line: int, says: str
) -> None:
    text = EXAMPLE_TEXT.replace(old, new, 1)
    result = check_yaml(text)
    problem = finding(result, code)
    assert problem.line == line  # the parser itself stops at the line after, for most
    assert says in problem.message()
    assert not PARSER_WORDS.search(problem.message()), "no English in the Chinese message"
    assert problem.message("en") != problem.message()


def test_other_syntax_errors_are_explained_in_chinese() -> None:
    contact = EXAMPLE_TEXT[EXAMPLE_TEXT.index("  contact: {") :].split("\n", 1)[0]
    result = check_yaml(EXAMPLE_TEXT.replace(contact, contact.replace("李晓燕,", "李晓燕"), 1))
    problem = finding(result, "yaml_syntax")
    assert problem.message().startswith("YAML 格式错误：{…} 里各项之间要用逗号")
    assert "expected" not in problem.message()  # the parser's English, explained
    assert problem.message("en").startswith("YAML syntax error: items inside {…} are separated")


@pytest.mark.parametrize("character", ["\x0b", "\u2028", "\u2029"])
def test_word_line_breaks_in_yaml_are_read_with_a_warning(character: str) -> None:
    text = EXAMPLE_TEXT.replace("主轴系统采用", f"主轴系统{character}采用", 1)
    result = check_yaml(text)
    assert result.valid
    warning = finding(result, "pasted_line_breaks")
    assert warning.path == "report.technology.advancement.text" and warning.line is not None
    assert result.application is not None
    assert "主轴系统\n" in result.application.report.technology.advancement.text


def test_control_characters_warn_for_yaml_as_for_json() -> None:
    text = EXAMPLE_TEXT.replace(COUNTY, "  county: 富阳\x01区", 1).replace(
        "  address: 杭州市富阳区", "  address: 杭州市\x1f富阳区", 1
    )
    result = check_yaml(text)
    assert result.valid  # the county is recognised without the stray character
    warned = {f.path for f in result.findings if f.code == "control_characters"}
    assert warned == {"enterprise.county", "enterprise.address"}
    assert "control_characters" in codes(result, "warning")


def test_a_slip_is_the_nearest_one_before_the_error() -> None:
    """A valid value quoted over two lines earlier in the file is not what broke it."""
    name = "  name: 杭州富春精工数控机床有限公司"
    text = EXAMPLE_TEXT.replace(name, '  name: "杭州富春精工\n    数控机床有限公司"', 1)
    assert check_yaml(text).valid
    problem = finding(check_yaml(text.replace(COUNTY, "\tcounty: 富阳区", 1)), "yaml_tab_indent")
    assert problem.line == COUNTY_LINE + 1


def test_invisible_characters_in_a_slip_are_shown() -> None:
    problem = finding(
        check_yaml(EXAMPLE_TEXT.replace(COUNTY, "  county：富阳\x0b区", 1)), "yaml_fullwidth_colon"
    )
    assert "\\u000b" in problem.message()
