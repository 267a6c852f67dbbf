"""The command line speaks the reader's language: click's own words too, in the help and
in usage errors."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import EXAMPLES

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]+")
COMMANDS = [
    ["init"], ["validate"], ["schema"], ["render"], ["convert"], ["batch"], ["doctor"],
    ["staff"], ["staff", "recommend"], ["staff", "contacts"], ["staff", "collect"],
    ["templates"], ["templates", "export"], ["templates", "check"],
]  # fmt: skip


def run(*args: str, lang: str | None = None) -> str:
    env = {"REPORTGEN_LANG": lang} if lang else {"REPORTGEN_LANG": "zh"}
    result = CliRunner(env=env).invoke(cli, list(args))
    return result.output


@pytest.mark.parametrize("command", [[], *COMMANDS], ids=lambda c: " ".join(c) or "reportgen")
def test_help_is_chinese_throughout(command: list[str]) -> None:
    text = run(*command, "--help")
    assert text.startswith("用法：")
    assert "选项：" in text and "显示本帮助并退出。" in text
    for english in ("Usage:", "Options:", "Show this message", "Commands:"):
        assert english not in text


def test_the_command_list_is_whole() -> None:
    text = run("--help")
    listed = text[text.index("命令：") :]
    assert "..." not in listed and "…" not in listed
    names = ("batch", "convert", "doctor", "init", "render", "schema", "staff", "templates")
    for name in (*names, "validate"):
        assert re.search(rf"^  {name}\s+\S", listed, re.M), name


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate"], "错误：缺少参数 'FILE...'"),
        (["vlidate", "x"], "错误：没有命令 'vlidate'。 是否想写 'validate'？"),
        (["validate", "--frmat", "json", "x"], "没有选项 '--frmat'"),
        (["validate", "--format", "xml", "x"], "不是以下之一"),
        (["render", "a.yaml", "--template-dir", "no/such/dir"], "不存在"),
        (["batch", "--jobs", "x", "."], "'x' 不是有效的数字。"),
    ],
)
def test_usage_errors_are_chinese(args: list[str], says: str) -> None:
    result = CliRunner(env={"REPORTGEN_LANG": "zh"}).invoke(cli, args)
    assert result.exit_code == 2
    assert says in result.output
    assert result.output.startswith("用法：") and "Error" not in result.output


@pytest.mark.parametrize("command", [[], *COMMANDS], ids=lambda c: " ".join(c) or "reportgen")
def test_english_help_has_no_chinese(command: list[str]) -> None:
    for text in (
        run(*command, "--help", lang="en"),
        run(*command, "--lang", "en", "--help"),
        run(*command, "--help", "--lang=en"),  # help is printed before --lang is read
    ):
        assert text.startswith("Usage:")
        assert not CJK.search(text), CJK.findall(text)


# what --lang en leaves of reportgen's own words in every command's output: see
# test_english_output.py


def test_the_group_s_lang_holds_for_its_command() -> None:
    text = run("--lang", "en", "validate", str(EXAMPLES / "consumer-tea/application.yaml"))
    assert "passes" in text and "通过" not in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("zh", "reportgen: 内部错误（请报告此问题）：KeyError: 'rd_ratio'\n设置环境变量"),
        ("en", "reportgen: internal error (please report it): KeyError: 'rd_ratio'\nSet "),
    ],
)
def test_a_bug_is_one_line_in_the_reader_s_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, says: str
) -> None:
    import reportgen.checks.validation

    def bug(_file: str, **_: object) -> None:
        raise KeyError("rd_ratio")

    monkeypatch.setattr(reportgen.checks.validation, "check_file", bug)
    monkeypatch.delenv("REPORTGEN_DEBUG", raising=False)
    result = CliRunner(env={"REPORTGEN_LANG": lang}).invoke(cli, ["validate", "a.yaml"])
    assert result.exit_code == 3
    assert result.output.startswith(says) and "Traceback" not in result.output


def test_the_doctor_says_what_to_do_in_the_reader_s_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportgen.convert import doctor

    missing = doctor.Check(doctor.FONTS_FOLDER, None, "", ok=False, hint="doctor.fonts_folder_hint")
    found = doctor.Check(doctor.LOCALE, "C.UTF-8", "")
    monkeypatch.setattr(doctor, "diagnose", lambda _fonts: [found, missing])
    zh = CliRunner(env={"REPORTGEN_LANG": "zh"}).invoke(cli, ["doctor"]).output.splitlines()
    en = CliRunner(env={"REPORTGEN_LANG": "en"}).invoke(cli, ["doctor"]).output.splitlines()
    assert zh[:2] == [
        "✓ 区域设置（字符集）: C.UTF-8",
        "✗ 字体文件夹: 未找到  用 --fonts DIR 或环境变量 REPORTGEN_FONTS=DIR "
        "指定一个含 .ttf、.ttc 或 .otf 字体的文件夹",
    ]
    assert en[1] == (
        "✗ fonts folder: not found  name a folder of .ttf, .ttc or .otf fonts with --fonts DIR "
        "or REPORTGEN_FONTS=DIR"
    )
    assert zh[2].startswith("缺少 1 项") and en[2].startswith("1 missing")
