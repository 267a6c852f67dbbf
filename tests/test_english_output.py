"""`--lang en` leaves no Chinese that reportgen wrote itself: every command, on the
examples and on broken input, in text and JSON. What may stay Chinese is data: the
strings of the input files and of the call's policy, file names and paths, the fonts
the machine has; each is removed from the output, and no Chinese may remain."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.convert.doctor import diagnose
from reportgen.errors import ReportgenError
from reportgen.policy import policy_path
from reportgen.source import load

from .conftest import ADVANCED, EXAMPLES, ROOT

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")
STAFF = EXAMPLES / "staff"
BROKEN = {  # name -> content: input a user gets wrong, each said by another message
    "空的.yaml": b"",
    "制表符.yaml": b"format_version: 1\nenterprise:\n\tname: x\n",
    "中文冒号.yaml": "format_version: 1\ncall：zj-2026\n".encode(),
    "引号.yaml": b'format_version: 1\ncall: "zj-2026\nenterprise: {}\n',
    "花括号.yaml": b"format_version: 1\nenterprise: {name: a b: c\n",
    "锚点.yaml": b"format_version: 1\nenterprise: *nowhere\n",
    "列表.yaml": b"- 1\n- 2\n",
    "坏的.json": b'{"format_version": 1,',
    "编码.yaml": "format_version: 1\ncall: 浙江\n".encode("gb18030"),
    "多文档.yaml": b"format_version: 1\n---\nformat_version: 1\n",
}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _data_of(path: Path) -> set[str]:
    """The strings of a file as data; of a file that cannot be read as data, its words."""
    try:
        return set(_strings(load(path).data))
    except ReportgenError:
        raw = path.read_bytes()
        text = raw.decode("utf-8", "replace") + raw.decode("gb18030", "replace")
        return set(re.findall(r"[^\s:：\"'{}\[\],]+", text))


def _data(*folders: Path) -> list[str]:
    """Every string of the input and of the call, long ones also as messages cut them."""
    found = set(_strings(load(policy_path("zj-2026")).data))
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
                found |= _data_of(path)
    found |= {c.name for c in diagnose()} | {c.found for c in diagnose() if c.found}
    for text in list(found):  # source.text.shortened and leftovers' _short
        found |= {text[: limit - 3] + "…" for limit in (30, 32, 40) if len(text) > limit - 3}
    return sorted(found, key=len, reverse=True)  # the longest first: names inside names


def _not_data(output: str, data: list[str], folders: list[Path]) -> list[str]:
    """The lines of `output` with Chinese left once data, paths and quoted values are out."""
    for folder in folders:  # paths: the contract's file names are Chinese
        output = re.sub(re.escape(str(folder)) + r"[^\s'\"“”]*", "", output)
    # a value quoted in a message is the user's (a part of a longer text, say)
    whole = "\n".join(data)
    # (an apostrophe inside a word, as in "starter's", opens no quote)
    quoted = re.compile(r"(?<!\w)'([^'\n]+)'(?!\w)|\"([^\"\n]+)\"|“([^”\n]+)”")
    output = quoted.sub(lambda m: "" if next(filter(None, m.groups())) in whole else m[0], output)
    for text in data:
        if CJK.search(text):
            output = output.replace(text, "")
    return [line for line in output.splitlines() if CJK.search(line)]


def _run(*args: str, **env: str) -> str:
    result = CliRunner(env={"REPORTGEN_LANG": "zh", **env}).invoke(cli, [*args, "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.output


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, and broken files beside them (a copy: init and batch write)."""
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(EXAMPLES, root / "examples")
    broken = root / "broken"
    broken.mkdir()
    for name, content in BROKEN.items():
        (broken / name).write_bytes(content)
    (broken / "文件夹.yaml").mkdir()
    return root


def test_no_command_writes_chinese_of_its_own_in_english(inputs: Path, tmp_path: Path) -> None:
    examples, broken, out = inputs / "examples", inputs / "broken", tmp_path
    valid = sorted(map(str, examples.glob("*/application.yaml")))
    invalid = sorted(map(str, (examples / "invalid").glob("*.yaml")))
    bad = [*sorted(map(str, broken.iterdir())), str(broken / "不存在.yaml")]
    staff = examples / "staff"
    outputs = {
        "validate": _run("validate", *valid, *invalid, *bad),
        "validate json": _run("validate", "--format", "json", *valid, *invalid, *bad),
        "render": _run("render", valid[0], "-o", str(out / "r"), "--no-pdf"),
        "render refused": _run("render", invalid[0], "-o", str(out / "x"), "--no-pdf"),
        "render draft": _run("render", invalid[1], "-o", str(out / "d"), "--no-pdf", "--draft"),
        "render unreadable": _run("render", bad[0], "-o", str(out / "u"), "--no-pdf"),
        "batch": _run("batch", str(examples), str(broken), "-o", str(out / "b"), "--no-pdf"),
        "batch nothing": _run("batch", str(examples / "staff"), "-o", str(out / "n")),
        "recommend": _run("staff", "recommend", str(staff / "萧山区-推荐.yaml"), "-o", str(out)),
        "recommend draft": _run(
            "staff", "recommend", str(staff / "富阳区-推荐.yaml"), "-o", str(out), "--draft"
        ),
        "contacts": _run("staff", "contacts", str(staff / "萧山区-工作人员.yaml"), "-o", str(out)),
        "collect": _run("staff", "collect", *map(str, staff.glob("*-推荐.yaml")), "-o", str(out)),
        "staff broken": _run("staff", "recommend", bad[1], "-o", str(out)),
        "init": _run("init", str(out / "new")),
        "init again": _run("init", str(out / "new")),
        "doctor": _run("doctor"),
        "usage error": _run("doctor", REPORTGEN_FONTS=str(out / "没有的字体")),
        "schema -o": _run("schema", "-o", str(out / "schema.json")),
    }
    outputs["validate new"] = _run("validate", str(out / "new" / "application.yaml"))
    for name in ("summary.md", "summary.csv", "summary.json"):  # batch writes them in --lang
        outputs[name] = (out / "b" / name).read_text(encoding="utf-8-sig")
    data = _data(examples, broken, out / "new")
    folders = [tmp_path, inputs, ROOT]
    found = {name: _not_data(text, data, folders) for name, text in outputs.items()}
    assert {name: lines for name, lines in found.items() if lines} == {}
    # the runs said what they were meant to (a broken file is not silently skipped)
    for said in ("indented with a tab", "undefined alias", "Is a directory", "file not found"):
        assert said in outputs["validate"], said
    assert "error(s); no documents written" in outputs["render refused"]
    assert "Invalid value for '--fonts'" in outputs["usage error"]
    assert "Batch summary" in outputs["summary.md"] and "Application file" in outputs["summary.csv"]


def test_the_schema_s_only_chinese_is_the_model_s_titles() -> None:
    # titles and descriptions are the model's data (the browser form's labels), and so
    # are the written forms it accepts (patterns: 万元, 年): in any --lang; nothing else
    schema = json.loads(_run("schema"))

    def rest(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("title", "description", "enum", "default", "examples", "pattern"):
                    yield from rest(item)
        elif isinstance(value, list):
            for item in value:
                yield from rest(item)
        elif isinstance(value, str):
            yield value

    assert [text for text in rest(schema) if CJK.search(text)] == []


def test_english_messages_name_fields_by_their_path(tmp_path: Path) -> None:
    shutil.copytree(ADVANCED.parent, tmp_path / "a")
    path = tmp_path / "a" / "application.yaml"
    text = path.read_text(encoding="utf-8").replace("launch_date: 2023-09-01", "launch_date: 9/1")
    path.write_text(text, encoding="utf-8")
    said = json.loads(_run("validate", "--format", "json", str(path)))[0]["problems"]
    assert [p["message"] for p in said if p["path"] == "product.launch_date"] == [
        "product.launch_date: '9/1' is not a date; write YYYY-MM-DD, e.g. 2023-09-01"
    ]
