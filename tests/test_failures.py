"""Producing output that fails: one clear line naming what and where, exit 3, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.errors import RenderError
from reportgen.render import markdown, render

from .conftest import ADVANCED, ROOT, check_data, edit_template, example_data, template_copy

TABLE = "| 指标 | 数值 |\n|---|---|\n| 定位精度 | 0.005 mm |\n"


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "application.yaml"
    blocker.write_text("a file where a folder should be")
    folder = blocker / "out"
    for command in (
        ["render", str(ADVANCED), "-o", str(folder), "--no-pdf"],
        ["batch", str(ADVANCED), "-o", str(folder), "--no-pdf"],
        ["staff", "contacts", str(ROOT / "examples/staff/萧山区-工作人员.yaml"), "-o", str(folder)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "reportgen", *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert result.returncode == 3, (command, result.stderr)
        assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert last == f"reportgen: 无法创建输出文件夹 {folder}：路径中有一段是文件而不是文件夹"


def _break_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Narrative tables without the grid docxtpl needs: the crash of issue 11, kept as a
    way to make a bug happen inside one subsection's text."""
    written = markdown._Writer._table

    def without_grid(self: markdown._Writer, content: list[object]) -> None:
        written(self, content)
        table = self.parts[-1]
        start, end = table.index("<w:tblGrid>"), table.index("</w:tblGrid>") + 12
        self.parts[-1] = table[:start] + table[end:]

    monkeypatch.setattr(markdown._Writer, "_table", without_grid)


def test_a_bug_names_the_subsection_whose_text_triggers_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = example_data()
    for part in data["report"].values():  # the example's own tables out of the way
        for section in part.values():
            section["text"] = "\n\n".join(p for p in section["text"].split("\n\n") if "|" not in p)
    data["report"]["brand"]["reputation"]["text"] += "\n\n" + TABLE
    checked = check_data(data)
    _break_tables(monkeypatch)
    with pytest.raises(RenderError) as failure:
        render(checked, tmp_path / "out")
    message = failure.value.message()
    assert message.startswith("生成报告书时出错，出错的是“三、产品品牌价值（二）品牌美誉度”的正文")
    assert "report.brand.reputation.text" in message and "AttributeError" in message
    assert "Traceback" not in message
    assert "report.brand.reputation.text" in failure.value.message("en")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_render_command_prints_the_part_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "client"
    folder.mkdir()
    data = example_data()
    data["report"]["technology"]["innovation"]["text"] += "\n\n" + TABLE
    (folder / "application.json").write_text(json.dumps(data, ensure_ascii=False, default=str))
    for item in data["evidence"]:
        target = folder / item["file"]
        target.parent.mkdir(exist_ok=True)
        target.write_bytes((ADVANCED.parent / item["file"]).read_bytes())
    _break_tables(monkeypatch)
    result = CliRunner().invoke(cli, ["render", str(folder / "application.json"), "--no-pdf"])
    assert result.exit_code == 3
    assert "“一、产品技术水平（二）产品技术创新性”的正文" in result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output


def test_batch_reports_a_template_s_failure_in_one_line(tmp_path: Path) -> None:
    custom = template_copy(tmp_path)
    edit_template(custom / "report_book.docx", "浙江制造精品报告书</w:t>", "{{ 1 // 0 }}</w:t>")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportgen",
            "batch",
            str(ADVANCED),
            "-o",
            str(tmp_path / "out"),
            "--no-pdf",
            "--template-dir",
            str(custom),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stdout + result.stderr
    assert 'File "' not in result.stdout + result.stderr
    row = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["rows"][0]
    assert row["status"] == "failed"
    said = row["problems"][0]
    assert said == "模板 report_book.docx 中的表达式出错：ZeroDivisionError: " + str(
        ZeroDivisionError("integer division or modulo by zero")
    )


def test_batch_reports_a_bug_in_one_line(tmp_path: Path) -> None:
    """A bug in a worker process (planted there through sitecustomize, which every
    Python of the batch imports): its row says so in one line, no traceback anywhere."""
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "import reportgen.render.markdown as m\n"
        "def broken(self, content):\n"
        "    raise KeyError('planted')\n"
        "m._Writer._table = broken\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", "batch", str(ADVANCED), "-o", str(tmp_path / "out"),
         "--no-pdf"],
        capture_output=True, text=True, cwd=ROOT, check=False,
        # the checkout too: sitecustomize imports reportgen before the cwd is on the path,
        # and would find the venv's (another checkout's) otherwise
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(plant), str(ROOT)])},
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    row = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["rows"][0]
    assert row["status"] == "failed"
    assert "KeyError: 'planted'" in row["problems"][0] and "\n" not in row["problems"][0]
    assert "（report.quality.reliability.text）" in row["problems"][0]  # the first table
