"""Input files a user or an attacker can make: each ends in a sentence naming what is
wrong and where, exit 1, in batch a row; none crashes, hangs or fills memory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch import build_batch
from reportgen.checks.validation import check_file
from reportgen.cli import cli

from .conftest import ADVANCED, codes, finding

TEXT = ADVANCED.read_text("utf-8")
DEEP = "[" * 10_000 + "]" * 10_000


def _validate(*args: str, stdin: str | bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *args], input=stdin)
    assert "Traceback" not in result.output and "内部错误" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def client(tmp_path: Path) -> Path:
    shutil.copytree(ADVANCED.parent, tmp_path / "client")
    return tmp_path / "client" / "application.yaml"


def test_json_nested_ten_thousand_deep(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    file = tmp_path / "a" / "application.json"
    file.write_text('{"a": ' + DEEP + "}", "utf-8")
    code, output = _validate(str(file))
    assert code == 1 and "嵌套层级超过 64 层" in output
    code, output = _validate("-", stdin=DEEP)
    assert code == 1 and "嵌套层级超过 64 层" in output
    row = build_batch([tmp_path], tmp_path / "out", pdf=False).rows[0]
    assert row.status == "errors" and "嵌套层级" in row.problems[0]


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (
            TEXT.encode("utf-16-le")[:400] + b"\x00\xdc" + TEXT.encode("utf-16-le")[400:],
            TEXT[:200].count("\n") + 1,
        ),
        (TEXT.encode("utf-16") + b"\x0a", None),  # an odd number of bytes
    ],
    ids=["lone surrogate", "odd byte count"],
)
def test_broken_utf16_names_its_line(tmp_path: Path, raw: bytes, line: int | None) -> None:
    file = tmp_path / "application.yaml"
    file.write_bytes(raw if raw.startswith(b"\xff\xfe") else b"\xff\xfe" + raw)
    problem = finding(check_file(file), "encoding_invalid")
    assert problem.line is not None and (line is None or problem.line == line)
    assert f"第 {problem.line} 行附近" in problem.message()


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_undecodable_bytes_name_their_line(tmp_path: Path, encoding: str) -> None:
    lines = TEXT.encode(encoding).split(b"\n")
    lines[10] += b"\xff\xfe\xfa"
    file = tmp_path / "application.yaml"
    file.write_bytes(b"\n".join(lines))
    problem = finding(check_file(file), "encoding_invalid")
    assert problem.line == 11 and problem.message().startswith("文件编码无法识别（第 11 行附近）")


def test_devices_and_fifos_are_not_read_as_applications(tmp_path: Path) -> None:
    fifo = tmp_path / "application.yaml"
    os.mkfifo(fifo)
    for file in (str(fifo), "/dev/zero"):
        code, output = _validate(file)  # would wait for a writer, or read without end
        assert code == 1 and "不是普通文件" in output


def test_evidence_that_is_a_device_fifo_or_loop_is_named(client: Path) -> None:
    evidence = client.parent / "evidence"
    (evidence / "sales-statement.pdf").unlink()
    os.mkfifo(evidence / "sales-statement.pdf")
    (evidence / "audit-2023-2025.pdf").unlink()
    (evidence / "audit-2023-2025.pdf").symlink_to("loop.pdf")
    (evidence / "loop.pdf").symlink_to("audit-2023-2025.pdf")
    result = check_file(client)
    said = {f.path: f.message() for f in result.findings if f.code == "evidence_unreadable"}
    assert "不是普通文件" in said["evidence[2].file"]
    assert "符号链接形成了循环" in said["evidence[1].file"]
    assert "render_bug" not in codes(result)


def test_a_device_linked_from_the_folder_is_refused_as_outside(client: Path) -> None:
    evidence = client.parent / "evidence" / "sales-statement.pdf"
    evidence.unlink()
    evidence.symlink_to("/dev/zero")
    assert finding(check_file(client), "evidence_outside").path == "evidence[2].file"


@pytest.mark.parametrize("depth", [9, 1000, pytest.param(5000, marks=pytest.mark.slow)])
def test_deep_quotes_are_an_error_and_a_draft_says_so(client: Path, depth: int) -> None:
    text = client.read_text("utf-8")
    paragraph = "        主轴系统采用"
    client.write_text(
        text.replace(paragraph, "        " + "> " * depth + "主轴系统采用", 1), "utf-8"
    )
    problem = finding(check_file(client), "text_nesting")
    assert problem.path == "report.technology.advancement.text"
    assert f"嵌套了 {depth} 层" in problem.message()
    result = CliRunner().invoke(
        cli, ["render", str(client), "-o", str(client.parent / "out"), "--no-pdf", "--draft"]
    )
    assert "Traceback" not in result.output and "内部错误" not in result.output
    assert result.exit_code in (0, 3) and ("嵌套过深" in result.output) == (result.exit_code == 3)


def test_lists_nested_as_documents_nest_them_are_fine() -> None:
    from reportgen.checks.completeness import nesting

    assert nesting("1. 一\n   - 甲\n     - 子\n") == 3
    assert nesting("> 引用\n>> 再引用\n") == 2
    assert nesting("普通段落，含 a > b 的比较。") == 0


@pytest.mark.parametrize("rows", [50, pytest.param(5000, marks=pytest.mark.slow)])
def test_long_pipe_tables_render(client: Path, rows: int) -> None:
    from docx import Document

    from reportgen.render import render

    table = "| 序号 | 项目 | 说明 |\n|---|---|---|\n" + "".join(
        f"| {i} | 检测项目{i} | 符合 GB/T 1234 & <企业标准> |\n" for i in range(rows)
    )
    text = client.read_text("utf-8")
    anchor = "    reliability:\n      text: |\n"
    indented = "".join(f"        {line}\n" for line in table.splitlines())
    client.write_text(text.replace(anchor, anchor + indented + "\n", 1), "utf-8")
    outputs = render(check_file(client), client.parent / "out")
    book = next(o.path for o in outputs if o.kind == "report_book" and o.format == "docx")
    tables = [t for t in Document(str(book)).tables if t.rows[0].cells[0].text == "序号"]
    assert len(tables) == 1 and len(tables[0].rows) == rows + 1
    assert tables[0].rows[-1].cells[2].text == "符合 GB/T 1234 & <企业标准>"
