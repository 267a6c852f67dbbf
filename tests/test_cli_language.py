"""The command line speaks the reader's language: click's own words too, and --lang en
leaves no Chinese that reportgen wrote itself (names from the files and the call stay)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.convert.fonts import FONTS_CONF
from reportgen.policy import policy_path

from .conftest import EXAMPLES, ROOT

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


def _names() -> set[str]:
    """Chinese that is data, not reportgen's words: what the files and the call say."""
    texts = [f.read_text(encoding="utf-8") for f in EXAMPLES.rglob("*.yaml")]
    texts.append(policy_path("zj-2026").read_text(encoding="utf-8"))
    texts.append(FONTS_CONF.read_text(encoding="utf-8"))
    return {run for text in texts for run in CJK.findall(text)}


def test_english_output_has_no_chinese_of_reportgen_s_own(tmp_path: Path) -> None:
    out = tmp_path
    staff = EXAMPLES / "staff"
    outputs = [
        run("validate", *map(str, sorted(EXAMPLES.rglob("*.yaml"))), lang="en"),
        run("render", str(EXAMPLES / "advanced-cnc/application.yaml"), "-o", str(out / "r"),
            "--no-pdf", lang="en"),
        run("batch", str(EXAMPLES), "-o", str(out / "b"), "--no-pdf", lang="en"),
        run("staff", "recommend", str(staff / "萧山区-推荐.yaml"), "-o", str(out / "s"), lang="en"),
        run("staff", "collect", *map(str, staff.glob("*-推荐.yaml")), "-o", str(out / "s"),
            lang="en"),
        run("init", str(out / "new"), lang="en"),
        run("validate", str(out / "new" / "application.yaml"), lang="en"),
    ]  # fmt: skip
    names = _names()
    for text in outputs:
        for line in text.splitlines():
            if line.startswith("written: ") or str(ROOT) in line or str(out) in line:
                continue  # file names are the contract's, in Chinese
            for run_ in CJK.findall(line):
                assert any(run_ in name for name in names), (run_, line)


def test_the_group_s_lang_holds_for_its_command() -> None:
    text = run("--lang", "en", "validate", str(EXAMPLES / "consumer-tea/application.yaml"))
    assert "passes" in text and "通过" not in text
