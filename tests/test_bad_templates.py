"""A consultant's template is code: whatever it does ends in a message naming the
template and the rule, exit 3, within a bounded time and memory, and the other
applications of a batch go on."""

from __future__ import annotations

import os
import resource
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch import build_batch
from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.errors import RenderError
from reportgen.render import render
from reportgen.render.sandbox import time_limit

from .conftest import ADVANCED, EXAMPLES, edit_template, template_copy

TITLE = "浙江制造精品报告书</w:t>"


def _template(tmp_path: Path, jinja: str) -> Path:
    custom = template_copy(tmp_path)
    text = jinja.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    edit_template(custom / "report_book.docx", TITLE, text + "</w:t>")
    return custom


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    ("jinja", "code", "says"),
    [
        ('{% extends "base.docx" %}', "template_include", "base.docx"),
        ('{% include "other.xml" %}', "template_include", "other.xml"),
        ('{% import "macros" as m %}', "template_include", "macros"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "template_limit", "Recursion"),
        ("{{ 'x' * 10**9 }}", "template_limit", "1,000,000,000"),
        ("{{ [0] * 10**9 }}", "template_limit", "1,000,000,000"),
        ("{{ 'x'|center(10**9) }}", "template_limit", "1,000,000,000"),
        ("{{ 'x'.ljust(10**9) }}", "template_limit", "1,000,000,000"),
        ("{{ 9 ** 999999999 }}", "template_limit", "999,999,999 次方"),
        ("{{ '{:>1000000000}'.format(1) }}", "template_limit", "1000000000"),
        ("{{ range(10**9)|list }}", "template_limit", "MAX_RANGE"),
        ("{{ '{0}'.format_map(enterprise) }}", "template_error", "Error"),
        ("{{ '{0[1]}'.format_map([1]) }}", "template_error", "IndexError"),
    ],
)
def test_a_template_s_own_failures_are_named(
    tmp_path: Path, jinja: str, code: str, says: str
) -> None:
    custom = _template(tmp_path, jinja)
    before, start = _peak_mb(), time.monotonic()
    with pytest.raises(RenderError) as raised:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=custom)
    assert raised.value.code == code, raised.value.message()
    message = raised.value.message()
    assert "report_book.docx" in message and says in message, message
    assert "缺陷" not in message and "Traceback" not in message
    assert time.monotonic() - start < 30 and _peak_mb() - before < 500  # no gigabyte taken
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_a_template_that_never_ends_is_stopped(tmp_path: Path) -> None:
    custom = _template(
        tmp_path,
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    )
    from reportgen.render import sandbox

    start = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sandbox, "TEMPLATE_SECONDS", 1.0)
        with pytest.raises(RenderError) as raised:
            render(check_file(ADVANCED), tmp_path / "out", template_dir=custom)
    assert raised.value.code == "template_timeout" and "超过" in raised.value.message()
    assert time.monotonic() - start < 15


def test_the_time_limit_takes_back_what_it_did_not_raise() -> None:
    with time_limit(0.05):
        total = sum(range(1000))
    time.sleep(0.2)  # past the limit, outside the block: nothing is raised here
    assert total == 499500


def test_a_bad_template_fails_its_application_not_the_batch(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    for name in ("a", "b"):
        shutil.copytree(EXAMPLES / "advanced-cnc", clients / name)
    custom = _template(tmp_path, "{{ 'x' * 10**9 }}")
    summary = build_batch([clients], tmp_path / "out", pdf=False, template_dir=custom)
    assert [row.status for row in summary.rows] == ["failed", "failed"]
    assert all("生成的内容超过上限" in row.problems[0] for row in summary.rows)


@pytest.mark.parametrize("part", ["word/styles.xml", "word/footer1.xml", "word/document.xml"])
def test_an_external_entity_in_any_part_is_refused(tmp_path: Path, part: str) -> None:
    custom = template_copy(tmp_path)
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    edit_template(custom / "report_book.docx", "?>", "?>" + doctype, part)
    result = CliRunner().invoke(
        cli, ["render", str(ADVANCED), "-o", str(tmp_path / "out"), "--no-pdf",
              "--template-dir", str(custom)],
    )  # fmt: skip
    assert result.exit_code == 3
    assert f"{part} 含有 DOCTYPE 声明" in result.output and "root:" not in result.output


@pytest.mark.slow
def test_a_zip_bomb_template_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    custom = template_copy(tmp_path)
    bomb = custom / "report_book.docx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(2048):  # 2 GB of spaces, about 2 MB compressed
            part.write(b" " * 2**20)
    before = _peak_mb()
    with pytest.raises(RenderError) as raised:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=custom)
    assert raised.value.code == "docx_too_large" and "2048 MB" in raised.value.message()
    assert _peak_mb() - before < 200


@pytest.mark.parametrize("content", [b"not a zip at all", b""])
def test_a_template_that_is_not_a_docx(tmp_path: Path, content: bytes) -> None:
    custom = template_copy(tmp_path)
    (custom / "report_book.docx").write_bytes(content)
    with pytest.raises(RenderError) as raised:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=custom)
    assert raised.value.code == "docx_not_zip" and "report_book.docx" in raised.value.message()


def test_a_fifo_as_template_is_refused_not_waited_on(tmp_path: Path) -> None:
    custom = template_copy(tmp_path)
    (custom / "report_book.docx").unlink()
    os.mkfifo(custom / "report_book.docx")
    with pytest.raises(RenderError) as raised:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=custom)
    assert raised.value.code == "template_unreadable" and "不是普通文件" in raised.value.message()
    (row,) = build_batch([ADVANCED], tmp_path / "b", pdf=False, template_dir=custom).rows
    assert row.status == "failed" and row.problems == [raised.value.message()]
