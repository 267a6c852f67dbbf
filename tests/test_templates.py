"""A consultant's own templates (`reportgen templates export|check`), what templates see
of the typed context, and the check report's sentences from messages."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.errors import RenderError
from reportgen.messages import en, zh
from reportgen.render import TEMPLATE_DIR, render
from reportgen.render.own_templates import check_templates

from .conftest import ADVANCED, EXAMPLES, check_data, edit_template, example_data, template_copy

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+")
TITLE = "浙江制造精品报告书</w:t>"  # a run of the book's template that Jinja may replace
NAMES = ("report_book.docx", "commitment_letter.docx", "check_report.docx")


def run(*args: str) -> Any:
    return CliRunner(env={"REPORTGEN_LANG": "zh"}).invoke(cli, list(args))


def with_jinja(folder: Path, jinja: str, part: str = "word/document.xml") -> Path:
    """`folder`'s report book with `jinja` written where its title was."""
    old = TITLE if part == "word/document.xml" else "{% if draft %}"
    text = jinja.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    kept = old.removeprefix("浙江制造精品报告书")  # the run's end, or the header's own tag
    edit_template(folder / "report_book.docx", old, text + kept, part)
    return folder


# ---- export


def test_export_copies_the_built_in_templates(tmp_path: Path) -> None:
    target = tmp_path / "我的模板"
    result = run("templates", "export", str(target))
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert (target / name).read_bytes() == (TEMPLATE_DIR / name).read_bytes()
        assert f"已复制：{target / name}" in result.output
    assert f"reportgen templates check {target}" in result.output


def test_export_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "t"
    target.mkdir()
    (target / "report_book.docx").write_bytes(b"my edits")
    result = run("templates", "export", str(target))
    assert result.exit_code == 1
    assert "report_book.docx 已存在，未覆盖（如需覆盖请加 --force）" in result.output
    assert "Traceback" not in result.output
    assert (target / "report_book.docx").read_bytes() == b"my edits"
    assert not (target / "commitment_letter.docx").exists()  # nothing half-done
    result = run("templates", "export", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert (target / "report_book.docx").read_bytes() == (TEMPLATE_DIR / NAMES[0]).read_bytes()


def test_export_into_a_file_or_an_unwritable_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert run("templates", "export", str(tmp_path / "file")).exit_code == 2  # usage
    blocked = tmp_path / "file" / "below"
    result = run("templates", "export", str(blocked))
    assert result.exit_code == 3 and "Traceback" not in result.output  # CLI.md: output failed
    assert str(blocked) in result.output


# ---- check


def test_the_built_in_templates_use_only_the_context_s_variables(tmp_path: Path) -> None:
    found = check_templates(TEMPLATE_DIR)
    assert found.ok, [p.message() for p in found.problems]
    assert found.checked == list(NAMES) and found.builtin == []
    run("templates", "export", str(tmp_path / "t"))
    result = run("templates", "check", str(tmp_path / "t"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("✓") and "report_book.docx" in result.output


def test_unknown_variables_are_named_with_their_template(tmp_path: Path) -> None:
    folder = with_jinja(template_copy(tmp_path), "{{ enterprise.nmae }}{{ unknown_thing }}")
    result = run("templates", "check", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    nmae = next(line for line in lines if "变量 enterprise.nmae" in line)
    assert nmae.startswith("✗ 模板 report_book.docx") and "是否想写“enterprise.name”" in nmae
    assert any(line.startswith("✗ 模板 report_book.docx 使用了上下文中没有的变量 unknown_thing")
               for line in lines)  # fmt: skip
    assert lines[-1] == f"✗ {folder}：发现 2 个问题"
    # what the check says, rendering confirms
    with pytest.raises(RenderError) as raised:
        render(check_file(ADVANCED), tmp_path / "out", template_dir=folder)
    assert raised.value.code == "template_variable"


@pytest.mark.parametrize(
    ("jinja", "missing"),
    [
        ("{% for p in product.patents %}{{ p.titel }}{% endfor %}", "product.patents[].titel"),
        ("{% for g in check.groups %}{{ g.findings[0].wher }}{% endfor %}",
         "check.groups[].findings[].wher"),
        ("{{ generated.brand_buildin }}", "generated.brand_buildin"),
        ("{{ charts.sale }}", "charts.sale"),
        ("{% set e = enterprise %}{{ e.contact.nam }}", "enterprise.contact.nam"),
        ("{{ enterprise['credit'] }}", "enterprise.credit"),
        ("{{ enterprise.items() }}", "enterprise.items"),  # an object, not a mapping
        ("{{ years[0].x }}{{ product.name.upper() }}{{ unknown_thing.x }}", "unknown_thing"),
    ],
)  # fmt: skip
def test_attributes_are_followed_through_loops_keys_and_sets(
    tmp_path: Path, jinja: str, missing: str
) -> None:
    found = check_templates(with_jinja(template_copy(tmp_path), jinja))
    assert [p.params["variable"] for p in found.problems] == [missing]


@pytest.mark.parametrize(
    "jinja",
    [
        "{% for key, xml in text.items() %}{{ key }}{% endfor %}",
        "{% for s in report.sections %}{{ generated[s.key]|length }}{% endfor %}",
        "{{ enterprise.nope is defined }}{{ enterprise.nope|default('—') }}",
        "{% for r in rd.per_year %}{{ loop.index }}{{ r.ratio }}{% endfor %}{{ range(3)|list }}",
        "{% macro cell(x) %}{{ x.name }}{% endmacro %}{{ cell(enterprise) }}",
        "{{ check.verdict }}{{ enterprise['name'] }}{{ financial_table[0].cells[1] }}",
    ],
)
def test_what_renders_is_not_flagged(tmp_path: Path, jinja: str) -> None:
    folder = with_jinja(template_copy(tmp_path), jinja)
    found = check_templates(folder)
    assert found.ok, [p.message() for p in found.problems]
    render(check_file(ADVANCED), tmp_path / "out", template_dir=folder)  # and it does render


def test_headers_are_checked_too(tmp_path: Path) -> None:
    folder = with_jinja(template_copy(tmp_path), "{{ drafty }}", part="word/header1.xml")
    (problem,) = check_templates(folder).problems
    assert problem.params["variable"] == "drafty" and problem.params["part"] == "word/header1.xml"


def test_the_package_and_syntax_checks_of_render(tmp_path: Path) -> None:
    folder = with_jinja(template_copy(tmp_path), "{% if draft %}{{ enterprise.name|nofilter }}")
    (folder / "commitment_letter.docx").write_bytes(b"not a zip")
    (folder / "check_report.docx").unlink()  # optional: the built-in one is used
    result = run("templates", "check", str(folder))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "check_report.docx 不在文件夹中：生成时使用内置的模板" in result.output
    assert "模板 report_book.docx 有语法错误" in result.output
    assert "commitment_letter.docx 不是 Word 文档" in result.output
    (folder / "commitment_letter.docx").unlink()
    result = run("templates", "check", str(folder), "--lang", "en")
    assert "has no commitment_letter.docx" in result.output and not CJK.search(result.output)
    assert run("templates", "check", str(tmp_path / "none")).exit_code == 2


def test_check_as_a_process_names_both_and_exits_1(tmp_path: Path) -> None:
    folder = with_jinja(template_copy(tmp_path), "{{ enterprise.nmae }}{{ unknown_thing }}")
    exe = str(Path(sys.executable).with_name("reportgen"))
    done = subprocess.run(
        [exe, "templates", "check", str(folder)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "enterprise.nmae" in done.stdout and "unknown_thing" in done.stdout


# ---- what templates see of the typed context


def test_a_template_reads_the_typed_context_and_user_text_stays_text(tmp_path: Path) -> None:
    data = example_data()
    data["enterprise"]["name"] = "杭州<b>富春</b>&{{ 7*7 }}精工"
    data["enterprise"]["mountain_island"] = False
    checked = check_data(data, ADVANCED.parent)
    jinja = (
        "[{% if sales.passes %}达标{% else %}未达标{% endif %}]"
        "[{% if enterprise.mountain_island %}山区{% else %}一般{% endif %}]"
        "[{{ enterprise['name'] }}][{{ rd.passes }}]"
        "[{% for key, sentences in generated.items() %}{{ sentences|length }}{% endfor %}]"
    )
    folder = with_jinja(template_copy(tmp_path), jinja)
    outputs = {o.kind: o.path for o in render(checked, tmp_path / "out", template_dir=folder)}
    text = "\n".join(p.text for p in Document(str(outputs["report_book"])).paragraphs)
    assert "[达标][一般][杭州<b>富春</b>&{{ 7*7 }}精工][是][" in text


# ---- the check report's sentences


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("prefix", ["check_report.", "templates."])
def test_the_sentences_are_in_both_languages_with_the_same_params(prefix: str) -> None:
    keys = {k for k in zh.MESSAGES if k.startswith(prefix)}
    assert keys and keys == {k for k in en.MESSAGES if k.startswith(prefix)}
    for key in keys:
        assert _fields(zh.MESSAGES[key]) == _fields(en.MESSAGES[key]), key


def test_the_check_report_in_english_has_no_chinese_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportgen.render import check_report

    checked = check_file(EXAMPLES / "invalid" / "rd-ratio-low.yaml")
    app, policy = checked.application, checked.policy
    assert app is not None and policy is not None
    monkeypatch.setattr(check_report, "LANG", "en")
    report = check_report.check_context(checked)
    text = check_report.check_markdown(report)
    assert "Verdict: Fails the checks: 1 error(s)" in text
    data = [app.enterprise.name, app.product.name, app.enterprise.county, policy.title,
            policy.mountain_island.source, app.product.category.label, "是否"]  # fmt: skip
    data += [c.label + c.value + c.requirement for c in report.criteria[:2]]  # the book's labels
    data += [report.criteria[3].label, report.criteria[3].requirement]
    for line in text.splitlines():
        for run_ in CJK.findall(line):
            assert any(run_ in name for name in data), (run_, line)


def test_the_check_report_reads_what_the_application_declares() -> None:
    from reportgen.render.check_report import check_context

    data = example_data(EXAMPLES / "consumer-tea" / "application.yaml")
    data["enterprise"]["mountain_island"] = False  # listed, but declared otherwise
    checked = check_data(data, EXAMPLES / "consumer-tea")
    notes = "\n".join(check_context(checked).notes)
    assert "）属于山区海岛县；申报文件指定为“否”，按指定执行。适用标准：一般标准。" in notes


def test_characters_xml_cannot_hold_leave_every_nested_value(tmp_path: Path) -> None:
    data = example_data()
    title = data["product"]["patents"][0]["title"]
    data["product"]["patents"][0]["title"] = title + "\x01"  # deep in the typed context
    data["enterprise"]["quality"]["certifications"][0] += "\x0b"
    checked = check_data(data, ADVANCED.parent)
    outputs = {o.kind: o.path for o in render(checked, tmp_path / "out")}
    document = Document(str(outputs["report_book"]))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert title in cells and not any("\x01" in c or "\x0b" in c for c in cells)
